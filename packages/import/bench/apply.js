// Benchmark (not a test): apply an export of N records (default 10,000) with feishu-hire-import against the mock
// enforcing the spec's rate limits, and print for each operation its achieved / allowed rate (or that it was paced
// by its parents' creates: a child waits for its parent); the failures and the 429 answers; the CLI's peak memory
// (also at N/4, to show it is flat in N: the export is streamed); and the elapsed time against the floor the rate
// limits set (the resources run side by side, so the floor is the slowest operation's calls / rate).
//   node bench/apply.js [--records N] [--spec FILE]   (the test spec: the bundled one plus the fixture resource)
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathPattern } from '@feishu-hire/spec/model';
import { importModel } from '../src/model.js';
import { BIN, makeExport, SPEC, startMock } from '../test/helpers/setup.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '10000' } } });
const total = Number(values.records);
const model = importModel(SPEC);

/** One operation's line: its achieved / allowed rate, or that none is known. */
function rowText(r, binding, paced) {
  // A few calls are one or two bursts (the limiter lets a window's quota go at once): no rate to speak of. Whether a
  // window was exceeded is the mock's to say (its 429 answers), not these response times'.
  if (r.span < 10) return `  ${r.op}: ${r.calls} calls in ${r.span.toFixed(1)} s (too few for a rate)`;
  const rate = `${r.calls} calls in ${r.span.toFixed(1)} s, ${r.achieved.toFixed(2)}/s`;
  if (!r.allowed) return `  ${r.op}: ${rate}; no limit known (the tools apply none)${paced ?? ''}`;
  return `  ${r.op}: ${rate} of ${r.allowed}/s allowed = ${(r.achieved / r.allowed).toFixed(3)}${r === binding ? ' (binding)' : ''}${paced ?? ''}`;
}

/** Why a create ran below its own limit: its records wait for their parents, created at the parent's pace. */
function pacedNote(rows, resource) {
  const own = rows.find((r) => r.op === resource.create.operationId);
  const parent = resource.parent?.byKey && rows.find((r) => r.op === model.byName(resource.parent.resource).create.operationId);
  if (!parent || (own.allowed && own.achieved > 0.9 * own.allowed)) return undefined;
  return `, paced by its parents (${resource.parent.resource}: ${parent.achieved.toFixed(2)}/s)`;
}

/** Runs one apply of `n` records against a fresh mock; returns its measures. */
async function run(n) {
  const lines = [];
  const mock = await startMock({ rateLimitPerSecond: undefined, log: (l) => lines.push([Date.now(), l]) }); // the spec's limits
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(SPEC));
  const perResource = Math.round(n / model.resources.length);
  const exp = makeExport({ perResource, outsideParents: Math.max(1, Math.round(perResource / 20)) });
  writeFileSync(join(dir, 'export.jsonl'), `${exp.lines.join('\n')}\n`);
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, 'apply', join(dir, 'export.jsonl'), '--base-url', mock.url, '--app-id', 'cli_mock_app', '--app-secret', 'mock_app_secret', '--spec', join(dir, 'spec.json'), '--json', '--progress', 'lines'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await new Promise((r) => child.on('close', r));
  const elapsed = (Date.now() - started) / 1000;
  await mock.close();
  const summary = JSON.parse(out);
  const ops = model.resources.flatMap((r) => [r.create, r.listing?.operation].filter(Boolean));
  const rows = ops.map((op) => {
    const hits = lines.filter(([, l]) => l.startsWith(`${op.method} `) && / -> 200 /.test(l) && pathPattern(op.path).test(l.split(' ')[1].split('?')[0]));
    const span = hits.length > 1 ? (hits.at(-1)[0] - hits[0][0]) / 1000 : 0;
    const allowed = op.rateLimit.perSecond;
    return { op: op.operationId, calls: hits.length, span, achieved: span ? (hits.length - 1) / span : 0, allowed, floor: allowed ? hits.length / allowed : 0 };
  });
  const limited = lines.filter(([, l]) => / -> 429 /.test(l)).length;
  return { n: exp.records.length, summary, rows, elapsed, limited };
}

const small = await run(Math.round(total / 4));
const big = await run(total);
const binding = big.rows.reduce((a, b) => (b.floor > a.floor ? b : a));
console.log(`\napply of ${big.n} records (${model.resources.map((r) => r.name).join(', ')}) against the mock at the spec's rate limits`);
for (const r of big.rows.filter((x) => x.calls > 0)) {
  const resource = model.resources.find((x) => x.create.operationId === r.op);
  console.log(rowText(r, binding, resource && pacedNote(big.rows, resource)));
}
console.log(`  failed ${big.summary.total.failed}, skipped ${big.summary.total.skipped}, 429 answers ${big.limited}`);
console.log(`  elapsed ${big.elapsed.toFixed(1)} s; floor (the binding operation's calls / its rate) ${binding.floor.toFixed(1)} s; ratio ${(big.elapsed / binding.floor).toFixed(3)}`);
console.log(`  peak RSS of the CLI: ${(small.summary.peakRssBytes / 2 ** 20).toFixed(1)} MB at ${small.n} records, ${(big.summary.peakRssBytes / 2 ** 20).toFixed(1)} MB at ${big.n} records`);
