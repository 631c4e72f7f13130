// The operations model: what it reads from the spec, and that it fails closed, naming the operation and construct.
import { describe, expect, it } from 'vitest';
import { errorCodeFor, errorCodes, expandPath, openapi, operationById, operations, operationsOf, pathPattern } from '../src/model.js';
import { createValidation } from '../src/validation.js';
import { FIXTURE_OPERATION_ID, specWithGetOperation } from './fixtures/fixture-specs.js';

const update = operationById('updateExternalInterview');
/** The HTTP methods of a path item. */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** The operations of the spec's resources. */
const resourceOperations = operations.filter((o) => o.resource);
const token = operationById('getTenantAccessToken');
/** The bundled spec with `edit` applied to a copy of the update operation. */
const editedUpdate = (edit) => {
  const doc = structuredClone(openapi);
  edit(doc.paths['/open-apis/hire/v1/external_interviews/{external_interview_id}'].put, doc);
  return doc;
};

describe('the operations model of the bundled spec', () => {
  it('lists every operation of every path, in document order, each id once', () => {
    const declared = Object.entries(openapi.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(declared);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
    expect(operations[0].operationId).toBe('getTenantAccessToken');
  });

  it('gives parameters by location, the body, responses, security and the platform facts', () => {
    expect(update.parameters.path.map((p) => [p.name, p.required, p.schema])).toEqual([['external_interview_id', true, { type: 'string', minLength: 1 }]]);
    expect(update.parameters.query).toEqual([]);
    expect(update.requestBody).toMatchObject({ mediaType: 'application/json; charset=utf-8', required: true, schema: { $ref: '#/components/schemas/UpdateExternalInterviewRequest' } });
    expect(Object.keys(update.requestBody.examples)).toEqual(['overwrite_interview', 'source']);
    expect(Object.keys(update.responses)).toEqual(['200', '400', '429', '500']);
    expect(Object.keys(update.responses['429'].headers)).toEqual(['x-tt-logid', 'x-ogw-ratelimit-limit', 'x-ogw-ratelimit-reset']);
    expect(update.security).toEqual([expect.objectContaining({ name: 'tenantAccessToken', type: 'http', scheme: 'bearer' })]);
    expect(update.rateLimit).toMatchObject({ requests: 10, per: 'second', basis: 'source', perSecond: 10 });
    expect(update.errorCodes.map((e) => e.code)).toEqual([1002001, 1002002, 99991400, 99991661, 99991663]);
    expect(errorCodeFor(update, 'invalid_parameter')?.code).toBe(1002002);
  });

  it('gives each operation of the resource its facts: body, parameters, rate limit with its basis', () => {
    const create = operationById('createExternalInterview');
    const query = operationById('batchQueryExternalInterviews');
    const remove = operationById('deleteExternalInterview');
    expect(create.requestBody).toMatchObject({ required: true, schema: { $ref: '#/components/schemas/CreateExternalInterviewRequest' } });
    expect(Object.keys(create.requestBody.examples)).toEqual(['import_interview']);
    expect(create.rateLimit).toMatchObject({ requests: 10, per: 'second', basis: 'source', perSecond: 10 });
    expect(query.requestBody).toMatchObject({ required: false, schema: { $ref: '#/components/schemas/BatchQueryExternalInterviewsRequest' } });
    expect(query.parameters.query.map((p) => [p.name, p.required, p.schema])).toEqual([
      ['external_application_id', false, { type: 'string' }],
      ['page_size', false, { type: 'integer', minimum: 1, maximum: 20, default: 10 }],
      ['page_token', false, { type: 'string' }],
    ]);
    expect(query.rateLimit).toMatchObject({ requests: 10, per: 'second', basis: 'source', perSecond: 10 });
    expect(remove.requestBody).toBeNull();
    expect(remove.parameters.path.map((p) => p.name)).toEqual(['external_interview_id']);
    expect(remove.rateLimit).toEqual({ basis: 'unknown', description: expect.stringMatching(/^No source used here states a rate limit/), perSecond: undefined });
    for (const op of [create, query, update, remove]) {
      expect(op.errorCodes.map((e) => e.code), op.operationId).toEqual([1002001, 1002002, 99991400, 99991661, 99991663]);
      expect(op.security.map((s) => s.name), op.operationId).toEqual(['tenantAccessToken']);
    }
  });

  it('names, describes and groups every operation of a resource, each with its permissions, app types and doc link', () => {
    expect(resourceOperations.length).toBeGreaterThan(4);
    for (const op of resourceOperations) {
      const { operationId: id, extensions: x } = op;
      const raw = openapi.paths[op.path][op.method.toLowerCase()];
      expect(op.tags, id).toHaveLength(1);
      expect(op.summary, id).toMatch(/^[A-Z][a-z ]+ \([^()]+\)$/);
      expect(raw.description?.length, id).toBeGreaterThan(40);
      expect(raw.description, id).toContain(/\(([^()]+)\)$/.exec(op.summary)[1]);
      expect(x['x-feishu-permissions'].length, id).toBeGreaterThan(0);
      for (const p of x['x-feishu-permissions']) expect(p.scope, id).toMatch(/^hire:[a-z_]+(:readonly)?$/);
      expect(x['x-feishu-app-types'], id).toEqual(['self_built']);
      expect(x['x-feishu-doc'].url, id).toMatch(/^https:\/\/open\.feishu\.cn\//);
      for (const sample of (x['x-codeSamples'] ?? []).filter((c) => c.lang === 'TypeScript')) expect(sample.source, id).toContain("from '@feishu-hire/client'");
    }
    const grouped = openapi['x-tagGroups'].flatMap((g) => g.tags);
    expect([...grouped].sort()).toEqual(openapi.tags.map((t) => t.name).sort());
    expect(grouped).toHaveLength(new Set(grouped).size);
    expect(grouped.at(-1)).toBe('auth');
    for (const group of openapi['x-tagGroups']) {
      const tags = group.tags.map((name) => openapi.tags.find((t) => t.name === name));
      if (tags.some((t) => t['x-feishu-resource'])) expect(group.name).toBe(`Hire · ${tags[0]['x-displayName']}`);
    }
  });

  it('warns in both languages on every full-overwrite update, and has no overwrite on other roles', () => {
    const updates = resourceOperations.filter((op) => op.resource.role === 'update');
    expect(updates.length).toBeGreaterThan(0);
    for (const op of updates) {
      const raw = openapi.paths[op.path][op.method.toLowerCase()];
      expect(op.resource.overwrite, op.operationId).toBe('full');
      expect(raw.description, op.operationId).toMatch(/> \*\*Warning — full overwrite \(该接口会对原.+进行全量覆盖更新\)\.\*\*/);
      expect(raw.requestBody.description, op.operationId).toMatch(/Full overwrite/);
    }
    for (const op of resourceOperations.filter((o) => !['update', 'patch'].includes(o.resource.role))) expect(op.resource.overwrite, op.operationId).toBeUndefined();
  });

  it('says in words what rests on no source: an unknown rate limit, an assumed scope or app type', () => {
    for (const op of resourceOperations) {
      const raw = openapi.paths[op.path][op.method.toLowerCase()];
      if (op.rateLimit.basis === 'unknown') expect(raw.description.replace(/\s+/g, ' '), op.operationId).toMatch(/No source states a rate limit for this operation \(the tools apply none\)/);
      const assumed = raw['x-feishu-permissions'].some((p) => /Assumption, no source states/.test(p.description));
      expect(raw.description.includes('**assumption**: no source states this operation\'s scope'), op.operationId).toBe(assumed);
      expect(/assumption, no source states/.test(raw['x-feishu-app-types-description']), op.operationId).toBe(raw.description.includes('**assumption**: no source states them'));
    }
  });

  it('says in words what is an assumption: the delete operation\'s scope and app types', () => {
    const remove = openapi.paths[operationById('deleteExternalInterview').path].delete;
    expect(remove.description).toContain('删除外部面试 was not found');
    expect(remove['x-feishu-permissions'][0].description).toMatch(/Assumption, no source states/);
    expect(remove['x-feishu-app-types-description']).toMatch(/assumption, no source states/);
  });

  it('has the token endpoint as an operation of its own tag, without security and with no known rate limit', () => {
    expect(token.tags).toEqual(['auth']);
    expect(token.security).toEqual([]);
    expect(token.rateLimit).toMatchObject({ basis: 'unknown', perSecond: undefined });
    expect(token.requestBody?.schema).toEqual({ $ref: '#/components/schemas/TenantAccessTokenRequest' });
    expect(errorCodeFor(token, 'invalid_parameter')?.code).toBe(10003);
  });

  it('states each error code once, with HTTP status, meaning, action and basis', () => {
    expect(errorCodes.map((e) => e.name)).toEqual(['SystemError', 'InvalidParameter', 'RateLimited', 'MissingAccessToken', 'InvalidAccessToken', 'TokenInvalidParam', 'AppSecretInvalid']);
    for (const e of errorCodes) expect(['source', 'assumption']).toContain(e.basis);
  });

  it('matches and expands path templates, one encoded segment per parameter', () => {
    const pattern = pathPattern(update.path);
    expect(pattern.exec('/open-apis/hire/v1/external_interviews/a%2Fb')?.[1]).toBe('a%2Fb');
    expect(pattern.test('/open-apis/hire/v1/external_interviews/a/b')).toBe(false);
    expect(expandPath(update.path, { external_interview_id: 'a/b c' })).toBe('/open-apis/hire/v1/external_interviews/a%2Fb%20c');
    expect(() => expandPath(update.path, {})).toThrow('path parameter external_interview_id is required');
  });

  it('reads a fixture operation with a query parameter and no body', () => {
    const fixture = operationById(FIXTURE_OPERATION_ID, operationsOf(specWithGetOperation()));
    expect(fixture.method).toBe('GET');
    expect(fixture.requestBody).toBeNull();
    expect(fixture.parameters.query.map((p) => [p.name, p.required])).toEqual([['external_interview_id', true], ['page_size', false]]);
  });
});

describe('the operations model fails closed, naming the operation', () => {
  it.each([
    ['a cookie parameter', (op) => op.parameters.push({ name: 'session', in: 'cookie', schema: { type: 'string' } }), /updateExternalInterview.*parameter session in cookie is not handled/],
    ['no rate limit', (op) => delete op['x-feishu-rate-limit'], /updateExternalInterview.*x-feishu-rate-limit is required/],
    ['a rate limit without a basis', (op) => delete op['x-feishu-rate-limit'].basis, /x-feishu-rate-limit.basis must be source, assumption or unknown/],
    ['no error codes', (op) => delete op['x-feishu-error-codes'], /updateExternalInterview.*x-feishu-error-codes .* is required/],
    ['an undefined error code', (op) => op['x-feishu-error-codes'].push(42), /updateExternalInterview.*error code 42 is not in the spec's x-feishu-error-codes/],
    ['alternative security requirements', (op) => (op.security = [{ tenantAccessToken: [] }, {}]), /updateExternalInterview.*alternative security requirements/],
    ['a path parameter missing from the template', (op, doc) => (doc.components.parameters.external_interview_id.name = 'id'), /path parameters \["id"\] do not match the template's \["external_interview_id"\]/],
    ['no operationId', (op) => delete op.operationId, /PUT \/open-apis\/hire\/v1\/external_interviews\/\{external_interview_id\}: operationId is required/],
  ])('%s', (_name, edit, message) => {
    expect(() => operationsOf(editedUpdate(edit))).toThrow(message);
  });
});

describe('the shared validation', () => {
  const validation = createValidation();
  const checks = validation.forOperation(update);

  it('names the location and the rule of every broken rule, in one wording', () => {
    const body = { external_application_id: 1, participate_status: 0, begin_time: 1e300, interview_assessments: [{ conclusion: 4 }] };
    expect(checks.body?.(body).map((i) => i.message)).toEqual([
      'body.external_application_id must be of type string',
      'body.participate_status must be one of 1, 2, 3',
      'body.begin_time must be a safe integer (format int64)',
      'body.interview_assessments[0].conclusion must be one of 1, 2, 3',
    ]);
    expect(checks.path({ external_interview_id: '' }).map((i) => i.message)).toEqual(['path.external_interview_id must NOT have fewer than 1 characters']);
  });

  it('coerces query parameters from strings and rejects what does not coerce', () => {
    const list = validation.forOperation(operationById(FIXTURE_OPERATION_ID, operationsOf(specWithGetOperation())));
    const query = { external_interview_id: '1', page_size: '20' };
    expect(list.query(query)).toEqual([]);
    expect(query.page_size).toBe(20);
    expect(list.query({ page_size: '2.5' }).map((i) => i.message)).toEqual(['query.external_interview_id is required', 'query.page_size must be of type integer']);
  });
});
