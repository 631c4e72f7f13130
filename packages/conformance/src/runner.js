// Runs the generated conformance cases against a server and returns one result per case.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { INTERVIEW_ID, TOKEN } from './generate.js';
import { getOperation } from './spec.js';
import { createResponseValidator } from './validate.js';

const require = createRequire(import.meta.url);
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';

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

/** The interview id used when none is given: the spec's example of the path parameter. */
export function dummyInterviewId(doc = loadSpec()) {
  const param = getOperation(doc).parameters?.map((p) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p)).find((p) => p.in === 'path');
  return String(param?.example ?? '0');
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

/** Fetches a tenant_access_token with app credentials from `<baseUrl>/open-apis/auth/v3/tenant_access_token/internal`. */
export async function fetchTenantToken({ baseUrl, appId, appSecret, fetch = globalThis.fetch, timeoutMs = 10_000 }) {
  const res = await fetch(apiUrl(baseUrl, TOKEN_PATH), {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ app_id: appId, app_secret: appSecret }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error) => rethrowUnreachable(error, baseUrl));
  const body = await res.json().catch(() => ({}));
  if (body.code !== 0 || typeof body.tenant_access_token !== 'string') {
    throw new Error(`tenant_access_token request failed: HTTP ${res.status}, code ${body.code}, msg ${JSON.stringify(body.msg)}`);
  }
  return body.tenant_access_token;
}

/** Compares what was written with what the server returned (full overwrite): returns problems as strings. */
export function echoProblems(sent, got, path = 'data.external_interview') {
  const problems = [];
  if (got === null || typeof got !== 'object') return [`${path} is missing from the response`];
  for (const [key, value] of Object.entries(sent)) {
    const where = `${path}.${key}`;
    if (Array.isArray(value)) {
      if (!Array.isArray(got[key]) || got[key].length !== value.length) {
        problems.push(`${where}: sent ${value.length} item(s), got ${JSON.stringify(got[key])}`);
        continue;
      }
      value.forEach((item, i) => {
        if (item !== null && typeof item === 'object') problems.push(...echoProblems(item, got[key][i], `${where}[${i}]`));
        else if (item !== got[key][i]) problems.push(`${where}[${i}]: sent ${JSON.stringify(item)}, got ${JSON.stringify(got[key][i])}`);
      });
    } else if (value !== null && typeof value === 'object') {
      problems.push(...echoProblems(value, got[key], where));
    } else if (got[key] !== value) {
      problems.push(`${where}: sent ${JSON.stringify(value)}, got ${JSON.stringify(got[key])}`);
    }
  }
  return problems;
}

/** Checks the echo of a write: same content, new assessment ids, cleared lists, and the path's interview id. */
function writeProblems(sent, body, interviewId) {
  const interview = body?.data?.external_interview;
  const problems = echoProblems(sent, interview);
  if (!interview || typeof interview !== 'object') return problems;
  if (interview.id !== undefined && interview.id !== interviewId) problems.push(`data.external_interview.id: expected ${interviewId}, got ${JSON.stringify(interview.id)}`);
  for (const [i, a] of (interview.interview_assessments ?? []).entries()) {
    if (typeof a?.id !== 'string' || a.id.length === 0) problems.push(`data.external_interview.interview_assessments[${i}].id: a new assessment id must be assigned`);
  }
  for (const [key, value] of Object.entries(interview)) {
    if (!(key in sent) && Array.isArray(value) && value.length > 0) problems.push(`data.external_interview.${key}: not sent, so the full overwrite must clear it, got ${value.length} item(s)`);
  }
  return problems;
}

/** Says whether a status matches an expectation (a number, or 'not-2xx'). */
const statusMatches = (expected, status) => (expected === 'not-2xx' ? status < 200 || status > 299 : status === expected);
/** Says whether a body code matches an expectation (a code, a list of codes, or none stated: any). */
const codeMatches = (expected, code) => expected === undefined || (Array.isArray(expected) ? expected.includes(code) : code === expected);

/**
 * Runs the conformance cases against `baseUrl` and resolves to `{ results, passed, failed, skipped, durationMs }`.
 * Write cases run only with `allowWrites` and an explicit `interviewId`; without allowWrites every case goes to a
 * non-existent id. The rate-limit burst runs only with `checkRateLimit`. Rejects with `cannot reach <url>: ...` at
 * the first request that cannot connect.
 */
export async function runConformance(options) {
  checkOptions(options);
  const {
    baseUrl,
    allowWrites = false,
    checkRateLimit = false,
    rate = 8,
    timeoutMs = 10_000,
    fetch = globalThis.fetch,
    onResult = () => {},
    bodyOverrides = {},
    checkMsg = true,
  } = options;
  const doc = options.spec ?? loadSpec();
  const cases = options.cases ?? loadCases();
  // Reject-only: an id that cannot exist, so that a server accepting a case it should reject overwrites nothing.
  const interviewId = allowWrites ? options.interviewId : nonexistentInterviewId();
  const token = options.token || (await fetchTenantToken({ ...options, fetch, timeoutMs }));
  const validate = createResponseValidator(doc);
  const gap = rate > 0 ? 1000 / rate : 0;
  let next = 0;
  const pace = async () => {
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
    next = Math.max(Date.now(), next) + gap;
  };

  const send = async (c) => {
    const { request } = c;
    const url = apiUrl(baseUrl, request.path.replace(/\{[^}]+\}/, encodeURIComponent(request.pathId === INTERVIEW_ID ? interviewId : request.pathId)));
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k, v === TOKEN ? `Bearer ${token}` : v]));
    let body = request.rawBody;
    if (request.body !== undefined) body = JSON.stringify(c.writes ? { ...request.body, ...bodyOverrides } : request.body);
    const res = await fetch(url, { method: request.method, headers, body, signal: AbortSignal.timeout(timeoutMs) }).catch((error) => rethrowUnreachable(error, baseUrl));
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, contentType: res.headers.get('content-type') ?? '', body: json, sent: body && c.writes ? JSON.parse(body) : undefined };
  };

  /** Problems of one response of a case: the expectation plus conformance to the spec for that status. */
  const check = (c, r) => {
    const problems = [];
    if (!statusMatches(c.expect.status, r.status)) problems.push(`expected HTTP ${c.expect.status === 'not-2xx' ? 'not 2xx' : c.expect.status}, got ${r.status}`);
    if (!codeMatches(c.expect.code, r.body?.code)) problems.push(`expected code ${[].concat(c.expect.code).join(' or ')}, got ${JSON.stringify(r.body?.code)}${r.body?.msg ? ` (${r.body.msg})` : ''}`);
    // The expected rejection must be for the broken field: with a non-existent id, "not found" would pass otherwise.
    const msg = typeof r.body?.msg === 'string' ? r.body.msg : '';
    if (checkMsg && c.expect.field && problems.length === 0 && !msg.toLowerCase().includes(c.expect.field.toLowerCase())) {
      problems.push(`expected msg to name ${c.expect.field} (the field this case breaks), got ${JSON.stringify(r.body?.msg)}`);
    }
    problems.push(...validate(r).map((p) => `spec: ${p}`));
    // With the expected status the spec check above already covers the envelope; otherwise name it explicitly.
    if (c.expect.envelope && !statusMatches(c.expect.status, r.status)) problems.push(...validate.envelope(c.expect.envelope, r.body).map((p) => `envelope: ${p}`));
    if (c.expect.echo && r.status >= 200 && r.status < 300) problems.push(...writeProblems(r.sent, r.body, interviewId).map((p) => `echo: ${p}`));
    return problems;
  };

  const runBurst = async (c) => {
    const responses = await Promise.all(Array.from({ length: c.burst }, () => send(c)));
    const limited = responses.filter((r) => r.status === c.expect.status && r.body?.code === c.expect.code);
    const problems = [];
    if (limited.length === 0) problems.push(`a burst of ${c.burst} requests got no HTTP ${c.expect.status} with code ${c.expect.code} (statuses: ${[...new Set(responses.map((r) => r.status))].join(', ')})`);
    for (const r of responses) {
      problems.push(...validate(r).map((p) => `spec (HTTP ${r.status}): ${p}`));
      if (r.status >= 200 && r.status < 300) problems.push(`an invalid body was accepted with HTTP ${r.status}`);
    }
    for (const name of c.expect.headers ?? []) if (limited.length > 0 && limited[0].headers.get(name) === null) problems.push(`HTTP ${c.expect.status} lacks header ${name}`);
    const reset = Number(limited[0]?.headers.get('x-ogw-ratelimit-reset'));
    await sleep(Math.min(Number.isFinite(reset) ? reset : 1, 10) * 1000 + 100); // let the quota recover
    return { problems: [...new Set(problems)], response: limited[0] ?? responses[0] };
  };

  const results = [];
  const started = Date.now();
  // The burst goes last so that it cannot starve the other cases of quota.
  const ordered = [...cases].sort((a, b) => Number(a.kind === 'rate-limit') - Number(b.kind === 'rate-limit'));
  for (const c of ordered) {
    const base = { id: c.id, title: c.title, kind: c.kind };
    let result;
    if (c.writes && !allowWrites) {
      result = { ...base, status: 'skipped', reason: 'writes data: needs --allow-writes and an explicit --interview-id', problems: [], durationMs: 0 };
    } else if (c.optIn === 'checkRateLimit' && !checkRateLimit) {
      result = { ...base, status: 'skipped', reason: 'opt-in: --check-rate-limit', problems: [], durationMs: 0 };
    } else {
      const t0 = Date.now();
      let problems;
      let response;
      try {
        if (c.burst) {
          ({ problems, response } = await runBurst(c));
        } else {
          await pace();
          response = await send(c);
          problems = check(c, response);
        }
      } catch (error) {
        if (error.message.startsWith('cannot reach ')) throw error; // every other case would fail the same way
        problems = [`request failed: ${error.cause?.message ?? error.message}`];
      }
      result = {
        ...base,
        status: problems.length === 0 ? 'passed' : 'failed',
        reason: problems.join('; '),
        problems,
        durationMs: Date.now() - t0,
        response: response && { status: response.status, code: response.body?.code, logId: response.headers.get('x-tt-logid') ?? undefined },
      };
    }
    results.push(result);
    onResult(result);
  }
  const count = (s) => results.filter((r) => r.status === s).length;
  return { results, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), durationMs: Date.now() - started };
}
