// Compile-time checks of the generated types: these fail the test run if the types loosen.
import { assertType, describe, expectTypeOf, it } from 'vitest';
import type { components, operations } from '../generated/schema.js';

type Body = components['schemas']['UpdateExternalInterviewRequest'];

describe('generated request types', () => {
  it('accepts the documented shape', () => {
    assertType<Body>({
      external_application_id: '6960663240925956437',
      participate_status: 1,
      begin_time: 1618500278638,
      end_time: 1618500278639,
      interview_assessments: [
        {
          username: '张三',
          conclusion: 1,
          assessment_dimension_list: [{ score: 99, option: '选项1', options: ['选项1'], content: '测试内容', assessment_type: 1, title: '心理测试', description: '心理测试描述' }],
          content: '面试内容结果补充',
        },
      ],
    });
  });

  it('types enums as exact unions, not number', () => {
    expectTypeOf<components['schemas']['ParticipateStatus']>().toEqualTypeOf<1 | 2 | 3>();
    expectTypeOf<components['schemas']['Conclusion']>().toEqualTypeOf<1 | 2 | 3>();
    expectTypeOf<components['schemas']['AssessmentType']>().toEqualTypeOf<1 | 2 | 3 | 4>();
  });

  it('rejects a wrong enum value', () => {
    // @ts-expect-error participate_status 4 is not 1 | 2 | 3
    assertType<Body>({ external_application_id: 'a', participate_status: 4 });
    // @ts-expect-error conclusion 0 is not 1 | 2 | 3
    assertType<Body>({ external_application_id: 'a', interview_assessments: [{ conclusion: 0 }] });
    // @ts-expect-error assessment_type 5 is not 1 | 2 | 3 | 4
    assertType<Body>({ external_application_id: 'a', interview_assessments: [{ assessment_dimension_list: [{ assessment_type: 5 }] }] });
  });

  it('rejects a body without external_application_id', () => {
    // @ts-expect-error external_application_id is required
    assertType<Body>({ participate_status: 1 });
  });

  it('rejects wrong field types', () => {
    // @ts-expect-error begin_time is an int64 number, not a string
    assertType<Body>({ external_application_id: 'a', begin_time: '1618500278638' });
    // @ts-expect-error options is string[], not string
    assertType<Body>({ external_application_id: 'a', interview_assessments: [{ assessment_dimension_list: [{ options: '选项1' }] }] });
  });

  it('requires the path id as a string', () => {
    expectTypeOf<operations['updateExternalInterview']['parameters']['path']['external_interview_id']>().toEqualTypeOf<string>();
  });
});
