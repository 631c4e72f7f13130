// The HTTP request handler: a tiny router over the token endpoint and the one Hire operation.
import { randomBytes } from 'node:crypto';

/** Path of Feishu's self-built-app token endpoint. */
export const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const INTERVIEW_PATH = /^\/open-apis\/hire\/v1\/external_interviews\/([^/]*)$/;

/** Error codes and messages the mock answers with (see the README). */
export const Codes = Object.freeze({
  InvalidParameter: 1002002,
  SystemError: 1002001,
  RateLimited: 99991400,
  MissingAccessToken: 99991661,
  InvalidAccessToken: 99991663,
  TokenInvalidParam: 10003,
  AppSecretInvalid: 10014,
});
const MISSING_TOKEN_MSG = 'Missing access token for authorization. Please make a request with token attached.';
const INVALID_TOKEN_MSG = 'Invalid access token for authorization. Please make a request with token attached.';
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** How long an expired token is still recognised (answered "token expired") before it is forgotten. */
export const EXPIRED_TOKEN_GRACE_MS = 60 * 60 * 1000;

/** Returns a log id like Feishu's: UTC yyyyMMddHHmmss + 20 random upper-case hex digits, unique per response. */
export function newLogId() {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  return stamp + randomBytes(10).toString('hex').toUpperCase();
}

/** Reads the whole request body; keeps at most `max` bytes and flags a larger body instead of buffering it. */
function readBody(req, max) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => resolve({ buffer: Buffer.concat(chunks), size, tooLarge: size > max }));
    req.on('error', reject);
  });
}

/** An error answered as the Feishu envelope `{code, msg}` with an HTTP status (and optional headers). */
class Reply {
  /** @param {number} status @param {number} code @param {string} msg @param {Record<string, string>} [headers] */
  constructor(status, code, msg, headers = {}) {
    this.status = status;
    this.code = code;
    this.msg = msg;
    this.headers = headers;
  }
}

/**
 * Creates the `(req, res)` handler of the mock from resolved options, compiled validators and the store.
 * @param {{ config: any, validators: any, store: any }} context
 */
export function createHandler({ config, validators, store }) {
  const { now, log, apps, tokenTtlSeconds, rateLimitPerSecond: limit, maxBodyBytes } = config;
  /** token -> expiry (ms since epoch); configured static tokens never expire */
  const tokens = new Map(config.tokens.map((t) => [t, Infinity]));
  /** token -> { start, count } of its current 1-second window */
  const windows = new Map();
  let lastSweep = now();

  /**
   * Forgets tokens expired for over EXPIRED_TOKEN_GRACE_MS (they then answer "unknown token") and windows older
   * than a second, at most once a second, so that a long-running mock does not grow without bound.
   */
  function sweep() {
    const t = now();
    if (t - lastSweep < 1000) return;
    lastSweep = t;
    for (const [token, expiry] of tokens) if (t >= expiry + EXPIRED_TOKEN_GRACE_MS) tokens.delete(token);
    for (const [token, window] of windows) if (t - window.start >= 1000) windows.delete(token);
  }

  /**
   * Checks the size, Content-Type and JSON syntax of a body; returns the parsed value or throws a Reply
   * with `code` and a msg starting with `prefix`.
   */
  function parseJson({ buffer, size, tooLarge }, headers, code, prefix) {
    // The spec documents no 413: an oversized body is an invalid parameter, answered 400 like any other.
    if (tooLarge) {
      throw new Reply(400, code, `${prefix}: request body exceeds ${maxBodyBytes} bytes (got ${size}; the limit is --max-body / maxBodyBytes)`);
    }
    const type = headers['content-type'];
    const [mediaType, ...params] = (type ?? '').split(';').map((p) => p.trim().toLowerCase());
    const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replaceAll('"', '');
    if (mediaType !== 'application/json' || (charset !== undefined && charset !== 'utf-8')) {
      const got = type === undefined ? 'none' : JSON.stringify(type);
      throw new Reply(400, code, `${prefix}: header.Content-Type must be ${validators.mediaType} (got ${got})`);
    }
    if (buffer.length === 0) throw new Reply(400, code, `${prefix}: body is required (the request body is empty)`);
    let text;
    try {
      text = utf8.decode(buffer);
    } catch {
      throw new Reply(400, code, `${prefix}: body is not valid UTF-8`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Reply(400, code, `${prefix}: body is not valid JSON (${/** @type {Error} */ (error).message})`);
    }
  }

  /** POST /open-apis/auth/v3/tenant_access_token/internal: issues a token for configured app credentials. */
  function issueToken(req, body) {
    const json = parseJson(body, req.headers, Codes.TokenInvalidParam, 'invalid param');
    for (const field of ['app_id', 'app_secret']) {
      if (typeof json?.[field] !== 'string' || json[field] === '') {
        throw new Reply(400, Codes.TokenInvalidParam, `invalid param: body.${field} must be a non-empty string`);
      }
    }
    if (!apps.some((a) => a.appId === json.app_id && a.appSecret === json.app_secret)) {
      throw new Reply(400, Codes.AppSecretInvalid, 'app secret invalid');
    }
    const token = `t-${randomBytes(20).toString('hex')}`;
    tokens.set(token, now() + tokenTtlSeconds * 1000);
    return { code: 0, msg: 'ok', tenant_access_token: token, expire: tokenTtlSeconds };
  }

  /** Checks `Authorization: Bearer <token>`; returns the token or throws a Reply. */
  function authenticate(headers) {
    const header = headers.authorization;
    if (header === undefined || header.trim() === '') throw new Reply(400, Codes.MissingAccessToken, MISSING_TOKEN_MSG);
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!token) {
      throw new Reply(400, Codes.MissingAccessToken, `${MISSING_TOKEN_MSG} (header.Authorization must be "Bearer <tenant_access_token>")`);
    }
    const expiry = tokens.get(token);
    if (expiry === undefined) throw new Reply(400, Codes.InvalidAccessToken, `${INVALID_TOKEN_MSG} (unknown token)`);
    if (now() >= expiry) throw new Reply(400, Codes.InvalidAccessToken, `${INVALID_TOKEN_MSG} (token expired)`);
    return token;
  }

  /** Counts a request of `token` in its fixed 1-second window; throws a 429 Reply over the limit. */
  function rateLimit(token) {
    if (!limit) return;
    const t = now();
    let window = windows.get(token);
    if (!window || t - window.start >= 1000) windows.set(token, (window = { start: t, count: 0 }));
    window.count += 1;
    if (window.count > limit) {
      const reset = Math.max(1, Math.ceil((window.start + 1000 - t) / 1000));
      throw new Reply(429, Codes.RateLimited, 'request trigger frequency limit', {
        'x-ogw-ratelimit-limit': String(limit),
        'x-ogw-ratelimit-reset': String(reset),
      });
    }
  }

  /** PUT /open-apis/hire/v1/external_interviews/{external_interview_id}: the full overwrite. */
  function updateInterview(req, body, rawId) {
    rateLimit(authenticate(req.headers));
    const json = parseJson(body, req.headers, Codes.InvalidParameter, '参数错误');
    let id;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      throw new Reply(400, Codes.InvalidParameter, '参数错误: path.external_interview_id is not a valid percent-encoded string');
    }
    const problem = validators.path({ external_interview_id: id }) ?? validators.body(json);
    if (problem) throw new Reply(400, Codes.InvalidParameter, `参数错误: ${problem}`);
    const external_interview = store.update(id, json);
    if (!external_interview) {
      throw new Reply(400, Codes.InvalidParameter, `参数错误: external_interview_id not found (path.external_interview_id = ${JSON.stringify(id)})`);
    }
    return { code: 0, msg: 'success', data: { external_interview } };
  }

  const routes = [
    { pattern: new RegExp(`^${TOKEN_PATH}$`), method: 'POST', run: issueToken },
    { pattern: INTERVIEW_PATH, method: 'PUT', run: updateInterview },
  ];

  /** Routes one request and always answers with the Feishu envelope and an x-tt-logid header. */
  return async function handle(req, res) {
    const logId = newLogId();
    const path = (req.url ?? '/').split('?')[0];
    let status = 200;
    let payload;
    let headers = {};
    try {
      sweep();
      const body = await readBody(req, maxBodyBytes);
      const route = routes.find((r) => r.pattern.test(path));
      if (!route) throw new Reply(404, 404, `404 page not found: ${req.method} ${path}`);
      if (req.method !== route.method) {
        throw new Reply(405, 405, `method ${req.method} is not allowed on ${path} (use ${route.method})`, { allow: route.method });
      }
      payload = route.run(req, body, ...(route.pattern.exec(path) ?? []).slice(1));
    } catch (error) {
      if (!(error instanceof Reply)) log(`error ${logId}: ${/** @type {Error} */ (error)?.stack ?? error}`);
      const reply = error instanceof Reply ? error : new Reply(500, Codes.SystemError, '系统异常');
      ({ status, headers } = reply);
      payload = { code: reply.code, msg: reply.msg };
    }
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': logId, ...headers });
    res.end(JSON.stringify(payload));
    log(`${req.method} ${path} -> ${status} code=${payload.code} logid=${logId}`);
  };
}
