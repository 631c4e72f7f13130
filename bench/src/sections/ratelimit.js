// Rate-limited throughput: N concurrent updates against the mock server enforcing 10 requests/s per token.
import createClient from 'openapi-fetch';
import { INTERVIEW_ID, OPERATION_PATH, TOKEN_PATH, loadOfficialSdk, silentLogger, tryImport, updateBody } from '../lib/contenders.js';

const ALLOWED_PER_SECOND = 10;
const APP = { appId: 'cli_mock_app', appSecret: 'mock_app_secret' };

/** Wraps fetch to count HTTP 429 answers (and 400s carrying the rate-limit code) seen on the wire. */
function countingFetch(counter) {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (res.status === 429) counter.n429++;
    return res;
  };
}

/** Runs `calls` concurrently with an overall deadline and returns {successes, failures, elapsedMs, firstError}. */
async function fire(count, call, deadlineMs) {
  const start = performance.now();
  let timer;
  const deadline = new Promise((resolve) => { timer = setTimeout(resolve, deadlineMs, 'deadline'); });
  const settled = Promise.allSettled(Array.from({ length: count }, (_, i) => call(i)));
  const outcome = await Promise.race([settled, deadline]);
  clearTimeout(timer);
  const elapsedMs = performance.now() - start;
  if (outcome === 'deadline') return { successes: 0, failures: count, elapsedMs, firstError: `not finished within ${deadlineMs} ms` };
  const failed = outcome.filter((o) => o.status === 'rejected');
  return {
    successes: count - failed.length,
    failures: failed.length,
    elapsedMs,
    firstError: failed[0] ? String(failed[0].reason?.message ?? failed[0].reason).slice(0, 160) : undefined,
  };
}

/** Gets a tenant token from the mock's token endpoint (used by the bare floor, which has no token management). */
async function fetchToken(url) {
  const res = await fetch(`${url}${TOKEN_PATH}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify({ app_id: APP.appId, app_secret: APP.appSecret }),
  });
  const json = await res.json();
  if (json.code !== 0) throw new Error(`token endpoint answered code ${json.code}: ${json.msg}`);
  return json.tenant_access_token;
}

/** Measures every contender, each against a fresh mock server; returns {name -> result}. */
export async function measureRateLimit({ quick = false, log = () => {} } = {}) {
  const count = quick ? 30 : 100;
  const deadlineMs = (count / ALLOWED_PER_SECOND) * 1000 * 3 + 10_000;
  const mockMod = await tryImport('@feishu-hire/mock-server');
  if (mockMod.error) throw new Error(mockMod.error);
  const { startMockServer } = mockMod.mod;
  const body = updateBody();
  const results = { count };

  const withMock = async (name, fn) => {
    const mock = await startMockServer({ rateLimitPerSecond: ALLOWED_PER_SECOND });
    try {
      results[name] = await fn(mock.url);
    } catch (err) {
      results[name] = { error: String(err.message).split('\n')[0] };
    } finally {
      await mock.close();
    }
    log(`ratelimit: ${name} ${JSON.stringify(results[name])}`);
  };

  const ours = await tryImport('@feishu-hire/client');
  if (ours.error) results.ours = { error: ours.error };
  else {
    await withMock('ours', async (url) => {
      const counter = { n429: 0 };
      const client = ours.mod.createHireClient({ auth: APP, baseUrl: url, fetch: countingFetch(counter) });
      const r = await fire(count, () => client.externalInterviews.update(INTERVIEW_ID, body), deadlineMs);
      return { ...r, n429: counter.n429 };
    });
  }

  await withMock('official', async (url) => {
    const lark = loadOfficialSdk();
    const counter = { n429: 0 };
    const sdk = new lark.Client({ appId: APP.appId, appSecret: APP.appSecret, domain: url, disableTokenCache: true, logger: silentLogger, loggerLevel: lark.LoggerLevel.fatal });
    // One shared token, as the real token endpoint hands out while it is valid (the mock mints a new one per request,
    // and its limit is per token: concurrent SDK calls without a cached token would each fetch their own).
    const tokenOption = lark.withTenantToken(await fetchToken(url));
    const id = lark.defaultHttpInstance.interceptors.response.use(undefined, (err) => {
      if (err?.response?.status === 429) counter.n429++;
      return Promise.reject(err);
    });
    try {
      const r = await fire(count, async () => {
        const res = await sdk.hire.externalInterview.update({ path: { external_interview_id: INTERVIEW_ID }, data: body }, tokenOption);
        if (res.code !== 0) throw new Error(`code ${res.code}`);
      }, deadlineMs);
      return { ...r, n429: counter.n429 };
    } finally {
      lark.defaultHttpInstance.interceptors.response.eject(id);
    }
  });

  await withMock('floor', async (url) => {
    const counter = { n429: 0 };
    const token = await fetchToken(url);
    const bare = createClient({ baseUrl: url, fetch: countingFetch(counter) });
    const r = await fire(count, async () => {
      const { data, error } = await bare.PUT(OPERATION_PATH, { params: { path: { external_interview_id: INTERVIEW_ID } }, body, headers: { Authorization: `Bearer ${token}` } });
      if (error || data?.code !== 0) throw new Error(`code ${(error ?? data)?.code}`);
    }, deadlineMs);
    return { ...r, n429: counter.n429 };
  });
  return results;
}

/** Report rows of this section. */
export async function rateLimitSection(opts) {
  const m = await measureRateLimit(opts);
  const rate = (r) => (r && r.successes !== undefined ? r.successes / (r.elapsedMs / 1000) / ALLOWED_PER_SECOND : null);
  const pick = (key) => ({ ours: m.ours?.[key] ?? null, official: m.official?.[key] ?? null, floor: m.floor?.[key] ?? null, floorLabel: 'openapi-fetch' });
  const oursRate = rate(m.ours);
  const errs = ['ours', 'official', 'floor'].flatMap((n) => [m[n]?.error && `${n}: ${m[n].error}`, m[n]?.firstError && `${n}, first failure: ${m[n].firstError}`]).filter(Boolean);
  return {
    rows: [
      { section: `Rate-limited throughput (${m.count} concurrent updates, mock enforcing ${ALLOWED_PER_SECOND}/s)` },
      { metric: 'achieved / allowed rate', unit: 'x', ours: oursRate, official: rate(m.official), floor: rate(m.floor), floorLabel: 'openapi-fetch', ratio: null, target: '≥ 0.95 with 0 failures', met: oursRate === null ? undefined : oursRate >= 0.95 && m.ours.failures === 0 },
      { metric: `updates succeeded (of ${m.count})`, unit: 'count', ...pick('successes'), ratio: null },
      { metric: 'failed updates', unit: 'count', ...pick('failures'), ratio: null, target: '0', met: m.ours?.failures === undefined ? undefined : m.ours.failures === 0 },
      { metric: 'HTTP 429 answers received', unit: 'count', ...pick('n429'), ratio: null },
      { metric: 'elapsed', unit: 'ms', ...pick('elapsedMs'), ratio: null },
    ],
    notes: [
      `Rate limit: a fresh mock server (fixed 1 s window, ${ALLOWED_PER_SECOND}/s per token) per contender; all ${m.count} updates are started at once; achieved rate = successes / elapsed, divided by ${ALLOWED_PER_SECOND}/s. Ours runs with its defaults (limiter and retry on) and app credentials; the official SDK and the floor get one token fetched up front (the mock limits per token and mints a new token per token request, while the real endpoint returns the same valid token; given app credentials, the SDK fetches one token per concurrent call and would slip past the per-token limit). The official SDK and bare openapi-fetch have no limiter, so about ${ALLOWED_PER_SECOND} updates get through and the rest fail fast with 429: their "achieved rate" is a handful of successes over a short elapsed time, not a sustainable rate — read it with the failure count.`,
      ...errs,
    ],
    data: m,
  };
}
