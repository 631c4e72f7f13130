import { Conclusion, ParticipateStatus, createHireClient, dimension } from '@feishu-hire/client';

// A self-built app's credentials; the client fetches and refreshes the tenant_access_token itself.
const client = createHireClient({
  auth: { appId: 'cli_a1b2c3d4e5f6', appSecret: 'your-app-secret' },
  baseUrl: 'feishu', // or 'lark' for https://open.larksuite.com
});

// external_id is your system's key of the interview: the platform creates the same external_id only once in
// 24 hours, so a retried create does not import the interview twice.
const interview = await client.externalInterviews.create({
  external_id: 'ats-interview-1024',
  external_application_id: '6960663240925956437',
  participate_status: ParticipateStatus.Participated,
  begin_time: 1618500278638,
  end_time: 1618503878638,
  interview_assessments: [
    {
      external_id: 'ats-assessment-2048',
      username: '张三',
      conclusion: Conclusion.Pending,
      assessment_dimension_list: [
        dimension.score({ title: '专业能力', description: '专业知识与技能', score: 85 }),
        dimension.singleChoice({ title: '推荐程度', option: '推荐' }),
      ],
      content: '基础扎实，待二面确认',
    },
  ],
});

// Keep the platform's id: update, patch and delete take it.
console.log(interview.id, interview.interview_assessments?.map((a) => a.id));

// Later, change one field: patch reads the interview and sends it back complete (update overwrites everything).
await client.externalInterviews.patch(interview.id!, { participate_status: ParticipateStatus.NoShow });
