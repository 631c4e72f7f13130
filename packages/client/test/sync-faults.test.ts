// A sync of 200 records against the embedded mock injecting faults the way its CLI does (`--fault
// system-error:share=0.1 --fault reset:share=0.05 --fault stall:share=0.03`): every item ends done, none twice, and the
// store ends equal to the export. What makes it hold: reads (the batch query) are retried like a PUT, and an item whose
// answer was lost is settled by listing the application again, never by repeating a create that may have applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APPS, type MockFault, type MockInterview } from '@feishu-hire/mock-server';
import { createHireClient, syncExternalInterviews, type ExternalInterview, type SyncExternalInterview } from '../src/index.js';
import { updateExternalInterviewWriteBack } from '../generated/write-back.js';
import { withoutReadOnly } from '../src/write-back.js';
import { startMock, type Mock } from './helpers/mock.js';

const APP = '6960663240925956437';
const RECORDS = 200;
const FAULTS: MockFault[] = [
  { kind: 'system-error', share: 0.1 },
  { kind: 'reset', share: 0.05 },
  { kind: 'stall', share: 0.03 },
];

/** Record `i` of the export: two assessments, each dimension answered in every field. */
function record(i: number, variant = ''): SyncExternalInterview {
  const dimension = { assessment_type: 1 as const, title: '技术', score: i % 100, option: `选项${i}`, options: ['a', variant], content: `评语${variant}` };
  return {
    external_id: `ats-${i}`,
    participate_status: 2,
    begin_time: 1_700_000_000_000 + i,
    interview_assessments: [
      { external_id: `ats-${i}-a1`, username: '张三', conclusion: 2, assessment_dimension_list: [dimension] },
      { external_id: `ats-${i}-a2`, username: '李四', conclusion: 1, content: variant },
    ],
  } as SyncExternalInterview;
}

let mock: Mock;
const exported = Array.from({ length: RECORDS }, (_, i) => record(i));
beforeAll(async () => {
  // Before the sync: 40 of the records stored as exported, 40 stored differently, 10 that are no longer exported.
  const stored = (interview: SyncExternalInterview, i: number): MockInterview => ({ ...interview, id: String(7_000_000_000_000_000_000n + BigInt(i)), external_application_id: APP } as MockInterview);
  const seed = [...exported.slice(0, 40), ...exported.slice(40, 80).map((r, i) => record(40 + i, 'old')), ...Array.from({ length: 10 }, (_, i) => record(1000 + i))];
  mock = await startMock(seed.map(stored), { rateLimitPerSecond: 0 });
});
afterAll(() => mock.close());

describe('a sync under faults', () => {
  it(`of ${RECORDS} records (10% system errors, 5% resets, 3% stalls) fails no item and leaves the store equal to the export`, async () => {
    const attempts: Record<string, number> = {};
    const client = createHireClient({
      auth: { ...DEFAULT_APPS[0]! },
      baseUrl: mock.url,
      rateLimit: false,
      hooks: { onRequest: ({ operationId }) => void (attempts[operationId] = (attempts[operationId] ?? 0) + 1) },
    });
    const faults = FAULTS.map((fault) => mock.faults.inject(fault));
    // A stalled answer ends at the attempt's deadline: 2 s, not the default 30 s.
    const result = await syncExternalInterviews(client, { externalApplicationId: APP, interviews: exported, deleteMissing: true, timeoutMs: 2_000 });
    const faulted = faults.map((f) => `${f.fault.kind} ${f.fired}`);
    console.log(`sync of ${RECORDS} under faults: counts ${JSON.stringify(result.counts)}, requests ${JSON.stringify(attempts)}, faults fired: ${faulted.join(', ')}`);

    expect(result.counts).toEqual({ create: 120, update: 40, delete: 10, unchanged: 40 });
    expect(result.items.filter((item) => item.status !== 'done').map((item) => [item.externalId, String(item.error)])).toEqual([]);
    expect(result.failed).toBe(0);
    const stored = mock.store.list({ externalApplicationId: APP });
    expect(stored.map((interview) => content(interview)).sort(byKey)).toEqual(exported.map((r) => content({ ...r, external_application_id: APP })).sort(byKey));
    expect(faults.every((f) => f.fired > 0)).toBe(true); // the faults did hit

    mock.faults.clear();
    const again = await syncExternalInterviews(client, { externalApplicationId: APP, interviews: exported, deleteMissing: true });
    expect(again.counts).toEqual({ create: 0, update: 0, delete: 0, unchanged: RECORDS });
  }, 300_000);
});

/** An interview without what the platform assigns: the fields the spec marks readOnly. */
const content = (interview: unknown) => withoutReadOnly(interview, updateExternalInterviewWriteBack.readOnly);
/** Orders interviews by external_id. */
const byKey = (a: unknown, b: unknown) => ((a as ExternalInterview).external_id! < (b as ExternalInterview).external_id! ? -1 : 1);
