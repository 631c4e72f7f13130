#!/usr/bin/env node
// Benchmark, not a test: how long a writing run takes in REAL time, and whether it is set by its slowest operation
// (operations paced side by side, each at its own limit) or by the sum of all. Runs `runConformance` (as the CLI's
// `--base-url ... --allow-writes --no-check-rate-limit` does) against
//   1. the mock CLI (the bin, spawned) serving the bundled spec;
//   2. an in-process mock serving the bundled spec plus the spec package's fixture resource (from its generic store),
// counts the requests of each operation, and prints for each run its length beside two bounds from those counts:
// the slowest operation's paced time (the floor when operations run side by side) and the sum over all operations
// (what one queue at the same paces would take). The rate-limit check is off: each burst waits one window of its
// operation (a minute for a per-minute limit), the same with one operation or many.
// Usage: node bench/writing-run.js [--only mock-cli|fixture]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_APPS, startMockServer } from '@feishu-hire/mock-server';
import { operationsOf, pathPattern } from '@feishu-hire/spec/model';
import { specWithFixtureResource } from '../../spec/test/fixtures/fixture-resource.js';
import { loadSpec, paceOf, runConformance } from '../src/index.js';

const MOCK_BIN = fileURLToPath(new URL('../../mock-server/bin/feishu-hire-mock.js', import.meta.url));
const [APP] = DEFAULT_APPS;
const RATE = 8;

/** Spawns the mock CLI on an OS-picked port; resolves to `{ url, stop() }`. */
function startMockCli() {
  const child = spawn(process.execPath, [MOCK_BIN, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`mock CLI exited with ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) resolve({ url, stop: () => new Promise((done) => { child.removeAllListeners('exit'); child.once('exit', done); child.kill('SIGTERM'); }) });
    });
  });
}

/** A fetch that counts the requests of each operation of `doc` (by method and path template). */
function countingFetch(doc, counts) {
  const operations = operationsOf(doc);
  return (url, init) => {
    const path = new URL(url).pathname;
    const operation = operations.find((o) => o.method === init.method && pathPattern(o.path).test(path));
    const id = operation?.operationId ?? `${init.method} ${path}`;
    counts.set(id, (counts.get(id) ?? 0) + 1);
    return fetch(url, init);
  };
}

/** Runs a writing run against `baseUrl` (spec `doc`); resolves to its length, the counts and both bounds, in seconds. */
async function measure(baseUrl, doc, spec) {
  const counts = new Map();
  const started = Date.now();
  const run = await runConformance({ baseUrl, appId: APP.appId, appSecret: APP.appSecret, allowWrites: true, checkRateLimit: false, rate: RATE, fetch: countingFetch(doc, counts), ...(spec ? { spec } : {}) });
  const seconds = (Date.now() - started) / 1000;
  const operations = operationsOf(doc);
  const paced = [...counts].map(([id, n]) => {
    const pace = paceOf(operations.find((o) => o.operationId === id) ?? { rateLimit: {} }, RATE);
    return { id, n, bound: pace > 0 ? (n - 1) / pace : 0 };
  });
  const slowest = paced.reduce((a, b) => (b.bound > a.bound ? b : a));
  const sum = paced.reduce((total, p) => total + p.bound, 0);
  return { seconds, run, paced, slowest, sum, operations: operations.length };
}

/** Prints one measured run. */
function report(name, m) {
  console.log(`\n${name}: ${m.operations} operations, ${m.run.passed} passed, ${m.run.failed} failed, ${m.run.unconfirmed} unconfirmed, ${m.run.skipped} skipped`);
  for (const p of m.paced.sort((a, b) => b.bound - a.bound)) console.log(`  ${p.id}: ${p.n} requests, paced ${p.bound.toFixed(1)} s`);
  console.log(`  run: ${m.seconds.toFixed(1)} s; slowest operation (${m.slowest.id}) ${m.slowest.bound.toFixed(1)} s; sum over operations ${m.sum.toFixed(1)} s`);
  console.log(`  ratio run / slowest operation: ${(m.seconds / m.slowest.bound).toFixed(2)}; run / sum: ${(m.seconds / m.sum).toFixed(2)}`);
}

const { values } = parseArgs({ options: { only: { type: 'string' } } });
if (values.only !== 'fixture') {
  const mock = await startMockCli();
  try {
    report('bundled spec, against the mock CLI', await measure(mock.url, loadSpec()));
  } finally {
    await mock.stop();
  }
}
if (values.only !== 'mock-cli') {
  const doc = specWithFixtureResource();
  const mock = await startMockServer({ spec: doc });
  try {
    report('bundled spec + the fixture resource, against an in-process mock', await measure(mock.url, doc, doc));
  } finally {
    await mock.close();
  }
}
