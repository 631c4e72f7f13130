// The built package (dist/): ESM and CommonJS entry points, no ajv at runtime, and the one-call bundle size budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BODY, failure, startFeishu, success } from './helpers/server.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const BUDGET_GZIP_BYTES = 6 * 1024;
const CLIENT_BUDGET_GZIP_BYTES = 8 * 1024;

let server: Awaited<ReturnType<typeof startFeishu>>;
beforeAll(async () => {
  if (!existsSync(dist + 'index.js')) throw new Error('dist/ is missing: run `pnpm build` (turbo runs it before test)');
  server = await startFeishu(success);
});
afterAll(() => server?.close());

describe('dist', () => {
  it('works as ESM, validator (a lazy chunk) included', async () => {
    const esm = await import(dist + 'index.js');
    const client = esm.createHireClient({ auth: 't', baseUrl: server.url, validate: true });
    await expect(client.externalInterviews.update('esm', BODY)).resolves.toMatchObject({ id: 'esm' });
    await expect(client.externalInterviews.update('esm', { external_application_id: 1 })).rejects.toThrow('body.external_application_id must be of type string');
    expect(esm.Conclusion.Pass).toBe(2);
  });

  it('works as CommonJS through require()', async () => {
    const cjs = createRequire(import.meta.url)(dist + 'index.cjs');
    const client = cjs.createHireClient({ auth: 't', baseUrl: server.url, validate: true });
    await expect(client.externalInterviews.update('cjs', BODY)).resolves.toMatchObject({ id: 'cjs' });
    await expect(client.externalInterviews.update('cjs', { external_application_id: 1 })).rejects.toBeInstanceOf(cjs.HireValidationError);
    expect(Object.keys(cjs).sort()).toEqual([
      'AssessmentType', 'Conclusion', 'ErrorCode', 'HireApiError', 'HireNotFoundError', 'HireValidationError', 'ParticipateStatus',
      'batchQueryExternalInterviews', 'createExternalInterview', 'createHireClient', 'createHireCore', 'createInterview',
      'deleteExternalInterview', 'deleteInterview', 'dimension', 'getInterview', 'getTenantAccessToken', 'listInterviews',
      'listInterviewsPage', 'operationFromModel', 'patchInterview', 'syncExternalInterviews', 'toUpdateBody',
      'updateExternalInterview', 'updateInterview',
    ]);
  });

  it('imports only openapi-fetch at runtime: the validators, ajv helpers and the spec\'s error wording are bundled', async () => {
    // esbuild lists what the built files import or require, leaving packages external: exactly what a user installs.
    const entryPoints = [{ in: dist + 'index.js', out: 'esm' }, { in: dist + 'index.cjs', out: 'cjs' }];
    const { metafile } = await build({ entryPoints, bundle: true, write: false, metafile: true, packages: 'external', platform: 'node', outdir: '/virtual', logLevel: 'silent' });
    const packages = Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
    expect(new Set(packages)).toEqual(new Set(['openapi-fetch']));
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toEqual(['openapi-fetch']);
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

/** Min+gzip sizes of the bundle of `fixture` as an app bundler ships it (code splitting on, so the validator is a lazy chunk). */
async function bundleSizes(fixture: string) {
  const entry = fileURLToPath(new URL(`fixtures/${fixture}`, import.meta.url));
  const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;
  const split = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'neutral', splitting: true, outdir: '/virtual', absWorkingDir: dist, write: false, metafile: true, logLevel: 'silent' });
  const outputs = split.metafile!.outputs;
  const byPath = new Map(split.outputFiles.map((f) => [f.path, f.contents])); // metafile paths are relative to absWorkingDir
  const start = Object.keys(outputs).find((o) => outputs[o]!.entryPoint)!;
  const initial = new Set<string>();
  const visit = (o: string) => {
    if (initial.has(o)) return;
    initial.add(o);
    for (const i of outputs[o]!.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(start);
  const initialGzip = [...initial].reduce((sum, o) => sum + gz(byPath.get(resolve(dist, o))!), 0);
  const allGzip = split.outputFiles.reduce((sum, f) => sum + gz(f.contents), 0);
  // Single file, no splitting (the lazy validator is inlined): reported, not gated.
  const single = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  const singleGzip = gz(single.outputFiles[0]!.contents);
  console.log(`${fixture}, min+gzip: ${initialGzip} B loaded up front, ${allGzip} B with the lazy validator chunk, ${singleGzip} B as one file without splitting`);
  expect(initialGzip).toBeGreaterThan(1000); // it did bundle the client and openapi-fetch
  expect(initial.size).toBeLessThan(Object.keys(outputs).length); // the validator chunk is not loaded up front
  return { initialGzip, allGzip, singleGzip };
}

describe('footprint', () => {
  it(`keeps the one-call bundle (createHireCore + updateInterview: only what the app imports) under ${BUDGET_GZIP_BYTES} bytes min+gzip`, async () => {
    // The budget of the one-update program, unchanged since update was the only method (6085 B then): the other
    // operations of the resource add nothing to an app that does not import them.
    const { initialGzip } = await bundleSizes('one-call-core.js');
    expect(initialGzip).toBeLessThan(BUDGET_GZIP_BYTES);
  });

  it(`keeps the createHireClient bundle (every method of externalInterviews wired in) under ${CLIENT_BUDGET_GZIP_BYTES} bytes min+gzip`, async () => {
    // An object's methods cannot be tree-shaken: an app using createHireClient ships the whole resource (create,
    // update, delete, get, list, listPage, patch, toUpdateBody), whichever it calls.
    const { initialGzip } = await bundleSizes('one-call.js');
    expect(initialGzip).toBeLessThan(CLIENT_BUDGET_GZIP_BYTES);
  });
});
