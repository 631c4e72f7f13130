// Behaviour of update() against a real HTTP server on 127.0.0.1 (see helpers/server.ts): no fetch mocking.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inspect } from 'node:util';
import { Conclusion, ErrorCode, HireApiError, HireAuthError, HireError, HireTimeoutError, HireValidationError, ParticipateStatus, createHireClient, dimension } from '../src/index.js';
import { createRawClient } from '../src/raw.js';
import { validateRequest } from '../src/validate.js';
import { BODY, PUT_PREFIX, failure, startFeishu, startServer, success } from './helpers/server.js';
import { closedAfterEach, rejection } from './helpers/lifecycle.js';

const feishu = closedAfterEach(startFeishu);
afterEach(() => {
  vi.useRealTimers();
});
const fast = { baseDelayMs: 10, maxDelayMs: 50 };

describe('update: success', () => {
  it('PUTs the body with the token and the spec media type and resolves to the typed external_interview', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: 't-static', baseUrl: server.url });
    const interview = await client.externalInterviews.update('6960663240925956660', BODY);
    expect(interview.id).toBe('6960663240925956660');
    expect(interview.external_application_id).toBe(BODY.external_application_id);
    expect(interview.interview_assessments?.[0]?.id).toBe('700000000000000000');
    const [put] = server.puts;
    expect(put?.method).toBe('PUT');
    expect(put?.url).toBe(`${PUT_PREFIX}6960663240925956660`);
    expect(put?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(put?.headers.authorization).toBe('Bearer t-static');
    expect(JSON.parse(put!.body)).toEqual(BODY);
  });

  it('builds bodies from enum constants and dimension helpers', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: async () => 't-fn', baseUrl: server.url, validate: validateRequest });
    const interview = await client.externalInterviews.update('1', {
      external_application_id: '2',
      participate_status: ParticipateStatus.NoShow,
      interview_assessments: [
        {
          conclusion: Conclusion.Pass,
          assessment_dimension_list: [
            dimension.score({ title: '技术', score: 90 }),
            dimension.singleChoice({ title: '推荐', option: '强烈推荐' }),
            dimension.description({ title: '评语', description: '总体', content: '很好' }),
            dimension.multipleChoice({ options: ['Go', 'TS'] }),
          ],
        },
      ],
    });
    expect(interview.participate_status).toBe(3);
    expect(JSON.parse(server.puts[0]!.body).interview_assessments[0]).toEqual({
      conclusion: 2,
      assessment_dimension_list: [
        { assessment_type: 1, title: '技术', score: 90 },
        { assessment_type: 2, title: '推荐', option: '强烈推荐' },
        { assessment_type: 3, title: '评语', description: '总体', content: '很好' },
        { assessment_type: 4, options: ['Go', 'TS'] },
      ],
    });
    expect(server.puts[0]!.headers.authorization).toBe('Bearer t-fn');
  });
});

describe('update: errors', () => {
  it('treats HTTP 200 with a non-zero code as an error', async () => {
    const server = await feishu(() => ({ status: 200, body: { code: 1234567, msg: 'no such application' } }));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url });
    const error = await rejection(client.externalInterviews.update('1', BODY));
    expect(error).toBeInstanceOf(HireApiError);
    expect(error).toMatchObject({ name: 'HireApiError', code: 1234567, msg: 'no such application', status: 200, logId: 'logid-0' });
    expect(server.puts).toHaveLength(1);
  });

  it('reports 400/1002002 with code, msg, status and log id, without retrying', async () => {
    const server = await feishu(() => failure(400, ErrorCode.InvalidParameter, '参数错误'));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, retry: fast });
    const error = await rejection(client.externalInterviews.update('1', BODY));
    expect(error).toMatchObject({ code: 1002002, msg: '参数错误', status: 400, logId: 'logid-0', rateLimitResetSeconds: undefined });
    expect(error.message).toBe('参数错误 (code 1002002, HTTP 400, log id logid-0)');
    expect(server.puts).toHaveLength(1);
  });

  it('retries a 500 and resolves when the next attempt succeeds', async () => {
    const server = await feishu((req, i) => (i === 0 ? failure(500, ErrorCode.SystemError, '系统异常') : success(req)));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, retry: fast });
    await expect(client.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
    expect(server.puts).toHaveLength(2);
  });

  it('gives up after maxAttempts on repeated 5xx and throws the last error', async () => {
    const server = await feishu(() => failure(500, ErrorCode.SystemError, '系统异常'));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, retry: { ...fast, maxAttempts: 4 } });
    const error = await rejection(client.externalInterviews.update('1', BODY));
    expect(error).toMatchObject({ code: ErrorCode.SystemError, status: 500, logId: 'logid-3' });
    expect(server.puts).toHaveLength(4);
  });

  it('does not retry when retry is false', async () => {
    const server = await feishu(() => failure(500, ErrorCode.SystemError, '系统异常'));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, retry: false });
    await expect(client.externalInterviews.update('1', BODY)).rejects.toMatchObject({ code: ErrorCode.SystemError });
    expect(server.puts).toHaveLength(1);
  });

  it('retries a response that is not a Feishu envelope and reports it with code -1', async () => {
    const server = await feishu(() => ({ status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } }));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, retry: fast });
    const error = await rejection(client.externalInterviews.update('1', BODY));
    expect(error).toMatchObject({ code: -1, status: 502 });
    expect(error.msg).toMatch(/not a Feishu \{code, msg\} envelope/);
    expect(server.puts).toHaveLength(3);
  });

  it('reports a success envelope without the interview as an error', async () => {
    const server = await feishu(() => ({ body: { code: 0, msg: 'ok', data: {} } }));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url });
    await expect(client.externalInterviews.update('1', BODY)).rejects.toMatchObject({ code: -1, status: 200, msg: 'success envelope without data.external_interview' });
    expect(server.puts).toHaveLength(1);
  });

  it('retries a dropped connection (network error)', async () => {
    const server = await feishu((req, i) => (i === 0 ? { destroy: true } : success(req)));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, retry: fast });
    await expect(client.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
    expect(server.puts).toHaveLength(2);
  });
});

describe('update: rate limits', () => {
  it('waits x-ogw-ratelimit-reset after a 429, then succeeds (real time)', async () => {
    const server = await feishu((req, i) =>
      i === 0 ? failure(429, ErrorCode.RateLimited, 'request trigger frequency limit', { 'x-ogw-ratelimit-limit': '10', 'x-ogw-ratelimit-reset': '1' }) : success(req),
    );
    const client = createHireClient({ auth: 't-static', baseUrl: server.url });
    await expect(client.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
    expect(server.puts).toHaveLength(2);
    expect(server.puts[1]!.at - server.puts[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('treats code 99991400 as a rate limit even with HTTP 400', async () => {
    const server = await feishu((req, i) => (i === 0 ? failure(400, ErrorCode.RateLimited, 'request trigger frequency limit', { 'x-ogw-ratelimit-reset': '0' }) : success(req)));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url });
    await expect(client.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
    expect(server.puts).toHaveLength(2);
  });

  it('throws the rate-limit error at once when the reset is past the call deadline (totalTimeoutMs)', async () => {
    const server = await feishu(() => failure(429, ErrorCode.RateLimited, 'request trigger frequency limit', { 'x-ogw-ratelimit-reset': '60' }));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, totalTimeoutMs: 5_000 });
    const error = await rejection(client.externalInterviews.update('1', BODY));
    expect(error).toMatchObject({ code: ErrorCode.RateLimited, status: 429, rateLimitResetSeconds: 60 });
    expect(server.puts).toHaveLength(1);
  });

  /** A real fetch that records when the client sent each request (the limiter's output, before socket set-up jitter; a few ms after the limiter's slot). */
  function timedFetch(sent: number[]): typeof fetch {
    return (input, init) => {
      sent.push(performance.now());
      return fetch(input, init);
    };
  }
  /** Checks that no `perSecond + 1` sends fall within one second. */
  function expectRate(sent: number[], perSecond: number) {
    const at = [...sent].sort((a, b) => a - b);
    for (let i = 0; i + perSecond < at.length; i++) expect(at[i + perSecond]! - at[i]!).toBeGreaterThanOrEqual(950);
  }

  it('holds a burst of 30 calls to the default 10 per second', async () => {
    const server = await feishu(success);
    const sent: number[] = [];
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, fetch: timedFetch(sent) });
    const started = performance.now();
    await Promise.all(Array.from({ length: 30 }, (_, i) => client.externalInterviews.update(String(i), BODY)));
    expect(server.puts).toHaveLength(30);
    expect(sent).toHaveLength(30);
    expectRate(sent, 10);
    // 30 calls at 10/s: three windows, so the last one starts 2 s after the first.
    expect(Math.max(...sent) - started).toBeGreaterThanOrEqual(1990);
    // Seen from the server too (with some slack for connection set-up).
    const arrived = server.puts.map((r) => r.at).sort((a, b) => a - b);
    for (let i = 0; i + 10 < arrived.length; i++) expect(arrived[i + 10]! - arrived[i]!).toBeGreaterThanOrEqual(800);
  });

  it('gets no 429 from a fixed-window gateway when the first request is slow to arrive', async () => {
    // The gateway counts per 1 s window opened by the first arrival (as the mock server does). The first request
    // reaches it 150 ms late (slow connection set-up); calls 11-20 must still wait for the second window.
    let windowStart: number | undefined;
    let count = 0;
    const server = await feishu((req) => {
      if (windowStart === undefined || req.at - windowStart >= 1000) (windowStart = req.at), (count = 0);
      return ++count > 10 ? failure(429, ErrorCode.RateLimited, 'request trigger frequency limit', { 'x-ogw-ratelimit-reset': '1' }) : success(req);
    });
    let first = true;
    const slowFirst: typeof fetch = async (input, init) => {
      if (first) (first = false), await new Promise((resolve) => setTimeout(resolve, 150));
      return fetch(input, init);
    };
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, retry: false, fetch: slowFirst });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => client.externalInterviews.update(String(i), BODY)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(server.puts).toHaveLength(20);
  });

  it('holds a burst to a configured rate and lets it through when turned off', async () => {
    const server = await feishu(success);
    const sent: number[] = [];
    const limited = createHireClient({ auth: 't-static', baseUrl: server.url, rateLimit: { requestsPerSecond: 25 }, fetch: timedFetch(sent) });
    await Promise.all(Array.from({ length: 30 }, (_, i) => limited.externalInterviews.update(String(i), BODY)));
    expectRate(sent, 25);

    expect(server.puts).toHaveLength(30);

    // Turned off, all 30 are in flight at once: this server answers none before the 30th has arrived (a limiter
    // still on would let 10 through, which are answered after 10 s, so the check does not depend on speed).
    let arrived = 0;
    let allArrived!: () => void;
    const barrier = new Promise<void>((resolve) => (allArrived = resolve));
    const answeredAt: number[] = [];
    const gate = await feishu(async (req) => {
      if (++arrived === 30) allArrived();
      await Promise.race([barrier, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      answeredAt.push(arrived);
      return success(req);
    });
    const unlimited = createHireClient({ auth: 't-static', baseUrl: gate.url, rateLimit: false });
    await Promise.all(Array.from({ length: 30 }, (_, i) => unlimited.externalInterviews.update(String(i), BODY)));
    expect(answeredAt).toEqual(Array(30).fill(30));
  });
});

describe('update: tenant_access_token from app credentials', () => {
  const app = { appId: 'cli_test', appSecret: 'secret-of-the-app' };

  it('fetches the token once for many concurrent calls', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: app, baseUrl: server.url, rateLimit: false });
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.externalInterviews.update(String(i), BODY)));
    expect(server.tokens).toHaveLength(1);
    expect(JSON.parse(server.tokens[0]!.body)).toEqual({ app_id: 'cli_test', app_secret: 'secret-of-the-app' });
    expect(server.tokens[0]!.method).toBe('POST');
    expect(server.puts.map((r) => r.headers.authorization)).toEqual(Array(20).fill('Bearer t-1'));
  });

  // Token lifetimes run on Date.now(): these tests fake Date alone (timers and sockets stay real) and move it.
  const fakeDate = () => vi.useFakeTimers({ toFake: ['Date'], now: 1_700_000_000_000 });
  const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

  it('refreshes the token before it expires (fake Date)', async () => {
    fakeDate();
    const server = await feishu(success, { expire: 1 });
    const client = createHireClient({ auth: app, baseUrl: server.url });
    await client.externalInterviews.update('1', BODY);
    later(499);
    await client.externalInterviews.update('2', BODY);
    later(1); // a 1 s token is refreshed after half its life
    await client.externalInterviews.update('3', BODY);
    expect(server.tokens).toHaveLength(2);
    expect(server.puts.map((r) => r.headers.authorization)).toEqual(['Bearer t-1', 'Bearer t-1', 'Bearer t-2']);
  });

  it('drops the token on 99991663, fetches a new one and retries once', async () => {
    const server = await feishu((req) =>
      req.headers.authorization === 'Bearer t-1' ? failure(400, ErrorCode.InvalidAccessToken, 'Invalid access token for authorization') : success(req),
    );
    const client = createHireClient({ auth: app, baseUrl: server.url, retry: false });
    await expect(client.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
    expect(server.tokens).toHaveLength(2);
    expect(server.puts.map((r) => r.headers.authorization)).toEqual(['Bearer t-1', 'Bearer t-2']);
  });

  it('retries only once when the new token is rejected too', async () => {
    const server = await feishu(() => failure(400, ErrorCode.InvalidAccessToken, 'Invalid access token for authorization'));
    const client = createHireClient({ auth: app, baseUrl: server.url });
    await expect(client.externalInterviews.update('1', BODY)).rejects.toMatchObject({ code: ErrorCode.InvalidAccessToken, status: 400 });
    expect(server.puts).toHaveLength(2);
    expect(server.tokens).toHaveLength(2);
  });

  it('does not retry a static token rejected with 99991663, and calls a token function again', async () => {
    const server = await feishu((req) => (req.headers.authorization === 'Bearer fresh' ? success(req) : failure(400, ErrorCode.InvalidAccessToken, 'Invalid access token')));
    const fixed = createHireClient({ auth: 'stale', baseUrl: server.url });
    await expect(fixed.externalInterviews.update('1', BODY)).rejects.toMatchObject({ code: ErrorCode.InvalidAccessToken });
    expect(server.puts).toHaveLength(1);
    const issued = ['stale', 'fresh'];
    const viaFunction = createHireClient({ auth: async () => issued.shift()!, baseUrl: server.url });
    await expect(viaFunction.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
    expect(server.puts.map((r) => r.headers.authorization)).toEqual(['Bearer stale', 'Bearer stale', 'Bearer fresh']);
  });

  it('never caches a token whose expire is 0 (or negative)', async () => {
    for (const expire of [0, -5]) {
      const server = await feishu(success, { expire });
      const client = createHireClient({ auth: app, baseUrl: server.url });
      await client.externalInterviews.update('1', BODY);
      await client.externalInterviews.update('2', BODY);
      expect(server.tokens, `expire ${expire}`).toHaveLength(2);
      expect(server.puts.map((r) => r.headers.authorization)).toEqual(['Bearer t-1', 'Bearer t-2']);
    }
  });

  it('keeps using the current token while an early refresh fails, and fails once it has expired (fake Date)', async () => {
    fakeDate();
    let refuse = false;
    const server = await feishu(success, {
      token: (_req, i) => (refuse ? { status: 500, body: { code: 1002001, msg: '系统异常' } } : { body: { code: 0, msg: 'ok', tenant_access_token: `t-${i + 1}`, expire: 2 } }),
    });
    const client = createHireClient({ auth: app, baseUrl: server.url, retry: false });
    await client.externalInterviews.update('1', BODY);
    refuse = true;
    later(1_999); // past the refresh point (half of 2 s), before expiry
    await expect(client.externalInterviews.update('2', BODY)).resolves.toMatchObject({ id: '2' });
    expect(server.tokens).toHaveLength(2); // the refresh was tried
    expect(server.puts.map((r) => r.headers.authorization)).toEqual(['Bearer t-1', 'Bearer t-1']);
    later(1); // now expired
    await expect(client.externalInterviews.update('3', BODY)).rejects.toMatchObject({ code: 1002001, status: 500 });
    expect(server.puts).toHaveLength(2);
  });

  it("lets one caller's abort leave a shared token fetch to the others", async () => {
    const server = await feishu(success, { token: () => ({ delayMs: 300, body: { code: 0, msg: 'ok', tenant_access_token: 't-shared', expire: 7200 } }) });
    const client = createHireClient({ auth: app, baseUrl: server.url });
    const [aborted, other] = await Promise.allSettled([
      client.externalInterviews.update('1', BODY, { signal: AbortSignal.timeout(50) }),
      client.externalInterviews.update('2', BODY),
    ]);
    expect(aborted).toMatchObject({ status: 'rejected', reason: { name: 'TimeoutError' } });
    expect(other).toMatchObject({ status: 'fulfilled', value: { id: '2' } });
    expect(server.tokens).toHaveLength(1);
  });

  it('reports refused credentials (a wrong app secret) as HireAuthError, the API error as its cause, without the secret', async () => {
    const server = await feishu(success, { token: () => ({ status: 200, body: { code: ErrorCode.AppSecretInvalid, msg: 'app secret invalid: secret-of-the-app' } }) });
    const client = createHireClient({ auth: app, baseUrl: server.url, retry: { maxAttempts: 3, ...fast } });
    const error = await rejection(client.externalInterviews.update('1', BODY));
    expect(error).toBeInstanceOf(HireAuthError);
    expect(error.message).toBe('tenant_access_token request failed: app secret invalid: ***');
    expect(error.cause).toBeInstanceOf(HireApiError);
    expect(error.cause).toMatchObject({ code: ErrorCode.AppSecretInvalid, status: 200, msg: 'app secret invalid: ***' });
    expect([server.tokens.length, server.puts.length]).toEqual([1, 0]); // not retried: another attempt would not change it
  });

  it('retries a token request the endpoint failed with a 5xx (it stays a HireApiError)', async () => {
    const server = await feishu(success, { token: (_req, i) => (i === 0 ? failure(500, ErrorCode.SystemError, '系统异常') : { body: { code: 0, msg: 'ok', tenant_access_token: 't-1', expire: 7200 } }) });
    const client = createHireClient({ auth: app, baseUrl: server.url, retry: { maxAttempts: 3, ...fast } });
    await expect(client.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
    expect([server.tokens.length, server.puts.length]).toEqual([2, 1]);
  });
});

describe('update: a token function (auth: () => token)', () => {
  it("reports the function's own error as HireAuthError (the error as its cause), once, without retrying or sending", async () => {
    const server = await feishu(success);
    const thrown = new TypeError('vault unreachable');
    let calls = 0;
    const client = createHireClient({ auth: () => { calls++; throw thrown; }, baseUrl: server.url, retry: { maxAttempts: 5, ...fast } });
    const error = await rejection(client.externalInterviews.update('1', BODY));
    expect(error).toBeInstanceOf(HireAuthError);
    expect(error).toBeInstanceOf(HireError);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.cause).toBe(thrown);
    expect(calls).toBe(1);
    const empty = createHireClient({ auth: async () => '', baseUrl: server.url, retry: { maxAttempts: 5, ...fast } });
    const noToken = await rejection(empty.externalInterviews.update('1', BODY));
    expect(noToken).toBeInstanceOf(HireAuthError);
    expect(noToken.message).toBe('auth() must resolve to a non-empty token string');
    expect(server.puts).toHaveLength(0);
  });

  it('bounds a slow or hung function by the timeout and the AbortSignal', async () => {
    const server = await feishu(success);
    const hung = createHireClient({ auth: () => new Promise<string>(() => {}), baseUrl: server.url, timeoutMs: 200, retry: false });
    // The attempt's deadline (timeoutMs) ends an attempt whose auth() never settles.
    await expect(hung.externalInterviews.update('1', BODY)).rejects.toMatchObject({ name: 'HireTimeoutError', scope: 'attempt', timeoutMs: 200 });
    const slow = createHireClient({ auth: () => new Promise<string>((r) => setTimeout(r, 2_000, 't')), baseUrl: server.url });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(slow.externalInterviews.update('1', BODY, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.puts).toHaveLength(0);
  });
});

describe('update: the path id', () => {
  it('sends an id like a/b?c as one encoded path segment', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: 't-static', baseUrl: server.url });
    for (const id of ['a/b?c', 'x#y z', '100%', '面试']) {
      await expect(client.externalInterviews.update(id, BODY)).resolves.toMatchObject({ id });
    }
    expect(server.puts.map((r) => r.url.slice(PUT_PREFIX.length))).toEqual(['a%2Fb%3Fc', 'x%23y%20z', '100%25', '%E9%9D%A2%E8%AF%95']);
  });

  it('rejects an empty, dot or non-string id, a non-object body and a bad per-call timeout before sending anything', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: 't-static', baseUrl: server.url });
    for (const [id, message] of [
      ['', 'externalInterviewId must not be empty'],
      ['..', 'externalInterviewId must not be ".." (a dot segment cannot be sent in a URL path)'],
      [42, 'externalInterviewId must be a string, got number'],
    ] as const) {
      const error = await rejection(client.externalInterviews.update(id as string, BODY));
      expect(error).toBeInstanceOf(HireValidationError);
      expect(error.issues[0].message).toBe(message);
    }
    for (const body of [null, [], 'x']) {
      const error = await rejection(client.externalInterviews.update('1', body as never));
      expect(error).toBeInstanceOf(HireValidationError);
      expect(error.message).toBe('Invalid request: body must be an object (the complete external interview)');
    }
    // update is a thin call of client.request, which names itself
    await expect(client.externalInterviews.update('1', BODY, { timeoutMs: 0 })).rejects.toThrow('request: options.timeoutMs must be a positive number, got 0');
    expect(server.requests).toHaveLength(0);
  });
});

describe('update: timeout and abort', () => {
  it('rejects with a HireTimeoutError when the server is slower than timeoutMs', async () => {
    const server = await feishu((req) => ({ ...success(req), delayMs: 20_000 }));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, timeoutMs: 200, retry: false });
    const started = performance.now();
    const error = await rejection(client.externalInterviews.update('1', BODY));
    expect(error).toBeInstanceOf(HireTimeoutError);
    expect(error).toMatchObject({ name: 'HireTimeoutError', scope: 'attempt', timeoutMs: 200, message: 'timeoutMs (200 ms) passed' });
    expect(performance.now() - started).toBeLessThan(5_000); // not when the answer comes, 20 s later
  });

  it('lets a per-call timeoutMs override the client default', async () => {
    const server = await feishu((req) => ({ ...success(req), delayMs: 3_000 }));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, retry: false });
    await expect(client.externalInterviews.update('1', BODY, { timeoutMs: 100 })).rejects.toMatchObject({ name: 'HireTimeoutError', timeoutMs: 100 });
  });

  it('honours the caller AbortSignal while the request is in flight', async () => {
    const server = await feishu((req) => ({ ...success(req), delayMs: 3_000 }));
    const client = createHireClient({ auth: 't-static', baseUrl: server.url });
    const controller = new AbortController();
    const pending = client.externalInterviews.update('1', BODY, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('honours the AbortSignal during the backoff, the rate-limit wait, the limiter and the token fetch', async () => {
    // Each wait lasts 10 s or more; the call is aborted once it waits (its request, if any, has reached the server)
    // and must reject within 5 s of the abort, even on a busy machine.
    const abortWhileWaiting = async (run: (signal: AbortSignal) => Promise<unknown>, sentSoFar: () => number) => {
      const controller = new AbortController();
      const pending = rejection(run(controller.signal));
      await vi.waitFor(() => expect(sentSoFar()).toBe(1), { timeout: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 100)); // its response, if any, is back: it waits
      const aborted = performance.now();
      controller.abort();
      expect((await pending).name).toBe('AbortError');
      return performance.now() - aborted;
    };
    const failing = await feishu(() => failure(500, ErrorCode.SystemError, '系统异常'));
    const backoff = createHireClient({ auth: 't', baseUrl: failing.url, retry: { baseDelayMs: 20_000, maxDelayMs: 20_000 } }); // 10-20 s
    expect(await abortWhileWaiting((signal) => backoff.externalInterviews.update('1', BODY, { signal }), () => failing.puts.length)).toBeLessThan(5_000);
    expect(failing.puts).toHaveLength(1);

    const limited = await feishu(() => failure(429, ErrorCode.RateLimited, 'request trigger frequency limit', { 'x-ogw-ratelimit-reset': '20' }));
    const rateWait = createHireClient({ auth: 't', baseUrl: limited.url });
    expect(await abortWhileWaiting((signal) => rateWait.externalInterviews.update('1', BODY, { signal }), () => limited.puts.length)).toBeLessThan(5_000);
    expect(limited.puts).toHaveLength(1);

    // The only slot of the limiter is held by a call the server answers after 20 s.
    const slow = await feishu((req) => ({ ...success(req), delayMs: 20_000 }));
    const slowLimiter = createHireClient({ auth: 't', baseUrl: slow.url, rateLimit: 1 });
    const holder = new AbortController();
    const holding = slowLimiter.externalInterviews.update('1', BODY, { signal: holder.signal }).catch((error: unknown) => error);
    expect(await abortWhileWaiting((signal) => slowLimiter.externalInterviews.update('2', BODY, { signal }), () => slow.puts.length)).toBeLessThan(5_000);
    holder.abort();
    expect(await holding).toMatchObject({ name: 'AbortError' });
    expect(slow.puts).toHaveLength(1);

    const slowToken = await feishu(success, { token: () => ({ delayMs: 20_000, body: { code: 0, msg: 'ok', tenant_access_token: 't-x', expire: 7200 } }) });
    const tokenWait = createHireClient({ auth: { appId: 'a', appSecret: 'b' }, baseUrl: slowToken.url });
    expect(await abortWhileWaiting((signal) => tokenWait.externalInterviews.update('1', BODY, { signal }), () => slowToken.tokens.length)).toBeLessThan(5_000);
    expect(slowToken.puts).toHaveLength(0);
  });
});

describe('validate: validateRequest', () => {
  it('rejects a body that breaks the spec, naming each field and rule, and sends nothing', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, validate: validateRequest });
    const bad = {
      participate_status: 4,
      begin_time: '1618500278638',
      interview_assessments: [{ conclusion: 0, surprise: true, assessment_dimension_list: [{ score: 1.5, assessment_type: 1 }] }],
    };
    const error = await rejection(client.externalInterviews.update('1', bad as never));
    expect(error).toBeInstanceOf(HireValidationError);
    const messages = (error as HireValidationError).issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'body.external_application_id is required',
        'body.participate_status must be one of 1, 2, 3',
        'body.begin_time must be of type integer',
        'body.interview_assessments[0].conclusion must be one of 1, 2, 3',
        'body.interview_assessments[0].surprise is not an allowed field (probably a typo: the spec has no such field, and in a full overwrite a misspelled field deletes the one it meant)',
        'body.interview_assessments[0].assessment_dimension_list[0].score must be of type integer',
      ]),
    );
    expect(error.message).toContain('body.interview_assessments[0].conclusion must be one of 1, 2, 3');
    expect((error as HireValidationError).issues.find((i) => i.path === 'body.participate_status')?.rule).toBe('enum');
    expect(server.requests).toHaveLength(0);
  });

  it('names an int32 overflow and an unknown dimension field', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, validate: validateRequest });
    const body = { external_application_id: 'a', interview_assessments: [{ assessment_dimension_list: [{ score: 2 ** 31, answer: 'x' }] }] };
    const error = await rejection(client.externalInterviews.update('1', body as never));
    expect(error.issues.map((i: { message: string }) => i.message)).toEqual(
      expect.arrayContaining([
        'body.interview_assessments[0].assessment_dimension_list[0].score must be a 32-bit integer (format int32)',
        'body.interview_assessments[0].assessment_dimension_list[0].answer is not an allowed field (probably a typo: the spec has no such field, and in a full overwrite a misspelled field deletes the one it meant)',
      ]),
    );
  });

  it('rejects an int64 timestamp beyond the safe integers (it could not be sent exactly) and sends nothing', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, validate: validateRequest });
    const body = { external_application_id: 'a', begin_time: 1e300, end_time: 2 ** 53 };
    const error = await rejection(client.externalInterviews.update('1', body as never));
    expect(error.issues.map((i: { message: string }) => i.message)).toEqual([
      'body.begin_time must be a safe integer (format int64)',
      'body.end_time must be a safe integer (format int64)',
    ]);
    expect(server.requests).toHaveLength(0);
    await expect(client.externalInterviews.update('1', { external_application_id: 'a', begin_time: Number.MAX_SAFE_INTEGER })).resolves.toMatchObject({ id: '1' });
  });

  it('sends a valid body', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: 't-static', baseUrl: server.url, validate: validateRequest });
    await expect(client.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
  });
});

describe('the token never leaks', () => {
  it('keeps the token and the app secret out of every thrown error and of the client', async () => {
    const token = 't-super-secret-token-123';
    const appSecret = 'app-secret-456';
    const errors: unknown[] = [];
    const echo = await feishu((req, i) =>
      [
        failure(400, ErrorCode.InvalidParameter, `bad header ${req.headers.authorization}`),
        failure(500, ErrorCode.SystemError, `boom ${req.headers.authorization}`),
        failure(400, ErrorCode.InvalidAccessToken, `Invalid access token ${req.headers.authorization}`),
        { status: 503, body: `gateway saw ${req.headers.authorization}` },
        { ...success(req), delayMs: 20_000 },
      ][Math.min(i, 4)]!,
    );
    const client = createHireClient({ auth: token, baseUrl: echo.url, retry: false });
    // The fifth is answered after 20 s: only that call gets a short deadline (the others must not time out).
    for (let i = 0; i < 5; i++) errors.push(await rejection(client.externalInterviews.update('1', BODY, i === 4 ? { timeoutMs: 300 } : {})));
    const refused = await feishu(success, { token: (req) => failure(400, 10014, `bad secret in ${req.body}`) });
    const byApp = createHireClient({ auth: { appId: 'cli', appSecret }, baseUrl: refused.url });
    errors.push(await rejection(byApp.externalInterviews.update('1', BODY)));
    const closed = await feishu(success);
    await closed.close();
    errors.push(await rejection(createHireClient({ auth: token, baseUrl: closed.url, retry: false }).externalInterviews.update('1', BODY)));

    expect(errors.map((e) => (e as Error).name)).toEqual(['HireApiError', 'HireApiError', 'HireApiError', 'HireApiError', 'HireTimeoutError', 'HireAuthError', 'HireConnectionError']);
    expect((errors[0] as HireApiError).msg).toBe('bad header Bearer ***');
    for (const error of [...errors, client, byApp]) {
      const views = [String(error), inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error) ?? '', (error as Error).stack ?? ''];
      for (const view of views) {
        expect(view).not.toContain(token);
        expect(view).not.toContain(appSecret);
      }
    }
  });
});

describe('createHireClient options', () => {
  it('rejects bad options with a message naming the option and the rule', () => {
    expect(() => createHireClient({ auth: '' })).toThrow('createHireClient: auth must be a non-empty token string, a function returning a token, or { appId, appSecret }');
    expect(() => createHireClient({ auth: { appId: 'a', appSecret: '' } })).toThrow('auth.appId and auth.appSecret must be non-empty strings');
    expect(() => createHireClient({ auth: 't', baseUrl: 'open.feishu.cn' })).toThrow(`baseUrl must be 'feishu', 'lark' or an http(s) URL, got "open.feishu.cn"`);
    expect(() => createHireClient({ auth: 't', baseUrl: 'toString' })).toThrow('baseUrl must be');
    expect(() => createHireClient({ auth: 't', timeoutMs: -1 })).toThrow('timeoutMs must be a positive number, got -1');
    expect(() => createHireClient({ auth: 't', rateLimit: 2.5 })).toThrow('rateLimit must be a positive integer, got 2.5');
    expect(() => createHireClient({ auth: 't', retry: { maxAttempts: 0 } })).toThrow('retry.maxAttempts must be a positive integer, got 0');
  });

  it('resolves baseUrl feishu (default), lark and any URL, through the fetch option', async () => {
    const server = await feishu(success);
    const seen: string[] = [];
    // A real fetch to the local server that records the URL the client asked for.
    const redirectingFetch: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      seen.push(request.url);
      const url = new URL(request.url);
      return fetch(new Request(server.url + url.pathname + url.search, request));
    };
    for (const baseUrl of [undefined, 'feishu', 'lark', 'https://proxy.example.com/feishu/'] as const) {
      const client = createHireClient({ auth: 't', fetch: redirectingFetch, ...(baseUrl ? { baseUrl } : {}) });
      await client.externalInterviews.update('9', BODY);
    }
    expect(seen).toEqual([
      'https://open.feishu.cn/open-apis/hire/v1/external_interviews/9',
      'https://open.feishu.cn/open-apis/hire/v1/external_interviews/9',
      'https://open.larksuite.com/open-apis/hire/v1/external_interviews/9',
      'https://proxy.example.com/feishu/open-apis/hire/v1/external_interviews/9',
    ]);
    expect(server.puts).toHaveLength(4);
  });

  it('gives the openapi-fetch client (@feishu-hire/client/raw) with auth added by middleware', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: { appId: 'a', appSecret: 'b' }, baseUrl: server.url });
    const { data, response } = await createRawClient(client).PUT('/open-apis/hire/v1/external_interviews/{external_interview_id}', {
      params: { path: { external_interview_id: 'raw-1' } },
      body: { external_application_id: 'x' },
    });
    expect(response.status).toBe(200);
    expect(data?.data.external_interview?.id).toBe('raw-1');
    expect(server.puts[0]!.headers.authorization).toBe('Bearer t-1');
  });
});
