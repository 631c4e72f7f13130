import { createHireClient } from '@feishu-hire/client';

// The client fetches, caches and refreshes the tenant_access_token itself: give it the app credentials.
const client = createHireClient({
  auth: { appId: process.env.FEISHU_APP_ID!, appSecret: process.env.FEISHU_APP_SECRET! },
});
