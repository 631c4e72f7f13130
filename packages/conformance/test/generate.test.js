// The case generator: derived from the spec, fresh on disk, and each invalid case breaks the schema where it says.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { errorCodeFor, operationById, operations, operationsOf, resources } from '@feishu-hire/spec/model';
import { createValidation } from '@feishu-hire/spec/validation';
import { enumProbes, flatten, generateCases, generateControls, GENERATED_COMMENT, HANDLED_KEYWORDS, loadCases, pathPlaceholder, semanticsOf, typeProbes } from '../src/index.js';
import { specWithGetOperation } from '../../spec/test/fixtures/fixture-specs.js';

const openapi = createRequire(import.meta.url)('@feishu-hire/spec/openapi.json');
// The operations these tests look at in detail, found by their role (the token endpoint: the operation of no resource).
// The interviews' update: the cases below name its examples (overwrite_interview, source).
const update = operationById('updateExternalInterview');
const token = operations.find((o) => !o.resource);
/** The operation object of the update in a (possibly modified) copy of the spec. */
const updateIn = (doc) => doc.paths[update.path][update.method.toLowerCase()];
/** The id of a case of the update operation. */
const U = (suffix) => `${update.operationId}.${suffix}`;

/** Returns a request-body validator of the update for a (possibly modified) copy of the spec. */
function requestValidator(doc) {
  return createValidation({ doc }).compile(update.requestBody.schema);
}
/** The JSON pointer a case id names (`invalid.rule:/a/0/b` -> `/a/0/b`). */
const pointerOf = (id) => id.slice(id.indexOf(':') + 1);
const parentOf = (pointer) => pointer.slice(0, pointer.lastIndexOf('/'));

describe('generated/cases.json', () => {
  const file = readFileSync(new URL('../generated/cases.json', import.meta.url), 'utf8');
  it('says in its first key that it is generated', () => {
    expect(file.split('\n')[1]).toContain(`"$comment": ${JSON.stringify(GENERATED_COMMENT)}`);
    expect(Object.keys(JSON.parse(file))[0]).toBe('$comment');
  });
  it('is exactly what the generator makes from the bundled spec (not edited, not stale)', () => {
    expect(loadCases()).toEqual(generateCases(openapi));
  });
  it('gives every case a unique id starting with its operationId, a title, a kind, writes, a request and an expectation', () => {
    const cases = loadCases();
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) {
      const operation = operationById(c.operationId);
      expect(c.id.startsWith(`${operation.operationId}.`), c.id).toBe(true);
      expect(['valid', 'invalid', 'auth', 'rate-limit', 'state', 'lifecycle', 'not-found', 'paging', 'idempotency', 'token']).toContain(c.kind);
      expect(c).toMatchObject({ title: expect.any(String), writes: expect.any(Boolean), expect: expect.any(Object) });
      // An operation that writes without a target id (a create) needs --allow-writes for every case; others only for
      // their valid and state cases.
      const entry = semanticsOf(openapi)[c.operationId];
      expect(c.writes, c.id).toBe(c.kind === 'lifecycle' || c.kind === 'paging' || c.kind === 'idempotency' || (entry.writes === true && (c.kind === 'valid' || c.kind === 'state' || entry.target === undefined)));
      if (['state', 'lifecycle', 'paging', 'idempotency', 'token'].includes(c.kind)) continue; // no single request of its own: it reads back, or runs several
      const pathParams = Object.fromEntries(operation.parameters.path.map((p) => [p.name, c.id.includes('.invalid.path-') ? expect.any(String) : pathPlaceholder(p.name)]));
      expect(c).toMatchObject({ request: { method: operation.method, path: operation.path, pathParams }, expect: { status: expect.anything() } });
      // Only a request to a URL the operation does not describe (an empty path id) and a valid request to an id that
      // cannot exist (no source states how it is refused) state no code.
      if (!/\.(invalid\.path-minLength:\w+|not-found)$/.test(c.id)) expect(c.expect.code, c.id).toBeDefined();
    }
  });
  it('gives every bounded query or header parameter a valid case at each bound, every by-id operation a not-found case and every list of a creatable resource a paging case', () => {
    const ids = new Set(loadCases().map((c) => c.id));
    for (const operation of operations) {
      for (const p of [...operation.parameters.query, ...operation.parameters.header]) {
        for (const bound of ['minimum', 'maximum'].filter((b) => typeof p.schema[b] === 'number')) expect(ids.has(`${operation.operationId}.valid.bound-${bound}:${p.name}`), `${operation.operationId} ${p.name} ${bound}`).toBe(true);
      }
      const resource = resources.find((r) => r.name === operation.resource?.name);
      expect(ids.has(`${operation.operationId}.not-found`), operation.operationId).toBe(['read', 'update', 'patch', 'delete'].includes(operation.resource?.role));
      expect(ids.has(`${operation.operationId}.paging`), operation.operationId).toBe(operation.resource?.role === 'list' && Boolean(resource.operations.create));
    }
  });

  it('covers every operation of the spec', () => {
    expect([...new Set(loadCases().map((c) => c.operationId))]).toEqual(operations.map((o) => o.operationId));
  });
});

describe('cases derived from the request schema', () => {
  const cases = generateCases(openapi).filter((c) => c.operationId === update.operationId);
  const validate = requestValidator(openapi);

  it('turns the documented example, the control and the required-only body into valid cases that the schema accepts', () => {
    const valid = cases.filter((c) => c.kind === 'valid');
    expect(valid.map((c) => c.id)).toEqual([U('valid.example:overwrite_interview'), U('valid.example:source'), U('valid.control'), U('valid.minimal')]);
    for (const c of valid) expect(validate(c.request.body), JSON.stringify(validate.errors)).toBe(true);
    expect(valid[3].request.body).toEqual({ external_application_id: '6960663240925956437' });
    for (const c of valid) expect(c.expect).toEqual({ status: 200, envelope: 'UpdateExternalInterviewResponse', code: 0, semantics: true });
  });

  it('builds the control from the first example with every list at least two items long; it is the request every rejection case breaks', () => {
    const control = cases.find((c) => c.id === U('valid.control')).request;
    expect(control.body.interview_assessments).toHaveLength(2);
    for (const a of control.body.interview_assessments) {
      expect(a.assessment_dimension_list.length).toBeGreaterThanOrEqual(2);
      for (const d of a.assessment_dimension_list) if (d.options) expect(d.options.length).toBeGreaterThanOrEqual(2);
    }
    expect(generateControls(openapi).updateExternalInterview).toEqual({ base: control, alt: cases.find((c) => c.id === U('valid.minimal')).request });
    // A case of the last assessment keeps the first one as it was.
    const last = cases.find((c) => c.id === U('invalid.enum-below:/interview_assessments/1/conclusion'));
    expect(last.request.body.interview_assessments[0]).toEqual(control.body.interview_assessments[0]);
    expect(last.request.body.interview_assessments[1].conclusion).toBe(0);
  });

  it('makes every invalid JSON body break the schema at the field the case names', () => {
    const invalid = cases.filter((c) => c.kind === 'invalid' && c.request.body !== undefined && pointerOf(c.id).startsWith('/'));
    expect(invalid.length).toBeGreaterThan(120);
    for (const c of invalid) {
      expect(validate(c.request.body), c.id).toBe(false);
      const pointer = pointerOf(c.id) === '/' ? '' : pointerOf(c.id);
      const at = validate.errors.map((e) => e.instancePath);
      expect([pointer, parentOf(pointer)].some((p) => at.includes(p)), `${c.id}: errors at ${at}`).toBe(true);
      // The field a msg may name (extra evidence, never required): the readable form of the pointer, as the title starts.
      const field = pointer === '' ? 'body' : pointer.slice(1).split('/').map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
      expect(c.expect).toEqual({ status: 400, envelope: 'ErrorResponse', code: errorCodeFor(update, 'invalid_parameter').code, field });
      expect(c.title.startsWith(`${field}: `), c.id).toBe(true);
    }
  });

  it('adds an int64-range case (2^63, beyond int64 and the safe integers) per int64 field', () => {
    for (const field of ['begin_time', 'end_time']) {
      const c = cases.find((x) => x.id === U(`invalid.int64-range:/${field}`));
      expect(c.request.body[field]).toBe(2 ** 63);
      expect(c.expect.field).toBe(field);
    }
  });

  it('adds a path case from the parameter schema (minLength 1: an empty id) with an otherwise valid request', () => {
    const c = cases.find((x) => x.id === U('invalid.path-minLength:external_interview_id'));
    expect(c.request.pathParams).toEqual({ external_interview_id: '' });
    expect(validate(c.request.body)).toBe(true);
    // An empty segment is a URL this operation does not describe: any rejection passes, success fails.
    expect(c.expect).toEqual({ status: 'not-2xx', field: 'path.external_interview_id' });
  });

  it('adds a wrong-media-type case: the control body sent as text/plain', () => {
    const c = cases.find((x) => x.id === U('invalid.content-type:text/plain'));
    expect(c.request.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(c.request.body).toEqual(cases.find((x) => x.id === U('valid.control')).request.body);
    expect(c.expect).toEqual({ status: 400, envelope: 'ErrorResponse', code: 1002002, field: 'Content-Type' });
  });

  it('probes every field with every JSON type it does not allow, every enum below and above, integers, required fields, closed objects and both ends of every list', () => {
    const ids = new Set(cases.map((c) => c.id.slice(update.operationId.length + 1)));
    const has = (id) => expect(ids.has(id), id).toBe(true);
    const walk = (schema, pointer) => {
      const s = flatten(openapi, schema);
      const others = ['string', 'number', 'boolean', 'null', 'object', 'array'].filter((t) => t !== s.baseType && !(t === 'number' && s.baseType === 'integer'));
      for (const t of others) has(`invalid.type-${t}:${pointer || '/'}`);
      if (s.enum) ['below', 'above'].forEach((where) => has(`invalid.enum-${where}:${pointer}`));
      if (s.baseType === 'integer') ['fraction', 'numeric-string'].forEach((rule) => has(`invalid.${rule}:${pointer}`));
      if (s.format === 'int64') has(`invalid.int64-range:${pointer}`);
      if (s.format === 'int32' && !s.enum) has(`invalid.int32-range:${pointer}`);
      for (const r of s.required) has(`invalid.required:${pointer}/${r}`);
      if (s.closed) has(`invalid.closed:${pointer}/x_conformance_unknown`);
      for (const [k, child] of Object.entries(s.properties)) walk(child, `${pointer}/${k}`);
      if (s.items) {
        has(`invalid.items-first:${pointer}/0`);
        walk(s.items, `${pointer}/1`);
      }
    };
    walk(update.requestBody.schema, '');
    expect([...ids].filter((id) => /\/0\/(?!x_conformance)/.test(id) && !id.startsWith('invalid.items-first'))).toEqual([]); // items are probed at the last index
  });

  it('typeProbes and enumProbes: one value per other JSON type, enums below, between (a gap) and above', () => {
    const integer = flatten(openapi, { type: 'integer' });
    expect(typeProbes(integer, 7).map((p) => [p.rule, p.value])).toEqual([['type-string', 'not-a-number'], ['type-boolean', true], ['type-null', null], ['type-object', {}], ['type-array', [7]]]);
    expect(typeProbes(flatten(openapi, { type: ['string', 'null'] }), 'x').map((p) => p.rule)).toEqual(['type-number', 'type-boolean', 'type-object', 'type-array']);
    expect(typeProbes(flatten(openapi, {}), 'x')).toEqual([]);
    expect(enumProbes([1, 2, 3], 'integer').map((p) => [p.rule, p.value])).toEqual([['enum-below', 0], ['enum-above', 4]]);
    expect(enumProbes([1, 3, 7], 'integer').map((p) => [p.rule, p.value])).toEqual([['enum-below', 0], ['enum-between', 2], ['enum-above', 8]]);
    expect(enumProbes([0.5, 1.5], 'number').map((p) => p.value)).toEqual([-0.5, 1, 2.5]);
    expect(enumProbes(['a', 'b'], 'string').map((p) => [p.rule, p.value])).toEqual([['enum', 'conformance_not_in_enum']]);
  });

  it('adds auth cases from the bearer security scheme, expecting a rejection and no 2xx; the expired token is opt-in', () => {
    const auth = cases.filter((c) => c.kind === 'auth');
    expect(auth.map((c) => c.id)).toEqual([U('auth.missing'), U('auth.invalid-token'), U('auth.wrong-scheme'), U('auth.bare-token'), U('auth.token-other-scheme'), U('auth.expired-token')]);
    expect(auth[0].request.headers).not.toHaveProperty('authorization');
    expect(auth.slice(3).map((c) => c.request.headers.authorization)).toEqual(['$bareToken', '$otherSchemeToken', '$expiredToken']);
    expect(auth[5]).toMatchObject({ optIn: 'expiredToken' });
    const [invalidToken, missingToken] = [errorCodeFor(update, 'invalid_token').code, errorCodeFor(update, 'missing_token').code];
    expect(auth.map((c) => c.expect.code)).toEqual([[invalidToken, missingToken], [invalidToken], [invalidToken, missingToken], [invalidToken, missingToken], [invalidToken, missingToken], [invalidToken]]);
    for (const c of auth) expect(c.expect).toMatchObject({ status: 'not-2xx', envelope: 'ErrorResponse' });
  });

  it('adds the state case of a writing operation with readBack', () => {
    expect(cases.filter((c) => c.kind === 'state')).toEqual([{ id: U('state.read-back'), operationId: update.operationId, title: expect.any(String), kind: 'state', writes: true, expect: {} }]);
  });

  it('adds the opt-in burst from x-feishu-rate-limit with an invalid (safe) body', () => {
    const burst = cases.find((c) => c.kind === 'rate-limit');
    expect(burst).toMatchObject({ id: U('rate-limit.burst'), optIn: 'checkRateLimit', burst: update.rateLimit.requests * 3, writes: false, expect: { status: 429, envelope: 'ErrorResponse', code: errorCodeFor(update, 'rate_limited').code, headers: ['x-tt-logid', 'x-ogw-ratelimit-limit', 'x-ogw-ratelimit-reset'] } });
    expect(validate(burst.request.body)).toBe(false);
  });
});

describe('a changed spec yields changed cases automatically', () => {
  const changed = structuredClone(openapi);
  const schemas = changed.components.schemas;
  schemas.ParticipateStatus.enum.push(4);
  schemas.ExternalInterviewInput.required.push('participate_status');
  schemas.ExternalInterviewInput.properties.remark = {
    type: 'object',
    additionalProperties: false,
    required: ['text'],
    properties: { text: { type: 'string', minLength: 2, maxLength: 5 }, tags: { type: 'array', items: { type: 'string' } }, urgent: { type: 'boolean' } },
  };
  schemas.ExternalInterviewInput.properties.note = { type: ['string', 'null'] };
  const cases = generateCases(changed);
  const byId = new Map(cases.map((c) => [c.id.replace(`${update.operationId}.`, ''), c]));
  const validate = requestValidator(changed);

  it('a new enum value moves the above-enum case', () => {
    expect(byId.get('invalid.enum-above:/participate_status').request.body.participate_status).toBe(5);
    expect(byId.get('invalid.enum-below:/participate_status').request.body.participate_status).toBe(0);
  });
  it('a new required field yields a removal case', () => {
    expect(byId.get('invalid.required:/participate_status').request.body).not.toHaveProperty('participate_status');
  });
  it('new fields absent from the example yield their own cases, on a body that is valid elsewhere', () => {
    for (const id of ['invalid.type-number:/note', 'invalid.type-string:/remark', 'invalid.required:/remark/text', 'invalid.closed:/remark/x_conformance_unknown', 'invalid.minLength:/remark/text', 'invalid.maxLength:/remark/text', 'invalid.type-string:/remark/urgent', 'invalid.items-first:/remark/tags/0', 'invalid.type-null:/remark/tags/1']) {
      const c = byId.get(id);
      expect(c, id).toBeDefined();
      expect(validate(c.request.body), id).toBe(false);
      const field = pointerOf(id).split('/')[1];
      const errorsElsewhere = validate.errors.filter((e) => !e.instancePath.startsWith(`/${field}`) && e.instancePath !== '');
      expect(errorsElsewhere, id).toEqual([]);
    }
    expect(cases.length).toBeGreaterThan(generateCases(openapi).length + 6);
  });
  it('a 3.1 type list gets every JSON type it does not list, and never null', () => {
    const c = byId.get('invalid.type-number:/note');
    expect(c.title).toBe('note: string or null sent as number 12345');
    expect(validate(c.request.body)).toBe(false);
    expect(byId.has('invalid.type-null:/note')).toBe(false);
  });
  it('a maxLength on the path parameter yields its case', () => {
    const withMax = structuredClone(openapi);
    withMax.components.parameters.external_interview_id.schema.maxLength = 3;
    const c = generateCases(withMax).find((x) => x.id === U('invalid.path-maxLength:external_interview_id'));
    expect(c.request.pathParams.external_interview_id).toBe('xxxx');
    expect(c.expect.field).toBe('path.external_interview_id');
  });
  it('throws a clear error when the operation has no request example to mutate', () => {
    const bare = structuredClone(openapi);
    delete updateIn(bare).requestBody.content[update.requestBody.mediaType].examples;
    expect(() => generateCases(bare)).toThrow('operation updateExternalInterview: request body application/json; charset=utf-8 has no documented example to mutate');
  });
});

describe('a schema keyword the generator does not handle is an error, not silently lost coverage', () => {
  const schemas = (doc) => doc.components.schemas;
  it.each([
    ['pattern', (doc) => (schemas(doc).ExternalInterviewInput.properties.external_application_id.pattern = '^\\d+$'), 'external_application_id: schema keyword "pattern"'],
    ['minItems', (doc) => (schemas(doc).ExternalInterviewInput.properties.interview_assessments.minItems = 1), 'interview_assessments: schema keyword "minItems"'],
    ['maxItems', (doc) => (schemas(doc).ExternalInterviewInput.properties.interview_assessments.maxItems = 9), 'interview_assessments: schema keyword "maxItems"'],
    ['const', (doc) => (schemas(doc).ExternalInterviewAssessmentInput.properties.username.const = 'a'), 'interview_assessments[0].username: schema keyword "const"'],
    ['exclusiveMinimum', (doc) => (schemas(doc).MillisecondTimestamp.exclusiveMinimum = 0), 'begin_time: schema keyword "exclusiveMinimum"'],
    ['multipleOf', (doc) => (schemas(doc).MillisecondTimestamp.multipleOf = 1000), 'begin_time: schema keyword "multipleOf"'],
    ['oneOf', (doc) => (schemas(doc).ExternalInterviewInput.properties.participate_status = { oneOf: [{ type: 'integer' }] }), 'participate_status: schema keyword "oneOf"'],
    ['anyOf', (doc) => (schemas(doc).ExternalInterviewInput.properties.participate_status = { anyOf: [{ type: 'integer' }] }), 'participate_status: schema keyword "anyOf"'],
    ['not', (doc) => (schemas(doc).ExternalInterviewAssessmentInput.properties.content.not = { const: '' }), 'interview_assessments[0].content: schema keyword "not"'],
    ['format date-time', (doc) => (schemas(doc).ExternalInterviewAssessmentInput.properties.content.format = 'date-time'), 'interview_assessments[0].content: format "date-time"'],
    ['additionalProperties schema', (doc) => (schemas(doc).ExternalInterviewInput.additionalProperties = { type: 'string' }), 'body: additionalProperties with a schema'],
    ['pattern in an allOf part', (doc) => (schemas(doc).ExternalInterviewAssessmentDimension.properties.option.pattern = 'x'), 'interview_assessments[0].assessment_dimension_list[1].option: schema keyword "pattern"'],
    ['pattern on the path parameter', (doc) => (doc.components.parameters.external_interview_id.schema.pattern = '^\\d+$'), 'path.external_interview_id: schema keyword "pattern"'],
  ])('%s', (_name, change, where) => {
    const doc = structuredClone(openapi);
    change(doc);
    const create = resources.find((r) => r.name === update.resource.name).operations.create;
    expect(() => generateCases(doc)).toThrow(`operation ${where.startsWith('path.') ? update.operationId : create}: cannot generate cases for ${where} is not handled by the generator; add a mutation for it in src/mutations.js (HANDLED_KEYWORDS)`);
  });
  it('lists the handled keywords in one place, covering everything the current spec uses', () => {
    expect(HANDLED_KEYWORDS.constraints).toEqual(expect.arrayContaining(['type', 'enum', 'format', 'required', 'items', 'minLength', 'maxLength', 'minimum', 'maximum']));
    expect(() => generateCases(openapi)).not.toThrow();
  });
});

describe('the token endpoint: an operation like any other', () => {
  const cases = generateCases(openapi).filter((c) => c.operationId === token.operationId);

  it('expects its own invalid-parameter code, from the model, and no bearer auth or burst case (security: [], no known limit)', () => {
    const invalid = cases.filter((c) => c.kind === 'invalid');
    expect(invalid.length).toBeGreaterThan(15);
    for (const c of invalid) expect(c.expect).toMatchObject({ status: 400, code: errorCodeFor(token, 'invalid_parameter').code, envelope: 'ErrorResponse' });
    expect(cases.filter((c) => c.kind === 'rate-limit')).toEqual([]);
    for (const c of cases) expect(c.request.headers).not.toHaveProperty('authorization');
  });

  it('has one valid case that writes nothing (the required-only body is the example itself)', () => {
    const valid = cases.filter((c) => c.kind === 'valid');
    expect(valid.map((c) => [c.id, c.writes])).toEqual([[`${token.operationId}.valid.example:app`, false]]);
    expect(valid[0].expect).toEqual({ status: 200, envelope: 'TenantAccessTokenResponse', code: 0, semantics: true });
  });

  it('has a wrong-secret case from its semantics entry, expecting its app_secret_invalid code', () => {
    const auth = cases.filter((c) => c.kind === 'auth');
    expect(auth.map((c) => c.id)).toEqual([`${token.operationId}.token.wrong-secret`]);
    expect(cases.filter((c) => c.kind === 'token').map((c) => c.id)).toEqual([`${token.operationId}.token.reuse`]);
    expect(auth[0].request.body).toEqual({ app_id: 'cli_slkdjalasdkjasd', app_secret: 'conformance-wrong-secret' });
    expect(auth[0].expect).toEqual({ status: 400, envelope: 'ErrorResponse', code: errorCodeFor(token, 'app_secret_invalid').code, field: 'app_secret' });
  });
});

describe('OpenAPI 3.1 type lists', () => {
  const withList = (type, extra = {}) => {
    const doc = structuredClone(openapi);
    doc.components.schemas.ExternalInterviewInput.properties.rank = { type, ...extra };
    return doc;
  };

  it('[integer, null]: every other type, the integer cases kept, and null never sent as invalid', () => {
    const doc = withList(['integer', 'null'], { minimum: 1 });
    const byId = new Map(generateCases(doc).map((c) => [c.id, c]));
    const validate = requestValidator(doc);
    expect(byId.get(U('invalid.type-string:/rank')).title).toBe('rank: integer or null sent as string "not-a-number"');
    expect(byId.has(U('invalid.type-null:/rank'))).toBe(false);
    for (const id of ['type-string', 'type-boolean', 'fraction', 'numeric-string', 'minimum']) {
      const c = byId.get(U(`invalid.${id}:/rank`));
      expect(c, id).toBeDefined();
      expect(c.request.body.rank).not.toBeNull();
      expect(validate(c.request.body), id).toBe(false);
    }
    const base = byId.get(U('valid.example:source')).request.body;
    expect(validate({ ...base, rank: null })).toBe(true);
  });

  it('[string, null] keeps its string constraints (minLength)', () => {
    const ids = generateCases(withList(['string', 'null'], { minLength: 2 })).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([U('invalid.type-number:/rank'), U('invalid.minLength:/rank')]));
  });

  it('a list of several non-null types is rejected by name', () => {
    expect(() => generateCases(withList(['integer', 'string']))).toThrow('operation createExternalInterview: cannot generate cases for rank: type list ["integer","string"] (one type, optionally with "null") is not handled by the generator');
  });
});

describe('operations the generator cannot cover fail, naming the operation', () => {
  it('a non-bearer security scheme, naming the scheme', () => {
    const doc = structuredClone(openapi);
    doc.components.securitySchemes.appKey = { type: 'apiKey', in: 'header', name: 'X-App-Key' };
    updateIn(doc).security = [{ appKey: [] }];
    expect(() => generateCases(doc)).toThrow('operation updateExternalInterview: security scheme appKey (apiKey) is not handled by the generator (only http bearer)');
  });

  it('operations of no resource without a semantics entry: one error naming every one of them', () => {
    const doc = specWithGetOperation(); // adds an operation of a tag that is no resource
    doc.paths[token.path].post.operationId = 'renamedToken'; // the token endpoint's entry is by name
    const gaps = operationsOf(doc).filter((o) => !o.resource).map((o) => o.operationId);
    expect(gaps.length).toBe(2);
    let message;
    try {
      generateCases(doc);
    } catch (error) {
      message = error.message;
    }
    expect(message).toMatch(new RegExp(`^cannot generate the cases of ${gaps.length} operations:`));
    for (const id of gaps) expect(message).toContain(`\n- operation ${id}: belongs to no resource (no x-feishu-role on a resource tag) and has no entry in the response semantics`);
    const named = Object.fromEntries(gaps.map((id) => [id, { writes: false, check: () => [] }]));
    expect(() => generateCases(doc, { semantics: named })).not.toThrow();
  });

  it('every operation of a resource gets its semantics from its role, none by name', () => {
    const table = semanticsOf(openapi);
    for (const operation of operations.filter((o) => o.resource)) {
      expect(table[operation.operationId], operation.operationId).toMatchObject({ role: operation.resource.role, resource: { name: operation.resource.name } });
    }
  });

  it('a parameter field it does not handle (style), naming the parameter', () => {
    const doc = structuredClone(openapi);
    doc.components.parameters.external_interview_id.style = 'matrix';
    expect(() => generateCases(doc)).toThrow('operation updateExternalInterview: cannot generate cases for path.external_interview_id: parameter field "style" is not handled by the generator');
  });

  it('a parameter of a non-scalar type', () => {
    const doc = structuredClone(openapi);
    updateIn(doc).parameters.push({ name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'string' } } });
    expect(() => generateCases(doc)).toThrow('operation updateExternalInterview: cannot generate cases for query.ids: type "array" (parameters: string, integer, number, boolean) is not handled by the generator');
  });
});
