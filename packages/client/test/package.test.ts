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
import { updateExternalInterview } from '../src/index.js';
import { BODY, failure, startFeishu, success } from './helpers/server.js';

const PATH = updateExternalInterview.path;

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
// 5 KB, counted as the bench counts (1 KB = 1000 B).
const BUDGET_GZIP_BYTES = 5000;

let server: Awaited<ReturnType<typeof startFeishu>>;
beforeAll(async () => {
  if (!existsSync(dist + 'index.js')) throw new Error('dist/ is missing: run `pnpm build` (turbo runs it before test)');
  server = await startFeishu(success);
});
afterAll(() => server?.close());

describe('dist', () => {
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
    expect(Object.keys(cjs).sort()).toEqual([
      'AssessmentType', 'Conclusion', 'ErrorCode', 'HireApiError', 'HireAuthError', 'HireConnectionError', 'HireError', 'HireTimeoutError',
      'HireValidationError', 'ParticipateStatus', 'createHireClient', 'createMemoryRateLimiter', 'dimension', 'getTenantAccessToken',
      'operationFromModel', 'updateExternalInterview',
    ]);
    const { data } = await require(dist + 'raw.cjs').createRawClient(client).PUT(PATH, { params: { path: { external_interview_id: 'raw' } }, body: BODY });
    expect(data.data.external_interview.id).toBe('raw');
    expect(typeof require(dist + 'bottleneck.cjs').bottleneckRateLimiter).toBe('function');
  });

  it('tells a caller of the old validate: true where the validator is', async () => {
    const esm = await import(dist + 'index.js');
    expect(() => esm.createHireClient({ auth: 't', validate: true })).toThrow("createHireClient: validate must be validateRequest of '@feishu-hire/client/validate'");
  });

  it('imports no package at runtime but what an entry point is for: openapi-fetch (raw), bottleneck (an optional peer)', async () => {
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
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toEqual(['openapi-fetch']);
    expect(pkg.peerDependencies).toEqual({ bottleneck: '^2.19.5' });
    expect(pkg.peerDependenciesMeta).toEqual({ bottleneck: { optional: true } });
  });
});

describe('a Node process using the client', () => {
  it('waits for calls queued by the limiter, then exits at once (cooling slots do not hold it open)', async () => {
    // 12 calls at 2/s: 5 one-second waits in the limiter; a process that exits before they finish, or lingers a
    // second after the last one, fails.
    const script = `
      const { createHireClient } = await import(${JSON.stringify(dist + 'index.js')});
      const client = createHireClient({ auth: 't', baseUrl: ${JSON.stringify(server.url)}, rateLimit: 2 });
      const t0 = performance.now();
      const done = await Promise.all(Array.from({ length: 12 }, (_, i) => client.externalInterviews.update('p' + i, ${JSON.stringify(BODY)})));
      globalThis.lastDone = performance.now();
      process.on('exit', () => console.log(JSON.stringify({ done: done.length, calls: lastDone - t0, exit: performance.now() - lastDone })));
    `;
    // Asynchronous: the server answering it lives in this process. execFile rejects on a non-zero exit.
    const run = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    const { done, calls, exit } = JSON.parse(run.stdout);
    expect(done).toBe(12);
    expect(calls).toBeGreaterThanOrEqual(5_000);
    expect(exit).toBeLessThan(500);
  }, 25_000);

  it('exits at once after an abort during a long backoff (the backoff timer is dropped)', async () => {
    const failing = await startFeishu(() => failure(500, 1002001, '系统异常'));
    try {
      const script = `
        const { createHireClient } = await import(${JSON.stringify(dist + 'index.js')});
        const client = createHireClient({ auth: 't', baseUrl: ${JSON.stringify(failing.url)}, retry: { baseDelayMs: 10000, maxDelayMs: 10000 } });
        const t0 = performance.now();
        const error = await client.externalInterviews.update('1', ${JSON.stringify(BODY)}, { signal: AbortSignal.timeout(200) }).catch((e) => e);
        const failedAt = performance.now();
        process.on('exit', () => console.log(JSON.stringify({ name: error.name, failed: failedAt - t0, exit: performance.now() - failedAt })));
      `;
      const run = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
      const { name, failed, exit } = JSON.parse(run.stdout);
      expect(name).toBe('TimeoutError');
      expect(failed).toBeLessThan(2_000);
      expect(exit).toBeLessThan(500); // not ~5-10 s later, when a forgotten backoff timer would fire
    } finally {
      await failing.close();
    }
  }, 25_000);
});

describe('footprint', () => {
  it(`keeps a one-call program, bundled into one minified file, under ${BUDGET_GZIP_BYTES} bytes gzipped`, async () => {
    // As a bundler that does not split ships it: one file. Nothing of the validator, openapi-fetch or Bottleneck is in
    // it (their entry points are not imported), and of the generated operations only the one called.
    const entry = fileURLToPath(new URL('fixtures/one-call.js', import.meta.url));
    const { outputFiles, metafile } = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, metafile: true, logLevel: 'silent' });
    const code = outputFiles[0]!.contents;
    const gzip = gzipSync(code, { level: 9 }).length;
    console.log(`one-call program, one file: ${code.length} B minified, ${gzip} B min+gzip (budget ${BUDGET_GZIP_BYTES})`);
    expect(Object.keys(metafile!.inputs).map((file) => file.replace(/^.*\/(dist|test)\//, '$1/')).sort()).toEqual(['dist/index.js', 'test/fixtures/one-call.js']);
    expect(new TextDecoder().decode(code)).not.toContain('listFixtureInterviewNotes');
    expect(gzip).toBeGreaterThan(2000); // it did bundle the client
    expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });
});
