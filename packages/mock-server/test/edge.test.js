// The HTTP edge, with raw sockets on 127.0.0.1: what Node rejects before the handler (a header too large, a
// malformed request line, malformed chunked framing, a request too slow) is answered in the Feishu envelope with an
// x-tt-logid; a client that goes away mid-body is logged as a disconnect, never as an internal error.
import { connect } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { startMockServer } from '../src/index.js';
import { API_PATH, call, exampleBody, mocksClosedAfterEach } from './helpers.js';

/** vi.waitFor patience on a busy machine (it returns as soon as the condition holds). */
const WAIT = { timeout: 10_000 };
/** Starts a mock that is closed after the test; `lines` gets its log. */
const start = mocksClosedAfterEach({ tokens: ['t-a'] });

/** Opens a raw TCP connection to the mock; `received()` resolves to everything it got once the server closes. */
async function rawSocket(mock) {
  const socket = connect({ host: '127.0.0.1', port: mock.port });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const chunks = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.on('error', () => {}); // a reset after the answer is not the test's concern
  return { socket, received: () => closed.then(() => Buffer.concat(chunks).toString('utf8')) };
}

/** Splits a raw HTTP/1.1 response into status, lower-case headers and parsed JSON body. */
function parseResponse(text) {
  const [head, body] = text.split(/\r\n\r\n(.*)/s);
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => l.split(/:\s*(.*)/s)).map(([k, v]) => [k.toLowerCase(), v]));
  return { status: Number(statusLine.split(' ')[1]), statusLine, headers, json: JSON.parse(body) };
}

/** Asserts the envelope answer the edge gives: status, code = status, a msg, an x-tt-logid, JSON, connection close. */
function expectEnvelope(response, status, msg) {
  expect(response.status).toBe(status);
  expect(response.headers['x-tt-logid']).toMatch(/^\d{14}[0-9A-F]{20}$/);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers.connection).toBe('close');
  expect(response.json).toEqual({ code: status, msg: expect.stringMatching(msg) });
}

const noStacks = (lines) => expect(lines.filter((l) => l.startsWith('error') || l.includes('    at '))).toEqual([]);

describe('errors Node raises before the handler', () => {
  it('a header too large -> 431 in the envelope with an x-tt-logid, logged as a clientError', async () => {
    const mock = await start();
    const { socket, received } = await rawSocket(mock);
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const response = parseResponse(await received());
    expect(response.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expectEnvelope(response, 431, /^request header fields too large: the headers exceed \d+ bytes, .*\(HPE_HEADER_OVERFLOW\)$/);
    expect(mock.lines).toEqual([`clientError request -> 431 code=431 logid=${response.headers['x-tt-logid']} (HPE_HEADER_OVERFLOW)`]);
  });

  it('a malformed request line -> 400 in the envelope', async () => {
    const mock = await start();
    const { socket, received } = await rawSocket(mock);
    socket.write('THIS IS NOT HTTP\r\n\r\n');
    const response = parseResponse(await received());
    expectEnvelope(response, 400, /^bad request: .+ \(HPE_[A-Z_]+\)$/);
    expect(mock.lines).toEqual([expect.stringMatching(/^clientError request -> 400 code=400 logid=\S+ \(HPE_[A-Z_]+\)$/)]);
  });

  it('malformed chunked framing in a body being read -> 400 in the envelope, logged once, no stack', async () => {
    const mock = await start();
    const { socket, received } = await rawSocket(mock);
    socket.write(`PUT ${API_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t-a\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    socket.write('zz\r\n{}\r\n0\r\n\r\n');
    const response = parseResponse(await received());
    expectEnvelope(response, 400, /^bad request: .+ \(HPE_INVALID_CHUNK_SIZE\)$/);
    expect(mock.lines).toEqual([`clientError PUT ${API_PATH} -> 400 code=400 logid=${response.headers['x-tt-logid']} (HPE_INVALID_CHUNK_SIZE)`]);
  });
});

describe('slow requests time out after requestTimeoutMs', () => {
  it('a body that stops coming -> 408 in the envelope naming the limit; no disconnect, no stack', async () => {
    const mock = await start({ requestTimeoutMs: 1000 });
    const { socket, received } = await rawSocket(mock);
    socket.write(`PUT ${API_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t-a\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"external`);
    const response = parseResponse(await received());
    expectEnvelope(response, 408, /^request timeout: the request was not received in full within 1000 ms \(requestTimeoutMs \/ --request-timeout\)$/);
    expect(mock.lines).toEqual([`clientError PUT ${API_PATH} -> 408 code=408 logid=${response.headers['x-tt-logid']} (ERR_HTTP_REQUEST_TIMEOUT)`]);
  });

  it('headers that stop coming -> 408 too (headers must arrive within min(requestTimeoutMs, 60 s))', async () => {
    const mock = await start({ requestTimeoutMs: 1000 });
    const { socket, received } = await rawSocket(mock);
    socket.write(`PUT ${API_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    expectEnvelope(parseResponse(await received()), 408, /^request timeout/);
  });

  it('a request that arrives in time is answered as usual', async () => {
    const mock = await start({ requestTimeoutMs: 5000 });
    expect((await call(mock, API_PATH, { token: 't-a', body: exampleBody() })).res.status).toBe(200);
  });

  it('requestTimeoutMs is validated like every option', async () => {
    await expect(startMockServer({ requestTimeoutMs: -1 })).rejects.toThrow('Invalid mock server options: options.requestTimeoutMs must be >= 0');
    await expect(startMockServer({ requestTimeoutMs: 1.5 })).rejects.toThrow('options.requestTimeoutMs must be of type integer');
  });
});

describe('a client that goes away mid-body', () => {
  it.each([
    ['closes its side (FIN)', (socket) => socket.end()],
    ['resets the connection', (socket) => socket.resetAndDestroy()],
  ])('%s: logged as "disconnect ... after N of M bytes", not as an error with a stack', async (_name, leave) => {
    const mock = await start();
    const requested = new Promise((resolve) => mock.server.once('request', resolve)); // the mock is reading this body
    const { socket } = await rawSocket(mock);
    socket.write(`PUT ${API_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t-a\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"external`);
    await requested;
    leave(socket);
    await vi.waitFor(() => expect(mock.lines).toEqual([expect.stringMatching(new RegExp(`^disconnect PUT ${API_PATH} after \\d+ of 1000 bytes of the body logid=\\S+$`))]), WAIT);
    noStacks(mock.lines);
  });
});
