// Compile-time checks of the public API: enum constants, dimension helpers, update()'s signature.
import { assertType, describe, expectTypeOf, it } from 'vitest';
import {
  AssessmentType,
  Conclusion,
  ErrorCode,
  ParticipateStatus,
  createHireClient,
  syncApplications,
  syncOffers,
  dimension,
  batchQueryExternalInterviews,
  deleteExternalInterview,
  getTenantAccessToken,
  updateExternalInterview,
  type AssessmentDimension,
  type AssessmentDimensionInput,
  type ExternalInterview,
  type HireClient,
  type HireOperation,
  type RequestOptions,
  type UpdateExternalInterviewBody,
  type ExternalApplication,
  type ExternalOffer,
  type ResourceSyncResult,
  type UpdateExternalApplicationBody,
  type components,
  type paths,
  createMemoryRateLimiter,
} from '../src/index.js';
import { createRawClient } from '../src/raw.js';
import { validateRequest } from '../src/validate.js';

declare const client: HireClient;

describe('enum constants', () => {
  it('carry the exact literal of each readable name', () => {
    expectTypeOf(ParticipateStatus.NotParticipated).toEqualTypeOf<1>();
    expectTypeOf(ParticipateStatus.Participated).toEqualTypeOf<2>();
    expectTypeOf(ParticipateStatus.NoShow).toEqualTypeOf<3>();
    expectTypeOf(Conclusion.Fail).toEqualTypeOf<1>();
    expectTypeOf(Conclusion.Pass).toEqualTypeOf<2>();
    expectTypeOf(Conclusion.Pending).toEqualTypeOf<3>();
    expectTypeOf(AssessmentType.Score).toEqualTypeOf<1>();
    expectTypeOf(AssessmentType.MultipleChoice).toEqualTypeOf<4>();
    expectTypeOf(ErrorCode.InvalidAccessToken).toEqualTypeOf<99991663>();
  });

  it('have union types equal to the spec schemas', () => {
    expectTypeOf<ParticipateStatus>().toEqualTypeOf<components['schemas']['ParticipateStatus']>();
    expectTypeOf<Conclusion>().toEqualTypeOf<components['schemas']['Conclusion']>();
    expectTypeOf<AssessmentType>().toEqualTypeOf<components['schemas']['AssessmentType']>();
  });

  it('reject wrong enum values in update()', () => {
    client.externalInterviews.update('1', { external_application_id: 'a', participate_status: ParticipateStatus.NoShow });
    // @ts-expect-error participate_status 4 is not a ParticipateStatus
    client.externalInterviews.update('1', { external_application_id: 'a', participate_status: 4 });
    // @ts-expect-error conclusion 0 is not a Conclusion
    client.externalInterviews.update('1', { external_application_id: 'a', interview_assessments: [{ conclusion: 0 }] });
    // @ts-expect-error AssessmentType 5 does not exist
    client.externalInterviews.update('1', { external_application_id: 'a', interview_assessments: [{ assessment_dimension_list: [{ assessment_type: 5 }] }] });
    // @ts-expect-error a plain number is not accepted where the enum is expected
    client.externalInterviews.update('1', { external_application_id: 'a', participate_status: 1 as number });
  });
});

describe('dimension helpers', () => {
  it('return the dimension of their type, with the literal assessment_type', () => {
    expectTypeOf(dimension.score({ score: 90 }).assessment_type).toEqualTypeOf<1>();
    expectTypeOf(dimension.singleChoice({ option: 'A' }).assessment_type).toEqualTypeOf<2>();
    expectTypeOf(dimension.description({ content: 'x' }).assessment_type).toEqualTypeOf<3>();
    expectTypeOf(dimension.multipleChoice({ options: ['A'] }).assessment_type).toEqualTypeOf<4>();
    expectTypeOf(dimension.score({ score: 1 })).toExtend<AssessmentDimension>();
    expectTypeOf<AssessmentDimension>().toExtend<components['schemas']['ExternalInterviewAssessmentDimensionInput']>();
  });

  it('reject the answer in the wrong field', () => {
    dimension.score({ title: 'x', score: 1 });
    // @ts-expect-error a score dimension is answered in `score` only: `option` is not allowed
    dimension.score({ title: 'x', score: 1, option: 'A' });
    // @ts-expect-error a single choice is answered in `option` only: `options` is not allowed
    dimension.singleChoice({ option: 'A', options: ['A'] });
    // @ts-expect-error a description is answered in `content` only: `score` is not allowed
    dimension.description({ content: 'x', score: 3 });
    // @ts-expect-error a multiple choice is answered in `options` only: `content` is not allowed
    dimension.multipleChoice({ options: ['A'], content: 'x' });
    // @ts-expect-error multiple choice takes an array of options
    dimension.multipleChoice({ options: 'A' });
    // @ts-expect-error score must be a number
    dimension.score({ score: '90' });
    // @ts-expect-error the answer is required
    dimension.singleChoice({ title: 'x' });
  });

  it('reject a hand-written dimension union member with a foreign answer field', () => {
    const ok: AssessmentDimension = { assessment_type: AssessmentType.Score, score: 1 };
    assertType<AssessmentDimension>(ok);
    // @ts-expect-error a Score dimension has no `option`
    assertType<AssessmentDimension>({ assessment_type: AssessmentType.Score, score: 1, option: 'A' });
  });
});

describe('update()', () => {
  it('takes (id, body, options) and resolves to the typed external_interview', () => {
    expectTypeOf(client.externalInterviews.update).parameters.toEqualTypeOf<
      [externalInterviewId: string, body: UpdateExternalInterviewBody, options?: RequestOptions]
    >();
    expectTypeOf(client.externalInterviews.update).returns.toEqualTypeOf<Promise<ExternalInterview>>();
    expectTypeOf<ExternalInterview>().toEqualTypeOf<components['schemas']['ExternalInterview']>();
  });

  it('rejects a body without external_application_id and a numeric id', () => {
    // @ts-expect-error external_application_id is required
    client.externalInterviews.update('1', { participate_status: 1 });
    // @ts-expect-error the path id is a string
    client.externalInterviews.update(6960663240925956660, { external_application_id: 'a' });
  });

  it('takes hand-written dimensions only with the answer in the field of their assessment_type', () => {
    const body = (dimensions: AssessmentDimensionInput[]) => ({ external_application_id: 'a', interview_assessments: [{ assessment_dimension_list: dimensions }] });
    client.externalInterviews.update('1', body([
      { assessment_type: AssessmentType.Score, title: '技术', score: 90 },
      { assessment_type: AssessmentType.SingleChoice, option: 'A' },
      { assessment_type: AssessmentType.Description, content: 'x' },
      { assessment_type: AssessmentType.MultipleChoice, options: ['A', 'B'] },
      { assessment_type: AssessmentType.Score, title: 'answer left out, as the source allows' },
      { title: 'no type, no answer' },
      dimension.score({ score: 1 }),
    ]));
    client.externalInterviews.update('1', {
      external_application_id: 'a',
      // @ts-expect-error a Score dimension is answered in `score`, not `option`
      interview_assessments: [{ assessment_dimension_list: [{ assessment_type: AssessmentType.Score, option: 'A' }] }],
    });
    client.externalInterviews.update('1', {
      external_application_id: 'a',
      // @ts-expect-error a MultipleChoice dimension takes `options`, not `content`
      interview_assessments: [{ assessment_dimension_list: [{ assessment_type: 4, options: ['A'], content: 'x' }] }],
    });
    client.externalInterviews.update('1', {
      external_application_id: 'a',
      // @ts-expect-error an answer without an assessment_type cannot be placed
      interview_assessments: [{ assessment_dimension_list: [{ score: 90 }] }],
    });
    // The raw client keeps the spec's looser type (the official example carries every answer field at once).
    createRawClient(client).PUT('/open-apis/hire/v1/external_interviews/{external_interview_id}', {
      params: { path: { external_interview_id: '1' } },
      body: { external_application_id: 'a', interview_assessments: [{ assessment_dimension_list: [{ assessment_type: 1, score: 1, option: 'A' }] }] },
    });
  });

  it('accepts the documented options', () => {
    createHireClient({ auth: 't-token' });
    createHireClient({ auth: async () => 't-token', baseUrl: 'lark', rateLimit: false, retry: false, timeoutMs: 5_000, validate: validateRequest, fetch });
    createHireClient({ auth: { appId: 'cli_x', appSecret: 's' }, baseUrl: 'http://127.0.0.1:3000', rateLimit: 5, retry: { maxAttempts: 5 } });
    // @ts-expect-error auth is required
    createHireClient({ baseUrl: 'feishu' });
    // @ts-expect-error app credentials need appSecret
    createHireClient({ auth: { appId: 'cli_x' } });
  });

  it('accepts the new options: limiter, appId, totalTimeoutMs, headers, hooks', () => {
    createHireClient({
      auth: 't',
      appId: 'cli_x',
      limiter: createMemoryRateLimiter(),
      totalTimeoutMs: 60_000,
      headers: { 'x-gateway-key': 'k' },
      hooks: { onRequest: ({ headers }) => void (headers['x-trace'] = '1'), onResponse: async ({ status }) => void status, onRetry: ({ error }) => void error.message },
    });
    // @ts-expect-error validate takes the validator of @feishu-hire/client/validate, no longer `true`
    createHireClient({ auth: 't', validate: true });
  });

  it('types the raw openapi-fetch client by the spec', () => {
    // @ts-expect-error the spec has no GET on this path
    createRawClient(client).GET('/open-apis/hire/v1/external_interviews/{external_interview_id}', { params: { path: { external_interview_id: '1' } } });
  });
});

describe('request()', () => {
  it('types the input and the answer of a generated operation constant by the spec: no type argument', () => {
    expectTypeOf(client.request(updateExternalInterview, { path: { external_interview_id: '1' }, body: { external_application_id: 'a' } })).toEqualTypeOf<
      Promise<{ external_interview?: ExternalInterview }>
    >();
    expectTypeOf(client.request(batchQueryExternalInterviews, { query: { page_size: 20 }, body: { external_interview_id_list: ['1'] } })).resolves.toHaveProperty('items');
    expectTypeOf(client.request(deleteExternalInterview, { path: { external_interview_id: '1' } })).toEqualTypeOf<Promise<Record<string, never> | undefined>>(); // data is optional in its answer
    expectTypeOf(client.request(getTenantAccessToken, { body: { app_id: 'a', app_secret: 's' } })).toEqualTypeOf<Promise<undefined>>(); // its answer has no data
    client.request(batchQueryExternalInterviews); // nothing is required: the input may be left out
    // @ts-expect-error the update's path parameter is required
    client.request(updateExternalInterview, { body: { external_application_id: 'a' } });
    // @ts-expect-error the body must be the update's (external_application_id is required)
    client.request(updateExternalInterview, { path: { external_interview_id: '1' }, body: {} });
    // @ts-expect-error a misspelled body field
    client.request(updateExternalInterview, { path: { external_interview_id: '1' }, body: { external_application_id: 'a', particpate_status: 2 } });
    // @ts-expect-error a path parameter is a string
    client.request(updateExternalInterview, { path: { external_interview_id: { id: 1 } }, body: { external_application_id: 'a' } });
    // @ts-expect-error page_size is a number
    client.request(batchQueryExternalInterviews, { query: { page_size: '20' } });
    // @ts-expect-error delete takes no body
    client.request(deleteExternalInterview, { path: { external_interview_id: '1' }, body: {} });
    // @ts-expect-error the type is the spec's: no type argument restates it
    client.request<{ items: string[] }>(getTenantAccessToken, { body: { app_id: 'a', app_secret: 's' } });
  });

  it('takes an operation without the spec types (another spec) and resolves to the data type asked for', () => {
    const untyped: HireOperation = { operationId: 'listX', method: 'GET', path: '/x', mediaType: undefined, rateLimitPerSecond: 5, auth: 'tenantAccessToken', idempotent: true };
    expectTypeOf(client.request<{ items: string[] }>(untyped)).toEqualTypeOf<Promise<{ items: string[] }>>();
    expectTypeOf(client.request(untyped, { query: { page_size: 20, ids: ['a', 'b'] } })).toEqualTypeOf<Promise<unknown>>();
    // @ts-expect-error auth is 'tenantAccessToken' or 'none'
    client.request({ operationId: 'listX', method: 'GET', path: '/x', mediaType: undefined, rateLimitPerSecond: 5, auth: 'userAccessToken', idempotent: true });
  });

  it('has generated operation constants with literal fields', () => {
    expectTypeOf(updateExternalInterview.method).toEqualTypeOf<'PUT'>();
    expectTypeOf(updateExternalInterview.auth).toEqualTypeOf<'tenantAccessToken'>();
    expectTypeOf(getTenantAccessToken.auth).toEqualTypeOf<'none'>();
    expectTypeOf(getTenantAccessToken.rateLimitPerSecond).toEqualTypeOf<undefined>();
    expectTypeOf(updateExternalInterview).toExtend<HireOperation>();
  });
});

// The package's tsconfig.json (these type tests run under it) has strict, exactOptionalPropertyTypes and
// noUncheckedIndexedAccess on: test/hover.test.ts checks that it does.
describe('under exactOptionalPropertyTypes', () => {
  it('takes an option that may be undefined, as from the environment (`baseUrl: process.env.X`)', () => {
    const fromEnv: string | undefined = process.env.FEISHU_BASE_URL;
    createHireClient({ auth: 't', baseUrl: fromEnv, timeoutMs: Number(process.env.T) || undefined, retry: { maxAttempts: undefined }, appId: process.env.APP_ID });
    client.externalInterviews.update('1', { external_application_id: 'a' }, { signal: undefined, timeoutMs: undefined, totalTimeoutMs: undefined });
  });

  it("gives a body of the client's own type to the raw client's PUT as it is", () => {
    type RawBody = paths['/open-apis/hire/v1/external_interviews/{external_interview_id}']['put']['requestBody'] extends { content: { [k: string]: infer B } } | undefined ? B : never;
    expectTypeOf<UpdateExternalInterviewBody>().toExtend<RawBody>();
    expectTypeOf<AssessmentDimensionInput>().toExtend<components['schemas']['ExternalInterviewAssessmentDimensionInput']>();
    const body: UpdateExternalInterviewBody = {
      external_application_id: 'a',
      interview_assessments: [{ assessment_dimension_list: [dimension.score({ score: 1 }), { title: 'no type, no answer' }, { assessment_type: AssessmentType.SingleChoice, option: 'A' }] }],
    };
    createRawClient(client).PUT('/open-apis/hire/v1/external_interviews/{external_interview_id}', { params: { path: { external_interview_id: '1' } }, body });
  });
});

describe('every namespace of the family', () => {
  it('sync (a standalone function) takes the records of the update body, keyed by external_id, the parent field optional; resolves to items of the record', () => {
    expectTypeOf(syncOffers(client, 'a', [{ external_id: 'k', owner: '张三' }])).toEqualTypeOf<Promise<ResourceSyncResult<ExternalOffer>>>();
    syncOffers(client, 'a', [{ external_id: 'k', external_application_id: 'a' }], { dryRun: true, onProgress: (item) => void item.record?.attachment_list });
    // @ts-expect-error a record of a sync needs its external_id
    syncOffers(client, 'a', [{ owner: '张三' }]);
    // @ts-expect-error a misspelled field
    syncOffers(client, 'a', [{ external_id: 'k', ownr: '张三' }]);
    // @ts-expect-error the platform assigns attachment_list (readOnly): a request does not carry it
    syncOffers(client, 'a', [{ external_id: 'k', attachment_list: [] }]);
    // @ts-expect-error deleteMissing is a boolean
    syncOffers(client, 'a', [], { deleteMissing: 'yes' });
  });

  it('toUpdateBody exists where the update overwrites, patch only where get reads one record', () => {
    expectTypeOf(client.externalApplications.toUpdateBody({} as ExternalApplication)).toEqualTypeOf<UpdateExternalApplicationBody>();
    syncApplications(client, 'talent', [{ external_id: 'k', job_title: '高级 Java' }], { deleteMissing: true });
    // @ts-expect-error no read by id: no patch (read, change, write back)
    void client.externalApplications.patch;
  });
});
