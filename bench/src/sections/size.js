// Bundle size of a one-call program per contender: esbuild bundle + minify, then gzip (zlib level 9).
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { BENCH_DIR } from '../lib/contenders.js';

const FIXTURES = path.join(BENCH_DIR, 'src/fixtures');

/** Bundles `entry` (absolute path) minified for Node and resolves {minified, gzipped} byte counts, or {error}. */
export async function bundleSize(entry, { resolveDir = BENCH_DIR, platform = 'node' } = {}) {
  try {
    const result = await build({
      entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform, target: 'node20',
      write: false, absWorkingDir: resolveDir, logLevel: 'silent', nodePaths: [path.join(BENCH_DIR, 'node_modules')],
    });
    const code = result.outputFiles[0].contents;
    return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
  } catch (err) {
    return { error: `bundle of ${path.basename(entry)} failed: ${String(err.message).split('\n').slice(0, 3).join(' ')}` };
  }
}

/** Report rows of this section. */
export async function sizeSection() {
  const [ours, official, openapiFetch, rawFetch] = await Promise.all(
    ['one-call-ours.js', 'one-call-official.js', 'one-call-openapi-fetch.js', 'one-call-fetch.js'].map((f) => bundleSize(path.join(FIXTURES, f))),
  );
  const errors = [ours, official, openapiFetch, rawFetch].filter((r) => r.error).map((r) => r.error);
  return {
    rows: [
      { section: 'Bundle size of a one-call program (esbuild --bundle --minify, platform node)' },
      { metric: 'one-call bundle, gzipped', unit: 'bytes', ours: ours.gzipped ?? null, official: official.gzipped ?? null, floor: openapiFetch.gzipped ?? null, floorLabel: 'openapi-fetch', target: '< 5 KB', met: ours.gzipped === undefined ? undefined : ours.gzipped < 5000 },
      { metric: 'one-call bundle, minified', unit: 'bytes', ours: ours.minified ?? null, official: official.minified ?? null, floor: openapiFetch.minified ?? null, floorLabel: 'openapi-fetch' },
      { metric: 'one-call bundle, gzipped vs raw fetch', unit: 'bytes', ours: ours.gzipped ?? null, official: official.gzipped ?? null, floor: rawFetch.gzipped ?? null, floorLabel: 'raw fetch' },
    ],
    notes: ['Bundle: the one-call programs are in bench/src/fixtures (ours and the official SDK get app credentials and manage the token; the floors get a ready token). 1 KB = 1000 B.', ...errors],
    data: { ours, official, openapiFetch, rawFetch },
  };
}
