// Scale: the pipeline and a one-call consumer's bundle with a generated spec of many copies of the benchmarked call.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { operationsOf } from '@feishu-hire/spec/operations';
import { run } from '../lib/proc.js';
import { scaleSpec } from '../lib/scalespec.js';
import { bundleSize } from './size.js';
import { lastCold, turboBuild, workspaceCopy } from './pipeline.js';

/** The operation the scaled spec holds copies of: the call every bench section measures. */
const SCALED_OPERATION_ID = 'updateExternalInterview';

/** Measures the copy's current state: spec bytes, generate time, schema.ts bytes, one-call bundle. */
async function measureState(dir) {
  const specFile = path.join(dir, 'packages/spec/dist/openapi.json');
  const operations = operationsOf(JSON.parse(await readFile(specFile, 'utf8'))).length;
  const generate = await run(process.execPath, ['scripts/generate.js'], { cwd: path.join(dir, 'packages/client'), timeoutMs: 600_000 });
  const bundle = await bundleSize(path.join(dir, 'bench/src/fixtures/one-call-ours-core.js'), { resolveDir: path.join(dir, 'bench') });
  if (bundle.error) throw new Error(bundle.error);
  return {
    operations,
    specBytes: (await stat(specFile)).size,
    generateMs: generate.ms,
    schemaBytes: (await stat(path.join(dir, 'packages/client/generated/schema.ts'))).size,
    bundleGz: bundle.gzipped,
    bundleMin: bundle.minified,
  };
}

/** Report rows of this section. */
export async function scaleSection({ quick = false, log = () => {} } = {}) {
  const count = quick ? 50 : 500;
  const { dir } = await workspaceCopy(log);
  let baseColdMs = lastCold.ms;
  if (baseColdMs === null) {
    baseColdMs = (await turboBuild(dir, ['--force'])).ms;
    lastCold.ms = baseColdMs;
  } else await turboBuild(dir); // restores the unedited outputs from the cache
  const small = await measureState(dir);
  log(`scale: this spec ${JSON.stringify(small)}`);

  const bundled = JSON.parse(await readFile(path.join(dir, 'packages/spec/dist/openapi.json'), 'utf8'));
  await writeFile(path.join(dir, 'specs/openapi.yaml'), `${JSON.stringify(scaleSpec(bundled, count, SCALED_OPERATION_ID), null, 1)}\n`); // JSON is YAML
  log(`scale: wrote specs/openapi.yaml with ${count} copies of ${SCALED_OPERATION_ID}; cold build...`);
  const cold = await turboBuild(dir, ['--force']);
  const big = await measureState(dir);
  log(`scale: ${count} copies ${JSON.stringify(big)} cold build ${cold.ms.toFixed(0)} ms`);
  await run('git', ['checkout', '--', '.'], { cwd: dir }); // the temp copy, never /work/main

  const row = (metric, unit, key, extra = {}) => ({ metric, unit, ours: big[key], official: null, floor: small[key], floorLabel: 'this spec', ...extra });
  return {
    rows: [
      { section: `Scale: generated spec with ${count} copies of the update (ours column) vs this spec (floor column)` },
      row('operations', 'count', 'operations'),
      row('bundled spec (openapi.json)', 'bytes', 'specBytes'),
      { metric: 'cold `turbo run build --force`', unit: 'ms', ours: cold.ms, official: null, floor: baseColdMs, floorLabel: 'this spec' },
      row('openapi-typescript generate', 'ms', 'generateMs'),
      row('generated/schema.ts', 'bytes', 'schemaBytes'),
      row('one-call consumer bundle, gzipped', 'bytes', 'bundleGz', { target: 'no growth (1.00x)', met: big.bundleGz <= small.bundleGz }),
      row('one-call consumer bundle, minified', 'bytes', 'bundleMin'),
    ],
    notes: [`Scale: the bundled spec with ${count - 1} copies of ${SCALED_OPERATION_ID} added (its path with \`_N\` on the last fixed segment, e.g. /external_interviews_N/…, operationIds ${SCALED_OPERATION_ID}N, the components it uses copied with the suffix _N; shared examples and headers; the spec's other operations kept), so ${count} copies in all, written as specs/openapi.yaml in the temp copy; every package is rebuilt with \`turbo run build --force\` (lint, bundle, client and conformance generation, docs), then \`node scripts/generate.js\` (openapi-typescript) is timed once more and bench/src/fixtures/one-call-ours-core.js is bundled against the rebuilt client. The operations row counts every operation; the ratio column is growth over this spec.`],
    data: { count, small, big, coldMs: cold.ms, baseColdMs },
  };
}
