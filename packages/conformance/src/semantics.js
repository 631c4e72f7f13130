// Response semantics: what a success of each operation must echo or change, ONE entry per operationId. This is the
// only place of the suite that knows an operation by name; generateCases() fails naming an operation without one.
//
// An entry:
// - `writes`: its valid cases change data on the server, so they run only with allowWrites and an explicit interviewId;
// - `target` (writing operations): the path parameter naming what is overwritten, filled with the run's interviewId
//   or, in a reject-only run, with a fresh id that cannot exist (so that no case can overwrite real data);
// - `success` (optional): what a success does, in the titles of its valid cases;
// - `nonexistentTarget` (optional, with `target`): every case goes to a fresh id that cannot exist, even in a
//   writing run (the delete: its rejection cases must not be able to delete the interview of --interview-id);
// - `prepare(body, run, c)`: the body case `c` (or the operation's control request, `kind: 'control'`) sends
//   (`{ body }`), or why the case cannot run (`{ skip }`); it puts the run's own values (app credentials,
//   `--external-application-id`) into every field the case does not break, so that its unbroken control is accepted;
// - `check({ sent, body, path, doc, operation })`: the problems of a success answer `body` to a valid case that sent
//   `sent` to the path parameters `path`;
// - `readBack(context)` (writing operations): reads the stored state of the run's target back, `{ state }`, or says
//   why it cannot, `{ unavailable }`; context: `{ targetId, path, operation, readState, send }` (`send(operationId,
//   { path, query, body })` sends a request of another operation of the spec, e.g. a batch query);
// - `role` (optional): 'create', 'read', 'update' or 'delete' of the interview: the lifecycle case is built from the
//   four (a create also gives `createdId(body)`, the id its success answer assigns);
// - `reads` (the operation that reads interviews back): `request(ids, run)` the `{ path, query, body }` reading the
//   interviews `ids`, `items(body)` the interviews of its success answer; state.js reads every write back with it;
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
export function clearedProblems(doc, schema, sent, got, where, assigned = new Set()) {
  const s = flatten(doc, schema, where);
  if (s.baseType === 'array' && s.items && Array.isArray(sent) && Array.isArray(got)) {
    return sent.flatMap((item, i) => clearedProblems(doc, s.items, item, got[i], `${where}[${i}]`, assigned));
  }
  if (s.baseType !== 'object' || !isObject(sent) || !isObject(got)) return [];
  return Object.entries(s.properties).flatMap(([key, child]) => {
    if (key in sent) return clearedProblems(doc, child, sent[key], got[key], `${where}.${key}`, assigned);
    if (assigned.has(key)) return [];
    return isCleared(got[key]) ? [] : [`${where}.${key}: not sent, so the full overwrite must clear it, got ${short(got[key])}`];
  });
}

/**
 * Fields of the request schema the platform fills itself when they are not sent: an assessment's
 * `external_interview_id` (the interview it belongs to). Not sent, it may be present, but only with the interview's id.
 */
const ASSIGNED = new Set(['external_interview_id']);

/** The problems of the assessments of `interview`: each has an id, and belongs to the interview when it says so. */
function assessmentProblems(interview, interviewId, where) {
  const list = Array.isArray(interview.interview_assessments) ? interview.interview_assessments : [];
  return list.flatMap((a, i) => [
    ...(typeof a?.id !== 'string' || a.id.length === 0 ? [`${where}.interview_assessments[${i}].id: a new assessment id must be assigned`] : []),
    ...(a?.external_interview_id !== undefined && a.external_interview_id !== interviewId ? [`${where}.interview_assessments[${i}].external_interview_id: expected the interview's id ${interviewId}, got ${JSON.stringify(a.external_interview_id)}`] : []),
  ]);
}

/** The problems of an interview after a full overwrite with `sent`: same content, nothing else, new assessment ids, its id. */
function overwriteProblems({ doc, operation }, sent, interview, interviewId, where) {
  const problems = echoProblems(sent, interview, where);
  if (!isObject(interview)) return problems;
  problems.push(...clearedProblems(doc, operation.requestBody.schema, sent, interview, where, ASSIGNED));
  if (interview.id !== undefined && interview.id !== interviewId) problems.push(`${where}.id: expected ${interviewId}, got ${JSON.stringify(interview.id)}`);
  problems.push(...assessmentProblems(interview, interviewId, where));
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

/** The problems of a created interview: the body echoed, nothing else, an interview id and assessment ids assigned. */
function createdProblems({ doc, operation }, sent, interview, where) {
  const problems = echoProblems(sent, interview, where);
  if (!isObject(interview)) return problems;
  problems.push(...clearedProblems(doc, operation.requestBody.schema, sent, interview, where, ASSIGNED).map((p) => p.replace('so the full overwrite must clear it', 'so it must be absent')));
  if (typeof interview.id !== 'string' || interview.id.length === 0) problems.push(`${where}.id: the platform must assign an id, got ${JSON.stringify(interview.id)}`);
  problems.push(...assessmentProblems(interview, interview.id, where));
  return problems;
}

/** The problems of a batch query page: a list of interviews (only those asked for, when ids were asked), has_more, page_token. */
function pageProblems(sent, body) {
  const data = body?.data;
  if (!Array.isArray(data?.items)) return [`data.items: expected a list, got ${JSON.stringify(data?.items)}`];
  const asked = sent?.external_interview_id_list;
  const problems = Array.isArray(asked) ? data.items.filter((i) => !asked.includes(i?.id)).map((i) => `data.items: ${JSON.stringify(i?.id)} was not asked for`) : [];
  if (typeof data.has_more !== 'boolean') problems.push(`data.has_more: expected a boolean, got ${JSON.stringify(data.has_more)}`);
  if (data.has_more === true && !(typeof data.page_token === 'string' && data.page_token)) problems.push('data.page_token: expected a token while has_more is true');
  return problems;
}

/** A value no other run uses, so that a create's `external_id` (an idempotency key) is never a repeat. */
const runKey = () => `conformance-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** The body a case of the token endpoint sends: the run's own credentials wherever the case breaks nothing. */
function tokenBody(body, run, c) {
  if (run.appId && run.appSecret) return { body: c.kind === 'valid' ? credentials(run) : withUnbroken(body, credentials(run), c) };
  // An example app's credentials are refused by any real server, whatever the secret: these cases need the run's own.
  if (c.kind === 'valid' || c.kind === 'auth') return { skip: 'needs the run\'s own app credentials (--app-id and --app-secret): a documented example app is refused' };
  return { body };
}

const NO_READ_OPERATION = 'the spec has no operation that reads an external interview back (no semantics entry with `reads`), and '
  + 'only the embedded mock\'s store could be read directly';

/** What a success of each operation must echo or change, by operationId (see the top of this file). */
export const SEMANTICS = Object.freeze({
  updateExternalInterview: Object.freeze({
    role: 'update',
    writes: true,
    target: 'external_interview_id',
    success: 'echoed, every field not sent cleared (full overwrite)',
    prepare: (body, { bodyOverrides = {} }, c) => ({ body: withUnbroken(body, bodyOverrides, c) }),
    check: ({ sent, body, path, ...model }) => overwriteProblems(model, sent, body?.data?.external_interview, path.external_interview_id, 'data.external_interview').map((p) => `echo: ${p}`),
    // Over HTTP with the operation that reads (the batch query); the mock's store only for a spec without one.
    readBack: ({ targetId, readOne, readState }) => (readOne ? readOne(targetId) : readState ? { state: readState(targetId) } : { unavailable: NO_READ_OPERATION }),
    stateProblems: ({ sent, state, targetId, ...model }) => (state === undefined ? ['state: nothing is stored under the id'] : overwriteProblems(model, sent, state, targetId, 'state')),
  }),
  createExternalInterview: Object.freeze({
    role: 'create',
    writes: true,
    success: 'echoed with a new interview id and assessment ids',
    // external_id is an idempotency key (once per 24 hours): every case gets its own, so a rerun is not a repeat.
    prepare: (body, { bodyOverrides = {} }, c) => ({ body: withUnbroken(body, { ...bodyOverrides, external_id: body?.external_id === undefined ? undefined : runKey() }, c) }),
    check: ({ sent, body, ...model }) => createdProblems(model, sent, body?.data?.external_interview, 'data.external_interview').map((p) => `echo: ${p}`),
    createdId: (body) => body?.data?.external_interview?.id,
    stateProblems: ({ sent, state, ...model }) => createdProblems(model, sent, state, 'state'),
  }),
  batchQueryExternalInterviews: Object.freeze({
    role: 'read',
    writes: false,
    // The read-back of every write: the interviews of an id list, over HTTP (see state.js).
    reads: Object.freeze({
      request: (ids) => ({ body: { external_interview_id_list: ids } }),
      items: (body) => body?.data?.items,
    }),
    success: 'a page of the interviews asked for',
    // No source says what the platform answers to a query with neither condition: such a case proves nothing.
    prepare: (body, _run, c) => (c.kind !== 'valid' || body?.external_interview_id_list?.length || c.request.query?.external_application_id
      ? { body }
      : { skip: 'no source says what a query with neither external_interview_id_list nor external_application_id returns' }),
    check: ({ sent, body }) => pageProblems(sent, body),
  }),
  deleteExternalInterview: Object.freeze({
    role: 'delete',
    writes: true,
    target: 'external_interview_id',
    // Its cases (and its control) all go to an id that cannot exist: none of them can delete a real interview.
    nonexistentTarget: true,
    success: 'the interview is deleted',
    // A valid delete would remove the very interview the update cases write to (--interview-id); the lifecycle case
    // deletes only the interview it created.
    prepare: (body, _run, c) => (c.kind === 'valid' ? { skip: 'would delete the interview given with --interview-id, which the update cases use' } : { body }),
    check: ({ body }) => (body?.data && typeof body.data === 'object' ? [] : [`data: expected an object, got ${JSON.stringify(body?.data)}`]),
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
