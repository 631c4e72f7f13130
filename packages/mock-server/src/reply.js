// What the mock answers: a Reply (an HTTP status, a JSON body, extra headers), and the log id every answer carries.
import { randomBytes } from 'node:crypto';

/** One answer of the mock: an HTTP status, a JSON body and extra headers. Handlers throw (or return) one. */
export class Reply {
  /** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
  constructor(status, body, headers = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** The failure envelope `{ code, msg }` of error-code entry `entry` (its HTTP status), with `msg` (default: the entry's). */
export function errorReply(entry, msg = entry.msg, headers = {}) {
  return new Reply(entry.http_status, { code: entry.code, msg }, headers);
}

/** Returns a log id like Feishu's: UTC yyyyMMddHHmmss + 20 random upper-case hex digits, unique per response. */
export function newLogId() {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  return stamp + randomBytes(10).toString('hex').toUpperCase();
}
