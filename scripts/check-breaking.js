#!/usr/bin/env node
// Fails (exit 1) when the bundled spec has breaking changes against the last released spec
// and the pending changesets do not give a major bump to every package the spec change affects.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { classifyChanges, evaluate, packagesAffectedBySpec, pendingBumps } from './lib/breaking.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const USAGE = `Usage: node scripts/check-breaking.js [--base FILE] [--current FILE] [--root DIR] [--verbose]
  --base     last released spec (default packages/spec/released/openapi.json)
  --current  spec to release (default packages/spec/dist/openapi.json, run the spec bundle first)
  --root     workspace root whose .changeset/ and packages are read (default the repository root)
  --verbose  also list the non-breaking changes`;

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

/** Runs the check with command-line arguments and returns the process exit code. */
export async function main(argv = process.argv.slice(2)) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: {
      base: { type: 'string' }, current: { type: 'string' }, root: { type: 'string' },
      verbose: { type: 'boolean' }, help: { type: 'boolean' },
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
  const base = readSpec(resolve(root, values.base ?? 'packages/spec/released/openapi.json'), 'released');
  const current = readSpec(resolve(root, values.current ?? 'packages/spec/dist/openapi.json'), 'current');
  const changes = classifyChanges(base, current);
  const result = evaluate({ changes, bumps: await pendingBumps(root), affected: await packagesAffectedBySpec(root) });
  if (values.verbose) {
    for (const change of changes.filter((c) => c.type !== 'breaking')) console.log(`  (${change.type}) ${change.description}`);
  }
  (result.ok ? console.log : console.error)(result.message);
  if (!result.ok) console.error('\nBreaking-change check FAILED.');
  return result.ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => { process.exitCode = code; }, (error) => { console.error(`check-breaking: ${error.message}`); process.exitCode = 2; });
}
