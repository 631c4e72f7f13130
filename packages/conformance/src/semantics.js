// Response semantics: what a success of each operation must echo or change. An operation of a resource gets its
// entry from its ROLE (src/roles.js, from the model: nothing there knows an operation by name). The one named entry
// is the token endpoint's, an operation of no resource. generateCases() fails naming every operation with neither.
//
// An entry:
// - `writes`: its valid cases change data on the server, so they run only in a writing run (allowWrites);
// - `role`, `resource` (of the model): the operation's role in its resource's lifecycle, and that resource;
// - `target` (by-id writes): the path parameter naming the record written to: the run's target of the resource
//   (given with `targets`, or created by the run) or, in a reject-only run, a fresh id that cannot exist;
// - `nonexistentTarget` (with `target`): its cases go to an id that cannot exist, never to the run's target; with
//   `freshTarget`, in a writing run each valid case and control goes to a record the run creates for it, and the
//   rejections to one they share (a delete);
// - `success` (optional): what a success does, in the titles of its valid cases;
// - `prepare(body, run, c)` (optional): the body case `c` (or a control, `kind: 'control'`) sends (`{ body }`), or why
//   the case cannot run (`{ skip }`); `run` holds the run's options;
// - `check({ sent, body, path, query, doc, operation })`: the problems of a success answer `body` to a valid case;
// - `stateProblems({ sent, state, before, targetId, doc, operation })`: the problems of the state read back after a
//   write of `sent` was accepted (`before`: the state before it);
// - `createdId(body)` (create): the id its success answer assigns;
// - `token` (the token endpoint only): `request({ appId, appSecret })` builds its body, `read(body)` its token,
//   `wrongSecret` the field and value of its wrong-secret case and the error role its rejection must carry, `reuse`
//   how long a token must have left for a second request to answer the same token.
import { operationsOf, resourcesOf } from '@feishu-hire/spec/model';
import { roleEntry } from './roles.js';

export { clearedProblems, echoProblems } from './records.js';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A copy of an object body whose fields in `values` (those present, except the one case `c` breaks) get those values. */
export function withUnbroken(body, values, c) {
  if (!isObject(body)) return body;
  const copy = { ...body };
  for (const [key, value] of Object.entries(values)) if (key in copy && key !== c.expect?.field && value !== undefined) copy[key] = value;
  return copy;
}

/** The body of a token request with the run's app credentials. */
const credentials = ({ appId, appSecret }) => ({ app_id: appId, app_secret: appSecret });

/** The problems of an issued token: a non-empty token that lives 1 s to 2 h. */
function tokenProblems(body) {
  const problems = [];
  const token = body?.tenant_access_token;
  if (typeof token !== 'string' || token.length === 0) problems.push(`tenant_access_token: expected a non-empty string, got ${JSON.stringify(token)}`);
  if (!Number.isInteger(body?.expire) || body.expire < 1 || body.expire > 7200) problems.push(`expire: expected an integer in 1..7200 (seconds), got ${JSON.stringify(body?.expire)}`);
  return problems.map((p) => `token: ${p}`);
}

/** The body a case of the token endpoint sends: the run's own credentials wherever the case breaks nothing. */
function tokenBody(body, run, c) {
  if (run.appId && run.appSecret) return { body: c.kind === 'valid' ? credentials(run) : withUnbroken(body, credentials(run), c) };
  // An example app's credentials are refused by any real server, whatever the secret: these cases need the run's own.
  if (['valid', 'auth', 'token'].includes(c.kind)) return { skip: 'needs the run\'s own app credentials (--app-id and --app-secret): a documented example app is refused' };
  return { body };
}

/** The named entries: operations of no resource, by operationId. The token endpoint is the only one. */
export const SEMANTICS = Object.freeze({
  getTenantAccessToken: Object.freeze({
    writes: false,
    success: 'a token that lives 1 s to 2 h is issued',
    prepare: tokenBody,
    check: ({ body }) => tokenProblems(body),
    token: Object.freeze({
      request: credentials,
      read: (body) => body?.tenant_access_token,
      wrongSecret: Object.freeze({ field: 'app_secret', value: 'conformance-wrong-secret', role: 'app_secret_invalid' }),
      // The spec's token operation: "While a token has more than 30 minutes left, asking again returns the same token".
      reuse: Object.freeze({ whileSecondsLeft: 1800 }),
    }),
  }),
});

/** @type {WeakMap<object, Record<string, any>>} the derived entries of each document */
const derived = new WeakMap();

/** The entries of every operation of `doc` from its role (operations of a resource) or by name (SEMANTICS). */
function derivedSemantics(doc) {
  if (!derived.has(doc)) {
    const operations = operationsOf(doc);
    const resources = new Map(resourcesOf(doc, operations).map((r) => [r.name, r]));
    const entries = {};
    for (const operation of operations) {
      if (operation.resource) entries[operation.operationId] = roleEntry(doc, operation, resources.get(operation.resource.name));
      else if (Object.hasOwn(SEMANTICS, operation.operationId)) entries[operation.operationId] = SEMANTICS[operation.operationId];
    }
    derived.set(doc, Object.freeze(entries));
  }
  return derived.get(doc);
}

/**
 * The response semantics of every operation of `doc`, by operationId: from its role, or its named entry, with
 * `extra` entries (e.g. a test's, or one for an operation of no resource) added or replacing them.
 */
export function semanticsOf(doc, extra = {}) {
  return { ...derivedSemantics(doc), ...extra };
}
