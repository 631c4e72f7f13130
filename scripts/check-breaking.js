#!/usr/bin/env node
// The spec release gate: fails (exit 1) when the bundled spec differs from the last released spec and the pending
// changesets do not bump the spec package and every package that embeds or reads it by as much as the change needs
// (major for a breaking change, minor for an addition, patch for prose). Each change is printed once.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { classifyChanges, evaluate, packagesAffectedBySpec, pendingBumps } from './lib/breaking.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const RELEASED = 'packages/spec/released/openapi.json';
const USAGE = `Usage: node scripts/check-breaking.js [--base FILE] [--current FILE] [--root DIR]
  --base     last released spec (default ${RELEASED}; absent before the first release)
  --current  spec to release (default packages/spec/dist/openapi.json, run the spec bundle first)
  --root     workspace root whose .changeset/ and packages are read (default the repository root)`;

/** Reads and parses a JSON or YAML spec file, with an error that names the file and its role. */
function readSpec(file, role) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${role} spec ${file} cannot be read (${error.code}); ${role === 'current' ? 'run the spec bundle first' : 'it is written by `pnpm version-packages`'}`);
  }
  try {
    const document = parse(text);
    if (!/^3\./.test(String(document?.openapi))) throw new Error('its "openapi" field must be a 3.x version');
    return document;
  } catch (error) {
    throw new Error(`${role} spec ${file} is not an OpenAPI 3.x document in JSON or YAML: ${error.message}`);
  }
}

/**
 * The released baseline, or null before the first release. A missing baseline is only accepted while the spec
 * package has never been versioned (no CHANGELOG.md), so that deleting it cannot turn the gate off.
 */
function readBaseline(root, file) {
  if (file) return readSpec(resolve(root, file), 'released');
  if (existsSync(resolve(root, RELEASED))) return readSpec(resolve(root, RELEASED), 'released');
  if (existsSync(resolve(root, 'packages/spec/CHANGELOG.md'))) {
    throw new Error(`released spec ${RELEASED} is missing but @feishu-hire/spec has a CHANGELOG.md: restore it (\`pnpm version-packages\` writes it)`);
  }
  return null;
}

/** Runs the check with command-line arguments and returns the process exit code. */
export async function main(argv = process.argv.slice(2)) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: {
      base: { type: 'string' }, current: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean' },
    } }));
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = resolve(values.root ?? ROOT);
  const base = readBaseline(root, values.base);
  const current = readSpec(resolve(root, values.current ?? 'packages/spec/dist/openapi.json'), 'current');
  const changes = base ? await classifyChanges(base, current) : [];
  const result = evaluate({ changes, bumps: await pendingBumps(root), affected: await packagesAffectedBySpec(root), firstRelease: !base });
  (result.ok ? console.log : console.error)(result.message);
  if (!result.ok) console.error('\nSpec release check FAILED.');
  return result.ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => { process.exitCode = code; }, (error) => { console.error(`check-breaking: ${error.message}`); process.exitCode = 2; });
}
