// The full generated suite against the mock server: one vitest test per generated case, every case confirmed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APPS, startMockServer } from '@feishu-hire/mock-server';
import { createVirtualClock, issueToken, loadCases, loadSpec, runConformance } from '../src/index.js';
import { EXPECTED_SKIPS } from './helpers/expected-skips.js';

const cases = loadCases();
const [app] = DEFAULT_APPS;
const results = new Map();
let mock;

beforeAll(async () => {
  // As the CLI's embedded mode: the mock on a virtual clock (pacing, windows and token expiry cost no real time),
  // writes allowed (on records the run creates), the rate-limit check on, an expired token made by moving the clock.
  const clock = createVirtualClock();
  mock = await startMockServer({ now: clock.now });
  const credentials = { baseUrl: mock.url, appId: app.appId, appSecret: app.appSecret };
  const expiredToken = async () => {
    const { token, expire } = await issueToken({ ...credentials, spec: loadSpec() });
    clock.advance((expire + 1) * 1000);
    return token;
  };
  const run = await runConformance({ ...credentials, allowWrites: true, clock, expiredToken });
  for (const r of run.results) results.set(r.id, r);
});
afterAll(() => mock.close());

describe('conformance of the mock server (generated cases)', () => {
  it('has generated cases of every kind', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(['valid', 'invalid', 'auth', 'rate-limit', 'state', 'lifecycle', 'not-found', 'paging', 'idempotency', 'token']));
  });
  it('runs every writing case of every operation (only valid cases that send no list filter are skipped)', () => {
    expect(cases.filter((c) => c.writes && results.get(c.id)?.status !== 'passed').map((c) => c.id)).toEqual([]);
    expect([...results.values()].filter((r) => r.status === 'skipped').map((r) => r.id).sort()).toEqual(Object.keys(EXPECTED_SKIPS).sort());
  });

  it.each(cases.map((c) => [c.id, c]))('%s', (id, c) => {
    const result = results.get(id);
    expect(result, `no result for ${id}`).toBeDefined();
    if (EXPECTED_SKIPS[id]) {
      expect(result).toMatchObject({ status: 'skipped', reason: expect.stringMatching(EXPECTED_SKIPS[id]) });
      return;
    }
    expect(result.status, `${c.title}: ${result.reason}`).toBe('passed');
    if (!['state', 'lifecycle', 'paging', 'idempotency', 'token'].includes(c.kind)) expect(result.response.logId).toMatch(/\S/);
  });
});
