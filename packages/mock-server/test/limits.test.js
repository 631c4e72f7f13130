// Token expiry and the per-token rate limit, on the injectable clock or a fake Date (never on real time, so that a
// busy machine cannot move a request into another window).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXPIRED_TOKEN_GRACE_MS } from '../src/tokens.js';
import { startMockServer } from '../src/index.js';
import { API_PATH, INTERVIEW_ID, call, exampleBody, fetchToken } from './helpers.js';

const mocks = [];
/** Starts a mock that is closed after the test. */
async function start(options) {
  const mock = await startMockServer(options);
  mocks.push(mock);
  return mock;
}
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(mocks.splice(0).map((m) => m.close()));
});

describe('token expiry', () => {
  it('rejects a token once its expire has passed with 400 / 99991663 (fake clock)', async () => {
    let clock = 1_000_000;
    const mock = await start({ tokenTtlSeconds: 60, now: () => clock });
    const token = await fetchToken(mock);
    clock += 59_999;
    expect((await call(mock, API_PATH, { token, body: exampleBody() })).res.status).toBe(200);
    clock += 1;
    const before = mock.store.get(INTERVIEW_ID);
    const { res, json } = await call(mock, API_PATH, { token, body: exampleBody() });
    expect(res.status).toBe(400);
    expect(json).toEqual({
      code: 99991663,
      msg: 'Invalid access token for authorization. Please make a request with token attached. (token expired)',
    });
    expect(mock.store.get(INTERVIEW_ID)).toEqual(before);
    // A fresh token works again.
    expect((await call(mock, API_PATH, { token: await fetchToken(mock), body: exampleBody() })).res.status).toBe(200);
  });

  it('expires a token after tokenTtlSeconds by the default clock, Date.now (fake Date)', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_700_000_000_000 }); // Date alone: timers and sockets stay real
    const mock = await start({ tokenTtlSeconds: 1 });
    const { json: issued } = await call(mock, '/open-apis/auth/v3/tenant_access_token/internal', {
      method: 'POST',
      body: { app_id: 'cli_mock_app', app_secret: 'mock_app_secret' },
    });
    expect(issued.expire).toBe(1);
    const token = issued.tenant_access_token;
    expect((await call(mock, API_PATH, { token, body: exampleBody() })).json.code).toBe(0);
    vi.setSystemTime(Date.now() + 999);
    expect((await call(mock, API_PATH, { token, body: exampleBody() })).json.code).toBe(0);
    vi.setSystemTime(Date.now() + 1);
    expect((await call(mock, API_PATH, { token, body: exampleBody() })).json.code).toBe(99991663);
  });

  it('forgets a token an hour after it expired, and stale rate-limit windows, so memory stays bounded (fake clock)', async () => {
    let clock = 1_000_000;
    const mock = await start({ tokenTtlSeconds: 60, tokens: ['t-static'], now: () => clock });
    const token = await fetchToken(mock);
    clock += 60_000 + EXPIRED_TOKEN_GRACE_MS - 1;
    expect((await call(mock, API_PATH, { token, body: exampleBody() })).json.msg).toMatch(/\(token expired\)$/);
    clock += 1000; // sweeps run at most once a second
    expect((await call(mock, API_PATH, { token, body: exampleBody() })).json.msg).toMatch(/\(unknown token\)$/);
    // Static tokens are never forgotten.
    expect((await call(mock, API_PATH, { token: 't-static', body: exampleBody() })).res.status).toBe(200);
  });

  it('static tokens from the tokens option never expire', async () => {
    let clock = 0;
    const mock = await start({ tokens: ['t-static'], now: () => clock });
    clock += 10 * 86_400_000;
    expect((await call(mock, API_PATH, { token: 't-static', body: exampleBody() })).res.status).toBe(200);
  });
});

describe('rate limit', () => {
  it('answers the 11th request within a second with 429, 99991400 and x-ogw-ratelimit-* headers, then recovers (fake clock)', async () => {
    let clock = 0;
    const mock = await start({ tokens: ['t-a'], now: () => clock });
    // One parallel burst: all 11 arrive within the same second (the clock stands still).
    const burst = await Promise.all(Array.from({ length: 11 }, () => call(mock, API_PATH, { token: 't-a', body: exampleBody() })));
    const limited = burst.filter(({ res }) => res.status === 429);
    expect(burst.filter(({ res }) => res.status === 200)).toHaveLength(10);
    expect(limited).toHaveLength(1);
    const [{ res, json }] = limited;
    expect(json).toEqual({ code: 99991400, msg: 'request trigger frequency limit' });
    expect(res.headers.get('x-ogw-ratelimit-limit')).toBe('10');
    const reset = Number(res.headers.get('x-ogw-ratelimit-reset'));
    expect(Number.isInteger(reset) && reset >= 1).toBe(true);

    clock += reset * 1000;
    expect((await call(mock, API_PATH, { token: 't-a', body: exampleBody() })).res.status).toBe(200);
  });

  it('counts per token and honours rateLimitPerSecond (fake clock)', async () => {
    let clock = 0;
    const mock = await start({ tokens: ['t-a', 't-b'], rateLimitPerSecond: 2, now: () => clock });
    const status = async (token) => (await call(mock, API_PATH, { token, body: exampleBody() })).res.status;
    expect([await status('t-a'), await status('t-a')]).toEqual([200, 200]);
    const before = mock.store.get(INTERVIEW_ID);
    const limited = await call(mock, API_PATH, { token: 't-a', body: { external_application_id: 'other' } });
    expect(limited.res.status).toBe(429);
    expect(limited.res.headers.get('x-ogw-ratelimit-limit')).toBe('2');
    expect(mock.store.get(INTERVIEW_ID)).toEqual(before); // the rejected request changed nothing
    expect(await status('t-b')).toBe(200); // another token has its own quota
    clock += 999;
    expect(await status('t-a')).toBe(429);
    clock += 1;
    expect(await status('t-a')).toBe(200); // a new window
  });

  it('reports the whole seconds left, at least 1', async () => {
    let clock = 0;
    const mock = await start({ tokens: ['t-a'], rateLimitPerSecond: 1, now: () => clock });
    await call(mock, API_PATH, { token: 't-a', body: exampleBody() });
    clock += 990;
    const { res } = await call(mock, API_PATH, { token: 't-a', body: exampleBody() });
    expect(res.status).toBe(429);
    expect(res.headers.get('x-ogw-ratelimit-reset')).toBe('1');
    expect(res.headers.get('x-ogw-ratelimit-limit')).toBe('1');
  });

  it('is off with rateLimitPerSecond 0 or false (fake clock: all 30 in one second)', async () => {
    for (const rateLimitPerSecond of [0, false]) {
      const mock = await start({ tokens: ['t-a'], rateLimitPerSecond, now: () => 0 });
      const results = await Promise.all(
        Array.from({ length: 30 }, () => call(mock, API_PATH, { token: 't-a', body: exampleBody() })),
      );
      expect(results.every(({ res }) => res.status === 200)).toBe(true);
    }
  });

  it('does not limit the token endpoint (fake clock: all 5 in one second)', async () => {
    const mock = await start({ rateLimitPerSecond: 1, now: () => 0 });
    for (let i = 0; i < 5; i += 1) await fetchToken(mock);
  });
});
