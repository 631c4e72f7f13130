// Client CPU per call. First over loopback HTTP with keep-alive, the HTTP stack included (the server runs in a child
// process, so its CPU is not counted): ours, the official SDK, bare openapi-fetch, raw fetch and node:http in one run.
// Then each client's own work, over an in-process canned transport (no network).
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import createClient from 'openapi-fetch';
import { median } from '../lib/stats.js';
import { INTERVIEW_ID, INTERVIEW_PATH, OPERATION_PATH, TOKEN, loadOfficialSdk, officialUpdate, silentLogger, specExamples, tryImport } from '../lib/contenders.js';

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
    call: officialUpdate(sdk, tokenOption, body),
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
      const res = await fetch(`${BASE_URL}${INTERVIEW_PATH}`, {
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

/** Runs every contender of `contenders` in interleaved rounds and returns {name -> {cpuNs, wallNs}} medians. */
async function measureContenders(contenders, { quick = false, log = () => {}, label }) {
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
  log(`overhead (${label}): ${rounds} rounds x ${perRound} calls per contender, ${warmup} warmup calls`);
  const out = { rounds, perRound };
  for (const n of Object.keys(contenders)) {
    out[n] = contenders[n].call ? { cpuNs: median(samples[n].cpu), wallNs: median(samples[n].wall) } : { error: contenders[n].error };
  }
  return out;
}

/** Measures every contender over the in-process canned `transport` and returns {name -> {cpuNs, wallNs}} medians. */
export async function measureOverhead({ quick = false, log = () => {}, transport = {} } = {}) {
  return measureContenders(await buildContenders(transport), { quick, log, label: transport.buildsRequest === false ? 'free transport' : 'canned transport' });
}

/** Starts the keep-alive server (lib/keepalive-server.js) in a child process; resolves {url, stop}. */
async function startKeepAliveServer(bodyText) {
  const child = fork(fileURLToPath(new URL('../lib/keepalive-server.js', import.meta.url)), [bodyText], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`keep-alive server exited with code ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.disconnect() };
}

/** The contenders over real HTTP to `url`, each on its default keep-alive transport. */
async function buildHttpContenders(url) {
  const body = specExamples().request;
  const path = INTERVIEW_PATH;
  const contenders = {};

  const ours = await tryImport('@feishu-hire/client');
  if (ours.error) contenders.ours = { error: ours.error };
  else {
    // Its defaults but the rate limiter, which would hold sequential calls to 10/s (it costs no CPU while it waits).
    const client = ours.mod.createHireClient({ auth: TOKEN, baseUrl: url, rateLimit: false });
    contenders.ours = { call: () => client.externalInterviews.update(INTERVIEW_ID, body) };
  }

  const lark = loadOfficialSdk();
  const sdk = new lark.Client({ appId: 'cli_bench', appSecret: 'bench_secret', domain: url, disableTokenCache: true, logger: silentLogger, loggerLevel: lark.LoggerLevel.fatal });
  const tokenOption = lark.withTenantToken(TOKEN);
  contenders.official = {
    call: officialUpdate(sdk, tokenOption, body),
  };

  const bare = createClient({ baseUrl: url });
  contenders.openapiFetch = {
    call: async () => {
      const { data, error } = await bare.PUT(OPERATION_PATH, { params: { path: { external_interview_id: INTERVIEW_ID } }, body, headers: { Authorization: `Bearer ${TOKEN}` } });
      if (error || data.code !== 0) throw new Error('openapi-fetch: request failed');
      return data.data.external_interview;
    },
  };

  contenders.rawFetch = {
    call: async () => {
      const res = await fetch(url + path, { method: 'PUT', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });
      const json = await res.json();
      if (json.code !== 0) throw new Error(`raw fetch: code ${json.code}`);
      return json.data.external_interview;
    },
  };

  const agent = new http.Agent({ keepAlive: true });
  contenders.nodeHttp = {
    call: () => new Promise((resolve, reject) => {
      const data = JSON.stringify(body);
      const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(data) };
      const req = http.request(url + path, { method: 'PUT', agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text).data.external_interview));
      });
      req.on('error', reject);
      req.end(data);
    }),
    setup: () => () => agent.destroy(),
  };
  return contenders;
}

/** CPU and wall time per call of every contender over loopback HTTP with keep-alive, in one run. */
export async function measureHttp({ quick = false, log = () => {} } = {}) {
  const server = await startKeepAliveServer(JSON.stringify(specExamples().response));
  try {
    return await measureContenders(await buildHttpContenders(server.url), { quick, log, label: 'loopback HTTP' });
  } finally {
    server.stop();
  }
}

/** `a / b` as `1.23x`, or n/a. */
const times = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');

/** Report rows of this section. */
export async function overheadSection(opts) {
  const h = await measureHttp(opts);
  const m = await measureOverhead(opts);
  const bare = await measureOverhead({ ...opts, transport: { buildsRequest: false } });
  const note = h.ours.error ? ` (ours: ${h.ours.error})` : '';
  const ours = h.ours.cpuNs;
  const ratios = `ours / official SDK ${times(ours, h.official.cpuNs)}, ours / openapi-fetch ${times(ours, h.openapiFetch.cpuNs)}, ours / raw fetch ${times(ours, h.rawFetch.cpuNs)}, ours / node:http ${times(ours, h.nodeHttp.cpuNs)}, official SDK / node:http ${times(h.official.cpuNs, h.nodeHttp.cpuNs)}`;
  opts.log?.(`overhead over loopback HTTP: ${ratios}`);
  return {
    rows: [
      { section: 'Client CPU per call over loopback HTTP (keep-alive; the server in another process; HTTP stack included)' },
      { metric: 'CPU time per call (median) vs the official SDK', unit: 'ns', ours: ours ?? null, official: h.official.cpuNs, floor: h.official.cpuNs, floorLabel: 'official SDK', target: '≤ 1.00x official SDK', met: ours === undefined ? undefined : ours <= h.official.cpuNs },
      { metric: 'CPU time per call vs openapi-fetch', unit: 'ns', ours: ours ?? null, official: h.official.cpuNs, floor: h.openapiFetch.cpuNs, floorLabel: 'openapi-fetch' },
      { metric: 'CPU time per call vs raw fetch(url, init)', unit: 'ns', ours: ours ?? null, official: h.official.cpuNs, floor: h.rawFetch.cpuNs, floorLabel: 'raw fetch' },
      { metric: 'CPU time per call vs node:http (keep-alive agent)', unit: 'ns', ours: ours ?? null, official: h.official.cpuNs, floor: h.nodeHttp.cpuNs, floorLabel: 'node:http' },
      { metric: 'wall time per call (median)', unit: 'ns', ours: h.ours.wallNs ?? null, official: h.official.wallNs, floor: h.official.wallNs, floorLabel: 'official SDK' },
      { section: "Each client's own work (canned in-process transport, no network)" },
      { metric: "CPU time per call, a transport that builds its Request as Node's fetch does", unit: 'ns', ours: m.ours.cpuNs ?? null, official: m.official.cpuNs, floor: m.openapiFetch.cpuNs, floorLabel: 'openapi-fetch' },
      { metric: 'CPU time per call vs openapi-fetch with a deadline signal', unit: 'ns', ours: m.ours.cpuNs ?? null, official: m.official.cpuNs, floor: m.openapiFetchSignal.cpuNs, floorLabel: 'openapi-fetch + AbortSignal.timeout' },
      { metric: 'CPU time per call, free transport (builds no Request)', unit: 'ns', ours: bare.ours.cpuNs ?? null, official: bare.official.cpuNs, floor: bare.openapiFetch.cpuNs, floorLabel: 'openapi-fetch' },
    ],
    notes: [
      `Overhead over HTTP: process.cpuUsage() (user+system) of the bench process per call, median of ${h.rounds} interleaved rounds of ${h.perRound} sequential awaited updates after warmup, every contender against one keep-alive HTTP server on 127.0.0.1 running in a child process (its CPU is not counted), answering the spec's example response. Each uses its default transport: ours node:http with Node's keep-alive agent (its node build), openapi-fetch Node's fetch (undici), the official SDK axios on node:http, the floors fetch(url, init) and node:http.request with a keep-alive agent. Ours runs with its defaults (per-attempt deadline signal, retries, hooks) but the rate limiter (rateLimit: false: it would hold sequential calls to 10/s, which costs no CPU but wall time). Ratios of this run: ${ratios}.`,
      `Own work: the same measure over an in-process canned transport: the official SDK gets an axios adapter with the canned body; the others a fetch that first builds its Request as Node's fetch (undici) does, new Request(input, init), then returns a canned Response (ours calls fetch(url, init), so one Request is built; openapi-fetch passes a Request of its own, which is copied, and a deadline signal given to it is followed twice). The last row repeats it with a transport that builds nothing, where only the clients' own work counts.${note}`,
    ],
    data: { http: h, ...m, freeTransport: bare },
  };
}
