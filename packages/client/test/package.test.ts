// The built package (dist/): ESM and CommonJS entry points (the client, validate, raw, bottleneck), no ajv at runtime,
// the validator loaded only by apps that import it, and the one-call bundle size budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { clientMethodsOf, operations, resources } from '@feishu-hire/spec/model';
import { updateExternalInterview } from '../src/index.js';
import * as enums from '../generated/enums.js';
import { BODY, failure, startFeishu, success } from './helpers/server.js';

const PATH = updateExternalInterview.path;

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
// 5 KB, counted as the bench counts (1 KB = 1000 B): the one-update program of createHireCore + updateInterview.
const BUDGET_GZIP_BYTES = 5000;
// createHireClient wires every method of every resource into its namespace (an object's methods are all bundled): 8 KB.
// The syncs are standalone functions (src/sync.ts, about 2.1 KB), carried only by a program that calls one.
const CLIENT_BUDGET_GZIP_BYTES = 8000;
// The Node build (bundlers targeting Node pick it): the same program plus the node:http transport (a third of fetch's
// CPU per call, see src/node-transport.ts) and its reading of the proxy variables (the proxy support itself is loaded at
// run time, only while one is set).
const NODE_BUDGET_GZIP_BYTES = 5500;

let server: Awaited<ReturnType<typeof startFeishu>>;
beforeAll(async () => {
  if (!existsSync(dist + 'index.js')) throw new Error('dist/ is missing: run `pnpm build` (turbo runs it before test)');
  server = await startFeishu(success);
});
afterAll(() => server?.close());

describe('dist', () => {
  it('resolves to the node build on Node (node:http) and to the build for every other runtime elsewhere', async () => {
    const require = createRequire(import.meta.url);
    expect(fileURLToPath(import.meta.resolve('@feishu-hire/client'))).toBe(dist + 'node/index.js');
    expect(require.resolve('@feishu-hire/client')).toBe(dist + 'node/index.cjs');
    const self = '@feishu-hire/client'; // by its name, as an app imports it (a string, so tsc does not need dist/ to type it)
    const node = await import(self);
    const universal = await import(dist + 'index.js');
    expect(Object.keys(node).sort()).toEqual(Object.keys(universal).sort());
    const client = node.createHireClient({ auth: 't', baseUrl: server.url });
    await expect(client.externalInterviews.update('node', BODY)).resolves.toMatchObject({ id: 'node' });
    expect(server.requests.at(-1)!.headers['sec-fetch-mode']).toBeUndefined(); // sent by node:http, not fetch
    expect(readFileSync(dist + 'index.js', 'utf8')).not.toContain('getBuiltinModule');
  });

  it('works as ESM, with the validator of @feishu-hire/client/validate and the raw client of /raw', async () => {
    const esm = await import(dist + 'index.js');
    const { validateRequest } = await import(dist + 'validate.js');
    const client = esm.createHireClient({ auth: 't', baseUrl: server.url, validate: validateRequest });
    await expect(client.externalInterviews.update('esm', BODY)).resolves.toMatchObject({ id: 'esm' });
    await expect(client.externalInterviews.update('esm', { external_application_id: 1 })).rejects.toThrow('body.external_application_id must be of type string');
    expect(esm.Conclusion.Pass).toBe(2);
    const { createRawClient } = await import(dist + 'raw.js');
    const { data } = await createRawClient(client).PUT(PATH, { params: { path: { external_interview_id: 'raw' } }, body: BODY });
    expect(data.data.external_interview.id).toBe('raw');
  });

  it('works as CommonJS through require(), each entry point loading only itself', async () => {
    const require = createRequire(import.meta.url);
    const loaded = () => Object.keys(require.cache).filter((file) => file.startsWith(dist)).map((file) => file.slice(dist.length));
    const cjs = require(dist + 'index.cjs');
    expect(loaded()).toEqual(['index.cjs']); // not validate.cjs: the validator is loaded only by apps that require it
    const { validateRequest } = require(dist + 'validate.cjs');
    const client = cjs.createHireClient({ auth: 't', baseUrl: server.url, validate: validateRequest });
    await expect(client.externalInterviews.update('cjs', BODY)).resolves.toMatchObject({ id: 'cjs' });
    await expect(client.externalInterviews.update('cjs', { external_application_id: 1 })).rejects.toBeInstanceOf(cjs.HireValidationError);
    // The package's own names, then per operation its constant, per resource its functions and namespace (from the
    // model), and the enums generated from the spec's x-enum-varnames.
    const generated = [
      ...Object.keys(enums),
      ...operations.map((o) => o.operationId),
      ...resources.flatMap((r) => [...clientMethodsOf(r, operations).flatMap((m) => m.functionName ?? []), `${r.namespace}Namespace`]),
      'resourceNamespaces',
    ];
    expect(Object.keys(cjs).sort()).toEqual([
      'ErrorCode', 'HireApiError', 'HireAuthError', 'HireConnectionError', 'HireError', 'HireNotFoundError',
      'HireTimeoutError', 'HireValidationError', 'createHireClient', 'createHireCore', 'createMemoryRateLimiter',
      'dimension', 'operationFromModel', 'syncExternalInterviews', 'toUpdateBody', ...generated,
    ].sort());
    const { data } = await require(dist + 'raw.cjs').createRawClient(client).PUT(PATH, { params: { path: { external_interview_id: 'raw' } }, body: BODY });
    expect(data.data.external_interview.id).toBe('raw');
    expect(typeof require(dist + 'bottleneck.cjs').bottleneckRateLimiter).toBe('function');
  });

  it('makes errors of the CommonJS and the ESM copy, loaded in one process, instanceof HireError of both', async () => {
    const require = createRequire(import.meta.url);
    const copies = [require(dist + 'index.cjs'), await import(dist + 'index.js'), require(dist + 'node/index.cjs'), await import(dist + 'node/index.js')];
    expect(new Set(copies.map((copy) => copy.HireApiError)).size).toBe(4); // four copies of the code, really
    for (const from of copies) {
      const error = await from.createHireClient({ auth: 't', baseUrl: server.url }).externalInterviews.update('', BODY).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(from.HireValidationError);
      for (const other of copies) expect(error).toBeInstanceOf(other.HireError);
      class MyError extends from.HireError {
        constructor(message: string) {
          super(message);
        }
      }
      for (const other of copies) expect(new MyError('mine')).toBeInstanceOf(other.HireError);
    }
    expect(new Error('plain')).not.toBeInstanceOf(copies[0].HireError);
  });

  it('tells a caller of the old validate: true where the validator is', async () => {
    const esm = await import(dist + 'index.js');
    expect(() => esm.createHireClient({ auth: 't', validate: true })).toThrow("createHireClient: validate must be validateRequest of '@feishu-hire/client/validate'");
  });

  it('imports no package at runtime but what an entry point is for: openapi-fetch (raw), bottleneck (an optional peer), the proxy agents (proxy)', async () => {
    // esbuild lists what the built files import or require, leaving packages external: exactly what a user installs.
    const external = async (entry: string) => {
      const entryPoints = [{ in: `${dist}${entry}.js`, out: 'esm' }, { in: `${dist}${entry}.cjs`, out: 'cjs' }];
      const { metafile } = await build({ entryPoints, bundle: true, write: false, metafile: true, packages: 'external', platform: 'node', outdir: '/virtual', logLevel: 'silent' });
      return new Set(Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path)));
    };
    expect(await external('index')).toEqual(new Set());
    expect(await external('validate')).toEqual(new Set()); // the validators, ajv helpers and the spec's error wording are bundled
    expect(await external('raw')).toEqual(new Set(['openapi-fetch']));
    expect(await external('bottleneck')).toEqual(new Set(['bottleneck']));
    // The proxy support: loaded by the node build only while a proxy variable is set (by name, at run time).
    expect(await external('proxy')).toEqual(new Set(['proxy-from-env', 'http-proxy-agent', 'https-proxy-agent']));
    expect(readFileSync(dist + 'node/index.js', 'utf8')).toContain('"@feishu-hire/client/proxy"');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['http-proxy-agent', 'https-proxy-agent', 'openapi-fetch', 'proxy-from-env']);
    expect(pkg.peerDependencies).toEqual({ bottleneck: '^2.19.5' });
    expect(pkg.peerDependenciesMeta).toEqual({ bottleneck: { optional: true } });
  });
});

describe('a Node process using the client', () => {
  it('waits for calls queued by the limiter, then exits at once (cooling slots do not hold it open)', async () => {
    // 12 calls at 2/s: 5 one-second waits in the limiter; a process that exits before they finish fails. Once the
    // last call is done, nothing may keep the process alive: the one-second cooling timers of the slots are unref'd
    // then. Checked on the event loop, not by the clock: a lingering process would exit only 1 s later, too close to
    // what a busy machine takes to tear a process down. The deadline timer of a call (30 s) would show here too.
    const script = `
      const { createHireClient } = await import(${JSON.stringify(dist + 'index.js')});
      const client = createHireClient({ auth: 't', baseUrl: ${JSON.stringify(server.url)}, rateLimit: 2 });
      const t0 = performance.now();
      const done = await Promise.all(Array.from({ length: 12 }, (_, i) => client.externalInterviews.update('p' + i, ${JSON.stringify(BODY)})));
      globalThis.lastDone = performance.now();
      const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout'); // only ref'd timers are listed
      process.on('exit', () => console.log(JSON.stringify({ done: done.length, calls: lastDone - t0, timers, exit: performance.now() - lastDone })));
    `;
    // Asynchronous: the server answering it lives in this process. execFile rejects on a non-zero exit.
    const run = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const { done, calls, timers, exit } = JSON.parse(run.stdout);
    expect(done).toBe(12);
    expect(calls).toBeGreaterThanOrEqual(5_000);
    expect(timers).toEqual([]);
    expect(exit).toBeLessThan(10_000); // not held open by a call's 30 s deadline
  }, 90_000);

  it('exits at once after an abort during a long backoff (the backoff timer is dropped)', async () => {
    // The backoff is 10-20 s (20 s, jittered by 0.5-1): a forgotten backoff timer would keep the process alive that
    // long after the failure, while a correct one exits within a second even on a busy machine. Threshold: 5 s.
    const failing = await startFeishu(() => failure(500, 1002001, '系统异常'));
    try {
      const script = `
        const { createHireClient } = await import(${JSON.stringify(dist + 'index.js')});
        const controller = new AbortController();
        // Aborts 100 ms after the first (failed) answer is back, so during the backoff however slow the machine is.
        const fetch = async (...args) => {
          const response = await globalThis.fetch(...args);
          setTimeout(() => controller.abort(), 100);
          return response;
        };
        const client = createHireClient({ auth: 't', baseUrl: ${JSON.stringify(failing.url)}, retry: { baseDelayMs: 20000, maxDelayMs: 20000 }, fetch });
        const t0 = performance.now();
        const error = await client.externalInterviews.update('1', ${JSON.stringify(BODY)}, { signal: controller.signal }).catch((e) => e);
        const failedAt = performance.now();
        process.on('exit', () => console.log(JSON.stringify({ name: error.name, failed: failedAt - t0, exit: performance.now() - failedAt })));
      `;
      const run = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
      const { name, failed, exit } = JSON.parse(run.stdout);
      expect(name).toBe('AbortError');
      expect(failed).toBeLessThan(5_000); // aborted during the backoff, not after it (>= 10 s)
      expect(exit).toBeLessThan(5_000); // not >= 10 s later, when a forgotten backoff timer would fire
    } finally {
      await failing.close();
    }
  }, 90_000);
});

/**
 * The one minified file esbuild bundles from `fixture` (which imports the package by its name, as an app does), with
 * esbuild's default platform (browser: the build for every runtime but Node) or `node` (the node build), gzipped.
 */
async function bundle(fixture: string, platform: 'browser' | 'node' = 'browser'): Promise<{ gzip: number; code: string }> {
  const entry = fileURLToPath(new URL(`fixtures/${fixture}`, import.meta.url));
  const { outputFiles, metafile } = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform, write: false, metafile: true, logLevel: 'silent' });
  const bytes = outputFiles[0]!.contents;
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(`${fixture} (platform ${platform}): ${bytes.length} B minified, ${gzip} B min+gzip`);
  // Only the client's main entry point: the validator, the raw client and the Bottleneck adapter stay out.
  const main = platform === 'node' ? 'dist/node/index.js' : 'dist/index.js';
  expect(Object.keys(metafile!.inputs).map((file) => file.replace(/^.*\/(dist|test)\//, '$1/')).sort()).toEqual([main, `test/fixtures/${fixture}`]);
  return { gzip, code: new TextDecoder().decode(bytes) };
}

describe('footprint', () => {
  it(`keeps the one-call program (createHireCore + updateInterview: only what the app imports), in one minified file, under ${BUDGET_GZIP_BYTES} bytes gzipped`, async () => {
    // As a bundler that does not split ships it: one file. Nothing of the validator, openapi-fetch or Bottleneck is in
    // it (their entry points are not imported), nor the other operations of the resource.
    const { gzip, code } = await bundle('one-call-core.js');
    expect(gzip).toBeGreaterThan(2000); // it did bundle the client
    expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    const others = operations.filter((o) => o.resource && o.operationId !== updateExternalInterview.operationId).map((o) => o.operationId);
    for (const unused of [...others, 'HireNotFoundError']) expect(code).not.toContain(unused);
  });

  it(`keeps the createHireClient program (every method of every resource wired in) under ${CLIENT_BUDGET_GZIP_BYTES} bytes gzipped`, async () => {
    // An object's methods cannot be tree-shaken: an app using createHireClient ships every resource's namespace
    // (create, get, list, listPage, update, delete, the full-overwrite patch and toUpdateBody, sync), whichever it calls.
    const { gzip } = await bundle('one-call.js');
    expect(gzip).toBeLessThanOrEqual(CLIENT_BUDGET_GZIP_BYTES);
  });

  it(`keeps the one-call program bundled for Node (the node build, with its node:http transport) under ${NODE_BUDGET_GZIP_BYTES} bytes gzipped`, async () => {
    const { gzip, code } = await bundle('one-call-core.js', 'node');
    expect(code).toContain('getBuiltinModule');
    expect(gzip).toBeLessThanOrEqual(NODE_BUDGET_GZIP_BYTES);
  });
});
