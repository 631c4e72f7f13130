// The publish path end to end, against a real registry: a fresh clone of the working tree is versioned from its
// pending changesets and published with the Release workflow's own commands (read from release.yml) to a Verdaccio
// started here on 127.0.0.1; the published packages are installed from it with npm and checked as a user would
// (consumer-dry-run.js --registry); a second publish of the same versions fails and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { cloneAndInstall, snapshot, turboEnv } from '../lib/clone.js';
import { run } from '../lib/process.js';
import { listing, startRegistry } from '../lib/registry.js';
import { pendingBumps } from '../lib/breaking.js';
import { publishedPackages } from '../release.js';

const REPO = resolve(import.meta.dirname, '../..');
const MINUTES = 60_000;

/** The commands the Release workflow runs: the plan step, and changesets/action's version and publish inputs. */
function workflowCommands() {
  const { steps } = parse(readFileSync(join(REPO, '.github/workflows/release.yml'), 'utf8')).jobs.release;
  const changesets = steps.find((step) => step.uses?.startsWith('changesets/action@'));
  // The publish input is an expression that names the command only when the plan found something to publish.
  const publish = /&& '([^']+)'/.exec(changesets.with.publish)?.[1];
  return { plan: steps.find((step) => step.id === 'plan').run, version: changesets.with.version, publish };
}

/** `version` raised by a semver bump type. */
function increment(version, type) {
  const [major, minor, patch] = version.split('.').map(Number);
  return { major: `${major + 1}.0.0`, minor: `${major}.${minor + 1}.0`, patch: `${major}.${minor}.${patch + 1}` }[type];
}

let scratch;
let clone;
let registry;
let env;
const commands = workflowCommands();

/** Runs a workflow command line (`pnpm run X` or `node F ARGS`) in the clone with the registry's environment. */
function runInClone(line, extra = {}) {
  // `pnpm` is the one on the PATH of `env` (turboEnv): never `npx`, which would ask the registry configured for pnpm.
  const [tool, ...args] = line.split(/\s+/);
  return run(tool === 'node' ? process.execPath : tool, args, { cwd: clone, env: { ...env, ...extra }, timeoutMs: 10 * MINUTES });
}

/** What the registry says of a package: its versions and dist-tags (null when it has none). */
async function packument(name) {
  const response = await fetch(`${registry.url}${name.replace('/', '%2f')}`);
  return response.status === 404 ? null : response.json();
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'feishu-publish-'));
  registry = await startRegistry(join(scratch, 'registry'));
  await snapshot(REPO, join(scratch, 'source'));
  clone = await cloneAndInstall(join(scratch, 'source'), join(scratch, 'clone'));
  // A user config of its own: Verdaccio is the registry (pnpm run hands it to changesets as npm_config_registry), with
  // the token, and every other host refused: the workflow's commands cannot publish anywhere else.
  env = turboEnv(scratch, { npm_config_userconfig: registry.npmrc, NPM_CONFIG_PROVENANCE: undefined });
}, 15 * MINUTES);

afterAll(async () => {
  await registry?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, MINUTES);

describe('the publish path against a Verdaccio registry (the Release workflow\'s commands)', () => {
  it('the workflow names its commands: a plan step, version-packages and release', () => {
    expect(commands).toEqual({ plan: 'node scripts/release.js --plan', version: 'pnpm run version-packages', publish: 'pnpm run release' });
  });

  it('versions every package from the pending changesets', async () => {
    const before = new Map((await publishedPackages(clone)).map(([name, version]) => [name, version]));
    const bumps = await pendingBumps(clone);
    const result = await runInClone(commands.version);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const [name, version] of await publishedPackages(clone)) expect(version, name).toBe(increment(before.get(name), bumps.get(name)));
  }, 10 * MINUTES);

  it('the plan finds every version unpublished, and the publish puts each on the registry as latest', async () => {
    const output = join(scratch, 'github-output');
    expect((await runInClone(commands.plan, { GITHUB_OUTPUT: output })).code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('unpublished=true\n');
    const result = await runInClone(commands.publish);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`to ${registry.url}`);
    for (const [name, version] of await publishedPackages(clone)) {
      // changesets/action reads these lines to report what was published (and to deploy the docs).
      expect(result.stdout, name).toContain(`New tag:  ${name}@${version}`);
      const doc = await packument(name);
      expect(Object.keys(doc.versions), name).toEqual([version]);
      expect(doc['dist-tags'].latest, name).toBe(version);
    }
  }, 10 * MINUTES);

  it('a consumer installs the published packages from the registry with npm, and they work (consumer checks)', async () => {
    // The user's own npm config: the consumer project's .npmrc takes @feishu-hire from Verdaccio, the rest from npm's.
    const result = await run(process.execPath, [join(clone, 'scripts/consumer-dry-run.js'), '--root', clone, '--registry', registry.url],
      { cwd: clone, env: { ...env, npm_config_userconfig: undefined }, timeoutMs: 10 * MINUTES });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`npm install the published versions from ${registry.url} into a fresh project`);
    expect(result.stdout).not.toContain('FAIL');
  }, 10 * MINUTES);

  it('a second publish of the same versions fails, names them, and writes nothing to the registry', async () => {
    const before = listing(registry.storage);
    const result = await runInClone(commands.publish);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Nothing to publish');
    for (const [name, version] of await publishedPackages(clone)) expect(result.stderr).toContain(`${name}@${version}`);
    expect(listing(registry.storage)).toEqual(before);
    const output = join(scratch, 'github-output-after');
    expect((await runInClone(commands.plan, { GITHUB_OUTPUT: output })).code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('unpublished=false\n');
  }, 10 * MINUTES);
});
