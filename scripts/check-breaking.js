#!/usr/bin/env node
// The spec release gate: fails (exit 1) when the bundled spec differs from the last released spec and the pending
// changesets do not bump the spec package and every package that embeds or reads it by as much as the change needs
// (major for a breaking change, minor for an addition, patch for prose). Each change is printed once. Before the first
// release (no released spec yet) it compares with the spec at the merge base of main instead, and asks the changesets
// this branch adds for what its changes need.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { classifyChanges, evaluate, packagesAffectedBySpec, pendingBumps } from './lib/breaking.js';
import { cliOptions, mustSucceed, run } from './lib/process.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const RELEASED = 'packages/spec/released/openapi.json';
const REDOCLY = resolve(fileURLToPath(import.meta.url), '../node_modules/.bin/redocly');
const USAGE = `Usage: node scripts/check-breaking.js [--base FILE] [--current FILE] [--root DIR] [--main REF]
  --base     last released spec (default ${RELEASED}; absent before the first release)
  --current  spec to release (default packages/spec/dist/openapi.json, run the spec bundle first)
  --root     workspace root whose .changeset/ and packages are read (default the repository root)
  --main     before the first release, the branch whose merge base is compared with (default origin/main, else main)`;

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

/** Runs git in `root`; resolves its trimmed output, or throws naming the command. */
async function git(root, args) {
  return mustSucceed(`git ${args.join(' ')}`, await run('git', args, { cwd: root })).stdout.trim();
}

/** `{ ref, sha, head }`: the merge base of HEAD and `ref` (given, else origin/main when it exists, else main). */
async function mergeBase(root, given) {
  const refs = given ? [given] : ['origin/main', 'main'];
  for (const ref of refs) {
    if ((await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root })).code !== 0) continue;
    return { ref, sha: await git(root, ['merge-base', 'HEAD', ref]), head: await git(root, ['rev-parse', 'HEAD']) };
  }
  throw new Error(`no released spec yet, and no ${refs.join(' or ')} to compare with: fetch main (CI: actions/checkout with fetch-depth: 0) or pass --main REF`);
}

/** What bundling the spec reads: specs/, redocly.yaml and the lint plugin it names (with the modules and package.json it loads). */
const BUNDLE_INPUTS = ['specs', 'redocly.yaml', 'packages/spec/package.json', 'packages/spec/lint', 'packages/spec/src'];

/** The spec as it was at commit `sha`: its specs/ and redocly.yaml bundled the way the spec package bundles them. */
async function specAt(root, sha) {
  const dir = mkdtempSync(join(tmpdir(), 'feishu-merge-base-'));
  try {
    // An older commit may have no plugin yet: archive only the inputs that exist there.
    const present = (await git(root, ['ls-tree', '--name-only', sha, '--', ...BUNDLE_INPUTS])).split('\n').filter(Boolean);
    await git(root, ['archive', '--output', join(dir, 'tree.tar'), sha, ...present]);
    mustSucceed('tar -x', await run('tar', ['-xf', join(dir, 'tree.tar'), '-C', dir]));
    mustSucceed('redocly bundle (merge base)', await run(REDOCLY, ['bundle', '--config', join(dir, 'redocly.yaml'), 'main', '--output', join(dir, 'openapi.json')],
      { cwd: dir, env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }));
    return readSpec(join(dir, 'openapi.json'), 'merge base');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pending bumps of the changesets this branch adds: those whose file the merge base does not have. */
async function branchBumps(root, sha) {
  const atBase = new Set((await git(root, ['ls-tree', '--name-only', sha, '.changeset/'])).split('\n').map((f) => f.replace(/^\.changeset\//, '')));
  return pendingBumps(root, (id) => !atBase.has(`${id}.md`));
}

/**
 * Before the first release: `{ changes, firstRelease }` against the merge base of main, `firstRelease` describing
 * that base and the bumps of the changesets the branch adds (none to compare on main itself).
 */
async function againstMergeBase(root, current, mainRef) {
  const base = await mergeBase(root, mainRef);
  const where = `the merge base of ${base.ref} (${base.sha.slice(0, 12)})`;
  if (base.sha === base.head) return { changes: [], firstRelease: { where, onMain: true, branchBumps: new Map() } };
  const changes = await classifyChanges(await specAt(root, base.sha), current);
  return { changes, firstRelease: { where, onMain: false, branchBumps: await branchBumps(root, base.sha) } };
}

/** Runs the check with command-line arguments and returns the process exit code. */
export async function main(argv = process.argv.slice(2)) {
  const options = { base: { type: 'string' }, current: { type: 'string' }, root: { type: 'string' }, main: { type: 'string' } };
  const { values, exit } = cliOptions(argv, options, USAGE);
  if (!values) return exit;
  const root = resolve(values.root ?? ROOT);
  const base = readBaseline(root, values.base);
  const current = readSpec(resolve(root, values.current ?? 'packages/spec/dist/openapi.json'), 'current');
  const { changes, firstRelease } = base ? { changes: await classifyChanges(base, current), firstRelease: null } : await againstMergeBase(root, current, values.main);
  const result = evaluate({ changes, bumps: await pendingBumps(root), affected: await packagesAffectedBySpec(root), firstRelease });
  (result.ok ? console.log : console.error)(result.message);
  if (!result.ok) console.error('\nSpec release check FAILED.');
  return result.ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => { process.exitCode = code; }, (error) => { console.error(`check-breaking: ${error.message}`); process.exitCode = 2; });
}
