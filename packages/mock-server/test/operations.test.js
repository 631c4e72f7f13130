// The operations model drives the mock: every operation of the spec is routed, validated, authenticated and
// rate-limited from the spec, and implemented by a handler of the one table, or the mock refuses to start.
import { errorCodes, operations } from '@feishu-hire/spec/model';
import { describe, expect, it } from 'vitest';
import {
  FIXTURE_OPERATION_ID,
  FIXTURE_PATH,
  UNHANDLED_OPERATION_ID,
  specWithGetOperation,
  specWithUnhandledOperation,
} from '../../spec/test/fixtures/fixture-specs.js';
import { Codes, TOKEN_PATH, startMockServer } from '../src/index.js';
import { handlerTable } from '../src/routes.js';
import { API_PATH, TOKEN_URL_PATH, call, exampleBody, mocksClosedAfterEach } from './helpers.js';

/** Starts a mock that is closed after the test. */
const start = mocksClosedAfterEach();

/** A handler of the fixture GET that answers the validated query it got. */
const listNotes = ({ query, token }) => ({ items: [`${query.external_interview_id}:${typeof query.page_size}:${query.page_size}:${token}`] });

describe('the shipped spec', () => {
  it('has a handler for every operation: the default of its role for an operation of a resource, else one written by hand', () => {
    const table = handlerTable(operations);
    expect(operations.filter((o) => typeof table[o.operationId] !== 'function').map((o) => o.operationId)).toEqual([]);
  });

  it('gives Codes (every error code by name) and TOKEN_PATH', () => {
    expect(Codes).toEqual(Object.fromEntries(errorCodes.map((e) => [e.name, e.code])));
    for (const name of ['InvalidParameter', 'SystemError', 'RateLimited', 'MissingAccessToken', 'InvalidAccessToken', 'TokenInvalidParam', 'AppSecretInvalid']) {
      expect(Codes[name], name).toEqual(expect.any(Number));
    }
    expect(TOKEN_PATH).toBe(TOKEN_URL_PATH);
  });
});

describe('proof by fixture: an operation added to the spec (GET listFixtureInterviewNotes)', () => {
  const spec = specWithGetOperation();
  const get = (mock, query, options = {}) => call(mock, `${FIXTURE_PATH}${query}`, { method: 'GET', token: 't-a', spec, ...options });
  const fixtureMock = (options = {}) => start({ spec, tokens: ['t-a'], handlers: { [FIXTURE_OPERATION_ID]: listNotes }, ...options });

  it('is routed, its query coerced and validated, and answered in the success envelope', async () => {
    const mock = await fixtureMock();
    const { res, json } = await get(mock, '?external_interview_id=42&page_size=20');
    expect(res.status).toBe(200);
    expect(json).toEqual({ code: 0, msg: 'success', data: { items: ['42:number:20:t-a'] } });
  });

  it('rejects a query value that breaks its schema: 400 / 1002002 naming query.page_size', async () => {
    const mock = await fixtureMock();
    const { res, json } = await get(mock, '?external_interview_id=42&page_size=abc');
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: '参数错误: query.page_size must be of type integer' });
  });

  it('rejects a missing required query parameter: 400 / 1002002 naming query.external_interview_id', async () => {
    const mock = await fixtureMock();
    const { res, json } = await get(mock, '?page_size=10');
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: '参数错误: query.external_interview_id is required' });
  });

  it('answers a wrong method with 405 and Allow listing the spec methods of the path', async () => {
    const mock = await fixtureMock();
    const onFixture = await call(mock, FIXTURE_PATH, { method: 'POST', token: 't-a', body: {}, spec });
    expect(onFixture.res.status).toBe(405);
    expect(onFixture.res.headers.get('allow')).toBe('GET');
    const onUpdate = await call(mock, API_PATH, { method: 'POST', token: 't-a', body: exampleBody(), spec });
    expect(onUpdate.res.status).toBe(405);
    expect(onUpdate.res.headers.get('allow')).toBe('PUT, DELETE');
  });

  it('authenticates it from its security (bearer) and still serves the other operations', async () => {
    const mock = await fixtureMock();
    expect((await get(mock, '?external_interview_id=42', { token: undefined })).json.code).toBe(99991661);
    expect((await get(mock, '?external_interview_id=42', { token: 't-forged' })).json.code).toBe(99991663);
    expect((await call(mock, API_PATH, { token: 't-a', body: exampleBody(), spec })).res.status).toBe(200);
  });

  it('limits it at its own rate (5/s), counted apart from the other operations (fake clock)', async () => {
    let clock = 0;
    const mock = await fixtureMock({ now: () => clock });
    for (let i = 0; i < 5; i += 1) expect((await get(mock, '?external_interview_id=42')).res.status).toBe(200);
    const limited = await get(mock, '?external_interview_id=42');
    expect(limited.res.status).toBe(429);
    expect(limited.json).toEqual({ code: 99991400, msg: 'request trigger frequency limit' });
    expect(limited.res.headers.get('x-ogw-ratelimit-limit')).toBe('5');
    expect((await call(mock, API_PATH, { token: 't-a', body: exampleBody(), spec })).res.status).toBe(200);
    clock += 1000;
    expect((await get(mock, '?external_interview_id=42')).res.status).toBe(200);
  });

  it('applies rateLimitPerSecond to every rate-limited operation instead of the spec value', async () => {
    const mock = await fixtureMock({ rateLimitPerSecond: 1, now: () => 0 });
    expect((await get(mock, '?external_interview_id=42')).res.status).toBe(200);
    expect((await get(mock, '?external_interview_id=42')).res.headers.get('x-ogw-ratelimit-limit')).toBe('1');
  });

  it('without a handler the mock refuses to start, naming the operation', async () => {
    await expect(startMockServer({ spec })).rejects.toThrow(
      `mock-server: no handler for operation ${FIXTURE_OPERATION_ID} (GET ${FIXTURE_PATH})`,
    );
  });

  it('an operation no handler implements makes the mock refuse to start, naming it', async () => {
    const options = { spec: specWithUnhandledOperation(), handlers: { [FIXTURE_OPERATION_ID]: listNotes } };
    await expect(startMockServer(options)).rejects.toThrow(`mock-server: no handler for operation ${UNHANDLED_OPERATION_ID} (POST ${FIXTURE_PATH}/archive)`);
  });
});

describe('spec and handlers options', () => {
  it('Allow lists every method the spec defines on a path', async () => {
    const spec = specWithGetOperation();
    spec.paths[FIXTURE_PATH].post = { ...structuredClone(spec.paths[FIXTURE_PATH].get), operationId: 'postFixtureNote', parameters: [] };
    const mock = await start({ spec, handlers: { [FIXTURE_OPERATION_ID]: listNotes, postFixtureNote: () => ({}) } });
    const { res, json } = await call(mock, FIXTURE_PATH, { method: 'DELETE', spec });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expect(json).toEqual({ code: 405, msg: `method DELETE is not allowed on ${FIXTURE_PATH} (use GET, POST)` });
  });

  it('an operation without a request body accepts none', async () => {
    const spec = specWithUnhandledOperation();
    const mock = await start({ spec, tokens: ['t-a'], handlers: { [FIXTURE_OPERATION_ID]: listNotes, [UNHANDLED_OPERATION_ID]: () => ({ archived: true }) } });
    const path = `${FIXTURE_PATH}/archive`;
    expect((await call(mock, path, { method: 'POST', token: 't-a', spec })).json).toEqual({ code: 0, msg: 'success', data: { archived: true } });
    expect((await call(mock, path, { method: 'POST', token: 't-a', body: {}, spec })).json.code).toBe(0); // the SDK sends {} with every call
    const { res, json } = await call(mock, path, { method: 'POST', token: 't-a', body: { archived: false }, spec });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 1002002, msg: '参数错误: body is not allowed (this operation takes no request body)' });
  });

  it('a handler overrides the built-in one; ctx.reject answers the operation error code, other throws answer 500', async () => {
    const calls = [];
    const mock = await start({
      tokens: ['t-a'],
      handlers: {
        updateExternalInterview: (ctx) => {
          calls.push(ctx.body.participate_status);
          if (ctx.body.participate_status === 3) throw ctx.reject('invalid_parameter', 'no shows today');
          if (ctx.body.participate_status === 2) throw new Error('boom');
          return { external_interview: { id: ctx.path.external_interview_id, external_application_id: ctx.body.external_application_id } };
        },
      },
    });
    const body = (participate_status) => ({ ...exampleBody(), participate_status });
    expect((await call(mock, API_PATH, { token: 't-a', body: body(1) })).json.data.external_interview.id).toBe('6960663240925956660');
    expect((await call(mock, API_PATH, { token: 't-a', body: body(3) })).json).toEqual({ code: 1002002, msg: '参数错误: no shows today' });
    const failed = await call(mock, API_PATH, { token: 't-a', body: body(2) });
    expect([failed.res.status, failed.json]).toEqual([500, { code: 1002001, msg: '系统异常' }]);
    expect(calls).toEqual([1, 3, 2]);
  });

  it('a handler naming no operation, or one that is not a function, is rejected', async () => {
    await expect(startMockServer({ handlers: { archiveEverything: () => ({}) } })).rejects.toThrow(
      'mock-server: options.handlers names no operation of the spec: archiveEverything',
    );
    await expect(startMockServer({ handlers: { updateExternalInterview: 5 } })).rejects.toThrow(
      'Invalid mock server options: options.handlers.updateExternalInterview must be a function',
    );
  });

  it('a spec the model cannot read is rejected naming the operation', async () => {
    const spec = specWithGetOperation();
    delete spec.paths[FIXTURE_PATH].get['x-feishu-rate-limit'];
    await expect(startMockServer({ spec, handlers: { [FIXTURE_OPERATION_ID]: listNotes } })).rejects.toThrow(
      `mock-server: the spec cannot be served: operation ${FIXTURE_OPERATION_ID} (GET ${FIXTURE_PATH}): x-feishu-rate-limit is required`,
    );
  });

  it('the token endpoint validates its body against the spec', async () => {
    const mock = await start();
    const { res, json } = await call(mock, TOKEN_URL_PATH, { method: 'POST', body: { app_secret: 'x' } });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 10003, msg: 'invalid param: body.app_id is required' });
  });
});
