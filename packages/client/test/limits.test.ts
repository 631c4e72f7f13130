// Deadlines, the token taken after the limiter slot, the rate limiter shared by the clients of one app, a limiter of
// one's own, and 429s. Where timing is not the point, the checks count requests (a server that holds its answers) or
// assert lower bounds only, so that they pass with both cores busy.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, HireTimeoutError, createHireClient, createMemoryRateLimiter, type HireRateLimiter } from '../src/index.js';
import { BODY, failure, startFeishu, success, type Handler } from './helpers/server.js';
import { closedAfterEach } from './helpers/lifecycle.js';

const feishu = closedAfterEach(startFeishu);
afterEach(() => {
  vi.restoreAllMocks();
});
/** A handler that holds every answer until `release()`. */
function held(): { handler: Handler; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { handler: async (req) => (await gate, success(req)), release };
}
const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i));

describe('deadlines', () => {
  it('timeoutMs bounds one attempt, not the time queued for the limiter', async () => {
    // 12 calls at 2/s queue for up to 5.5 s, far beyond the attempt deadline of 2 s (wide enough that a loaded machine
    // answers each attempt within it, so no attempt is retried): all succeed, each sent once.
    const server = await feishu(success);
    const client = createHireClient({ auth: 't', baseUrl: server.url, rateLimit: 2, timeoutMs: 2_000, appId: 'queue-app' });
    const results = await Promise.allSettled(ids(12).map((id) => client.externalInterviews.update(id, BODY)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(server.puts).toHaveLength(12);
  }, 30_000);

  it('totalTimeoutMs bounds the whole call, queue included: a call still queued fails without being sent', async () => {
    const { handler, release } = held();
    const server = await feishu(handler);
    const client = createHireClient({ auth: 't', baseUrl: server.url, rateLimit: 1, totalTimeoutMs: 300, retry: false, appId: 'total-app' });
    const first = client.externalInterviews.update('1', BODY, { totalTimeoutMs: 10_000 });
    await vi.waitFor(() => expect(server.puts).toHaveLength(1));
    const queued = await client.externalInterviews.update('2', BODY).catch((e: unknown) => e);
    expect(queued).toBeInstanceOf(HireTimeoutError);
    expect(queued).toMatchObject({ scope: 'call', timeoutMs: 300 });
    release();
    await expect(first).resolves.toMatchObject({ id: '1' });
    expect(server.puts).toHaveLength(1);
  });

  it('retries an attempt that timed out (an idempotent PUT), within the whole-call deadline', async () => {
    const server = await feishu((req, i) => (i === 0 ? { ...success(req), delayMs: 2_000 } : success(req)));
    const client = createHireClient({ auth: 't', baseUrl: server.url, timeoutMs: 200, retry: { baseDelayMs: 10 } });
    await expect(client.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
    expect(server.puts).toHaveLength(2);
  });
});

describe('the token is taken after the limiter slot', () => {
  it('asks a token function only for calls that got a slot', async () => {
    const { handler, release } = held();
    const server = await feishu(handler);
    let asked = 0;
    const client = createHireClient({ auth: () => (asked++, 't'), baseUrl: server.url, rateLimit: 2, appId: 'token-after-slot' });
    const calls = ids(6).map((id) => client.externalInterviews.update(id, BODY));
    await vi.waitFor(() => expect(server.puts).toHaveLength(2));
    expect(asked).toBe(2); // the four queued calls have not taken a token yet
    release();
    await Promise.all(calls);
    expect(asked).toBe(6);
  }, 20_000);
});

describe('one rate limiter for the clients of one app', () => {
  it('holds two clients of the same app in one process to the one quota, by default', async () => {
    const { handler, release } = held();
    const server = await feishu(handler);
    const app = { appId: 'cli_shared', appSecret: 's' };
    const [a, b] = [createHireClient({ auth: app, baseUrl: server.url }), createHireClient({ auth: app, baseUrl: server.url })];
    const calls = ids(15).flatMap((id) => [a.externalInterviews.update(`a${id}`, BODY), b.externalInterviews.update(`b${id}`, BODY)]);
    await vi.waitFor(() => expect(server.puts).toHaveLength(10));
    await new Promise((r) => setTimeout(r, 300));
    expect(server.puts).toHaveLength(10); // 10 of the app's 30 calls in flight, not 10 per client
    release();
    await Promise.all(calls);
    expect(server.puts).toHaveLength(30);
  }, 30_000);

  it('shares by token function and by appId too, and keeps other apps, base URLs and own limiters apart', async () => {
    const { handler, release } = held();
    const server = await feishu(handler);
    const other = await feishu(handler);
    const tokenFn = async () => 't';
    const clients = [
      createHireClient({ auth: tokenFn, baseUrl: server.url, rateLimit: 2 }), // shares with the next one: same function
      createHireClient({ auth: tokenFn, baseUrl: server.url, rateLimit: 2 }),
      createHireClient({ auth: 't-1', appId: 'cli_x', baseUrl: server.url, rateLimit: 2 }), // shares with the next one: same appId
      createHireClient({ auth: 't-2', appId: 'cli_x', baseUrl: server.url, rateLimit: 2 }),
      createHireClient({ auth: { appId: 'cli_y', appSecret: 's' }, baseUrl: server.url, rateLimit: 2 }), // another app
      createHireClient({ auth: { appId: 'cli_y', appSecret: 's' }, baseUrl: other.url, rateLimit: 2 }), // another base URL
      createHireClient({ auth: tokenFn, baseUrl: server.url, rateLimit: 2, limiter: createMemoryRateLimiter() }), // its own
    ];
    const calls = clients.flatMap((client, c) => ids(3).map((id) => client.externalInterviews.update(`${c}-${id}`, BODY)));
    // Quotas of 2: functions (2), cli_x (2), cli_y on server (2), cli_y on other (2), own limiter (2).
    await vi.waitFor(() => expect(server.puts.length + other.puts.length).toBe(10));
    await new Promise((r) => setTimeout(r, 300));
    expect(server.puts.length + other.puts.length).toBe(10);
    expect(other.puts).toHaveLength(2);
    release();
    await Promise.all(calls);
  }, 30_000);

  it('takes any HireRateLimiter, called with the key of base URL, app and operation and the rate', async () => {
    const server = await feishu(success);
    const seen: Array<[string, number]> = [];
    const counting: HireRateLimiter = { schedule: (key, perSecond, fn) => (seen.push([key, perSecond]), fn()) };
    const client = createHireClient({ auth: { appId: 'cli_k', appSecret: 's' }, baseUrl: server.url, limiter: counting });
    await client.externalInterviews.update('1', BODY);
    await client.externalInterviews.update('2', BODY, {});
    expect(seen).toEqual([
      [`${server.url} cli_k updateExternalInterview`, 10],
      [`${server.url} cli_k updateExternalInterview`, 10],
    ]);
    expect(() => createHireClient({ auth: 't', limiter: {} as HireRateLimiter })).toThrow('createHireClient: limiter must be a HireRateLimiter');
  });
});

describe('429s', () => {
  it('waits x-ogw-ratelimit-reset plus jitter, then goes through the limiter again: a burst does not come back as a herd', async () => {
    // Another process used this second's quota: the gateway answers 429 (reset 1 s) to everything in its first
    // window, then counts 10 per window from the first arrival. 20 concurrent calls: 10 are sent and refused; their
    // retries come back spread (jitter) and through the limiter, so no window sees more than 10: no second 429.
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // jitter of half a window
    let windowStart: number | undefined;
    let count = 0;
    const refusedAt = new Map<string, number>();
    const retriedAfter: number[] = [];
    const server = await feishu((req) => {
      if (windowStart === undefined || req.at - windowStart >= 1000) (windowStart = req.at), (count = 0);
      const id = req.url.split('/').pop()!;
      if (refusedAt.has(id)) retriedAfter.push(req.at - refusedAt.get(id)!);
      if (server.puts.length <= 10 || ++count > 10) {
        refusedAt.set(id, req.at);
        return failure(429, ErrorCode.RateLimited, 'request trigger frequency limit', { 'x-ogw-ratelimit-reset': '1' });
      }
      return success(req);
    });
    const client = createHireClient({ auth: 't', baseUrl: server.url, appId: 'herd-app' });
    const results = await Promise.allSettled(ids(20).map((id) => client.externalInterviews.update(id, BODY)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(server.puts).toHaveLength(30); // 10 refused once, none twice
    expect(retriedAfter).toHaveLength(10);
    for (const wait of retriedAfter) expect(wait).toBeGreaterThanOrEqual(1_450); // reset 1 s + jitter 0.5 s
  }, 30_000);

  it('adds up to one window of jitter to the reset, whatever the limiter', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const server = await feishu((req, i) => (i === 0 ? failure(429, ErrorCode.RateLimited, 'request trigger frequency limit', { 'x-ogw-ratelimit-reset': '0' }) : success(req)));
    const client = createHireClient({ auth: 't', baseUrl: server.url, rateLimit: false });
    await expect(client.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
    expect(server.puts[1]!.at - server.puts[0]!.at).toBeGreaterThanOrEqual(450); // reset 0 + 0.5 of a 1 s window
  });
});
