// A sync of 200 records through @feishu-hire/client against the mock injecting faults as its CLI does
// (`--fault system-error:share=0.1 --fault reset:share=0.05 --fault stall:share=0.03`), with the rate limits of the spec
// (10/s for create, batch query and update) on both sides: items failed, requests per item, elapsed against the time
// the limits alone take. The same sync without faults is the floor column. The official SDK has no sync: n/a.
import { tryImport } from '../lib/contenders.js';

const RECORDS = 200;
const FAULTS = [
  { kind: 'system-error', share: 0.1 },
  { kind: 'reset', share: 0.05 },
  { kind: 'stall', share: 0.03 },
];
const APP = '6960663240925956437';
const CREDENTIALS = { appId: 'cli_mock_app', appSecret: 'mock_app_secret' };
// A stalled answer ends at the attempt's deadline: the sync's timeoutMs.
const ATTEMPT_TIMEOUT_MS = 2000;

/** Record `i` of the export; `variant` changes a nested answer (a stored record that differs). */
function record(i, variant = '') {
  return {
    external_id: `ats-${i}`,
    participate_status: 2,
    begin_time: 1_700_000_000_000 + i,
    interview_assessments: [{ username: '张三', conclusion: 2, assessment_dimension_list: [{ assessment_type: 1, score: i % 100, content: `评语${variant}` }] }],
  };
}

/** The store before the sync: a fifth as exported, a fifth differing, 10 no longer exported (the rest is created). */
function seed() {
  const rows = [...Array.from({ length: RECORDS / 5 }, (_, i) => record(i)), ...Array.from({ length: RECORDS / 5 }, (_, i) => record(RECORDS / 5 + i, 'old')), ...Array.from({ length: 10 }, (_, i) => record(10_000 + i))];
  return rows.map((row, i) => ({ ...row, id: String(7_000_000_000_000_000_000n + BigInt(i)), external_application_id: APP }));
}

/** Runs one sync of the export against a fresh mock with `faults`; returns its figures. */
async function measureOnce(faults) {
  const { startMockServer } = (await tryImport('@feishu-hire/mock-server')).mod;
  const { createHireClient, syncExternalInterviews } = (await tryImport('@feishu-hire/client')).mod;
  const mock = await startMockServer({ interviews: seed() });
  try {
    const handles = faults.map((fault) => mock.faults.inject(fault));
    const requests = {};
    const client = createHireClient({ auth: CREDENTIALS, baseUrl: mock.url, hooks: { onRequest: ({ operationId }) => void (requests[operationId] = (requests[operationId] ?? 0) + 1) } });
    const interviews = Array.from({ length: RECORDS }, (_, i) => record(i));
    const started = performance.now();
    const result = await syncExternalInterviews(client, { externalApplicationId: APP, interviews, deleteMissing: true, timeoutMs: ATTEMPT_TIMEOUT_MS });
    const elapsedMs = performance.now() - started;
    const stored = mock.store.list({ externalApplicationId: APP }).length;
    // Each rate-limited operation has its own 10/s: the slowest of them bounds the sync from below.
    const floorMs = Math.max(...['createExternalInterview', 'updateExternalInterview', 'batchQueryExternalInterviews'].map((op) => (requests[op] ?? 0) / 10)) * 1000;
    const sent = Object.entries(requests).filter(([op]) => op !== 'getTenantAccessToken').reduce((sum, [, n]) => sum + n, 0);
    return { failed: result.failed, counts: result.counts, requests, perItem: sent / result.items.length, elapsedMs, floorMs, stored, fired: handles.map((h) => `${h.fault.kind} ${h.fired}`) };
  } finally {
    await mock.close();
  }
}

/** Report rows of this section. */
export async function syncFaultsSection({ log = () => {} } = {}) {
  const faulty = await measureOnce(FAULTS);
  log(`syncfaults: under faults ${JSON.stringify(faulty)}`);
  const clean = await measureOnce([]);
  log(`syncfaults: without faults ${JSON.stringify(clean)}`);
  const label = 'no faults';
  return {
    rows: [
      { section: `Sync of ${RECORDS} records under faults (10% system errors, 5% resets, 3% stalls; the spec's 10/s limits)` },
      { metric: 'items failed', unit: 'count', ours: faulty.failed, official: null, floor: clean.failed, floorLabel: label, ratio: null, target: '0', met: faulty.failed === 0 },
      { metric: 'requests per item (token excluded)', unit: 'number', ours: faulty.perItem, official: null, floor: clean.perItem, floorLabel: label },
      { metric: 'elapsed', unit: 'ms', ours: faulty.elapsedMs, official: null, floor: clean.elapsedMs, floorLabel: label },
      { metric: 'elapsed / the 10/s floor of its own requests', unit: 'x', ours: faulty.elapsedMs / faulty.floorMs, official: null, floor: clean.elapsedMs / clean.floorMs, floorLabel: label, ratio: null },
    ],
    notes: [
      `Sync under faults: a fresh mock (@feishu-hire/mock-server, the spec's rate limits) holding ${RECORDS / 5} of the ${RECORDS} exported records as exported, ${RECORDS / 5} differing and 10 no longer exported; syncExternalInterviews with deleteMissing and timeoutMs ${ATTEMPT_TIMEOUT_MS} (a stalled answer ends there), the client's defaults otherwise (its 10/s limiters, 3 attempts, 8 rounds). Faults injected as the mock's --fault flags do: ${FAULTS.map((f) => `${f.kind}:share=${f.share}`).join(', ')}; fired this run: ${faulty.fired.join(', ')}. Plan ${JSON.stringify(faulty.counts)}; requests by operation under faults ${JSON.stringify(faulty.requests)}, without ${JSON.stringify(clean.requests)}. The floor of a run is the time its own requests take at 10/s per operation (the slowest operation's count / 10). The official SDK has no sync.`,
    ],
    data: { faulty, clean },
  };
}
