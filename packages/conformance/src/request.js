// What one case sends: its path values, its body (through its operation's `prepare`), and requests of other operations.
import { pathPlaceholder, TOKEN } from './generate.js';
import { send } from './http.js';
import { parameterValue } from './parameters.js';

/** The id an operation's cases target: the run's target, or a fresh non-existent one (its entry's `nonexistentTarget`). */
export function targetIdOf(run, operationId) {
  return run.semantics[operationId]?.nonexistentTarget ? run.nonexistentId : run.targetId;
}

/** The values of a case's path parameters: the run's target id, the run's `pathParams`, else the parameter's example. */
export function pathValues(run, c) {
  const operation = run.operationOf(c);
  const target = run.semantics[c.operationId]?.target;
  const valueOf = (name, value) => {
    if (value !== pathPlaceholder(name)) return value;
    if (name === target) return targetIdOf(run, c.operationId);
    return run.pathParams[name] ?? parameterValue(run.doc, operation.parameters.path.find((p) => p.name === name));
  };
  return Object.fromEntries(Object.entries(c.request.pathParams ?? {}).map(([name, value]) => [name, valueOf(name, value)]));
}

/**
 * The body text case `c` sends and the value its checks compare with (`{ text, sent }`), or why it cannot run
 * (`{ skip }`): a JSON body goes through its operation's `prepare(body, run, c)` (see semantics.js).
 */
export function bodyOf(run, c) {
  const { request } = c;
  // Every case goes through its operation's `prepare`, body or not (a raw body is sent as it is): `prepare` may say
  // that the case must not run (the delete's valid case, or its control in a writing run).
  if (request.body === undefined && request.rawBody !== undefined) return { text: request.rawBody };
  const prepare = run.semantics[c.operationId]?.prepare;
  const prepared = prepare ? prepare(request.body, run.options, c) : { body: request.body };
  if (prepared.skip) return { skip: prepared.skip };
  if (prepared.body === undefined) return {};
  return { text: JSON.stringify(prepared.body), sent: prepared.body };
}

/** Sends a case's request, paced; resolves to its answer (see http.js `send`). */
export async function sendCase(run, c, path, text) {
  await run.pace();
  return send(run, c.request, path, text);
}

/**
 * Sends a request of operation `operationId` of the spec with the run's token (for a semantics entry's `readBack`,
 * e.g. a batch query): `path` and `query` values, and `body` sent as JSON. Resolves to its answer.
 */
export async function sendOperation(run, operationId, { path = {}, query = {}, body } = {}) {
  const operation = run.operationOf({ operationId, id: operationId });
  const headers = operation.security.length > 0 ? { authorization: TOKEN } : {};
  if (body !== undefined) headers['content-type'] = operation.requestBody?.mediaType ?? 'application/json';
  const request = { method: operation.method, path: operation.path, query, headers };
  await run.pace();
  return send(run, request, path, body === undefined ? undefined : JSON.stringify(body));
}
