// Proof by fixture RESOURCE: a resource added to the spec alone (the spec package's fixture, external interview notes:
// create, list by parent with paging, delete at 20/minute, a child of external interviews) gets its cases, its
// lifecycle (parent created first) and its read-back from its roles, and passes a writing run of the CLI, with no line
// of conformance code knowing it. The mock serves it with test-local handlers (see notesHandlers) until its generic
// store serves any resource of the spec.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '@feishu-hire/mock-server';
import { operationsOf, resourceByName, resourcesOf } from '@feishu-hire/spec/model';
import { FIXTURE_RESOURCE, specWithFixtureResource } from '../../spec/test/fixtures/fixture-resource.js';
import { generateCases, main, semanticsOf } from '../src/index.js';

const doc = specWithFixtureResource();
const operations = operationsOf(doc);
const notes = resourceByName(FIXTURE_RESOURCE, resourcesOf(doc, operations));
const parent = resourceByName(notes.parent.resource, resourcesOf(doc, operations));
const cases = generateCases(doc);
const ofNotes = cases.filter((c) => Object.values(notes.operations).includes(c.operationId));
const dir = mkdtempSync(join(tmpdir(), 'conformance-fixture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Test-local handlers of the fixture resource's operations (keyed by the ids its roles give), over a Map: create
 * (a new id, the parent field kept, an idempotency key refused within its window), list by parent (paged with an
 * offset token), delete (an unknown id is the invalid-parameter answer, as the mock answers one of its own).
 */
function notesHandlers(store, now) {
  const { idempotency, parent: { field }, recordKey, idParameter } = notes;
  const taken = new Map();
  let last = 0;
  return {
    [notes.operations.create]: ({ body, reject }) => {
      const key = body[idempotency.key];
      if (key !== undefined && now() - (taken.get(key) ?? -Infinity) < idempotency.windowMs) throw reject('invalid_parameter', `body.${idempotency.key} was already used`);
      if (key !== undefined) taken.set(key, now());
      const note = { ...body, id: String(7100000000000000000n + BigInt((last += 1))) };
      store.set(note.id, note);
      return { [recordKey]: note };
    },
    [notes.operations.list]: ({ query }) => {
      const all = [...store.values()].filter((n) => n[field] === query[field]);
      const from = Number(query.page_token ?? 0);
      const size = query.page_size ?? 10;
      const more = all.length > from + size;
      return { items: all.slice(from, from + size), has_more: more, ...(more ? { page_token: String(from + size) } : {}) };
    },
    [notes.operations.delete]: ({ path, reject }) => {
      if (!store.delete(path[idParameter])) throw reject('invalid_parameter', `${idParameter} not found`);
      return {};
    },
  };
}

describe(`the fixture resource ${FIXTURE_RESOURCE}: cases from its roles alone`, () => {
  it('gets semantics from the roles of its operations, none by name', () => {
    const table = semanticsOf(doc);
    for (const [role, operationId] of Object.entries(notes.operations)) expect(table[operationId], operationId).toMatchObject({ role, resource: { name: notes.name } });
  });

  it('gets cases for every operation, a lifecycle that creates its parent first, and no state case (it has no update)', () => {
    expect(new Set(ofNotes.map((c) => c.operationId))).toEqual(new Set(Object.values(notes.operations)));
    const lifecycle = ofNotes.find((c) => c.kind === 'lifecycle');
    expect(lifecycle).toMatchObject({ id: `${notes.operations.create}.lifecycle`, writes: true, lifecycle: { resource: notes.name } });
    expect(lifecycle.title).toBe(`lifecycle of ${notes.name}: create a parent ${parent.name} (or use the run's target), create (${notes.operations.create}), read back, delete (${notes.operations.delete}), read back as gone, delete the parent ${parent.name} it created`);
    expect(ofNotes.filter((c) => c.kind === 'state')).toEqual([]);
    // Every case of its create writes (no id that cannot exist makes it safe); its delete's rejections do not.
    for (const c of ofNotes.filter((x) => x.operationId === notes.operations.create)) expect(c.writes, c.id).toBe(true);
    expect(ofNotes.filter((c) => c.operationId === notes.operations.delete && c.kind === 'invalid').every((c) => !c.writes)).toBe(true);
  });

  it('passes a writing run of the CLI against the mock serving it (embedded mode, its spec given with --spec): every case, lifecycle and 20/minute burst included', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const stored = new Map();
    let interviews;
    const startMock = async (options) => {
      const mock = await startMockServer({ ...options, handlers: notesHandlers(stored, options.now) });
      interviews = { mock, before: mock.store.list() };
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
    expect([...stored.values()], 'the run deletes the notes it created').toEqual([]);
    expect(interviews.mock.store.list(), 'and the parents it created for them').toEqual(interviews.before);
  });
});
