// Proof by fixture RESOURCE: a resource added to the spec alone (the spec package's fixture, external interview notes:
// create, list by parent with paging, delete at 20/minute, a child of external interviews) gets its cases, its
// lifecycle (parent created first) and its read-back from its roles, and passes a writing run of the CLI, with no line
// of conformance code knowing it. The mock serves it from its generic store, with no handler either.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_APPS, startMockServer } from '@feishu-hire/mock-server';
import { operationsOf, resourceByName, resourcesOf } from '@feishu-hire/spec/model';
import { FIXTURE_RESOURCE, specWithFixtureResource } from '../../spec/test/fixtures/fixture-resource.js';
import { createVirtualClock, generateCases, main, runConformance, semanticsOf } from '../src/index.js';

const doc = specWithFixtureResource();
const operations = operationsOf(doc);
const notes = resourceByName(FIXTURE_RESOURCE, resourcesOf(doc, operations));
const parent = resourceByName(notes.parent.resource, resourcesOf(doc, operations));
const cases = generateCases(doc);
const ofNotes = cases.filter((c) => Object.values(notes.operations).includes(c.operationId));
const dir = mkdtempSync(join(tmpdir(), 'conformance-fixture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`the fixture resource ${FIXTURE_RESOURCE}: cases from its roles alone`, () => {
  it('gets semantics from the roles of its operations, none by name', () => {
    const table = semanticsOf(doc);
    for (const [role, operationId] of Object.entries(notes.operations)) expect(table[operationId], operationId).toMatchObject({ role, resource: { name: notes.name } });
  });

  it('gets cases for every operation, a lifecycle on the run\'s parent, and no state case (it has no update)', () => {
    expect(new Set(ofNotes.map((c) => c.operationId))).toEqual(new Set(Object.values(notes.operations)));
    const lifecycle = ofNotes.find((c) => c.kind === 'lifecycle');
    expect(lifecycle).toMatchObject({ id: `${notes.operations.create}.lifecycle`, writes: true, lifecycle: { resource: notes.name } });
    expect(lifecycle.title).toBe(`lifecycle of ${notes.name}: on the run's ${notes.parent.field}, create (${notes.operations.create}), read back, delete (${notes.operations.delete}), read back as gone`);
    expect(ofNotes.filter((c) => c.kind === 'state')).toEqual([]);
    // Every case of its create writes (no id that cannot exist makes it safe); its delete's rejections do not.
    for (const c of ofNotes.filter((x) => x.operationId === notes.operations.create)) expect(c.writes, c.id).toBe(true);
    expect(ofNotes.filter((c) => c.operationId === notes.operations.delete && c.kind === 'invalid').every((c) => !c.writes)).toBe(true);
  });

  it('passes a writing run of the CLI against the mock serving it (embedded mode, its spec given with --spec): every case, lifecycle and 20/minute burst included', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    let started;
    const startMock = async (options) => {
      const mock = await startMockServer(options);
      started = { mock, before: mock.store.list(), notes: mock.store.resource(notes.name).list() };
      return mock;
    };
    const out = [];
    const io = { stdout: { write: (t) => out.push(t) }, stderr: { write: (t) => out.push(t) }, startMock };
    const code = await main(['--spec', file], io);
    const stdout = out.join('');
    expect(code, stdout).toBe(0);
    for (const c of ofNotes) expect(stdout, c.id).toContain(`✓ ${c.id} `);
    expect(stdout).toMatch(/conformance: \d+ passed, 0 failed, 0 unconfirmed, \d+ skipped/);
    expect(stdout).toMatch(new RegExp(`^✓ ${notes.operations.delete}\\.rate-limit\\.burst a burst above 20/minute`, 'm'));
    expect(started.mock.store.resource(notes.name).list(), 'the run deletes the notes it created').toEqual(started.notes);
    expect(stdout).not.toContain('could not be deleted');
    expect(started.mock.store.list(), 'and the parents it created for them').toEqual(started.before);
  });
});

describe('a resource whose create answers its new id alone and that has no delete (the fixture, changed)', () => {
  /** The fixture spec without the notes' delete, its create answering `data: { id }` (no record key). */
  function changedSpec() {
    const changed = specWithFixtureResource();
    const create = operations.find((o) => o.operationId === notes.operations.create);
    const remove = operations.find((o) => o.operationId === notes.operations.delete);
    delete changed.paths[remove.path];
    changed.paths[create.path].post.responses[200].content['application/json'] = {
      schema: { type: 'object', required: ['code', 'msg', 'data'], properties: { code: { type: 'integer', const: 0 }, msg: { type: 'string' }, data: { type: 'object', properties: { id: { type: 'string' } } } } },
    };
    return changed;
  }

  it('gets no record key from the model, echoes only what its answer declares, and reports the notes the run cannot delete', async () => {
    const changed = changedSpec();
    const model = resourceByName(FIXTURE_RESOURCE, resourcesOf(changed, operationsOf(changed)));
    expect(model.recordKey).toBeUndefined();
    expect(generateCases(changed).find((c) => c.id === `${notes.operations.create}.lifecycle`).title).not.toContain('delete the parent');
    const clock = createVirtualClock();
    const mock = await startMockServer({ spec: changed, now: clock.now });
    const seeded = new Set(mock.store.resource(notes.name).list().map((n) => n.id));
    try {
      const run = await runConformance({ baseUrl: mock.url, appId: DEFAULT_APPS[0].appId, appSecret: DEFAULT_APPS[0].appSecret, allowWrites: true, clock, spec: changed, only: new RegExp(`^${notes.operations.create}\\.(valid|lifecycle)`) });
      expect(run.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
      expect(run.results.length).toBeGreaterThan(1);
      const stored = mock.store.resource(notes.name).list().filter((n) => !seeded.has(n.id));
      expect(stored.length).toBeGreaterThan(0);
      for (const { id } of stored) expect(run.leftovers).toContain(`${notes.name} ${id} (the spec has no delete of it)`);
      // Their parents cannot be deleted either while the notes name them (the mock refuses it): reported with why.
      for (const left of run.leftovers.filter((l) => !l.startsWith(notes.name))) expect(left).toMatch(/ \(its delete answered HTTP 400, code \d+, msg .*\)$/);
    } finally {
      await mock.close();
    }
  });
});
