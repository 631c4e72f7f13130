// Proof by fixture: a RESOURCE added to the spec (external interview notes: create, list by parent with paging,
// delete at 20/minute; a child of external interviews) is served by the mock with no handler written for it: the
// store, the default handlers of its roles, the referential check of its parent and its seed all come from the spec.
// Every name below (paths, ids, fields) is read from the fixture spec's model.
import { expandPath, operationsOf, resourcesOf } from '@feishu-hire/spec/model';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RESOURCE, specWithFixtureResource } from '../../spec/test/fixtures/fixture-resource.js';
import { call, mocksClosedAfterEach } from './helpers.js';

const spec = specWithFixtureResource();
const operations = operationsOf(spec);
const resources = resourcesOf(spec, operations);
const notes = resources.find((r) => r.name === FIXTURE_RESOURCE);
const parent = resources.find((r) => r.name === notes.parent.resource);
const operationOf = (resource, role) => operations.find((o) => o.operationId === resource.operations[role]);
const [createNote, listNotes, deleteNote] = ['create', 'list', 'delete'].map((role) => operationOf(notes, role));
const TOKEN = 't-notes';
const start = mocksClosedAfterEach({ spec, tokens: [TOKEN] });

/** A new note body on parent `parentId`, told apart by `tag`. */
const noteBody = (parentId, tag, key) => ({ [notes.parent.field]: parentId, content: `note ${tag}`, ...(key ? { [notes.idempotency.key]: key } : {}) });
const create = (mock, body) => call(mock, createNote.path, { method: 'POST', token: TOKEN, body, spec });
const remove = (mock, id) => call(mock, expandPath(deleteNote.path, { [notes.idParameter]: id }), { method: 'DELETE', token: TOKEN, spec });
const removeParent = (mock, id) => call(mock, expandPath(operationOf(parent, 'delete').path, { [parent.idParameter]: id }), { method: 'DELETE', token: TOKEN, spec });
/** GET the list of `parentId`'s notes, one page of `size` after `token`. */
function list(mock, parentId, size, token) {
  const query = new URLSearchParams({ [listNotes.resource.filters.parent.name]: parentId, page_size: String(size), ...(token ? { page_token: token } : {}) });
  return call(mock, `${listNotes.path}?${query}`, { method: 'GET', token: TOKEN, spec });
}
/** Every note of `parentId`, walking its pages of `size`: `{ pages, items }`. */
async function walk(mock, parentId, size) {
  const pages = [];
  let token;
  do {
    const { json } = await list(mock, parentId, size, token);
    expect(json.code).toBe(0);
    pages.push(json.data.items.map((n) => n.id));
    token = json.data.page_token;
  } while (token);
  return { pages, items: pages.flat() };
}

describe('the fixture resource, served with no handler passed', () => {
  it('create -> list (paged, by parent) -> delete over HTTP', async () => {
    const mock = await start({ rateLimitPerSecond: 0 });
    const [interview] = mock.store.resource(parent.name).list();
    const seeded = mock.store.resource(notes.name).list({ parent: interview.id }).map((n) => n.id);
    const created = [];
    for (const tag of ['a', 'b', 'c', 'd', 'e']) {
      const { res, json } = await create(mock, noteBody(interview.id, tag));
      expect(res.status).toBe(200);
      const note = json.data[notes.recordKey];
      expect(note).toEqual({ ...noteBody(interview.id, tag), id: expect.stringMatching(/^\d{19}$/) });
      created.push(note.id);
    }
    const walked = await walk(mock, interview.id, 2);
    expect(walked.items).toEqual([...seeded, ...created]);
    expect(walked.pages.every((page) => page.length <= 2)).toBe(true);
    expect((await remove(mock, created[1])).json).toEqual({ code: 0, msg: 'success', data: {} });
    expect((await walk(mock, interview.id, 3)).items).toEqual([...seeded, created[0], ...created.slice(2)]);
    expect((await remove(mock, created[1])).json).toEqual({ code: 1002002, msg: `参数错误: ${notes.idParameter} not found (path.${notes.idParameter} = "${created[1]}")` });
  });

  it('refuses a create naming an interview the store does not hold, naming the field, and stores nothing', async () => {
    const mock = await start({ rateLimitPerSecond: 0 });
    const before = mock.store.resource(notes.name).list();
    const { res, json } = await create(mock, noteBody('404', 'orphan'));
    expect(res.status).toBe(400);
    expect(json.code).toBe(1002002);
    expect(json.msg).toContain(`body.${notes.parent.field} "404" names no ${parent.name}`);
    expect(mock.store.resource(notes.name).list()).toEqual(before);
  });

  it('refuses to delete an interview while notes name it (nothing is lost), and deletes it once they are gone', async () => {
    const mock = await start({ rateLimitPerSecond: 0 });
    // a new interview: the seeded ones are parents of other resources of the spec too
    const [seeded] = mock.store.resource(parent.name).list();
    const interview = mock.store.resource(parent.name).create({ [parent.parent.field]: seeded[parent.parent.field] });
    for (const tag of ['a', 'b']) expect((await create(mock, noteBody(interview.id, tag))).json.code).toBe(0);
    const children = mock.store.resource(notes.name).list({ parent: interview.id });
    expect(children).toHaveLength(2);
    const refused = await removeParent(mock, interview.id);
    expect(refused.res.status).toBe(400);
    expect(refused.json.msg).toContain(`is the parent of ${children.length} ${notes.name} record(s)`);
    expect(mock.store.resource(parent.name).has(interview.id)).toBe(true);
    for (const note of children) expect((await remove(mock, note.id)).json.code).toBe(0);
    expect((await removeParent(mock, interview.id)).json).toEqual({ code: 0, msg: 'success', data: {} });
  });

  it('with parentChecks: false, accepts an orphan and deletes a parent, keeping its children', async () => {
    const mock = await start({ rateLimitPerSecond: 0, parentChecks: false });
    const [interview] = mock.store.resource(parent.name).list();
    expect((await create(mock, noteBody('404', 'orphan'))).json.code).toBe(0);
    const children = mock.store.resource(notes.name).count({ parent: interview.id });
    expect((await removeParent(mock, interview.id)).json.code).toBe(0);
    expect(mock.store.resource(notes.name).count({ parent: interview.id })).toBe(children);
  });

  it('takes the idempotency key of the resource for its window (fake clock)', async () => {
    let clock = 1_700_000_000_000;
    const mock = await start({ rateLimitPerSecond: 0, now: () => clock });
    const [interview] = mock.store.resource(parent.name).list();
    expect((await create(mock, noteBody(interview.id, 'a', 'k-1'))).json.code).toBe(0);
    clock += notes.idempotency.windowMs - 1;
    const repeat = await create(mock, noteBody(interview.id, 'b', 'k-1'));
    expect(repeat.json).toEqual({ code: 1002002, msg: `参数错误: body.${notes.idempotency.key} "k-1" was already used by a create within the last 24 hours (x-feishu-resource.idempotency)` });
    clock += 1;
    expect((await create(mock, noteBody(interview.id, 'c', 'k-1'))).json.code).toBe(0);
  });

  it('limits the delete at its per-minute rate from the spec, on the injected clock', async () => {
    let clock = 1_700_000_000_000;
    const mock = await start({ now: () => clock });
    const { requests, per } = deleteNote.rateLimit;
    expect(per).toBe('minute');
    for (let i = 0; i < requests; i += 1) expect((await remove(mock, `missing-${i}`)).res.status).toBe(400); // counted, then not found
    clock += 59_000;
    const limited = await remove(mock, 'missing-x');
    expect(limited.res.status).toBe(429);
    expect(limited.res.headers.get('x-ogw-ratelimit-limit')).toBe(String(requests));
    expect(limited.res.headers.get('x-ogw-ratelimit-reset')).toBe('1');
    clock += 1_000;
    expect((await remove(mock, 'missing-y')).res.status).toBe(400);
  });
});
