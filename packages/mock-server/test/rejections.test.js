// Every class of rejected request: the right status, code and a msg naming the field and rule; nothing changes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';
import { API_PATH, APP, APPLICATION_ID, INTERVIEW_ID, TOKEN_URL_PATH, call, exampleBody, fetchToken } from './helpers.js';

let mock;
let token;
let before;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerSecond: 0 });
  token = await fetchToken(mock);
  before = mock.store.list();
});
afterAll(() => mock.close());
// The one property every rejection shares: the stored interviews are exactly as they were.
afterEach(() => expect(mock.store.list()).toEqual(before));

/** A body with one change applied by `edit`. */
function bodyWhere(edit) {
  const body = exampleBody();
  edit(body);
  return body;
}

// Unknown fields are dropped by default and rejected with strictFields: see fields.test.js.
describe('body that breaks the spec -> HTTP 400, 1002002, msg naming the field and the rule', () => {
  const cases = [
    ['an enum value', (b) => (b.interview_assessments[0].conclusion = 4), 'body.interview_assessments[0].conclusion must be one of 1, 2, 3'],
    ['a missing required field', (b) => delete b.external_application_id, 'body.external_application_id is required'],
    ['a wrong type', (b) => (b.begin_time = '1618500278638'), 'body.begin_time must be of type integer'],
    [
      'a nested enum value',
      (b) => (b.interview_assessments[0].assessment_dimension_list[0].assessment_type = 5),
      'body.interview_assessments[0].assessment_dimension_list[0].assessment_type must be one of 1, 2, 3, 4',
    ],
    [
      'an int32 overflow',
      (b) => (b.interview_assessments[0].assessment_dimension_list[0].score = 2 ** 31),
      'body.interview_assessments[0].assessment_dimension_list[0].score must be a 32-bit integer (format int32)',
    ],
    ['an int64 beyond the safe integers', (b) => (b.begin_time = 1e300), 'body.begin_time must be a safe integer (format int64)'],
    ['an int64 of 2^53 (not exact in JSON parsed by JS)', (b) => (b.end_time = 2 ** 53), 'body.end_time must be a safe integer (format int64)'],
    ['a non-array list', (b) => (b.interview_assessments = {}), 'body.interview_assessments must be of type array'],
    ['participate_status out of range', (b) => (b.participate_status = 0), 'body.participate_status must be one of 1, 2, 3'],
  ];
  it.each(cases)('%s', async (_name, edit, message) => {
    const { res, json } = await call(mock, API_PATH, { token, body: bodyWhere(edit) });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: `参数错误: ${message}` });
  });

  it('names every broken field at once', async () => {
    const body = bodyWhere((b) => {
      b.participate_status = 9;
      b.interview_assessments[0].conclusion = 0;
    });
    const { json } = await call(mock, API_PATH, { token, body });
    expect(json.msg).toContain('body.participate_status must be one of 1, 2, 3');
    expect(json.msg).toContain('body.interview_assessments[0].conclusion must be one of 1, 2, 3');
  });

  it('rejects a JSON body that is not an object', async () => {
    for (const raw of ['[]', 'null', '"text"', '42']) {
      const { res, json } = await call(mock, API_PATH, { token, raw, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(json).toEqual({ code: 1002002, msg: '参数错误: body must be of type object' });
    }
  });
});

describe('path that breaks the spec', () => {
  it('an empty external_interview_id -> 400 naming path.external_interview_id', async () => {
    const { res, json } = await call(mock, '/open-apis/hire/v1/external_interviews/', { token, body: exampleBody() });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: '参数错误: path.external_interview_id must NOT have fewer than 1 characters' });
  });

  it('a malformed percent-encoding -> 400 naming path.external_interview_id', async () => {
    const { res, json } = await call(mock, '/open-apis/hire/v1/external_interviews/%E0%A4%A', { token, body: exampleBody() });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: '参数错误: path.external_interview_id is not a valid percent-encoded string' });
  });
});

describe('malformed requests', () => {
  it('malformed JSON -> 400 1002002 "body is not valid JSON"', async () => {
    const { res, json } = await call(mock, API_PATH, { token, raw: '{"external_application_id": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(json.code).toBe(1002002);
    expect(json.msg).toMatch(/^参数错误: body is not valid JSON \(.+\)$/);
  });

  it('a body that is not UTF-8 -> 400 1002002 "body is not valid UTF-8"', async () => {
    const raw = Buffer.concat([Buffer.from('{"external_application_id": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const { res, json } = await call(mock, API_PATH, { token, raw, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: '参数错误: body is not valid UTF-8' });
  });

  it('an empty body -> 400 1002002 "body is required"', async () => {
    const { res, json } = await call(mock, API_PATH, { token, raw: '', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: '参数错误: body is required (the request body is empty)' });
  });

  it.each([
    ['text/plain', '"text/plain"'],
    ['application/x-www-form-urlencoded', '"application/x-www-form-urlencoded"'],
    ['application/json; charset=iso-8859-1', '"application/json; charset=iso-8859-1"'],
  ])('Content-Type %s -> 400 naming header.Content-Type', async (type, shown) => {
    const { res, json } = await call(mock, API_PATH, { token, raw: JSON.stringify(exampleBody()), headers: { 'content-type': type } });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: `参数错误: header.Content-Type must be application/json; charset=utf-8 (got ${shown})` });
  });

  it('no Content-Type -> 400 naming header.Content-Type', async () => {
    const raw = new Blob([JSON.stringify(exampleBody())]); // a Blob without a type: fetch sends no Content-Type
    const { res, json } = await call(mock, API_PATH, { token, raw });
    expect(res.status).toBe(400);
    expect(json.msg).toBe('参数错误: header.Content-Type must be application/json; charset=utf-8 (got none)');
  });

  it('an oversized body -> 400 (the spec documents no 413), 1002002, naming the limit', async () => {
    const body = exampleBody();
    body.interview_assessments[0].content = 'x'.repeat(1024 * 1024);
    const size = Buffer.byteLength(JSON.stringify(body));
    const { res, json } = await call(mock, API_PATH, { token, body });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: `参数错误: request body exceeds 1048576 bytes (got ${size}; the limit is --max-body / maxBodyBytes)` });
  });

  it('an oversized token request -> 400, 10003, naming the limit', async () => {
    const { res, json } = await call(mock, TOKEN_URL_PATH, { method: 'POST', body: { ...APP, padding: 'x'.repeat(1024 * 1024) } });
    expect(res.status).toBe(400);
    expect(json.code).toBe(10003);
    expect(json.msg).toMatch(/^invalid param: request body exceeds 1048576 bytes \(got \d+; the limit is --max-body \/ maxBodyBytes\)$/);
  });
});

describe('authentication', () => {
  it('no Authorization -> 400, 99991661', async () => {
    const { res, json } = await call(mock, API_PATH, { body: exampleBody() });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 99991661, msg: 'Missing access token for authorization. Please make a request with token attached.' });
  });

  it('an Authorization that is not "Bearer <token>" -> 400, 99991661 naming the header', async () => {
    const { res, json } = await call(mock, API_PATH, { body: exampleBody(), headers: { authorization: token } });
    expect(res.status).toBe(400);
    expect(json.code).toBe(99991661);
    expect(json.msg).toContain('header.Authorization must be "Bearer <tenant_access_token>"');
  });

  it('an unknown token -> 400, 99991663', async () => {
    const { res, json } = await call(mock, API_PATH, { token: 't-forged', body: exampleBody() });
    expect(res.status).toBe(400);
    expect(json.code).toBe(99991663);
    expect(json.msg).toBe('Invalid access token for authorization. Please make a request with token attached. (unknown token)');
  });

  it('auth is checked before the body: a bad token with a bad body reports the token', async () => {
    const { json } = await call(mock, API_PATH, { token: 't-forged', raw: '{', headers: { 'content-type': 'application/json' } });
    expect(json.code).toBe(99991663);
  });
});

describe('token endpoint', () => {
  it('answers the app\'s current token again with the seconds it has left (expire <= tokenTtlSeconds)', async () => {
    const { res, json } = await call(mock, TOKEN_URL_PATH, { method: 'POST', body: APP });
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ code: 0, msg: 'ok', tenant_access_token: token });
    expect(json.expire).toBeGreaterThan(7200 - 600); // this file runs in far less than 10 minutes
    expect(json.expire).toBeLessThanOrEqual(7200);
  });

  it('wrong credentials -> 400, 10014 "app secret invalid"', async () => {
    for (const body of [{ ...APP, app_secret: 'nope' }, { ...APP, app_id: 'cli_other' }]) {
      const { res, json } = await call(mock, TOKEN_URL_PATH, { method: 'POST', body });
      expect(res.status).toBe(400);
      expect(json).toEqual({ code: 10014, msg: 'app secret invalid' });
    }
  });

  it('missing fields or malformed JSON -> 400, 10003 naming the field', async () => {
    const missing = await call(mock, TOKEN_URL_PATH, { method: 'POST', body: { app_id: APP.app_id } });
    expect(missing.res.status).toBe(400);
    expect(missing.json).toEqual({ code: 10003, msg: 'invalid param: body.app_secret is required' });
    const malformed = await call(mock, TOKEN_URL_PATH, { method: 'POST', raw: '{', headers: { 'content-type': 'application/json' } });
    expect(malformed.json.code).toBe(10003);
    expect(malformed.json.msg).toMatch(/^invalid param: body is not valid JSON/);
  });
});

describe('routing', () => {
  it('an unknown route -> 404 with the envelope', async () => {
    for (const path of ['/', '/open-apis/hire/v1/external_interviews/batch_query/1', `${API_PATH}/extra`, '/open-apis/hire/v1/interviews/1']) {
      const { res, json } = await call(mock, path, { method: 'GET' });
      expect(res.status).toBe(404);
      expect(json).toEqual({ code: 404, msg: `404 page not found: GET ${path}` });
    }
  });

  it('a wrong method -> 405 with an Allow header', async () => {
    for (const [method, path, allow] of [
      ['GET', API_PATH, 'PUT, DELETE'],
      ['POST', API_PATH, 'PUT, DELETE'],
      ['PATCH', API_PATH, 'PUT, DELETE'],
      ['GET', '/open-apis/hire/v1/external_interviews', 'POST'],
      ['PUT', '/open-apis/hire/v1/external_interviews/batch_query', 'POST'],
      ['GET', TOKEN_URL_PATH, 'POST'],
    ]) {
      const { res, json } = await call(mock, path, { method, token, body: method === 'GET' ? undefined : exampleBody() });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(json).toEqual({ code: 405, msg: `method ${method} is not allowed on ${path} (use ${allow})` });
    }
  });
});

describe('store API', () => {
  it('set() rejects an invalid interview naming the field, and the data is copied in and out', () => {
    expect(() => mock.store.set({ id: 'x', external_application_id: 'y', participate_status: 7 })).toThrow(
      'Invalid external_interview: external_interview.participate_status must be one of 1, 2, 3',
    );
    expect(() => mock.store.set({ external_application_id: 'y' })).toThrow('Invalid external_interview: external_interview.id is required');
    const copy = mock.store.get(INTERVIEW_ID);
    copy.external_application_id = 'changed';
    expect(mock.store.get(INTERVIEW_ID).external_application_id).toBe(APPLICATION_ID);
  });

  it('update() assigns every assessment a new id, even when the caller supplies one', () => {
    const updated = mock.store.update(INTERVIEW_ID, { external_application_id: APPLICATION_ID, interview_assessments: [{ id: 'caller-id', username: 'a' }] });
    expect(updated.interview_assessments[0].id).toMatch(/^\d{19}$/);
    expect(mock.store.get(INTERVIEW_ID).interview_assessments[0]).toEqual({ id: updated.interview_assessments[0].id, username: 'a', external_interview_id: INTERVIEW_ID });
    mock.store.set(before.find((i) => i.id === INTERVIEW_ID)); // the seed state, ids included, for the afterEach check
  });
});
