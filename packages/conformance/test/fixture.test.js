// Proof by fixture: an operation added to the spec (a GET with query parameters and no body) gets its own cases
// once it has a response semantics entry, and generation fails naming it without one.
import { describe, expect, it } from 'vitest';
import { errorCodeFor, operationById, operationsOf } from '@feishu-hire/spec/model';
import { createValidation } from '@feishu-hire/spec/validation';
import { FIXTURE_OPERATION_ID, FIXTURE_PATH, specWithGetOperation } from '../../spec/test/fixtures/fixture-specs.js';
import { createVirtualClock, generateCases, issueToken, runConformance } from '../src/index.js';

/** The test's response semantics of the fixture operation: a success lists notes. */
const semantics = {
  [FIXTURE_OPERATION_ID]: { writes: false, check: ({ body }) => (Array.isArray(body?.data?.items) ? [] : ['data.items: expected a list of notes']) },
};
const doc = specWithGetOperation();
const fixture = operationById(FIXTURE_OPERATION_ID, operationsOf(doc));
const cases = generateCases(doc, { semantics }).filter((c) => c.operationId === FIXTURE_OPERATION_ID);
const byId = new Map(cases.map((c) => [c.id.slice(FIXTURE_OPERATION_ID.length + 1), c]));

describe(`the fixture operation ${FIXTURE_OPERATION_ID} (GET, query parameters, no body)`, () => {
  it('gets cases whose ids start with its operationId', () => {
    expect(cases.length).toBeGreaterThan(8);
    for (const c of cases) expect(c.id.startsWith(`${FIXTURE_OPERATION_ID}.`), c.id).toBe(true);
  });

  it('has a missing-required-query case expecting the invalid-parameter code and naming query.external_interview_id', () => {
    const c = byId.get('invalid.query-required:external_interview_id');
    expect(c.expect).toEqual({ status: 400, envelope: 'ErrorResponse', code: 1002002, field: 'query.external_interview_id' });
    expect(c.expect.code).toBe(errorCodeFor(fixture, 'invalid_parameter').code);
    expect(c.request.query).not.toHaveProperty('external_interview_id');
  });

  it('has no body cases, and sends no body', () => {
    for (const c of cases) {
      expect(c.id, c.id).not.toMatch(/\.invalid\.(type-\w+|required|closed|enum(-\w+)?|items-first|body|content-type)[:/]/);
      expect(c.request).not.toHaveProperty('body');
      expect(c.request).not.toHaveProperty('rawBody');
      expect(c.request.headers).not.toHaveProperty('content-type');
    }
  });

  it('breaks each query parameter where its case says (page_size=abc, a fraction, out of bounds)', () => {
    const { query } = createValidation({ doc }).forOperation(fixture);
    const parameterCases = cases.filter((c) => c.id.includes('.invalid.query-'));
    expect(parameterCases.map((c) => c.id.slice(FIXTURE_OPERATION_ID.length + 1))).toEqual([
      'invalid.query-required:external_interview_id', 'invalid.query-minLength:external_interview_id',
      'invalid.query-type:page_size', 'invalid.query-fraction:page_size', 'invalid.query-minimum:page_size', 'invalid.query-maximum:page_size',
    ]);
    expect(byId.get('invalid.query-type:page_size').request.query.page_size).toBe('abc');
    for (const c of parameterCases) expect(query({ ...c.request.query }).map((i) => i.path), c.id).toContain(c.expect.field);
    for (const c of cases.filter((x) => x.kind === 'valid')) expect(query({ ...c.request.query }), c.id).toEqual([]);
  });

  it('gets auth cases from its bearer scheme and a burst from its rate limit, sending an invalid request', () => {
    expect(cases.filter((c) => c.kind === 'auth').map((c) => c.id.slice(FIXTURE_OPERATION_ID.length + 1))).toEqual(['auth.missing', 'auth.invalid-token', 'auth.wrong-scheme', 'auth.bare-token', 'auth.token-other-scheme', 'auth.expired-token']);
    const burst = byId.get('rate-limit.burst');
    expect(burst).toMatchObject({ burst: fixture.rateLimit.requests * 3, expect: { status: 429, code: errorCodeFor(fixture, 'rate_limited').code } });
    expect(burst.request.query).not.toHaveProperty('external_interview_id');
  });

  it('without a semantics entry, generation fails naming the operation', () => {
    expect(() => generateCases(doc)).toThrow(`operation ${FIXTURE_OPERATION_ID}: belongs to no resource (no x-feishu-role on a resource tag) and has no entry in the response semantics`);
  });

  it('with a non-bearer security scheme, generation fails naming the scheme and the operation', () => {
    const apiKey = specWithGetOperation();
    apiKey.components.securitySchemes.fixtureKey = { type: 'apiKey', in: 'query', name: 'key' };
    apiKey.paths[FIXTURE_PATH].get.security = [{ fixtureKey: [] }];
    expect(() => generateCases(apiKey, { semantics })).toThrow(`operation ${FIXTURE_OPERATION_ID}: security scheme fixtureKey (apiKey) is not handled by the generator (only http bearer)`);
  });
});

describe(`the runner sends the fixture operation's requests as generated (a recording fetch, not a server)`, () => {
  it('GET with the query string, the bearer token, no body; the valid case passes its semantics', async () => {
    const sent = [];
    const recording = async (url, init) => {
      sent.push({ url: new URL(url), init });
      return new Response(JSON.stringify({ code: 0, msg: 'ok', data: { items: ['a note'] } }), { status: 200, headers: { 'content-type': 'application/json', 'x-tt-logid': 'L1' } });
    };
    const valid = [byId.get('valid.example:parameters'), byId.get('valid.minimal')];
    const run = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't-x', rate: 0, spec: doc, semantics, cases: valid, fetch: recording });
    expect(run.results.map((r) => [r.id, r.status, r.reason])).toEqual(valid.map((c) => [c.id, 'passed', '']));
    expect(sent.map(({ url }) => url.pathname + url.search)).toEqual([
      `${FIXTURE_PATH}?external_interview_id=6960663240925956660&page_size=10`,
      `${FIXTURE_PATH}?external_interview_id=6960663240925956660`,
    ]);
    for (const { init } of sent) expect(init).toMatchObject({ method: 'GET', body: undefined, headers: { authorization: 'Bearer t-x' } });
  });

  it('fails a success that breaks the semantics entry', async () => {
    const empty = async () => new Response(JSON.stringify({ code: 0, msg: 'ok', data: {} }), { status: 200, headers: { 'content-type': 'application/json', 'x-tt-logid': 'L1' } });
    const run = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't-x', rate: 0, spec: doc, semantics, cases: [byId.get('valid.minimal')], fetch: empty });
    expect(run.results[0].problems).toEqual(['data.items: expected a list of notes']);
  });
});

describe('the whole chain on the fixture spec: the embedded mock serves it with one handler, every case runs over HTTP', () => {
  it('passes every case of the fixture operation against the mock, its burst and expired token on a virtual clock', async () => {
    const { DEFAULT_APPS, startMockServer } = await import('@feishu-hire/mock-server');
    const [app] = DEFAULT_APPS;
    const clock = createVirtualClock();
    const mock = await startMockServer({ spec: doc, handlers: { [FIXTURE_OPERATION_ID]: () => ({ items: ['a note'] }) }, now: clock.now });
    const credentials = { baseUrl: mock.url, appId: app.appId, appSecret: app.appSecret };
    const expiredToken = async () => {
      const { token, expire } = await issueToken({ ...credentials, spec: doc });
      clock.advance((expire + 1) * 1000);
      return token;
    };
    try {
      // Paced under its own 5/s (on the virtual clock), so that only the burst meets the limit.
      const run = await runConformance({ ...credentials, rate: 4, clock, checkRateLimit: true, expiredToken, spec: doc, semantics, cases });
      expect(run.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.status} ${r.reason}`)).toEqual([]);
      expect(run.controls.map((c) => [c.operationId, c.accepted])).toEqual([[FIXTURE_OPERATION_ID, true]]);
    } finally {
      await mock.close();
    }
  });
});
