// Runs one case: where it goes (the run's target of its resource, a fresh record, or an id that cannot exist), what it
// sends, and its verdict: the expectation, the spec, the semantics (valid) or the evidence (rejections), the state.
import { runBurst } from './burst.js';
import { describeAnswer, isAccepted, learnControl, rejectionVerdict, serverFaults } from './evidence.js';
import { bodyOf, pathValues, sendCase, targetIdOf } from './request.js';
import { runLifecycleCase } from './lifecycle.js';
import { runIdempotencyCase } from './idempotency.js';
import { runPagingCase } from './paging.js';
import { canRead, readOne, runStateCase, stateAfter, stateBefore } from './state.js';
import { createRecord, parentFor, rejectionTargetFor, targetFor } from './targets.js';

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
function judge(run, c, answer, control, { sent, path, query }) {
  const expected = expectationProblems(run, c, answer);
  const spec = run.validate(run.operationOf(c), answer).map((p) => `spec: ${p}`);
  if (c.kind === 'not-found') {
    const problems = [...expected, ...spec, ...serverFaults(run.operationOf(c), answer)];
    return { status: problems.length ? 'failed' : 'passed', problems, ...(problems.length ? {} : { evidence: `refused with a documented answer (${describeAnswer(answer)})` }) };
  }
  if (c.kind === 'valid') {
    const check = c.expect.semantics && isAccepted(answer) ? run.semantics[c.operationId].check : undefined;
    const semantics = check ? check({ sent, body: answer.body, path, query, doc: run.doc, operation: run.operationOf(c) }) : [];
    const problems = [...expected, ...spec, ...semantics];
    return { status: problems.length ? 'failed' : 'passed', problems };
  }
  if (spec.length > 0) return { status: 'failed', problems: [...expected, ...spec] };
  return rejectionVerdict(run, c, answer, expected, control);
}

/** Resolves the run's expired token once: the expiredToken option, or the token its function resolves to. */
function ensureExpiredToken(run) {
  const given = run.options.expiredToken;
  run.expiredToken ??= (typeof given === 'function' ? given() : Promise.resolve(given)).then((token) => {
    run.expiredTokenValue = token;
  });
  return run.expiredToken;
}

/**
 * The record case `c` goes to in this run: `{ id }` (undefined for an operation without a target), or `{ skip }` /
 * `{ fail }` when a writing run has none for it. The not-found case goes to an id that cannot exist; in a writing
 * run each valid case of a delete gets a record created for it and its rejections (its burst aside) one they share,
 * and a create's cases need the run's parent.
 */
async function caseTarget(run, c) {
  const entry = run.semantics[c.operationId];
  const resource = entry?.resource;
  if (c.kind === 'not-found') return { id: run.nonexistentId };
  if (!run.allowWrites && entry?.role === 'read' && c.kind === 'valid') return { skip: 'reads a record of the run: only in a writing run (a reject-only run knows no record to read)' };
  if (!run.allowWrites || !resource) return { id: await targetIdOf(run, c.operationId) };
  if (entry.role === 'create') {
    const parent = await parentFor(run, resource);
    return parent.skip ? parent : parent.fail && c.kind === 'valid' ? { fail: `no parent to create under: ${parent.fail}` } : {};
  }
  if (entry.freshTarget && c.kind !== 'rate-limit') {
    const make = c.kind === 'valid' ? createRecord : rejectionTargetFor;
    const fresh = resource.operations.create ? await make(run, resource) : { skip: `needs a record of its own to delete, and the spec has no create of ${resource.name} (the run deletes only what it created)` };
    if (fresh.id) return { id: fresh.id };
    // Without a record of its own, a rejection goes to an id that cannot exist, as in a reject-only run.
    if (c.kind !== 'valid') return { id: run.nonexistentId };
    return { skip: fresh.skip, fail: fresh.fail && `no record to delete: ${fresh.fail}` };
  }
  if (!entry.target || !['valid', 'state'].includes(c.kind)) return { id: await targetIdOf(run, c.operationId) };
  const target = await targetFor(run, resource);
  return target.id ? { id: target.id } : { skip: target.skip, fail: target.fail && `no record to write to: ${target.fail}` };
}

/** After a valid create was accepted: the record it created, read back, is what was sent. */
async function createdProblems(run, c, answer, sent) {
  const entry = run.semantics[c.operationId];
  if (entry?.role !== 'create' || c.kind !== 'valid' || !isAccepted(answer)) return [];
  const id = entry.createdId(answer.body);
  if (typeof id !== 'string' || id.length === 0 || !canRead(run, entry.resource)) return [];
  const read = await readOne(run, entry.resource, id);
  if (read.unavailable) return read.problems ?? [];
  return entry.stateProblems({ sent, state: read.state, targetId: id, doc: run.doc, operation: run.operationOf(c) });
}

/** Runs the token reuse case: the token request twice; the same token while the first has more than the entry's seconds left. */
async function runTokenReuseCase(run, c, body) {
  const entry = run.semantics[c.operationId];
  const answers = [await sendCase(run, c, {}, body.text), await sendCase(run, c, {}, body.text)];
  const refused = answers.flatMap((a) => [...(isAccepted(a) ? [] : [`expected success, got ${describeAnswer(a)}`]), ...run.validate(run.operationOf(c), a).map((p) => `spec: ${p}`)]);
  if (refused.length > 0) return { status: 'failed', problems: [...new Set(refused)], answer: answers[1] };
  const [first, second] = answers.map((a) => entry.token.read(a.body));
  const left = answers[0].body?.expire;
  if (!(left > entry.token.reuse.whileSecondsLeft)) return { status: 'unconfirmed', problems: [], reason: `the first token has ${left} s left, not more than ${entry.token.reuse.whileSecondsLeft}: a new token may be issued`, answer: answers[1] };
  if (first !== second) return { status: 'failed', problems: [`a second request answered another token, although the first had ${left} s left`], answer: answers[1] };
  return { status: 'passed', problems: [], evidence: `the same token twice (${left} s left)`, answer: answers[1] };
}

/** After the not-found case: the id that cannot exist must still hold nothing (a write to it created nothing). */
async function notFoundProblems(run, c, targetId) {
  const resource = run.semantics[c.operationId].resource;
  if (c.kind !== 'not-found' || !canRead(run, resource)) return [];
  const read = await readOne(run, resource, targetId);
  if (read.problems) return read.problems;
  return read.state === undefined ? [] : [`state: ${targetId}, an id that did not exist, is read back after this request: it created the record`];
}

/** Runs a case that sends one request (or a burst) to `targetId`; resolves to its verdict and answer. */
async function runRequestCase(run, c, body, targetId) {
  const path = await pathValues(run, c, targetId);
  const control = c.kind === 'invalid' || c.kind === 'auth' ? await learnControl(run, c.operationId) : undefined;
  if (c.optIn === 'expiredToken') await ensureExpiredToken(run);
  const before = await stateBefore(run, c, targetId);
  const verdict = c.burst ? await runBurst(run, c, path, body.text) : undefined;
  const answer = verdict?.answer ?? (await sendCase(run, c, path, body.text));
  const outcome = verdict ?? judge(run, c, answer, control, { sent: body.body, path, query: c.request.query });
  const state = [
    ...(await stateAfter(run, c, { answer: c.burst ? { status: 0 } : answer, sent: body.body, before, targetId })),
    ...(c.burst ? [] : await createdProblems(run, c, answer, body.body)),
    ...(await notFoundProblems(run, c, targetId)),
  ];
  return state.length ? { ...outcome, status: 'failed', problems: [...outcome.problems, ...state], answer } : { ...outcome, answer };
}

/** Why a case does not run in this run, or undefined. */
function skipReason(run, c) {
  if (['lifecycle', 'paging', 'idempotency'].includes(c.kind) && !run.allowWrites) return 'creates, updates and deletes records: only in a writing run (--allow-writes)';
  if (c.kind === 'state' && !run.allowWrites) return 'reads back what the write cases stored: only in a writing run (--allow-writes)';
  if (c.writes && !run.allowWrites) return 'writes data: only in a writing run (--allow-writes)';
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

/** The outcome of case `c`: a skip, or what running it gave. */
async function outcomeOf(run, c) {
  if (skipReason(run, c)) return { status: 'skipped', reason: skipReason(run, c) };
  if (c.kind === 'lifecycle') return runLifecycleCase(run, c);
  if (c.kind === 'paging') return runPagingCase(run, c);
  if (c.kind === 'idempotency') return runIdempotencyCase(run, c);
  const target = await caseTarget(run, c);
  if (target.skip) return { status: 'skipped', reason: target.skip };
  if (target.fail) return { status: 'failed', problems: [target.fail] };
  if (c.kind === 'state') return runStateCase(run, c, target.id);
  const body = await bodyOf(run, c);
  if (body.skip) return { status: 'skipped', reason: body.skip };
  if (c.kind === 'token') return runTokenReuseCase(run, c, body);
  return runRequestCase(run, c, body, target.id);
}

/** Runs one case and returns its result. Rejects with `cannot reach <url>: ...` when the server cannot be connected to. */
export async function runCase(run, c) {
  const t0 = Date.now();
  let outcome;
  try {
    outcome = await outcomeOf(run, c);
  } catch (error) {
    if (error.message.startsWith('cannot reach ')) throw error; // every other case would fail the same way
    outcome = { status: 'failed', problems: [`request failed: ${error.cause?.message ?? error.message}`] };
  }
  return resultOf(c, outcome, outcome.status === 'skipped' ? 0 : Date.now() - t0);
}
