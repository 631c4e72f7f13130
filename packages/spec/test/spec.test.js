import { describe, expect, it } from 'vitest';
import { operationById } from '../src/model.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createSpecAjv, INTEGER_FORMATS, openapi, schemaRef } from '../src/ajv.js';

const ajv = createSpecAjv();
const validateRequest = ajv.getSchema(schemaRef('UpdateExternalInterviewRequest'));
const validateResponse = ajv.getSchema(schemaRef('UpdateExternalInterviewResponse'));
const validateError = ajv.getSchema(schemaRef('ErrorResponse'));

/** Follows a local `$ref` of the bundled document. */
const deref = (node) => (node.$ref ? node.$ref.slice(2).split('/').reduce((o, k) => o[k], openapi) : node);
const operation = openapi.paths[operationById('updateExternalInterview').path].put;
const requestExample = deref(operation.requestBody.content['application/json; charset=utf-8'].examples.source).value;
const responseExample = deref(deref(operation.responses['200']).content['application/json'].examples.source).value;
// The source document itself, so the examples are checked against what Feishu published, not against our copy.
const seed = readFileSync(new URL('../../../specs/source/update-external-interview.zh.md', import.meta.url), 'utf8');
const seedJson = [...seed.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));

const clone = (v) => structuredClone(v);
/** Validates a body and returns "instancePath keyword" strings of the errors. */
function errorsOf(body) {
  validateRequest(body);
  return (validateRequest.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
}

describe('bundled spec', () => {
  it('is OpenAPI 3.1 with both servers, bearer security and the vendor extensions', () => {
    expect(openapi.openapi).toBe('3.1.0');
    expect(openapi.servers.map((s) => s.url)).toEqual(['https://open.feishu.cn', 'https://open.larksuite.com']);
    expect(openapi.components.securitySchemes.tenantAccessToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(operation['x-feishu-permissions'][0].scope).toBe('hire:external_application');
    expect(operation['x-feishu-rate-limit']).toMatchObject({ requests: 10, per: 'second' });
    expect(operation['x-feishu-app-types']).toEqual(['self_built']);
    expect(operation.description).toMatch(/full overwrite/i);
    expect(operation.description).toContain('全量覆盖更新');
  });

  it('carries the source examples unchanged', () => {
    expect(seedJson).toHaveLength(2);
    expect(requestExample).toEqual(seedJson[0]);
    expect(responseExample).toEqual(seedJson[1]);
  });

  it('declares x-tt-logid on every response and the rate-limit headers on 429', () => {
    for (const [status, response] of Object.entries(operation.responses)) {
      expect(deref(response).headers, status).toHaveProperty('x-tt-logid');
    }
    expect(openapi.components.responses.TooManyRequests.headers).toHaveProperty('x-ogw-ratelimit-reset');
    expect(openapi.components.responses.TooManyRequests.headers).toHaveProperty('x-ogw-ratelimit-limit');
  });

  it('names every enum value in x-enum-varnames', () => {
    const names = (s) => openapi.components.schemas[s]['x-enum-varnames'];
    expect(names('ParticipateStatus')).toEqual(['NotParticipated', 'Participated', 'NoShow']);
    expect(names('Conclusion')).toEqual(['Fail', 'Pass', 'Pending']);
    expect(names('AssessmentType')).toEqual(['Score', 'SingleChoice', 'Description', 'MultipleChoice']);
  });
});

describe('request and response examples against the schemas (ajv, JSON Schema 2020-12)', () => {
  it('accepts the source request example', () => {
    expect(errorsOf(seedJson[0])).toEqual([]);
  });
  it('accepts the source response example', () => {
    expect(validateResponse(seedJson[1]), JSON.stringify(validateResponse.errors)).toBe(true);
  });
  it('accepts a minimal request with only external_application_id', () => {
    expect(errorsOf({ external_application_id: '1' })).toEqual([]);
  });
  it('tolerates unknown fields in responses and in requests (no source says the platform rejects them)', () => {
    const response = clone(seedJson[1]);
    response.data.external_interview.new_platform_field = 'x';
    response.data.external_interview.interview_assessments[0].assessment_dimension_list[0].extra = 1;
    expect(validateResponse(response)).toBe(true);
    const body = clone(seedJson[0]);
    body.interview_id = 'x';
    body.interview_assessments[0].id = '6989181065243969836';
    body.interview_assessments[0].assessment_dimension_list[0].extra = 1;
    expect(errorsOf(body)).toEqual([]);
  });
  it('accepts each documented error envelope and rejects code 0 as an error', () => {
    for (const code of [1002001, 1002002, 99991400, 99991663]) expect(validateError({ code, msg: 'm' })).toBe(true);
    expect(validateError({ code: 0, msg: 'ok' })).toBe(false);
  });
});

const invalidBodies = [
  ['participate_status out of enum', (b) => { b.participate_status = 4; }, '/participate_status enum'],
  ['participate_status 0', (b) => { b.participate_status = 0; }, '/participate_status enum'],
  ['conclusion out of enum', (b) => { b.interview_assessments[0].conclusion = 4; }, '/interview_assessments/0/conclusion enum'],
  ['assessment_type out of enum', (b) => { b.interview_assessments[0].assessment_dimension_list[0].assessment_type = 5; }, '/interview_assessments/0/assessment_dimension_list/0/assessment_type enum'],
  ['missing external_application_id', (b) => { delete b.external_application_id; }, ' required'],
  ['external_application_id as number', (b) => { b.external_application_id = 6960663240925956437; }, '/external_application_id type'],
  ['options not an array', (b) => { b.interview_assessments[0].assessment_dimension_list[0].options = '选项1'; }, '/interview_assessments/0/assessment_dimension_list/0/options type'],
  ['options item not a string', (b) => { b.interview_assessments[0].assessment_dimension_list[0].options = [1]; }, '/interview_assessments/0/assessment_dimension_list/0/options/0 type'],
  ['begin_time as string', (b) => { b.begin_time = '1618500278638'; }, '/begin_time type'],
  ['end_time as string', (b) => { b.end_time = '1618500278639'; }, '/end_time type'],
  ['begin_time fractional', (b) => { b.begin_time = 1618500278638.5; }, '/begin_time type'],
  ['begin_time 1e300 (beyond int64 and the safe range)', (b) => { b.begin_time = 1e300; }, '/begin_time format'],
  ['end_time 2^53 (not a safe integer)', (b) => { b.end_time = 2 ** 53; }, '/end_time format'],
  ['score as string', (b) => { b.interview_assessments[0].assessment_dimension_list[0].score = '99'; }, '/interview_assessments/0/assessment_dimension_list/0/score type'],
  ['participate_status as string', (b) => { b.participate_status = '1'; }, '/participate_status type'],
  ['username as number', (b) => { b.interview_assessments[0].username = 1; }, '/interview_assessments/0/username type'],
  ['interview_assessments not an array', (b) => { b.interview_assessments = {}; }, '/interview_assessments type'],
  ['external_id as number', (b) => { b.external_id = 7396034232747641133; }, '/external_id type'],
  ['assessment external_interview_id as number', (b) => { b.interview_assessments[0].external_interview_id = 1; }, '/interview_assessments/0/external_interview_id type'],
];

describe('invalid request bodies are rejected, naming the field', () => {
  it.each(invalidBodies)('%s', (_name, mutate, expected) => {
    const body = clone(seedJson[0]);
    mutate(body);
    expect(errorsOf(body)).toContain(expected);
  });
  it('names the missing property', () => {
    const body = clone(seedJson[0]);
    delete body.external_application_id;
    validateRequest(body);
    expect(validateRequest.errors[0].params).toEqual({ missingProperty: 'external_application_id' });
  });
});

describe('integer formats', () => {
  it('int64 accepts every safe integer and nothing beyond, int32 keeps its 32-bit range', () => {
    for (const t of [0, 1618500278638, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) expect(errorsOf({ external_application_id: '1', begin_time: t }), String(t)).toEqual([]);
    for (const t of [2 ** 53, -(2 ** 53), 1e300, 2 ** 63]) expect(errorsOf({ external_application_id: '1', begin_time: t }), String(t)).toEqual(['/begin_time format']);
    expect(INTEGER_FORMATS.int32.validate(2 ** 31 - 1)).toBe(true);
    expect(INTEGER_FORMATS.int32.validate(2 ** 31)).toBe(false);
    expect(INTEGER_FORMATS.int64.rule).toBe('a safe integer');
  });
});

describe('source YAML stays parseable', () => {
  it('parses the dist YAML to the same document as the JSON', () => {
    const yamlDoc = parse(readFileSync(new URL('../dist/openapi.yaml', import.meta.url), 'utf8'));
    expect(yamlDoc).toEqual(openapi);
  });
});
