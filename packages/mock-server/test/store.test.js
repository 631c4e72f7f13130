// The generic store: seeds from the spec's examples, the limits that bound its memory (answered in the platform's
// envelope), the idempotency window, and paging by parent that walks a parent's records, not the store. Resource,
// field and operation names are read from the model.
import fc from 'fast-check';
import { openapi, operationById, operationsOf, resourceByName, resourcesOf } from '@feishu-hire/spec/model';
import { describe, expect, it } from 'vitest';
import { specWithFixtureResource } from '../../spec/test/fixtures/fixture-resource.js';
import { DEFAULT_LIMITS, DEFAULT_SEED } from '../src/index.js';
import { createStore } from '../src/store.js';
import { loadSpec } from '../src/validators.js';
import { call, mocksClosedAfterEach, seedWithParents } from './helpers.js';

const TOKEN = 't-store';
const start = mocksClosedAfterEach({ tokens: [TOKEN], rateLimitPerSecond: 0 });
const interviews = resourceByName(operationById('updateExternalInterview').resource.name);
const createOperation = operationById(interviews.operations.create);
const listOperation = operationById(interviews.operations.list);
const { filters } = listOperation.resource;
const create = (mock, body) => call(mock, createOperation.path, { method: 'POST', token: TOKEN, body });
const body = (parent, extra = {}) => ({ [interviews.parent.field]: parent, ...extra });
/** A seed of nothing but the parents `ids` of the interviews (the limit tests create under 'a'). */
const parentsOnly = (ids = ['a']) => seedWithParents(interviews.name, ids, {});

describe('the default seed: the records the spec examples show', () => {
  it.each([['the bundled spec', openapi], ['the spec with the fixture resource', specWithFixtureResource()]])('of %s holds every path-parameter example and every parent of the spec it names', async (_name, doc) => {
    const operations = operationsOf(doc);
    const resources = resourcesOf(doc, operations);
    const { defaultSeed } = loadSpec(doc);
    const ids = (name) => (defaultSeed[name] ?? []).map((r) => r.id);
    const examples = operations.flatMap((op) => op.parameters.path.filter((p) => p.example !== undefined).map((p) => ({ op: op.operationId, ...p })));
    expect(examples.length).toBeGreaterThan(0);
    for (const { op, name, example } of examples) {
      const resource = resources.find((r) => r.idParameter === name);
      expect(resource, `${op}: path.${name} is the id of a resource`).toBeDefined();
      expect(ids(resource.name), `${op}: path.${name} = ${example}`).toContain(example);
    }
    for (const resource of resources.filter((r) => r.parent?.inSpec)) {
      for (const record of defaultSeed[resource.name]) expect(ids(resource.parent.resource)).toContain(record[resource.parent.field]);
    }
    const mock = await start({ spec: doc });
    for (const resource of resources) expect(mock.store.resource(resource.name).list().map((r) => r.id)).toEqual(ids(resource.name));
  });

  it('DEFAULT_SEED is the bundled spec default seed, and a given seed replaces it', async () => {
    expect(DEFAULT_SEED).toEqual(loadSpec().defaultSeed);
    const mock = await start({ seed: seedWithParents(interviews.name, ['app-1'], { [interviews.name]: [{ id: 's-1', ...body('app-1') }] }) });
    expect(mock.store.list().map((i) => i.id)).toEqual(['s-1']);
  });

  it('a seed naming a parent of the spec it does not hold is refused at start, unless parentChecks is false', async () => {
    const spec = specWithFixtureResource();
    const notes = resourcesOf(spec, operationsOf(spec)).find((r) => r.parent?.inSpec);
    const seed = { [notes.name]: [{ id: 'n-1', [notes.parent.field]: 'missing', content: 'x' }] };
    await expect(start({ spec, seed })).rejects.toThrow(`Invalid mock server options: seed.${notes.name}[0].${notes.parent.field} "missing" names no seeded ${notes.parent.resource}`);
    const mock = await start({ spec, seed, parentChecks: false });
    expect(mock.store.resource(notes.name).get('n-1')).toMatchObject({ [notes.parent.field]: 'missing' });
  });
});

describe('limits (memory stays bounded): answered 400 in the platform envelope, nothing stored', () => {
  it('records per resource', async () => {
    const mock = await start({ seed: parentsOnly(), limits: { records: 2 } });
    for (let i = 0; i < 2; i += 1) expect((await create(mock, body('a'))).json.code).toBe(0);
    const { res, json } = await create(mock, body('a'));
    expect([res.status, json.code]).toEqual([400, 1002002]);
    expect(json.msg).toContain(`${interviews.name}: the mock holds 2 records, its limit (limits.records`);
    expect(mock.store.list()).toHaveLength(2);
  });

  it('items of a record list, at any depth', async () => {
    const [list] = loadSpec().plans.find((p) => p.name === interviews.name).idPlan;
    const mock = await start({ seed: parentsOnly(), limits: { listItems: 2 } });
    const { res, json } = await create(mock, body('a', { [list.field]: [{}, {}, {}] }));
    expect([res.status, json]).toEqual([400, { code: 1002002, msg: `参数错误: body.${list.field} must NOT have more than 2 items (the mock's limit: limits.listItems, --limit listItems=N)` }]);
    expect((await create(mock, body('a', { [list.field]: [{}, {}] }))).json.code).toBe(0);
    expect(mock.store.list()).toHaveLength(1);
  });

  it('ids of a list query id list (the spec states no bound)', async () => {
    const mock = await start({ limits: { idList: 2 } });
    const sent = (ids) => call(mock, listOperation.path, { method: 'POST', token: TOKEN, body: { [filters.ids.name]: ids } });
    expect((await sent(['1', '2'])).json.code).toBe(0);
    expect((await sent(['1', '2', '3'])).json).toEqual({ code: 1002002, msg: `参数错误: body.${filters.ids.name} must NOT have more than 2 items (the mock's limit: limits.idList, --limit idList=N)` });
  });

  it('idempotency keys within their window; a key is pruned once its window is over, even after its record is deleted (fake clock)', async () => {
    let clock = 1_700_000_000_000;
    const mock = await start({ seed: parentsOnly(), limits: { idempotencyKeys: 2 }, now: () => clock });
    const key = interviews.idempotency.key;
    const first = (await create(mock, body('a', { [key]: 'k-1' }))).json.data[interviews.recordKey];
    expect((await create(mock, body('a', { [key]: 'k-2' }))).json.code).toBe(0);
    mock.store.delete(first.id);
    const full = await create(mock, body('a', { [key]: 'k-3' }));
    expect(full.json.msg).toContain(`body.${key}: the mock holds 2 keys taken within their window (limits.idempotencyKeys`);
    expect(mock.store.resource(interviews.name).keysTaken()).toBe(2);
    clock += interviews.idempotency.windowMs;
    expect((await create(mock, body('a', { [key]: 'k-3' }))).json.code).toBe(0);
    expect(mock.store.resource(interviews.name).keysTaken()).toBe(1);
  });

  it('the defaults are documented numbers, and a bad limit is refused naming it', async () => {
    expect(DEFAULT_LIMITS).toEqual({ records: 100_000, listItems: 1_000, idList: 1_000, idempotencyKeys: 1_000_000 });
    await expect(start({ limits: { records: 0 } })).rejects.toThrow('Invalid mock server options: options.limits.records must be >= 1');
    await expect(start({ limits: { rows: 5 } })).rejects.toThrow('Invalid mock server options: options.limits.rows is not an allowed field');
  });
});

/** A fresh store of the bundled spec's interviews (seeded with nothing but the parents `parents`) with `limits`. */
function bareStore(limits = {}, parents = []) {
  const seed = parentsOnly(parents);
  const store = createStore(loadSpec(), { seed, now: () => 0, limits: { ...DEFAULT_LIMITS, ...limits }, parentChecks: true });
  return store.resource(interviews.name);
}

/** Every record of `parent` in `records`, walking pages of `size`. */
function walk(records, parent, size) {
  const items = [];
  let cursor = 0;
  do {
    const page = records.page({ parent }, { cursor, size });
    items.push(...page.items);
    cursor = page.next;
  } while (cursor !== undefined);
  return items;
}

describe('paging by parent', () => {
  it('walking the pages of each parent gives its records in creation order, whatever creates, moves and deletes came before (property)', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('create'), parent: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('move'), at: fc.nat(), parent: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('delete'), at: fc.nat() }),
    );
    fc.assert(fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (steps, size) => {
      const records = bareStore({}, ['p0', 'p1', 'p2', 'p3']);
      /** the expected state: [id, parent] in creation order */
      let model = [];
      for (const s of steps) {
        const target = model.length ? model[s.at % model.length] : undefined;
        if (s.kind === 'create') model.push([records.create(body(`p${s.parent}`)).id, `p${s.parent}`]);
        else if (s.kind === 'move' && target) target[1] = records.update(target[0], body(`p${s.parent}`)).external_application_id;
        else if (s.kind === 'delete' && target) {
          expect(records.delete(target[0])).toBe(true);
          model = model.filter((m) => m !== target);
        }
      }
      for (const parent of ['p0', 'p1', 'p2', 'p3']) {
        expect(walk(records, parent, size).map((r) => r.id)).toEqual(model.filter(([, p]) => p === parent).map(([id]) => id));
      }
    }), { numRuns: 150 });
  });

  it('costs O(page size + log n): walking a parent of 10 records takes about as long in a store of 100,000 as of 1,000', () => {
    const storeOf = (total) => {
      const records = bareStore({ records: total }, ['walked', ...Array.from({ length: 997 }, (_, i) => `other-${i}`)]);
      for (let i = 0; i < total - 10; i += 1) records.create(body(`other-${i % 997}`));
      for (let i = 0; i < 10; i += 1) records.create(body('walked'));
      return records;
    };
    const small = storeOf(1_000);
    const large = storeOf(100_000);
    const time = (records) => {
      const t = process.hrtime.bigint();
      for (let i = 0; i < 200; i += 1) expect(walk(records, 'walked', 3)).toHaveLength(10);
      return Number(process.hrtime.bigint() - t);
    };
    const rounds = Array.from({ length: 7 }, () => time(large) / time(small)).sort((a, b) => a - b);
    // A scan of the store would make it ~100 times slower; the index keeps it near 1 (log n adds a little).
    expect(rounds[3]).toBeLessThan(10);
  });
});
