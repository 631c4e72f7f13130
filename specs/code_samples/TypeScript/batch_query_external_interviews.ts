import { createHireClient } from '@feishu-hire/client';

// A self-built app's credentials; the client fetches and refreshes the tenant_access_token itself.
const client = createHireClient({
  auth: { appId: 'cli_a1b2c3d4e5f6', appSecret: 'your-app-secret' },
  baseUrl: 'feishu', // or 'lark' for https://open.larksuite.com
});

// Every external interview of one external application, page by page: the client follows page_token for you.
for await (const page of client.externalInterviews.list({ externalApplicationId: '6960663240925956437' })) {
  for (const interview of page.items ?? []) {
    console.log(interview.id, interview.external_id, interview.participate_status);
  }
}

// One interview by its id (external_interview_id_list with a single id).
const interview = await client.externalInterviews.get('6960663240925956660');
console.log(interview?.interview_assessments?.length);
