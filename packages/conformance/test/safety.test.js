// Safety: a default (reject-only) run only sends requests that must be rejected, to an id that cannot exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '@feishu-hire/mock-server';
import { resources } from '@feishu-hire/spec/model';
import { loadCases, runConformance } from '../src/index.js';
import { SKIPPED } from './helpers/expected-skips.js';
import { json, startProxy } from './helpers/proxy.js';

const cases = loadCases().filter((c) => !c.burst);
const [resource] = resources;
const ids = (filter) => cases.filter(filter).map((c) => c.id).sort();
let mock;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerSecond: 0 });
});
afterAll(() => mock.close());

/** A proxy that drops the unknown field the closed cases add, like a server that ignores unknown fields. */
const ignoreUnknown = () => ({
  request: async (req) => {
    const body = json(req.body);
    if (body !== undefined) req.body = JSON.stringify(body, (key, value) => (key === 'x_conformance_unknown' ? undefined : value));
  },
});

describe('safety: the default run only sends requests that must be rejected', () => {
  it('skips write cases without allowWrites and leaves the stored records untouched', async () => {
    mock.store.reset();
    const before = mock.store.list();
    const run = await runConformance({ baseUrl: mock.url, appId: 'cli_mock_app', appSecret: 'mock_app_secret', rate: 0, cases });
    const skipped = run.results.filter((r) => r.status === 'skipped').map((r) => r.id).sort();
    expect(skipped).toEqual(ids((c) => c.writes || c.optIn === 'expiredToken' || SKIPPED.includes(c.id)));
    expect(run.failed).toBe(0);
    expect(run.unconfirmed).toBe(0);
    expect(mock.store.list()).toEqual(before);
  });

  it('sends every case of a reject-only run to a non-existent id: a server ignoring unknown fields overwrites nothing', async () => {
    const proxy = await startProxy(mock.url, ignoreUnknown());
    try {
      mock.store.reset();
      const before = mock.store.list();
      const run = await runConformance({ baseUrl: proxy.url, appId: 'cli_mock_app', appSecret: 'mock_app_secret', rate: 0, cases });
      expect(mock.store.list()).toEqual(before);
      // The mock then answers "not found" exactly as it answers the valid control: the closed cases prove nothing.
      expect(run.failed).toBe(0);
      const unconfirmed = run.results.filter((r) => r.status === 'unconfirmed');
      expect(unconfirmed.map((r) => r.id).sort()).toEqual(ids((c) => c.id.startsWith('updateExternalInterview.invalid.closed:')));
      for (const r of unconfirmed) expect(r.reason).toMatch(/^the unbroken request to conformance-nonexistent-[0-9a-f]{16} is answered the same way \(HTTP 400, code 1002002, msg "参数错误: external_interview_id not found .*\): a rejection of (\S+\.)?x_conformance_unknown cannot be told apart from it$/);
    } finally {
      await proxy.close();
    }
  });

  it('rejects targets without allowWrites, naming the option (reject-only runs never target a real id)', async () => {
    await expect(runConformance({ baseUrl: mock.url, token: 't', targets: { [resource.idParameter]: '1' } })).rejects.toThrow(
      new TypeError('invalid option targets: only with allowWrites: a reject-only run sends every case to a non-existent id, so that no real record can be written'),
    );
  });

  it('rejects a target that names no resource or parent of the spec, and the removed options, naming them', async () => {
    await expect(runConformance({ baseUrl: mock.url, token: 't', allowWrites: true, targets: { nothing_id: '1' } })).rejects.toThrow(/^invalid option targets\.nothing_id: is not the id parameter of a resource of the spec or the field naming a parent \(/);
    await expect(runConformance({ baseUrl: mock.url, token: 't', allowWrites: true, targets: { [resource.idParameter]: '' } })).rejects.toThrow(`invalid option targets.${resource.idParameter}: must be a non-empty string`);
    await expect(runConformance({ baseUrl: mock.url, token: 't', interviewId: '1' })).rejects.toThrow('invalid option interviewId: was removed: give targets');
  });

  it('names bad options', async () => {
    await expect(runConformance({ baseUrl: 'ftp://x', token: 't' })).rejects.toThrow(/invalid option baseUrl: must be an http\(s\) URL/);
    await expect(runConformance({ baseUrl: mock.url })).rejects.toThrow(/invalid option token/);
    await expect(runConformance({ baseUrl: mock.url, token: 't', rate: -1 })).rejects.toThrow(/invalid option rate/);
    await expect(runConformance({ baseUrl: mock.url, token: 't', timeoutMs: 1.5 })).rejects.toThrow(/invalid option timeoutMs/);
    await expect(runConformance({ baseUrl: mock.url, token: 't', checkRateLimit: 'yes' })).rejects.toThrow(/invalid option checkRateLimit: must be a boolean/);
    await expect(runConformance({ baseUrl: mock.url, token: 't', expiredToken: '' })).rejects.toThrow(/invalid option expiredToken/);
    await expect(runConformance({ baseUrl: mock.url, token: 't', readState: {} })).rejects.toThrow(/invalid option readState/);
    await expect(runConformance({ baseUrl: mock.url, token: 't', clock: { now: Date.now } })).rejects.toThrow(/invalid option clock/);
  });

  it('reports a token the server refuses to issue', async () => {
    await expect(runConformance({ baseUrl: mock.url, appId: 'cli_mock_app', appSecret: 'wrong' })).rejects.toThrow(/tenant_access_token request failed: HTTP \d+, code [1-9]/);
  });
});
