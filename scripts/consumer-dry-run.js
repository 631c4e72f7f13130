#!/usr/bin/env node
// Release dry run: packs every publishable workspace package (`pnpm pack`), installs the tarballs with npm into a
// fresh project in the OS temp dir (outside the workspace) and uses them the way a consumer would:
// ESM and CommonJS imports of the client, a TypeScript program (and a wrong enum that must not compile), the client
// against the installed mock server, the conformance CLI from its installed bin, and the installed docs page.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getPackages } from '@manypkg/get-packages';
import { mustSucceed, pnpm, run } from './lib/process.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

export { run };

/** The packages the project publishes; the dry run fails when one is missing from the workspace. */
export const PUBLISHED = ['@feishu-hire/spec', '@feishu-hire/client', '@feishu-hire/mock-server', '@feishu-hire/conformance', '@feishu-hire/docs'];

/** App credentials and seed ids of the mock server's defaults (the agreed mock-server interface). */
const MOCK = { appId: 'cli_mock_app', appSecret: 'mock_app_secret', interviewId: '6960663240925956660', applicationId: '6960663240925956437' };

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
 * Checks a tarball: its manifest kept no `workspace:` range (pnpm pack must rewrite them) and names the repository,
 * homepage, bugs and license; a LICENSE file is packed.
 */
async function checkManifest(name, tarball) {
  const { stdout } = mustSucceed(`tar of ${name}`, await run('tar', ['-xOzf', tarball, 'package/package.json']));
  const manifest = JSON.parse(stdout);
  const missing = ['repository', 'homepage', 'bugs', 'license'].filter((field) => !manifest[field]);
  if (missing.length) throw new Error(`${name}: the packed package.json has no ${missing.join(', ')}`);
  const { stdout: list } = mustSucceed(`tar -t of ${name}`, await run('tar', ['-tzf', tarball]));
  if (!list.split('\n').includes('package/LICENSE')) throw new Error(`${name}: the tarball has no LICENSE file`);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) throw new Error(`${name}: ${field}.${dep} is still "${range}" in the tarball`);
    }
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
        '--base-url', url, '--target', `external_interview_id=${MOCK.interviewId}`,
        '--target', `external_application_id=${MOCK.applicationId}`, '--allow-writes', '--rate', '0', '--junit', junit,
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

/** Installs the docs tarball alone into `dir`: it must bring its page and no other package (not the mock server). */
async function docsAlone(dir, tarball) {
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'feishu-hire-docs-only', private: true, dependencies: { '@feishu-hire/docs': `file:${tarball}` } }));
  mustSucceed('npm install (docs only)', await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, timeoutMs: 300_000 }));
  if (!existsSync(join(dir, 'node_modules/@feishu-hire/docs/dist/index.html'))) throw new Error('the docs package alone has no dist/index.html');
  const installed = readdirSync(join(dir, 'node_modules')).filter((name) => !name.startsWith('.'));
  const scoped = readdirSync(join(dir, 'node_modules/@feishu-hire'));
  if (installed.join() !== '@feishu-hire' || scoped.join() !== 'docs') {
    throw new Error(`installing @feishu-hire/docs alone also installed: ${[...installed, ...scoped.map((n) => `@feishu-hire/${n}`)].join(', ')}`);
  }
}

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

/** Runs the whole dry run and returns the process exit code; prints each step with its duration. */
export async function main(argv = process.argv.slice(2)) {
  // `pnpm run consumer-dry-run -- --keep` passes the `--` through; drop it.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const { values } = parseArgs({ args, options: { keep: { type: 'boolean' }, root: { type: 'string' } } });
  const root = resolve(values.root ?? ROOT);
  const started = performance.now();
  const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);
  const step = async (name, fn) => {
    const t = performance.now();
    try {
      await fn();
      console.log(`  ok   ${name} (${seconds(t)} s)`);
      return true;
    } catch (error) {
      console.log(`  FAIL ${name} (${seconds(t)} s)\n${String(error.message).replace(/^/gm, '       ')}`);
      return false;
    }
  };

  const { packages } = await getPackages(root);
  const publishable = packages.filter((pkg) => !pkg.packageJson.private);
  const missing = PUBLISHED.filter((name) => !publishable.some((pkg) => pkg.packageJson.name === name));
  if (missing.length) {
    console.error(`consumer dry run: missing publishable package(s): ${missing.join(', ')}`);
    return 1;
  }
  const temp = mkdtempSync(join(tmpdir(), 'feishu-hire-consumer-'));
  const project = join(temp, 'project');
  console.log(`Consumer dry run of ${publishable.length} packages in ${temp}`);
  let tarballs;
  const results = [];
  try {
    results.push(await step('pnpm pack every package', async () => {
      tarballs = await packAll(publishable, join(temp, 'tarballs'));
      for (const [name, tarball] of tarballs) await checkManifest(name, tarball);
    }));
    if (results.every(Boolean)) {
      results.push(await step('npm install the tarballs into a fresh project', async () => {
        mkdirSync(project);
        const dependencies = Object.fromEntries([...tarballs].map(([name, tarball]) => [name, `file:${tarball}`]));
        const devDependencies = { typescript: '~5.9.3' };
        writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'feishu-hire-consumer', private: true, type: 'module', dependencies, devDependencies }, null, 2));
        for (const [file, text] of Object.entries(consumerFiles())) writeFileSync(join(project, file), text);
        mustSucceed('npm install', await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project, timeoutMs: 300_000 }));
      }));
    }
    if (results.every(Boolean)) {
      for (const [name, check] of CHECKS) results.push(await step(name, () => check(project)));
      results.push(await step('@feishu-hire/docs installs alone, without the mock server', () => docsAlone(join(temp, 'docs-only'), tarballs.get('@feishu-hire/docs'))));
    }
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
