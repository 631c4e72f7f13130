// The mock with 100,000 stored records: requests per second and p99 of a page of one parent, an update and a
// create (autocannon, the mock in its own process), beside the same mock holding 10 records; and the heap the store
// takes per stored record (a child process with --expose-gc).
import autocannon from 'autocannon';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expandPath, operationById, resourceByName } from '@feishu-hire/spec/model';
import { REPO_ROOT, TOKEN } from '../lib/contenders.js';
import { run, startServerProcess } from '../lib/proc.js';

const STORED = 100_000;
const PARENTS = 1_000;
const create = operationById('createExternalInterview');
const list = operationById('batchQueryExternalInterviews');
const update = operationById('updateExternalInterview');
const example = Object.values(create.requestBody.examples)[0];
const parentField = resourceByName(create.resource.name).parent.field;

/** A seed of `count` interviews (the create example each) spread over PARENTS applications. */
function seedOf(count) {
  const records = Array.from({ length: count }, (_, i) => ({ ...example, id: `7${String(i).padStart(18, '0')}`, external_id: `bench-${i}`, [parentField]: `app-${i % PARENTS}` }));
  return { [create.resource.name]: records };
}

/** The three requests measured, against a store holding record `7000…0` of application `app-0`. */
function requests() {
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' };
  const id = `7${'0'.repeat(18)}`;
  return {
    'list: one page of 10 of one parent': { method: list.method, path: `${list.path}?${parentField}=app-0&page_size=10`, headers, body: '{}' },
    'update (full overwrite) of one record': { method: update.method, path: expandPath(update.path, { [update.parameters.path[0].name]: id }), headers, body: JSON.stringify({ ...example, [parentField]: 'app-0' }) },
    'create (no idempotency key)': { method: create.method, path: create.path, headers, body: JSON.stringify({ ...example, external_id: undefined, [parentField]: 'app-1' }) },
  };
}

/** autocannon against `url` for `seconds`: {rps, p99}. */
async function load(url, request, seconds) {
  const result = await autocannon({ url: `${url}${request.path}`, method: request.method, headers: request.headers, body: request.body, connections: 10, duration: seconds, timeout: 10 });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts };
}

/** Starts the mock CLI on a seed file of `count` records and measures every request; resolves to {name: {rps, p99}}. */
async function measure(dir, count, seconds, log) {
  const file = path.join(dir, `seed-${count}.json`);
  await writeFile(file, JSON.stringify(seedOf(count)));
  const bin = path.join(REPO_ROOT, 'packages/mock-server/bin/feishu-hire-mock.js');
  const server = await startServerProcess(process.execPath, [bin, '--seed', file, '--limit', `records=${STORED * 2}`, '--no-parent-checks', '--rate-limit', '0', '--token', TOKEN, '--quiet'], { urlPattern: /listening on (http:\/\/127\.0\.0\.1:\d+)/, timeoutMs: 180_000 });
  try {
    const out = {};
    for (const [name, request] of Object.entries(requests())) {
      await load(server.url, request, 1); // warmup
      out[name] = await load(server.url, request, seconds);
      log(`mockstore ${count}: ${name} ${JSON.stringify(out[name])}`);
    }
    return out;
  } finally {
    await server.stop();
  }
}

/** The heap per stored record, from heap-probe.js in a child process. */
async function heapPerRecord() {
  const probe = path.join(REPO_ROOT, 'bench/src/lib/heap-probe.js');
  const { stdout } = await run(process.execPath, ['--expose-gc', probe, String(STORED)], { cwd: path.join(REPO_ROOT, 'bench'), timeoutMs: 300_000 });
  return JSON.parse(stdout.trim().split('\n').pop());
}

/** Report rows of this section. */
export async function mockStoreSection({ quick = false, log = () => {} } = {}) {
  const seconds = quick ? 1 : 5;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feishu-hire-bench-store-'));
  try {
    const full = await measure(dir, STORED, seconds, log);
    const small = await measure(dir, 10, seconds, log);
    const heap = await heapPerRecord();
    log(`mockstore heap: ${JSON.stringify(heap)}`);
    const rows = Object.keys(full).flatMap((name) => [
      { metric: `${name}: throughput`, unit: 'rps', ours: full[name].rps, official: null, floor: small[name].rps, floorLabel: '10 stored' },
      { metric: `${name}: latency p99`, unit: 'ms', ours: full[name].p99, official: null, floor: small[name].p99, floorLabel: '10 stored' },
    ]);
    return {
      rows: [
        { section: `Mock server store: ${STORED} stored records over ${PARENTS} parents (autocannon, 10 connections, ${seconds} s each)` },
        ...rows,
        { metric: 'heap per stored record (the create example, one assessment)', unit: 'bytes', ours: heap.perRecord, official: null, floor: null, ratio: null },
      ],
      notes: [
        `Mock store: the mock CLI in its own process, seeded from a file of ${STORED} interviews (the spec's create example, ${STORED / PARENTS} per application; \`--no-parent-checks\`, \`--rate-limit 0\`), then the same with 10; ours/floor near 1 means the cost does not grow with the store (a page is found by its parent's index, O(page + log n)). Non-2xx answers (none expected): ${Object.values(full).map((r) => r.errors).join(', ')}. Heap: heapUsed after gc with ${heap.records} records set in one resource's store, minus before, divided by the count.`,
      ],
      data: { full, small, heap },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
