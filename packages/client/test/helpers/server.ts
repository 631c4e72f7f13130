// A scripted HTTP server on 127.0.0.1 (OS-picked port) standing in for open.feishu.cn in tests: real sockets, no fetch mocking.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { getTenantAccessToken, updateExternalInterview, type UpdateExternalInterviewBody } from '../../src/index.js';

/** A request as the server saw it; `url` is the raw request target, before any decoding. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() at arrival. */
  at: number;
}

/** What to answer: a JSON body (objects are serialized, strings sent as is), or `destroy` to drop the socket. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  destroy?: boolean;
}

export type Handler = (req: SeenRequest, index: number) => Reply | Promise<Reply>;

export interface TestServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a server answering every request with `handler(request, index)`. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen: SeenRequest = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() };
    const index = requests.push(seen) - 1;
    const reply = await handler(seen, index);
    if (reply.delayMs) await delay(reply.delayMs);
    if (reply.destroy) return void req.socket.destroy();
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': `logid-${index}`, ...reply.headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export const TOKEN_PATH = getTenantAccessToken.path;
/** The update path up to its one path parameter, the interview id. */
export const PUT_PREFIX = updateExternalInterview.path.slice(0, updateExternalInterview.path.indexOf('{'));

/** The success envelope the API sends back: the body as stored, with the path id and fresh assessment ids. */
export function success(req: SeenRequest): Reply {
  const body = JSON.parse(req.body);
  const id = decodeURIComponent(req.url.slice(PUT_PREFIX.length));
  const interview_assessments = (body.interview_assessments ?? []).map((a: object, i: number) => ({ id: `70000000000000000${i}`, ...a }));
  return { body: { code: 0, msg: 'ok', data: { external_interview: { id, ...body, interview_assessments } } } };
}

/** A failure envelope with the given HTTP status and code. */
export function failure(status: number, code: number, msg: string, headers?: Record<string, string>): Reply {
  return { status, body: { code, msg }, headers };
}

/** A fake Feishu: the token endpoint issues `t-1`, `t-2`, ... (with `expire` seconds); every other request goes to `api`. */
export async function startFeishu(api: Handler, options: { expire?: number; token?: Handler } = {}) {
  const tokens: SeenRequest[] = [];
  const puts: SeenRequest[] = [];
  const server = await startServer((req, index) => {
    if (req.url === TOKEN_PATH) {
      tokens.push(req);
      if (options.token) return options.token(req, tokens.length - 1);
      return { body: { code: 0, msg: 'ok', tenant_access_token: `t-${tokens.length}`, expire: options.expire ?? 7200 } };
    }
    puts.push(req);
    return api(req, puts.length - 1);
  });
  return { ...server, tokens, puts };
}

/** A valid body used across tests. */
export const BODY: UpdateExternalInterviewBody = {
  external_application_id: '6960663240925956437',
  participate_status: 1,
  begin_time: 1618500278638,
  end_time: 1618500278639,
  interview_assessments: [
    {
      username: '张三',
      conclusion: 1,
      assessment_dimension_list: [{ score: 99, assessment_type: 1, title: '心理测试', description: '心理测试描述' }],
      content: '面试内容结果补充',
    },
  ],
};
