// The official Node SDK, unchanged, pointed at the mock with its `domain` option (token fetch included).
import * as lark from '@larksuiteoapi/node-sdk';
import { operationById, resourceByName } from '@feishu-hire/spec/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';
import { APPLICATION_ID, INTERVIEW_ID, exampleBody, withoutIds } from './helpers.js';

let mock;
const lines = [];
beforeAll(async () => {
  mock = await startMockServer({ log: (line) => lines.push(line) });
});
afterAll(() => mock.close());

// The SDK's own logging is kept out of the test output (loggerLevel `fatal` is 0, which the SDK treats as unset).
const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

/** An SDK client for the mock. The SDK caches tokens per appId across clients, so a failing one uses its own appId. */
function sdkClient({ appId = 'cli_mock_app', appSecret = 'mock_app_secret' } = {}) {
  return new lark.Client({ appId, appSecret, appType: lark.AppType.SelfBuild, domain: mock.url, logger: quiet });
}

/** Creates an external application (the interviews' parent) with the SDK's own call; resolves to its id. */
async function createApplication() {
  const applications = resourceByName(resourceByName(operationById('createExternalInterview').resource.name).parent.resource);
  const [example] = Object.values(operationById(applications.operations.create).requestBody?.examples ?? {});
  const created = await sdkClient().hire.externalApplication.create({ data: { ...example, external_id: 'ats-sdk-application' } });
  expect(created.code).toBe(0);
  return /** @type {string} */ (created.data?.[applications.recordKey]?.id);
}

describe('@larksuiteoapi/node-sdk against the mock', () => {
  it('client.hire.externalInterview.update() fetches its own token and gets the overwritten interview', async () => {
    const client = sdkClient();
    const data = exampleBody();
    const response = await client.hire.externalInterview.update({ path: { external_interview_id: INTERVIEW_ID }, data });
    expect(response.code).toBe(0);
    const stored = response.data?.external_interview;
    expect(stored).toMatchObject({ id: INTERVIEW_ID, external_application_id: APPLICATION_ID });
    expect(withoutIds(stored)).toEqual(data);
    expect(mock.store.get(INTERVIEW_ID)).toEqual(stored);

    // The versioned accessor hits the same endpoint and reuses the cached token.
    const again = await client.hire.v1.externalInterview.update({
      path: { external_interview_id: INTERVIEW_ID },
      data: { external_application_id: APPLICATION_ID, participate_status: 3 },
    });
    expect(again.data?.external_interview).toEqual({ id: INTERVIEW_ID, external_application_id: APPLICATION_ID, participate_status: 3, interview_assessments: [] });
    expect(lines.filter((l) => l.startsWith('POST /open-apis/auth/v3/tenant_access_token/internal -> 200'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith(`PUT /open-apis/hire/v1/external_interviews/${INTERVIEW_ID} -> 200`))).toHaveLength(2);
  });

  it('runs the whole resource with its own calls: create -> batchQuery -> update -> batchQuery -> delete -> batchQuery', async () => {
    const hire = sdkClient().hire.externalInterview;
    const application = await createApplication();
    const interview = (tag, external_id) => ({
      external_id,
      external_application_id: application,
      participate_status: 2,
      begin_time: 1700000000000,
      end_time: 1700003600000,
      interview_assessments: [{ external_id: `${external_id}-a`, username: `interviewer ${tag}`, conclusion: 1, assessment_dimension_list: [{ assessment_type: 1, title: 'skills', score: 80 }] }],
    });

    const created = await hire.create({ data: interview('one', 'ats-sdk-1') });
    expect(created.code).toBe(0);
    const stored = created.data?.external_interview;
    const id = /** @type {string} */ (stored?.id);
    expect(stored).toMatchObject({ external_id: 'ats-sdk-1', external_application_id: application, id: expect.stringMatching(/^\d{19}$/) });
    expect(stored?.interview_assessments?.[0]).toMatchObject({ id: expect.stringMatching(/^\d{19}$/), external_id: 'ats-sdk-1-a', external_interview_id: id });
    expect(withoutIds(stored)).toEqual(interview('one', 'ats-sdk-1'));
    const repeat = await hire.create({ data: interview('one', 'ats-sdk-1') }).catch((e) => e);
    expect(repeat.response?.data?.msg).toMatch(/^参数错误: body.external_id "ats-sdk-1" was already used by a create within the last 24 hours/);

    const byApplication = await hire.batchQuery({ params: { external_application_id: application } });
    expect(byApplication.data).toEqual({ items: [stored], has_more: false });
    const byIds = await hire.batchQuery({ params: { page_size: 5 }, data: { external_interview_id_list: [id, 'unknown'] } });
    expect(byIds.data?.items).toEqual([stored]);

    const others = [];
    for (const n of [2, 3, 4, 5]) others.push((await hire.create({ data: interview(String(n), `ats-sdk-${n}`) })).data?.external_interview?.id);
    const pages = [];
    for await (const page of await hire.batchQueryWithIterator({ params: { external_application_id: application, page_size: 2 } })) {
      pages.push(page?.items?.map((i) => i.id));
    }
    expect(pages).toEqual([[id, others[0]], [others[1], others[2]], [others[3]]]);

    const overwrite = { external_application_id: application, participate_status: 3 };
    const updated = await hire.update({ path: { external_interview_id: id }, data: overwrite });
    expect(updated.data?.external_interview).toEqual({ ...overwrite, id, interview_assessments: [] });
    const afterUpdate = await hire.batchQuery({ data: { external_interview_id_list: [id] } });
    expect(afterUpdate.data?.items).toEqual([{ ...overwrite, id, interview_assessments: [] }]);

    const deleted = await hire.delete({ path: { external_interview_id: id } });
    expect(deleted).toEqual({ code: 0, msg: 'success', data: {} });
    const afterDelete = await hire.batchQuery({ params: { external_application_id: application, page_size: 20 } });
    expect(afterDelete.data?.items?.map((i) => i.id)).toEqual(others);
    expect((await hire.batchQuery({ data: { external_interview_id_list: [id] } })).data?.items).toEqual([]);
    expect(mock.store.has(id)).toBe(false);
  });

  it('surfaces the mock validation error (HTTP 400, 1002002, field named) through the SDK', async () => {
    const client = sdkClient();
    const data = exampleBody();
    data.interview_assessments[0].conclusion = 9;
    const error = await client.hire.externalInterview.update({ path: { external_interview_id: INTERVIEW_ID }, data }).catch((e) => e);
    expect(error.response?.status).toBe(400);
    expect(error.response?.data).toEqual({ code: 1002002, msg: '参数错误: body.interview_assessments[0].conclusion must be one of 1, 2, 3' });
    expect(error.response?.headers['x-tt-logid']).toMatch(/^\d{14}[0-9A-F]{20}$/);
  });

  it('fails the token fetch for a wrong app secret (10014)', async () => {
    const error = await sdkClient({ appId: 'cli_wrong_app', appSecret: 'wrong' }).hire.externalInterview
      .update({ path: { external_interview_id: INTERVIEW_ID }, data: exampleBody() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.response?.data ?? {}).toEqual({ code: 10014, msg: 'app secret invalid' });
  });
});
