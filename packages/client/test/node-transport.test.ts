// The two transports: on Node, without a `fetch` option, the client sends with node:http (src/node-transport.ts);
// with `fetch` (or in the build for other runtimes), with fetch. Both give the same results and errors.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createProxy } from 'proxy';
import { ErrorCode, HireApiError, HireConnectionError, HireTimeoutError, createHireClient, type HireClientOptions } from '../src/index.js';
import { BODY, PUT_PREFIX, TOKEN_PATH, failure, startFeishu, success } from './helpers/server.js';
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

/** A forward proxy of the `proxy` package on 127.0.0.1; `seen` lists what it was asked (`CONNECT host:port`, or the absolute URL). */
async function startProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = createProxy(createServer());
  server.on('request', (req) => seen.push(`${req.method} ${req.url}`));
  server.on('connect', (req) => seen.push(`CONNECT ${req.url}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => (server.closeAllConnections(), new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen, close };
}
const proxies = closedAfterEach(startProxy);
const certificate = fileURLToPath(new URL('fixtures/localhost-cert.pem', import.meta.url));
const tls = { key: readFileSync(new URL('fixtures/localhost-key.pem', import.meta.url), 'utf8'), cert: readFileSync(certificate, 'utf8') };
const PROXY_VARIABLES = /^(https?|all|no)_proxy$/i;

/**
 * One update through the default transport (the node build in dist/, as installed) in a fresh Node process with the
 * proxy variables `env` (and the test certificate trusted): the variables are read as a process started with them reads them.
 */
async function updateInChild(baseUrl: string, env: Record<string, string>): Promise<string> {
  const script = `
    const { createHireClient } = await import(${JSON.stringify(fileURLToPath(new URL('../dist/node/index.js', import.meta.url)))});
    const client = createHireClient({ auth: { appId: 'a', appSecret: 'b' }, baseUrl: ${JSON.stringify(baseUrl)}, retry: false });
    console.log((await client.externalInterviews.update('1', ${JSON.stringify(BODY)})).id);
  `;
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !PROXY_VARIABLES.test(name)));
  const run = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...inherited, NODE_EXTRA_CA_CERTS: certificate, ...env }, timeout: 60_000 });
  return run.stdout.trim();
}

describe('the default Node transport behind a proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, as the official SDK reads them)', () => {
  it('sends an https request through HTTPS_PROXY, in a CONNECT tunnel: token and API requests', async () => {
    const [server, proxy] = [await feishu(success, { tls }), await proxies()];
    // By host name, as open.feishu.cn is: through a tunnel the certificate is checked against the name (https-proxy-agent
    // sends no SNI for an IP address, so a certificate for an IP is checked against "localhost").
    const url = server.url.replace('127.0.0.1', 'localhost');
    expect(await updateInChild(url, { HTTPS_PROXY: proxy.url })).toBe('1');
    expect(new Set(proxy.seen)).toEqual(new Set([`CONNECT ${new URL(url).host}`]));
    expect([server.tokens.length, server.puts.length]).toEqual([1, 1]);
  });

  it('sends an http request through http_proxy (lower case too), in absolute form', async () => {
    const [server, proxy] = [await feishu(success), await proxies()];
    expect(await updateInChild(server.url, { http_proxy: proxy.url })).toBe('1');
    expect(proxy.seen).toEqual([`POST ${server.url}${TOKEN_PATH}`, `PUT ${server.url}${PUT_PREFIX}1`]);
    expect(server.puts).toHaveLength(1);
  });

  it('goes direct to a host of NO_PROXY, and for a URL whose protocol has no proxy set', async () => {
    const [server, proxy] = [await feishu(success), await proxies()];
    expect(await updateInChild(server.url, { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' })).toBe('1');
    expect(await updateInChild(server.url, { HTTPS_PROXY: proxy.url })).toBe('1');
    expect(proxy.seen).toEqual([]);
    expect(server.puts).toHaveLength(2);
  });
});
