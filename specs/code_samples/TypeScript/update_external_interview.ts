import {
  AssessmentType,
  Conclusion,
  ErrorCode,
  HireApiError,
  ParticipateStatus,
  createHireClient,
  dimension,
} from '@feishu-hire/client';

// A self-built app's credentials; the client fetches and refreshes the tenant_access_token itself.
const client = createHireClient({
  auth: { appId: 'cli_a1b2c3d4e5f6', appSecret: 'your-app-secret' },
  baseUrl: 'feishu', // or 'lark' for https://open.larksuite.com
});

// Full overwrite: this body replaces the whole interview and ALL its assessments; send it complete.
try {
  const interview = await client.externalInterviews.update('6960663240925956660', {
    external_application_id: '6960663240925956437',
    participate_status: ParticipateStatus.Participated,
    begin_time: 1618500278638,
    end_time: 1618500278639,
    interview_assessments: [
      {
        username: '张三',
        conclusion: Conclusion.Pass,
        assessment_dimension_list: [
          dimension.score({ title: '心理测试', description: '心理测试描述', score: 99 }),
          dimension.singleChoice({ title: '推荐程度', option: '选项1' }),
          dimension.description({ title: '评语', content: '测试内容' }),
          dimension.multipleChoice({ title: '技能', options: ['选项1', '选项2'] }),
        ],
        content: '面试内容结果补充',
      },
    ],
  });
  // The assessment ids are assigned by the platform: the request carries none.
  const scored = interview.interview_assessments?.[0]?.assessment_dimension_list?.find(
    (d) => d.assessment_type === AssessmentType.Score,
  );
  console.log(interview.id, interview.interview_assessments?.map((a) => a.id), scored?.score);
} catch (error) {
  if (error instanceof HireApiError && error.code === ErrorCode.RateLimited) {
    // The client already waits and retries; this is the last attempt's answer.
    console.error(`rate limited (10/s): retry in ${error.rateLimitResetSeconds} s, log id ${error.logId}`);
  } else if (error instanceof HireApiError) {
    console.error(`HTTP ${error.status}, code ${error.code}: ${error.msg} (log id ${error.logId})`);
  } else {
    throw error;
  }
}
