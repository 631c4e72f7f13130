// A node:http proxy in front of a server that can change requests and answers: the way most broken servers of the
// mutant suite are built (a behaviour, not an edit of the mock's source).
import { createServer } from 'node:http';

const HOP_BY_HOP = ['content-length', 'connection', 'keep-alive', 'transfer-encoding'];

/** Parses a text as JSON (undefined when it is not). */
export function json(text) {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends `req` (`{ method, url, headers, body }`, body a string) to `target`; resolves to `{ status, headers, body }`. */
export async function forward(target, req) {
  const headers = { ...req.headers };
  delete headers.host;
  delete headers['content-length'];
  const upstream = await fetch(new URL(req.url, target), { method: req.method, headers, body: req.body });
  const out = Object.fromEntries([...upstream.headers].filter(([k]) => !HOP_BY_HOP.includes(k)));
  return { status: upstream.status, headers: out, body: await upstream.text() };
}

/** Reads an incoming request into `{ method, url, headers, body }` (body: the UTF-8 text, undefined when empty). */
async function readRequest(incoming) {
  const chunks = [];
  for await (const chunk of incoming) chunks.push(chunk);
  const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
  return { method: incoming.method, url: incoming.url, headers: { ...incoming.headers }, body };
}

/**
 * Starts a proxy on 127.0.0.1 (OS-picked port) in front of `target`. `request(req)` may change the request or answer
 * it itself (resolve to `{ status, headers, body }`); `response(res, req)` may change or replace the answer (it can
 * `forward(target, req)` again). Resolves to `{ url, close() }`.
 */
export async function startProxy(target, { request = async () => {}, response = async () => {} } = {}) {
  const server = createServer(async (incoming, out) => {
    try {
      const req = await readRequest(incoming);
      const own = await request(req);
      const res = own ?? (await forward(target, req));
      const replaced = (await response(res, req)) ?? res;
      out.writeHead(replaced.status, replaced.headers).end(replaced.body);
    } catch (error) {
      out.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy error: ${error.message}`);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
