// client.request: the one core every method uses, called with any operation of the generated shape. The proof by
// fixture: the spec package's fixture GET (not in this client's spec), read through the operations model.
import { describe, expect, it, vi } from 'vitest';
import { createServer } from 'node:http';
import { isReadOnly, operationById, operations, operationsOf } from '@feishu-hire/spec/model';
import {
  ErrorCode,
  HireApiError,
  HireConnectionError,
  batchQueryExternalInterviews,
  createExternalInterview,
  createHireClient,
  deleteExternalInterview,
  getTenantAccessToken,
  operationFromModel,
  updateExternalInterview,
} from '../src/index.js';
import { validateRequest } from '../src/validate.js';
import * as generatedOperations from '../generated/operations.js';
import { fixtureSpecs } from './helpers/fixture-specs.js';
import { BODY, PUT_PREFIX, failure, startFeishu, success, type Handler, type Reply } from './helpers/server.js';
import { closedAfterEach, rejection } from './helpers/lifecycle.js';

const { FIXTURE_OPERATION_ID, FIXTURE_PATH, specWithGetOperation } = fixtureSpecs;
const listNotes = operationFromModel(operationById(FIXTURE_OPERATION_ID, operationsOf(specWithGetOperation())));

const feishu = closedAfterEach(startFeishu);
/** A port of 127.0.0.1 that nothing listens on (the OS gave it to a server that closed). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
/** The `external_interview_id` query parameter of a fixture request. */
const interviewOf = (req: { url: string }) => new URL(req.url, 'http://x').searchParams.get('external_interview_id');
/** The fixture GET's success answer: one note named after the interview asked for. */
const notes = (req: { url: string }): Reply => ({ body: { code: 0, msg: 'ok', data: { items: [`note of ${interviewOf(req)}`] } } });

describe('operations', () => {
  it('are generated from the spec with the mapping operationFromModel exports', () => {
    const exported = generatedOperations as unknown as Record<string, unknown>;
    expect(operations.map((op) => operationFromModel(op))).toEqual(operations.map((op) => exported[op.operationId]));
    expect(Object.keys(exported).sort()).toEqual(operations.map((op) => op.operationId).sort());
    expect(getTenantAccessToken).toEqual(operationFromModel(operationById(getTenantAccessToken.operationId)));
  });

  it('adapts an operation of any spec model, the fixture GET included', () => {
    expect(listNotes).toEqual({ operationId: FIXTURE_OPERATION_ID, method: 'GET', path: FIXTURE_PATH, mediaType: undefined, rateLimitPerSecond: 5, auth: 'tenantAccessToken', idempotent: true });
  });

  it('refuses, naming the operation, what the client cannot call', () => {
    const model = operationById('updateExternalInterview');
    expect(() => operationFromModel({ ...model, security: [{ name: 'userAccessToken' }] })).toThrow('operation updateExternalInterview: security userAccessToken is not handled');
    expect(() => operationFromModel({ ...model, requestBody: { mediaType: 'multipart/form-data' } })).toThrow('operation updateExternalInterview: mediaType multipart/form-data is not JSON');
    expect(() => operationFromModel({ ...model, method: 'get' })).toThrow('operation updateExternalInterview: method must be one of GET, PUT');
  });
});

describe('client.request with the fixture GET (listFixtureInterviewNotes)', () => {
  it('sends the bearer token and the encoded query, no body, and resolves to the envelope data', async () => {
    const server = await feishu(notes);
    const client = createHireClient({ auth: { appId: 'cli_a', appSecret: 's' }, baseUrl: server.url });
    await expect(client.request(listNotes, { query: { external_interview_id: '1', page_size: 20 } })).resolves.toEqual({ items: ['note of 1'] });
    await client.request(listNotes, { query: { external_interview_id: 'a b&c=d/面', page_size: undefined } });
    const [first, second] = server.puts;
    expect(first).toMatchObject({ method: 'GET', url: `${FIXTURE_PATH}?external_interview_id=1&page_size=20`, body: '' });
    expect(first!.headers.authorization).toBe('Bearer t-1');
    expect(first!.headers['content-type']).toBeUndefined();
    expect(second!.url).toBe(`${FIXTURE_PATH}?external_interview_id=a%20b%26c%3Dd%2F%E9%9D%A2`);
    expect(server.tokens).toHaveLength(1);
  });

  it('rejects a non-zero code with HireApiError, without retrying', async () => {
    const server = await feishu(() => failure(400, ErrorCode.InvalidParameter, '参数错误'));
    const client = createHireClient({ auth: 't', baseUrl: server.url });
    const error = await rejection(client.request(listNotes, { query: { external_interview_id: '1' } }));
    expect(error).toBeInstanceOf(HireApiError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidParameter, msg: '参数错误', status: 400, logId: 'logid-0' });
    expect(server.puts).toHaveLength(1);
  });

  it("retries a 429 through the operation's own limiter: 5 slots from the spec, apart from update's", async () => {
    // Calls 0-5 start together. Call 0 is answered 429 at once; calls 1-4 are held. Call 5 waits for a slot (all five
    // taken) and gets call 0's after its cool-down; call 0's retry queues behind it and can only be sent once a held
    // call answers. A retry that skipped the limiter would be sent at once. Counting requests: no clock involved.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const api: Handler = async (req) => {
      if (req.method === 'PUT') return success(req);
      const id = interviewOf(req);
      if (id === '0' && server.puts.filter((r) => interviewOf(r) === '0').length === 1) {
        return failure(429, ErrorCode.RateLimited, 'request trigger frequency limit', { 'x-ogw-ratelimit-reset': '0' });
      }
      if (['1', '2', '3', '4'].includes(id!)) await held;
      return notes(req);
    };
    const server = await feishu(api);
    const client = createHireClient({ auth: 't', baseUrl: server.url });
    const seen = (id: string) => server.puts.filter((r) => r.method === 'GET' && interviewOf(r) === id).length;
    const calls = Array.from({ length: 6 }, (_, i) => client.request(listNotes, { query: { external_interview_id: String(i) } }));

    await vi.waitFor(() => expect(seen('4')).toBe(1));
    await expect(client.externalInterviews.update('u', BODY)).resolves.toMatchObject({ id: 'u' }); // not held by the fixture's limiter
    await vi.waitFor(() => expect(seen('5')).toBe(1), { timeout: 10_000, interval: 20 });
    expect(seen('0')).toBe(1); // the retry is waiting for a slot
    release();
    await expect(Promise.all(calls)).resolves.toEqual(['0', '1', '2', '3', '4', '5'].map((id) => ({ items: [`note of ${id}`] })));
    expect(seen('0')).toBe(2);
    expect(server.puts.filter((r) => r.url.startsWith(PUT_PREFIX))).toHaveLength(1);
  }, 20_000);
});

describe('client.request with the generated operations', () => {
  it('calls update through the same core: encoded path, body, token; resolves to data (typed by the spec)', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: 't-static', baseUrl: server.url });
    const data = await client.request(updateExternalInterview, { path: { external_interview_id: 'a/b' }, body: BODY });
    expect(data.external_interview?.id).toBe('a/b');
    expect(server.puts[0]).toMatchObject({ method: 'PUT', url: `${PUT_PREFIX}a%2Fb` });
    expect(server.puts[0]!.headers).toMatchObject({ authorization: 'Bearer t-static', 'content-type': updateExternalInterview.mediaType });
  });

  it("sends an auth: 'none' operation without a token and without fetching one", async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: { appId: 'cli_a', appSecret: 's' }, baseUrl: server.url });
    await expect(client.request(getTenantAccessToken, { body: { app_id: 'cli_b', app_secret: 'x' } })).resolves.toBeUndefined(); // its answer has no `data`
    expect(server.tokens).toHaveLength(1);
    expect(server.tokens[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(server.tokens[0]!.body)).toEqual({ app_id: 'cli_b', app_secret: 'x' });
  });

  it('rejects a missing or dot path parameter and a body for an operation without one, sending nothing', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: 't', baseUrl: server.url });
    for (const [path, message] of [
      [undefined, 'path.external_interview_id must be a string or number, got undefined'],
      [{ external_interview_id: '' }, 'path.external_interview_id must not be empty'],
      [{ external_interview_id: '..' }, 'path.external_interview_id must not be ".." (a dot segment cannot be sent in a URL path)'],
    ] as const) {
      const error = await rejection(client.request(updateExternalInterview, { path: path as never, body: BODY }));
      expect(error.issues).toEqual([expect.objectContaining({ path: 'path.external_interview_id', message })]);
    }
    await expect(client.request(listNotes, { query: { external_interview_id: '1' }, body: {} })).rejects.toMatchObject({
      name: 'HireValidationError',
      issues: [{ path: 'body', rule: 'requestBody', message: 'body must be left out: listFixtureInterviewNotes takes none' }],
    });
    await expect(client.request(listNotes, {}, { timeoutMs: -1 })).rejects.toThrow('request: options.timeoutMs must be a positive number, got -1');
    expect(server.requests).toHaveLength(0);
  });

  it('checks the body with validate: validateRequest, and refuses to skip the check for an operation of another spec', async () => {
    const server = await feishu((req) => (req.method === 'GET' ? notes(req) : success(req)));
    const client = createHireClient({ auth: 't', baseUrl: server.url, validate: validateRequest });
    const error = await rejection(client.request(updateExternalInterview, { path: { external_interview_id: '1' }, body: { external_application_id: 1 } as never }));
    expect(error.issues.map((i: { message: string }) => i.message)).toEqual(['body.external_application_id must be of type string']);
    const foreign = { ...updateExternalInterview, operationId: 'updateSomethingElse' };
    await expect(client.request(foreign, { path: { external_interview_id: '1' }, body: BODY })).rejects.toThrow('validateRequest: this client version has no body validator for operation updateSomethingElse');
    await expect(client.request(listNotes, { query: { external_interview_id: '1' } })).resolves.toEqual({ items: ['note of 1'] }); // no body: nothing to check
    expect(server.requests).toHaveLength(1);
  });

  it('retries by what an operation is, not its method: a read (a POST) like a PUT, a create only where nothing was sent', async () => {
    // From the model: the batch query only reads (isReadOnly), the create may apply twice.
    const reads = operations.filter((op) => isReadOnly(op));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.map((op) => operationFromModel(op).idempotent)).toEqual(reads.map(() => true));
    expect([batchQueryExternalInterviews.method, batchQueryExternalInterviews.idempotent, 'idempotent' in createExternalInterview]).toEqual(['POST', true, false]);
    const failing = await feishu(() => failure(500, ErrorCode.SystemError, '系统异常'));
    const client = createHireClient({ auth: 't', baseUrl: failing.url, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
    await expect(client.request(createExternalInterview, { body: BODY })).rejects.toMatchObject({ code: ErrorCode.SystemError });
    expect(failing.puts).toHaveLength(1); // the create: it may have been applied
    await expect(client.request(batchQueryExternalInterviews, { query: { external_application_id: '1' }, body: {} })).rejects.toMatchObject({ code: ErrorCode.SystemError });
    expect(failing.puts).toHaveLength(4); // the batch query: 3 attempts

    const reset = await feishu(() => ({ destroy: true }));
    const resetting = createHireClient({ auth: 't', baseUrl: reset.url, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
    await expect(resetting.request(createExternalInterview, { body: BODY })).rejects.toBeInstanceOf(HireConnectionError);
    expect(reset.puts).toHaveLength(1); // a reset: the request may have arrived

    const limited = await feishu((req, i) => (i === 0 ? failure(429, ErrorCode.RateLimited, 'request trigger frequency limit', { 'x-ogw-ratelimit-reset': '0' }) : success(req)));
    const retrying = createHireClient({ auth: 't', baseUrl: limited.url });
    await expect(retrying.request(createExternalInterview, { body: BODY })).resolves.toMatchObject({ external_interview: expect.any(Object) });
    expect(limited.puts.map((r) => r.method)).toEqual(['POST', 'POST']); // a rate limit: refused, so repeated
  });

  it('retries a create whose connection was refused (nothing was sent)', async () => {
    // A port nobody listens on, until the first attempt was refused: then a server starts on it.
    const port = await freePort();
    const answered: string[] = [];
    const server = createServer((req, res) => (answered.push(req.method!), res.end(JSON.stringify({ code: 0, msg: 'ok', data: { external_interview: { id: '1' } } }))));
    const onRetry = ({ error }: { error: Error }) => new Promise<void>((resolve) => (expect(error).toBeInstanceOf(HireConnectionError), server.listen(port, '127.0.0.1', resolve)));
    const client = createHireClient({ auth: 't', baseUrl: `http://127.0.0.1:${port}`, retry: { baseDelayMs: 10, maxDelayMs: 50 }, hooks: { onRetry } });
    try {
      await expect(client.request(createExternalInterview, { body: BODY })).resolves.toEqual({ external_interview: { id: '1' } });
      expect(answered).toEqual(['POST']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("lets the client's rateLimit replace every operation's rate, or turn the limiters off", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = await feishu(async (req) => (await held, notes(req)));
    const sent = { limited: 0, unlimited: 0 };
    const counting = (key: keyof typeof sent): typeof fetch => (input, init) => (sent[key]++, fetch(input, init));
    const limited = createHireClient({ auth: 't', baseUrl: server.url, rateLimit: 2, fetch: counting('limited') });
    const unlimited = createHireClient({ auth: 't', baseUrl: server.url, rateLimit: false, fetch: counting('unlimited') });
    const calls = [limited, unlimited].flatMap((client) => Array.from({ length: 4 }, (_, i) => client.request(listNotes, { query: { external_interview_id: String(i) } })));
    await vi.waitFor(() => expect(server.puts).toHaveLength(6), { timeout: 10_000 }); // 2 + 4 held requests
    expect(sent).toEqual({ limited: 2, unlimited: 4 });
    release();
    await Promise.all(calls);
  }, 20_000);
});
