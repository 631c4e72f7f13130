// syncExternalInterviews against the embedded mock server over HTTP: the plan of a dry run, a real run doing exactly
// that plan, a second run with zero writes, per-item failures, and bad input refused before any request.
import { afterEach, describe, expect, it } from 'vitest';
import {
  Conclusion,
  HireApiError,
  HireValidationError,
  ParticipateStatus,
  createExternalInterview,
  syncExternalInterviews,
  toUpdateBody,
  type ExternalInterview,
  type SyncExternalInterview,
  type SyncItem,
} from '../src/index.js';
import { validateRequest } from '../src/validate.js';
import { mockClient, mockCore, queries, recordingFetch, seed, startMock, writes, type Mock, type Sent } from './helpers/mock.js';

const APP = '6960663240925956437';
const OTHER_APP = '6960663240925956999';
const mocks: Mock[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
});

/** What Feishu holds before the sync: e1 (as in the list), e2 (differs), e3 (not in the list), one without external_id, one of another application. */
const SEEDS = [
  seed('7000000000000000001', APP, 'e1'),
  seed('7000000000000000002', APP, 'e2'),
  seed('7000000000000000003', APP, 'e3'),
  seed('7000000000000000004', APP, null),
  seed('7000000000000000005', OTHER_APP, 'e1'),
];
/** The list exported from the other system: the seed's own content for e1 (as an update body), e2 changed, e4 and e5 new. */
function exported(): SyncExternalInterview[] {
  const { external_application_id: _app, ...e1 } = toUpdateBody(SEEDS[0] as ExternalInterview);
  return [
    { ...e1, external_id: 'e1', interview_assessments: e1.interview_assessments!.map((a) => ({ ...a })) },
    { ...e1, external_id: 'e2', participate_status: ParticipateStatus.NoShow, interview_assessments: [{ external_id: 'e2-a1', username: '张三', conclusion: Conclusion.Fail }] },
    { external_id: 'e4', participate_status: ParticipateStatus.Participated, begin_time: 1_700_000_000_000 },
    { external_id: 'e5', external_application_id: APP, interview_assessments: [] },
  ];
}

async function setup(options: { intercept?: Parameters<typeof recordingFetch>[1] } = {}) {
  const mock = await startMock(structuredClone(SEEDS));
  mocks.push(mock);
  const sent: Sent[] = [];
  const client = mockClient(mock, sent, options.intercept ? { fetch: recordingFetch(sent, options.intercept) } : {});
  return { mock, sent, client };
}
const summary = (items: SyncItem[]) => items.map((i) => [i.action, i.externalId, i.status]);

describe('syncExternalInterviews', () => {
  it('dry run: lists and returns the plan with counts, writing nothing', async () => {
    const { mock, sent, client } = await setup();
    const stored = mock.store.list();
    const progress: Array<[string, number, number]> = [];
    const plan = await syncExternalInterviews(client, {
      externalApplicationId: APP,
      interviews: exported(),
      deleteMissing: true,
      dryRun: true,
      onProgress: (item, { done, total }) => progress.push([item.externalId, done, total]),
    });
    expect(plan.dryRun).toBe(true);
    expect(plan.counts).toEqual({ create: 2, update: 1, delete: 1, unchanged: 1 });
    expect(plan).toMatchObject({ failed: 0, untouched: 1 }); // the one without external_id
    expect(summary(plan.items)).toEqual([
      ['unchanged', 'e1', 'planned'],
      ['update', 'e2', 'planned'],
      ['create', 'e4', 'planned'],
      ['create', 'e5', 'planned'],
      ['delete', 'e3', 'planned'],
    ]);
    expect(plan.items[1]).toMatchObject({ index: 1, externalInterviewId: '7000000000000000002', changedFields: ['interview_assessments', 'participate_status'] });
    expect(plan.items[4]).toMatchObject({ index: undefined, externalInterviewId: '7000000000000000003' });
    expect(progress).toEqual(plan.items.map((item, i) => [item.externalId, i + 1, 5]));
    expect(writes(sent)).toEqual([]);
    expect(mock.store.list()).toEqual(stored);

    const keep = await syncExternalInterviews(client, { externalApplicationId: APP, interviews: exported(), dryRun: true });
    expect(keep.counts).toEqual({ create: 2, update: 1, delete: 0, unchanged: 1 });
    expect(keep.untouched).toBe(2); // e3 kept without deleteMissing
  });

  it('real run: writes exactly the plan; a second run finds everything unchanged and writes nothing', async () => {
    const { mock, sent, client } = await setup();
    const plan = await syncExternalInterviews(client, { externalApplicationId: APP, interviews: exported(), deleteMissing: true, dryRun: true });
    sent.length = 0;
    const settled: string[] = [];
    const result = await syncExternalInterviews(client, {
      externalApplicationId: APP,
      interviews: exported(),
      deleteMissing: true,
      concurrency: 2,
      onProgress: (item) => settled.push(`${item.action} ${item.externalId} ${item.status}`),
    });
    expect(result.counts).toEqual(plan.counts);
    expect(result.failed).toBe(0);
    expect(summary(result.items)).toEqual(summary(plan.items).map(([action, key]) => [action, key, 'done']));
    expect(settled.sort()).toEqual(result.items.map((i) => `${i.action} ${i.externalId} done`).sort());

    // Exactly the plan's writes went over HTTP: a PUT of e2, POSTs of e4 and e5, a DELETE of e3.
    const written = writes(sent).map((s) => `${s.method} ${s.path.endsWith(createExternalInterview.path) ? (s.body as { external_id: string }).external_id : s.path.split('/').pop()}`);
    expect(written.sort()).toEqual(['DELETE 7000000000000000003', 'POST e4', 'POST e5', 'PUT 7000000000000000002']);
    const created = result.items.filter((i) => i.action === 'create');
    expect(created.every((i) => /^\d{19}$/.test(i.externalInterviewId!) && i.interview?.id === i.externalInterviewId)).toBe(true);

    // Feishu now matches the list (e3 deleted; the interview without external_id and the other application untouched).
    const stored = mock.store.list({ externalApplicationId: APP });
    expect(stored.map((i) => i.external_id ?? '-').sort()).toEqual(['-', 'e1', 'e2', 'e4', 'e5']);
    const e2 = stored.find((i) => i.external_id === 'e2')!;
    expect(e2).toMatchObject({ id: '7000000000000000002', participate_status: 3, interview_assessments: [expect.objectContaining({ conclusion: 1 })] });
    expect(mock.store.get('7000000000000000005')).toMatchObject({ external_id: 'e1', external_application_id: OTHER_APP });

    sent.length = 0;
    const again = await syncExternalInterviews(client, { externalApplicationId: APP, interviews: exported(), deleteMissing: true });
    expect(again.counts).toEqual({ create: 0, update: 0, delete: 0, unchanged: 4 });
    expect(again.items.every((i) => i.status === 'done')).toBe(true);
    expect(writes(sent)).toEqual([]);
    expect(queries(sent)).toHaveLength(1);
  });

  it('goes on past a failed item: the others are done, the failure is reported with its error and log id', async () => {
    // A fault on the way: the create of e4 is always answered with a system error (a create is not retried after a 5xx).
    const { mock, sent, client } = await setup({
      intercept: (request, body) =>
        request.method === 'POST' && (body as { external_id?: string } | undefined)?.external_id === 'e4'
          ? new Response(JSON.stringify({ code: 1002001, msg: '系统异常' }), { status: 500, headers: { 'content-type': 'application/json', 'x-tt-logid': 'fault-logid-1' } })
          : undefined,
    });
    const progress: SyncItem[] = [];
    const result = await syncExternalInterviews(client, { externalApplicationId: APP, interviews: exported(), deleteMissing: true, maxRounds: 3, onProgress: (item) => progress.push(item) });
    expect(result.failed).toBe(1);
    // A 5xx may pass: listed again and written again each round (the listing shows it was not created), 3 rounds.
    expect(sent.filter((s) => s.method === 'POST' && (s.body as { external_id?: string } | undefined)?.external_id === 'e4')).toHaveLength(3);
    const failed = result.items.find((i) => i.externalId === 'e4')!;
    expect(failed).toMatchObject({ action: 'create', status: 'failed', logId: 'fault-logid-1', externalInterviewId: undefined });
    expect(failed.error).toBeInstanceOf(HireApiError);
    expect(failed.error).toMatchObject({ code: 1002001, msg: '系统异常', status: 500 });
    expect(summary(result.items.filter((i) => i !== failed))).toEqual([
      ['unchanged', 'e1', 'done'],
      ['update', 'e2', 'done'],
      ['create', 'e5', 'done'],
      ['delete', 'e3', 'done'],
    ]);
    expect(progress).toHaveLength(5);
    expect(mock.store.list({ externalApplicationId: APP }).map((i) => i.external_id ?? '-').sort()).toEqual(['-', 'e1', 'e2', 'e5']);
  });

  it('reports a body the validator refuses (validate: validateRequest) as that item’s failure, sending nothing for it', async () => {
    const mock = await startMock(structuredClone(SEEDS));
    mocks.push(mock);
    const sent: Sent[] = [];
    const core = mockCore(mock, sent, { validate: validateRequest });
    const interviews = [...exported(), { external_id: 'e6', particpate_status: 2 } as SyncExternalInterview];
    const result = await syncExternalInterviews(core, { externalApplicationId: APP, interviews });
    const bad = result.items.find((i) => i.externalId === 'e6')!;
    expect(bad.status).toBe('failed');
    expect(bad.error).toBeInstanceOf(HireValidationError);
    expect((bad.error as Error).message).toContain('body.particpate_status is not an allowed field (probably a typo');
    expect(bad.logId).toBeUndefined();
    expect(result.items.filter((i) => i.status === 'done')).toHaveLength(4);
    expect(writes(sent).filter((s) => (s.body as { external_id?: string } | undefined)?.external_id === 'e6')).toEqual([]);
  });

  it('refuses bad input before any request, naming each field by its index', async () => {
    const { sent, client } = await setup();
    const list = exported();
    const cases: Array<[unknown, Array<{ path: string; rule: string; message: string }>]> = [
      [{ externalApplicationId: APP, interviews: [list[0], { ...list[2], external_id: undefined }, list[1], { ...list[3], external_id: 'e1' }] }, [
        { path: 'interviews[1].external_id', rule: 'required', message: 'interviews[1].external_id is required: a non-empty string, the key of the sync' },
        { path: 'interviews[3].external_id', rule: 'uniqueItems', message: 'interviews[3].external_id "e1" repeats interviews[0].external_id (each interview once)' },
      ]],
      [{ externalApplicationId: APP, interviews: [{ ...list[0], external_application_id: OTHER_APP }, null, { external_id: '' }] }, [
        { path: 'interviews[0].external_application_id', rule: 'const', message: `interviews[0].external_application_id must be the sync's externalApplicationId "${APP}" (or left out), got "${OTHER_APP}"` },
        { path: 'interviews[1]', rule: 'type', message: 'interviews[1] must be an object (an interview)' },
        { path: 'interviews[2].external_id', rule: 'minLength', message: 'interviews[2].external_id is required: a non-empty string, the key of the sync (got "")' },
      ]],
      [{ externalApplicationId: '', interviews: {}, deleteMissing: 'false', dryRun: 1, concurrency: 0, maxRounds: 1.5, onProgress: 'log' }, [
        { path: 'externalApplicationId', rule: 'minLength', message: 'externalApplicationId must be a non-empty string, got ""' },
        { path: 'deleteMissing', rule: 'type', message: 'deleteMissing must be a boolean, got string' },
        { path: 'dryRun', rule: 'type', message: 'dryRun must be a boolean, got number' },
        { path: 'onProgress', rule: 'type', message: 'onProgress must be a function, got string' },
        { path: 'concurrency', rule: 'minimum', message: 'concurrency must be a positive integer, got 0' },
        { path: 'maxRounds', rule: 'minimum', message: 'maxRounds must be a positive integer, got 1.5' },
        { path: 'interviews', rule: 'type', message: 'interviews must be an array of interviews' },
      ]],
    ];
    for (const [options, issues] of cases) {
      const error = await syncExternalInterviews(client, options as never).then(() => expect.fail('resolved'), (e: unknown) => e);
      expect(error).toBeInstanceOf(HireValidationError);
      expect((error as HireValidationError).issues).toEqual(issues);
    }
    expect(sent).toEqual([]);
  });

  it('stops at an aborted signal: rejects with its reason, starts nothing after', async () => {
    const { sent, client } = await setup();
    const controller = new AbortController();
    const settled: string[] = [];
    const error = await syncExternalInterviews(client, {
      externalApplicationId: APP,
      interviews: exported(),
      concurrency: 1,
      signal: controller.signal,
      onProgress: (item) => {
        settled.push(item.externalId);
        controller.abort(new Error('stop'));
      },
    }).then(() => expect.fail('resolved'), (e: unknown) => e);
    expect((error as Error).message).toBe('stop');
    expect(settled).toEqual(['e1']); // unchanged: settled without a write; nothing started after the abort
    expect(writes(sent)).toEqual([]);
  });
});
