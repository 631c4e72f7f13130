// Reading state back, per resource and record. In a writing run every case of an operation that writes to a target
// record (an update, a patch) is followed by a read of that record: an accepted write must have persisted what it sent
// (the entry's `stateProblems`), a rejected request must have changed nothing. A record is read over HTTP the way the
// spec allows for its resource (records.js `readPathOf`: its read, or its list by ids or by parent), so it works
// against any server; a resource the spec cannot read falls back to the `readState` option (e.g. a mock's store).
import { isDeepStrictEqual } from 'node:util';
import { errorCodeFor } from '@feishu-hire/spec/model';
import { describeAnswer, isAccepted } from './evidence.js';
import { RECORD_ID, readPathOf, recordOf } from './records.js';
import { sendOperation } from './request.js';
import { recordKey, recordParent } from './targets.js';

/** Pages a read by parent walks at most before it gives up on a record. */
const MAX_PAGES = 100;

/**
 * A request of the list `operationId`: its required-only control with each `[filter, value]` of `conditions` set (a
 * filter is `{ in, name }` of `x-feishu-filters`) and the `extraQuery` parameters.
 */
export function listRequest(run, operationId, conditions, extraQuery = {}) {
  const { alt } = run.controls[operationId];
  const query = { ...alt.query, ...extraQuery };
  let body = alt.body && typeof alt.body === 'object' ? { ...alt.body } : undefined;
  for (const [filter, value] of conditions) {
    if (filter.in === 'query') query[filter.name] = value;
    else body = { ...body, [filter.name]: value };
  }
  return { query, body };
}

/**
 * One page of a list: `{ items, next }` (next: the page_token of the page after, if any), or `{ unavailable }`, with
 * `problems` when the page breaks the list's semantics (a record not asked for, paging).
 */
async function listPage(run, resource, how, value, pageToken) {
  const entry = run.semantics[how.operationId];
  const operation = run.operationOf({ operationId: how.operationId });
  const size = operation.parameters.query.find((p) => p.name === 'page_size')?.schema.maximum;
  const extra = { ...(size === undefined ? {} : { page_size: String(size) }), ...(pageToken ? { page_token: pageToken } : {}) };
  const request = listRequest(run, how.operationId, [[how.filter, value]], resource.paged ? extra : {});
  const answer = await sendOperation(run, how.operationId, request);
  const what = `${how.operationId} (the read back)`;
  if (!isAccepted(answer)) return { unavailable: `${what} answered ${describeAnswer(answer)}` };
  const problems = entry.check({ sent: request.body, body: answer.body, path: {}, query: request.query, doc: run.doc, operation });
  if (problems.length > 0) return { unavailable: `${what} broke its semantics`, problems: problems.map((p) => `${what}: ${p}`) };
  return { items: answer.body.data[entry.itemsKey], next: answer.body.data.has_more === true ? answer.body.data.page_token : undefined };
}

/** Reads one record by its list's parent filter, paging until it is found or the pages end. */
async function readByParent(run, resource, how, id) {
  const parentId = recordParent(run, resource, id);
  if (parentId === undefined) return { unavailable: `the ${resource.parent.field} of ${resource.name} ${id} is not known, and ${how.operationId} reads only by it` };
  let token;
  for (let page = 0; page < MAX_PAGES; page++) {
    const read = await listPage(run, resource, how, parentId, token);
    if (read.unavailable) return read;
    const state = read.items.find((item) => item?.[RECORD_ID] === id);
    if (state !== undefined || !read.next) return { state };
    token = read.next;
  }
  return { unavailable: `${how.operationId} answered more than ${MAX_PAGES} pages` };
}

/** Reads one record by its read operation: success gives it, the operation's not-found answer (404, invalid_parameter) none. */
async function readById(run, resource, how, id) {
  const answer = await sendOperation(run, how.operationId, { path: { [resource.idParameter]: id } });
  if (isAccepted(answer)) return { state: recordOf(resource, answer.body) };
  const notFound = errorCodeFor(run.operationOf({ operationId: how.operationId }), 'invalid_parameter')?.code;
  if (answer.status === 404 || answer.code === notFound) return { state: undefined };
  return { unavailable: `${how.operationId} (the read back) answered ${describeAnswer(answer)}` };
}

/** Whether the run can read a record of `resource` back: over HTTP (see readPathOf), or with the readState option. */
export function canRead(run, resource) {
  return Boolean(readPathOf(resource, (operationId) => run.operationOf({ operationId })) || run.options.readState);
}

/**
 * Reads the record `id` of `resource`: `{ state }` (undefined when the server holds none with that id), or
 * `{ unavailable }` (the spec has no way to read it, or the read did not succeed), with `problems` when the read's
 * answer broke its operation's semantics (a case reading it fails with them).
 */
export async function readOne(run, resource, id) {
  const how = readPathOf(resource, (operationId) => run.operationOf({ operationId }));
  if (!how) {
    if (run.options.readState) return { state: await run.options.readState(id, resource.name) };
    return { unavailable: `the spec has no operation that reads a ${resource.name} back (no read, and no list with an ids or parent filter), and no readState was given` };
  }
  if (how.by === 'id') return readById(run, resource, how, id);
  if (how.by === 'parent') return readByParent(run, resource, how, id);
  const read = await listPage(run, resource, how, [id]);
  return read.unavailable ? read : { state: read.items.find((item) => item?.[RECORD_ID] === id) };
}

/** The resource and record whose state case `c` changes in this run (a writing run, a write to a real record), or undefined. */
function trackedOf(run, c, targetId) {
  const entry = run.semantics[c.operationId];
  if (!run.allowWrites || !entry?.target || targetId === undefined || targetId === run.nonexistentId) return undefined;
  return { resource: entry.resource, id: targetId, key: recordKey(entry.resource, targetId) };
}

/** Reads a record's state, remembering for its resource when it cannot be read (so that it is not asked again). */
async function readTracked(run, { resource, id }) {
  if (run.unreadable.has(resource.name)) return { unavailable: run.unreadable.get(resource.name) };
  const read = await readOne(run, resource, id);
  if (read.unavailable && !read.problems) run.unreadable.set(resource.name, read.unavailable);
  return read;
}

/** The state of the record case `c` writes to, before it runs (the last one read, else read now), or undefined. */
export async function stateBefore(run, c, targetId) {
  const tracked = trackedOf(run, c, targetId);
  if (!tracked) return undefined;
  if (!run.states.has(tracked.key)) run.states.set(tracked.key, await readTracked(run, tracked));
  const read = run.states.get(tracked.key);
  return read.unavailable ? (read.problems ? { problems: read.problems } : undefined) : read;
}

/** The first place where two states differ, as `<path>: <before> -> <after>`. */
export function firstDifference(a, b, path = 'state') {
  const objects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!objects) return `${path}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`;
  const key = [...new Set([...Object.keys(a), ...Object.keys(b)])].find((k) => !isDeepStrictEqual(a[k], b[k]));
  return firstDifference(a[key], b[key], Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`);
}

/**
 * The state problems after case `c` got `answer` (`before` from stateBefore): an accepted valid write must be
 * stored as sent, a rejected request must leave the state as it was.
 */
export async function stateAfter(run, c, { answer, sent, before, targetId }) {
  if (!before) return [];
  if (before.problems) return before.problems;
  const tracked = trackedOf(run, c, targetId);
  const after = await readTracked(run, tracked);
  run.states.set(tracked.key, after);
  if (after.unavailable) return after.problems ?? [];
  if (!isAccepted(answer)) {
    return isDeepStrictEqual(before.state, after.state) ? [] : [`state: a rejected request changed the stored state (${firstDifference(before.state, after.state)})`];
  }
  if (c.kind !== 'valid') return [];
  const entry = run.semantics[c.operationId];
  return entry.stateProblems({ sent, state: after.state, before: before.state, targetId, doc: run.doc, operation: run.operationOf(c) });
}

/** Forgets the state read of the record `targetId` that case `c`'s operation writes to (it was written meanwhile). */
export function forgetState(run, c, targetId) {
  const tracked = trackedOf(run, c, targetId);
  if (tracked) run.states.delete(tracked.key);
}

/** Runs a `state.read-back` case: passes when the target's state can be read, unconfirmed when it cannot. */
export async function runStateCase(run, c, targetId) {
  const tracked = trackedOf(run, c, targetId);
  if (!tracked) return { status: 'skipped', problems: [], reason: 'no record of this run to read back (see its operation\'s valid cases)' };
  const read = await readOne(run, tracked.resource, targetId);
  if (read.problems) return { status: 'failed', problems: read.problems };
  if (read.unavailable) return { status: 'unconfirmed', problems: [], reason: `state not read back: ${read.unavailable}` };
  if (read.state === undefined) return { status: 'failed', problems: [`state: nothing is stored under ${targetId}`] };
  return { status: 'passed', problems: [], evidence: 'every case of the operation was followed by a read of the stored state' };
}
