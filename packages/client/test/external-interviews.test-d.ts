// Compile-time checks of the resource: the read-modify-write round trip compiles, unknown fields do not (the spec's
// request schemas are open, the client's types stay exact), list takes exactly one condition.
import { describe, expectTypeOf, it } from 'vitest';
import {
  createHireClient,
  createHireCore,
  createInterview,
  getInterview,
  listInterviews,
  syncExternalInterviews,
  toUpdateBody,
  updateInterview,
  type ExternalInterview,
  type ExternalInterviewPage,
  type HireClient,
  type HireRequester,
  type PatchedExternalInterview,
  type SyncResult,
  type UpdateExternalInterviewBody,
  type components,
} from '../src/index.js';

declare const client: HireClient;
const interviews = client.externalInterviews;

describe('the round trip', () => {
  it('update(id, toUpdateBody(await get(id))) compiles; the interview as returned does not', async () => {
    const id = '6960663240925956660';
    await interviews.update(id, toUpdateBody(await interviews.get(id)));
    await interviews.update(id, interviews.toUpdateBody(await interviews.get(id)));
    await updateInterview(createHireCore({ auth: 't' }), id, toUpdateBody(await getInterview(client, id)));
    expectTypeOf(toUpdateBody).returns.toEqualTypeOf<UpdateExternalInterviewBody>();
    const read: ExternalInterview = await interviews.get(id);
    // @ts-expect-error the returned interview has no required external_application_id and carries ids and loose dimensions
    await interviews.update(id, read);
  });
});

describe('exact bodies: an unknown field is a compile error', () => {
  it('has no index signature in the generated request types (the spec no longer says additionalProperties: false)', () => {
    type Input = components['schemas']['ExternalInterviewInput'];
    expectTypeOf<keyof Input>().toEqualTypeOf<'external_id' | 'external_application_id' | 'participate_status' | 'begin_time' | 'end_time' | 'interview_assessments'>();
    expectTypeOf<string>().not.toExtend<keyof components['schemas']['ExternalInterviewAssessmentInput']>();
    expectTypeOf<string>().not.toExtend<keyof components['schemas']['ExternalInterviewAssessmentDimensionInput']>();
    expectTypeOf<string>().not.toExtend<keyof components['schemas']['BatchQueryExternalInterviewsRequest']>();
  });

  it('refuses a misspelled field at every level of create, update, patch and sync', () => {
    interviews.create({ external_application_id: 'a', external_id: 'k' });
    // @ts-expect-error misspelled participate_status
    interviews.create({ external_application_id: 'a', particpate_status: 2 });
    // @ts-expect-error misspelled field of an assessment
    interviews.update('1', { external_application_id: 'a', interview_assessments: [{ usrname: 'x' }] });
    // @ts-expect-error a dimension field that does not exist
    interviews.update('1', { external_application_id: 'a', interview_assessments: [{ assessment_dimension_list: [{ assessment_type: 1, score: 1, grade: 'A' }] }] });
    // @ts-expect-error an assessment id is assigned by the platform, not sent
    createInterview(client, { external_application_id: 'a', interview_assessments: [{ id: '1', username: 'x' }] });
    // @ts-expect-error the interview id is in the path, not in the body
    interviews.update('1', { external_application_id: 'a', id: '1' });
    // @ts-expect-error misspelled field in patch changes
    interviews.patch('1', { end_tme: 1 });
    syncExternalInterviews(client, {
      externalApplicationId: 'a',
      // @ts-expect-error misspelled field of an interview of a sync
      interviews: [{ external_id: 'k', begin_tim: 1 }],
    });
  });
});

describe('list and listPage', () => {
  it('take exactly one of externalApplicationId and ids', () => {
    expectTypeOf(interviews.list({ externalApplicationId: 'a' })).toEqualTypeOf<AsyncIterableIterator<ExternalInterview>>();
    interviews.list({ ids: ['1', '2'], pageSize: 20 });
    listInterviews(client, { ids: ['1'] as const });
    expectTypeOf(interviews.listPage({ externalApplicationId: 'a', pageToken: 't', pageSize: 5 })).toEqualTypeOf<Promise<ExternalInterviewPage>>();
    // @ts-expect-error both conditions
    interviews.list({ externalApplicationId: 'a', ids: ['1'] });
    // @ts-expect-error no condition
    interviews.list({ pageSize: 10 });
    // @ts-expect-error ids are strings
    interviews.list({ ids: [1] });
    // @ts-expect-error pageToken is for listPage only
    interviews.list({ externalApplicationId: 'a', pageToken: 't' });
  });
});

describe('patch, sync and the core', () => {
  it('patch resolves to before and after; sync takes interviews keyed by external_id', () => {
    expectTypeOf(interviews.patch('1', { participate_status: 3, end_time: undefined })).toEqualTypeOf<Promise<PatchedExternalInterview>>();
    expectTypeOf(syncExternalInterviews(client, { externalApplicationId: 'a', interviews: [{ external_id: 'k' }], dryRun: true })).toEqualTypeOf<Promise<SyncResult>>();
    // @ts-expect-error an interview of a sync needs its external_id
    syncExternalInterviews(client, { externalApplicationId: 'a', interviews: [{ participate_status: 1 }] });
  });

  it('takes a client or a core wherever a requester is needed; a core has no methods', () => {
    expectTypeOf(createHireClient({ auth: 't' })).toExtend<HireRequester>();
    expectTypeOf(createHireCore({ auth: 't' })).toExtend<HireRequester>();
    // @ts-expect-error createHireCore has no externalInterviews
    createHireCore({ auth: 't' }).externalInterviews;
  });
});
