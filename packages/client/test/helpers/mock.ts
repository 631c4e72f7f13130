// The embedded mock server (@feishu-hire/mock-server) on 127.0.0.1 with an OS-picked port, and a fetch that records
// every request the client sends it: tests count writes by what went over HTTP, never by time.
import { operationById, resourceByName } from '@feishu-hire/spec/model';
import { DEFAULT_APPS, DEFAULT_SEED, startMockServer, type MockInterview, type MockServerOptions } from '@feishu-hire/mock-server';
import { batchQueryExternalInterviews, createExternalInterview, createHireClient, createHireCore, type HireClientOptions } from '../../src/index.js';

/** A request the client sent: method and path (without the query). */
export interface Sent {
  method: string;
  path: string;
  body: unknown;
}

export type Mock = Awaited<ReturnType<typeof startMockServer>>;

/** The interviews' parent resource (the spec's external applications): the mock refuses interviews naming none it holds. */
const applications = resourceByName(operationById(createExternalInterview.operationId).resource!.name).parent!.resource;

/**
 * A seed of the applications the interviews of the tests name: the default seed's, and a copy of its first under each
 * id of `ids` it lacks.
 */
export function applicationSeed(ids: readonly string[]): Record<string, Record<string, unknown>[]> {
  const seeded = DEFAULT_SEED[applications] ?? [];
  const missing = [...new Set(ids)].filter((id) => !seeded.some((a) => a.id === id));
  return { [applications]: [...structuredClone(seeded), ...missing.map((id) => ({ ...structuredClone(seeded[0]), id }))] };
}

/** Starts the mock with `interviews` as its only interviews (default: none), and the applications they name. */
export function startMock(interviews: MockInterview[] = [], options: MockServerOptions = {}): Promise<Mock> {
  return startMockServer({ seed: applicationSeed(interviews.map((i) => i.external_application_id)), interviews, ...options });
}

/** `fetch` that records each request in `sent` before sending it; `intercept` may answer one itself. */
export function recordingFetch(sent: Sent[], intercept?: (request: Request, body: unknown) => Response | undefined): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    const body = text ? JSON.parse(text) : undefined;
    sent.push({ method: request.method, path: new URL(request.url).pathname, body });
    return intercept?.(request, body) ?? fetch(request);
  };
}

/** A client of the mock (app credentials, so the token is fetched as in production) recording what it sends. */
export function mockClient(mock: Mock, sent: Sent[] = [], options: Partial<HireClientOptions> = {}) {
  return createHireClient({ auth: { ...DEFAULT_APPS[0]! }, baseUrl: mock.url, fetch: recordingFetch(sent), ...options });
}

/** The same, without `externalInterviews` (for the standalone functions). */
export function mockCore(mock: Mock, sent: Sent[] = [], options: Partial<HireClientOptions> = {}) {
  return createHireCore({ auth: { ...DEFAULT_APPS[0]! }, baseUrl: mock.url, fetch: recordingFetch(sent), ...options });
}

/** The requests of `sent` that write: everything but the token endpoint and batch queries. */
export const writes = (sent: Sent[]) => sent.filter((s) => s.path !== batchQueryExternalInterviews.path && s.path.startsWith(createExternalInterview.path));
/** The batch queries of `sent`. */
export const queries = (sent: Sent[]) => sent.filter((s) => s.path === batchQueryExternalInterviews.path);

/** A stored interview of application `application`, keyed `externalId` (null: none), with one assessment. */
export function seed(id: string, application: string, externalId: string | null, fields: Partial<MockInterview> = {}): MockInterview {
  return {
    id,
    external_application_id: application,
    ...(externalId === null ? {} : { external_id: externalId }),
    participate_status: 2,
    begin_time: 1_700_000_000_000,
    end_time: 1_700_000_360_000,
    interview_assessments: [
      {
        external_id: `${externalId ?? id}-a1`,
        username: '张三',
        conclusion: 2,
        assessment_dimension_list: [{ assessment_type: 1, title: '技术', score: 90 }],
        content: '基础扎实',
      },
    ],
    ...fields,
  };
}
