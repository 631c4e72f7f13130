// Runs the generated conformance cases against a server and returns one result per case: passed, failed,
// unconfirmed (it ran, but its answer cannot tell a correct server from a broken one; see evidence.js) or skipped.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { operationsOf } from '@feishu-hire/spec/model';
import { runBurst } from './burst.js';
import { REAL_CLOCK, createPacer } from './clock.js';
import { describeAnswer, isAccepted, learnControl, rejectionVerdict } from './evidence.js';
import { generateControls } from './generate.js';
import { issueToken } from './http.js';
import { parameterValue } from './parameters.js';
import { bodyOf, pathValues, sendCase } from './request.js';
import { semanticsWith } from './semantics.js';
import { runLifecycleCase } from './lifecycle.js';
import { runStateCase, stateAfter, stateBefore } from './state.js';
import { createResponseValidator } from './validate.js';

export { apiUrl } from './http.js';

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

const invalidOption = (name, rule) => {
  throw new TypeError(`invalid option ${name}: ${rule}`);
};

/** Checks the server, credentials and target options; throws a TypeError naming the option. */
function checkTarget(o) {
  if (typeof o.baseUrl !== 'string' || !/^https?:\/\/[^/]/.test(o.baseUrl)) invalidOption('baseUrl', `must be an http(s) URL, got ${JSON.stringify(o.baseUrl)}`);
  const hasToken = typeof o.token === 'string' && o.token.length > 0;
  const hasApp = typeof o.appId === 'string' && o.appId.length > 0 && typeof o.appSecret === 'string' && o.appSecret.length > 0;
  if (!hasToken && !hasApp) invalidOption('token', 'give a tenant access token, or appId and appSecret to fetch one');
  if (o.interviewId !== undefined && !(typeof o.interviewId === 'string' && o.interviewId.length > 0)) invalidOption('interviewId', 'must be a non-empty string');
  if (o.allowWrites && o.interviewId === undefined) invalidOption('allowWrites', 'needs an explicit interviewId: write cases overwrite that interview');
  if (!o.allowWrites && o.interviewId !== undefined) {
    invalidOption('interviewId', 'only with allowWrites: a reject-only run sends every case to a non-existent id, so that no real interview can be overwritten');
  }
}

/** Checks the pacing, timing and hook options; throws a TypeError naming the option. */
function checkExtras(o) {
  if (o.rate !== undefined && !(typeof o.rate === 'number' && o.rate >= 0 && Number.isFinite(o.rate))) invalidOption('rate', `must be a number >= 0 (requests per second, 0 = unpaced), got ${JSON.stringify(o.rate)}`);
  if (o.timeoutMs !== undefined && !(Number.isInteger(o.timeoutMs) && o.timeoutMs > 0)) invalidOption('timeoutMs', `must be a positive integer (milliseconds), got ${JSON.stringify(o.timeoutMs)}`);
  if (o.checkRateLimit !== undefined && typeof o.checkRateLimit !== 'boolean') invalidOption('checkRateLimit', 'must be a boolean (default: on when allowWrites)');
  const expired = o.expiredToken;
  if (expired !== undefined && typeof expired !== 'function' && !(typeof expired === 'string' && expired.length > 0)) invalidOption('expiredToken', 'must be a non-empty string (a token that has expired) or a function resolving to one');
  if (o.readState !== undefined && typeof o.readState !== 'function') invalidOption('readState', 'must be a function (targetId) => the stored state, or undefined when nothing is stored');
  if (o.clock !== undefined && !(typeof o.clock?.now === 'function' && typeof o.clock?.sleep === 'function')) invalidOption('clock', 'must be { now(), sleep(ms) } (see createVirtualClock)');
}

/** Throws a TypeError naming the option and the rule when runConformance options are invalid. */
export function checkOptions(o) {
  checkTarget(o);
  checkExtras(o);
}

/** Fetches a tenant_access_token with app credentials from the spec's token operation under `baseUrl`. */
export async function fetchTenantToken({ spec = loadSpec(), ...options }) {
  return (await issueToken({ ...options, spec })).token;
}

/** Says whether a status matches an expectation (a number, or 'not-2xx'). */
const statusMatches = (expected, status) => (expected === 'not-2xx' ? status < 200 || status > 299 : status === expected);
/** Says whether a body code matches an expectation (a code, a list of codes, or none stated: any). */
const codeMatches = (expected, code) => expected === undefined || (Array.isArray(expected) ? expected.includes(code) : code === expected);

/** The problems of an answer against the case's own expectation: status, code, and the envelope when the status is off. */
function expectationProblems(run, c, answer) {
  const { expect } = c;
  const problems = [];
  if (!statusMatches(expect.status, answer.status)) problems.push(`expected HTTP ${expect.status === 'not-2xx' ? 'not 2xx' : expect.status}, got ${answer.status}`);
  if (!codeMatches(expect.code, answer.code)) problems.push(`expected code ${[].concat(expect.code).join(' or ')}, got ${JSON.stringify(answer.code)}${answer.msg ? ` (${answer.msg})` : ''}`);
  // With the expected status the spec check covers the envelope; otherwise name it explicitly.
  if (expect.envelope && !statusMatches(expect.status, answer.status)) problems.push(...run.validate.envelope(expect.envelope, answer.body).map((p) => `envelope (${expect.envelope}): ${p}`));
  return problems;
}

/** The verdict of one answer: the expectation, the spec for its status, the semantics (valid) or the evidence (rejections). */
function judge(run, c, answer, control, { sent, path }) {
  const expected = expectationProblems(run, c, answer);
  const spec = run.validate(run.operationOf(c), answer).map((p) => `spec: ${p}`);
  if (c.kind === 'valid') {
    const semantics = c.expect.semantics && isAccepted(answer) ? run.semantics[c.operationId].check({ sent, body: answer.body, path, doc: run.doc, operation: run.operationOf(c) }) : [];
    const problems = [...expected, ...spec, ...semantics];
    return { status: problems.length ? 'failed' : 'passed', problems };
  }
  if (spec.length > 0) return { status: 'failed', problems: [...expected, ...spec] };
  return rejectionVerdict(run, c, answer, expected, control);
}

/** Resolves the run's expired token once: the expiredToken option, or the token its function resolves to. */
async function ensureExpiredToken(run) {
  const given = run.options.expiredToken;
  run.expiredTokenValue ??= typeof given === 'function' ? await given() : given;
}

/** Runs a case that sends one request (or a burst); resolves to its verdict and answer. */
async function runRequestCase(run, c, body) {
  const path = pathValues(run, c);
  const control = c.kind === 'invalid' || c.kind === 'auth' ? await learnControl(run, c.operationId) : undefined;
  if (c.optIn === 'expiredToken') await ensureExpiredToken(run);
  const before = await stateBefore(run, c);
  const verdict = c.burst ? await runBurst(run, c, path, body.text) : undefined;
  const answer = verdict?.answer ?? (await sendCase(run, c, path, body.text));
  const outcome = verdict ?? judge(run, c, answer, control, { sent: body.sent, path });
  const state = await stateAfter(run, c, c.burst ? { status: 0 } : answer, body.sent, before);
  return state.length ? { ...outcome, status: 'failed', problems: [...outcome.problems, ...state], answer } : { ...outcome, answer };
}

/** Why a case does not run in this run, or undefined. */
function skipReason(run, c) {
  if (c.kind === 'lifecycle' && !run.allowWrites) return 'creates, updates and deletes an interview: only in a writing run (--allow-writes)';
  if (c.kind === 'state' && !run.allowWrites) return 'reads back what the write cases stored: only in a writing run (--allow-writes)';
  if (c.writes && !run.allowWrites) return 'writes data: needs --allow-writes and an explicit --interview-id';
  if (c.optIn === 'checkRateLimit' && !run.checkRateLimit) return 'rate-limit check off (it is on by default with writes; --no-check-rate-limit turns it off, --check-rate-limit on)';
  if (c.optIn === 'expiredToken' && run.options.expiredToken === undefined) return 'needs --expired-token T (a token of this server that has expired); the embedded mock makes its own';
  return undefined;
}

/** The result of a case from its outcome. */
function resultOf(c, outcome, durationMs) {
  const { status, problems = [], evidence, answer } = outcome;
  const reason = outcome.reason ?? problems.join('; ');
  const response = answer && { status: answer.status, code: answer.code, logId: answer.headers?.get('x-tt-logid') ?? undefined };
  return { id: c.id, title: c.title, kind: c.kind, status, reason, problems, ...(evidence ? { evidence } : {}), durationMs, response };
}

/** Runs one case and returns its result. Rejects with `cannot reach <url>: ...` when the server cannot be connected to. */
async function runCase(run, c) {
  const body = c.kind === 'state' || c.kind === 'lifecycle' ? {} : bodyOf(run, c);
  const skip = skipReason(run, c) ?? body.skip;
  if (skip) return resultOf(c, { status: 'skipped', reason: skip }, 0);
  const t0 = Date.now();
  let outcome;
  try {
    outcome = c.kind === 'state' ? await runStateCase(run, c) : c.kind === 'lifecycle' ? await runLifecycleCase(run, c) : await runRequestCase(run, c, body);
  } catch (error) {
    if (error.message.startsWith('cannot reach ')) throw error; // every other case would fail the same way
    outcome = { status: 'failed', problems: [`request failed: ${error.cause?.message ?? error.message}`] };
  }
  return resultOf(c, outcome, Date.now() - t0);
}

const fail = (message) => {
  throw new Error(message);
};

/** Everything a run needs besides the cases: options with defaults, the model, the token, controls, state, the pacer. */
async function prepareRun(options) {
  const { allowWrites = false, rate = 8, timeoutMs = 10_000, fetch = globalThis.fetch, checkMsg = true, clock = REAL_CLOCK } = options;
  const doc = options.spec ?? loadSpec();
  const semantics = semanticsWith(options.semantics);
  const operations = new Map(operationsOf(doc).map((o) => [o.operationId, o]));
  const operationOf = (c) => operations.get(c.operationId) ?? fail(`case ${c.id} is for operation ${c.operationId}, which the spec does not have`);
  const nonexistent = nonexistentInterviewId();
  const token = options.token || (await issueToken({ ...options, fetch, timeoutMs, spec: doc, semantics: options.semantics })).token;
  return {
    options, operations, baseUrl: options.baseUrl, allowWrites, checkRateLimit: options.checkRateLimit ?? allowWrites, timeoutMs, fetch, checkMsg, clock, doc, semantics, operationOf, token,
    pathParams: options.pathParams ?? {},
    // Reject-only: an id that cannot exist, so that a server accepting a case it should reject overwrites nothing.
    targetId: allowWrites ? options.interviewId : nonexistent,
    nonexistentId: nonexistent,
    controls: generateControls(doc, { semantics: options.semantics }),
    controlAnswers: new Map(), states: new Map(), unreadable: new Map(),
    onControl: options.onControl ?? (() => {}),
    validate: createResponseValidator(doc),
    pace: createPacer(rate, clock),
  };
}

/**
 * The phase a case runs in: requests first, then state (read back over HTTP, before a burst spends the rate limit),
 * then bursts, then the expired token (its provider may move the clock past the run's own token).
 */
const phase = (c) => (c.optIn === 'expiredToken' ? 3 : c.kind === 'rate-limit' ? 2 : c.kind === 'state' || c.kind === 'lifecycle' ? 1 : 0);

/** A one-line description of a control answer, for the CLI. */
export function describeControl(control) {
  if (control.unsent) return `${control.operationId}: no valid request sent (${control.unsent})`;
  const to = control.target === undefined ? '' : ` to ${control.target}`;
  const answered = `${control.operationId}: a valid request${to} is answered ${describeAnswer(control.base)}`;
  if (control.accepted) return answered;
  const msg = control.msgStable ? 'the same for both valid requests, so a rejection with another msg is confirmed' : 'its msg differs between two valid requests, so the msg is no evidence';
  return `${answered} (${msg}; a rejection answered exactly like it is unconfirmed)`;
}

/**
 * Runs the conformance cases against `baseUrl` and resolves to `{ results, passed, failed, unconfirmed, skipped,
 * controls, durationMs }`. Write cases run only with `allowWrites` and an explicit `interviewId`; without allowWrites
 * every case of a writing operation goes to a non-existent id. The rate-limit check runs by default with allowWrites
 * (`checkRateLimit`). Rejects with `cannot reach <url>: ...` at the first request that cannot connect.
 */
export async function runConformance(options) {
  checkOptions(options);
  const run = await prepareRun(options);
  const onResult = options.onResult ?? (() => {});
  const results = [];
  const started = Date.now();
  const cases = [...(options.cases ?? loadCases())].sort((a, b) => phase(a) - phase(b));
  for (const c of cases) {
    const result = await runCase(run, c);
    results.push(result);
    onResult(result);
  }
  const count = (s) => results.filter((r) => r.status === s).length;
  return { results, passed: count('passed'), failed: count('failed'), unconfirmed: count('unconfirmed'), skipped: count('skipped'), controls: [...run.controlAnswers.values()], durationMs: Date.now() - started };
}
