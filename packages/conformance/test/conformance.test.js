// The full generated suite against the mock server: one vitest test per generated case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '@feishu-hire/mock-server';
import { dummyInterviewId, loadCases, runConformance } from '../src/index.js';
import { EXPECTED_SKIPS } from './helpers/expected-skips.js';

const cases = loadCases();
const interviewId = dummyInterviewId();
const results = new Map();
const servers = [];

beforeAll(async () => {
  // Every case except the burst, unpaced, against a mock whose limiter is off; writes allowed (it is a mock).
  const mock = await startMockServer({ rateLimitPerSecond: 0 });
  servers.push(mock);
  const run = await runConformance({ baseUrl: mock.url, appId: 'cli_mock_app', appSecret: 'mock_app_secret', interviewId, allowWrites: true, rate: 0, cases: cases.filter((c) => !c.burst) });
  // The opt-in burst against a mock with the documented limit (10/s), on a standing clock: the whole burst falls in
  // one window however slowly this machine sends it (the CLI test runs it on real time).
  const limited = await startMockServer({ tokens: ['t-conformance'], now: () => 0 });
  servers.push(limited);
  const burst = await runConformance({ baseUrl: limited.url, token: 't-conformance', checkRateLimit: true, interviewId, allowWrites: true, cases: cases.filter((c) => c.burst) });
  for (const r of [...run.results, ...burst.results]) results.set(r.id, r);
});
afterAll(() => Promise.all(servers.map((s) => s.close())));

describe('conformance of the mock server (generated cases)', () => {
  it('has generated cases of every kind', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(['valid', 'invalid', 'auth', 'rate-limit']));
  });
  it.each(cases.map((c) => [c.id, c]))('%s', (id, c) => {
    const result = results.get(id);
    expect(result, `no result for ${id}`).toBeDefined();
    if (EXPECTED_SKIPS[id]) {
      expect(result).toMatchObject({ status: 'skipped', reason: expect.stringMatching(EXPECTED_SKIPS[id]) });
      return;
    }
    expect(result.status, `${c.title}: ${result.reason}`).toBe('passed');
    expect(result.response.logId).toMatch(/\S/);
  });
});
