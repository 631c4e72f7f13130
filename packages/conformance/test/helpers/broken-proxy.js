// A node:http proxy in front of the mock server that breaks the contract in one chosen way.
import { createServer } from 'node:http';

/**
 * Ways to break the contract:
 * - `field-type`: data.external_interview.external_application_id of 2xx answers becomes a number;
 * - `drop-logid`: the x-tt-logid header is removed from every answer;
 * - `accept-invalid`: an answer 400/1002002 (invalid body) becomes 200 with a success envelope;
 * - `ignore-unknown`: fields the conformance cases add to closed objects (`x_conformance_unknown`) are dropped from
 *   request bodies before forwarding, like a server that ignores unknown fields instead of rejecting them.
 */
export const BREAKS = ['field-type', 'drop-logid', 'accept-invalid', 'ignore-unknown'];

/** Returns a JSON text without `x_conformance_unknown` at any depth (other texts unchanged). */
function dropUnknown(buffer) {
  try {
    return Buffer.from(JSON.stringify(JSON.parse(buffer.toString('utf8')), (key, value) => (key === 'x_conformance_unknown' ? undefined : value)));
  } catch {
    return buffer;
  }
}

/** Starts the proxy on 127.0.0.1 (OS-picked port) forwarding to `target`; resolves to `{ url, close() }`. */
export async function startBrokenProxy(target, mode) {
  if (!BREAKS.includes(mode)) throw new TypeError(`mode must be one of ${BREAKS.join(', ')}, got ${mode}`);
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = { ...req.headers };
    delete headers.host;
    delete headers['content-length'];
    let sent = chunks.length ? Buffer.concat(chunks) : undefined;
    if (mode === 'ignore-unknown' && sent) sent = dropUnknown(sent);
    const upstream = await fetch(new URL(req.url, target), { method: req.method, headers, body: sent });
    let status = upstream.status;
    let text = await upstream.text();
    const out = Object.fromEntries([...upstream.headers].filter(([k]) => !['content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)));
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (mode === 'field-type' && status === 200 && body?.data?.external_interview) {
      body.data.external_interview.external_application_id = Number(body.data.external_interview.external_application_id);
      text = JSON.stringify(body);
    }
    if (mode === 'drop-logid') delete out['x-tt-logid'];
    if (mode === 'accept-invalid' && status === 400 && body?.code === 1002002) {
      status = 200;
      text = JSON.stringify({ code: 0, msg: 'ok', data: { external_interview: { id: '6960663240925956660', external_application_id: '6960663240925956437' } } });
    }
    res.writeHead(status, out).end(text);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
