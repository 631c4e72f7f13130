// The client against the real mock server (@feishu-hire/mock-server: spec-validated, token-checked, a fixed 1 s
// rate-limit window per token), in the runs of an import job: real time is the point here, so each run asserts
// counts (every call succeeded, no 429, no expired token), never durations.
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer } from '@feishu-hire/mock-server';
import { ErrorCode, createHireClient, type HireHooks, type HireResponseInfo } from '../src/index.js';
import { BODY } from './helpers/server.js';

const APP = { appId: 'cli_mock_app', appSecret: 'mock_app_secret' };
const INTERVIEW = '6960663240925956660';
const body = { ...BODY, external_application_id: '6960663240925956437' };

const mocks: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
});
async function mock(options: Parameters<typeof startMockServer>[0] = {}) {
  const server = await startMockServer(options);
  mocks.push(server);
  return server;
}
/** Hooks that record every response the client saw (API answers and token answers alike). */
function recording(): { hooks: HireHooks; responses: HireResponseInfo[] } {
  const responses: HireResponseInfo[] = [];
  return { hooks: { onResponse: (response) => void responses.push(response) }, responses };
}
/** The failed calls of `results`, as `name: message`. */
const failures = (results: PromiseSettledResult<unknown>[]) =>
  results.flatMap((r) => (r.status === 'rejected' ? [`${(r.reason as Error).name}: ${(r.reason as Error).message}`] : []));
const codes = (responses: HireResponseInfo[]) => responses.filter((r) => r.error).map((r) => r.error!.code);

describe('an import job against the mock', () => {
  it('runs 400 concurrent updates with the default options: all succeed, no 429 (none times out waiting in the queue)', async () => {
    // 400 calls at the spec's 10/s queue for about 40 s, beyond the default attempt deadline of 30 s.
    const server = await mock();
    const { hooks, responses } = recording();
    const client = createHireClient({ auth: APP, baseUrl: server.url, hooks });
    const results = await Promise.allSettled(Array.from({ length: 400 }, () => client.externalInterviews.update(INTERVIEW, body)));
    expect(failures(results)).toEqual([]);
    expect(codes(responses)).toEqual([]);
    expect(responses.filter((r) => r.operationId === 'updateExternalInterview')).toHaveLength(400);
  }, 180_000);

  it('runs 60 concurrent updates with tokens that live 3 s: all succeed, no call is sent with an expired token', async () => {
    const server = await mock({ tokenTtlSeconds: 3 });
    const { hooks, responses } = recording();
    const client = createHireClient({ auth: APP, baseUrl: server.url, hooks });
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => client.externalInterviews.update(INTERVIEW, body)));
    expect(failures(results)).toEqual([]);
    expect(codes(responses)).toEqual([]); // no ErrorCode.InvalidAccessToken answer, not even one refreshed and retried
    expect(responses.filter((r) => r.operationId === 'getTenantAccessToken').length).toBeGreaterThanOrEqual(2); // it did refresh
  }, 60_000);

  it('runs 60 updates from two clients of one app in one process: they share its quota, no 429', async () => {
    // One static token, so the mock counts both clients against one quota (as the real gateway counts one app).
    const server = await mock({ tokens: ['t-one-app'] });
    const { hooks, responses } = recording();
    const [a, b] = [createHireClient({ auth: 't-one-app', baseUrl: server.url, hooks }), createHireClient({ auth: 't-one-app', baseUrl: server.url, hooks })];
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => [a, b].map((c) => c.externalInterviews.update(INTERVIEW, body))).flat());
    expect(failures(results)).toEqual([]);
    expect(codes(responses)).toEqual([]);
    expect(responses).toHaveLength(60);
  }, 60_000);

  it('gets 429s from the same run when each client has a limiter of its own (the check above can fail)', async () => {
    const server = await mock({ tokens: ['t-one-app'] });
    const { hooks, responses } = recording();
    const { createMemoryRateLimiter } = await import('../src/index.js');
    const [a, b] = [0, 1].map(() => createHireClient({ auth: 't-one-app', baseUrl: server.url, hooks, retry: false, limiter: createMemoryRateLimiter() }));
    await Promise.allSettled(Array.from({ length: 10 }, () => [a!, b!].map((c) => c.externalInterviews.update(INTERVIEW, body))).flat());
    expect(codes(responses)).toContain(ErrorCode.RateLimited);
  }, 60_000);
});
