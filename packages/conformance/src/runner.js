// Runs the generated conformance cases against a server and returns one result per case.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { expandPath, operationsOf } from '@feishu-hire/spec/model';
import { pathPlaceholder, TOKEN } from './generate.js';
import { parameterValue } from './parameters.js';
import { semanticsWith } from './semantics.js';
import { createResponseValidator } from './validate.js';

const require = createRequire(import.meta.url);

/** Loads the generated cases (generated/cases.json), with a clear error when `pnpm generate` has not run. */
export function loadCases() {
  try {
    return require('../generated/cases.json').cases;
  } catch (error) {
    throw new Error(`cannot read generated/cases.json (run \`pnpm generate\` in packages/conformance): ${error.message}`);
  }
}

/** The bundled spec the cases were generated from. */
export function loadSpec() {
  return require('@feishu-hire/spec/openapi.json');
}

/** The interview id used when none is given: the spec's example of the path parameter that write cases overwrite. */
export function dummyInterviewId(doc = loadSpec(), semantics = semanticsWith()) {
  for (const operation of operationsOf(doc)) {
    const target = Object.hasOwn(semantics, operation.operationId) ? semantics[operation.operationId].target : undefined;
    const param = operation.parameters.path.find((p) => p.name === target);
    if (param) return parameterValue(doc, param);
  }
  return '0';
}

/** A fresh interview id that cannot exist on any server: reject-only runs send every case to it. */
export function nonexistentInterviewId() {
  return `conformance-nonexistent-${randomBytes(8).toString('hex')}`;
}

/** Joins `base` (which may carry a path prefix, e.g. `http://host/proxy/`) and an absolute API path. */
export function apiUrl(base, path) {
  const url = new URL(base);
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  return url;
}

// Error codes of a request that never reached the server (as opposed to a server that answered badly or slowly).
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Turns a fetch error that means "the server cannot be reached" into `cannot reach <url>: <reason>`; rethrows others. */
function rethrowUnreachable(error, baseUrl) {
  const cause = error?.cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (UNREACHABLE.has(code)) throw new Error(`cannot reach ${baseUrl}: ${cause.message || cause.errors?.[0]?.message || code}`, { cause: error });
  throw error;
}

/** Throws a TypeError naming the option and the rule when runConformance options are invalid. */
export function checkOptions(o) {
  const fail = (name, rule) => {
    throw new TypeError(`invalid option ${name}: ${rule}`);
  };
  if (typeof o.baseUrl !== 'string' || !/^https?:\/\/[^/]/.test(o.baseUrl)) fail('baseUrl', `must be an http(s) URL, got ${JSON.stringify(o.baseUrl)}`);
  const hasToken = typeof o.token === 'string' && o.token.length > 0;
  const hasApp = typeof o.appId === 'string' && o.appId.length > 0 && typeof o.appSecret === 'string' && o.appSecret.length > 0;
  if (!hasToken && !hasApp) fail('token', 'give a tenant access token, or appId and appSecret to fetch one');
  if (o.rate !== undefined && !(typeof o.rate === 'number' && o.rate >= 0 && Number.isFinite(o.rate))) fail('rate', `must be a number >= 0 (requests per second, 0 = unpaced), got ${JSON.stringify(o.rate)}`);
  if (o.timeoutMs !== undefined && !(Number.isInteger(o.timeoutMs) && o.timeoutMs > 0)) fail('timeoutMs', `must be a positive integer (milliseconds), got ${JSON.stringify(o.timeoutMs)}`);
  if (o.interviewId !== undefined && !(typeof o.interviewId === 'string' && o.interviewId.length > 0)) fail('interviewId', 'must be a non-empty string');
  if (o.allowWrites && o.interviewId === undefined) fail('allowWrites', 'needs an explicit interviewId: write cases overwrite that interview');
  if (!o.allowWrites && o.interviewId !== undefined) {
    fail('interviewId', 'only with allowWrites: a reject-only run sends every case to a non-existent id, so that no real interview can be overwritten');
  }
}

/** The operation that issues tenant tokens (the one whose semantics entry has `token`) and that entry. */
function tokenOperation(doc, semantics) {
  const operation = operationsOf(doc).find((o) => Object.hasOwn(semantics, o.operationId) && semantics[o.operationId].token);
  if (!operation) throw new Error('the spec has no operation whose response semantics (src/semantics.js) issue a tenant token');
  return { operation, entry: semantics[operation.operationId] };
}

/** Fetches a tenant_access_token with app credentials from the spec's token operation under `baseUrl`. */
export async function fetchTenantToken({ baseUrl, appId, appSecret, fetch = globalThis.fetch, timeoutMs = 10_000, spec = loadSpec(), semantics }) {
  const { operation, entry } = tokenOperation(spec, semanticsWith(semantics));
  const res = await fetch(apiUrl(baseUrl, expandPath(operation.path, {})), {
    method: operation.method,
    headers: { 'content-type': operation.requestBody.mediaType },
    body: JSON.stringify(entry.token.request({ appId, appSecret })),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error) => rethrowUnreachable(error, baseUrl));
  const body = await res.json().catch(() => ({}));
  const token = entry.token.read(body);
  if (body.code !== 0 || typeof token !== 'string') {
    throw new Error(`tenant_access_token request failed: HTTP ${res.status}, code ${body.code}, msg ${JSON.stringify(body.msg)}`);
  }
  return token;
}

/** Says whether a status matches an expectation (a number, or 'not-2xx'). */
const statusMatches = (expected, status) => (expected === 'not-2xx' ? status < 200 || status > 299 : status === expected);
/** Says whether a body code matches an expectation (a code, a list of codes, or none stated: any). */
const codeMatches = (expected, code) => expected === undefined || (Array.isArray(expected) ? expected.includes(code) : code === expected);
const isSuccess = (status) => status >= 200 && status <= 299;

/** A function that waits until the next request may go, `rate` requests per second (0: never waits). */
function createPacer(rate) {
  const gap = rate > 0 ? 1000 / rate : 0;
  let next = 0;
  return async () => {
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
    next = Math.max(Date.now(), next) + gap;
  };
}

/** The values of a case's path parameters: the run's target id, the run's `pathParams`, else the parameter's example. */
function pathValues(run, c) {
  const operation = run.operationOf(c);
  const target = run.semantics[c.operationId]?.target;
  const valueOf = (name, value) => {
    if (value !== pathPlaceholder(name)) return value;
    if (name === target) return run.targetId;
    return run.pathParams[name] ?? parameterValue(run.doc, operation.parameters.path.find((p) => p.name === name));
  };
  return Object.fromEntries(Object.entries(c.request.pathParams ?? {}).map(([name, value]) => [name, valueOf(name, value)]));
}

/** The body text a case sends and, for a valid case, the value its semantics check compares with; or why it cannot run. */
function bodyOf(run, c) {
  const { request } = c;
  const prepare = run.semantics[c.operationId]?.prepare;
  // A valid case always goes through its semantics, body or not: `prepare` may say it must not run (a delete).
  const prepared = c.kind === 'valid' && prepare ? prepare(request.body, run.options, request) : { body: request.body };
  if (prepared.skip) return { skip: prepared.skip };
  if (prepared.body === undefined) return { text: request.rawBody };
  return { text: JSON.stringify(prepared.body), sent: prepared.body };
}

/** Sends one request of a case and resolves to `{ status, headers, contentType, body }` (body: parsed JSON or undefined). */
async function send(run, c, path, text) {
  const { request } = c;
  const url = apiUrl(run.baseUrl, expandPath(request.path, path));
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.append(name, value);
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k, v === TOKEN ? `Bearer ${run.token}` : v]));
  const res = await run.fetch(url, { method: request.method, headers, body: text, signal: AbortSignal.timeout(run.timeoutMs) }).catch((error) => rethrowUnreachable(error, run.baseUrl));
  const raw = await res.text();
  let body;
  try {
    body = JSON.parse(raw);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, contentType: res.headers.get('content-type') ?? '', body };
}

/** Problems of one response of a case: the expectation, the spec for that status, and the operation's semantics. */
function check(run, c, r, { sent, path }) {
  const problems = [];
  const { expect } = c;
  if (!statusMatches(expect.status, r.status)) problems.push(`expected HTTP ${expect.status === 'not-2xx' ? 'not 2xx' : expect.status}, got ${r.status}`);
  if (!codeMatches(expect.code, r.body?.code)) problems.push(`expected code ${[].concat(expect.code).join(' or ')}, got ${JSON.stringify(r.body?.code)}${r.body?.msg ? ` (${r.body.msg})` : ''}`);
  // The expected rejection must be for the broken field: with a non-existent id, "not found" would pass otherwise.
  const msg = typeof r.body?.msg === 'string' ? r.body.msg : '';
  if (run.checkMsg && expect.field && problems.length === 0 && !msg.toLowerCase().includes(expect.field.toLowerCase())) {
    problems.push(`expected msg to name ${expect.field} (the field this case breaks), got ${JSON.stringify(r.body?.msg)}`);
  }
  problems.push(...run.validate(run.operationOf(c), r).map((p) => `spec: ${p}`));
  // With the expected status the spec check above already covers the envelope; otherwise name it explicitly.
  if (expect.envelope && !statusMatches(expect.status, r.status)) problems.push(...run.validate.envelope(expect.envelope, r.body).map((p) => `envelope (${expect.envelope}): ${p}`));
  if (expect.semantics && isSuccess(r.status)) problems.push(...run.semantics[c.operationId].check({ sent, body: r.body, path }));
  return problems;
}

/** Sends a burst of `c.burst` concurrent requests and expects some to be rate-limited; then lets the quota recover. */
async function runBurst(run, c, path, text) {
  const responses = await Promise.all(Array.from({ length: c.burst }, () => send(run, c, path, text)));
  const { status, code, headers = [] } = c.expect;
  const limited = responses.filter((r) => r.status === status && r.body?.code === code);
  const problems = [];
  if (limited.length === 0) problems.push(`a burst of ${c.burst} requests got no HTTP ${status} with code ${code} (statuses: ${[...new Set(responses.map((r) => r.status))].join(', ')})`);
  for (const r of responses) {
    problems.push(...run.validate(run.operationOf(c), r).map((p) => `spec (HTTP ${r.status}): ${p}`));
    if (isSuccess(r.status)) problems.push(`an invalid request was accepted with HTTP ${r.status}`);
  }
  for (const name of headers) if (limited.length > 0 && limited[0].headers.get(name) === null) problems.push(`HTTP ${status} lacks header ${name}`);
  const reset = Number(limited[0]?.headers.get('x-ogw-ratelimit-reset'));
  await sleep(Math.min(Number.isFinite(reset) ? reset : 1, 10) * 1000 + 100); // let the quota recover
  return { problems: [...new Set(problems)], response: limited[0] ?? responses[0] };
}

/** Why a case does not run in this run, or undefined. */
function skipReason(run, c) {
  if (c.writes && !run.allowWrites) return 'writes data: needs --allow-writes and an explicit --interview-id';
  if (c.optIn === 'checkRateLimit' && !run.checkRateLimit) return 'opt-in: --check-rate-limit';
  return undefined;
}

/** Runs one case and returns its result. Rejects with `cannot reach <url>: ...` when the server cannot be connected to. */
async function runCase(run, c) {
  const base = { id: c.id, title: c.title, kind: c.kind };
  const body = bodyOf(run, c);
  const skip = skipReason(run, c) ?? body.skip;
  if (skip) return { ...base, status: 'skipped', reason: skip, problems: [], durationMs: 0 };
  const t0 = Date.now();
  const path = pathValues(run, c);
  let problems;
  let response;
  try {
    if (c.burst) {
      ({ problems, response } = await runBurst(run, c, path, body.text));
    } else {
      await run.pace();
      response = await send(run, c, path, body.text);
      problems = check(run, c, response, { sent: body.sent, path });
    }
  } catch (error) {
    if (error.message.startsWith('cannot reach ')) throw error; // every other case would fail the same way
    problems = [`request failed: ${error.cause?.message ?? error.message}`];
  }
  const answer = response && { status: response.status, code: response.body?.code, logId: response.headers.get('x-tt-logid') ?? undefined };
  return { ...base, status: problems.length === 0 ? 'passed' : 'failed', reason: problems.join('; '), problems, durationMs: Date.now() - t0, response: answer };
}

/** Everything a run needs besides the cases: options with defaults, the model, the token, the validator, the pacer. */
async function prepareRun(options) {
  const { allowWrites = false, checkRateLimit = false, rate = 8, timeoutMs = 10_000, fetch = globalThis.fetch, checkMsg = true } = options;
  const doc = options.spec ?? loadSpec();
  const semantics = semanticsWith(options.semantics);
  const operations = new Map(operationsOf(doc).map((o) => [o.operationId, o]));
  const operationOf = (c) => operations.get(c.operationId) ?? fail(`case ${c.id} is for operation ${c.operationId}, which the spec does not have`);
  const token = options.token || (await fetchTenantToken({ ...options, fetch, timeoutMs, spec: doc, semantics: options.semantics }));
  return {
    options, baseUrl: options.baseUrl, allowWrites, checkRateLimit, timeoutMs, fetch, checkMsg, doc, semantics, operationOf, token,
    pathParams: options.pathParams ?? {},
    // Reject-only: an id that cannot exist, so that a server accepting a case it should reject overwrites nothing.
    targetId: allowWrites ? options.interviewId : nonexistentInterviewId(),
    validate: createResponseValidator(doc),
    pace: createPacer(rate),
  };
}

const fail = (message) => {
  throw new Error(message);
};

/**
 * Runs the conformance cases against `baseUrl` and resolves to `{ results, passed, failed, skipped, durationMs }`.
 * Write cases run only with `allowWrites` and an explicit `interviewId`; without allowWrites every case of a writing
 * operation goes to a non-existent id. The rate-limit bursts run only with `checkRateLimit`. Rejects with
 * `cannot reach <url>: ...` at the first request that cannot connect.
 */
export async function runConformance(options) {
  checkOptions(options);
  const run = await prepareRun(options);
  const onResult = options.onResult ?? (() => {});
  const results = [];
  const started = Date.now();
  // The bursts go last so that they cannot starve the other cases of quota.
  const cases = [...(options.cases ?? loadCases())].sort((a, b) => Number(a.kind === 'rate-limit') - Number(b.kind === 'rate-limit'));
  for (const c of cases) {
    const result = await runCase(run, c);
    results.push(result);
    onResult(result);
  }
  const count = (s) => results.filter((r) => r.status === s).length;
  return { results, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), durationMs: Date.now() - started };
}
