// The mutant suite's broken servers: each differs from the correct mock in ONE documented behaviour, built from the
// mock's options (a weakened spec to validate with, a replaced handler, a rate limit) or a proxy in front of it, never
// from an edit of its source. Each states the modes it applies to and the cases that must catch it (`killedBy`, a
// pattern of case ids); `equivalent` gives, per mode it does not apply to, the written reason.
//
// Also the conformant variants: servers that differ from the mock in a way the spec allows (terse messages, "not found"
// before the body, messages echoing the body). They must never fail a case; where the evidence cannot tell them
// from a broken server, their cases are unconfirmed (`unconfirmedIn`).
import { createRequire } from 'node:module';
import { deref, errorCodesOf, operationsOf, pathPattern, resourcesOf } from '@feishu-hire/spec/model';
import { DEFAULT_APPS, TOKEN_PATH } from '@feishu-hire/mock-server';
import { forward, json } from './proxy.js';

const openapi = createRequire(import.meta.url)('@feishu-hire/spec/openapi.json');
const operations = operationsOf(openapi);
// The resource the mutants break (the one with an update: its schema's fields are named below), its operations by
// role, and the token endpoint (the operation of no resource).
const RESOURCE = resourcesOf(openapi, operations).find((r) => r.operations.update);
const byRole = (role) => operations.find((o) => o.operationId === RESOURCE.operations[role]);
const [UPDATE, CREATE, BATCH, DELETE] = ['update', 'create', 'list', 'delete'].map(byRole);
const TOKEN = operations.find((o) => !o.resource);
const { recordKey: RECORD, idParameter: ID } = RESOURCE;
/** The pattern of the case ids of `operation` whose id continues with the pattern `rest`. */
const casesOf = (operation, rest) => new RegExp(`^${operation.operationId}\\.${rest}`);

/** Deletes page_size's maximum wherever the batch query declares it (inline or as a component parameter). */
function deleteParamMaximum(doc) {
  for (const p of doc.paths[BATCH.path].post.parameters ?? []) {
    const param = p.$ref ? deref(doc, p) : p;
    if (param.name === 'page_size') delete param.schema.maximum;
  }
  return true;
}
// The modes: `embedded` is the README's CI line (no flags: writes, the rate-limit check, an expired token, state read
// back); `reject-only` is the line for a real tenant (--base-url with app credentials and --expired-token).
const ALL = ['embedded', 'reject-only'];
const WRITES = ['embedded'];
const NO_WRITES = 'a reject-only run writes nothing: no write to merge, keep or lose, no success to echo';
const OPEN_SCHEMAS = 'the request schemas are open (no additionalProperties: false): the spec allows an unknown field to be dropped, so this server is conformant and no case may fail it';
const NO_CREATE = 'every case of the create needs --allow-writes (no id that cannot exist makes it safe): a reject-only run sends none';
const NO_STORE = 'a reject-only run stores nothing, so a query returning every stored interview returns only what it asked for';
const NO_BURST = 'the rate-limit check is opt-in in a reject-only run (--check-rate-limit), and off in this mode\'s runs';

/** A copy of the bundled spec changed by `edit(doc)`: the mock then validates with weaker rules. */
function weakened(edit) {
  const doc = structuredClone(openapi);
  edit(doc.components.schemas, doc);
  return doc;
}

/** The operation of a request (method and path), or undefined. */
function operationOf(req) {
  const path = new URL(req.url, 'http://x').pathname;
  return operations.find((o) => o.method === req.method && pathPattern(o.path).test(path));
}

/** A schema node resolved: $ref followed, allOf parts' properties merged. */
function resolve(schema) {
  const s = deref(openapi, schema ?? {});
  const parts = (s.allOf ?? []).map(resolve);
  return { ...Object.assign({}, ...parts), ...s, properties: Object.assign({}, ...parts.map((p) => p.properties), s.properties) };
}

/** `value` with `visit(value, schema)` applied bottom-up to every value the request schema describes. */
function walk(schema, value, visit) {
  const s = resolve(schema);
  let out = value;
  if (Array.isArray(value) && s.items) out = value.map((item) => walk(s.items, item, visit));
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, s.properties?.[k] ? walk(s.properties[k], v, visit) : v]));
  }
  return visit(out, s);
}

/** A proxy request hook that rewrites JSON request bodies with `visit(value, schema)` (a lenient server's parsing). */
function lenientBody(visit) {
  return () => ({
    request: async (req) => {
      const operation = operationOf(req);
      const body = json(req.body);
      if (!operation?.requestBody || body === undefined) return;
      req.body = JSON.stringify(walk(operation.requestBody.schema, body, visit));
    },
  });
}

/** A proxy response hook that changes JSON answers with `change(body, res, req)` (return false to leave one as it is). */
function answers(change) {
  return () => ({
    response: async (res, req) => {
      const body = json(res.body);
      if (body === undefined || change(body, res, req) === false) return;
      res.body = JSON.stringify(body);
    },
  });
}

/** A new token of the mock's default app (asked from the upstream mock, on its own clock). */
async function freshToken(target) {
  const [app] = DEFAULT_APPS;
  const res = await fetch(new URL(TOKEN_PATH, target), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_id: app.appId, app_secret: app.appSecret }) });
  return (await res.json()).tenant_access_token;
}

/** A proxy that retries, with a fresh valid token, any request refused as 99991663 with `reason` in its msg. */
function acceptsRefusedToken(reason) {
  return ({ target }) => ({
    response: async (res, req) => {
      const body = json(res.body);
      if (body?.code !== 99991663 || !body.msg.includes(reason)) return undefined;
      return forward(target, { ...req, headers: { ...req.headers, authorization: `Bearer ${await freshToken(target)}` } });
    },
  });
}

/** A proxy that replaces the Authorization header with a fresh valid token when `when(header)` holds. */
function acceptsAuthorization(when) {
  return ({ target }) => ({
    request: async (req) => {
      if (operationOf(req)?.security.length && when(req.headers.authorization)) req.headers.authorization = `Bearer ${await freshToken(target)}`;
    },
  });
}

const isInteger = (s) => s.type === 'integer' || [].concat(s.type).includes('integer');
const numericString = (v) => typeof v === 'string' && /^-?\d+$/.test(v);
const stripIds = (list = []) => list.map(({ id: _id, ...rest }) => rest);

/** The mock's "not found" rejection of the update (the same msg as its own handler). */
function notFound(reject, id) {
  return reject('invalid_parameter', `${ID} not found (path.${ID} = ${JSON.stringify(id)})`);
}

/** A replaced update handler: `write(stored, body)` is the body actually stored (a broken overwrite). */
function updateWith(write) {
  return {
    handlers: {
      [UPDATE.operationId]: ({ path, body, store, reject }) => {
        const id = path[ID];
        const stored = store.get(id);
        if (!stored) throw notFound(reject, id);
        return { [RECORD]: store.update(id, write(stored, body)) };
      },
    },
  };
}

/** The id of a by-id request's path. */
const idOf = (req) => decodeURIComponent(new URL(req.url, 'http://x').pathname.split('/').at(-1));

export const MUTANTS = [
  // Validation: one constraint kind each.
  { name: 'enum-below-accepted', behaviour: 'participate_status 0, below its enum, is accepted', modes: ALL, mock: { spec: weakened((s) => s.ParticipateStatus.enum.unshift(0)) }, killedBy: /invalid\.enum-below:\/participate_status$/ },
  { name: 'enum-above-accepted', behaviour: 'conclusion 4, above its enum, is accepted', modes: ALL, mock: { spec: weakened((s) => s.Conclusion.enum.push(4)) }, killedBy: /invalid\.enum-above:.*\/conclusion$/ },
  { name: 'boolean-as-integer', behaviour: 'true/false are accepted for integers (read as 1/0)', modes: ALL, proxy: lenientBody((v, s) => (isInteger(s) && typeof v === 'boolean' ? Number(v) : v)), killedBy: /invalid\.type-boolean:/ },
  { name: 'numeric-string-int32', behaviour: 'numeric strings are accepted for int32 fields (score "99" read as 99)', modes: ALL, proxy: lenientBody((v, s) => (isInteger(s) && s.format !== 'int64' && numericString(v) ? Number(v) : v)), killedBy: /invalid\.numeric-string:.*\/score$/ },
  { name: 'int64-as-string', behaviour: 'int64 fields accept decimal strings', modes: ALL, proxy: lenientBody((v, s) => (s.format === 'int64' && numericString(v) ? Number(v) : v)), killedBy: /invalid\.numeric-string:\/begin_time$/ },
  { name: 'fraction-truncated', behaviour: 'fractional numbers are accepted for integers (truncated)', modes: ALL, proxy: lenientBody((v, s) => (isInteger(s) && typeof v === 'number' && !Number.isInteger(v) ? Math.trunc(v) : v)), killedBy: /invalid\.fraction:/ },
  { name: 'null-as-absent', behaviour: 'a field sent as null is treated as absent', modes: ALL, proxy: lenientBody((v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null)) : v)), killedBy: /invalid\.type-null:/ },
  { name: 'number-as-string', behaviour: 'string fields accept numbers (read as their decimal text)', modes: ALL, proxy: lenientBody((v, s) => (s.type === 'string' && typeof v === 'number' ? String(v) : v)), killedBy: /invalid\.type-number:\/external_application_id$/ },
  {
    name: 'only-first-assessment-validated', behaviour: 'only the first interview assessment is validated (later ones are not checked)', modes: ALL,
    proxy: lenientBody((v, s) => (s.properties?.interview_assessments && Array.isArray(v?.interview_assessments) && v.interview_assessments.length > 1 ? { ...v, interview_assessments: v.interview_assessments.map(() => v.interview_assessments[0]) } : v)),
    killedBy: /invalid\..*:\/interview_assessments\/1\//,
  },
  { name: 'int32-range-unchecked', behaviour: 'score above int32 is accepted', modes: ALL, mock: { spec: weakened((s) => delete s.ExternalInterviewAssessmentDimension.properties.score.format) }, killedBy: /invalid\.int32-range:/ },
  { name: 'int64-range-unchecked', behaviour: 'times above int64 (2^63) are accepted', modes: ALL, mock: { spec: weakened((s) => delete s.MillisecondTimestamp.format) }, killedBy: /invalid\.int64-range:/ },
  { name: 'required-unchecked', behaviour: 'external_application_id may be left out', modes: ALL, mock: { spec: weakened((s) => (s.ExternalInterviewInput.required = [])) }, killedBy: /invalid\.required:\/external_application_id$/ },
  // Unknown fields: the request schemas are open (no source says what the platform does with a field it does not
  // know), so dropping one is conformant (the mock's default) and so is rejecting one (the strict-fields variant).
  {
    name: 'unknown-fields-dropped', behaviour: 'unknown request fields are silently dropped, not rejected', modes: [],
    equivalent: { embedded: OPEN_SCHEMAS, 'reject-only': OPEN_SCHEMAS },
    proxy: lenientBody((v, s) => (v && typeof v === 'object' && !Array.isArray(v) && s.properties ? Object.fromEntries(Object.entries(v).filter(([k]) => s.properties[k])) : v)),
    killedBy: /invalid\.closed:/,
  },
  { name: 'nested-unknown-accepted', behaviour: 'assessment dimensions accept unknown fields', modes: [], equivalent: { embedded: OPEN_SCHEMAS, 'reject-only': OPEN_SCHEMAS }, mock: { spec: weakened((s) => delete s.ExternalInterviewAssessmentDimensionInput.unevaluatedProperties) }, killedBy: /invalid\.closed:.*assessment_dimension_list/ },
  { name: 'list-item-type-unchecked', behaviour: 'the items of options are not type-checked', modes: ALL, mock: { spec: weakened((s) => (s.ExternalInterviewAssessmentDimension.properties.options.items = {})) }, killedBy: /invalid\.(type-[a-z]+|items-first):.*\/options\/[01]$/ },
  { name: 'token-empty-app-id', behaviour: 'the token endpoint accepts an empty app_id as a parameter (answers 10014, not 10003)', modes: ALL, mock: { spec: weakened((s) => delete s.TenantAccessTokenRequest.properties.app_id.minLength) }, killedBy: casesOf(TOKEN, 'invalid\\.minLength:/app_id$') },
  {
    name: 'content-type-ignored', behaviour: 'a JSON body is accepted under any Content-Type', modes: ALL,
    proxy: () => ({ request: async (req) => { if (json(req.body) !== undefined) req.headers['content-type'] = 'application/json; charset=utf-8'; } }),
    killedBy: /invalid\.content-type:text\/plain$/,
  },
  {
    name: 'malformed-json-500', behaviour: 'malformed JSON is answered 500 system error, not 400 invalid parameter', modes: ALL,
    proxy: () => ({ request: async (req) => (req.body !== undefined && json(req.body) === undefined && /json/.test(req.headers['content-type'] ?? '') ? { status: 500, headers: { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'L500' }, body: JSON.stringify({ code: 1002001, msg: '系统异常' }) } : undefined) }),
    killedBy: /invalid\.body:malformed-json$/,
  },
  {
    name: 'enum-unchecked-echoing', behaviour: 'participate_status 0 accepted, and every 1002002 msg echoes the request body (the echo must not pass for naming the field)', modes: ALL,
    mock: { spec: weakened((s) => s.ParticipateStatus.enum.unshift(0)) },
    proxy: answers((body, _res, req) => (body.code === 1002002 ? void (body.msg += `; you sent: ${req.body}`) : false)),
    killedBy: /invalid\.enum-below:\/participate_status$/,
  },
  // The full overwrite and persistence.
  { name: 'scalars-merged', behaviour: 'scalar fields not sent keep their stored value (merged, not overwritten)', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, mock: updateWith(({ id: _id, interview_assessments: _a, ...scalars }, body) => ({ ...scalars, ...body })), killedBy: /valid\.minimal$/ },
  { name: 'lists-kept', behaviour: 'assessments not sent are kept', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, mock: updateWith((stored, body) => ({ interview_assessments: stripIds(stored.interview_assessments), ...body })), killedBy: /valid\.minimal$/ },
  { name: 'assessments-appended', behaviour: 'assessments sent are appended to the stored ones', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, mock: updateWith((stored, body) => ({ ...body, interview_assessments: [...stripIds(stored.interview_assessments), ...(body.interview_assessments ?? [])] })), killedBy: /\.valid\./ },
  { name: 'only-first-assessment-stored', behaviour: 'only the first assessment sent is stored', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, mock: updateWith((_stored, body) => ({ ...body, interview_assessments: body.interview_assessments?.slice(0, 1) })), killedBy: /valid\.control$/ },
  {
    name: 'persists-nothing', behaviour: 'an update is answered with its echo but nothing is stored', modes: WRITES, equivalent: { 'reject-only': NO_WRITES },
    mock: { handlers: { [UPDATE.operationId]: ({ path, body, store, reject }) => {
      const id = path[ID];
      if (!store.has(id)) throw notFound(reject, id);
      return { [RECORD]: { ...body, id, interview_assessments: (body.interview_assessments ?? []).map((a, i) => ({ ...a, id: String(7e18 + i) })) } };
    } } },
    killedBy: /\.valid\./,
  },
  {
    name: 'rejected-still-writes', behaviour: 'a rejected update still stores its body', modes: WRITES, equivalent: { 'reject-only': NO_WRITES },
    proxy: ({ mock }) => ({
      response: async (res, req) => {
        const body = json(req.body);
        const id = idOf(req);
        if (operationOf(req) !== UPDATE || res.status !== 400 || !mock.store.has(id) || !body || typeof body !== 'object' || Array.isArray(body)) return;
        mock.store.update(id, { ...body, interview_assessments: Array.isArray(body.interview_assessments) ? body.interview_assessments.filter((a) => a && typeof a === 'object') : [] });
      },
    }),
    killedBy: casesOf(UPDATE, 'invalid\\.(enum-above:/participate_status|type-string:/begin_time)$'),
  },
  // Create, batch query and delete (the lifecycle case reads every write back with the batch query).
  {
    name: 'create-enum-accepted', behaviour: 'the create accepts participate_status 0, below its enum (read as 1)', modes: WRITES, equivalent: { 'reject-only': NO_CREATE },
    proxy: () => ({ request: async (req) => { const body = json(req.body); if (operationOf(req) === CREATE && body?.participate_status === 0) req.body = JSON.stringify({ ...body, participate_status: 1 }); } }),
    killedBy: casesOf(CREATE, 'invalid\\.enum-below:/participate_status$'),
  },
  { name: 'create-no-id', behaviour: 'a create answers its interview without an id', modes: WRITES, equivalent: { 'reject-only': NO_CREATE }, proxy: answers((body, _res, req) => (operationOf(req) === CREATE && body.data?.[RECORD] ? void delete body.data[RECORD].id : false)), killedBy: casesOf(CREATE, '(valid\\.|lifecycle$)') },
  {
    name: 'create-stores-nothing', behaviour: 'a create answers success but stores nothing', modes: WRITES, equivalent: { 'reject-only': NO_CREATE },
    proxy: ({ mock }) => ({ response: async (res, req) => { const id = json(res.body)?.data?.[RECORD]?.id; if (operationOf(req) === CREATE && id) mock.store.delete(id); } }),
    killedBy: casesOf(CREATE, '(valid\\.|lifecycle$)'),
  },
  {
    name: 'batch-ignores-ids', behaviour: 'the batch query ignores external_interview_id_list and returns every stored interview', modes: WRITES, equivalent: { 'reject-only': NO_STORE },
    proxy: ({ mock }) => ({ response: async (res, req) => { const body = json(res.body); if (operationOf(req) === BATCH && body?.code === 0) { body.data.items = mock.store.list(); res.body = JSON.stringify(body); } } }),
    killedBy: new RegExp(`${casesOf(BATCH, 'valid\\.').source}|state\\.read-back$|lifecycle$`),
  },
  { name: 'batch-has-more-without-token', behaviour: 'the batch query answers has_more true with no page_token', modes: ALL, proxy: answers((body, _res, req) => (operationOf(req) === BATCH && body.code === 0 ? void Object.assign(body.data, { has_more: true, page_token: undefined }) : false)), killedBy: casesOf(BATCH, 'valid\\.') },
  { name: 'batch-page-size-unchecked', behaviour: 'the batch query accepts page_size 21 (the spec allows 1..20)', modes: ALL, mock: { spec: weakened((_s, doc) => deleteParamMaximum(doc)) }, killedBy: casesOf(BATCH, 'invalid\\.query-maximum:page_size$') },
  {
    name: 'delete-does-nothing', behaviour: 'a delete of a stored interview answers success but deletes nothing', modes: WRITES, equivalent: { 'reject-only': NO_WRITES },
    proxy: ({ mock }) => ({ request: async (req) => (operationOf(req) === DELETE && mock.store.has(idOf(req)) ? { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'LDEL' }, body: JSON.stringify({ code: 0, msg: 'success', data: {} }) } : undefined) }),
    killedBy: new RegExp(`${casesOf(DELETE, 'valid\\.').source}|${casesOf(CREATE, 'lifecycle$').source}`),
  },
  // Authentication and the token endpoint.
  { name: 'missing-token-accepted', behaviour: 'a request without Authorization is served', modes: ALL, proxy: acceptsAuthorization((h) => h === undefined), killedBy: /auth\.missing$/ },
  { name: 'non-bearer-accepted', behaviour: 'credentials in a non-Bearer scheme are accepted', modes: ALL, proxy: acceptsAuthorization((h) => h !== undefined && !/^Bearer /i.test(h)), killedBy: /auth\.wrong-scheme$/ },
  { name: 'unknown-token-accepted', behaviour: 'a token the server never issued is accepted', modes: ALL, proxy: acceptsRefusedToken('unknown token'), killedBy: /auth\.invalid-token$/ },
  { name: 'expired-token-accepted', behaviour: 'an expired token is accepted', modes: ALL, proxy: acceptsRefusedToken('token expired'), killedBy: /auth\.expired-token$/ },
  {
    name: 'any-app-secret', behaviour: 'the token endpoint issues a token for a known app_id whatever the app_secret', modes: ALL,
    mock: { handlers: { [TOKEN.operationId]: ({ body, config, tokens, reject, reply }) => {
      if (!config.apps.some((a) => a.appId === body.app_id)) throw reject('app_secret_invalid');
      return reply(200, { code: 0, msg: 'ok', tenant_access_token: tokens.issue(), expire: config.tokenTtlSeconds });
    } } },
    killedBy: /token\.wrong-secret$/,
  },
  {
    name: 'token-expire-too-long', behaviour: 'the token endpoint answers expire 86400 (the spec allows at most 7200)', modes: ALL,
    mock: { handlers: { [TOKEN.operationId]: ({ body, config, tokens, reject, reply }) => {
      if (!config.apps.some((a) => a.appId === body.app_id && a.appSecret === body.app_secret)) throw reject('app_secret_invalid');
      return reply(200, { code: 0, msg: 'ok', tenant_access_token: tokens.issue(), expire: 86400 });
    } } },
    killedBy: casesOf(TOKEN, 'valid\\.'),
  },
  // The rate limit.
  { name: 'no-rate-limit', behaviour: 'no rate limit at all', modes: WRITES, equivalent: { 'reject-only': NO_BURST }, mock: { rateLimitPerSecond: 0 }, killedBy: /rate-limit\.burst$/ },
  { name: 'rate-limit-doubled', behaviour: 'a limit of 20/s instead of the documented 10/s', modes: WRITES, equivalent: { 'reject-only': NO_BURST }, mock: { rateLimitPerSecond: 20 }, killedBy: /rate-limit\.burst$/ },
  { name: 'rate-limit-halved', behaviour: 'a limit of 5/s instead of the documented 10/s', modes: WRITES, equivalent: { 'reject-only': NO_BURST }, mock: { rateLimitPerSecond: 5 }, killedBy: /rate-limit\.burst$/ },
  { name: 'ratelimit-reset-missing', behaviour: 'a 429 without x-ogw-ratelimit-reset', modes: WRITES, equivalent: { 'reject-only': NO_BURST }, proxy: () => ({ response: async (res) => { if (res.status === 429) delete res.headers['x-ogw-ratelimit-reset']; } }), killedBy: /rate-limit\.burst$/ },
  { name: 'ratelimit-limit-missing', behaviour: 'a 429 without x-ogw-ratelimit-limit', modes: WRITES, equivalent: { 'reject-only': NO_BURST }, proxy: () => ({ response: async (res) => { if (res.status === 429) delete res.headers['x-ogw-ratelimit-limit']; } }), killedBy: /rate-limit\.burst$/ },
  // The envelope, status codes, headers and content type.
  { name: 'success-code-string', behaviour: 'update successes carry code "0" (a string)', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, proxy: answers((body, res, req) => (res.status === 200 && body.code === 0 && operationOf(req) === UPDATE ? void (body.code = '0') : false)), killedBy: casesOf(UPDATE, 'valid\\.') },
  { name: 'echo-field-type', behaviour: 'the echoed external_application_id is a number', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, proxy: answers((body) => (body.data?.[RECORD] ? void (body.data[RECORD].external_application_id = Number(body.data[RECORD].external_application_id)) : false)), killedBy: casesOf(UPDATE, 'valid\\.') },
  { name: 'error-msg-missing', behaviour: 'error envelopes have no msg', modes: ALL, proxy: answers((body, res) => (res.status >= 400 ? void delete body.msg : false)), killedBy: /\.(auth\.missing|invalid\.body:missing)$/ },
  { name: 'auth-errors-401', behaviour: 'authentication failures are answered HTTP 401 (the spec documents 400)', modes: ALL, proxy: () => ({ response: async (res) => { if ([99991661, 99991663].includes(json(res.body)?.code)) res.status = 401; } }), killedBy: /\.auth\./ },
  { name: 'invalid-answered-200', behaviour: 'invalid parameters are answered HTTP 200 with the error envelope', modes: ALL, proxy: () => ({ response: async (res) => { if (json(res.body)?.code === 1002002) res.status = 200; } }), killedBy: casesOf(UPDATE, 'invalid\\.(body:missing|enum-below:/participate_status)$') },
  { name: 'logid-missing', behaviour: 'no x-tt-logid header', modes: ALL, proxy: () => ({ response: async (res) => { delete res.headers['x-tt-logid']; } }), killedBy: /\.(valid\.minimal|auth\.missing)$/ },
  { name: 'content-type-jsonp', behaviour: 'answers are sent as application/jsonp', modes: ALL, proxy: () => ({ response: async (res) => { res.headers['content-type'] = 'application/jsonp; charset=utf-8'; } }), killedBy: /\.(valid\.minimal|auth\.missing)$/ },
];

/** The spec's msg of each error code (`参数错误`, ...). */
const SPEC_MSG = Object.fromEntries(errorCodesOf(openapi).map((e) => [e.code, e.msg]));

export const VARIANTS = [
  { name: 'strict-fields', behaviour: 'unknown request fields are rejected (the mock\'s strictFields), as a platform may do', mock: { strictFields: true }, unconfirmedIn: {} },
  {
    name: 'terse-messages', behaviour: 'every error msg is exactly the one the spec lists for its code (e.g. 参数错误), naming no field',
    proxy: answers((body) => (body.code in SPEC_MSG ? void (body.msg = SPEC_MSG[body.code]) : false)),
    // The delete's cases always go to a non-existent id: its "not found" is then 参数错误 too, and only the empty id's
    // rejection (the one that is not about the id existing) can be told apart by nothing but its msg.
    unconfirmedIn: { embedded: casesOf(DELETE, `invalid\\.path-minLength:${ID}$`), 'reject-only': new RegExp(`^(${UPDATE.operationId}|${DELETE.operationId})\\.invalid\\.`) },
  },
  {
    name: 'not-found-first', behaviour: 'an update of an unknown id is answered "not found" before its body is looked at',
    proxy: ({ mock }) => ({
      request: async (req) => {
        if (operationOf(req) !== UPDATE || mock.store.has(idOf(req))) return;
        req.body = JSON.stringify({ external_application_id: '6960663240925956437' });
        req.headers['content-type'] = 'application/json; charset=utf-8';
      },
    }),
    unconfirmedIn: { 'reject-only': casesOf(UPDATE, 'invalid\\.') },
  },
  {
    name: 'echoing-messages', behaviour: 'every 1002002 msg ends with the request it rejects (`; you sent: <body>`)',
    proxy: answers((body, _res, req) => (body.code === 1002002 ? void (body.msg += `; you sent: ${req.body}`) : false)),
    // The msg then changes with the body, and the empty id's rejection names path.external_interview_id as the
    // "not found" answer does: that one case cannot be told apart; every field the body breaks still can.
    unconfirmedIn: { 'reject-only': casesOf(UPDATE, `invalid\\.path-minLength:${ID}$`) },
  },
];

/** The modes every mutant states: it applies to each, or has a written reason in `equivalent`. */
export const MODES = ALL;
/** Every operation of the spec, for the table's coverage test. */
export const OPERATIONS = operations;
