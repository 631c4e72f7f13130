// Scale: the pipeline and a one-call consumer's bundle with a generated spec of many operations shaped like this one.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run } from '../lib/proc.js';
import { countOperations, scaleSpec } from '../lib/scalespec.js';
import { bundleSize } from './size.js';
import { lastCold, turboBuild, workspaceCopy } from './pipeline.js';

/** Measures the copy's current state: spec bytes, generate time, schema.ts bytes, one-call bundle. */
async function measureState(dir) {
  const specFile = path.join(dir, 'packages/spec/dist/openapi.json');
  const operations = countOperations(JSON.parse(await readFile(specFile, 'utf8')));
  const generate = await run(process.execPath, ['scripts/generate.js'], { cwd: path.join(dir, 'packages/client'), timeoutMs: 600_000 });
  const bundle = await bundleSize(path.join(dir, 'bench/src/fixtures/one-call-ours.js'), { resolveDir: path.join(dir, 'bench') });
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
  log(`scale: 1 op ${JSON.stringify(small)}`);

  const bundled = JSON.parse(await readFile(path.join(dir, 'packages/spec/dist/openapi.json'), 'utf8'));
  await writeFile(path.join(dir, 'specs/openapi.yaml'), `${JSON.stringify(scaleSpec(bundled, count), null, 1)}\n`); // JSON is YAML
  log(`scale: wrote a ${count}-operation specs/openapi.yaml; cold build...`);
  const cold = await turboBuild(dir, ['--force']);
  const big = await measureState(dir);
  log(`scale: ${count} ops ${JSON.stringify(big)} cold build ${cold.ms.toFixed(0)} ms`);
  await run('git', ['checkout', '--', '.'], { cwd: dir }); // the temp copy, never /work/main

  const row = (metric, unit, key, extra = {}) => ({ metric, unit, ours: big[key], official: null, floor: small[key], floorLabel: '1 op', ...extra });
  return {
    rows: [
      { section: `Scale: generated spec of ${count} operations (ours column) vs this spec (floor column, 1 op)` },
      row('operations', 'count', 'operations'),
      row('bundled spec (openapi.json)', 'bytes', 'specBytes'),
      { metric: 'cold `turbo run build --force`', unit: 'ms', ours: cold.ms, official: null, floor: baseColdMs, floorLabel: '1 op' },
      row('openapi-typescript generate', 'ms', 'generateMs'),
      row('generated/schema.ts', 'bytes', 'schemaBytes'),
      row('one-call consumer bundle, gzipped', 'bytes', 'bundleGz', { target: 'no growth (1.00x)', met: big.bundleGz <= small.bundleGz }),
      row('one-call consumer bundle, minified', 'bytes', 'bundleMin'),
    ],
    notes: [`Scale: the bundled spec with ${count - 1} copies of the operation (paths /external_interviews_N/…, operationIds updateExternalInterviewN, components suffixed _N; shared examples) written as specs/openapi.yaml in the temp copy; every package is rebuilt with \`turbo run build --force\`, then \`node scripts/generate.js\` (openapi-typescript) is timed once more and bench/src/fixtures/one-call-ours.js is bundled against the rebuilt client. The ratio column is growth over the one-operation spec.`],
    data: { count, small, big, coldMs: cold.ms, baseColdMs },
  };
}
