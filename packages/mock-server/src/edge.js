// The HTTP edge: what Node rejects before a request reaches the handler (headers too large, malformed framing, a
// request not received within requestTimeoutMs) is answered in the Feishu envelope with an x-tt-logid, as long as
// the socket is writable and no answer has started; a client that goes away is not an error.
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import { newLogId } from './reply.js';

/** The HTTP status answering an error of Node's parser or request timer (Node's own choice; 400 for the others). */
const STATUS_OF = Object.freeze({ HPE_HEADER_OVERFLOW: 431, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413, ERR_HTTP_REQUEST_TIMEOUT: 408 });

/** Errors that mean the client went away (a reset, or its end of the stream in the middle of a request). */
const GONE = Object.freeze(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'HPE_INVALID_EOF_STATE']);

/**
 * The node:http server options that make slow requests time out: the whole request within `ms` (0: never), its
 * headers within min(ms, 60 s), checked every tenth of `ms` (at most every second; Node's default is 30 s).
 */
export function serverTimeouts(ms) {
  if (ms === 0) return { requestTimeout: 0 };
  return { requestTimeout: ms, headersTimeout: Math.min(ms, 60_000), connectionsCheckingInterval: Math.min(1000, Math.max(5, Math.ceil(ms / 10))) };
}

/** A whole HTTP/1.1 response carrying a JSON envelope and an x-tt-logid, for a socket that no ServerResponse answers. */
export function rawResponse(status, body, logId) {
  const text = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(text)}`,
    `x-tt-logid: ${logId}`,
    'connection: close',
  ];
  return `${head.join('\r\n')}\r\n\r\n${text}`;
}

/** The msg of the envelope answering a client error of `status`. */
function msgOf(error, status, requestTimeoutMs) {
  const reason = `${error.reason ?? error.message} (${error.code})`;
  if (status === 431) return `request header fields too large: the headers exceed ${maxHeaderSize} bytes, ${reason}`;
  if (status === 408) return `request timeout: the request was not received in full within ${requestTimeoutMs} ms (requestTimeoutMs / --request-timeout)`;
  if (status === 413) return `payload too large: ${reason}`;
  return `bad request: ${reason}`;
}

/**
 * Creates the edge of one mock: `track(req, res, logId)` records the request being read or answered on a socket
 * (its record's `answered` turns true when the edge answered it instead), and `onClientError` is the server's
 * 'clientError' listener. Logs through `log` (`clientError ...`, never a stack trace).
 * @param {{ log: (line: string) => void, requestTimeoutMs: number }} config
 */
export function createEdge({ log, requestTimeoutMs }) {
  /** @type {WeakMap<object, { req: any, res: any, logId: string, path: string, answered: boolean }>} */
  const inFlight = new WeakMap();
  return {
    /** Records `req` as the socket's request in flight; returns its record. */
    track(req, res, logId, path) {
      const record = { req, res, logId, path, answered: false };
      inFlight.set(req.socket, record);
      res.once('finish', () => inFlight.get(req.socket) === record && inFlight.delete(req.socket));
      return record;
    },
    /** Answers a client error in the envelope when the socket still can take it, then closes the socket. */
    onClientError(error, socket) {
      const record = inFlight.get(socket);
      if (GONE.includes(error.code) || !socket.writable) {
        socket.destroy(); // the request in flight, if any, is logged as a disconnect by the handler
        return;
      }
      const status = STATUS_OF[error.code] ?? 400;
      const logId = record?.logId ?? newLogId();
      if (record) record.answered = true;
      const where = record ? `${record.req.method} ${record.path}` : 'request';
      log(`clientError ${where} -> ${status} code=${status} logid=${logId} (${error.code})`);
      if (record?.res.headersSent) return void socket.destroy(); // an answer has started: do not corrupt it
      socket.end(rawResponse(status, { code: status, msg: msgOf(error, status, requestTimeoutMs) }, logId), () => socket.destroy());
    },
  };
}
