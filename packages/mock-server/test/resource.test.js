// The whole external-interview resource over HTTP, one store behind every operation: create, batch query (conditions,
// pages, page_token), update, delete. Every response is checked against the spec by call().
import { expandPath, operationById, resourceByName } from '@feishu-hire/spec/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, startMockServer } from '../src/index.js';
import { APPLICATION_ID, INTERVIEW_ID, call, seedWithParents, withoutIds } from './helpers.js';

const CREATE_PATH = operationById('createExternalInterview').path;
const QUERY_PATH = operationById('batchQueryExternalInterviews').path;
const itemPath = (id) => expandPath(operationById('deleteExternalInterview').path, { external_interview_id: id });
const TOKEN = 't-resource';
const { idempotency } = resourceByName(operationById('createExternalInterview').resource.name);
/** The ids of the default seed's interviews (the spec's examples), all on APPLICATION_ID. */
const SEEDED = DEFAULT_SEED[operationById('createExternalInterview').resource.name].map((i) => i.id);
/** The default seed with the applications the tests write interviews under. */
const SEED = seedWithParents(operationById('createExternalInterview').resource.name, ['app-1', 'app-2']);

let mock;
let clock;
beforeEach(async () => {
  clock = 1_700_000_000_000;
  mock = await startMockServer({ tokens: [TOKEN], rateLimitPerSecond: 0, now: () => clock, seed: SEED });
});
afterEach(() => mock.close());

/** A create body on `application` with one assessment, told apart by `tag`. */
function createBody(tag, { application = 'app-1', externalId } = {}) {
  return {
    ...(externalId === undefined ? {} : { external_id: externalId }),
    external_application_id: application,
    participate_status: 1,
    begin_time: 1700000000000,
    interview_assessments: [{ external_id: `assessment-${tag}`, username: `interviewer ${tag}`, conclusion: 1 }],
  };
}

const create = (body) => call(mock, CREATE_PATH, { method: 'POST', token: TOKEN, body });
/** Creates one interview per tag on `application`; resolves to their ids. */
async function createAll(tags, application = 'app-1') {
  const ids = [];
  for (const tag of tags) ids.push((await create(createBody(tag, { application }))).json.data.external_interview.id);
  return ids;
}
/** POST batch_query with a query string (`?...` or '') and an optional body. */
const query = (search, body) => call(mock, `${QUERY_PATH}${search}`, { method: 'POST', token: TOKEN, body });
const remove = (id) => call(mock, itemPath(id), { method: 'DELETE', token: TOKEN });

describe('create', () => {
  it('stores the body as a new interview: a new id, each assessment an id and its external_interview_id, external_id kept', async () => {
    const body = createBody('a', { externalId: 'ats-1' });
    const { res, json } = await create(body);
    expect(res.status).toBe(200);
    const created = json.data.external_interview;
    expect(created.id).toMatch(/^\d{19}$/);
    expect(created.external_id).toBe('ats-1');
    expect(created.interview_assessments).toEqual([{ ...body.interview_assessments[0], id: expect.stringMatching(/^\d{19}$/), external_interview_id: created.id }]);
    expect(withoutIds(created)).toEqual(body);
    expect(mock.store.get(created.id)).toEqual(created);
    expect(mock.store.list().map((i) => i.id)).toEqual([...SEEDED, created.id]);
  });

  it('replaces an external_interview_id sent on an assessment with the new interview id', async () => {
    const body = createBody('a');
    body.interview_assessments[0].external_interview_id = 'someone-else';
    const created = (await create(body)).json.data.external_interview;
    expect(created.interview_assessments[0].external_interview_id).toBe(created.id);
  });

  it('is atomic: a rejected body stores nothing', async () => {
    const before = mock.store.list();
    const body = createBody('a', { externalId: 'ats-bad' });
    body.interview_assessments[0].conclusion = 7;
    const { res, json } = await create(body);
    expect([res.status, json]).toEqual([400, { code: 1002002, msg: '参数错误: body.interview_assessments[0].conclusion must be one of 1, 2, 3' }]);
    expect(mock.store.list()).toEqual(before);
    // The refused create took no external_id: the corrected body is created.
    expect((await create(createBody('a', { externalId: 'ats-bad' }))).res.status).toBe(200);
  });

  it('without external_id makes no idempotency check: the same body creates two interviews', async () => {
    const [a, b] = await createAll(['same', 'same']);
    expect(a).not.toBe(b);
    expect(mock.store.list({ externalApplicationId: 'app-1' })).toHaveLength(2);
  });
});

describe('create: external_id is taken for 24 hours (assumption: a repeat is refused with 1002002)', () => {
  const repeatMsg = '参数错误: body.external_id "ats-7" was already used by a create within the last 24 hours (x-feishu-resource.idempotency)';

  it('refuses a repeat naming body.external_id, stores nothing, and accepts it again 24 hours later (fake clock)', async () => {
    const first = (await create(createBody('a', { externalId: 'ats-7' }))).json.data.external_interview;
    const before = mock.store.list();
    clock += idempotency.windowMs - 1;
    const repeat = await create(createBody('b', { externalId: 'ats-7' }));
    expect([repeat.res.status, repeat.json]).toEqual([400, { code: 1002002, msg: repeatMsg }]);
    expect(mock.store.list()).toEqual(before);
    expect((await create(createBody('c', { externalId: 'ats-8' }))).res.status).toBe(200);
    clock += 1;
    const later = (await create(createBody('d', { externalId: 'ats-7' }))).json.data.external_interview;
    expect(later.id).not.toBe(first.id);
  });

  it('stays taken after the interview is deleted or updated to another external_id', async () => {
    const { id } = (await create(createBody('a', { externalId: 'ats-7' }))).json.data.external_interview;
    await call(mock, itemPath(id), { token: TOKEN, body: createBody('a', { externalId: 'ats-other' }) });
    expect((await create(createBody('b', { externalId: 'ats-7' }))).json.msg).toBe(repeatMsg);
    await remove(id);
    expect((await create(createBody('b', { externalId: 'ats-7' }))).json.msg).toBe(repeatMsg);
  });

  it('of many parallel creates with one external_id, exactly one succeeds', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => create(createBody(`p${i}`, { externalId: 'ats-race' }))));
    expect(results.filter(({ json }) => json.code === 0)).toHaveLength(1);
    expect(results.filter(({ json }) => json.msg === repeatMsg.replace('ats-7', 'ats-race'))).toHaveLength(19);
    expect(mock.store.list({ externalApplicationId: 'app-1' })).toHaveLength(1);
  });

  it('store.reset() forgets the taken external_ids; seeded interviews take none', async () => {
    await create(createBody('a', { externalId: 'ats-7' }));
    mock.store.reset();
    expect((await create(createBody('a', { externalId: 'ats-7' }))).res.status).toBe(200);
    mock.store.set({ id: 'seeded', external_application_id: 'app-2', external_id: 'ats-seeded' });
    expect((await create(createBody('a', { externalId: 'ats-seeded' }))).res.status).toBe(200);
  });
});

describe('batch query: conditions', () => {
  it('by external_application_id: that application interviews, in creation order', async () => {
    const ids = await createAll(['a', 'b', 'c']);
    await createAll(['x'], 'app-2');
    const { res, json } = await query('?external_application_id=app-1', {});
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ code: 0, data: { has_more: false } });
    expect(json.data.items.map((i) => i.id)).toEqual(ids);
    expect(json.data.items).toEqual(mock.store.list({ externalApplicationId: 'app-1' }));
    expect(json.data).not.toHaveProperty('page_token');
  });

  it('by external_application_id without a body (the body is optional)', async () => {
    const { json } = await query(`?external_application_id=${APPLICATION_ID}`);
    expect(json.data.items.map((i) => i.id)).toEqual(SEEDED);
  });

  it('by id list: the only condition (external_application_id ignored); unknown ids absent, repeated ids once, creation order', async () => {
    const [a, b] = await createAll(['a', 'b']);
    const { json } = await query('?external_application_id=app-nothing', { external_interview_id_list: [b, 'unknown', a, INTERVIEW_ID, b] });
    expect(json.data.items.map((i) => i.id)).toEqual([INTERVIEW_ID, a, b]);
    expect(json.data.has_more).toBe(false);
  });

  it('an id list of unknown ids only answers no items', async () => {
    const { json } = await query('', { external_interview_id_list: ['404'] });
    expect(json).toEqual({ code: 0, msg: 'success', data: { items: [], has_more: false } });
  });

  it('an empty id list counts as not sent (assumption): the external_application_id applies', async () => {
    const { json } = await query(`?external_application_id=${APPLICATION_ID}`, { external_interview_id_list: [] });
    expect(json.data.items.map((i) => i.id)).toEqual(SEEDED);
  });

  it.each([
    ['no body, no query', '', undefined],
    ['an empty body', '', {}],
    ['an empty id list and an empty external_application_id', '?external_application_id=', { external_interview_id_list: [] }],
  ])('with neither condition (%s): 400 / 1002002 naming both (assumption)', async (_name, search, body) => {
    const { res, json } = await query(search, body);
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: '参数错误: query.external_application_id or body.external_interview_id_list is required (the query needs one of them)' });
  });

  it('rejects a body that breaks the spec naming the field', async () => {
    const { res, json } = await query('?external_application_id=app-1', { external_interview_id_list: 'x' });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: '参数错误: body.external_interview_id_list must be of type array' });
  });
});

describe('batch query: pages', () => {
  it('pages of page_size with an opaque page_token while has_more, ending with has_more false and no token', async () => {
    const ids = await createAll(['a', 'b', 'c', 'd', 'e']);
    const pages = [];
    let token;
    do {
      const search = `?external_application_id=app-1&page_size=2${token ? `&page_token=${encodeURIComponent(token)}` : ''}`;
      const { json } = await query(search, {});
      pages.push(json.data.items.map((i) => i.id));
      expect(json.data.has_more).toBe('page_token' in json.data);
      token = json.data.page_token;
      if (token) expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    } while (token);
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
  });

  it('a page ending exactly on the last item has has_more false', async () => {
    await createAll(['a', 'b']);
    const { json } = await query('?external_application_id=app-1&page_size=2', {});
    expect(json.data).toEqual({ items: expect.any(Array), has_more: false });
    expect(json.data.items).toHaveLength(2);
  });

  it('page_size defaults to 10 (the spec default) and goes up to 20', async () => {
    await createAll(Array.from({ length: 21 }, (_, i) => `n${i}`));
    const first = await query('?external_application_id=app-1', {});
    expect([first.json.data.items.length, first.json.data.has_more]).toEqual([10, true]);
    const big = await query('?external_application_id=app-1&page_size=20', {});
    expect([big.json.data.items.length, big.json.data.has_more]).toEqual([20, true]);
  });

  it('pages an id list too', async () => {
    const ids = await createAll(['a', 'b', 'c']);
    const first = await query('?page_size=2', { external_interview_id_list: ids });
    const second = await query(`?page_size=2&page_token=${first.json.data.page_token}`, { external_interview_id_list: [...ids].reverse() });
    expect([first.json.data.items.map((i) => i.id), second.json.data.items.map((i) => i.id)]).toEqual([ids.slice(0, 2), ids.slice(2)]);
    expect(second.json.data.has_more).toBe(false);
  });

  it('stays stable when interviews are deleted or created between pages (the token is a position, not an offset)', async () => {
    const ids = await createAll(['a', 'b', 'c', 'd', 'e']);
    const first = await query('?external_application_id=app-1&page_size=2', {});
    await remove(ids[0]);
    const [added] = await createAll(['f']);
    const second = await query(`?external_application_id=app-1&page_size=2&page_token=${first.json.data.page_token}`, {});
    expect(second.json.data.items.map((i) => i.id)).toEqual(ids.slice(2, 4));
    const third = await query(`?external_application_id=app-1&page_size=2&page_token=${second.json.data.page_token}`, {});
    expect(third.json.data.items.map((i) => i.id)).toEqual([ids[4], added]);
    expect(third.json.data.has_more).toBe(false);
  });

  it.each([['0', 'must be >= 1'], ['21', 'must be <= 20'], ['ten', 'must be of type integer'], ['1.5', 'must be of type integer']])(
    'page_size=%s: 400 / 1002002 naming query.page_size',
    async (size, rule) => {
      const { res, json } = await query(`?external_application_id=app-1&page_size=${size}`, {});
      expect(res.status).toBe(400);
      expect(json).toEqual({ code: 1002002, msg: `参数错误: query.page_size ${rule}` });
    },
  );

  it('a page_token that is not one, or belongs to another query, is 400 / 1002002 naming query.page_token', async () => {
    await createAll(['a', 'b', 'c']);
    await createAll(['x', 'y'], 'app-2');
    const other = (await query('?external_application_id=app-2&page_size=1', {})).json.data.page_token;
    const byIds = (await query('?page_size=1', { external_interview_id_list: [INTERVIEW_ID, ...(await createAll(['z']))] })).json.data.page_token;
    const forged = Buffer.from(JSON.stringify({ c: 1, q: 'x' })).toString('base64url');
    const msg = '参数错误: query.page_token is not a page_token of this query (send data.page_token unchanged, with the same conditions)';
    for (const token of ['garbage!', 'eyJvZmZzZXQiOjEwfQ', forged, other, byIds, '']) {
      const { res, json } = await query(`?external_application_id=app-1&page_token=${encodeURIComponent(token)}`, {});
      expect([res.status, json], token).toEqual([400, { code: 1002002, msg }]);
    }
  });
});

describe('update and delete on the same store', () => {
  it('update: the full overwrite, assessments with external_interview_id, external_id stored when sent and cleared when not', async () => {
    const { id } = (await create(createBody('a', { externalId: 'ats-1' }))).json.data.external_interview;
    const withKey = (await call(mock, itemPath(id), { token: TOKEN, body: createBody('b', { externalId: 'ats-2' }) })).json.data.external_interview;
    expect(withKey.external_id).toBe('ats-2');
    expect(withKey.interview_assessments[0]).toMatchObject({ username: 'interviewer b', external_interview_id: id });
    const without = (await call(mock, itemPath(id), { token: TOKEN, body: { external_application_id: 'app-1' } })).json.data.external_interview;
    expect(without).toEqual({ id, external_application_id: 'app-1', interview_assessments: [] });
    const { json } = await query('', { external_interview_id_list: [id] });
    expect(json.data.items).toEqual([without]);
  });

  it('delete: answers data {}, the interview is gone from the store and queries; again is 400 like update', async () => {
    const [a, b] = await createAll(['a', 'b']);
    const { res, json } = await remove(a);
    expect([res.status, json]).toEqual([200, { code: 0, msg: 'success', data: {} }]);
    expect(mock.store.has(a)).toBe(false);
    expect((await query('?external_application_id=app-1', {})).json.data.items.map((i) => i.id)).toEqual([b]);
    expect((await query('', { external_interview_id_list: [a] })).json.data.items).toEqual([]);
    const notFound = { code: 1002002, msg: `参数错误: external_interview_id not found (path.external_interview_id = "${a}")` };
    const again = await remove(a);
    expect([again.res.status, again.json]).toEqual([400, notFound]);
    const update = await call(mock, itemPath(a), { token: TOKEN, body: createBody('a') });
    expect([update.res.status, update.json]).toEqual([400, notFound]);
  });

  it('delete takes no body (`{}`, which the official SDK sends, counts as none) and needs a token', async () => {
    const [id] = await createAll(['d']); // the seeded interviews have assessments, which a delete may not orphan
    const withBody = await call(mock, itemPath(id), { method: 'DELETE', token: TOKEN, body: { external_application_id: 'app-1' } });
    expect(withBody.json).toEqual({ code: 1002002, msg: '参数错误: body is not allowed (this operation takes no request body)' });
    expect((await call(mock, itemPath(id), { method: 'DELETE' })).json.code).toBe(99991661);
    expect(mock.store.has(id)).toBe(true);
    const empty = await call(mock, itemPath(id), { method: 'DELETE', token: TOKEN, body: {} });
    expect(empty.json).toEqual({ code: 0, msg: 'success', data: {} });
    expect(mock.store.has(id)).toBe(false);
  });
});

describe('store API', () => {
  it('create(), list({ externalApplicationId }), list({ ids }), page() and delete() are the store behind the operations', () => {
    const a = mock.store.create(createBody('a', { externalId: 'k' }));
    const b = mock.store.create(createBody('b'));
    expect(mock.store.create(createBody('c', { externalId: 'k' }))).toBeUndefined();
    expect(a.interview_assessments[0].external_interview_id).toBe(a.id);
    expect(mock.store.list({ externalApplicationId: 'app-1' })).toEqual([a, b]);
    expect(mock.store.list({ ids: [b.id, 'nope'] })).toEqual([b]);
    expect(mock.store.list().map((i) => i.id)).toEqual([...SEEDED, a.id, b.id]);
    const first = mock.store.page({ externalApplicationId: 'app-1' }, { size: 1 });
    expect(first).toEqual({ items: [a], next: expect.any(Number) });
    expect(mock.store.page({ externalApplicationId: 'app-1' }, { cursor: first.next, size: 1 })).toEqual({ items: [b], next: undefined });
    expect(() => mock.store.page({}, { size: 0 })).toThrow('page size must be a positive integer (got 0)');
    expect(mock.store.delete(a.id)).toBe(true);
    expect(mock.store.delete(a.id)).toBe(false);
  });
});
