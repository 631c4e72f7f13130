// What goes on the wire and who sees it: hooks on every attempt, the User-Agent, default headers, and proxying
// through undici's ProxyAgent given as the `fetch` option, against a local proxy.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { EnvHttpProxyAgent, ProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { ErrorCode, HireApiError, createHireClient, type HireRequestInfo, type HireResponseInfo, type HireRetryInfo } from '../src/index.js';
import { BODY, TOKEN_PATH, failure, startFeishu, success } from './helpers/server.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
// A self-signed certificate for 127.0.0.1, for the HTTPS target of the proxy test only.
const tls = { key: readFileSync(new URL('fixtures/localhost-key.pem', import.meta.url), 'utf8'), cert: readFileSync(new URL('fixtures/localhost-cert.pem', import.meta.url), 'utf8') };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
async function feishu(...args: Parameters<typeof startFeishu>) {
  const server = await startFeishu(...args);
  closers.push(() => server.close());
  return server;
}

describe('hooks', () => {
  it('see every attempt of every operation, token requests included, and never the token', async () => {
    const server = await feishu((req, i) => (i === 0 ? failure(500, ErrorCode.SystemError, '系统异常') : success(req)));
    const seen: { requests: HireRequestInfo[]; responses: HireResponseInfo[]; retries: HireRetryInfo[] } = { requests: [], responses: [], retries: [] };
    const client = createHireClient({
      auth: { appId: 'cli_h', appSecret: 'secret-h' },
      baseUrl: server.url,
      retry: { baseDelayMs: 10 },
      hooks: {
        onRequest: (request) => {
          seen.requests.push(request);
          request.headers['x-trace-id'] = `trace-${request.attempt}`;
        },
        onResponse: async (response) => void seen.responses.push(response),
        onRetry: (retry) => void seen.retries.push(retry),
      },
    });
    await expect(client.externalInterviews.update('h/1', BODY)).resolves.toMatchObject({ id: 'h/1' });

    const url = `${server.url}/open-apis/hire/v1/external_interviews/h%2F1`;
    expect(seen.requests.map(({ operationId, method, url, attempt }) => ({ operationId, method, url, attempt }))).toEqual([
      { operationId: 'getTenantAccessToken', method: 'POST', url: server.url + TOKEN_PATH, attempt: 1 },
      { operationId: 'updateExternalInterview', method: 'PUT', url, attempt: 1 },
      { operationId: 'updateExternalInterview', method: 'PUT', url, attempt: 2 },
    ]);
    for (const request of seen.requests) expect(Object.keys(request.headers)).not.toContain('authorization');
    expect(seen.responses.map(({ operationId, status, attempt, error }) => ({ operationId, status, attempt, code: error?.code }))).toEqual([
      { operationId: 'getTenantAccessToken', status: 200, attempt: 1, code: undefined },
      { operationId: 'updateExternalInterview', status: 500, attempt: 1, code: ErrorCode.SystemError },
      { operationId: 'updateExternalInterview', status: 200, attempt: 2, code: undefined },
    ]);
    expect(seen.responses[1]!.headers.get('x-tt-logid')).toBe('logid-1');
    expect(seen.responses.every((r) => r.durationMs >= 0)).toBe(true);
    expect(seen.retries).toHaveLength(1);
    expect(seen.retries[0]).toMatchObject({ operationId: 'updateExternalInterview', method: 'PUT', url, attempt: 1, error: { code: ErrorCode.SystemError } });
    expect(seen.retries[0]!.error).toBeInstanceOf(HireApiError);
    expect(seen.retries[0]!.delayMs).toBeGreaterThan(0);
    // The header a hook added was sent, the token too, and neither the token nor the secret reached a hook.
    expect(server.puts.map((r) => r.headers['x-trace-id'])).toEqual(['trace-1', 'trace-2']);
    expect(server.puts.map((r) => r.headers.authorization)).toEqual(['Bearer t-1', 'Bearer t-1']);
    expect(JSON.stringify(seen)).not.toMatch(/t-1"|secret-h/);
  });

  it('fail the call with the error a hook throws, without retrying it', async () => {
    const server = await feishu(success);
    const broken = new Error('the log sink is down');
    const client = createHireClient({ auth: 't', baseUrl: server.url, hooks: { onResponse: () => { throw broken; } } });
    await expect(client.externalInterviews.update('1', BODY)).rejects.toBe(broken);
    expect(server.puts).toHaveLength(1);
  });
});

describe('headers', () => {
  it('names the package and its version in the User-Agent, on API and token requests', async () => {
    const server = await feishu(success);
    await createHireClient({ auth: { appId: 'a', appSecret: 'b' }, baseUrl: server.url }).externalInterviews.update('1', BODY);
    expect(server.tokens[0]!.headers['user-agent']).toBe(`feishu-hire-client/${version}`);
    expect(server.puts[0]!.headers['user-agent']).toBe(`feishu-hire-client/${version}`);
  });

  it('sends the headers option with every request; a user-agent there replaces the client\'s', async () => {
    const server = await feishu(success);
    const client = createHireClient({ auth: { appId: 'a', appSecret: 'b' }, baseUrl: server.url, headers: { 'X-Gateway-Key': 'k-1', 'User-Agent': 'my-importer/2.0' } });
    await client.externalInterviews.update('1', BODY);
    for (const req of [server.tokens[0]!, server.puts[0]!]) expect(req.headers).toMatchObject({ 'x-gateway-key': 'k-1', 'user-agent': 'my-importer/2.0' });
    expect(() => createHireClient({ auth: 't', headers: { Authorization: 'Bearer x' } })).toThrow('createHireClient: headers.Authorization must be a string (and the token goes in auth)');
  });
});

/** A forward proxy on 127.0.0.1: CONNECT tunnels and absolute-form requests; `seen` lists what it was asked. */
async function startProxy(): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = httpRequest(req.url!, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = req.url!.split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen };
}

/** The `fetch` option that sends through `dispatcher` (undici's fetch, so that its dispatcher is understood). */
const fetchVia = (dispatcher: Dispatcher): typeof fetch => ((input: string, init: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;

describe('a proxy, through the fetch option', () => {
  it("goes through undici's ProxyAgent: token and API requests", async () => {
    const server = await feishu(success);
    const proxy = await startProxy();
    const agent = new ProxyAgent(proxy.url);
    closers.push(() => agent.close());
    const client = createHireClient({ auth: { appId: 'a', appSecret: 'b' }, baseUrl: server.url, fetch: fetchVia(agent) });
    await expect(client.externalInterviews.update('p', BODY)).resolves.toMatchObject({ id: 'p' });
    expect(server.tokens).toHaveLength(1);
    expect(server.puts).toHaveLength(1);
    expect(proxy.seen.length).toBeGreaterThanOrEqual(1); // one tunnel (CONNECT) or one line per request
    expect(proxy.seen.every((line) => line.includes(new URL(server.url).host))).toBe(true);
  });

  it('goes through HTTPS_PROXY to an https base URL, read by undici\'s EnvHttpProxyAgent', async () => {
    const server = await feishu(success, { tls });
    const proxy = await startProxy();
    const saved = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = proxy.url;
    try {
      const agent = new EnvHttpProxyAgent({ requestTls: { ca: tls.cert } });
      closers.push(() => agent.close());
      const client = createHireClient({ auth: { appId: 'a', appSecret: 'b' }, baseUrl: server.url, fetch: fetchVia(agent) });
      await expect(client.externalInterviews.update('s', BODY)).resolves.toMatchObject({ id: 's' });
    } finally {
      if (saved === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = saved;
    }
    // Only tunnels to the target (the token and the update go inside them, encrypted end to end).
    expect(proxy.seen.length).toBeGreaterThanOrEqual(1);
    expect(new Set(proxy.seen)).toEqual(new Set([`CONNECT ${new URL(server.url).host}`]));
    expect(server.tokens).toHaveLength(1);
    expect(server.puts).toHaveLength(1);
  });
});
