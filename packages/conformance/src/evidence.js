// Evidence: a rejection case passes only when its answer tells a correct server from a broken one. Each operation's
// control requests (valid: `base`, the request every rejection case breaks in one place, and `alt`, another one) are
// sent once per run, to the same target as its cases. A rejection is confirmed when the control is accepted, or when
// the rejection differs from the control's answer (status or code; or a msg that is the same for both controls but
// not for the case; or a msg naming the broken field as a whole token where no control's msg does). Otherwise the case
// is unconfirmed: the server answers it as it answers a valid request (e.g. "not found" for a non-existent id).
//
// The controls are judged too: a control answered with an undocumented response, a server error, the rate limit, or a
// success to an id that cannot exist fails every rejection case of its operation (no other answer can be judged).
import { errorCodeFor } from '@feishu-hire/spec/model';
import { bodyOf, pathValues, sendCase, targetIdOf } from './request.js';
import { forgetState } from './state.js';
import { createRecord } from './targets.js';

/** Whether an answer is a success: a 2xx with code 0. */
export const isAccepted = (answer) => answer.status >= 200 && answer.status <= 299 && answer.code === 0;

/** Whether two answers have the same status and code (and, with `withMsg`, the same msg). */
export const sameAnswer = (a, b, withMsg) => a.status === b.status && a.code === b.code && (!withMsg || a.msg === b.msg);

/** A msg cut to 160 characters for reasons. */
const clip = (msg) => (msg.length > 160 ? `${msg.slice(0, 157)}...` : msg);

/** `HTTP 400, code 1002002, msg "..."`. */
export const describeAnswer = (a) => `HTTP ${a.status}, code ${JSON.stringify(a.code)}${a.msg === undefined ? '' : `, msg ${JSON.stringify(clip(a.msg))}`}`;

/** The spellings of a field path: `a.b[1].c`, `a.b.1.c`, `/a/b/1/c`, `a/b/1/c` (and a parameter's bare name). */
function spellings(field) {
  const segments = field.match(/[^.[\]]+/g) ?? [field];
  const forms = [field, segments.join('.'), `/${segments.join('/')}`, segments.join('/')];
  if (/^(query|path|header)\./.test(field)) forms.push(field.slice(field.indexOf('.') + 1));
  return [...new Set(forms)];
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Whether `msg` names `field` as a whole token (case-insensitive, optionally after `body.`, `query.`, ...): not as
 * part of a longer name or path, and not as the key of an echoed body (`"field":` or `field=`).
 */
export function namesField(msg, field) {
  if (typeof msg !== 'string' || !field) return false;
  return spellings(field).some((form) => {
    const pattern = new RegExp(`(?<![\\w\\]\\[./$-])(?:(?:body|request|query|path|header)[./])?${escape(form)}(?![\\w\\[-])(?!\\.\\w)`, 'gi');
    return [...msg.matchAll(pattern)].some((m) => {
      const after = msg.slice(m.index + m[0].length);
      const quotedKey = msg[m.index - 1] === '"' && /^"\s*:/.test(after);
      return !quotedKey && !/^\s*=/.test(after);
    });
  });
}

/** Sends one control request of an operation (through its `prepare`, as kind `control`) and resolves to its answer. */
async function sendControl(run, operationId, request, target) {
  const c = { id: `${operationId}.control`, operationId, kind: 'control', request, expect: {} };
  const body = await bodyOf(run, c);
  if (body.skip) return { unsent: body.skip };
  return sendCase(run, c, await pathValues(run, c, target), body.text);
}

/** The answers no valid request may get from a correct server: a server error (5xx), the rate limit. */
export function serverFaults(operation, answer) {
  const faults = [];
  if (answer.status >= 500) faults.push(`a server error (HTTP ${answer.status})`);
  if (answer.status === 429 || answer.code === errorCodeFor(operation, 'rate_limited')?.code) faults.push('the rate limit (the run paces every operation under its documented limit)');
  return faults;
}

/**
 * The problems of a control's answer, which a correct server cannot give to a valid request: an answer its operation
 * does not document, a server error (5xx), the rate limit, or a success to an id that cannot exist (the safe run
 * wrote). Every rejection case of the operation fails with them: no other answer of it can be judged.
 */
function controlProblems(run, operationId, answer, target) {
  const operation = run.operationOf({ operationId });
  const problems = [...run.validate(operation, answer).map((p) => `spec: ${p}`), ...serverFaults(operation, answer)];
  if (isAccepted(answer) && target === run.nonexistentId) problems.push(`the safe run wrote: success to ${target}, an id that cannot exist (no record can be written or read there)`);
  return problems.map((p) => `control: a valid request${target === undefined ? '' : ` to ${target}`} was answered ${describeAnswer(answer)}: ${p}`);
}

/** The record a control of `operationId` goes to: a record created for it (an entry with freshTarget, writing run), else the operation's target. */
async function controlTarget(run, operationId) {
  const entry = run.semantics[operationId];
  if (!entry?.freshTarget || !run.allowWrites) return targetIdOf(run, operationId);
  const fresh = await createRecord(run, entry.resource);
  return fresh.id ?? run.nonexistentId;
}

/** Learns how the server answers the valid control requests of an operation (see learnControl). */
async function answerControl(run, operationId) {
  const entry = run.semantics[operationId];
  if (!run.allowWrites && entry?.writes && !entry.target) {
    // A valid request would write for real (a create has no id that cannot exist to send it to): none is sent.
    return { operationId, unsent: 'a valid request of this operation would write and a reject-only run sends none' };
  }
  const { base, alt } = run.controls[operationId];
  const targets = [await controlTarget(run, operationId), await controlTarget(run, operationId)];
  const answers = [await sendControl(run, operationId, base, targets[0]), await sendControl(run, operationId, alt, targets[1])];
  if (answers[0].unsent) return { operationId, unsent: answers[0].unsent };
  // In a writing run the controls are writes: the state of their record is read anew.
  forgetState(run, { operationId }, targets[0]);
  const problems = answers.flatMap((answer, i) => controlProblems(run, operationId, answer, targets[i]));
  return { operationId, target: targets[0], base: answers[0], alt: answers[1], accepted: isAccepted(answers[0]), msgStable: sameAnswer(answers[0], answers[1], true), problems: [...new Set(problems)] };
}

/**
 * How the server answers the valid control requests of an operation, learnt once per run:
 * `{ base, alt, accepted, msgStable }` (msgStable: both controls got the same status, code and msg).
 */
export function learnControl(run, operationId) {
  if (!run.controlAnswers.has(operationId)) {
    run.controlAnswers.set(operationId, answerControl(run, operationId).then((control) => {
      run.onControl(control);
      return control;
    }));
  }
  return run.controlAnswers.get(operationId);
}

/** Why an answer that matches the expected rejection tells a correct server from a broken one, or undefined. */
function rejectionEvidence(run, c, answer, control) {
  if (control.unsent) return run.checkMsg && c.expect.field && namesField(answer.msg, c.expect.field) ? `its msg names ${c.expect.field}` : undefined;
  if (control.accepted) return 'the unbroken request is accepted';
  if (!sameAnswer(answer, control.base, false)) return `answered otherwise than the unbroken request (${describeAnswer(control.base)})`;
  if (!run.checkMsg) return undefined;
  if (control.msgStable && answer.msg !== control.base.msg) return 'its msg differs from the one both unbroken requests get';
  const field = c.expect.field;
  const named = field && namesField(answer.msg, field) && ![control.base, control.alt].some((a) => namesField(a.msg, field));
  return named ? `its msg names ${field}` : undefined;
}

/** Why a rejection case cannot be confirmed: its answer is the one the unbroken request gets. */
function unconfirmedReason(run, c, control) {
  if (control.unsent) return `${control.unsent}, so only a msg naming ${c.expect.field ?? 'the field'} could confirm this rejection`;
  const to = control.target === undefined ? '' : ` to ${control.target}`;
  const why = !run.checkMsg ? ' (--skip-msg-check: the msg is not compared)' : !control.msgStable ? ' (its msg changes with the body, so it is not compared)' : '';
  const what = c.expect.field ? `a rejection of ${c.expect.field}` : 'this rejection';
  return `the unbroken request${to} is answered the same way (${describeAnswer(control.base)})${why}: ${what} cannot be told apart from it`;
}

/**
 * The verdict of a rejection case (kind invalid or auth) whose answer broke no documented response:
 * `{ status, problems, reason, evidence }`. An invalid case answered like a rejected control is unconfirmed, not failed.
 */
export function rejectionVerdict(run, c, answer, expectationProblems, control) {
  if (control.problems?.length > 0) return { status: 'failed', problems: [...expectationProblems, ...control.problems] };
  if (expectationProblems.length > 0) {
    if (c.kind !== 'invalid' || control.unsent || control.accepted || !sameAnswer(answer, control.base, false)) return { status: 'failed', problems: expectationProblems };
    return { status: 'unconfirmed', problems: [], reason: unconfirmedReason(run, c, control) };
  }
  const evidence = rejectionEvidence(run, c, answer, control);
  return evidence ? { status: 'passed', problems: [], evidence } : { status: 'unconfirmed', problems: [], reason: unconfirmedReason(run, c, control) };
}
