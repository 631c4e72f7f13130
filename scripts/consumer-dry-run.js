#!/usr/bin/env node
// Release dry run: packs every publishable workspace package (`pnpm pack`), installs the tarballs with npm into a
// fresh project in the OS temp dir (outside the workspace) and uses them the way a consumer would:
// ESM and CommonJS imports of the client, a TypeScript program (and a wrong enum that must not compile), the client
// against the installed mock server, the conformance CLI from its installed bin, and the installed docs page.
// With `--registry URL` it packs nothing: it installs the workspace's versions of the packages from that registry
// (what a release published there) and runs the same checks on them.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getPackages } from '@manypkg/get-packages';
import { DEFAULT_APPS, DEFAULT_SEED } from '@feishu-hire/mock-server';
import { operationById, resourceByName } from '@feishu-hire/spec/model';
import { mustSucceed, pnpm, run } from './lib/process.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

export { run };

/** The packages the project publishes; the dry run fails when one is missing from the workspace. */
export const PUBLISHED = ['@feishu-hire/spec', '@feishu-hire/client', '@feishu-hire/mock-server', '@feishu-hire/conformance', '@feishu-hire/docs'];

// The records the checks write to: the mock's seeded interview (the consumer program updates an interview), its
// application and that application's talent, read from the mock's default seed through the resource model.
const interviews = resourceByName(operationById('updateExternalInterview').resource.name);
const applications = resourceByName(interviews.parent.resource);
const seededInterview = DEFAULT_SEED[interviews.name][0];
const seededApplication = DEFAULT_SEED[applications.name].find((a) => a.id === seededInterview[interviews.parent.field]);

/** App credentials and seed ids of the mock server's defaults. */
const MOCK = {
  appId: DEFAULT_APPS[0].appId,
  appSecret: DEFAULT_APPS[0].appSecret,
  interviewId: seededInterview.id,
  applicationId: seededApplication.id,
  talentId: seededApplication[applications.parent.field],
};

/** Packs each package with `pnpm pack` into `dir` (in parallel) and returns a Map of name to tarball path. */
async function packAll(packages, dir) {
  const entries = await Promise.all(packages.map(async (pkg) => {
    const dest = join(dir, pkg.packageJson.name.replace('@', '').replace('/', '-'));
    mkdirSync(dest, { recursive: true });
    mustSucceed(`pnpm pack of ${pkg.packageJson.name}`, await run(...pnpm('pack', '--pack-destination', dest), { cwd: pkg.dir }));
    const [tarball] = readdirSync(dest).filter((file) => file.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack of ${pkg.packageJson.name} wrote no .tgz into ${dest}`);
    return [pkg.packageJson.name, join(dest, tarball)];
  }));
  return new Map(entries);
}

/**
 * Checks an installed package as npm unpacked it: its manifest kept no `workspace:` range (pnpm pack and pnpm
 * publish must rewrite them) and names the repository, homepage, bugs and license; a LICENSE file is there.
 */
function checkInstalled(project, name) {
  const dir = join(project, 'node_modules', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const missing = ['repository', 'homepage', 'bugs', 'license'].filter((field) => !manifest[field]);
  if (missing.length) throw new Error(`${name}: the published package.json has no ${missing.join(', ')}`);
  if (!existsSync(join(dir, 'LICENSE'))) throw new Error(`${name}: the package has no LICENSE file`);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) throw new Error(`${name}: ${field}.${dep} is still "${range}" in the published package`);
    }
  }
}

/** The `.npmrc` of a consumer project that takes the packages' scopes from `registry` (everything else from npm's). */
function scopedNpmrc(names, registry) {
  return [...new Set(names.map((name) => name.split('/')[0]))].map((scope) => `${scope}:registry=${registry}\n`).join('');
}

/**
 * Checks that npm installed every package from `registry`: the integrity package-lock.json records for it is the
 * one the registry serves for that version (npm leaves `resolved` out for a scope's own registry).
 */
async function checkResolvedFrom(project, names, registry) {
  const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
  for (const name of names) {
    const { version, integrity } = lock.packages?.[`node_modules/${name}`] ?? {};
    const response = await fetch(`${registry}${name.replace('/', '%2f')}`);
    const served = response.ok ? (await response.json()).versions?.[version]?.dist?.integrity : undefined;
    if (!integrity || integrity !== served) throw new Error(`${name}@${version} was not installed from ${registry} (integrity ${integrity}, the registry's ${served})`);
  }
}

/** The files of the consumer project: checks written as plain modules run by node and tsc. */
function consumerFiles() {
  const body = `{
  external_application_id: '${MOCK.applicationId}',
  participate_status: ParticipateStatus.Participated,
  begin_time: 1618500278638,
  end_time: 1618500278639,
  interview_assessments: [{
    username: '张三',
    conclusion: Conclusion.Pass,
    content: 'consumer dry run',
    assessment_dimension_list: [
      dimension.score({ title: '技术能力', score: 90 }),
      dimension.singleChoice({ title: '推荐', option: '强烈推荐' }),
    ],
  }],
}`;
  return {
    'esm-check.mjs': `import assert from 'node:assert/strict';
import * as client from '@feishu-hire/client';
assert.equal(typeof client.createHireClient, 'function');
assert.equal(client.ErrorCode.InvalidParameter, 1002002);
assert.equal(client.ParticipateStatus.NoShow, 3);
assert.equal(typeof client.dimension.score, 'function');
assert.ok(new client.HireApiError({ code: 1002001, msg: 'x', status: 500 }) instanceof Error);
console.log('esm ok');
`,
    'cjs-check.cjs': `const assert = require('node:assert/strict');
const client = require('@feishu-hire/client');
assert.equal(typeof client.createHireClient, 'function');
assert.equal(client.ErrorCode.RateLimited, 99991400);
assert.equal(client.Conclusion.Pass, 2);
assert.equal(client.AssessmentType.MultipleChoice, 4);
console.log('cjs ok');
`,
    'tsconfig.json': JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [], skipLibCheck: false },
      files: ['typed.ts', 'wrong-enum.ts'],
    }, null, 2),
    'typed.ts': `import { createHireClient, Conclusion, ErrorCode, HireApiError, ParticipateStatus, dimension, type ExternalInterview } from '@feishu-hire/client';

const client = createHireClient({ auth: { appId: 'cli_a', appSecret: 's' }, baseUrl: 'lark' });
export async function update(id: string): Promise<string | undefined> {
  try {
    const interview: ExternalInterview = await client.externalInterviews.update(id, ${body}, { timeoutMs: 5000 });
    return interview.id;
  } catch (error) {
    if (error instanceof HireApiError && error.code === ErrorCode.RateLimited) return String(error.rateLimitResetSeconds);
    throw error;
  }
}
`,
    'wrong-enum.ts': `import { createHireClient } from '@feishu-hire/client';

const client = createHireClient({ auth: 't-token' });
// participate_status only takes 1 | 2 | 3: this line must not compile.
export const result = client.externalInterviews.update('1', { external_application_id: '2', participate_status: 4 });
`,
    'mock-check.mjs': `import assert from 'node:assert/strict';
import { startMockServer } from '@feishu-hire/mock-server';
import { createHireClient, Conclusion, ErrorCode, HireApiError, ParticipateStatus, dimension } from '@feishu-hire/client';

const server = await startMockServer();
try {
  assert.match(server.url, /^http:\\/\\/127\\.0\\.0\\.1:\\d+/);
  const client = createHireClient({ auth: { appId: '${MOCK.appId}', appSecret: '${MOCK.appSecret}' }, baseUrl: server.url });
  const interview = await client.externalInterviews.update('${MOCK.interviewId}', ${body});
  assert.equal(interview.participate_status, ParticipateStatus.Participated);
  assert.equal(interview.interview_assessments.length, 1);
  assert.equal(interview.interview_assessments[0].assessment_dimension_list.length, 2);
  const bad = createHireClient({ auth: 't-not-a-valid-token', baseUrl: server.url, retry: false });
  await assert.rejects(bad.externalInterviews.update('${MOCK.interviewId}', { external_application_id: '${MOCK.applicationId}' }),
    (error) => error instanceof HireApiError && error.code === ErrorCode.InvalidAccessToken);
  console.log('mock ok');
} finally {
  await server.close();
}
`,
  };
}

/** Starts the installed mock-server bin on an OS-picked port; resolves `{ url, child }` once it listens. */
function startMockBin(project) {
  return new Promise((resolvePromise, reject) => {
    // Its default app, whatever FEISHU_* the calling shell has (undefined values are left out of the child's env).
    const env = { ...process.env, FEISHU_APP_ID: undefined, FEISHU_APP_SECRET: undefined, FEISHU_TENANT_ACCESS_TOKEN: undefined };
    const child = spawn(join(project, 'node_modules/.bin/feishu-hire-mock'), ['--port', '0', '--rate-limit', '0'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    // Generous: a healthy bin prints it within a second or two, a few more on a busy machine.
    const timer = setTimeout(() => { child.kill(); reject(new Error(`feishu-hire-mock did not print its URL within 60 s:\n${output}`)); }, 60_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /Mock server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) { clearTimeout(timer); resolvePromise({ url: match[1], child }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`feishu-hire-mock exited ${code} before listening:\n${output}`)); });
  });
}

const compiled = new Map();
/** Type-checks typed.ts and wrong-enum.ts in one tsc run (memoized per project); resolves the error lines. */
function typeCheck(project) {
  if (!compiled.has(project)) {
    compiled.set(project, run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: project })
      .then(({ stdout, stderr }) => (stdout + stderr).split('\n').filter((line) => /error TS\d+/.test(line))));
  }
  return compiled.get(project);
}

// npx as the READMEs write it (`npx @feishu-hire/mock-server --flag`), never installing: the package is the project's.
const NPX_LOCAL = { npm_config_yes: 'false' };

/** The consumer checks, in order; each receives the project directory and throws on failure. */
const CHECKS = [
  ['client imports from ESM', async (project) => mustSucceed('node esm-check.mjs', await run(process.execPath, ['esm-check.mjs'], { cwd: project }))],
  ['client requires from CommonJS', async (project) => mustSucceed('node cjs-check.cjs', await run(process.execPath, ['cjs-check.cjs'], { cwd: project }))],
  ['TypeScript program type-checks', async (project) => {
    const errors = (await typeCheck(project)).filter((line) => !line.startsWith('wrong-enum.ts('));
    if (errors.length) throw new Error(`tsc reported errors outside wrong-enum.ts:\n${errors.join('\n')}`);
  }],
  ['TypeScript rejects a wrong enum', async (project) => {
    const errors = (await typeCheck(project)).filter((line) => line.startsWith('wrong-enum.ts('));
    if (!errors.length) throw new Error('tsc accepted participate_status: 4; the published types do not constrain the enum');
    const elsewhere = errors.filter((line) => !/^wrong-enum\.ts\(5,\d+\): error TS\d+/.test(line));
    if (elsewhere.length) throw new Error(`tsc failed in wrong-enum.ts, but not only on the enum line:\n${elsewhere.join('\n')}`);
  }],
  ['client calls the installed mock server', async (project) => mustSucceed('node mock-check.mjs', await run(process.execPath, ['mock-check.mjs'], { cwd: project, timeoutMs: 60_000 }))],
  ['npx @feishu-hire/mock-server runs the mock CLI', async (project) => {
    const { stdout } = mustSucceed('npx @feishu-hire/mock-server --help', await run('npx', ['@feishu-hire/mock-server', '--help'], { cwd: project, env: NPX_LOCAL }));
    if (!stdout.startsWith('Usage: feishu-hire-mock')) throw new Error(`npx @feishu-hire/mock-server --help printed:\n${stdout}`);
  }],
  ['npx @feishu-hire/conformance (credentials from the environment) against the installed mock bin', async (project) => {
    const { url, child } = await startMockBin(project);
    try {
      const junit = join(project, 'conformance.junit.xml');
      const env = { ...NPX_LOCAL, FEISHU_APP_ID: MOCK.appId, FEISHU_APP_SECRET: MOCK.appSecret, FEISHU_TENANT_ACCESS_TOKEN: undefined };
      mustSucceed('npx @feishu-hire/conformance', await run('npx', ['@feishu-hire/conformance',
        '--base-url', url, '--target', `${interviews.idParameter}=${MOCK.interviewId}`,
        '--target', `${applications.idParameter}=${MOCK.applicationId}`, '--target', `${applications.parent.field}=${MOCK.talentId}`, '--allow-writes', '--rate', '0', '--junit', junit,
        // The mock bin runs without its rate limit (--rate-limit 0) so that an unpaced run takes seconds, not a minute
        // at 8/s: the rate-limit check (on by default with writes) is off here; the package's own tests run it.
        '--no-check-rate-limit',
      ], { cwd: project, timeoutMs: 120_000, env }));
      if (!/<testsuite/.test(readFileSync(junit, 'utf8'))) throw new Error(`${junit} has no <testsuite>`);
    } finally {
      child.kill();
    }
  }],
  ['docs HTML from the installed docs package', async (project) => {
    const file = join(project, 'node_modules/@feishu-hire/docs/dist/index.html');
    if (!existsSync(file)) throw new Error(`${file} is missing: the docs package does not ship dist/index.html`);
    const html = readFileSync(file, 'utf8');
    if (!html.includes('updateExternalInterview')) throw new Error('dist/index.html does not contain the operation updateExternalInterview');
    const remote = html.match(/<(?:script|link|img)\b[^>]*\b(?:src|href)=["']?(?:https?:)?\/\/[^"'\s>]+/gi) ?? [];
    const cdn = html.match(/\b(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|cdn\.redoc\.ly)\b/g) ?? [];
    if (remote.length || cdn.length) throw new Error(`dist/index.html loads remote assets: ${[...remote, ...cdn].slice(0, 5).join(', ')}`);
    await openInChromium(file);
  }],
];

/**
 * Installs the docs package alone into `dir` (`spec`: a `file:` tarball or a version, `npmrc` the project's registry
 * settings): it must bring its page and no other package (not the mock server), and ship only what runs.
 */
async function docsAlone(dir, spec, npmrc) {
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'feishu-hire-docs-only', private: true, dependencies: { '@feishu-hire/docs': spec } }));
  if (npmrc) writeFileSync(join(dir, '.npmrc'), npmrc);
  mustSucceed('npm install (docs only)', await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, timeoutMs: 300_000 }));
  if (!existsSync(join(dir, 'node_modules/@feishu-hire/docs/dist/index.html'))) throw new Error('the docs package alone has no dist/index.html');
  const installed = readdirSync(join(dir, 'node_modules')).filter((name) => !name.startsWith('.'));
  const scoped = readdirSync(join(dir, 'node_modules/@feishu-hire'));
  if (installed.join() !== '@feishu-hire' || scoped.join() !== 'docs') {
    throw new Error(`installing @feishu-hire/docs alone also installed: ${[...installed, ...scoped.map((n) => `@feishu-hire/${n}`)].join(', ')}`);
  }
  const shipped = readdirSync(join(dir, 'node_modules/@feishu-hire/docs'), { recursive: true }).map(String).sort();
  if (shipped.join() !== DOCS_FILES.join()) throw new Error(`@feishu-hire/docs ships ${shipped.join(', ')}; expected only ${DOCS_FILES.join(', ')}`);
}

/** What the docs package ships: its page, and nothing that needs a package it does not depend on. */
const DOCS_FILES = ['LICENSE', 'README.md', 'dist', 'dist/index.html', 'package.json'];

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Opens the installed page from disk in Debian's Chromium with every other request blocked; fails on any attempt. */
async function openInChromium(file) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const pageUrl = pathToFileURL(file).href;
    const attempts = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.split('#')[0] === pageUrl || /^(data|blob):/.test(url)) return route.continue();
      attempts.push(url);
      return route.abort('blockedbyclient');
    });
    await page.goto(pageUrl, { timeout: 60_000 });
    // The page's title heading is the spec's own title (read from the workspace's bundled spec, not restated here).
    const { title } = createRequire(import.meta.url)('@feishu-hire/spec/openapi.json').info;
    const heading = page.getByRole('heading', { level: 1, name: title });
    await heading.waitFor({ state: 'visible', timeout: 60_000 }).catch(() => {
      throw new Error(`the installed page, opened from disk, shows no "${title}" heading`);
    });
    if (attempts.length) throw new Error(`the installed page tried to load ${attempts.slice(0, 5).join(', ')}`);
  } finally {
    await browser.close();
  }
}

/** Prints each step with its duration; resolves true when it passed. */
async function step(name, fn) {
  const started = performance.now();
  try {
    await fn();
    console.log(`  ok   ${name} (${seconds(started)} s)`);
    return true;
  } catch (error) {
    console.log(`  FAIL ${name} (${seconds(started)} s)\n${String(error.message).replace(/^/gm, '       ')}`);
    return false;
  }
}
const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);

/**
 * Where the packages come from: `{ what, specs, npmrc }`, `specs` the dependency of each package name. From a
 * registry, the workspace's versions (what a release published); else tarballs packed now into `dir`.
 */
async function sources(publishable, registry, dir) {
  if (registry) {
    const names = publishable.map((pkg) => pkg.packageJson.name);
    const specs = new Map(publishable.map((pkg) => [pkg.packageJson.name, pkg.packageJson.version]));
    return { what: `the published versions from ${registry}`, specs, npmrc: scopedNpmrc(names, registry) };
  }
  const tarballs = await packAll(publishable, dir);
  return { what: 'the tarballs', specs: new Map([...tarballs].map(([name, tarball]) => [name, `file:${tarball}`])), npmrc: '' };
}

/** Writes the consumer project (its package.json, .npmrc and checks) and installs it with npm. */
async function installProject(project, from) {
  mkdirSync(project);
  const dependencies = Object.fromEntries(from.specs);
  const devDependencies = { typescript: '~5.9.3' };
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'feishu-hire-consumer', private: true, type: 'module', dependencies, devDependencies }, null, 2));
  if (from.npmrc) writeFileSync(join(project, '.npmrc'), from.npmrc);
  for (const [file, text] of Object.entries(consumerFiles())) writeFileSync(join(project, file), text);
  mustSucceed('npm install', await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project, timeoutMs: 300_000 }));
}

/** Runs the steps after the packages are found: install, the checks of what was installed, the docs alone. */
async function consumerSteps(temp, from, registry) {
  const project = join(temp, 'project');
  const names = [...from.specs.keys()];
  const results = [await step(`npm install ${from.what} into a fresh project`, () => installProject(project, from))];
  if (!results[0]) return results;
  results.push(await step('installed packages name the repository and ship a LICENSE, with no workspace: range', async () => {
    for (const name of names) checkInstalled(project, name);
    if (registry) await checkResolvedFrom(project, names, registry);
  }));
  for (const [name, check] of CHECKS) results.push(await step(name, () => check(project)));
  results.push(await step('@feishu-hire/docs installs alone, without the mock server, and ships only its page',
    () => docsAlone(join(temp, 'docs-only'), from.specs.get('@feishu-hire/docs'), from.npmrc)));
  return results;
}

/** Runs the whole dry run and returns the process exit code; prints each step with its duration. */
export async function main(argv = process.argv.slice(2)) {
  // `pnpm run consumer-dry-run -- --keep` passes the `--` through; drop it.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const { values } = parseArgs({ args, options: { keep: { type: 'boolean' }, root: { type: 'string' }, registry: { type: 'string' } } });
  const root = resolve(values.root ?? ROOT);
  const registry = values.registry && (values.registry.endsWith('/') ? values.registry : `${values.registry}/`);
  const started = performance.now();
  const { packages } = await getPackages(root);
  const publishable = packages.filter((pkg) => !pkg.packageJson.private);
  const missing = PUBLISHED.filter((name) => !publishable.some((pkg) => pkg.packageJson.name === name));
  if (missing.length) {
    console.error(`consumer dry run: missing publishable package(s): ${missing.join(', ')}`);
    return 1;
  }
  const temp = mkdtempSync(join(tmpdir(), 'feishu-hire-consumer-'));
  console.log(`Consumer dry run of ${publishable.length} packages${registry ? ` from ${registry}` : ''} in ${temp}`);
  const results = [];
  try {
    let from;
    results.push(await step(registry ? `the workspace's versions, from ${registry}` : 'pnpm pack every package', async () => {
      from = await sources(publishable, registry, join(temp, 'tarballs'));
    }));
    if (from) results.push(...await consumerSteps(temp, from, registry));
  } finally {
    if (values.keep) console.log(`kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
  }
  const failed = results.filter((ok) => !ok).length;
  console.log(`Consumer dry run ${failed ? `FAILED (${failed} step(s))` : 'passed'} in ${seconds(started)} s`);
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => { process.exitCode = code; }, (error) => { console.error(`consumer-dry-run: ${error.stack}`); process.exitCode = 1; });
}
