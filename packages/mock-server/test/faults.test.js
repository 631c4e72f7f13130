// Fault injection over real HTTP on 127.0.0.1: system errors, 429 storms, latency, connection resets and stalled
// bodies, by share (with an injected random) or for the next N requests, from the options or at run time.
import { operations } from '@feishu-hire/spec/model';
import { describe, expect, it, vi } from 'vitest';
import { startMockServer } from '../src/index.js';
import { API_PATH, INTERVIEW_ID, TOKEN_URL_PATH, call, exampleBody, fetchToken, mocksClosedAfterEach } from './helpers.js';

/** vi.waitFor patience on a busy machine (it returns as soon as the condition holds). */
const WAIT = { timeout: 10_000 };
/** Starts a mock (static token `t-a`, no rate limit unless given) that is closed after the test; `lines` gets its log. */
const start = mocksClosedAfterEach({ tokens: ['t-a'], rateLimitPerSecond: 0 });

/** PUTs a body with `participate_status` on the default interview; resolves to `{ res, json }`. */
const put = (mock, participate_status = 2) => call(mock, API_PATH, { token: 't-a', body: { ...exampleBody(), participate_status } });
/** A raw PUT with fetch options (a signal), without the contract check. */
const rawPut = (mock, init = {}) =>
  fetch(mock.url + API_PATH, { method: 'PUT', headers: { authorization: 'Bearer t-a', 'content-type': 'application/json' }, body: JSON.stringify(exampleBody()), ...init });

describe('system-error', () => {
  it('answers the next N requests 500 / 1002001 系统异常 with an x-tt-logid and changes nothing, then recovers', async () => {
    const mock = await start({ faults: [{ kind: 'system-error', times: 2 }] });
    const before = mock.store.get(INTERVIEW_ID);
    for (const status of [2, 3]) {
      const { res, json } = await put(mock, status);
      expect(res.status).toBe(500);
      expect(json).toEqual({ code: 1002001, msg: '系统异常' });
    }
    expect(mock.store.get(INTERVIEW_ID)).toEqual(before);
    expect((await put(mock, 3)).res.status).toBe(200);
    expect(mock.lines.filter((l) => / -> 500 code=1002001 .* fault=system-error$/.test(l))).toHaveLength(2);
  });

  it('answers a share of requests, drawn with the random option', async () => {
    const draws = [0.1, 0.9, 0.29, 0.3];
    const mock = await start({ faults: [{ kind: 'system-error', share: 0.3 }], random: () => /** @type {number} */ (draws.shift()) });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await put(mock)).res.status);
    expect(statuses).toEqual([500, 200, 500, 200]);
  });

  it('leaves the token endpoint alone unless the fault names it (operationId)', async () => {
    const mock = await start({ faults: [{ kind: 'system-error' }] });
    expect(await fetchToken(mock)).toMatch(/^t-/);
    mock.faults.clear();
    mock.faults.inject({ kind: 'system-error', operationId: 'getTenantAccessToken', times: 1 });
    const { res, json } = await call(mock, TOKEN_URL_PATH, { method: 'POST', body: { app_id: 'cli_mock_app', app_secret: 'mock_app_secret' } });
    expect([res.status, json.code]).toEqual([500, 1002001]);
    expect((await put(mock)).res.status).toBe(200);
  });
});

describe('rate-limit', () => {
  it('answers a 429 storm with 99991400 and both x-ogw-ratelimit-* headers, without counting the requests', async () => {
    const mock = await start({ rateLimitPerSecond: undefined, now: () => 0, faults: [{ kind: 'rate-limit', times: 12, resetSeconds: 3 }] });
    for (let i = 0; i < 12; i += 1) {
      const { res, json } = await put(mock);
      expect(res.status).toBe(429);
      expect(json).toEqual({ code: 99991400, msg: 'request trigger frequency limit' });
      expect(res.headers.get('x-ogw-ratelimit-limit')).toBe('10');
      expect(res.headers.get('x-ogw-ratelimit-reset')).toBe('3');
    }
    // The clock stands still: the storm did not use up the real window of 10.
    for (let i = 0; i < 10; i += 1) expect((await put(mock)).res.status).toBe(200);
    expect((await put(mock)).res.headers.get('x-ogw-ratelimit-reset')).toBe('1');
  });
});

describe('latency', () => {
  it('adds the milliseconds before answering (real time: the answer cannot come sooner)', async () => {
    const mock = await start({ faults: [{ kind: 'latency', ms: 1000, times: 1 }] });
    const started = performance.now();
    const answer = put(mock);
    const early = await Promise.race([answer.then(() => 'answered'), new Promise((r) => setTimeout(r, 100, 'waiting'))]);
    expect(early).toBe('waiting');
    const { res } = await answer;
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990); // a lower bound only: never flaky
  });

  it('a client that gives up meanwhile gets nothing, the request does not run, and it is logged as a disconnect', async () => {
    const mock = await start();
    const latency = mock.faults.inject({ kind: 'latency', ms: 10_000 });
    const before = mock.store.get(INTERVIEW_ID);
    const controller = new AbortController();
    const pending = rawPut(mock, { signal: controller.signal });
    await vi.waitFor(() => expect(latency.fired).toBe(1), WAIT); // the mock has the whole request and is waiting
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(mock.lines.some((l) => /^disconnect PUT \S+ during the latency fault \(10000 ms\) logid=\S+ fault=latency$/.test(l))).toBe(true), WAIT);
    expect(mock.store.get(INTERVIEW_ID)).toEqual(before);
    expect(mock.lines.some((l) => l.startsWith('error'))).toBe(false);
  });

  it('close() does not wait for a pending latency', async () => {
    const mock = await start();
    const latency = mock.faults.inject({ kind: 'latency', ms: 600_000 });
    const pending = rawPut(mock);
    await vi.waitFor(() => expect(latency.fired).toBe(1), WAIT);
    await mock.close();
    await expect(pending).rejects.toThrow();
  });
});

describe('reset', () => {
  it('destroys the connection without an answer (fetch rejects), changes nothing, and is logged', async () => {
    const mock = await start({ faults: [{ kind: 'reset', times: 1 }] });
    const before = mock.store.get(INTERVIEW_ID);
    const error = await rawPut(mock).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError); // undici: "fetch failed", caused by the reset socket
    expect(mock.store.get(INTERVIEW_ID)).toEqual(before);
    expect(mock.lines.some((l) => /^PUT \S+ -> connection reset logid=\S+ fault=reset$/.test(l))).toBe(true);
    expect((await put(mock)).res.status).toBe(200);
  });
});

describe('stall', () => {
  it('sends the headers and half of the body, never the rest; the client\'s abort ends it (the operation ran)', async () => {
    const mock = await start({ faults: [{ kind: 'stall', times: 1 }] });
    const controller = new AbortController();
    const res = await fetch(mock.url + API_PATH, {
      method: 'PUT',
      headers: { authorization: 'Bearer t-a', 'content-type': 'application/json' },
      body: JSON.stringify({ ...exampleBody(), participate_status: 3 }),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-tt-logid')).toMatch(/^\d{14}[0-9A-F]{20}$/);
    const length = Number(res.headers.get('content-length'));
    const reader = /** @type {ReadableStream<Uint8Array>} */ (res.body).getReader();
    let received = 0;
    while (received < Math.floor(length / 2)) received += /** @type {Uint8Array} */ ((await reader.read()).value).length;
    expect(received).toBe(Math.floor(length / 2));
    const rest = reader.read();
    controller.abort();
    await expect(rest).rejects.toThrow();
    expect(mock.store.get(INTERVIEW_ID).participate_status).toBe(3); // the answer was lost, not the update
    expect((await put(mock)).res.status).toBe(200);
  });
});

describe('the runtime API: mock.faults', () => {
  it('inject() returns a handle counting its hits; remove(), clear() and list()', async () => {
    const mock = await start();
    const handle = mock.faults.inject({ kind: 'system-error', times: 3 });
    expect(handle.fault).toEqual({ kind: 'system-error', times: 3 });
    expect((await put(mock)).res.status).toBe(500);
    expect(handle.fired).toBe(1);
    handle.remove();
    expect(mock.faults.list()).toEqual([]);
    expect((await put(mock)).res.status).toBe(200);
    mock.faults.inject({ kind: 'rate-limit' });
    mock.faults.inject({ kind: 'system-error' });
    expect(mock.faults.list().map((f) => f.kind)).toEqual(['rate-limit', 'system-error']);
    expect((await put(mock)).res.status).toBe(429); // one fault per request: the first that fires
    mock.faults.clear();
    expect((await put(mock)).res.status).toBe(200);
  });

  it('tries the faults in order: a used-up times fault gives way to the next one', async () => {
    const mock = await start({ faults: [{ kind: 'rate-limit', times: 1 }, { kind: 'system-error', times: 1 }] });
    expect([(await put(mock)).res.status, (await put(mock)).res.status, (await put(mock)).res.status]).toEqual([429, 500, 200]);
  });

  it.each([
    [{ kind: 'boom' }, 'fault.kind must be one of "system-error", "rate-limit", "latency", "reset", "stall"'],
    [{ kind: 'system-error', share: 1.5 }, 'fault.share must be <= 1'],
    [{ kind: 'system-error', times: 0 }, 'fault.times must be >= 1'],
    [{ kind: 'system-error', times: 1, share: 0.5 }, 'fault.times cannot be given with fault.share'],
    [{ kind: 'latency' }, 'fault.ms is required for kind latency'],
    [{ kind: 'latency', ms: 2 ** 31 }, 'fault.ms must be <= 2147483647'],
    [{ kind: 'reset', ms: 10 }, 'fault.ms only applies to kind latency'],
    [{ kind: 'stall', resetSeconds: 2 }, 'fault.resetSeconds only applies to kind rate-limit'],
    [{ kind: 'reset', operationId: 'nope' }, `fault.operationId must name an operation of the spec (one of ${operations.map((o) => o.operationId).join(', ')})`],
    [{ kind: 'reset', tims: 1 }, 'fault.tims is not an allowed field'],
  ])('inject(%j) throws naming the field and the rule', async (fault, message) => {
    const mock = await start();
    expect(() => mock.faults.inject(/** @type {any} */ (fault))).toThrow(`Invalid fault: ${message}`);
  });

  it('the faults option is checked the same way, named options.faults[i]', async () => {
    await expect(startMockServer({ faults: [{ kind: 'reset' }, /** @type {any} */ ({ kind: 'latency' })] })).rejects.toThrow(
      'Invalid mock server options: options.faults[1].ms is required for kind latency',
    );
    await expect(startMockServer({ random: /** @type {any} */ (0.5) })).rejects.toThrow('Invalid mock server options: options.random must be a function');
  });
});

describe('what a user writes: their retry code against a mock that fails on purpose', () => {
  /** A tiny client that retries 5xx answers and network errors, as the user's own code would. */
  async function updateWithRetry(mock, attempts) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const res = await rawPut(mock);
        if (res.status < 500 || attempt === attempts) return { res, attempt };
      } catch (error) {
        if (attempt === attempts) throw error;
      }
    }
  }

  it('retries a 500 and a reset, then succeeds', async () => {
    const mock = await start();
    mock.faults.inject({ kind: 'system-error', times: 1 });
    mock.faults.inject({ kind: 'reset', times: 1 });
    const { res, attempt } = await updateWithRetry(mock, 3);
    expect([res.status, attempt]).toEqual([200, 3]);
  });
});
