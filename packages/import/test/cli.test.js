// The command line: exit codes a pipeline can branch on, the platform's refusal reported per record (and --fail-fast),
// the reports (JSON, JUnit XML, the report command), and the progress display (plain lines, and bars on a TTY).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inline } from '../src/schema.js';
import { BIN, editRecord, makeExport, MODEL, runCli, SPEC, startMock, target, withDescendants, workDir } from './helpers/setup.js';

let env;
let dir;
let file;
let records;
beforeAll(async () => {
  env = await startMock();
  dir = workDir();
  ({ records } = makeExport({ perResource: 5, outsideParents: 2 }));
  file = join(dir, 'export.jsonl');
  writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
});
afterAll(() => env.close());

const args = (command, f = file, ...flags) => [command, f, ...target(env.url, dir), '--progress', 'none', ...flags];

describe('exit codes', () => {
  test('2 for a bad command line, naming the flag', async () => {
    for (const [argv, message] of [
      [['apply'], /FILE: apply needs the export file/],
      [['import', file], /command: must be one of validate, plan, apply, report, schema/],
      [args('apply', file, '--rate-limit', 'fast'), /--rate-limit: must be a positive number/],
      [['plan', file, '--base-url', env.url], /--app-id: plan reads Feishu/],
      [args('apply', join(dir, 'none.jsonl')), /FILE: .*none\.jsonl does not exist/],
    ]) {
      const result = await runCli(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  test('3 when it cannot start: Feishu unreachable, or a journal of another target', async () => {
    const unreachable = await runCli(['plan', file, '--base-url', 'http://127.0.0.1:9', '--app-id', 'a', '--app-secret', 's', '--spec', join(dir, 'spec.json'), '--timeout', '2000', '--retries', '1']);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(/cannot start: reading/);
    const journal = join(dir, 'other.journal');
    writeFileSync(journal, `${JSON.stringify({ e: 'journal', v: 1, target: { baseUrl: 'https://open.feishu.cn', app: 'cli_real' } })}\n`);
    const other = await runCli(args('apply', file, '--journal', journal));
    expect(other.code).toBe(3);
    expect(other.stderr).toMatch(/belongs to https:\/\/open\.feishu\.cn \(app cli_real\)/);
  });
});

describe('progress', () => {
  test('elsewhere than a TTY: plain lines with each resource, its rate and ETA', async () => {
    const result = await runCli([...args('apply', file, '--journal', join(dir, 'p.journal')).filter((a) => a !== 'none' && a !== '--progress')]);
    expect(result.stderr).toMatch(new RegExp(`progress: ${MODEL.resources[0].name} \\d+/\\d+ [\\d.]+/s ETA \\S+`));
  });

  test('on a TTY (a pseudo-terminal, script(1)): one bar per resource with rate and ETA', async () => {
    const command = ['node', BIN, ...args('apply', file, '--journal', join(dir, 't.journal'), '--progress', 'auto').filter((a, i, all) => !(a === 'none' && all[i - 1] === '--progress') && !(a === '--progress' && all[i + 1] === 'none'))];
    const quoted = command.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const { spawn } = await import('node:child_process');
    const output = await new Promise((resolve) => {
      const child = spawn('script', ['-qec', quoted, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.on('close', () => resolve(text));
    });
    for (const r of MODEL.resources) expect(output).toMatch(new RegExp(`${r.name}\\s*\\|[█░]+\\| \\d+/\\d+ · [\\d.]+/s · ETA \\S+`));
  });
});

describe('a record the platform refuses', () => {
  // The runs above wrote the export under journals of their own; these start from an empty store (keys forgotten).
  beforeAll(() => env.mock.store.reset());

  test('is reported with the platform code, msg and log id, and does not stop the others (unless --fail-fast); 1 as exit code', async () => {
    const first = await runCli(args('apply', file, '--journal', join(dir, 'a.journal')));
    expect(first.code, first.stderr).toBe(0);
    const root = MODEL.resources[0];
    const victim = env.records(root.name).find((r) => r[root.key] === `${root.name}-0`);
    env.remove(root.name, victim.id); // deleted on Feishu (its children first): a new create of its key within 24 hours is refused
    // The journal as it was, read again (--reread): the victim is no longer there, and is created again.
    copyFileSync(join(dir, 'a.journal'), join(dir, 'b.journal'));
    const failFast = await runCli(args('apply', file, '--journal', join(dir, 'b.journal'), '--reread', '--fail-fast', '--json'));
    expect(failFast.code).toBe(1);
    expect(JSON.parse(failFast.stdout).stopped).toBe(true);

    copyFileSync(join(dir, 'a.journal'), join(dir, 'b.journal'));
    const result = await runCli(args('apply', file, '--journal', join(dir, 'b.journal'), '--reread', '--report', join(dir, 'r.json'), '--junit', join(dir, 'r.xml')));
    expect(result.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    const failed = report.records.filter((r) => r.status === 'failed');
    expect(failed).toEqual([expect.objectContaining({ resource: root.name, key: `${root.name}-0`, code: 1002002, msg: expect.stringContaining('external_id'), logId: expect.any(String) })]);
    // Every record under it (children, grandchildren) is skipped, and only those.
    const under = withDescendants(records, ({ resource, record }) => resource === root.name && record[root.key] === `${root.name}-0`);
    const skipped = report.records.filter((r) => r.status === 'skipped');
    expect(skipped.map((r) => `${r.resource} ${r.key}`).sort()).toEqual([...under].filter((r) => r.resource !== root.name).map(({ resource, record }) => `${resource} ${record[MODEL.byName(resource).key]}`).sort());
    expect(report.summary.total.unchanged).toBe(records.length - 1 - skipped.length);

    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(dir, 'r.xml'), 'utf8'));
    const suites = [xml.testsuites.testsuite].flat();
    expect(suites.map((s) => s['@_name'])).toEqual(MODEL.resources.map((r) => r.name));
    expect(Number(xml.testsuites['@_failures'])).toBe(1);
    const failure = suites[0].testcase.find((c) => c.failure);
    expect(failure['@_name']).toBe(`create ${root.name}-0 (line 1)`);
    expect(failure.failure['#text']).toMatch(/x-tt-logid: \S+\ncode: 1002002/);

    const journalReport = await runCli(args('report', file, '--journal', join(dir, 'b.journal'), '--json'));
    expect(journalReport.code).toBe(1);
    expect(JSON.parse(journalReport.stdout).total).toMatchObject({ failed: 1 });
  });

  test('an edited record of a resource without update is a conflict, reported failed', async () => {
    const child = MODEL.resources.find((r) => !r.update);
    const root = MODEL.resources[0];
    const at = records.findIndex((x) => x.resource === child.name && x.record[child.parent.field] !== `${root.name}-0`); // not under the record deleted above
    const edited = records.map((r, i) => (i === at ? { ...r, record: editRecord(r.resource, r.record) } : r));
    const key = records[at].record[child.key];
    const editedFile = join(dir, 'edited.jsonl');
    writeFileSync(editedFile, `${edited.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const plan = await runCli(args('plan', editedFile, '--journal', join(dir, 'a.journal'), '--reread'));
    expect(plan.stdout).toMatch(new RegExp(`conflict ${child.name} ${key} \\(line ${at + 1}\\) id \\d+: \\w+`));
    const result = await runCli(args('apply', editedFile, '--journal', join(dir, 'a.journal'), '--json'));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).resources[child.name].failed).toBe(1);
  });

  test('an edited field that the resource\'s update cannot set is a conflict, reported failed, and nothing is sent', async () => {
    const resource = MODEL.resources.find((r) => r.update);
    const victim = withDescendants(records, ({ resource: name, record }) => name === MODEL.resources[0].name && record[MODEL.resources[0].key] === `${MODEL.resources[0].name}-0`);
    const at = records.findIndex((x) => x.resource === resource.name && !victim.has(x));
    const record = editRecord(resource.name, records[at].record);
    const [field] = Object.keys(record).filter((f) => record[f] !== records[at].record[f]);
    // The spec as if the update could not set that field: its body without it.
    const spec = structuredClone(SPEC);
    const { path, method, operationId } = resource.update;
    const body = Object.values(spec.paths[path][method.toLowerCase()].requestBody.content)[0];
    body.schema = inline(spec, body.schema, operationId);
    delete body.schema.properties[field];
    writeFileSync(join(dir, 'fixed.json'), JSON.stringify(spec));
    const editedFile = join(dir, 'edited-fixed.jsonl');
    writeFileSync(editedFile, `${records.map((r, i) => JSON.stringify(i === at ? { ...r, record } : r)).join('\n')}\n`);
    const flags = [...target(env.url, dir).filter((a) => !a.endsWith('spec.json')), join(dir, 'fixed.json'), '--journal', join(dir, 'a.journal'), '--progress', 'none'];
    const writes = env.writes();
    const result = await runCli(['apply', editedFile, ...flags, '--report', join(dir, 'fixed.json.report')]);
    expect(result.code).toBe(1);
    const failed = JSON.parse(readFileSync(join(dir, 'fixed.json.report'), 'utf8')).records.filter((r) => r.status === 'failed');
    expect(failed).toEqual([expect.objectContaining({ resource: resource.name, key: records[at].record[resource.key], msg: expect.stringContaining(`${operationId} cannot change ${field}`) })]);
    expect(env.writes()).toBe(writes);
  });
});
