// What one case sends: its path values, its body (the run's values in every field it does not break, then its
// operation's `prepare`), and requests of other operations; every request paced at its operation's own limit.
import { pathPlaceholder, TOKEN } from './generate.js';
import { send } from './http.js';
import { parameterValue } from './parameters.js';
import { withUnbroken } from './semantics.js';
import { forgetDeleted, noteCreated, parentFor, recordParent, targetFor } from './targets.js';

/** A value no other run uses, so that a create's idempotency key (`external_id`) is never a repeat. */
export const runKey = () => `conformance-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * The id the by-id cases of an operation go to: in a writing run the run's target of its resource, else (a reject-only
 * run, an operation whose entry says `nonexistentTarget`, or no target to be had) a fresh id that cannot exist.
 */
export async function targetIdOf(run, operationId) {
  const entry = run.semantics[operationId];
  if (!entry?.target) return undefined;
  if (!run.allowWrites || entry.nonexistentTarget) return run.nonexistentId;
  return (await targetFor(run, entry.resource)).id ?? run.nonexistentId;
}

/**
 * The values of a case's path parameters: `targetId` (default: the operation's target) for its resource's id, the
 * record's parent for the parent's, the run's `pathParams`, else the parameter's example.
 */
export async function pathValues(run, c, targetId) {
  const operation = run.operationOf(c);
  const entry = run.semantics[c.operationId];
  const target = targetId ?? (await targetIdOf(run, c.operationId));
  const parent = entry?.resource?.parent;
  const valueOf = (name, value) => {
    if (value !== pathPlaceholder(name)) return value;
    if (name === entry?.target) return target;
    if (name === parent?.field && recordParent(run, entry.resource, target) !== undefined) return recordParent(run, entry.resource, target);
    return run.pathParams[name] ?? parameterValue(run.doc, operation.parameters.path.find((p) => p.name === name));
  };
  return Object.fromEntries(Object.entries(c.request.pathParams ?? {}).map(([name, value]) => [name, valueOf(name, value)]));
}

/**
 * The run's values for the body fields of `operationId` (in a writing run): the parent of the record written (a
 * create's: `parentId`, default the run's parent for the resource) and a fresh idempotency key for a create.
 */
async function bodyValues(run, operationId, parentId) {
  const entry = run.semantics[operationId];
  const resource = entry?.resource;
  if (!resource || !run.allowWrites) return {};
  const values = {};
  if (entry.role === 'create' && resource.idempotency) values[resource.idempotency.key] = runKey();
  if (!resource.parent) return values;
  if (entry.role === 'create') values[resource.parent.field] = parentId ?? (await parentFor(run, resource)).id;
  else if (entry.target && !entry.nonexistentTarget) values[resource.parent.field] = parentId ?? recordParent(run, resource, await targetIdOf(run, operationId));
  return values;
}

/**
 * The body case `c` of `operationId` sends and the value its checks compare with (`{ text, body }`), or why it cannot
 * run (`{ skip }`): a JSON body gets the run's values in every field the case does not break, then goes through its
 * operation's `prepare(body, run, c)` (see semantics.js). `parentId` is the parent a create's record goes under, or
 * the one a write to a record keeps (default: the parent of the run's target).
 */
export async function bodyFor(run, operationId, c, parentId) {
  const { request } = c;
  // Every case goes through its operation's `prepare`, body or not (a raw body is sent as it is): `prepare` may say
  // that the case must not run.
  if (request.body === undefined && request.rawBody !== undefined) return { text: request.rawBody };
  const body = withUnbroken(request.body, await bodyValues(run, operationId, parentId), c);
  const prepare = run.semantics[operationId]?.prepare;
  const prepared = prepare ? prepare(body, run.options, c) : { body };
  if (prepared.skip) return { skip: prepared.skip };
  if (prepared.body === undefined) return {};
  return { text: JSON.stringify(prepared.body), body: prepared.body };
}

/** The body of case `c` (see bodyFor). */
export const bodyOf = (run, c) => bodyFor(run, c.operationId, c);

/** Sends a request of `operationId` with `send()` when its turn comes, at the operation's own pace (see clock.js). */
export function paced(run, operationId, send) {
  return run.pacerOf(operationId)(send);
}

/** Notes the record an accepted create answers, or forgets the one an accepted delete removed (the run deletes what it created at the end). */
function noteAnswer(run, operationId, answer, { text, path }) {
  const entry = run.semantics[operationId];
  if (!(answer.status >= 200 && answer.status <= 299 && answer.code === 0)) return;
  if (entry?.role === 'delete') forgetDeleted(run, entry.resource, path[entry.resource.idParameter]);
  if (entry?.role !== 'create') return;
  const id = entry.createdId(answer.body);
  const field = entry.resource.parent?.field;
  if (typeof id === 'string' && id.length > 0) noteCreated(run, entry.resource, id, field ? parsed(text)?.[field] : undefined);
}

/** A request's body text parsed (undefined when it is none or not JSON). */
function parsed(text) {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends a case's request, paced at its operation's pace; resolves to its answer (see http.js `send`). */
export async function sendCase(run, c, path, text) {
  const answer = await paced(run, c.operationId, () => send(run, c.request, path, text));
  noteAnswer(run, c.operationId, answer, { text, path });
  return answer;
}

/**
 * Sends a request of operation `operationId` of the spec with the run's token (a read back, a step of a lifecycle):
 * `path` and `query` values, and `body` sent as JSON, paced at the operation's pace. Resolves to its answer.
 */
export async function sendOperation(run, operationId, { path = {}, query = {}, body } = {}) {
  const operation = run.operationOf({ operationId, id: operationId });
  const headers = operation.security.length > 0 ? { authorization: TOKEN } : {};
  if (body !== undefined) headers['content-type'] = operation.requestBody?.mediaType ?? 'application/json';
  const request = { method: operation.method, path: operation.path, query, headers };
  const text = body === undefined ? undefined : JSON.stringify(body);
  const answer = await paced(run, operationId, () => send(run, request, path, text));
  noteAnswer(run, operationId, answer, { text, path });
  return answer;
}
