// Token expiry, the token endpoint's reuse of an app's token and the per-app rate limit, on the injectable clock or a
// fake Date (never on real time, so that a busy machine cannot move a request into another window).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXPIRED_TOKEN_GRACE_MS, TOKEN_REUSE_MIN_LEFT_MS } from '../src/tokens.js';
import { startMockServer } from '../src/index.js';
import { API_PATH, APP, INTERVIEW_ID, TOKEN_URL_PATH, call, exampleBody, fetchToken, mocksClosedAfterEach } from './helpers.js';

/** Starts a mock that is closed after the test. */
const start = mocksClosedAfterEach();
afterEach(() => {
  vi.useRealTimers();
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

  it('counts a static token without appId as its own app, and honours rateLimitPerSecond (fake clock)', async () => {
    let clock = 0;
    const mock = await start({ tokens: ['t-a', 't-b'], rateLimitPerSecond: 2, now: () => clock });
    const status = async (token) => (await call(mock, API_PATH, { token, body: exampleBody() })).res.status;
    expect([await status('t-a'), await status('t-a')]).toEqual([200, 200]);
    const before = mock.store.get(INTERVIEW_ID);
    const limited = await call(mock, API_PATH, { token: 't-a', body: { external_application_id: 'other' } });
    expect(limited.res.status).toBe(429);
    expect(limited.res.headers.get('x-ogw-ratelimit-limit')).toBe('2');
    expect(mock.store.get(INTERVIEW_ID)).toEqual(before); // the rejected request changed nothing
    expect(await status('t-b')).toBe(200); // another static token is another app, with its own quota
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

describe('token endpoint: one current token per app, as on Feishu (fake clock)', () => {
  /** Asks the token endpoint; returns `{ token, expire }`. */
  const ask = async (mock, credentials = APP) => {
    const { json } = await call(mock, TOKEN_URL_PATH, { method: 'POST', body: credentials });
    expect(json.code).toBe(0);
    return { token: json.tenant_access_token, expire: json.expire };
  };

  it('answers the same token with its remaining expire (rounded down) while it has more than 30 minutes left', async () => {
    let clock = 1_000_000;
    const mock = await start({ now: () => clock });
    const first = await ask(mock);
    expect(first.expire).toBe(7200);
    clock += 1500; // 7198.5 s left
    expect(await ask(mock)).toEqual({ token: first.token, expire: 7198 });
    clock = 1_000_000 + 7200_000 - TOKEN_REUSE_MIN_LEFT_MS - 1; // 1800.001 s left
    expect(await ask(mock)).toEqual({ token: first.token, expire: 1800 });
  });

  it('issues a new token once 30 minutes or less are left; the old one stays valid until it expires', async () => {
    let clock = 1_000_000;
    const mock = await start({ now: () => clock });
    const first = await ask(mock);
    clock += 7200_000 - TOKEN_REUSE_MIN_LEFT_MS; // exactly 30 minutes left
    const second = await ask(mock);
    expect(second.token).not.toBe(first.token);
    expect(second.expire).toBe(7200);
    expect(await ask(mock)).toEqual({ token: second.token, expire: 7200 }); // the new one is now the current one
    clock += TOKEN_REUSE_MIN_LEFT_MS - 1;
    expect((await call(mock, API_PATH, { token: first.token, body: exampleBody() })).res.status).toBe(200);
    clock += 1;
    expect((await call(mock, API_PATH, { token: first.token, body: exampleBody() })).json.code).toBe(99991663);
    expect((await call(mock, API_PATH, { token: second.token, body: exampleBody() })).res.status).toBe(200);
  });

  it('gives each app its own token', async () => {
    const apps = [{ appId: 'cli_a', appSecret: 's_a' }, { appId: 'cli_b', appSecret: 's_b' }];
    const mock = await start({ apps, now: () => 0 });
    const a = await ask(mock, { app_id: 'cli_a', app_secret: 's_a' });
    const b = await ask(mock, { app_id: 'cli_b', app_secret: 's_b' });
    expect(a.token).not.toBe(b.token);
    expect((await ask(mock, { app_id: 'cli_a', app_secret: 's_a' })).token).toBe(a.token);
  });

  it('issues a new token every time when tokenTtlSeconds is 30 minutes or less', async () => {
    const mock = await start({ tokenTtlSeconds: 1800, now: () => 0 });
    const first = await ask(mock);
    expect(first.expire).toBe(1800);
    expect((await ask(mock)).token).not.toBe(first.token);
  });
});

describe('rate limit per app (fake clock)', () => {
  it('a cold client sending 30 concurrent calls gets one token and 20 answers 429', async () => {
    const mock = await start({ now: () => 0 });
    const tokens = await Promise.all(Array.from({ length: 30 }, () => fetchToken(mock)));
    expect(new Set(tokens).size).toBe(1);
    const results = await Promise.all(tokens.map((token) => call(mock, API_PATH, { token, body: exampleBody() })));
    expect(results.filter(({ res }) => res.status === 200)).toHaveLength(10);
    expect(results.filter(({ res }) => res.status === 429)).toHaveLength(20);
  });

  it('all tokens of an app share the quota: the old and the new token, and a static token bound to the app', async () => {
    let clock = 0;
    const mock = await start({ rateLimitPerSecond: 3, tokens: [{ token: 't-bound', appId: APP.app_id }, 't-own'], now: () => clock });
    const old = await fetchToken(mock);
    clock += 7200_000 - TOKEN_REUSE_MIN_LEFT_MS; // the next ask gives a new token; the old one is still valid
    const fresh = await fetchToken(mock);
    expect(fresh).not.toBe(old);
    const status = async (token) => (await call(mock, API_PATH, { token, body: exampleBody() })).res.status;
    expect([await status(old), await status(fresh), await status('t-bound')]).toEqual([200, 200, 200]);
    expect([await status(old), await status(fresh), await status('t-bound')]).toEqual([429, 429, 429]);
    expect(await status('t-own')).toBe(200); // a static token without appId is its own app
  });

  it('keys windows by operation and app (rateLimitKey)', async () => {
    const { rateLimitKey } = await import('../src/rate-limit.js');
    const op = { operationId: 'updateExternalInterview' };
    expect(rateLimitKey(op, 't-1', 'cli_a')).toBe(rateLimitKey(op, 't-2', 'cli_a'));
    expect(rateLimitKey(op, 't-1', 'cli_a')).not.toBe(rateLimitKey(op, 't-1', 'cli_b'));
    expect(rateLimitKey(op, 't-1', undefined)).not.toBe(rateLimitKey(op, 't-2', undefined));
    expect(rateLimitKey(op, 't-1', 'cli_a')).not.toBe(rateLimitKey({ operationId: 'other' }, 't-1', 'cli_a'));
  });
});
