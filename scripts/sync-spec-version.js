#!/usr/bin/env node
// Keeps `info.version` of specs/openapi.yaml equal to the version of @feishu-hire/spec (packages/spec/package.json).
// Run by `pnpm version-packages` right after `changeset version`; `--check` only reports a mismatch (exit 1).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parseDocument, isScalar } from 'yaml';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/**
 * Sets `info.version` in `root/specs/openapi.yaml` to the spec package version, editing only that scalar
 * (comments and formatting stay). Returns `{ from, to, changed }`; with `check: true` it writes nothing.
 */
export function syncSpecVersion(root = ROOT, { check = false } = {}) {
  const specFile = resolve(root, 'specs/openapi.yaml');
  const { version } = JSON.parse(readFileSync(resolve(root, 'packages/spec/package.json'), 'utf8'));
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    throw new Error(`packages/spec/package.json: "version" must be a semver string, got ${JSON.stringify(version)}`);
  }
  const source = readFileSync(specFile, 'utf8');
  const document = parseDocument(source);
  if (document.errors.length) throw new Error(`specs/openapi.yaml is not valid YAML: ${document.errors[0].message}`);
  const node = document.getIn(['info', 'version'], true);
  if (!isScalar(node) || !node.range) throw new Error('specs/openapi.yaml: info.version must be a scalar string');
  const from = String(node.value);
  const changed = from !== version;
  if (changed && !check) {
    const [start, end] = node.range;
    writeFileSync(specFile, source.slice(0, start) + version + source.slice(end));
  }
  return { from, to: version, changed };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { values } = parseArgs({ options: { check: { type: 'boolean' }, root: { type: 'string' } } });
    const result = syncSpecVersion(resolve(values.root ?? ROOT), { check: values.check });
    if (!result.changed) console.log(`specs/openapi.yaml info.version is ${result.to}, equal to @feishu-hire/spec`);
    else if (values.check) {
      console.error(`specs/openapi.yaml info.version is ${result.from} but @feishu-hire/spec is ${result.to}: run \`pnpm version-packages\` or node scripts/sync-spec-version.js`);
      process.exitCode = 1;
    } else console.log(`specs/openapi.yaml info.version: ${result.from} -> ${result.to}`);
  } catch (error) {
    console.error(`sync-spec-version: ${error.message}`);
    process.exitCode = 1;
  }
}
