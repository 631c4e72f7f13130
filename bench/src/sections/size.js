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

/**
 * Bundles `entry` as an app bundler ships it (code splitting on: a dynamic import() becomes a lazy chunk) and resolves
 * the bytes loaded up front (the entry chunk and the chunks it imports statically), or {error}.
 */
export async function initialLoadSize(entry, { resolveDir = BENCH_DIR, platform = 'node' } = {}) {
  try {
    const result = await build({
      entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform, target: 'node20', splitting: true, outdir: '/virtual',
      write: false, metafile: true, absWorkingDir: resolveDir, logLevel: 'silent', nodePaths: [path.join(BENCH_DIR, 'node_modules')],
    });
    const outputs = result.metafile.outputs; // keys relative to absWorkingDir
    const files = new Map(result.outputFiles.map((f) => [path.relative(resolveDir, f.path), f.contents]));
    const initial = new Set();
    const visit = (out) => {
      if (initial.has(out)) return;
      initial.add(out);
      for (const i of outputs[out].imports) if (i.kind === 'import-statement') visit(i.path);
    };
    visit(Object.keys(outputs).find((o) => outputs[o].entryPoint));
    const sum = (pick) => [...initial].reduce((n, o) => n + pick(files.get(o)), 0);
    return { minified: sum((c) => c.byteLength), gzipped: sum((c) => gzipSync(c, { level: 9 }).byteLength), lazyChunks: Object.keys(outputs).length - initial.size };
  } catch (err) {
    return { error: `split bundle of ${path.basename(entry)} failed: ${String(err.message).split('\n').slice(0, 3).join(' ')}` };
  }
}

/** Report rows of this section. */
export async function sizeSection() {
  const [ours, official, openapiFetch, rawFetch] = await Promise.all(
    ['one-call-ours.js', 'one-call-official.js', 'one-call-openapi-fetch.js', 'one-call-fetch.js'].map((f) => bundleSize(path.join(FIXTURES, f))),
  );
  const oursSplit = await initialLoadSize(path.join(FIXTURES, 'one-call-ours.js'));
  const errors = [ours, official, openapiFetch, rawFetch, oursSplit].filter((r) => r.error).map((r) => r.error);
  return {
    rows: [
      { section: 'Bundle size of a one-call program (esbuild --bundle --minify, platform node)' },
      { metric: 'one-call bundle, gzipped', unit: 'bytes', ours: ours.gzipped ?? null, official: official.gzipped ?? null, floor: openapiFetch.gzipped ?? null, floorLabel: 'openapi-fetch', target: '< 5 KB', met: ours.gzipped === undefined ? undefined : ours.gzipped < 5000 },
      { metric: 'one-call bundle, minified', unit: 'bytes', ours: ours.minified ?? null, official: official.minified ?? null, floor: openapiFetch.minified ?? null, floorLabel: 'openapi-fetch' },
      { metric: 'one-call bundle, gzipped, code-split (loaded up front; the validator is a lazy chunk)', unit: 'bytes', ours: oursSplit.gzipped ?? null, official: official.gzipped ?? null, floor: openapiFetch.gzipped ?? null, floorLabel: 'openapi-fetch', target: '< 5 KB', met: oursSplit.gzipped === undefined ? undefined : oursSplit.gzipped < 5000 },
      { metric: 'one-call bundle, gzipped vs raw fetch', unit: 'bytes', ours: ours.gzipped ?? null, official: official.gzipped ?? null, floor: rawFetch.gzipped ?? null, floorLabel: 'raw fetch' },
    ],
    notes: ['Bundle: the one-call programs are in bench/src/fixtures (ours and the official SDK get app credentials and manage the token; the floors get a ready token). 1 KB = 1000 B. The first rows bundle into one file, so the `validate: true` code (a dynamic import) is inlined; the code-split row bundles as Vite, Rollup or webpack do by default, where that code is a lazy chunk never loaded without `validate: true` (the official SDK and the floor have no lazy parts, so their figures are the same).', ...errors],
    data: { ours, oursSplit, official, openapiFetch, rawFetch },
  };
}
