// The same suite against servers that break the contract must fail, naming exactly the broken cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '@feishu-hire/mock-server';
import { operationById } from '@feishu-hire/spec/model';
import { dummyInterviewId, loadCases, runConformance } from '../src/index.js';
import { startBrokenProxy } from './helpers/broken-proxy.js';
import { SKIPPED } from './helpers/expected-skips.js';

const update = operationById('updateExternalInterview');
const token = operationById('getTenantAccessToken');
const cases = loadCases().filter((c) => !c.burst);
const ids = (filter) => cases.filter(filter).map((c) => c.id).sort();
let mock;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerSecond: 0 });
});
afterAll(() => mock.close());

/** Runs every (non-burst) case, writes included, through a proxy that breaks the contract in `mode`. */
async function runBroken(mode) {
  const proxy = await startBrokenProxy(mock.url, mode);
  try {
    mock.store.reset();
    const run = await runConformance({ baseUrl: proxy.url, appId: 'cli_mock_app', appSecret: 'mock_app_secret', interviewId: dummyInterviewId(), allowWrites: true, rate: 0, cases });
    const failed = run.results.filter((r) => r.status === 'failed');
    return { run, failedIds: failed.map((r) => r.id).sort(), byId: new Map(run.results.map((r) => [r.id, r])) };
  } finally {
    await proxy.close();
  }
}

describe('a server that breaks the contract fails the suite', () => {
  it('(a) a wrong field type in the 200 body fails exactly the write cases, naming the field', async () => {
    const { run, failedIds, byId } = await runBroken('field-type');
    // The valid writes that answer an interview (create, update); the delete answers none and its valid case is skipped.
    expect(failedIds).toEqual(ids((c) => c.kind === 'valid' && c.writes && !SKIPPED.includes(c.id)));
    expect(run.passed).toBe(cases.length - failedIds.length - SKIPPED.length);
    for (const id of failedIds) expect(byId.get(id).problems).toContain('spec: body.data.external_interview.external_application_id must be of type string');
  });

  it('(b) a missing x-tt-logid header fails every case, naming the header', async () => {
    const { run, failedIds, byId } = await runBroken('drop-logid');
    expect(failedIds).toEqual(ids((c) => !SKIPPED.includes(c.id)));
    expect(run.passed).toBe(0);
    for (const id of failedIds) expect(byId.get(id).problems).toContain('spec: header.x-tt-logid is required');
  });

  it('(c) HTTP 200 for an invalid request fails exactly the invalid cases of the operations answering 1002002', async () => {
    const { failedIds, byId } = await runBroken('accept-invalid');
    // The token endpoint answers its own invalid-parameter code (10003), which this proxy leaves alone.
    expect(failedIds).toEqual(ids((c) => c.kind === 'invalid' && c.operationId !== token.operationId));
    for (const id of failedIds) {
      // The empty-id case (a URL the operation does not describe) only expects a rejection of any kind.
      if (id.endsWith('.invalid.path-minLength:external_interview_id')) {
        expect(byId.get(id).problems).toEqual(['expected HTTP not 2xx, got 200']);
        continue;
      }
      expect(byId.get(id).problems).toContain('expected HTTP 400, got 200');
      expect(byId.get(id).problems).toContain('expected code 1002002, got 0 (ok)');
      expect(byId.get(id).problems).toContain('envelope (ErrorResponse): body.code must NOT be valid');
    }
  });

  it('the untouched mock passes the same cases through the same runner', async () => {
    const run = await runConformance({ baseUrl: mock.url, appId: 'cli_mock_app', appSecret: 'mock_app_secret', interviewId: dummyInterviewId(), allowWrites: true, rate: 0, cases });
    expect(run.results.filter((r) => r.status !== 'passed' && !SKIPPED.includes(r.id))).toEqual([]);
    expect(run.results.filter((r) => r.status === 'skipped').map((r) => r.id).sort()).toEqual(SKIPPED);
  });

  it('a server without rate limiting fails the opt-in burst case', async () => {
    const burst = loadCases().filter((c) => c.burst);
    const run = await runConformance({ baseUrl: mock.url, appId: 'cli_mock_app', appSecret: 'mock_app_secret', checkRateLimit: true, rate: 0, cases: burst });
    // Every rate-limited operation's burst fails (the create's needs --allow-writes: it is skipped here).
    const failed = run.results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.id).sort()).toEqual(burst.filter((c) => !c.writes).map((c) => c.id).sort());
    for (const r of failed) expect(r.reason).toMatch(/a burst of \d+ requests got no HTTP 429 with code 99991400 \(statuses: 400\)/);
  });
});

describe('safety: the default run only sends requests that must be rejected', () => {
  it('skips write cases without allowWrites and leaves the stored interview untouched', async () => {
    mock.store.reset();
    const before = mock.store.get(dummyInterviewId());
    const run = await runConformance({ baseUrl: mock.url, appId: 'cli_mock_app', appSecret: 'mock_app_secret', rate: 0, cases });
    expect(run.results.filter((r) => r.status === 'skipped').map((r) => r.id).sort()).toEqual(ids((c) => c.writes || SKIPPED.includes(c.id)));
    expect(run.failed).toBe(0);
    expect(mock.store.get(dummyInterviewId())).toEqual(before);
  });

  it('sends every case of a reject-only run to a non-existent id: a server ignoring unknown fields overwrites nothing', async () => {
    const proxy = await startBrokenProxy(mock.url, 'ignore-unknown');
    try {
      mock.store.reset();
      const before = mock.store.list();
      const run = await runConformance({ baseUrl: proxy.url, appId: 'cli_mock_app', appSecret: 'mock_app_secret', rate: 0, cases });
      expect(mock.store.list()).toEqual(before);
      // The mock then answers "not found" (also 400/1002002): the msg check still fails exactly the closed cases.
      const failed = run.results.filter((r) => r.status === 'failed');
      expect(failed.map((r) => r.id).sort()).toEqual(ids((c) => c.id.includes('.invalid.closed:')));
      for (const r of failed) expect(r.reason).toMatch(/^expected msg to name (\S+\.)?x_conformance_unknown \(the field this case breaks\), got "参数错误: external_interview_id not found \(path\.external_interview_id = \\"conformance-nonexistent-[0-9a-f]{16}\\"\)"$/);
    } finally {
      await proxy.close();
    }
  });

  it('rejects interviewId without allowWrites, naming the option (reject-only runs never target a real id)', async () => {
    await expect(runConformance({ baseUrl: mock.url, token: 't', interviewId: dummyInterviewId() })).rejects.toThrow(
      new TypeError('invalid option interviewId: only with allowWrites: a reject-only run sends every case to a non-existent id, so that no real interview can be overwritten'),
    );
  });

  it('rejects allowWrites without an explicit interviewId, naming the option', async () => {
    await expect(runConformance({ baseUrl: mock.url, token: 't', allowWrites: true })).rejects.toThrow('invalid option allowWrites: needs an explicit interviewId');
  });

  it('names bad options', async () => {
    await expect(runConformance({ baseUrl: 'ftp://x', token: 't' })).rejects.toThrow(/invalid option baseUrl: must be an http\(s\) URL/);
    await expect(runConformance({ baseUrl: mock.url })).rejects.toThrow(/invalid option token/);
    await expect(runConformance({ baseUrl: mock.url, token: 't', rate: -1 })).rejects.toThrow(/invalid option rate/);
    await expect(runConformance({ baseUrl: mock.url, token: 't', timeoutMs: 1.5 })).rejects.toThrow(/invalid option timeoutMs/);
  });

  it('reports a token the server refuses to issue', async () => {
    await expect(runConformance({ baseUrl: mock.url, appId: 'cli_mock_app', appSecret: 'wrong' })).rejects.toThrow(/tenant_access_token request failed: HTTP \d+, code [1-9]/);
  });
});
