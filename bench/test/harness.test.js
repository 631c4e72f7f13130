// Smoke tests of the harness's pure functions (no benchmark runs here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantile, median, ratio, formatBytes, formatMs, formatNs, formatRatio } from '../src/lib/stats.js';
import { renderTable, rowCells, escapeCell, COLUMNS } from '../src/lib/table.js';
import { parseCliArgs, renderMarkdown, SECTIONS } from '../src/report.js';
import { createRequire } from 'node:module';
import { operationsOf } from '@feishu-hire/spec/operations';
import { copyPath, scaleSpec, usedComponents } from '../src/lib/scalespec.js';

test('quantile interpolates between closest ranks', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99), 9.91);
  assert.equal(quantile([7], 0.99), 7);
  assert.equal(quantile([10, 0], 0), 0);
  assert.equal(quantile([10, 0], 1), 10);
});

test('quantile rejects bad input naming the argument', () => {
  assert.throws(() => quantile([], 0.5), /values must be a non-empty array/);
  assert.throws(() => quantile([1], 1.5), /q must be a number in \[0, 1\]/);
});

test('ratio and formatters', () => {
  assert.equal(ratio(3, 2), 1.5);
  assert.equal(ratio(3, 0), null);
  assert.equal(ratio(NaN, 2), null);
  assert.equal(formatBytes(999), '999 B');
  assert.equal(formatBytes(4321), '4.32 KB');
  assert.equal(formatBytes(43210), '43.2 KB');
  assert.equal(formatBytes(4_321_000), '4.32 MB');
  assert.equal(formatMs(1.234), '1.23 ms');
  assert.equal(formatMs(1234), '1.23 s');
  assert.equal(formatNs(950.4), '950 ns');
  assert.equal(formatNs(12_345), '12.3 µs');
  assert.equal(formatRatio(1.254), '1.25x');
  assert.equal(formatRatio(null), 'n/a');
});

test('rowCells computes ours/floor, labels the floor and marks misses', () => {
  const cells = rowCells({ metric: 'size', unit: 'bytes', ours: 6000, official: 200_000, floor: 3000, floorLabel: 'openapi-fetch', target: '< 5 KB', met: false });
  assert.deepEqual(cells, ['size', '6.00 KB', '200.0 KB', '3.00 KB (openapi-fetch)', '2.00x', '< 5 KB', '**NO**']);
  const missing = rowCells({ metric: 'x', unit: 'ms', ours: null, official: 2, floor: 1, ratio: null });
  assert.deepEqual(missing, ['x', 'n/a', '2.00 ms', '1.00 ms', '', '', '']);
});

test('renderTable writes a header, a separator and one line per row, escaping pipes', () => {
  const md = renderTable([{ section: 'S' }, { metric: 'a|b', unit: 'count', ours: 1, official: 2, floor: 1, met: true }]);
  const lines = md.split('\n');
  assert.equal(lines.length, 4);
  assert.equal(lines[0], `| ${COLUMNS.join(' | ')} |`);
  assert.match(lines[2], /^\| \*\*S\*\* \|/);
  assert.equal(lines[3], '| a\\|b | 1 | 2 | 1 | 1.00x |  | yes |');
  assert.equal(escapeCell('x\ny'), 'x y');
});

test('parseCliArgs: full run writes, partial runs do not unless --out', () => {
  assert.deepEqual(parseCliArgs([]), { quick: false, only: SECTIONS, out: null, write: true, help: false });
  assert.equal(parseCliArgs(['--quick']).write, false);
  assert.deepEqual(parseCliArgs(['--only', 'size,import']).only, ['size', 'import']);
  assert.equal(parseCliArgs(['--only', 'size', '--out', 'x.md']).write, true);
  assert.equal(parseCliArgs(['--no-write']).write, false);
  assert.throws(() => parseCliArgs(['--only', 'size,nope']), /--only: unknown section\(s\) \["nope"\]/);
  assert.throws(() => parseCliArgs(['--frobnicate']), /Unknown option '--frobnicate'/);
});

test('renderMarkdown includes the machine, the table and the notes', () => {
  const md = renderMarkdown({ machine: { cpu: 'Test CPU', node: 'v20' }, rows: [{ metric: 'm', unit: 'count', ours: 1, official: 1, floor: 1 }], notes: ['how'], command: 'npx -y pnpm@10 bench' });
  assert.match(md, /^# Benchmarks/);
  assert.match(md, /- cpu: Test CPU/);
  assert.match(md, /\| m \| 1 \| 1 \| 1 \| 1.00x \|/);
  assert.match(md, /- how/);
});

test('scaleSpec: N copies of one operation on distinct paths, each with its own operationId and used components', () => {
  const bundled = createRequire(import.meta.url)('@feishu-hire/spec/openapi.json');
  const [original] = operationsOf(bundled).filter((op) => op.requestBody && op.parameters.path.length > 0);
  const scaled = scaleSpec(bundled, 4, original.operationId);
  const ops = operationsOf(scaled); // the model accepts it: every $ref resolves, every operationId is unique
  const copies = ops.filter((op) => op.operationId.startsWith(original.operationId));
  assert.deepEqual(copies.map((op) => op.operationId), [0, 1, 2, 3].map((i) => `${original.operationId}${i || ''}`));
  assert.equal(new Set(copies.map((op) => op.path)).size, 4);
  assert.equal(copies[3].path, copyPath(original.path, 3));
  assert.equal(ops.length, operationsOf(bundled).length + 3); // the other operations are kept
  const method = original.method.toLowerCase();
  const used = usedComponents(bundled, { [method]: bundled.paths[original.path][method] }).map(([kind, name]) => `${kind}/${name}`);
  const added = Object.entries(scaled.components).flatMap(([kind, all]) => Object.keys(all).filter((n) => n.endsWith('_2')).map((n) => `${kind}/${n.slice(0, -2)}`));
  assert.deepEqual(added.sort(), used.sort()); // exactly the components the operation uses, so none is unused
  assert.ok(JSON.stringify(scaled.paths[copies[2].path]).includes('_2"'));
  assert.ok(!JSON.stringify(scaled.paths[copies[2].path]).match(/_[13]"/));
});

test('scaleSpec and copyPath reject what they cannot scale, naming it', () => {
  const bundled = createRequire(import.meta.url)('@feishu-hire/spec/openapi.json');
  assert.throws(() => scaleSpec(bundled, 0, 'x'), /count must be a positive integer, got 0/);
  assert.throws(() => scaleSpec(bundled, 2, 'noSuchOperation'), /the document has no operation noSuchOperation/);
  assert.equal(copyPath('/a/b/{id}/{sub}', 7), '/a/b_7/{id}/{sub}');
  assert.throws(() => copyPath('/{id}', 1), /path template \/\{id\} has no fixed segment to vary/);
});
