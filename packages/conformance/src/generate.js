// Generates the conformance cases of every operation of the operations model: documented examples become valid
// cases, and every constraint of the request body and of each parameter becomes an invalid case that breaks exactly
// that constraint; plus auth cases from the bearer scheme and a rate-limit burst from `x-feishu-rate-limit`.
import { isDeepStrictEqual } from 'node:util';
import { deref, errorCodeFor, operationsOf } from '@feishu-hire/spec/model';
import { mutations, sample, withListsOfTwo } from './mutations.js';
import { assertParameterFields, parameterField, parameterMutations, parameterValue } from './parameters.js';
import { readPathOf } from './records.js';
import { semanticsOf } from './semantics.js';

export { enumProbes, flatten, HANDLED_FORMATS, HANDLED_KEYWORDS, mutations, sample, typeProbes, UNKNOWN_PROPERTY, withListsOfTwo } from './mutations.js';

/** First key of generated/cases.json: the file is generated and must not be edited by hand. */
export const GENERATED_COMMENT =
  'GENERATED FILE, do not edit by hand: `pnpm generate` writes it from @feishu-hire/spec (scripts/generate-cases.js).';
/** Placeholder in `request.headers.authorization`, replaced at run time by `Bearer <token>`. */
export const TOKEN = '$token';
/** Placeholder in `request.headers.authorization`, replaced at run time by `Bearer <a token that has expired>`. */
export const EXPIRED_TOKEN = '$expiredToken';
/** Placeholder in `request.headers.authorization`, replaced at run time by the run's valid token with no scheme. */
export const BARE_TOKEN = '$bareToken';
/** Placeholder in `request.headers.authorization`, replaced at run time by `Basic <the run's valid token>`. */
export const OTHER_SCHEME_TOKEN = '$otherSchemeToken';
/** The media type of the wrong-Content-Type case. */
const WRONG_MEDIA_TYPE = 'text/plain; charset=utf-8';
const COMPONENT_SCHEMAS = '#/components/schemas/';

/** The placeholder of path parameter `name` in `request.pathParams`, filled at run time (see runner.js). */
export function pathPlaceholder(name) {
  return `$path.${name}`;
}

/** The operation's error-code entry with `role`; throws naming the role when `x-feishu-error-codes` lists none. */
function codeFor(operation, role) {
  return errorCodeFor(operation, role) ?? fail(`x-feishu-error-codes lists no ${role} code, which its cases expect`);
}

const fail = (message) => {
  throw new Error(message);
};

/** The component schema name (the envelope) an operation documents for a status, if its body is one. */
function envelopeOf(operation, status) {
  const ref = Object.values(operation.responses[String(status)]?.content ?? {})[0]?.schema?.$ref ?? '';
  return ref.startsWith(COMPONENT_SCHEMAS) ? ref.slice(COMPONENT_SCHEMAS.length) : undefined;
}

/** The expectation of an invalid request: the invalid_parameter code, its HTTP status and a msg naming `field`. */
function rejection(operation, field) {
  const code = codeFor(operation, 'invalid_parameter');
  return { status: code.http_status, envelope: envelopeOf(operation, code.http_status), code: code.code, field };
}

/** The expectation of a valid request: the first documented 2xx, code 0, and the operation's response semantics. */
function success(operation) {
  const status = Object.keys(operation.responses).find((s) => /^2\d\d$/.test(s)) ?? fail('documents no 2xx response for its valid cases');
  return { status: Number(status), envelope: envelopeOf(operation, status), code: 0, semantics: true };
}

/**
 * The names of the security schemes the operation requires, all HTTP bearer; throws naming any other scheme.
 * Names come from the document: the model's `name` of an apiKey scheme is the name of its header or query parameter.
 */
function bearerSchemes(doc, operation) {
  const raw = deref(doc, doc.paths[operation.path])[operation.method.toLowerCase()];
  const names = Object.keys((raw.security ?? doc.security ?? [])[0] ?? {});
  operation.security.forEach((s, i) => {
    if (s.type !== 'http' || String(s.scheme).toLowerCase() !== 'bearer') {
      fail(`security scheme ${names[i]} (${[s.type, s.scheme].filter(Boolean).join(' ')}) is not handled by the generator (only http bearer)`);
    }
  });
  return names;
}

/** The request with every required parameter (and, unless `onlyRequired`, every one with an example) and `body`. */
function baseRequest(doc, operation, body, onlyRequired = false) {
  const { path, query, header } = operation.parameters;
  const sent = (p) => p.required || (!onlyRequired && !p.serverIssued && p.example !== undefined);
  const headers = operation.security.length > 0 ? { authorization: TOKEN } : {};
  if (operation.requestBody) headers['content-type'] = operation.requestBody.mediaType;
  for (const p of header.filter(sent)) headers[p.name.toLowerCase()] = parameterValue(doc, p);
  return {
    method: operation.method,
    path: operation.path,
    pathParams: Object.fromEntries(path.map((p) => [p.name, pathPlaceholder(p.name)])),
    query: Object.fromEntries(query.filter(sent).map((p) => [p.name, parameterValue(doc, p)])),
    headers,
    ...(body === undefined ? {} : { body }),
  };
}

/** A copy of `request` with `body` (none when undefined) or, with `raw`, the raw text `body`. */
function withBody(request, body, raw = false) {
  const { body: _old, ...rest } = structuredClone(request);
  if (body === undefined) return rest;
  return raw ? { ...rest, rawBody: body } : { ...rest, body: structuredClone(body) };
}

/** A copy of `request` with parameter `param` set to `value` (left out when undefined). */
function withParameter(request, param, value) {
  const copy = structuredClone(request);
  const bag = { path: copy.pathParams, query: copy.query, header: copy.headers }[param.in];
  const key = param.in === 'header' ? param.name.toLowerCase() : param.name;
  if (value === undefined) delete bag[key];
  else bag[key] = value;
  return copy;
}

/** What every case of one operation is built from; `base` is the control: the first example, every list two items long. */
function contextOf(doc, operation, entry, operationOf) {
  if (!entry) fail('belongs to no resource (no x-feishu-role on a resource tag) and has no entry in the response semantics (src/semantics.js, or generateCases(doc, { semantics })): give it a resource and a role, or an entry saying what its success must echo or change');
  const schemes = bearerSchemes(doc, operation);
  assertParameterFields(doc, operation);
  const examples = Object.entries(operation.requestBody?.examples ?? {}).filter(([, value]) => value !== undefined);
  if (operation.requestBody && examples.length === 0) fail(`request body ${operation.requestBody.mediaType} has no documented example to mutate`);
  const body = operation.requestBody ? withListsOfTwo(doc, operation.requestBody.schema, examples[0][1]) : undefined;
  const base = baseRequest(doc, operation, body);
  const minimal = baseRequest(doc, operation, operation.requestBody ? sample(doc, operation.requestBody.schema) : undefined, true);
  const caseOf = (suffix, fields) => ({ id: `${operation.operationId}.${suffix}`, operationId: operation.operationId, ...fields });
  return { doc, operation, entry, schemes, examples, base, minimal, caseOf, operationOf };
}

/** The documented examples (or, without a body, the documented parameters), the control and the required-only request, accepted. */
function validCases({ operation, entry, examples, base, minimal, caseOf }) {
  const expect = success(operation);
  const outcome = entry.success ? `: ${entry.success}` : '';
  const valid = (suffix, title, request) => caseOf(suffix, { title: title + outcome, kind: 'valid', writes: entry.writes === true, request, expect });
  const cases = operation.requestBody
    ? examples.map(([name, body]) => valid(`valid.example:${name}`, `documented request example "${name}" is accepted`, withBody(base, body)))
    : [valid('valid.example:parameters', 'the documented parameter values are accepted', base)];
  const seen = (request) => cases.some((c) => isDeepStrictEqual(c.request, request));
  if (!seen(base)) cases.push(valid('valid.control', 'the control of the rejection cases (the first example, every list two items long) is accepted', base));
  if (!seen(minimal)) cases.push(valid('valid.minimal', 'only the required fields are accepted', minimal));
  return [...cases, ...boundCases(operation, base, valid)];
}

/** Per numeric bound of a query or header parameter, the control with the parameter at that bound (e.g. page_size 20). */
function boundCases(operation, base, valid) {
  const { query, header } = operation.parameters;
  return [...query, ...header].flatMap((param) => ['minimum', 'maximum'].filter((bound) => typeof param.schema[bound] === 'number').map((bound) => {
    const request = withParameter(base, param, String(param.schema[bound]));
    return valid(`valid.bound-${bound}:${param.name}`, `${parameterField(param)} at its ${bound} ${param.schema[bound]} is accepted`, request);
  }));
}

/** Per constraint of the request body a body breaking it; a missing body, malformed JSON, a wrong Content-Type. */
function bodyCases({ doc, operation, base, caseOf }) {
  if (!operation.requestBody) return [];
  const { mediaType, schema, required } = operation.requestBody;
  const invalid = (suffix, title, request, field) => caseOf(`invalid.${suffix}`, { title, kind: 'invalid', writes: false, request, expect: rejection(operation, field) });
  const cases = mutations(doc, schema, base.body).map((m) => invalid(`${m.rule}:/${m.segments.join('/')}`, m.title, withBody(base, m.body), m.field));
  if (required) cases.push(invalid('body:missing', 'request body is required but absent', withBody(base, undefined), 'body'));
  if (/json/.test(mediaType)) {
    cases.push(invalid('body:malformed-json', `body is not valid JSON although sent as ${mediaType}`, withBody(base, JSON.stringify(base.body).slice(0, 20), true), 'body'));
  }
  // The control body under another media type: only the Content-Type is wrong.
  const typed = withBody(base, base.body);
  typed.headers['content-type'] = WRONG_MEDIA_TYPE;
  cases.push(invalid('content-type:text/plain', `Content-Type ${WRONG_MEDIA_TYPE} instead of ${mediaType}`, typed, 'Content-Type'));
  return cases;
}

/** Per constraint of each path, query and header parameter a request breaking it (the rest of the request valid). */
function parameterCases({ doc, operation, base, caseOf }) {
  const { path, query, header } = operation.parameters;
  return [...path, ...query, ...header].flatMap((param) => parameterMutations(doc, param).map((m) => {
    const field = parameterField(param);
    // An empty path segment makes another URL (`/items/` for `/items/{id}`), which this operation does not describe:
    // a server may answer it with any rejection (the gateway's 404, a 400...), only never with success.
    const expect = param.in === 'path' && m.value === '' ? { status: 'not-2xx', field } : rejection(operation, field);
    return caseOf(`invalid.${param.in}-${m.rule}:${param.name}`, { title: `${field}: ${m.title}`, kind: 'invalid', writes: false, request: withParameter(base, param, m.value), expect });
  }));
}

/** Requests without valid bearer credentials (none when the operation has `security: []`); the expired token is opt-in. */
function authCases({ operation, schemes: names, base, caseOf }) {
  if (names.length === 0) return [];
  const schemes = names.join(', ');
  const [invalid, missing] = ['invalid_token', 'missing_token'].map((role) => codeFor(operation, role));
  const expect = (codes) => ({ status: 'not-2xx', envelope: envelopeOf(operation, invalid.http_status), code: codes.map((c) => c.code) });
  const authCase = (suffix, title, authorization, codes, extra = {}) => {
    const request = withBody(base, base.body);
    if (authorization === undefined) delete request.headers.authorization;
    else request.headers.authorization = authorization;
    return caseOf(`auth.${suffix}`, { title, kind: 'auth', writes: false, ...extra, request, expect: expect(codes) });
  };
  return [
    authCase('missing', `no Authorization header (${schemes} is required)`, undefined, [invalid, missing]),
    authCase('invalid-token', `${schemes}: a token the server never issued`, 'Bearer t-conformance-invalid-token', [invalid]),
    authCase('wrong-scheme', `${schemes}: credentials in a non-Bearer scheme`, 'Basic Y29uZm9ybWFuY2U6Y29uZm9ybWFuY2U=', [invalid, missing]),
    authCase('bare-token', `${schemes}: the run's valid token with no scheme`, BARE_TOKEN, [invalid, missing]),
    authCase('token-other-scheme', `${schemes}: the run's valid token under another scheme (Basic)`, OTHER_SCHEME_TOKEN, [invalid, missing]),
    authCase('expired-token', `${schemes}: a token that has expired`, EXPIRED_TOKEN, [invalid], { optIn: 'expiredToken' }),
  ];
}

/** The token endpoint's reuse case (its entry has `token.reuse`): asked twice, it answers the same token. */
function tokenReuseCases({ entry, base, caseOf }) {
  const reuse = entry.token?.reuse;
  if (!reuse) return [];
  return [caseOf('token.reuse', {
    title: `asked twice while the token has more than ${reuse.whileSecondsLeft} s left, the same token is answered`,
    kind: 'token',
    writes: false,
    request: base,
    expect: {},
  })];
}

/** The token endpoint's own credential case (its entry has `token.wrongSecret`): the right app id with a wrong secret. */
function tokenCases({ operation, entry, base, caseOf }) {
  const wrong = entry.token?.wrongSecret;
  if (!wrong) return [];
  const code = codeFor(operation, wrong.role);
  return [...tokenReuseCases({ entry, base, caseOf }), caseOf('token.wrong-secret', {
    title: `a wrong ${wrong.field} is refused (${wrong.role}), no token issued`,
    kind: 'auth',
    writes: false,
    request: withBody(base, { ...base.body, [wrong.field]: wrong.value }),
    expect: { status: code.http_status, envelope: envelopeOf(operation, code.http_status), code: code.code, field: wrong.field },
  })];
}

/**
 * The state case of an operation that writes to a target record (an update or a patch) of a resource the spec can read
 * back: every case of it in a writing run is followed by a read of the record.
 */
function stateCases({ entry, caseOf, operationOf }) {
  if (!entry.writes || !entry.target || entry.nonexistentTarget || !readPathOf(entry.resource, operationOf)) return [];
  return [caseOf('state.read-back', {
    title: 'the stored state is read back after every case: an accepted write persisted it, a rejected request changed nothing',
    kind: 'state',
    writes: true,
    expect: {},
  })];
}

/**
 * The paging case of a list whose resource the run can create records of: walks every page and checks the filters
 * over records created for it (see paging.js). It writes: only with --allow-writes.
 */
function pagingCases({ operation, entry, caseOf }) {
  const filters = Object.keys(operation.resource?.filters ?? {});
  if (entry.role !== 'list' || !entry.resource.operations.create || filters.length === 0) return [];
  const walked = entry.resource.paged ? 'every page walked to the end at the smallest and the largest page_size (no repeats, no misses, has_more false exactly at the end)' : 'listed';
  const checks = [filters.includes('parent') ? 'by parent alone' : undefined, filters.includes('ids') ? 'by an id list with an id that does not exist' : undefined, filters.length === 2 ? 'by the id list with another parent (the id list is the only condition)' : undefined].filter(Boolean);
  return [caseOf('paging', { title: `paging and filters: records created under a parent of their own, ${walked}; ${checks.join(', ')}`, kind: 'paging', writes: true, expect: {} })];
}

/** The idempotency case of a create whose resource declares an idempotency key (see idempotency.js). It writes. */
function idempotencyCases({ entry, caseOf }) {
  const key = entry.resource?.idempotency;
  if (entry.role !== 'create' || !key) return [];
  return [caseOf('idempotency', { title: `the same body with the same ${key.key} sent twice within ${key.windowMs / 3600_000} hours creates no second record`, kind: 'idempotency', writes: true, expect: {} })];
}

/**
 * The not-found case of an operation naming a record by id (update, patch, delete, read): a valid request to an id that
 * cannot exist (in every run) must be refused with a documented answer, not a server error or the rate limit, and
 * must create nothing under that id. No source states which refusal: any documented non-2xx answer passes.
 */
function notFoundCases({ entry, base, caseOf }) {
  if (!entry.target) return [];
  return [caseOf('not-found', {
    title: 'a valid request to an id that cannot exist is refused with a documented answer (no server error, no rate limit) and creates nothing',
    kind: 'not-found',
    writes: false,
    request: base,
    expect: { status: 'not-2xx' },
  })];
}

/**
 * The opt-in burst of a rate-limited operation that documents the rate-limited answer, sending a safe request: an
 * invalid one, or (an operation whose cases all go to an id that cannot exist, a delete) its control request.
 */
function burstCases({ operation, entry, base, caseOf }, invalid) {
  const limit = operation.rateLimit;
  if (limit.perSecond === undefined) return [];
  const code = codeFor(operation, 'rate_limited');
  const response = operation.responses[String(code.http_status)];
  if (!response) return [];
  const safe = invalid.find((c) => c.expect.code !== undefined) ?? (entry.nonexistentTarget ? { request: base } : fail('has no invalid request for its rate-limit burst (a burst must not change data)'));
  return [caseOf('rate-limit.burst', {
    title: `a burst above ${limit.requests}/${limit.per} is answered ${code.http_status} with the documented headers`,
    kind: 'rate-limit',
    writes: false,
    optIn: 'checkRateLimit',
    request: safe.request,
    burst: limit.requests * 3,
    expect: { status: code.http_status, envelope: envelopeOf(operation, code.http_status), code: code.code, headers: Object.keys(response.headers) },
  })];
}

/** Every case of one operation. */
function operationCases(context) {
  const invalid = [...bodyCases(context), ...parameterCases(context)];
  const rejected = [...invalid, ...authCases(context), ...tokenCases(context), ...burstCases(context, invalid)];
  // An operation that writes without a target id (a create) cannot be pointed at an id that does not exist: a broken
  // server that accepted one of its rejection cases would write, so those cases need --allow-writes too.
  const { entry } = context;
  const unsafe = entry.writes === true && entry.target === undefined;
  return [...validCases(context), ...rejected.map((c) => (unsafe ? { ...c, writes: true } : c)), ...notFoundCases(context), ...stateCases(context), ...pagingCases(context), ...idempotencyCases(context)];
}

/**
 * Maps each item with `work`, collecting every error (each named by `name(item)`) instead of stopping at the first;
 * throws one error listing them all, so that a spec with several gaps names every one in one run.
 */
function eachNamed(items, name, work) {
  const problems = [];
  const results = items.map((item) => {
    try {
      return work(item);
    } catch (error) {
      problems.push(`${name(item)}: ${error.message}`);
      return undefined;
    }
  });
  if (problems.length === 1) throw new Error(problems[0]);
  if (problems.length > 1) throw new Error(`cannot generate the cases of ${problems.length} operations:\n- ${problems.join('\n- ')}`);
  return results;
}

/** The context of every operation of `doc` (document order); throws naming every operation it cannot cover. */
function contextsOf(doc, semantics) {
  const table = semanticsOf(doc, semantics);
  const operations = operationsOf(doc);
  const operationOf = (id) => operations.find((o) => o.operationId === id);
  const entryOf = (operation) => (Object.hasOwn(table, operation.operationId) ? table[operation.operationId] : undefined);
  return eachNamed(operations, (o) => `operation ${o.operationId}`, (operation) => contextOf(doc, operation, entryOf(operation), operationOf));
}

/**
 * The control requests of every operation, by operationId: `base` (the request every rejection case breaks in one
 * place: the first example, every list two items long) and `alt` (another valid request, the required fields only).
 * A runner learns from them how the server answers a valid request, e.g. one sent to a non-existent id.
 */
export function generateControls(doc, { semantics } = {}) {
  return Object.fromEntries(contextsOf(doc, semantics).map(({ operation, base, minimal }) => [operation.operationId, { base, alt: minimal }]));
}

/** The steps of a resource's lifecycle, in order, from the roles of its operations and its parent (for the title). */
function lifecycleSteps(resource, readable) {
  const { parent, operations } = resource;
  const steps = [];
  const ownParent = parent?.inSpec && parent.cascade !== undefined && !operations.delete;
  if (ownParent) steps.push(`create a parent ${parent.resource} of its own (or use the run's target)`);
  else if (parent) steps.push(`on the run's ${parent.field}`);
  steps.push(`create (${operations.create})`);
  if (readable) steps.push('read back');
  for (const role of ['update', 'patch']) if (operations[role]) steps.push(`${role} with the required fields only (${operations[role]})${readable ? ', read back' : ''}`);
  if (operations.delete) steps.push(`delete (${operations.delete})${readable ? ', read back as gone' : ''}`);
  if (ownParent) steps.push(`delete the parent ${parent.resource} it created, and the record with it (parent.cascade)`);
  return steps;
}

/**
 * One lifecycle case per resource with a create (see lifecycle.js): on the run's parent (a parent of its own for a
 * record deleted only with its parent), a record created, read back, updated or patched with the required fields
 * only, deleted. It writes: only with --allow-writes.
 */
function lifecycleCases(contexts) {
  return contexts.filter((x) => x.entry?.role === 'create').map((create) => {
    const { resource } = create.entry;
    const steps = lifecycleSteps(resource, Boolean(readPathOf(resource, create.operationOf)));
    return create.caseOf('lifecycle', { title: `lifecycle of ${resource.name}: ${steps.join(', ')}`, kind: 'lifecycle', writes: true, lifecycle: { resource: resource.name }, expect: {} });
  });
}

/**
 * Generates the conformance cases of every operation of `doc`, in document order; ids start with the operationId.
 * `semantics` adds or replaces entries of the response semantics (src/semantics.js). Throws one error naming every
 * operation whose cases it cannot generate (no resource role and no semantics entry, a non-bearer security scheme,
 * an unhandled keyword, ...).
 */
export function generateCases(doc, { semantics } = {}) {
  const contexts = contextsOf(doc, semantics);
  const cases = eachNamed(contexts, (x) => `operation ${x.operation.operationId}`, operationCases).flat();
  cases.push(...lifecycleCases(contexts));
  const ids = new Set();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  return cases;
}
