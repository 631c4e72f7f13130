// The HTTP request handler: route, authenticate, rate-limit, validate, run the operation's handler, answer.
import { capMessage, joinIssues, VALIDATION_LIMITS } from '@feishu-hire/spec/validation';
import { rateLimitKey } from './rate-limit.js';
import { errorReply, newLogId, Reply } from './reply.js';
import { delay, faultReply } from './faults.js';
import { Disconnected, headerValues, parseBody, pathValues, queryValues, readBody, singleHeader } from './request.js';

/**
 * Checks `Authorization: Bearer <token>` for an operation with bearer security; returns the token (undefined: no
 * security). Two Authorization headers are an invalid parameter: the mock does not guess which credential counts.
 */
function authenticate({ operation, codeOf, reject }, req, tokens) {
  if (!operation.security.length) return undefined;
  const missing = codeOf('missing_token');
  const invalid = codeOf('invalid_token');
  const header = singleHeader(req, 'Authorization', (detail) => reject('invalid_parameter', detail));
  if (header === undefined || header.trim() === '') throw errorReply(missing);
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!token) throw errorReply(missing, `${missing.msg} (header.Authorization must be "Bearer <tenant_access_token>")`);
  const state = tokens.state(token);
  if (state === 'unknown') throw errorReply(invalid, `${invalid.msg} (unknown token)`);
  if (state === 'expired') throw errorReply(invalid, `${invalid.msg} (token expired)`);
  return token;
}

/** Counts the request in its app's window; throws the operation's 429 with the x-ogw-ratelimit-* headers over the limit. */
function countRequest({ operation, limit, codeOf }, token, tokens, limiter) {
  const reset = limiter.count(rateLimitKey(operation, token, token === undefined ? undefined : tokens.appOf(token)), limit);
  if (reset === null) return;
  throw errorReply(codeOf('rate_limited'), undefined, { 'x-ogw-ratelimit-limit': String(limit.requests), 'x-ogw-ratelimit-reset': String(reset) });
}

/**
 * The body without the fields its schema does not declare, and its issues: the undeclared fields when `strict`
 * (strictFields), else none (they are dropped), then the schema's own rules checked on what is left.
 */
function bodyChecked({ checks, fields }, json, strict) {
  if (json === undefined || !checks.body) return { body: json, issues: [] };
  const { value, unknown } = fields(json);
  return { body: value, issues: [...(strict ? unknown : []), ...checks.body(value)] };
}

/** The validated parameters and body of a request (strings read per the spec); throws the invalid-parameter Reply. */
function validated(served, req, groups, search, body, { maxBodyBytes, strictFields }) {
  const { operation, checks, reject } = served;
  const invalid = (detail) => reject('invalid_parameter', detail);
  const contentType = singleHeader(req, 'Content-Type', invalid);
  const json = parseBody(operation.requestBody, body, contentType, { maxBodyBytes, maxDepth: VALIDATION_LIMITS.maxDepth, invalid });
  const path = pathValues(operation.parameters.path, groups, invalid);
  const query = queryValues(new URLSearchParams(search));
  const header = headerValues(operation.parameters.header, req.headersDistinct);
  const checked = bodyChecked(served, json, strictFields);
  const issues = [...checks.path(path), ...checks.query(query), ...checks.header(header), ...checked.issues];
  if (issues.length) throw invalid(joinIssues(issues));
  return { path, query, header, body: checked.body };
}

/** The body of a reply, its error `msg` capped (capMessage): an error answer never echoes a large input whole. */
function bodyOf(reply) {
  const body = /** @type {any} */ (reply.body);
  if (reply.status < 400 || typeof body?.msg !== 'string') return body;
  return { ...body, msg: capMessage(body.msg) };
}

/**
 * Writes the reply with its x-tt-logid; a `stall` fault sends the headers and half of the body, then never finishes
 * (the client's own timeout or the mock's close() ends it).
 */
function answer(res, reply, logId, fault) {
  const text = Buffer.from(JSON.stringify(bodyOf(reply)));
  const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(text.length), 'x-tt-logid': logId, ...reply.headers };
  res.writeHead(reply.status, headers);
  if (fault?.kind === 'stall') res.write(text.subarray(0, Math.floor(text.length / 2)));
  else res.end(text);
}

/**
 * Creates the `(req, res)` handler of the mock from resolved options, the routes and the state (store, tokens,
 * limiter, faults), the HTTP edge (edge.js) and the signal that aborts when the mock closes.
 * @param {{ config: any, routes: any, store: any, tokens: any, limiter: any, faults: any, edge: any, closing: AbortSignal }} context
 */
export function createHandler({ config, routes, store, tokens, limiter, faults, edge, closing }) {
  const { now, log, maxBodyBytes } = config;
  // Answers internal errors that happen before an operation is known (reading the body, routing).
  const platformSystemError = config.spec.errorCodes.find((e) => e.role === 'system_error');
  if (!platformSystemError) throw new Error('mock-server: the spec lists no error code with role system_error (x-feishu-error-codes)');
  const platformRateLimited = config.spec.errorCodes.find((e) => e.role === 'rate_limited');
  let lastSweep = now();

  /** Forgets long-expired tokens and ended rate-limit windows, at most once a second, so memory stays bounded. */
  function sweep() {
    const t = now();
    if (t - lastSweep < 1000) return;
    lastSweep = t;
    tokens.sweep(t);
    limiter.sweep(t);
  }

  /** Runs the operation serving the request, after its fault if any; resolves to its Reply. */
  async function run(served, groups, req, search, body, fault) {
    if (fault?.kind === 'system-error' || fault?.kind === 'rate-limit') return faultReply(fault, served, platformRateLimited);
    if (fault?.kind === 'latency') {
      await delay(fault.ms, closing, req.socket);
      if (req.socket.destroyed) throw new Disconnected(`during the latency fault (${fault.ms} ms)`);
    }
    const token = authenticate(served, req, tokens);
    if (served.limit) countRequest(served, token, tokens, limiter);
    const request = validated(served, req, groups, search, body, config);
    const reply = (status, json, headers) => new Reply(status, json, headers);
    const result = await served.handler({ operation: served.operation, ...request, token, store, tokens, now, config, reject: served.reject, reply });
    return result instanceof Reply ? result : new Reply(200, { code: 0, msg: 'success', data: result });
  }

  /** Answers one request, always with a JSON envelope and an x-tt-logid header (unless a fault or the client says otherwise). */
  return async function handle(req, res) {
    const logId = newLogId();
    const [path, search = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const record = edge.track(req, res, logId, path);
    let served;
    let fault;
    const note = () => (fault ? ` fault=${fault.kind}` : '');
    const disconnected = (when) => log(`disconnect ${req.method} ${path} ${when} logid=${logId}${note()}`);
    let reply;
    try {
      sweep();
      const body = await readBody(req, maxBodyBytes);
      const match = routes.match(req.method, path);
      served = match.served;
      fault = faults.take(served.operation);
      if (fault?.kind === 'reset') {
        log(`${req.method} ${path} -> connection reset logid=${logId}${note()}`);
        req.socket.resetAndDestroy();
        return;
      }
      reply = await run(served, match.groups, req, search, body, fault);
    } catch (error) {
      // A client that went away (or a request the edge already answered, e.g. 408) is not an internal error.
      if (error instanceof Disconnected) return void (record.answered || disconnected(error.when));
      if (!(error instanceof Reply)) log(`error ${logId}: ${/** @type {Error} */ (error)?.stack ?? error}`);
      reply = error instanceof Reply ? error : errorReply(served?.codeOf('system_error') ?? platformSystemError);
    }
    if (res.destroyed) return void disconnected('before the answer');
    answer(res, reply, logId, fault);
    log(`${req.method} ${path} -> ${reply.status} code=${/** @type {any} */ (reply.body)?.code} logid=${logId}${note()}`);
  };
}
