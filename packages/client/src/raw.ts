// `@feishu-hire/client/raw`: the openapi-fetch client of a HireClient. Its own entry point, so that apps that never
// use it do not bundle openapi-fetch (about half of a one-call program otherwise).
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import type { HireClient, RawTransport } from './client.js';

// The same global symbol as client.ts's RAW_TRANSPORT; not imported, so this entry point bundles none of the client.
const RAW_TRANSPORT = Symbol.for('@feishu-hire/client.raw');

/** The underlying openapi-fetch client, typed by the spec. */
export type RawHireClient = Client<paths>;

/**
 * The [openapi-fetch](https://openapi-ts.dev/openapi-fetch/) client of `client`, typed by the spec: the same base URL,
 * fetch, headers and token (added by middleware to requests without an `Authorization` header); no retries, rate
 * limiter, hooks or envelope checks.
 */
export function createRawClient(client: HireClient): RawHireClient {
  const transport = (client as HireClient & { [RAW_TRANSPORT]?: RawTransport })?.[RAW_TRANSPORT];
  if (!transport) throw new TypeError('createRawClient: client must be a client made by createHireClient');
  const raw = createClient<paths>({ baseUrl: transport.baseUrl, fetch: transport.fetch, headers: transport.headers });
  raw.use({
    async onRequest({ request }) {
      if (!request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${await transport.token(request.signal)}`);
      return request;
    },
  });
  return raw;
}
