// The whole external-interview resource against the embedded mock server over HTTP: create, get, list (pages and the
// iterator), update (the read-modify-write round trip), patch, delete, and bad input rejected before any request.
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERVIEWS } from '@feishu-hire/mock-server';
import {
  AssessmentType,
  Conclusion,
  HireApiError,
  HireNotFoundError,
  HireValidationError,
  ParticipateStatus,
  batchQueryExternalInterviews,
  createInterview,
  deleteInterview,
  dimension,
  getInterview,
  listInterviews,
  listInterviewsPage,
  patchInterview,
  toUpdateBody,
  updateExternalInterview,
  updateInterview,
  type CreateExternalInterviewBody,
  type ExternalInterview,
} from '../src/index.js';
import { validateRequest } from '../src/validate.js';
import { mockClient, mockCore, queries, seed, startMock, writes, type Sent } from './helpers/mock.js';
import { closedAfterEach, rejection } from './helpers/lifecycle.js';

const APP = '6960663240925956437';
const mock = closedAfterEach(startMock);
/** Every item of an async iterable. */
async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
/** The interview without what the platform assigns anew on every write (assessment ids). */
const content = (interview: ExternalInterview) => ({
  ...interview,
  interview_assessments: interview.interview_assessments?.map(({ id: _id, ...assessment }) => assessment),
});

const NEW: CreateExternalInterviewBody = {
  external_id: 'ats-1024',
  external_application_id: APP,
  participate_status: ParticipateStatus.Participated,
  begin_time: 1_700_000_000_000,
  end_time: 1_700_000_360_000,
  interview_assessments: [
    {
      external_id: 'ats-1024-a1',
      username: '张三',
      conclusion: Conclusion.Pass,
      assessment_dimension_list: [
        dimension.score({ title: '技术', score: 90 }),
        dimension.singleChoice({ title: '推荐', option: '强烈推荐' }),
        dimension.description({ title: '评语', content: '很好' }),
        dimension.multipleChoice({ title: '技能', options: ['Go', 'TS'] }),
      ],
      content: '基础扎实',
    },
    { username: '李四', conclusion: Conclusion.Pending },
  ],
};

describe('create, get, delete', () => {
  it('creates an interview, reads it back by id, deletes it; get then rejects with HireNotFoundError', async () => {
    const server = await mock();
    const sent: Sent[] = [];
    const client = mockClient(server, sent, { validate: validateRequest });
    const created = await client.externalInterviews.create(NEW);
    expect(created.id).toMatch(/^\d{19}$/);
    expect(created.interview_assessments?.map((a) => a.id)).toEqual([expect.stringMatching(/^\d{19}$/), expect.stringMatching(/^\d{19}$/)]);
    expect(toUpdateBody(created)).toEqual(NEW);

    await expect(client.externalInterviews.get(created.id!)).resolves.toEqual(created);
    expect(queries(sent).at(-1)!.body).toEqual({ external_interview_id_list: [created.id] });

    await expect(client.externalInterviews.delete(created.id!)).resolves.toBeUndefined();
    expect(server.store.has(created.id!)).toBe(false);
    const error = await rejection(client.externalInterviews.get(created.id!));
    expect(error).toBeInstanceOf(HireNotFoundError);
    expect(error).toMatchObject({ name: 'HireNotFoundError', resource: 'external_interview', id: created.id });
    expect(error.message).toBe(`external interview "${created.id}" not found (the list by id answered without it)`);
    expect(writes(sent).map((s) => s.method)).toEqual(['POST', 'DELETE']);
  });

  it('reports what the platform refuses as HireApiError with its log id (deleting an unknown id, a repeated external_id)', async () => {
    const server = await mock();
    const client = mockClient(server);
    const unknown = await rejection(client.externalInterviews.delete('123'));
    expect(unknown).toBeInstanceOf(HireApiError);
    expect(unknown).toMatchObject({ code: 1002002, status: 400, logId: expect.any(String) });
    await client.externalInterviews.create(NEW);
    const repeated = await rejection(client.externalInterviews.create(NEW));
    expect(repeated.msg).toContain('body.external_id');
  });

  it('rejects a bad id or body before any request, naming the field and rule', async () => {
    const server = await mock();
    const sent: Sent[] = [];
    const client = mockClient(server, sent);
    const cases: Array<[Promise<unknown>, string, string]> = [
      [client.externalInterviews.get(''), 'externalInterviewId', 'externalInterviewId must not be empty'],
      [client.externalInterviews.get(42 as never), 'externalInterviewId', 'externalInterviewId must be a string, got number'],
      [client.externalInterviews.delete('..'), 'externalInterviewId', 'externalInterviewId must not be ".." (a dot segment cannot be sent in a URL path)'],
      [client.externalInterviews.create(null as never), 'body', 'body must be an object (the new external interview)'],
      [client.externalInterviews.create([] as never), 'body', 'body must be an object (the new external interview)'],
    ];
    for (const [call, path, message] of cases) {
      const error = await rejection(call);
      expect(error).toBeInstanceOf(HireValidationError);
      expect(error.issues).toEqual([expect.objectContaining({ path, message })]);
    }
    expect(sent).toEqual([]);
  });
});

describe('the read-modify-write round trip: update(id, toUpdateBody(await get(id)))', () => {
  it('sends the interview back unchanged, also with validate: validateRequest (the returned interview itself would be refused)', async () => {
    const server = await mock([seed('7000000000000000001', APP, 'ats-1')]);
    const sent: Sent[] = [];
    const client = mockClient(server, sent, { validate: validateRequest });
    const id = '7000000000000000001';
    const before = await client.externalInterviews.get(id);

    // The bug of the issue: the interview as returned carries the platform's ids, which no request schema has.
    const raw = await rejection(client.externalInterviews.update(id, before as never));
    expect(raw).toBeInstanceOf(HireValidationError);
    expect(raw.issues.map((i: { message: string }) => i.message)).toContain(
      'body.id is not an allowed field (probably a typo: the spec has no such field, and in a full overwrite a misspelled field deletes the one it meant)',
    );
    expect(raw.issues.map((i: { path: string }) => i.path)).toEqual(['body.id', 'body.interview_assessments[0].id']);
    expect(writes(sent)).toEqual([]);

    const after = await client.externalInterviews.update(id, toUpdateBody(await client.externalInterviews.get(id)));
    expect(content(after)).toEqual(content(before));
    expect(content((await client.externalInterviews.get(id)) as ExternalInterview)).toEqual(content(before));
    expect(writes(sent).map((s) => s.body)).toEqual([toUpdateBody(before)]);
  });

  it('drops exactly what the spec marks readOnly and keeps the rest: every answer field (the official example fills all four), unknown fields', () => {
    const example = DEFAULT_INTERVIEWS[0]! as ExternalInterview;
    const stored = { ...example, surprise: { nested: [1] }, interview_assessments: example.interview_assessments!.map((a) => ({ ...a, id: '1', external_interview_id: example.id!, extra: 'x' })) };
    const body = toUpdateBody(stored as ExternalInterview);
    expect(body).toEqual({
      external_application_id: example.external_application_id,
      participate_status: 1,
      begin_time: 1618500278638,
      end_time: 1618500278639,
      surprise: { nested: [1] },
      interview_assessments: [
        {
          username: '张三',
          conclusion: 1,
          assessment_dimension_list: [{ assessment_type: AssessmentType.Score, title: '心理测试', description: '心理测试描述', score: 99, option: '选项1', options: ['选项1'], content: '测试内容' }],
          content: '面试内容结果补充',
          extra: 'x',
        },
      ],
    });
    // A deep copy: changing the body leaves the interview as read.
    (body.interview_assessments![0]!.assessment_dimension_list![0] as { title?: string }).title = 'changed';
    expect(stored.interview_assessments[0]!.assessment_dimension_list![0]!.title).toBe('心理测试');
    // Undefined fields are left out; a field called __proto__ stays a field.
    const odd = toUpdateBody(JSON.parse('{"external_application_id":"a","__proto__":{"x":1},"interview_assessments":[{"assessment_dimension_list":[{"title":"t","score":1},{"assessment_type":9,"option":"x"}]}]}'));
    expect(Object.keys(odd)).toEqual(['external_application_id', '__proto__', 'interview_assessments']);
    expect(toUpdateBody({ external_application_id: 'a', end_time: undefined } as unknown as ExternalInterview)).toEqual({ external_application_id: 'a' });
    expect(() => toUpdateBody({ id: '1' })).toThrow('interview.external_application_id is required (the update requires it)');
    expect(() => toUpdateBody(null as never)).toThrow('interview must be an object (a stored external_interview)');
  });
});

describe('list and listPage', () => {
  const many = [
    ...Array.from({ length: 23 }, (_, i) => seed(`70000000000000001${String(i).padStart(2, '0')}`, APP, `ats-${i}`)),
    seed('7000000000000000900', 'other-application', 'ats-other'),
  ];

  it('listPage returns one page { items, pageToken, hasMore }; list yields every interview across pages', async () => {
    const server = await mock(many);
    const sent: Sent[] = [];
    const client = mockClient(server, sent);
    const first = await client.externalInterviews.listPage({ externalApplicationId: APP, pageSize: 20 });
    expect(first.items.map((i) => i.external_id)).toEqual(many.slice(0, 20).map((i) => i.external_id));
    expect(first).toMatchObject({ hasMore: true, pageToken: expect.any(String) });
    const second = await client.externalInterviews.listPage({ externalApplicationId: APP, pageSize: 20, pageToken: first.pageToken });
    expect(second).toMatchObject({ pageToken: undefined, hasMore: false });
    expect(second.items.map((i) => i.id)).toEqual(many.slice(20, 23).map((i) => i.id));

    sent.length = 0;
    const listed = await all(client.externalInterviews.list({ externalApplicationId: APP, pageSize: 5 }));
    expect(listed.map((i) => i.id)).toEqual(many.slice(0, 23).map((i) => i.id));
    expect(listed[0]).toEqual(await client.externalInterviews.get(many[0]!.id));
    sent.splice(sent.length - 1);
    expect(queries(sent)).toHaveLength(5); // 5 + 5 + 5 + 5 + 3
    expect(queries(sent).map((q) => q.body)).toEqual(Array(5).fill({}));

    const byIds = await all(client.externalInterviews.list({ ids: [many[3]!.id, many[23]!.id, 'no-such-id'], pageSize: 1 }));
    expect(byIds.map((i) => i.id)).toEqual([many[3]!.id, many[23]!.id]);
    expect(queries(sent).at(-1)!.body).toEqual({ external_interview_id_list: [many[3]!.id, many[23]!.id, 'no-such-id'] });
  });

  it('stops early without fetching the pages a caller does not reach', async () => {
    const server = await mock(many);
    const sent: Sent[] = [];
    const client = mockClient(server, sent);
    for await (const interview of client.externalInterviews.list({ externalApplicationId: APP, pageSize: 10 })) {
      if (interview.external_id === 'ats-2') break;
    }
    expect(queries(sent)).toHaveLength(1);
  });

  it('rejects bad input with HireValidationError naming the field and rule, before any request (list: at once)', async () => {
    const server = await mock(many);
    const sent: Sent[] = [];
    const client = mockClient(server, sent);
    const cases: Array<[unknown, Array<{ path: string; rule: string; message: string }>]> = [
      [{}, [{ path: 'input', rule: 'oneOf', message: 'input must have exactly one of externalApplicationId and ids, got neither' }]],
      [{ externalApplicationId: APP, ids: ['1'] }, [{ path: 'input', rule: 'oneOf', message: 'input must have exactly one of externalApplicationId and ids, got both' }]],
      [{ externalApplicationId: '' }, [{ path: 'input.externalApplicationId', rule: 'minLength', message: 'input.externalApplicationId must not be empty' }]],
      [{ ids: [] }, [{ path: 'input.ids', rule: 'minItems', message: 'input.ids must not be empty (an empty list is no condition)' }]],
      [{ ids: '1' }, [{ path: 'input.ids', rule: 'type', message: 'input.ids must be an array of external interview ids, got string' }]],
      [{ ids: ['1', 2, ''] }, [
        { path: 'input.ids[1]', rule: 'type', message: 'input.ids[1] must be a string, got number' },
        { path: 'input.ids[2]', rule: 'minLength', message: 'input.ids[2] must not be empty' },
      ]],
      [{ externalApplicationId: APP, pageSize: 0 }, [{ path: 'input.pageSize', rule: 'minimum', message: "input.pageSize must be an integer from 1 to 20 (the spec's page_size), got 0" }]],
      [{ externalApplicationId: APP, pageSize: 21 }, [{ path: 'input.pageSize', rule: 'maximum', message: "input.pageSize must be an integer from 1 to 20 (the spec's page_size), got 21" }]],
      [{ externalApplicationId: APP, pageSize: 1.5 }, [{ path: 'input.pageSize', rule: 'type', message: "input.pageSize must be an integer from 1 to 20 (the spec's page_size), got 1.5" }]],
      [null, [{ path: 'input', rule: 'type', message: 'input must be an object (with externalApplicationId or ids)' }]],
    ];
    for (const [input, issues] of cases) {
      const error = await rejection(client.externalInterviews.listPage(input as never));
      expect(error).toBeInstanceOf(HireValidationError);
      expect(error.issues).toEqual(issues);
      expect(() => client.externalInterviews.list(input as never)).toThrow(HireValidationError);
    }
    const token = await rejection(client.externalInterviews.listPage({ externalApplicationId: APP, pageToken: '' }));
    expect(token.issues).toEqual([{ path: 'input.pageToken', rule: 'minLength', message: 'input.pageToken must not be empty' }]);
    expect(sent).toEqual([]);
  });
});

describe('patch', () => {
  it('reads, merges the changes into the complete interview and updates it; resolves to before and after', async () => {
    const id = '7000000000000000001';
    const server = await mock([seed(id, APP, 'ats-1')]);
    const sent: Sent[] = [];
    const client = mockClient(server, sent, { validate: validateRequest });
    const { before, after } = await client.externalInterviews.patch(id, { participate_status: ParticipateStatus.NoShow });
    expect(before.participate_status).toBe(2);
    expect(content(after)).toEqual(content({ ...before, participate_status: 3 }));
    expect(writes(sent).map((s) => [s.method, s.body])).toEqual([['PUT', { ...toUpdateBody(before), participate_status: 3 }]]);
  });

  it('replaces the assessment list given whole, and removes a field given as undefined', async () => {
    const id = '7000000000000000001';
    const server = await mock([seed(id, APP, 'ats-1')]);
    const client = mockClient(server);
    const assessments = [{ username: '王五', conclusion: Conclusion.Fail }];
    const { after } = await client.externalInterviews.patch(id, { interview_assessments: assessments, end_time: undefined });
    expect(after.interview_assessments?.map(({ id: _id, external_interview_id: _parent, ...a }) => a)).toEqual(assessments);
    expect(after).not.toHaveProperty('end_time');
    expect(after).toMatchObject({ external_id: 'ats-1', begin_time: 1_700_000_000_000 });
  });

  it('writes nothing when the interview does not exist or the changes are bad', async () => {
    const server = await mock();
    const sent: Sent[] = [];
    const client = mockClient(server, sent);
    await expect(client.externalInterviews.patch('7000000000000000009', { participate_status: 1 })).rejects.toBeInstanceOf(HireNotFoundError);
    const removed = await rejection(client.externalInterviews.patch('1', { external_application_id: undefined }));
    expect(removed.issues).toEqual([{ path: 'changes.external_application_id', rule: 'required', message: 'changes.external_application_id cannot be removed (update requires it)' }]);
    const notObject = await rejection(client.externalInterviews.patch('1', [] as never));
    expect(notObject.issues).toEqual([{ path: 'changes', rule: 'type', message: 'changes must be an object (the fields to set, or a function of the current external interview)' }]);
    expect(writes(sent)).toEqual([]);
    expect(queries(sent)).toHaveLength(1); // the not-found read
  });
});

describe('standalone functions with createHireCore', () => {
  it('call the same core: create, get, update, list, patch, delete', async () => {
    const server = await mock();
    const sent: Sent[] = [];
    const core = mockCore(server, sent, { validate: validateRequest });
    expect(Object.keys(core).sort()).toEqual(['request']); // and the raw client's symbol (see createRawClient)
    const created = await createInterview(core, NEW);
    const read = await getInterview(core, created.id!);
    const updated = await updateInterview(core, created.id!, { ...toUpdateBody(read), participate_status: ParticipateStatus.NoShow });
    expect(updated.participate_status).toBe(3);
    expect((await listInterviewsPage(core, { externalApplicationId: APP })).items.map((i) => i.id)).toEqual([created.id]);
    expect((await all(listInterviews(core, { ids: [created.id!] }))).map((i) => i.participate_status)).toEqual([3]);
    const { after } = await patchInterview(core, created.id!, { participate_status: ParticipateStatus.NotParticipated });
    expect(after.participate_status).toBe(1);
    await deleteInterview(core, created.id!);
    expect(server.store.list()).toEqual([]);
    expect(sent.filter((s) => s.method === 'PUT').map((s) => s.path)).toEqual([updateExternalInterview.path, updateExternalInterview.path].map((p) => p.replace('{external_interview_id}', created.id!)));
    expect(queries(sent).every((q) => q.path === batchQueryExternalInterviews.path)).toBe(true);
  });
});
