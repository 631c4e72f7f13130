// validate, plan, apply and a second apply against the mock (started here), on an export of every resource of the
// test spec (the bundled spec plus the fixture resource), generated from the model.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { editRecord, makeExport, MODEL, runCli, startMock, storeDiff, target, withDescendants, workDir } from './helpers/setup.js';

let env;
let dir;
/** The mock's clock (its idempotency windows): moved by the tests, not by waiting. */
let clock;
beforeEach(async () => {
  clock = Date.now();
  env = await startMock({ now: () => clock });
  dir = workDir();
});
afterEach(() => env.close());

const write = (name, lines) => {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};
// The mock enforces no rate limit and the CLI's is raised: the rates are the benchmark's point, not these tests'.
const cli = (command, file, ...flags) => runCli([command, file, ...target(env.url, dir), '--progress', 'none', '--rate-limit', '100', ...flags]);

describe('apply', () => {
  test('creates every record of the export, parents first; a second apply writes nothing; an edit updates exactly the edited records', async () => {
    const { lines, records } = makeExport({ perResource: 12, outsideParents: 4 });
    const file = write('export.jsonl', lines);
    const planned = await cli('plan', file, '--json');
    expect(planned.code, planned.stderr).toBe(0);
    const { counts } = JSON.parse(planned.stdout);
    for (const resource of MODEL.resources) expect(counts[resource.name]).toMatchObject({ create: 12, update: 0, unchanged: 0 });

    const first = await cli('apply', file, '--report', join(dir, 'report.json'));
    expect(first.code, first.stderr).toBe(0);
    expect(storeDiff(env, records)).toEqual({ missing: [], duplicates: [], wrong: [] });
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.records).toHaveLength(records.length);
    for (const r of report.records) expect(r).toMatchObject({ status: 'created', id: expect.any(String), logId: expect.any(String) });

    const writes = env.writes();
    const second = await cli('apply', file, '--json');
    expect(second.code, second.stderr).toBe(0);
    expect(env.writes()).toBe(writes);
    expect(JSON.parse(second.stdout).total.unchanged).toBe(records.length);

    // Every resource edited: one with an update (or a patch only) is updated with it, field by field; one without is
    // a conflict, reported failed, and left as it is.
    const exported = records.map(({ resource, record }, i) => ({ resource, record: i % 5 === 0 ? editRecord(resource, record) : record }));
    const keyOfLine = ({ resource, record }) => `${resource} ${record[MODEL.byName(resource).key]}`;
    const edits = exported.filter((r, i) => r.record !== records[i].record);
    const toUpdate = edits.filter((r) => MODEL.byName(r.resource).update).map(keyOfLine);
    const toRefuse = edits.filter((r) => !MODEL.byName(r.resource).update).map(keyOfLine);
    expect(new Set(edits.map((r) => r.resource))).toEqual(new Set(MODEL.resources.map((r) => r.name)));
    const file2 = write('edited.jsonl', exported.map((r) => JSON.stringify(r)));
    const plan2 = JSON.parse((await cli('plan', file2, '--json', '--journal', `${file}.journal`)).stdout);
    const plannedAs = (action) => plan2.operations.filter((o) => o.action === action).map((o) => `${o.resource} ${o.key}`).sort();
    expect(plannedAs('update')).toEqual([...toUpdate].sort());
    expect(plannedAs('conflict')).toEqual([...toRefuse].sort());
    const updates = () => Object.fromEntries(MODEL.resources.map((r) => [r.name, r.update ? env.calls(r.update) : 0]));
    const before = updates();
    const third = await cli('apply', file2, '--journal', `${file}.journal`, '--json');
    expect(third.code, third.stderr).toBe(toRefuse.length ? 1 : 0);
    expect(JSON.parse(third.stdout).total).toMatchObject({ updated: toUpdate.length, failed: toRefuse.length });
    expect(env.writes()).toBe(writes + toUpdate.length);
    // Each with its resource's own update or patch operation.
    const after = updates();
    for (const r of MODEL.resources) expect(after[r.name] - before[r.name], r.name).toBe(toUpdate.filter((k) => k.startsWith(`${r.name} `)).length);
    expect(storeDiff(env, exported.map((r, i) => (MODEL.byName(r.resource).update ? r : records[i])))).toEqual({ missing: [], duplicates: [], wrong: [] });
  });

  test('--prune deletes the records of the export\'s parents that are no longer in it, with their children, children first; the journal forgets them', async () => {
    const { lines, records } = makeExport({ perResource: 8, outsideParents: 2 });
    const file = write('export.jsonl', lines);
    expect((await cli('apply', file)).code).toBe(0);
    const root = MODEL.resources[0];
    const roots = new Set([0, 1, 2].map((i) => `${root.name}-${i}`));
    const gone = withDescendants(records, ({ resource, record }) => resource === root.name && roots.has(record[root.key]));
    const kept = records.filter((r) => !gone.has(r));
    const pruned = write('pruned.jsonl', kept.map((r) => JSON.stringify(r)));
    const plan = JSON.parse((await cli('plan', pruned, '--prune', '--json', '--journal', `${file}.journal`)).stdout);
    const deletes = plan.operations.filter((o) => o.action === 'delete');
    // Every record under the pruned ones goes: deleted first where it can be listed and deleted, or with its parent (cascade).
    const prunable = (name) => name === root.name || MODEL.byName(name).parent.cascade || (MODEL.byName(name).listing && MODEL.byName(name).delete);
    const expected = [...gone].filter((r) => prunable(r.resource)).map(({ resource, record }) => `${resource} ${record[MODEL.byName(resource).key]}`);
    expect(deletes.map((o) => `${o.resource} ${o.key}`).sort()).toEqual(expected.sort());
    if (MODEL.resources.some((r) => r.parent?.cascade)) expect(deletes.filter((o) => o.cascade).length).toBeGreaterThan(0);
    const order = MODEL.resources.map((r) => r.name);
    const sent = deletes.filter((o) => !o.cascade).map((o) => order.indexOf(o.resource));
    expect(sent).toEqual([...sent].sort((a, b) => b - a));
    const applied = await cli('apply', pruned, '--prune', '--json', '--journal', `${file}.journal`);
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout).total.deleted).toBe(expected.length);
    expect(storeDiff(env, kept)).toEqual({ missing: [], duplicates: [], wrong: [] });
    // The journal knows every pruned record as gone, also those that went with their parent (nothing reads them back).
    await cli('report', file, '--journal', `${file}.journal`, '--report', join(dir, 'pruned-report.json'));
    const onFeishu = JSON.parse(readFileSync(join(dir, 'pruned-report.json'), 'utf8')).records.filter((r) => r.status !== 'skipped');
    expect(onFeishu.map((r) => `${r.resource} ${r.key}`).sort()).toEqual(kept.map(({ resource, record }) => `${resource} ${record[MODEL.byName(resource).key]}`).sort());

    // A day later (the keys' idempotency window past, on the mock's clock), the whole export again: each pruned record
    // is created anew.
    clock += 25 * 3600_000;
    const again = await cli('apply', file, '--json', '--journal', `${file}.journal`);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).total.created).toBe(gone.size);
    expect(storeDiff(env, records)).toEqual({ missing: [], duplicates: [], wrong: [] });
  });

  test('a broken export is refused whole, each error with its line, field and rule, and nothing is sent', async () => {
    const { lines } = makeExport({ perResource: 6 });
    const child = MODEL.resources.find((r) => r.parent?.byKey);
    const root = MODEL.resources[0];
    const record = (i) => JSON.parse(lines[i]);
    const broken = [...lines];
    broken[1] = JSON.stringify({ ...record(1), record: { ...record(1).record, no_such_field: 1 } });
    broken[2] = JSON.stringify({ ...record(2), record: { ...record(2).record, [root.key]: record(0).record[root.key] } });
    broken[3] = '{"resource": ';
    broken[4] = JSON.stringify({ resource: 'no_such_resource', record: {} });
    const childLine = broken.findIndex((l) => JSON.parse(l.startsWith('{"resource": ') && !l.endsWith('}') ? '{}' : l).resource === child.name);
    broken[childLine] = JSON.stringify({ resource: child.name, record: { ...JSON.parse(lines[childLine]).record, [child.parent.field]: 'not-in-the-export' } });
    const file = write('broken.jsonl', broken);
    for (const command of ['validate', 'plan', 'apply']) {
      const result = await cli(command, file);
      expect(result.code, command).toBe(2);
      expect(result.stderr).toContain(`broken.jsonl:2: record.no_such_field is not an allowed field (record.no_such_field: additionalProperties)`);
      expect(result.stderr).toMatch(/broken\.jsonl:3: record\.external_id "[^"]+" repeats line 1 .*unique/);
      expect(result.stderr).toMatch(/broken\.jsonl:4: not valid JSON/);
      expect(result.stderr).toMatch(/broken\.jsonl:5: resource must be one of/);
      expect(result.stderr).toContain(`broken.jsonl:${childLine + 1}: record.${child.parent.field} "not-in-the-export" names no ${child.parent.resource}`);
      expect(result.stderr).toMatch(/broken\.jsonl:\d+: record\.\w+ "[^"]+" names the \w+ of line 2, which is invalid/);
      expect(result.stderr).toMatch(/\d+ error\(s\); nothing was sent/);
    }
    expect(env.lines).toEqual([]);
  });
});
