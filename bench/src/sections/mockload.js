// Mock server throughput and p99 latency under concurrent load (autocannon), beside Prism mocking the same spec.
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_DIR, INTERVIEW_PATH, REPO_ROOT, TOKEN, specExamples, updateBody } from '../lib/contenders.js';
import { freePort, run, startServerProcess } from '../lib/proc.js';

/** Prism version installed on demand (the newest whose engines accept Node 20). */
export const PRISM_VERSION = '5.14.2';
const PRISM_DIR = path.join(CACHE_DIR, `prism-${PRISM_VERSION}`);
const PRISM_BIN = path.join(PRISM_DIR, 'node_modules/@stoplight/prism-cli/dist/index.js');

/** Installs @stoplight/prism-cli into bench/.cache once and returns the path of its entry script. */
export async function ensurePrism(log = () => {}) {
  if (existsSync(PRISM_BIN)) return PRISM_BIN;
  log(`installing @stoplight/prism-cli@${PRISM_VERSION} into ${PRISM_DIR}`);
  await mkdir(PRISM_DIR, { recursive: true });
  await run('npm', ['install', '--prefix', PRISM_DIR, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `@stoplight/prism-cli@${PRISM_VERSION}`], { timeoutMs: 480_000 });
  if (!existsSync(PRISM_BIN)) throw new Error(`prism installed but ${PRISM_BIN} is missing`);
  return PRISM_BIN;
}

/** Runs autocannon for `seconds` with `connections` against `url` and returns {rps, p50, p99, ok, notOk}. */
export async function load(url, { seconds, connections, headers, body }) {
  const result = await autocannon({
    url: `${url}${INTERVIEW_PATH}`,
    method: 'PUT', headers, body, connections, duration: seconds, timeout: 10,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    notOk: result.non2xx + result.errors + result.timeouts,
  };
}

/** Report rows of this section. */
export async function mockLoadSection({ quick = false, log = () => {} } = {}) {
  const seconds = quick ? 1 : 5;
  const connections = 10;
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' };
  const body = JSON.stringify(updateBody());
  const opts = { seconds, connections, headers, body };
  const out = {};

  const mockBin = path.join(REPO_ROOT, 'packages/mock-server/bin/feishu-hire-mock.js');
  try {
    const server = await startServerProcess(process.execPath, [mockBin, '--port', '0', '--host', '127.0.0.1', '--rate-limit', '0', '--token', TOKEN, '--quiet'], { urlPattern: /listening on (http:\/\/127\.0\.0\.1:\d+)/ });
    try {
      await load(server.url, { ...opts, seconds: 1 }); // warmup
      out.ours = await load(server.url, opts);
    } finally {
      await server.stop();
    }
  } catch (err) {
    out.ours = { error: String(err.message).split('\n').slice(0, 3).join(' ') };
  }
  log(`mock: ours ${JSON.stringify(out.ours)}`);

  try {
    const prism = await ensurePrism(log);
    const port = await freePort();
    const server = await startServerProcess(process.execPath, [prism, 'mock', specExamples().specFile, '-p', String(port), '-h', '127.0.0.1'], { urlPattern: /listening on (http:\/\/127\.0\.0\.1:\d+)/, timeoutMs: 90_000 });
    try {
      await load(server.url, { ...opts, seconds: 1 });
      out.prism = await load(server.url, opts);
    } finally {
      await server.stop();
    }
  } catch (err) {
    out.prism = { error: String(err.message).split('\n').slice(0, 3).join(' ') };
  }
  log(`mock: prism ${JSON.stringify(out.prism)}`);

  const row = (metric, key, unit, extra = {}) => ({ metric, unit, ours: out.ours[key] ?? null, official: null, floor: out.prism[key] ?? null, floorLabel: 'Prism', ...extra });
  const errs = Object.entries(out).filter(([, r]) => r.error).map(([n, r]) => `${n}: ${r.error}`);
  return {
    rows: [
      { section: `Mock server under load (autocannon, ${connections} connections, ${seconds} s, PUT with the spec's example body)` },
      row('throughput', 'rps', 'rps'),
      row('latency p99', 'p99', 'ms', { ratio: null }),
      row('latency p50', 'p50', 'ms', { ratio: null }),
      row('2xx answers', 'ok', 'count', { ratio: null }),
      row('non-2xx answers + socket errors', 'notOk', 'count', { ratio: null }),
    ],
    notes: [
      `Mock load: each server runs in its own process (ours: \`feishu-hire-mock --rate-limit 0 --token …\`; floor column: Prism ${PRISM_VERSION} \`prism mock\` of the bundled spec, installed on demand into bench/.cache); autocannon runs in the bench process after a 1 s warmup; both get the same headers and body. Ours checks the bearer token against its token store, validates the body with the spec's schemas and stores the full overwrite; Prism only checks that an Authorization header is present, validates the request and answers the spec's example. There is no official-SDK server, so that column is n/a.`,
      ...errs,
    ],
    data: out,
  };
}
