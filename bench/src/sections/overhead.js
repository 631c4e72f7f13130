// Client CPU overhead per call: every contender talks to the same in-process canned transport (no network).
import createClient from 'openapi-fetch';
import { median } from '../lib/stats.js';
import { INTERVIEW_ID, OPERATION_PATH, TOKEN, loadOfficialSdk, silentLogger, specExamples, tryImport } from '../lib/contenders.js';

const BASE_URL = 'https://open.feishu.cn';
const RESPONSE_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': '202401010000000000000000000000000' };

/**
 * A fetch that never touches the network and answers every call with a fresh Response holding `bodyText`.
 * `buildsRequest`: first build the Request as Node's fetch (undici) does, `new Request(input, init)`, which copies a
 * Request passed in (body included) and follows its signal; without it the transport costs nothing at all.
 */
export function cannedFetch(bodyText, { buildsRequest = true } = {}) {
  return async (input, init) => {
    if (buildsRequest) new Request(input, init); // the work only: undici's fetch builds it before sending
    return new Response(bodyText, { status: 200, headers: RESPONSE_HEADERS });
  };
}

/** An axios adapter with the same canned answer (axios parses the JSON string like fetch's `.json()` does). */
export function cannedAxiosAdapter(bodyText) {
  return async (config) => ({ data: bodyText, status: 200, statusText: 'OK', headers: { ...RESPONSE_HEADERS }, config, request: {} });
}

/** Builds {name -> async call()} for every contender available (the fetch ones on `transport`); unavailable ones get {error}. */
export async function buildContenders(transport = {}) {
  const { response } = specExamples();
  const bodyText = JSON.stringify(response);
  const body = specExamples().request;
  const fetch = cannedFetch(bodyText, transport);
  const contenders = {};

  const ours = await tryImport('@feishu-hire/client');
  if (ours.error) contenders.ours = { error: ours.error };
  else {
    const client = ours.mod.createHireClient({ auth: TOKEN, fetch, rateLimit: false, retry: false });
    contenders.ours = { call: () => client.externalInterviews.update(INTERVIEW_ID, body) };
  }

  const lark = loadOfficialSdk();
  const sdk = new lark.Client({ appId: 'cli_bench', appSecret: 'bench_secret', disableTokenCache: true, logger: silentLogger, loggerLevel: lark.LoggerLevel.fatal });
  const tokenOption = lark.withTenantToken(TOKEN);
  contenders.official = {
    call: async () => {
      const res = await sdk.hire.externalInterview.update({ path: { external_interview_id: INTERVIEW_ID }, data: body }, tokenOption);
      if (res.code !== 0) throw new Error(`official SDK: code ${res.code}`);
      return res.data.external_interview;
    },
    setup: () => {
      const previous = lark.defaultHttpInstance.defaults.adapter;
      lark.defaultHttpInstance.defaults.adapter = cannedAxiosAdapter(bodyText);
      return () => { lark.defaultHttpInstance.defaults.adapter = previous; };
    },
  };

  const bare = createClient({ baseUrl: BASE_URL, fetch });
  /** One bare openapi-fetch update; `init()` adds per-call request options. */
  const bareUpdate = (init = () => ({})) => async () => {
    const { data, error } = await bare.PUT(OPERATION_PATH, {
      params: { path: { external_interview_id: INTERVIEW_ID } },
      body,
      headers: { Authorization: `Bearer ${TOKEN}` },
      ...init(),
    });
    if (error || data.code !== 0) throw new Error('openapi-fetch: request failed');
    return data.data.external_interview;
  };
  contenders.openapiFetch = { call: bareUpdate() };
  // The same, with the deadline signal every call of ours carries (undici's Request follows a signal at a cost).
  contenders.openapiFetchSignal = { call: bareUpdate(() => ({ signal: AbortSignal.timeout(30_000) })) };

  contenders.rawFetch = {
    call: async () => {
      const res = await fetch(`${BASE_URL}/open-apis/hire/v1/external_interviews/${encodeURIComponent(INTERVIEW_ID)}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (json.code !== 0) throw new Error(`raw fetch: code ${json.code}`);
      return json.data.external_interview;
    },
  };
  return contenders;
}

/** Runs `call` n times sequentially and returns {cpuNs, wallNs} per call. */
async function batch(call, n) {
  const cpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await call();
  const wallNs = Number(process.hrtime.bigint() - wall0) / n;
  const cpu = process.cpuUsage(cpu0);
  return { cpuNs: ((cpu.user + cpu.system) * 1000) / n, wallNs };
}

/** Measures every contender in interleaved rounds and returns {name -> {cpuNs, wallNs}} medians. */
export async function measureOverhead({ quick = false, log = () => {}, transport = {} } = {}) {
  const contenders = await buildContenders(transport);
  const names = Object.keys(contenders).filter((n) => contenders[n].call);
  const rounds = quick ? 5 : 25;
  const perRound = quick ? 300 : 2000;
  const warmup = quick ? 500 : 5000;
  const samples = Object.fromEntries(names.map((n) => [n, { cpu: [], wall: [] }]));
  const teardowns = names.map((n) => contenders[n].setup?.()).filter(Boolean);
  try {
    for (const n of names) {
      const result = await contenders[n].call();
      if (!result || typeof result.id !== 'string') throw new Error(`${n}: update did not resolve to an external_interview (got ${JSON.stringify(result)?.slice(0, 200)})`);
      await batch(contenders[n].call, warmup);
    }
    for (let r = 0; r < rounds; r++) {
      const order = names.map((_, i) => names[(i + r) % names.length]);
      for (const n of order) {
        const s = await batch(contenders[n].call, perRound);
        samples[n].cpu.push(s.cpuNs);
        samples[n].wall.push(s.wallNs);
      }
    }
  } finally {
    for (const t of teardowns) t();
  }
  log(`overhead: ${rounds} rounds x ${perRound} calls per contender, ${warmup} warmup calls`);
  const out = { rounds, perRound };
  for (const n of Object.keys(contenders)) {
    out[n] = contenders[n].call ? { cpuNs: median(samples[n].cpu), wallNs: median(samples[n].wall) } : { error: contenders[n].error };
  }
  return out;
}

/** Report rows of this section. */
export async function overheadSection(opts) {
  const m = await measureOverhead(opts);
  const bare = await measureOverhead({ ...opts, transport: { buildsRequest: false } });
  const note = m.ours.error ? ` (ours: ${m.ours.error})` : '';
  const cpuTarget = m.ours.cpuNs !== undefined ? m.ours.cpuNs / m.openapiFetch.cpuNs <= 1.25 : undefined;
  return {
    rows: [
      { section: "Client overhead per call (canned in-process transport that builds its Request as Node's fetch does)" },
      { metric: 'CPU time per call (median)', unit: 'ns', ours: m.ours.cpuNs ?? null, official: m.official.cpuNs, floor: m.openapiFetch.cpuNs, floorLabel: 'openapi-fetch', target: '≤ 1.25x floor', met: cpuTarget },
      { metric: 'CPU time per call vs openapi-fetch with a deadline signal', unit: 'ns', ours: m.ours.cpuNs ?? null, official: m.official.cpuNs, floor: m.openapiFetchSignal.cpuNs, floorLabel: 'openapi-fetch + AbortSignal.timeout' },
      { metric: 'CPU time per call vs raw fetch', unit: 'ns', ours: m.ours.cpuNs ?? null, official: m.official.cpuNs, floor: m.rawFetch.cpuNs, floorLabel: 'raw fetch' },
      { metric: 'wall time per call (median)', unit: 'ns', ours: m.ours.wallNs ?? null, official: m.official.wallNs, floor: m.openapiFetch.wallNs, floorLabel: 'openapi-fetch' },
      { metric: 'CPU time per call, free transport (builds no Request)', unit: 'ns', ours: bare.ours.cpuNs ?? null, official: bare.official.cpuNs, floor: bare.openapiFetch.cpuNs, floorLabel: 'openapi-fetch' },
    ],
    notes: [`Overhead: process.cpuUsage() (user+system) per call, median of ${m.rounds} interleaved rounds of ${m.perRound} sequential awaited calls after warmup; the official SDK gets an axios adapter with the same canned body; the others a fetch that first builds its Request as Node's fetch (undici) does, new Request(input, init), then returns the same canned Response. That step is real work every fetch call pays: a Request passed in is copied, body stream included, and a signal is followed (a listener and a finalizer). Every call of ours carries a deadline signal (timeout and abort at any point) and hands it to fetch, so it is followed once; openapi-fetch given a signal puts it in its own Request, which fetch copies and follows again: the second row compares with openapi-fetch given the same AbortSignal.timeout. The last row repeats the measure with a transport that builds nothing, where only the clients' own work counts.${note}`],
    data: { ...m, freeTransport: bare },
  };
}
