// The errors a caller branches on: one HireError base, a subclass per kind of failure, narrowed with instanceof.
import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import {
  ErrorCode,
  HireApiError,
  HireAuthError,
  HireConnectionError,
  HireError,
  HireTimeoutError,
  HireValidationError,
  createHireClient,
  type UpdateExternalInterviewBody,
} from '../src/index.js';
import { BODY, failure, startFeishu, success } from './helpers/server.js';
import { closedAfterEach, rejection } from './helpers/lifecycle.js';

const feishu = closedAfterEach(startFeishu);

/** What a caller's catch block does: narrow, then read the fields of that kind. */
function describeFailure(error: unknown): string {
  if (error instanceof HireApiError) return `api ${error.code} ${error.status} ${error.logId} ${error.headers['content-type']} ${error.rawBody.length > 0}`;
  if (error instanceof HireValidationError) return `validation ${error.issues.map((i) => `${i.path}:${i.rule}`).join(',')}`;
  if (error instanceof HireConnectionError) return `connection ${(error.cause as Error) instanceof Error}`;
  if (error instanceof HireTimeoutError) return `timeout ${error.scope} ${error.timeoutMs}`;
  if (error instanceof HireAuthError) return `auth ${(error.cause as Error | undefined)?.message}`;
  if (error instanceof HireError) return 'other HireError';
  return `not ours: ${(error as Error).name}`;
}

describe('one HireError base', () => {
  it('is the base of every error the client throws for a call, none of them a TypeError', async () => {
    const ok = await feishu(success);
    const failing = await feishu(() => failure(400, ErrorCode.InvalidParameter, '参数错误'));
    const slow = await feishu((req) => ({ ...success(req), delayMs: 2_000 }));
    const closed = await feishu(success);
    await closed.close();
    const make = (url: string, extra: object = {}) => createHireClient({ auth: 't', baseUrl: url, retry: false, ...extra });
    const errors = [
      await rejection(make(failing.url).externalInterviews.update('1', BODY)),
      await rejection(make(ok.url).externalInterviews.update('', BODY)),
      await rejection(make(ok.url).externalInterviews.update('1', { ...BODY, begin_time: 10n } as unknown as UpdateExternalInterviewBody)),
      await rejection(make(closed.url).externalInterviews.update('1', BODY)),
      await rejection(make(slow.url, { timeoutMs: 100 }).externalInterviews.update('1', BODY)),
      await rejection(make(slow.url, { totalTimeoutMs: 100 }).externalInterviews.update('1', BODY)),
      await rejection(createHireClient({ auth: () => Promise.reject(new TypeError('vault down')), baseUrl: ok.url }).externalInterviews.update('1', BODY)),
    ];
    expect(errors.map(describeFailure)).toEqual([
      'api 1002002 400 logid-0 application/json; charset=utf-8 true',
      'validation externalInterviewId:minLength',
      'validation body:json',
      'connection true',
      'timeout attempt 100',
      'timeout call 100',
      'auth vault down',
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(HireError);
      expect(error).not.toBeInstanceOf(TypeError); // a retry on TypeError repeats none of them
    }
    expect(ok.puts).toHaveLength(0);
  });

  it("rethrows the caller's abort reason as it is, not a HireError", async () => {
    const slow = await feishu((req) => ({ ...success(req), delayMs: 2_000 }));
    const client = createHireClient({ auth: 't', baseUrl: slow.url });
    const reason = new Error('the caller gave up');
    const controller = new AbortController();
    const pending = client.externalInterviews.update('1', BODY, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
  });
});

describe('HireApiError', () => {
  it('carries the response headers and raw body text, secrets masked', async () => {
    const server = await feishu(() => ({ status: 502, body: '<html>bad gateway for Bearer t-secret-1</html>', headers: { 'content-type': 'text/html', 'x-request-id': 'r-1', 'x-echo': 't-secret-1' } }));
    const client = createHireClient({ auth: 't-secret-1', baseUrl: server.url, retry: false });
    const error = (await rejection(client.externalInterviews.update('1', BODY))) as HireApiError;
    expect(error).toMatchObject({ code: -1, status: 502, logId: 'logid-0', rawBody: '<html>bad gateway for Bearer ***</html>' });
    expect(error.headers).toMatchObject({ 'content-type': 'text/html', 'x-request-id': 'r-1', 'x-echo': '***', 'x-tt-logid': 'logid-0' });
    expect(error.msg).toBe('HTTP 502 Bad Gateway: not a Feishu {code, msg} envelope');
  });

  it('keeps every field of the answer for a subclass built from it (as a not-found error does)', async () => {
    class HireNotFoundLike extends HireApiError {
      override readonly name: string = 'HireNotFoundLike';
    }
    const server = await feishu(() => failure(400, ErrorCode.InvalidParameter, 'external_interview_id not found'));
    const client = createHireClient({ auth: 't', baseUrl: server.url });
    const error = (await rejection(client.externalInterviews.update('1', BODY))) as HireApiError;
    const narrowed = new HireNotFoundLike(error);
    expect(narrowed).toBeInstanceOf(HireApiError);
    expect(narrowed).toMatchObject({ name: 'HireNotFoundLike', code: error.code, msg: error.msg, status: 400, logId: error.logId, headers: error.headers, rawBody: error.rawBody });
  });
});

describe('HireConnectionError', () => {
  it("has the transport's error as its cause, and is retried like before", async () => {
    const server = await feishu((req, i) => (i === 0 ? { destroy: true } : success(req)));
    const closed = await feishu(success);
    await closed.close();
    const error = (await rejection(createHireClient({ auth: 't', baseUrl: closed.url, retry: false }).externalInterviews.update('1', BODY))) as HireConnectionError;
    expect(error.cause).toBeInstanceOf(Error); // node:http's error here; fetch's TypeError with a fetch option (test/node-transport.test.ts)
    expect(error.message).toMatch(/^no response: .*ECONNREFUSED/);
    const retried = createHireClient({ auth: 't', baseUrl: server.url, retry: { baseDelayMs: 10 } });
    await expect(retried.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
    expect(server.puts).toHaveLength(2);
  });
});

describe('HireValidationError', () => {
  it('reports a body that cannot be sent as JSON (a BigInt, a cycle) before anything is sent', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: 't', baseUrl: server.url });
    const cyclic: Record<string, unknown> = { external_application_id: 'a' };
    cyclic.self = cyclic;
    for (const body of [{ external_application_id: 'a', begin_time: 1n }, cyclic]) {
      const error = (await rejection(client.externalInterviews.update('1', body as unknown as UpdateExternalInterviewBody))) as HireValidationError;
      expect(error.issues).toEqual([expect.objectContaining({ path: 'body', rule: 'json' })]);
      expect(error.message).toMatch(/^Invalid request: body cannot be sent as JSON \(/);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('redaction', () => {
  it('masks a token and a secret as whole values, never letters of other words', async () => {
    // A short token ("ab") that also occurs inside words ("about", "abc", "tab"): only the value itself is masked.
    const server = await feishu((req) => failure(400, ErrorCode.InvalidParameter, `about ${req.headers.authorization}: abc tab ab, "ab"`));
    const client = createHireClient({ auth: 'ab', baseUrl: server.url });
    const error = (await rejection(client.externalInterviews.update('1', BODY))) as HireApiError;
    expect(error.msg).toBe('about Bearer ***: abc tab ***, "***"');

    const refused = await feishu(success, { token: (req) => failure(400, ErrorCode.AppSecretInvalid, `bad ${req.body}, secret-x-extra`) });
    const byApp = createHireClient({ auth: { appId: 'cli', appSecret: 'secret-x' }, baseUrl: refused.url });
    const tokenError = (await rejection(byApp.externalInterviews.update('1', BODY))) as HireAuthError;
    expect(tokenError.message).toBe('tenant_access_token request failed: bad {"app_id":"cli","app_secret":"***"}, secret-x-extra');
    expect((tokenError.cause as HireApiError).rawBody).not.toContain('"secret-x"');
    for (const view of [inspect(tokenError, { depth: 10, showHidden: true }), JSON.stringify(tokenError)]) expect(view).not.toMatch(/"secret-x"/);
  });
});
