import { ErrorCode, HireApiError, createHireClient } from '@feishu-hire/client';

// A self-built app's credentials; the client fetches and refreshes the tenant_access_token itself.
const client = createHireClient({
  auth: { appId: 'cli_a1b2c3d4e5f6', appSecret: 'your-app-secret' },
  baseUrl: 'feishu', // or 'lark' for https://open.larksuite.com
});

try {
  await client.externalInterviews.delete('6960663240925956660');
} catch (error) {
  if (error instanceof HireApiError && error.code === ErrorCode.InvalidParameter) {
    console.error(`rejected: ${error.msg} (log id ${error.logId})`);
  } else {
    throw error;
  }
}
