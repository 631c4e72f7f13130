// apply under the mock's fault injection (5xx, 429, connection resets, answers that stall after the write was done)
// ends with every record written once; and a journal lost halfway is rebuilt by reading back, creating nothing twice.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodeFor } from '@feishu-hire/spec/model';
import { afterEach, expect, test } from 'vitest';
import { importModel } from '../src/model.js';
import { makeExport, MODEL, runCli, SPEC, startCli, startMock, storeDiff, target, workDir, seededRandom } from './helpers/setup.js';

let env;
afterEach(() => env?.close());

/** An export of `perResource` records per resource written to a new work dir: `{ dir, file, records }`. */
function exportIn(perResource) {
  const dir = workDir();
  const { lines, records } = makeExport({ perResource, outsideParents: 6 });
  const file = join(dir, 'export.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { dir, file, records };
}

test('an apply under fault injection ends with 0 failed records and the store equal to the export', async () => {
  const faults = [
    { kind: 'system-error', share: 0.12 },
    { kind: 'rate-limit', share: 0.08 },
    { kind: 'reset', share: 0.05 },
    { kind: 'stall', share: 0.04 },
  ];
  env = await startMock({ faults, random: seededRandom(20), requestTimeoutMs: 0 });
  const { dir, file, records } = exportIn(50);
  const result = await runCli(['apply', file, ...target(env.url, dir), '--rate-limit', '50', '--timeout', '2000', '--progress', 'none', '--json', '--report', join(dir, 'report.json')]);
  expect(result.code, `${result.stderr}${readFileSync(join(dir, 'report.json'), 'utf8').split('\n').filter((l) => /"failed"|"skipped"/.test(l)).join('\n')}`).toBe(0);
  const summary = JSON.parse(result.stdout);
  expect(summary.total.failed + summary.total.skipped).toBe(0);
  expect(storeDiff(env, records)).toEqual({ missing: [], duplicates: [], wrong: [] });
  const hit = (kind) => env.lines.filter((l) => (kind === 'reset' ? / -> connection reset/ : kind === 'stall' ? /^disconnect / : kind === 'rate-limit' ? / -> 429 / : / -> 500 /).test(l)).length;
  for (const kind of ['system-error', 'rate-limit', 'reset']) expect(hit(kind), kind).toBeGreaterThan(0);
  console.log(`faults hit: 500 ${hit('system-error')}, 429 ${hit('rate-limit')}, reset ${hit('reset')}, stalled answers ${env.lines.filter((l) => l.includes('stall')).length}; ${JSON.stringify(summary.total)}`);
}, 120_000);

test('a journal lost halfway: the next apply reads back what exists and creates only the rest; what cannot be read back is refused, never created twice', async () => {
  env = await startMock();
  const { dir, file, records } = exportIn(40);
  const args = ['apply', file, ...target(env.url, dir), '--rate-limit', '20', '--progress', 'none'];
  const run = startCli(args);
  while (env.records(records[0].resource).length < 25) await new Promise((r) => setTimeout(r, 20));
  run.child.kill('SIGKILL');
  await run.done;
  rmSync(`${file}.journal`);
  rmSync(`${file}.journal.lock`, { force: true });
  const stored = (r) => env.records(r.resource).some((s) => s[MODEL.byName(r.resource).key] === r.record[MODEL.byName(r.resource).key]);
  const readable = (r) => Boolean(MODEL.byName(r.resource).listing);
  const before = records.filter(stored);
  // Written before the loss, of a resource without a list operation: nothing can tell the import it is there.
  const lost = before.filter((r) => !readable(r));
  expect(lost.length).toBeGreaterThan(0);
  const result = await runCli([...args, '--report', join(dir, 'report.json')]);
  expect(result.code, result.stderr).toBe(1);
  expect(storeDiff(env, records)).toEqual({ missing: [], duplicates: [], wrong: [] });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  expect(report.summary.total.unchanged + report.summary.total.found).toBe(before.length - lost.length);
  expect(report.summary.total.created).toBe(records.length - before.length);
  // Each is refused as the repeat of its key, reported with the platform's code and message, and sent once only.
  const failed = report.records.filter((r) => r.status === 'failed');
  const invalid = (name) => errorCodeFor(MODEL.byName(name).create, 'invalid_parameter').code;
  expect(failed.map((r) => `${r.resource} ${r.key}`).sort()).toEqual(lost.map((r) => `${r.resource} ${r.record[MODEL.byName(r.resource).key]}`).sort());
  for (const r of failed) expect(r).toMatchObject({ code: invalid(r.resource), msg: expect.stringContaining(MODEL.byName(r.resource).key), logId: expect.any(String) });
}, 120_000);

test('a resource without a list operation: a create whose answer was lost is re-sent once, and the refusal of its repeated key reports it unverified, never created twice', async () => {
  const spec = structuredClone(SPEC);
  // A resource under a parent of the export, with no children of its own (an unverified record has no id to name).
  const child = MODEL.resources.find((r) => r.parent?.byKey && r.listing && MODEL.children(r.name).length === 0);
  delete spec.paths[child.listing.operation.path][child.listing.operation.method.toLowerCase()];
  const model = importModel(spec);
  expect(model.byName(child.name).listing).toBeUndefined();
  env = await startMock({ spec, faults: [{ kind: 'stall', operationId: child.create.operationId, times: 1 }], requestTimeoutMs: 0 });
  const dir = workDir(spec);
  const { lines, records } = makeExport({ perResource: 4, model });
  const file = join(dir, 'export.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const result = await runCli(['apply', file, ...target(env.url, dir), '--timeout', '1000', '--progress', 'none', '--json']);
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout).resources[child.name]).toMatchObject({ created: 3, unverified: 1, failed: 0 });
  expect(storeDiff(env, records, model)).toEqual({ missing: [], duplicates: [], wrong: [] });
  const again = await runCli(['apply', file, ...target(env.url, dir), '--progress', 'none', '--json']);
  expect(JSON.parse(again.stdout).resources[child.name]).toMatchObject({ unchanged: 3, unverified: 1 });
}, 60_000);
