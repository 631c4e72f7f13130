// Response semantics: what a success of each operation must echo or change, ONE entry per operationId. This is the
// only place of the suite that knows an operation by name; generateCases() fails naming an operation without one.
//
// An entry:
// - `writes`: its valid cases change data on the server, so they run only with allowWrites and an explicit interviewId;
// - `target` (writing operations): the path parameter naming what is overwritten, filled with the run's interviewId
//   or, in a reject-only run, with a fresh id that cannot exist (so that no case can overwrite real data);
// - `success` (optional): what a success does, in the titles of its valid cases;
// - `prepare(body, run, request)`: the body a valid case sends (`{ body }`), or why the case cannot run (`{ skip }`);
// - `check({ sent, body, path })`: the problems of a success answer (`body`) to a valid case that sent `sent`
//   to the path parameters `path`;
// - `token` (the token endpoint only): `request({ appId, appSecret })` builds its body, `read(body)` its token.

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

/** The echo of a full overwrite: same content, new assessment ids, lists not sent cleared, the path's interview id. */
function overwriteProblems(sent, body, interviewId) {
  const interview = body?.data?.external_interview;
  const problems = echoProblems(sent, interview);
  if (!interview || typeof interview !== 'object') return problems;
  if (interview.id !== undefined && interview.id !== interviewId) problems.push(`data.external_interview.id: expected ${interviewId}, got ${JSON.stringify(interview.id)}`);
  for (const [i, a] of (interview.interview_assessments ?? []).entries()) {
    if (typeof a?.id !== 'string' || a.id.length === 0) problems.push(`data.external_interview.interview_assessments[${i}].id: a new assessment id must be assigned`);
  }
  for (const [key, value] of Object.entries(interview)) {
    if (!(key in sent) && Array.isArray(value) && value.length > 0) problems.push(`data.external_interview.${key}: not sent, so the full overwrite must clear it, got ${value.length} item(s)`);
  }
  return problems;
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

/** The problems of a created interview: the body echoed, an interview id and assessment ids assigned. */
function createdProblems(sent, body) {
  const interview = body?.data?.external_interview;
  const problems = echoProblems(sent, interview);
  if (typeof interview?.id !== 'string' || interview.id.length === 0) problems.push('data.external_interview.id: the platform must assign an id');
  for (const [i, a] of (interview?.interview_assessments ?? []).entries()) {
    if (typeof a?.id !== 'string' || a.id.length === 0) problems.push(`data.external_interview.interview_assessments[${i}].id: an assessment id must be assigned`);
  }
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

/** What a success of each operation must echo or change, by operationId (see the top of this file). */
export const SEMANTICS = Object.freeze({
  updateExternalInterview: Object.freeze({
    writes: true,
    target: 'external_interview_id',
    success: 'echoed, everything not sent cleared (full overwrite)',
    prepare: (body, { bodyOverrides = {} }) => ({ body: { ...body, ...bodyOverrides } }),
    check: ({ sent, body, path }) => overwriteProblems(sent, body, path.external_interview_id).map((p) => `echo: ${p}`),
  }),
  createExternalInterview: Object.freeze({
    writes: true,
    success: 'echoed with a new interview id and assessment ids',
    // external_id is an idempotency key (once per 24 hours): every case gets its own, so a rerun is not a repeat.
    prepare: (body, { bodyOverrides = {} }) => ({ body: { ...body, ...bodyOverrides, ...(body?.external_id === undefined ? {} : { external_id: runKey() }) } }),
    check: ({ sent, body }) => createdProblems(sent, body).map((p) => `echo: ${p}`),
  }),
  batchQueryExternalInterviews: Object.freeze({
    writes: false,
    success: 'a page of the interviews asked for',
    // No source says what the platform answers to a query with neither condition: such a case proves nothing.
    prepare: (body, _run, request) => (body?.external_interview_id_list?.length || request.query?.external_application_id
      ? { body }
      : { skip: 'no source says what a query with neither external_interview_id_list nor external_application_id returns' }),
    check: ({ sent, body }) => pageProblems(sent, body),
  }),
  deleteExternalInterview: Object.freeze({
    writes: true,
    target: 'external_interview_id',
    success: 'the interview is deleted',
    // A valid delete would remove the very interview the update cases write to (--interview-id).
    prepare: () => ({ skip: 'would delete the interview given with --interview-id, which the update cases use' }),
    check: ({ body }) => (body?.data && typeof body.data === 'object' ? [] : [`data: expected an object, got ${JSON.stringify(body?.data)}`]),
  }),
  getTenantAccessToken: Object.freeze({
    writes: false,
    success: 'a token that lives 1 s to 2 h is issued',
    // An example app's credentials are refused by any real server: a valid request needs the run's own.
    prepare: (_body, run) => (run.appId && run.appSecret ? { body: credentials(run) } : { skip: 'needs the run\'s own app credentials (--app-id and --app-secret): a documented example app is refused' }),
    check: ({ body }) => tokenProblems(body),
    token: Object.freeze({ request: credentials, read: (body) => body?.tenant_access_token }),
  }),
});

/** The entries of `SEMANTICS` with `extra` entries (e.g. a test's) added or replacing them. */
export function semanticsWith(extra = {}) {
  return { ...SEMANTICS, ...extra };
}
