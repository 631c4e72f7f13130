// The two transports: on Node, without a `fetch` option, the client sends with node:http (src/node-transport.ts);
// with `fetch` (or in the build for other runtimes), with fetch. Both give the same results and errors.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { ErrorCode, HireApiError, HireConnectionError, HireTimeoutError, createHireClient, type HireClientOptions } from '../src/index.js';
import { BODY, failure, startFeishu, success } from './helpers/server.js';
import { closedAfterEach, rejection } from './helpers/lifecycle.js';

const feishu = closedAfterEach(startFeishu);

const transports: Array<[string, Partial<HireClientOptions>]> = [
  ['node:http (the default on Node)', {}],
  ['fetch (the fetch option)', { fetch: globalThis.fetch }],
];

describe.each(transports)('%s', (name, transport) => {
  const viaFetch = 'fetch' in transport;

  it('is the one that sends', async () => {
    const server = await feishu(success);
    await createHireClient({ auth: { appId: 'a', appSecret: 'b' }, baseUrl: server.url, ...transport }).externalInterviews.update('1', BODY);
    // Node's fetch (undici) adds the headers of the Fetch standard; node:http sends only the client's.
    for (const req of [server.tokens[0]!, server.puts[0]!]) expect('sec-fetch-mode' in req.headers, name).toBe(viaFetch);
    expect(server.puts[0]!.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(BODY))));
  });

  it('reads success, error envelopes, non-envelopes and their headers alike', async () => {
    const server = await feishu((req, i) =>
      [failure(400, ErrorCode.InvalidParameter, '参数错误'), { status: 502, body: 'Bad Gateway', headers: { 'content-type': 'text/plain', 'set-cookie': 'a=1' } }, success(req)][i]!,
    );
    const client = createHireClient({ auth: 't', baseUrl: server.url, retry: false, ...transport });
    const invalid = (await rejection(client.externalInterviews.update('1', BODY))) as HireApiError;
    expect(invalid).toMatchObject({ code: ErrorCode.InvalidParameter, msg: '参数错误', status: 400, logId: 'logid-0' });
    const gateway = (await rejection(client.externalInterviews.update('1', BODY))) as HireApiError;
    expect(gateway).toMatchObject({ code: -1, status: 502, msg: 'HTTP 502 Bad Gateway: not a Feishu {code, msg} envelope', rawBody: 'Bad Gateway' });
    expect(gateway.headers).toMatchObject({ 'content-type': 'text/plain', 'x-tt-logid': 'logid-1' });
    await expect(client.externalInterviews.update('中文/id', BODY)).resolves.toMatchObject({ id: '中文/id', interview_assessments: [{ username: '张三' }] });
  });

  it('reports a refused connection, and a connection dropped before or during the answer, as HireConnectionError', async () => {
    const closed = await feishu(success);
    await closed.close();
    const refused = (await rejection(createHireClient({ auth: 't', baseUrl: closed.url, retry: false, ...transport }).externalInterviews.update('1', BODY))) as HireConnectionError;
    expect(refused).toBeInstanceOf(HireConnectionError);
    expect(refused.cause).toBeInstanceOf(viaFetch ? TypeError : Error);
    expect(refused.message).toMatch(/ECONNREFUSED/);

    const dropping = await feishu((req, i) => (i === 0 ? { destroy: true } : success(req)));
    const client = createHireClient({ auth: 't', baseUrl: dropping.url, retry: { baseDelayMs: 10 }, ...transport });
    await expect(client.externalInterviews.update('1', BODY)).resolves.toMatchObject({ id: '1' });
    expect(dropping.puts).toHaveLength(2);

    // Headers and half a body, then the socket closes: never a resolved call with half an answer.
    const halfway = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"code":0,"data":{"external_inter');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((resolve) => halfway.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(halfway.address() as { port: number }).port}`;
    try {
      const error = await rejection(createHireClient({ auth: 't', baseUrl: url, retry: false, ...transport }).externalInterviews.update('1', BODY));
      expect(error).toBeInstanceOf(HireConnectionError);
    } finally {
      halfway.closeAllConnections();
      await new Promise((resolve) => halfway.close(resolve));
    }
  });

  it('aborts an attempt that passes timeoutMs (HireTimeoutError), and a call whose signal fires (its reason)', async () => {
    const slow = await feishu((req) => ({ ...success(req), delayMs: 10_000 }));
    const client = createHireClient({ auth: 't', baseUrl: slow.url, retry: false, timeoutMs: 100, ...transport });
    await expect(client.externalInterviews.update('1', BODY)).rejects.toBeInstanceOf(HireTimeoutError);
    const reason = new Error('stop');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    await expect(client.externalInterviews.update('1', BODY, { signal: controller.signal, timeoutMs: 5_000 })).rejects.toBe(reason);
  });
});
