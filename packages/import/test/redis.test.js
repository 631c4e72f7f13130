// --redis: two applies of one app at once, against a mock enforcing a rate limit, share its quota through Redis
// (the client's Bottleneck adapter) and get no 429; without --redis, the same two runs exceed it (the control).
// Needs Debian's redis-server (apt-get install -y redis-server); the test starts its own on a free port.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeExport, MODEL, runCli, startMock, target, workDir } from './helpers/setup.js';

const RATE = 4;
let redis;
let port;

/** A port that was free a moment ago. */
async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port: free } = /** @type {any} */ (server.address());
  await new Promise((r) => server.close(r));
  return free;
}

/** Resolves once redis-server answers PING. */
async function ready() {
  for (let i = 0; i < 200; i++) {
    const pong = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.on('data', (d) => (socket.destroy(), resolve(String(d).includes('PONG'))));
      socket.on('error', () => resolve(false));
    });
    if (pong) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not answer');
}

beforeAll(async () => {
  port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', mkdtempSync(join(tmpdir(), 'redis-'))], { stdio: 'ignore' });
  redis.on('error', (error) => console.error(`redis-server could not start (apt-get install -y redis-server): ${error.message}`));
  await ready();
});
afterAll(() => redis?.kill());

/** Two applies of two exports of the same app at once against a mock at RATE per second: the mock's 429 count. */
async function twoAtOnce(flags) {
  const env = await startMock({ rateLimitPerSecond: RATE });
  try {
    const root = MODEL.resources[0].name;
    const runs = ['a', 'b'].map((name) => {
      const dir = workDir();
      const { lines } = makeExport({ counts: Object.fromEntries(MODEL.resources.map((r) => [r.name, r.name === root ? 12 : 0])), outsideParents: 1 });
      const file = join(dir, `${name}.jsonl`);
      writeFileSync(file, `${lines.map((l) => l.replaceAll(`"${root}-`, `"${name}-${root}-`)).join('\n')}\n`);
      return runCli(['apply', file, ...target(env.url, dir), '--rate-limit', String(RATE), '--progress', 'none', ...flags]);
    });
    const results = await Promise.all(runs);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    return env.lines.filter((l) => / -> 429 /.test(l)).length;
  } finally {
    await env.close();
  }
}

test('with --redis, two applies of one app share its quota: no 429 from a mock enforcing it', async () => {
  expect(await twoAtOnce(['--redis', `redis://127.0.0.1:${port}`])).toBe(0);
}, 120_000);

test('the control: without --redis the same two applies exceed the quota (429s, which the client retries)', async () => {
  expect(await twoAtOnce([])).toBeGreaterThan(0);
}, 120_000);
