#!/usr/bin/env node
// The publish step of a release, one script for the Release workflow (changesets/action's `publish` input,
// `pnpm run release`) and for test/publish.test.js, which runs the workflow's own command against a Verdaccio
// registry. It publishes only versions the registry does not have: with nothing new it refuses (exit 1) before
// building, so a second publish of the same versions fails cleanly and publishes nothing. Otherwise it builds every
// package (turbo, each dist/ emptied first), runs `changeset publish` (pnpm publish per package; its "New tag:" lines
// are what changesets/action reads) and checks that the registry now has every version.
// `--plan` only tells: it lists the unpublished versions and writes `unpublished=true|false` to $GITHUB_OUTPUT.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPackages } from '@manypkg/get-packages';
import { cliOptions, run } from './lib/process.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const NPM_REGISTRY = 'https://registry.npmjs.org/';
/** What actions/setup-node exports as NODE_AUTH_TOKEN when `registry-url` is set and no token is given. */
const SETUP_NODE_PLACEHOLDER = 'XXXXX-XXXXX-XXXXX-XXXXX';
/** The first npm that exchanges the workflow's OIDC token for a publish token (npm trusted publishing). */
const TRUSTED_PUBLISHING_NPM = [11, 5, 1];
const USAGE = `Usage: node scripts/release.js [--plan] [--root DIR]
  (no flag)  build every package and publish the versions the registry does not have (exit 1 when there is none)
  --plan     list the versions the registry does not have; write unpublished=true|false to $GITHUB_OUTPUT
  --root     workspace root (default the repository root)
The registry is npm's unless npm_config_@scope:registry or npm_config_registry says otherwise (as changesets reads it).`;

/**
 * The registry a package is published to, read the way `changeset publish` reads it: the scope's
 * `npm_config_@scope:registry`, else `npm_config_registry`, else npm's.
 */
export function registryOf(name, env = process.env) {
  const scope = name.startsWith('@') ? name.split('/')[0] : undefined;
  const registry = (scope && env[`npm_config_${scope}:registry`]) || env.npm_config_registry || NPM_REGISTRY;
  return registry.endsWith('/') ? registry : `${registry}/`;
}

/** `[name, version, dir]` of every package of the workspace that is published (not private). */
export async function publishedPackages(root) {
  const { packages } = await getPackages(root);
  return packages.filter((pkg) => !pkg.packageJson.private).map((pkg) => [pkg.packageJson.name, pkg.packageJson.version, pkg.dir]);
}

/** Whether `name@version` is on `registry` (npm view); throws on any answer but "found" and "not found". */
export async function isOnRegistry(name, version, registry) {
  const scope = name.startsWith('@') ? [`--${name.split('/')[0]}:registry=${registry}`] : [];
  const result = await run('npm', ['view', `${name}@${version}`, 'version', '--json', `--registry=${registry}`, ...scope], { timeoutMs: 60_000 });
  if (result.code === 0) return result.stdout.trim() !== '';
  if (/\bE404\b/.test(result.stdout + result.stderr)) return false;
  throw new Error(`npm view ${name}@${version} on ${registry} exited ${result.code}:\n${(result.stdout + result.stderr).trim().slice(-1500)}`);
}

/** The published packages whose version the registry does not have yet: `{ name, version, registry }`. */
export async function unpublishedVersions(root, env = process.env) {
  const packages = await publishedPackages(root);
  const found = await Promise.all(packages.map(([name, version]) => isOnRegistry(name, version, registryOf(name, env))));
  return packages.filter((_, i) => !found[i]).map(([name, version]) => ({ name, version, registry: registryOf(name, env) }));
}

/** Whether a `major.minor.patch` version is older than `[major, minor, patch]`. */
function olderThan(version, minimum) {
  const parts = version.split('.').map(Number);
  const differs = minimum.findIndex((n, i) => parts[i] !== n);
  return differs >= 0 && parts[differs] < minimum[differs];
}

/**
 * Refuses credentials that make npm's trusted publishing fail with a bare E404: setup-node's placeholder token
 * (its `registry-url` writes `_authToken=${NODE_AUTH_TOKEN}`, which npm sends instead of exchanging the OIDC token),
 * or an npm too old to exchange it. Returns the reason, or null.
 */
export function credentialProblem(env, npmVersion) {
  if (env.NODE_AUTH_TOKEN === SETUP_NODE_PLACEHOLDER) {
    return `NODE_AUTH_TOKEN is actions/setup-node's placeholder (${SETUP_NODE_PLACEHOLDER}): npm would send it instead of using trusted publishing and the registry would answer E404. Remove \`registry-url\` from setup-node in the release job.`;
  }
  const oidc = env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  const older = olderThan(npmVersion, TRUSTED_PUBLISHING_NPM);
  if (oidc && !env.NODE_AUTH_TOKEN && older) {
    return `npm ${npmVersion} cannot use trusted publishing (npm >= ${TRUSTED_PUBLISHING_NPM.join('.')} exchanges the OIDC token): install a newer npm first.`;
  }
  return null;
}

/** Runs a command with its output passed through (changesets/action reads the publish output); resolves its exit code. */
function runVisible(command, args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

/** `--plan`: prints what a publish would publish and tells the workflow whether there is anything. */
async function plan(root) {
  const pending = await unpublishedVersions(root);
  const lines = pending.length ? ['Versions the registry does not have yet:', ...pending.map((p) => `  - ${p.name}@${p.version} (${p.registry})`)]
    : ['Every package version is already on its registry: nothing to publish.'];
  console.log(lines.join('\n'));
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `unpublished=${pending.length > 0}\n`);
  return 0;
}

/** The publish: refuses a release with nothing new, builds, runs `changeset publish`, checks the registry. */
async function publish(root) {
  const { stdout: npmVersion } = await run('npm', ['--version']);
  const problem = credentialProblem(process.env, npmVersion.trim());
  if (problem) throw new Error(problem);
  const pending = await unpublishedVersions(root);
  if (!pending.length) {
    const all = (await publishedPackages(root)).map(([name, version]) => `${name}@${version}`);
    console.error(`Nothing to publish: ${all.join(', ')} are already on ${registryOf(all[0] ?? '')} (a second publish of the same versions). ` +
      'Version the packages first (`pnpm run version-packages`, or merge the "Version packages" pull request).');
    return 1;
  }
  console.log(`Publishing ${pending.map((p) => `${p.name}@${p.version}`).join(', ')} to ${[...new Set(pending.map((p) => p.registry))].join(', ')}`);
  const started = performance.now();
  const took = (what) => console.log(`${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (await runVisible(join(root, 'node_modules/.bin/turbo'), ['run', 'build', '--filter=./packages/*', '--output-logs=errors-only'], root) !== 0) return 1;
  took('Built every package');
  const code = await runVisible(process.execPath, [join(root, 'node_modules/@changesets/cli/bin.js'), 'publish'], root);
  took(`changeset publish exited ${code}`);
  const missing = (await unpublishedVersions(root)).filter((p) => pending.some((q) => q.name === p.name));
  if (missing.length) console.error(`Not on the registry after the publish: ${missing.map((p) => `${p.name}@${p.version}`).join(', ')}`);
  return code !== 0 || missing.length ? 1 : 0;
}

/** Runs the script with command-line arguments and returns the exit code. */
export async function main(argv = process.argv.slice(2)) {
  const { values, exit } = cliOptions(argv, { plan: { type: 'boolean' }, root: { type: 'string' } }, USAGE);
  if (!values) return exit;
  const root = resolve(values.root ?? ROOT);
  // Run by node directly (the plan step), npm's configured registry is not in the environment yet: put it there, so
  // that this script and `changeset publish` read the one npm uses (`pnpm run` exports it from the same config).
  if (!process.env.npm_config_registry) process.env.npm_config_registry = (await run('npm', ['config', 'get', 'registry'])).stdout.trim() || NPM_REGISTRY;
  return values.plan ? plan(root) : publish(root);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => { process.exitCode = code; }, (error) => { console.error(`release: ${error.message}`); process.exitCode = 1; });
}
