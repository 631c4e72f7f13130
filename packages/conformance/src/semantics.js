// Response semantics: what a success of each operation must echo or change, ONE entry per operationId. This is the
// only place of the suite that knows an operation by name; generateCases() fails naming an operation without one.
//
// An entry:
// - `writes`: its valid cases change data on the server, so they run only with allowWrites and an explicit interviewId;
// - `target` (writing operations): the path parameter naming what is overwritten, filled with the run's interviewId
//   or, in a reject-only run, with a fresh id that cannot exist (so that no case can overwrite real data);
// - `success` (optional): what a success does, in the titles of its valid cases;
// - `prepare(body, run, c)`: the body case `c` (or the operation's control request, `kind: 'control'`) sends
//   (`{ body }`), or why the case cannot run (`{ skip }`); it puts the run's own values (app credentials,
//   `--external-application-id`) into every field the case does not break, so that its unbroken control is accepted;
// - `check({ sent, body, path, doc, operation })`: the problems of a success answer `body` to a valid case that sent
//   `sent` to the path parameters `path`;
// - `readBack(context)` (writing operations): reads the stored state of the run's target back, `{ state }`, or says
//   why it cannot, `{ unavailable }`; context: `{ targetId, path, operation, readState, send }` (`send(operationId,
//   { path, query, body })` sends a request of another operation of the spec, e.g. a batch query);
// - `stateProblems({ sent, state, targetId, doc, operation })`: the problems of the state read back after a write
//   of `sent` was accepted;
// - `token` (the token endpoint only): `request({ appId, appSecret })` builds its body, `read(body)` its token,
//   `wrongSecret` the field and value of its wrong-secret case and the error role its rejection must carry.
import { flatten } from './mutations.js';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const short = (v) => (Array.isArray(v) ? `${v.length} item(s)` : JSON.stringify(v));

/** Compares what was written with what the server returned (full overwrite): returns problems as strings. */
export function echoProblems(sent, got, path = 'data.external_interview') {
  if (got === null || typeof got !== 'object') return [`${path} is missing from the response`];
  const problems = [];
  for (const [key, value] of Object.entries(sent)) {
    const where = `${path}.${key}`;
    if (Array.isArray(value)) problems.push(...listProblems(value, got[key], where));
    else if (value !== null && typeof value === 'object') problems.push(...echoProblems(value, got[key], where));
    else if (got[key] !== value) problems.push(`${where}: sent ${JSON.stringify(value)}, got ${JSON.stringify(got[key])}`);
  }
  return problems;
}

/** Compares a sent list with the returned one, item by item. */
function listProblems(sent, got, where) {
  if (!Array.isArray(got) || got.length !== sent.length) return [`${where}: sent ${sent.length} item(s), got ${JSON.stringify(got)}`];
  return sent.flatMap((item, i) => {
    if (item !== null && typeof item === 'object') return echoProblems(item, got[i], `${where}[${i}]`);
    return item === got[i] ? [] : [`${where}[${i}]: sent ${JSON.stringify(item)}, got ${JSON.stringify(got[i])}`];
  });
}

/** A field the full overwrite cleared: absent, null or an empty list. */
const isCleared = (v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/**
 * The fields of the request schema that were not sent but are still in `got` (scalars and lists, at any depth):
 * a full overwrite clears them. Fields the request schema does not list (ids, new platform fields) are ignored.
 */
export function clearedProblems(doc, schema, sent, got, where) {
  const s = flatten(doc, schema, where);
  if (s.baseType === 'array' && s.items && Array.isArray(sent) && Array.isArray(got)) {
    return sent.flatMap((item, i) => clearedProblems(doc, s.items, item, got[i], `${where}[${i}]`));
  }
  if (s.baseType !== 'object' || !isObject(sent) || !isObject(got)) return [];
  return Object.entries(s.properties).flatMap(([key, child]) => {
    if (key in sent) return clearedProblems(doc, child, sent[key], got[key], `${where}.${key}`);
    return isCleared(got[key]) ? [] : [`${where}.${key}: not sent, so the full overwrite must clear it, got ${short(got[key])}`];
  });
}

/** The problems of an interview after a full overwrite with `sent`: same content, nothing else, new assessment ids, its id. */
function overwriteProblems({ doc, operation }, sent, interview, interviewId, where) {
  const problems = echoProblems(sent, interview, where);
  if (!isObject(interview)) return problems;
  problems.push(...clearedProblems(doc, operation.requestBody.schema, sent, interview, where));
  if (interview.id !== undefined && interview.id !== interviewId) problems.push(`${where}.id: expected ${interviewId}, got ${JSON.stringify(interview.id)}`);
  for (const [i, a] of (Array.isArray(interview.interview_assessments) ? interview.interview_assessments : []).entries()) {
    if (typeof a?.id !== 'string' || a.id.length === 0) problems.push(`${where}.interview_assessments[${i}].id: a new assessment id must be assigned`);
  }
  return problems;
}

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
  if (c.kind === 'valid' || c.kind === 'auth') return { skip: 'needs the run\'s own app credentials (--app-id and --app-secret): a documented example app is refused' };
  return { body };
}

const NO_READ_OPERATION = 'the spec has no operation that reads an external interview back yet (the batch query will fill this '
  + 'entry\'s readBack); the embedded mock is read directly';

/** What a success of each operation must echo or change, by operationId (see the top of this file). */
export const SEMANTICS = Object.freeze({
  updateExternalInterview: Object.freeze({
    writes: true,
    target: 'external_interview_id',
    success: 'echoed, every field not sent cleared (full overwrite)',
    prepare: (body, { bodyOverrides = {} }, c) => ({ body: withUnbroken(body, bodyOverrides, c) }),
    check: ({ sent, body, path, ...model }) => overwriteProblems(model, sent, body?.data?.external_interview, path.external_interview_id, 'data.external_interview').map((p) => `echo: ${p}`),
    readBack: ({ targetId, readState }) => (readState ? { state: readState(targetId) } : { unavailable: NO_READ_OPERATION }),
    stateProblems: ({ sent, state, targetId, ...model }) => (state === undefined ? ['state: nothing is stored under the id'] : overwriteProblems(model, sent, state, targetId, 'state')),
  }),
  getTenantAccessToken: Object.freeze({
    writes: false,
    success: 'a token that lives 1 s to 2 h is issued',
    prepare: tokenBody,
    check: ({ body }) => tokenProblems(body),
    token: Object.freeze({
      request: credentials,
      read: (body) => body?.tenant_access_token,
      wrongSecret: Object.freeze({ field: 'app_secret', value: 'conformance-wrong-secret', role: 'app_secret_invalid' }),
    }),
  }),
});

/** The entries of `SEMANTICS` with `extra` entries (e.g. a test's) added or replacing them. */
export function semanticsWith(extra = {}) {
  return { ...SEMANTICS, ...extra };
}
