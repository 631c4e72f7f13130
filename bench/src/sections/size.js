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
  const ours = (file, platform) => bundleSize(path.join(FIXTURES, file), { platform });
  // Ours with esbuild's default platform (browser): the build for every runtime but Node, which bundlers for browsers,
  // workers and edge runtimes pick; and with platform node, which picks the package's node build (node:http transport).
  const [core, coreNode, client, validating, official, openapiFetch, rawFetch] = await Promise.all([
    ours('one-call-ours-core.js', 'browser'),
    ours('one-call-ours-core.js', 'node'),
    ours('one-call-ours.js', 'browser'),
    ours('one-call-ours-validate.js', 'browser'),
    ...['one-call-official.js', 'one-call-openapi-fetch.js', 'one-call-fetch.js'].map((f) => bundleSize(path.join(FIXTURES, f))),
  ]);
  const errors = [core, coreNode, client, validating, official, openapiFetch, rawFetch].filter((r) => r.error).map((r) => r.error);
  return {
    rows: [
      { section: 'Bundle size of a one-call program (esbuild --bundle --minify, one file)' },
      { metric: 'one-call bundle, gzipped (createHireCore + updateInterview; esbuild default platform)', unit: 'bytes', ours: core.gzipped ?? null, official: official.gzipped ?? null, floor: openapiFetch.gzipped ?? null, floorLabel: 'openapi-fetch', target: '≤ 5 KB', met: core.gzipped === undefined ? undefined : core.gzipped <= 5000 },
      { metric: 'one-call bundle, minified (same)', unit: 'bytes', ours: core.minified ?? null, official: official.minified ?? null, floor: openapiFetch.minified ?? null, floorLabel: 'openapi-fetch' },
      { metric: 'one-call bundle, gzipped, platform node (the node build: + the node:http transport)', unit: 'bytes', ours: coreNode.gzipped ?? null, official: official.gzipped ?? null, floor: openapiFetch.gzipped ?? null, floorLabel: 'openapi-fetch' },
      { metric: 'one-call bundle, gzipped, through createHireClient (every method of the resource)', unit: 'bytes', ours: client.gzipped ?? null, official: official.gzipped ?? null, floor: openapiFetch.gzipped ?? null, floorLabel: 'openapi-fetch' },
      { metric: 'one-call bundle, gzipped, with the validator (@feishu-hire/client/validate)', unit: 'bytes', ours: validating.gzipped ?? null, official: official.gzipped ?? null, floor: openapiFetch.gzipped ?? null, floorLabel: 'openapi-fetch' },
      { metric: 'one-call bundle, gzipped vs raw fetch', unit: 'bytes', ours: core.gzipped ?? null, official: official.gzipped ?? null, floor: rawFetch.gzipped ?? null, floorLabel: 'raw fetch' },
    ],
    notes: ['Bundle: the one-call programs are in bench/src/fixtures (ours and the official SDK get app credentials and manage the token; the floors get a ready token), each bundled into one file as a bundler that does not split ships it. 1 KB = 1000 B. The official SDK and the floors are bundled with platform node (the SDK needs Node\'s modules). Ours with esbuild\'s default platform (browser), which picks the package\'s build for every runtime but Node (fetch), and once with platform node, which picks its node build: the same code plus a node:http transport, the cost of its CPU per call over HTTP (a third of fetch\'s; see the overhead section). createHireCore + updateInterview bundles only the update; createHireClient wires every method of the resource into externalInterviews, and an object\'s methods cannot be tree-shaken. The validator is an entry point of its own (@feishu-hire/client/validate), in a bundle only when the app imports it and passes it as `validate`; the raw openapi-fetch client (@feishu-hire/client/raw) and the Bottleneck adapter likewise.', ...errors],
    data: { ours: core, oursNode: coreNode, oursClient: client, oursValidate: validating, official, openapiFetch, rawFetch },
  };
}
