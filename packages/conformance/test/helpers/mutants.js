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
// The resource the hand-written mutants break: external interviews (their behaviours name its fields: participate_status,
// interview_assessments); its operations by role, and the token endpoint (the operation of no resource). Every other
// operation gets the generated mutants of OPERATION_MUTANTS below.
const RESOURCES = resourcesOf(openapi, operations);
const RESOURCE = RESOURCES.find((r) => r.name === 'external_interview');
const byRole = (role) => operations.find((o) => o.operationId === RESOURCE.operations[role]);
const [UPDATE, CREATE, BATCH, DELETE] = ['update', 'create', 'list', 'delete'].map(byRole);
const TOKEN = operations.find((o) => !o.resource);
const { recordKey: RECORD, idParameter: ID } = RESOURCE;
/** The pattern of the case ids of `operation` whose id continues with the pattern `rest`. */
const casesOf = (operation, rest) => new RegExp(`^${operation.operationId}\\.${rest}`);

/** Lowers page_size's maximum by one wherever the batch query declares it (inline or as a component parameter). */
function lowerParamMaximum(doc) {
  for (const p of doc.paths[BATCH.path].post.parameters ?? []) {
    const param = p.$ref ? deref(doc, p) : p;
    if (param.name === 'page_size') param.schema.maximum -= 1;
  }
  return true;
}

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
const NO_PAGES = 'a reject-only run creates no records to page through or filter, so it cannot tell a broken page from an empty one';
const NO_IDEMPOTENCY = 'the idempotency case repeats a create: a reject-only run sends no create';
const SPEC_ALLOWS_ID_REUSE = 'the spec says no source states whether an assessment id survives an update (ExternalInterviewAssessment.id: "do not rely on it staying the same"), so reusing the old ids is conformant: no case may fail it';
const ONE_TOKEN = 'a run holds one token per app (the token endpoint answers the same token while it has more than 30 minutes left), so it cannot send two tokens of one app to show that they share the quota';
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

/** A proxy that replaces the Authorization header with a fresh valid token when `when(header, operation)` holds. */
function acceptsAuthorization(when) {
  return ({ target }) => ({
    request: async (req) => {
      const operation = operationOf(req);
      if (operation?.security.length && when(req.headers.authorization, operation)) req.headers.authorization = `Bearer ${await freshToken(target)}`;
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

/** The query of a request, as an object, and a request changed to carry `query`. */
const queryOf = (req) => Object.fromEntries(new URL(req.url, 'http://x').searchParams);
function withQuery(req, query) {
  const url = new URL(req.url, 'http://x');
  url.search = new URLSearchParams(query).toString();
  req.url = url.pathname + url.search;
}

/** A proxy changing the requests of the list (`change(req, query, body)` may edit them). */
function listRequests(change) {
  return (context) => ({
    request: async (req) => {
      if (operationOf(req) !== BATCH) return undefined;
      return change(req, queryOf(req), json(req.body), context);
    },
  });
}

/** A proxy changing the successful answers of the list (`change(data, req, context)` edits `data`). */
function listAnswers(change) {
  return (context) => ({
    response: async (res, req) => {
      const body = json(res.body);
      if (operationOf(req) !== BATCH || body?.code !== 0) return;
      change(body.data, req, context);
      res.body = JSON.stringify(body);
    },
  });
}

/** A proxy answering every request of `operations` (a Set) with `status` and the error envelope of `code`. */
function answersAll(operations, status, code, headers = {}) {
  return () => ({
    request: async (req) => (operations.has(operationOf(req)) ? { status, headers: { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'LMUT', ...headers }, body: JSON.stringify({ code, msg: 'mutant' }) } : undefined),
  });
}

/** A proxy answering by-id writes (`operations`) to an id the store does not hold with `reply` instead. */
function missingIdAnswered(operations, reply) {
  return ({ mock }) => ({
    request: async (req) => (operations.has(operationOf(req)) && !mock.store.has(idOf(req)) ? reply : undefined),
  });
}

/**
 * A rate limit counted per token instead of per app (the mock's own limit off): each token gets its operation's
 * documented requests per second, counted in real time (a burst takes far less than a second).
 */
function quotaPerToken() {
  const windows = new Map();
  return () => ({
    request: async (req) => {
      const operation = operationOf(req);
      const limit = operation?.rateLimit;
      if (!limit?.perSecond) return undefined;
      // The operation's own window (a second or a minute), as the mock counts it: only the key differs.
      const windowMs = (limit.requests / limit.perSecond) * 1000;
      const key = `${operation.operationId} ${req.headers.authorization}`;
      const now = Date.now();
      const window = windows.get(key)?.start > now - windowMs ? windows.get(key) : { start: now, count: 0 };
      windows.set(key, window);
      window.count += 1;
      if (window.count <= limit.requests) return undefined;
      const reset = String(Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)));
      return { status: 429, headers: { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'LMUT', 'x-ogw-ratelimit-limit': String(limit.requests), 'x-ogw-ratelimit-reset': reset }, body: JSON.stringify({ code: 99991400, msg: 'request trigger frequency limit' }) };
    },
  });
}

/** The overlap mutant's proxy: each page after the first starts with the last item of the page before. */
function overlappingPages() {
  const lastOf = new Map();
  return listAnswers((data, req) => {
    const token = queryOf(req).page_token;
    if (token && lastOf.has(token)) data.items = [lastOf.get(token), ...data.items].slice(0, Math.max(1, data.items.length));
    if (data.page_token) lastOf.set(data.page_token, data.items.at(-1));
  });
}

/** The operations that name one record by its resource's id path parameter (a reject-only run sends them to an id that cannot exist). */
const BY_ID = operations.filter((o) => ['update', 'patch', 'delete'].includes(o.resource?.role));
const idParameterOf = (operation) => RESOURCES.find((r) => r.name === operation.resource.name).idParameter;

/**
 * One generated mutant per operation of the spec that the table below does not name: that operation alone serves a
 * request without Authorization. Its `auth.missing` case must catch it (a create's only in a writing run).
 */
function operationMutants(named) {
  return operations.filter((o) => o.security.length && !named.some((m) => `${m.killedBy}`.includes(o.operationId))).map((operation) => {
    const create = operation.resource?.role === 'create';
    return {
      name: `missing-token-accepted-by-${operation.operationId}`, category: 'auth', behaviour: `${operation.operationId} alone serves a request without Authorization`,
      modes: create ? WRITES : ALL, ...(create ? { equivalent: { 'reject-only': NO_CREATE } } : {}),
      proxy: acceptsAuthorization((h, op) => op === operation && h === undefined), killedBy: casesOf(operation, 'auth\\.missing$'),
    };
  });
}

const TABLE = [
  // Validation: one constraint kind each.
  { name: 'enum-below-accepted', category: 'validation', behaviour: 'participate_status 0, below its enum, is accepted', modes: ALL, mock: { spec: weakened((s) => s.ParticipateStatus.enum.unshift(0)) }, killedBy: /invalid\.enum-below:\/participate_status$/ },
  { name: 'enum-above-accepted', category: 'validation', behaviour: 'conclusion 4, above its enum, is accepted', modes: ALL, mock: { spec: weakened((s) => s.Conclusion.enum.push(4)) }, killedBy: /invalid\.enum-above:.*\/conclusion$/ },
  { name: 'boolean-as-integer', category: 'validation', behaviour: 'true/false are accepted for integers (read as 1/0)', modes: ALL, proxy: lenientBody((v, s) => (isInteger(s) && typeof v === 'boolean' ? Number(v) : v)), killedBy: /invalid\.type-boolean:/ },
  { name: 'numeric-string-int32', category: 'validation', behaviour: 'numeric strings are accepted for int32 fields (score "99" read as 99)', modes: ALL, proxy: lenientBody((v, s) => (isInteger(s) && s.format !== 'int64' && numericString(v) ? Number(v) : v)), killedBy: /invalid\.numeric-string:.*\/score$/ },
  { name: 'int64-as-string', category: 'validation', behaviour: 'int64 fields accept decimal strings', modes: ALL, proxy: lenientBody((v, s) => (s.format === 'int64' && numericString(v) ? Number(v) : v)), killedBy: /invalid\.numeric-string:\/begin_time$/ },
  { name: 'fraction-truncated', category: 'validation', behaviour: 'fractional numbers are accepted for integers (truncated)', modes: ALL, proxy: lenientBody((v, s) => (isInteger(s) && typeof v === 'number' && !Number.isInteger(v) ? Math.trunc(v) : v)), killedBy: /invalid\.fraction:/ },
  { name: 'null-as-absent', category: 'validation', behaviour: 'a field sent as null is treated as absent', modes: ALL, proxy: lenientBody((v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null)) : v)), killedBy: /invalid\.type-null:/ },
  { name: 'number-as-string', category: 'validation', behaviour: 'string fields accept numbers (read as their decimal text)', modes: ALL, proxy: lenientBody((v, s) => (s.type === 'string' && typeof v === 'number' ? String(v) : v)), killedBy: /invalid\.type-number:\/external_id$/ },
  {
    name: 'only-first-assessment-validated', category: 'validation', behaviour: 'only the first interview assessment is validated (later ones are not checked)', modes: ALL,
    proxy: lenientBody((v, s) => (s.properties?.interview_assessments && Array.isArray(v?.interview_assessments) && v.interview_assessments.length > 1 ? { ...v, interview_assessments: v.interview_assessments.map(() => v.interview_assessments[0]) } : v)),
    killedBy: /invalid\..*:\/interview_assessments\/1\//,
  },
  { name: 'int32-range-unchecked', category: 'validation', behaviour: 'score above int32 is accepted', modes: ALL, mock: { spec: weakened((s) => delete s.ExternalInterviewAssessmentDimension.properties.score.format) }, killedBy: /invalid\.int32-range:/ },
  { name: 'int64-range-unchecked', category: 'validation', behaviour: 'times above int64 (2^63) are accepted', modes: ALL, mock: { spec: weakened((s) => delete s.MillisecondTimestamp.format) }, killedBy: /invalid\.int64-range:/ },
  { name: 'required-unchecked', category: 'validation', behaviour: 'external_application_id may be left out', modes: ALL, mock: { spec: weakened((s) => (s.ExternalInterviewInput.required = [])) }, killedBy: /invalid\.required:\/external_application_id$/ },
  // Unknown fields: the request schemas are open (no source says what the platform does with a field it does not
  // know), so dropping one is conformant (the mock's default) and so is rejecting one (the strict-fields variant).
  {
    name: 'unknown-fields-dropped', category: 'validation', behaviour: 'unknown request fields are silently dropped, not rejected', modes: [],
    equivalent: { embedded: OPEN_SCHEMAS, 'reject-only': OPEN_SCHEMAS },
    proxy: lenientBody((v, s) => (v && typeof v === 'object' && !Array.isArray(v) && s.properties ? Object.fromEntries(Object.entries(v).filter(([k]) => s.properties[k])) : v)),
    killedBy: /invalid\.closed:/,
  },
  { name: 'nested-unknown-accepted', category: 'validation', behaviour: 'assessment dimensions accept unknown fields', modes: [], equivalent: { embedded: OPEN_SCHEMAS, 'reject-only': OPEN_SCHEMAS }, mock: { spec: weakened((s) => delete s.ExternalInterviewAssessmentDimensionInput.unevaluatedProperties) }, killedBy: /invalid\.closed:.*assessment_dimension_list/ },
  { name: 'list-item-type-unchecked', category: 'validation', behaviour: 'the items of options are not type-checked', modes: ALL, mock: { spec: weakened((s) => (s.ExternalInterviewAssessmentDimension.properties.options.items = {})) }, killedBy: /invalid\.(type-[a-z]+|items-first):.*\/options\/[01]$/ },
  { name: 'token-empty-app-id', category: 'validation', behaviour: 'the token endpoint accepts an empty app_id as a parameter (answers 10014, not 10003)', modes: ALL, mock: { spec: weakened((s) => delete s.TenantAccessTokenRequest.properties.app_id.minLength) }, killedBy: casesOf(TOKEN, 'invalid\\.minLength:/app_id$') },
  {
    name: 'content-type-ignored', category: 'validation', behaviour: 'a JSON body is accepted under any Content-Type', modes: ALL,
    proxy: () => ({ request: async (req) => { if (json(req.body) !== undefined) req.headers['content-type'] = 'application/json; charset=utf-8'; } }),
    killedBy: /invalid\.content-type:text\/plain$/,
  },
  {
    name: 'malformed-json-500', category: 'validation', behaviour: 'malformed JSON is answered 500 system error, not 400 invalid parameter', modes: ALL,
    proxy: () => ({ request: async (req) => (req.body !== undefined && json(req.body) === undefined && /json/.test(req.headers['content-type'] ?? '') ? { status: 500, headers: { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'L500' }, body: JSON.stringify({ code: 1002001, msg: '系统异常' }) } : undefined) }),
    killedBy: /invalid\.body:malformed-json$/,
  },
  {
    name: 'enum-unchecked-echoing', category: 'validation', behaviour: 'participate_status 0 accepted, and every 1002002 msg echoes the request body (the echo must not pass for naming the field)', modes: ALL,
    mock: { spec: weakened((s) => s.ParticipateStatus.enum.unshift(0)) },
    proxy: answers((body, _res, req) => (body.code === 1002002 ? void (body.msg += `; you sent: ${req.body}`) : false)),
    killedBy: /invalid\.enum-below:\/participate_status$/,
  },
  // The full overwrite and persistence.
  { name: 'scalars-merged', category: 'overwrite', behaviour: 'scalar fields not sent keep their stored value (merged, not overwritten)', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, mock: updateWith(({ id: _id, interview_assessments: _a, ...scalars }, body) => ({ ...scalars, ...body })), killedBy: /valid\.minimal$/ },
  { name: 'lists-kept', category: 'overwrite', behaviour: 'assessments not sent are kept', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, mock: updateWith((stored, body) => ({ interview_assessments: stripIds(stored.interview_assessments), ...body })), killedBy: /valid\.minimal$/ },
  { name: 'assessments-appended', category: 'overwrite', behaviour: 'assessments sent are appended to the stored ones', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, mock: updateWith((stored, body) => ({ ...body, interview_assessments: [...stripIds(stored.interview_assessments), ...(body.interview_assessments ?? [])] })), killedBy: /\.valid\./ },
  { name: 'only-first-assessment-stored', category: 'overwrite', behaviour: 'only the first assessment sent is stored', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, mock: updateWith((_stored, body) => ({ ...body, interview_assessments: body.interview_assessments?.slice(0, 1) })), killedBy: /valid\.control$/ },
  {
    name: 'persists-nothing', category: 'overwrite', behaviour: 'an update is answered with its echo but nothing is stored', modes: WRITES, equivalent: { 'reject-only': NO_WRITES },
    mock: { handlers: { [UPDATE.operationId]: ({ path, body, store, reject }) => {
      const id = path[ID];
      if (!store.has(id)) throw notFound(reject, id);
      return { [RECORD]: { ...body, id, interview_assessments: (body.interview_assessments ?? []).map((a, i) => ({ ...a, id: String(7e18 + i) })) } };
    } } },
    killedBy: /\.valid\./,
  },
  {
    name: 'rejected-still-writes', category: 'overwrite', behaviour: 'a rejected update still stores its body', modes: WRITES, equivalent: { 'reject-only': NO_WRITES },
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
    name: 'create-enum-accepted', category: 'create', behaviour: 'the create accepts participate_status 0, below its enum (read as 1)', modes: WRITES, equivalent: { 'reject-only': NO_CREATE },
    proxy: () => ({ request: async (req) => { const body = json(req.body); if (operationOf(req) === CREATE && body?.participate_status === 0) req.body = JSON.stringify({ ...body, participate_status: 1 }); } }),
    killedBy: casesOf(CREATE, 'invalid\\.enum-below:/participate_status$'),
  },
  { name: 'create-no-id', category: 'create', behaviour: 'a create answers its interview without an id', modes: WRITES, equivalent: { 'reject-only': NO_CREATE }, proxy: answers((body, _res, req) => (operationOf(req) === CREATE && body.data?.[RECORD] ? void delete body.data[RECORD].id : false)), killedBy: casesOf(CREATE, '(valid\\.|lifecycle$)') },
  {
    name: 'create-stores-nothing', category: 'create', behaviour: 'a create answers success but stores nothing', modes: WRITES, equivalent: { 'reject-only': NO_CREATE },
    proxy: ({ mock }) => ({ response: async (res, req) => { const id = json(res.body)?.data?.[RECORD]?.id; if (operationOf(req) === CREATE && id) mock.store.delete(id); } }),
    killedBy: casesOf(CREATE, '(valid\\.|lifecycle$)'),
  },
  {
    name: 'batch-ignores-ids', category: 'paging', behaviour: 'the batch query ignores external_interview_id_list and returns every stored interview', modes: WRITES, equivalent: { 'reject-only': NO_STORE },
    proxy: ({ mock }) => ({ response: async (res, req) => { const body = json(res.body); if (operationOf(req) === BATCH && body?.code === 0) { body.data.items = mock.store.list(); res.body = JSON.stringify(body); } } }),
    killedBy: new RegExp(`${casesOf(BATCH, 'valid\\.').source}|state\\.read-back$|lifecycle$`),
  },
  { name: 'batch-has-more-without-token', category: 'paging', behaviour: 'the batch query answers has_more true with no page_token', modes: ALL, proxy: answers((body, _res, req) => (operationOf(req) === BATCH && body.code === 0 ? void Object.assign(body.data, { has_more: true, page_token: undefined }) : false)), killedBy: casesOf(BATCH, 'valid\\.') },
  { name: 'batch-page-size-unchecked', category: 'paging', behaviour: 'the batch query accepts page_size 21 (the spec allows 1..20)', modes: ALL, mock: { spec: weakened((_s, doc) => deleteParamMaximum(doc)) }, killedBy: casesOf(BATCH, 'invalid\\.query-maximum:page_size$') },
  {
    name: 'delete-does-nothing', category: 'delete', behaviour: 'a delete of a stored interview answers success but deletes nothing', modes: WRITES, equivalent: { 'reject-only': NO_WRITES },
    proxy: ({ mock }) => ({ request: async (req) => (operationOf(req) === DELETE && mock.store.has(idOf(req)) ? { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'LDEL' }, body: JSON.stringify({ code: 0, msg: 'success', data: {} }) } : undefined) }),
    killedBy: new RegExp(`${casesOf(DELETE, 'valid\\.').source}|${casesOf(CREATE, 'lifecycle$').source}`),
  },
  // Authentication and the token endpoint.
  { name: 'missing-token-accepted', category: 'auth', behaviour: 'a request without Authorization is served', modes: ALL, proxy: acceptsAuthorization((h) => h === undefined), killedBy: /auth\.missing$/ },
  { name: 'non-bearer-accepted', category: 'auth', behaviour: 'credentials in a non-Bearer scheme are accepted', modes: ALL, proxy: acceptsAuthorization((h) => h !== undefined && !/^Bearer /i.test(h)), killedBy: /auth\.wrong-scheme$/ },
  { name: 'unknown-token-accepted', category: 'auth', behaviour: 'a token the server never issued is accepted', modes: ALL, proxy: acceptsRefusedToken('unknown token'), killedBy: /auth\.invalid-token$/ },
  { name: 'expired-token-accepted', category: 'auth', behaviour: 'an expired token is accepted', modes: ALL, proxy: acceptsRefusedToken('token expired'), killedBy: /auth\.expired-token$/ },
  {
    name: 'any-app-secret', category: 'auth', behaviour: 'the token endpoint issues a token for a known app_id whatever the app_secret', modes: ALL,
    mock: { handlers: { [TOKEN.operationId]: ({ body, config, tokens, reject, reply }) => {
      if (!config.apps.some((a) => a.appId === body.app_id)) throw reject('app_secret_invalid');
      return reply(200, { code: 0, msg: 'ok', tenant_access_token: tokens.issue(), expire: config.tokenTtlSeconds });
    } } },
    killedBy: /token\.wrong-secret$/,
  },
  {
    name: 'token-expire-too-long', category: 'auth', behaviour: 'the token endpoint answers expire 86400 (the spec allows at most 7200)', modes: ALL,
    mock: { handlers: { [TOKEN.operationId]: ({ body, config, tokens, reject, reply }) => {
      if (!config.apps.some((a) => a.appId === body.app_id && a.appSecret === body.app_secret)) throw reject('app_secret_invalid');
      return reply(200, { code: 0, msg: 'ok', tenant_access_token: tokens.issue(), expire: 86400 });
    } } },
    killedBy: casesOf(TOKEN, 'valid\\.'),
  },
  // The rate limit.
  { name: 'no-rate-limit', category: 'rate-limit', behaviour: 'no rate limit at all', modes: WRITES, equivalent: { 'reject-only': NO_BURST }, mock: { rateLimitPerSecond: 0 }, killedBy: /rate-limit\.burst$/ },
  { name: 'rate-limit-doubled', category: 'rate-limit', behaviour: 'a limit of 20/s instead of the documented 10/s', modes: WRITES, equivalent: { 'reject-only': NO_BURST }, mock: { rateLimitPerSecond: 20 }, killedBy: /rate-limit\.burst$/ },
  { name: 'rate-limit-halved', category: 'rate-limit', behaviour: 'a limit of 5/s instead of the documented 10/s', modes: WRITES, equivalent: { 'reject-only': NO_BURST }, mock: { rateLimitPerSecond: 5 }, killedBy: /rate-limit\.burst$/ },
  { name: 'ratelimit-reset-missing', category: 'rate-limit', behaviour: 'a 429 without x-ogw-ratelimit-reset', modes: WRITES, equivalent: { 'reject-only': NO_BURST }, proxy: () => ({ response: async (res) => { if (res.status === 429) delete res.headers['x-ogw-ratelimit-reset']; } }), killedBy: /rate-limit\.burst$/ },
  { name: 'ratelimit-limit-missing', category: 'rate-limit', behaviour: 'a 429 without x-ogw-ratelimit-limit', modes: WRITES, equivalent: { 'reject-only': NO_BURST }, proxy: () => ({ response: async (res) => { if (res.status === 429) delete res.headers['x-ogw-ratelimit-limit']; } }), killedBy: /rate-limit\.burst$/ },
  // Paging and filters (issue 21): walked over records the run creates under a fresh parent.
  { name: 'page-token-ignored', category: 'paging', behaviour: 'the list ignores page_token (every page is the first)', modes: WRITES, equivalent: { 'reject-only': NO_PAGES }, proxy: listRequests((req, query) => { if (query.page_token) { delete query.page_token; withQuery(req, query); } }), killedBy: casesOf(BATCH, 'paging$') },
  { name: 'has-more-on-last-page', category: 'paging', behaviour: 'the last page says has_more true, with a page_token', modes: WRITES, equivalent: { 'reject-only': NO_PAGES }, proxy: listAnswers((data) => { if (!data.has_more && data.items.length > 0) Object.assign(data, { has_more: true, page_token: 'conformance-mutant-token' }); }), killedBy: casesOf(BATCH, 'paging$') },
  { name: 'page-size-ignored', category: 'paging', behaviour: 'the list ignores page_size (its default page instead)', modes: WRITES, equivalent: { 'reject-only': NO_PAGES }, proxy: listRequests((req, query) => { if (query.page_size) { delete query.page_size; withQuery(req, query); } }), killedBy: casesOf(BATCH, 'paging$') },
  { name: 'page-size-off-by-one', category: 'paging', behaviour: 'a page holds page_size + 1 records', modes: WRITES, equivalent: { 'reject-only': NO_PAGES }, proxy: listRequests((req, query) => { if (Number(query.page_size) < 20) withQuery(req, { ...query, page_size: String(Number(query.page_size) + 1) }); }), killedBy: casesOf(BATCH, 'paging$') },
  { name: 'pages-overlap', category: 'paging', behaviour: 'each page after the first repeats the last record of the page before', modes: WRITES, equivalent: { 'reject-only': NO_PAGES }, proxy: overlappingPages(), killedBy: casesOf(BATCH, 'paging$') },
  { name: 'later-pages-empty', category: 'paging', behaviour: 'a page asked for with a page_token is empty, with has_more false (records after the first page are missed)', modes: WRITES, equivalent: { 'reject-only': NO_PAGES }, proxy: listAnswers((data, req) => { if (queryOf(req).page_token) Object.assign(data, { items: [], has_more: false, page_token: undefined }); }), killedBy: casesOf(BATCH, 'paging$') },
  { name: 'parent-filter-ignored', category: 'paging', behaviour: 'a query by parent alone answers every stored record', modes: WRITES, equivalent: { 'reject-only': NO_PAGES }, proxy: listAnswers((data, req, { mock }) => { if (!json(req.body)?.[BATCH.resource.filters.ids.name]?.length) Object.assign(data, { items: mock.store.list(), has_more: false, page_token: undefined }); }), killedBy: casesOf(BATCH, 'paging$') },
  { name: 'only-first-id', category: 'paging', behaviour: 'a query by an id list honours only its first id', modes: WRITES, equivalent: { 'reject-only': NO_PAGES }, proxy: listRequests((req, _query, body) => { const name = BATCH.resource.filters.ids.name; if (body?.[name]?.length > 1) req.body = JSON.stringify({ ...body, [name]: body[name].slice(0, 1) }); }), killedBy: casesOf(BATCH, 'paging$') },
  { name: 'parent-wins-over-ids', category: 'paging', behaviour: 'a query sending both an id list and a parent answers by the parent (the spec: the id list, when sent, is the only condition)', modes: WRITES, equivalent: { 'reject-only': NO_PAGES }, proxy: listRequests((req, query, body) => { const name = BATCH.resource.filters.ids.name; if (body?.[name]?.length && query[BATCH.resource.filters.parent.name]) req.body = JSON.stringify({ ...body, [name]: undefined }); }), killedBy: casesOf(BATCH, 'paging$') },
  { name: 'missing-id-fails-query', category: 'paging', behaviour: 'a query whose id list names a record that does not exist is refused', modes: WRITES, equivalent: { 'reject-only': NO_PAGES }, proxy: listRequests((_req, _query, body, { mock }) => (body?.[BATCH.resource.filters.ids.name]?.some((id) => !mock.store.has(id)) ? { status: 400, headers: { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'LMUT' }, body: JSON.stringify({ code: 1002002, msg: '参数错误' }) } : undefined)), killedBy: casesOf(BATCH, 'paging$') },
  { name: 'page-size-max-refused', category: 'paging', behaviour: 'page_size 20, the documented maximum, is refused', modes: ALL, mock: { spec: weakened((_s, doc) => lowerParamMaximum(doc)) }, killedBy: casesOf(BATCH, 'valid\\.bound-maximum:page_size$') },
  // Not-found and controls (issue 21): a valid request to an id that cannot exist.
  { name: 'writes-answered-500', category: 'not-found', behaviour: 'every update and delete is answered 500 (system error)', modes: ALL, proxy: answersAll(new Set([UPDATE, DELETE]), 500, 1002001), killedBy: new RegExp(`^(${UPDATE.operationId}|${DELETE.operationId})\\.(invalid\\.body:malformed-json|invalid\\.path-minLength:${ID}|not-found)$`) },
  { name: 'updates-answered-429', category: 'not-found', behaviour: 'every update is answered 429 (rate limited) with its headers', modes: ALL, proxy: answersAll(new Set([UPDATE]), 429, 99991400, { 'x-ogw-ratelimit-limit': '10', 'x-ogw-ratelimit-reset': '1' }), killedBy: casesOf(UPDATE, '(invalid\\.body:malformed-json|not-found)$') },
  { name: 'missing-id-404', category: 'not-found', behaviour: 'an update or delete of an id that does not exist is answered 404 (undocumented)', modes: ALL, proxy: missingIdAnswered(new Set([UPDATE, DELETE]), { status: 404, headers: { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'LMUT' }, body: JSON.stringify({ code: 1002002, msg: 'not found' }) }), killedBy: new RegExp(`^(${UPDATE.operationId}|${DELETE.operationId})\\.not-found$`) },
  { name: 'missing-id-200-error-code', category: 'not-found', behaviour: 'an update or delete of an id that does not exist is answered HTTP 200 with code 1002002', modes: ALL, proxy: missingIdAnswered(new Set([UPDATE, DELETE]), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'LMUT' }, body: JSON.stringify({ code: 1002002, msg: '参数错误' }) }), killedBy: new RegExp(`^(${UPDATE.operationId}|${DELETE.operationId})\\.not-found$`) },
  {
    name: 'update-creates-missing', category: 'not-found', behaviour: 'an update of an id that does not exist creates it (an upsert): in a reject-only run the "safe" control then writes', modes: ALL,
    mock: { handlers: { [UPDATE.operationId]: ({ path, body, store }) => ({ [RECORD]: store.has(path[ID]) ? store.update(path[ID], body) : store.set({ ...body, id: path[ID] }) }) } },
    killedBy: casesOf(UPDATE, 'not-found$'),
  },
  { name: 'delete-of-missing-succeeds', category: 'not-found', behaviour: 'a delete of an id that does not exist answers success', modes: ALL, proxy: missingIdAnswered(new Set([DELETE]), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'LMUT' }, body: JSON.stringify({ code: 0, msg: 'success', data: {} }) }), killedBy: casesOf(DELETE, 'not-found$') },
  // The delete (issue 21): its answer validated against the spec.
  { name: 'delete-answer-undocumented', category: 'delete', behaviour: 'a delete answers success with data as a list (the spec: an object)', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, proxy: answers((body, _res, req) => (operationOf(req) === DELETE && body.code === 0 ? void (body.data = []) : false)), killedBy: new RegExp(`${casesOf(DELETE, 'valid\\.').source}|${casesOf(CREATE, 'lifecycle$').source}`) },
  // Identity after an overwrite (issue 21).
  { name: 'assessment-ids-reused', category: 'identity', behaviour: 'after an overwrite the assessments keep the old ids, by position', modes: [], equivalent: { embedded: SPEC_ALLOWS_ID_REUSE, 'reject-only': SPEC_ALLOWS_ID_REUSE }, mock: updateWith((stored, body) => ({ ...body, interview_assessments: (body.interview_assessments ?? []).map((a, i) => ({ ...a, id: stored.interview_assessments?.[i]?.id })) })), killedBy: casesOf(UPDATE, 'valid\\.') },
  // Create idempotency (issue 21).
  {
    name: 'idempotency-key-ignored', category: 'idempotency', behaviour: 'a create repeating an external_id within 24 hours creates a second record', modes: WRITES, equivalent: { 'reject-only': NO_IDEMPOTENCY },
    mock: { handlers: { [CREATE.operationId]: ({ body, store }) => { const created = store.create({ ...body, external_id: undefined }); return { [RECORD]: store.set({ ...created, external_id: body.external_id }) }; } } },
    killedBy: casesOf(CREATE, 'idempotency$'),
  },
  // Authentication schemes and token reuse (issue 21).
  { name: 'bare-token-accepted', category: 'auth', behaviour: 'a valid token sent without a scheme (Authorization: <token>) is accepted', modes: ALL, proxy: () => ({ request: async (req) => { const h = req.headers.authorization; if (h && !/\s/.test(h.trim())) req.headers.authorization = `Bearer ${h.trim()}`; } }), killedBy: /\.auth\.bare-token$/ },
  { name: 'any-scheme-accepted', category: 'auth', behaviour: 'a valid token under another scheme (Basic <token>) is accepted', modes: ALL, proxy: () => ({ request: async (req) => { const m = /^(\S+)\s+(\S+)$/.exec(req.headers.authorization ?? ''); if (m && !/^bearer$/i.test(m[1])) req.headers.authorization = `Bearer ${m[2]}`; } }), killedBy: /\.auth\.token-other-scheme$/ },
  {
    name: 'token-not-reused', category: 'auth', behaviour: 'every token request issues a new token (the spec: the same token while it has more than 30 minutes left)', modes: ALL,
    mock: { handlers: { [TOKEN.operationId]: ({ body, config, tokens, reject, reply }) => {
      if (!config.apps.some((a) => a.appId === body.app_id && a.appSecret === body.app_secret)) throw reject('app_secret_invalid');
      return reply(200, { code: 0, msg: 'ok', tenant_access_token: tokens.issue(body.app_id), expire: config.tokenTtlSeconds });
    } } },
    killedBy: casesOf(TOKEN, 'token\\.reuse$'),
  },
  // The rate limit's headers (issue 21).
  { name: 'ratelimit-reset-in-ms', category: 'rate-limit', behaviour: 'x-ogw-ratelimit-reset is given in milliseconds', modes: WRITES, equivalent: { 'reject-only': NO_BURST }, proxy: () => ({ response: async (res) => { if (res.status === 429) res.headers['x-ogw-ratelimit-reset'] = String(Number(res.headers['x-ogw-ratelimit-reset']) * 1000); } }), killedBy: /rate-limit\.burst$/ },
  { name: 'quota-per-token', category: 'rate-limit', behaviour: 'the quota is counted per token, not per app (two tokens of one app get twice the limit)', modes: [], survives: { embedded: ONE_TOKEN, 'reject-only': ONE_TOKEN }, mock: { rateLimitPerSecond: 0 }, proxy: quotaPerToken(), killedBy: /rate-limit\.burst$/ },
  // The envelope, status codes, headers and content type.
  { name: 'success-code-string', category: 'envelope', behaviour: 'update successes carry code "0" (a string)', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, proxy: answers((body, res, req) => (res.status === 200 && body.code === 0 && operationOf(req) === UPDATE ? void (body.code = '0') : false)), killedBy: casesOf(UPDATE, 'valid\\.') },
  { name: 'echo-field-type', category: 'envelope', behaviour: 'the echoed external_application_id is a number', modes: WRITES, equivalent: { 'reject-only': NO_WRITES }, proxy: answers((body) => (body.data?.[RECORD] ? void (body.data[RECORD].external_application_id = Number(body.data[RECORD].external_application_id)) : false)), killedBy: casesOf(UPDATE, 'valid\\.') },
  { name: 'error-msg-missing', category: 'envelope', behaviour: 'error envelopes have no msg', modes: ALL, proxy: answers((body, res) => (res.status >= 400 ? void delete body.msg : false)), killedBy: /\.(auth\.missing|invalid\.body:missing)$/ },
  { name: 'auth-errors-401', category: 'envelope', behaviour: 'authentication failures are answered HTTP 401 (the spec documents 400)', modes: ALL, proxy: () => ({ response: async (res) => { if ([99991661, 99991663].includes(json(res.body)?.code)) res.status = 401; } }), killedBy: /\.auth\./ },
  { name: 'invalid-answered-200', category: 'envelope', behaviour: 'invalid parameters are answered HTTP 200 with the error envelope', modes: ALL, proxy: () => ({ response: async (res) => { if (json(res.body)?.code === 1002002) res.status = 200; } }), killedBy: casesOf(UPDATE, 'invalid\\.(body:missing|enum-below:/participate_status)$') },
  { name: 'logid-missing', category: 'envelope', behaviour: 'no x-tt-logid header', modes: ALL, proxy: () => ({ response: async (res) => { delete res.headers['x-tt-logid']; } }), killedBy: /\.(valid\.minimal|auth\.missing)$/ },
  { name: 'content-type-jsonp', category: 'envelope', behaviour: 'answers are sent as application/jsonp', modes: ALL, proxy: () => ({ response: async (res) => { res.headers['content-type'] = 'application/jsonp; charset=utf-8'; } }), killedBy: /\.(valid\.minimal|auth\.missing)$/ },
];

export const MUTANTS = [...TABLE, ...operationMutants(TABLE)];

/** The spec's msg of each error code (`参数错误`, ...). */
const SPEC_MSG = Object.fromEntries(errorCodesOf(openapi).map((e) => [e.code, e.msg]));

export const VARIANTS = [
  { name: 'strict-fields', behaviour: 'unknown request fields are rejected (the mock\'s strictFields), as a platform may do', mock: { strictFields: true }, unconfirmedIn: {} },
  {
    name: 'terse-messages', behaviour: 'every error msg is exactly the one the spec lists for its code (e.g. 参数错误), naming no field',
    proxy: answers((body) => (body.code in SPEC_MSG ? void (body.msg = SPEC_MSG[body.code]) : false)),
    // In a reject-only run the cases of by-id operations go to an id that cannot exist: their "not found" is
    // then 参数错误 too, and a rejection can be told apart by nothing but its msg. A writing run sends the delete's
    // cases and controls to records it creates for them: every case is confirmed there.
    unconfirmedIn: { 'reject-only': new RegExp(`^(${BY_ID.map((o) => o.operationId).join('|')})\\.invalid\\.`) },
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
    // The msg then changes with the body, and an empty id's rejection names the id parameter as the "not found" answer
    // does: that one case of each by-id operation cannot be told apart; every field the body breaks still can.
    unconfirmedIn: { 'reject-only': new RegExp(`^(${BY_ID.map((o) => `${o.operationId}\\.invalid\\.path-minLength:${idParameterOf(o)}`).join('|')})$`) },
  },
];

/** The modes every mutant states: it applies to each, or has a written reason in `equivalent`. */
export const MODES = ALL;
/** Every operation of the spec, for the table's coverage test. */
export const OPERATIONS = operations;
