// Fault injection: answer a share of requests, or the next N, with a system error, a 429, added latency, a
// connection reset or a stalled body, so that users can test their own retry and timeout code.
import { createSpecAjv } from '@feishu-hire/spec/ajv';
import { describeErrors } from '@feishu-hire/spec/messages';
import { errorReply } from './reply.js';

/** The kinds of fault, in the order the README lists them. */
export const FAULT_KINDS = Object.freeze(['system-error', 'rate-limit', 'latency', 'reset', 'stall']);

/** The JSON Schema of one fault (the faults option, mock.faults.inject()); kind-specific rules are in checkFault(). */
export const FAULT_SCHEMA = Object.freeze({
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { enum: FAULT_KINDS },
    share: { type: 'number', minimum: 0, maximum: 1 },
    times: { type: 'integer', minimum: 1 },
    operationId: { type: 'string', minLength: 1 },
    ms: { type: 'integer', minimum: 1, maximum: 2_147_483_647 }, // setTimeout's largest delay (24.8 days)
    resetSeconds: { type: 'integer', minimum: 1 },
  },
});

/** Which fault field only applies to which kind. */
const KIND_FIELDS = Object.freeze({ ms: 'latency', resetSeconds: 'rate-limit' });

/**
 * The kind-specific rules of a fault that FAULT_SCHEMA accepts, as "<where>.<field> <rule>", or null: `share` and
 * `times` exclude each other, `ms` is required for and only for latency, `resetSeconds` only for rate-limit, and
 * `operationId` names an operation of `operationIds`.
 */
export function checkFault(fault, where, operationIds) {
  if (fault.share !== undefined && fault.times !== undefined) return `${where}.times cannot be given with ${where}.share (give one: the next N requests, or a share of them)`;
  if (fault.kind === 'latency' && fault.ms === undefined) return `${where}.ms is required for kind latency (the milliseconds to add)`;
  for (const [field, kind] of Object.entries(KIND_FIELDS)) {
    if (fault[field] !== undefined && fault.kind !== kind) return `${where}.${field} only applies to kind ${kind}`;
  }
  if (fault.operationId !== undefined && !operationIds.includes(fault.operationId)) {
    return `${where}.operationId must name an operation of the spec (one of ${operationIds.join(', ')})`;
  }
  return null;
}

let validateFault;

/** Throws a TypeError `Invalid fault: fault.<field> <rule>` unless `fault` is a valid fault. */
function assertFault(fault, operationIds) {
  validateFault ??= createSpecAjv().compile(FAULT_SCHEMA);
  if (!validateFault(fault)) throw new TypeError(`Invalid fault: ${describeErrors('fault', validateFault.errors)}`);
  const problem = checkFault(fault, 'fault', operationIds);
  if (problem) throw new TypeError(`Invalid fault: ${problem}`);
}

/** Whether `fault` applies to `operation`: the one it names, else every operation that needs a token. */
const targets = (fault, operation) => (fault.operationId === undefined ? operation.security.length > 0 : fault.operationId === operation.operationId);

/**
 * Creates the fault registry of one mock, holding the (validated) `initial` faults. `inject(fault)` adds one and
 * returns its handle `{ fault, fired, remove() }`; `clear()` removes all; `list()` the active faults; `take(operation)`
 * picks the fault for one request: the first that targets the operation and fires (a `times` fault fires on each of
 * its next N requests, a `share` fault when `random() < share`, one with neither on every request), or undefined.
 * @param {{ operations: readonly any[], random: () => number, initial: readonly object[] }} options
 */
export function createFaults({ operations, random, initial }) {
  const operationIds = operations.map((op) => op.operationId);
  /** @type {{ fault: any, left: number, fired: number }[]} */
  let entries = [];
  const add = (fault) => {
    const entry = { fault: Object.freeze({ ...fault }), left: fault.times ?? Infinity, fired: 0 };
    entries.push(entry);
    return entry;
  };
  const remove = (entry) => {
    entries = entries.filter((e) => e !== entry);
  };
  for (const fault of initial) add(fault);
  return {
    /** Adds a fault (validated; throws `Invalid fault: ...`); returns its handle. */
    inject(fault) {
      assertFault(fault, operationIds);
      const entry = add(fault);
      return { fault: entry.fault, get fired() { return entry.fired; }, remove: () => remove(entry) };
    },
    /** Removes every fault. */
    clear() {
      entries = [];
    },
    /** The active faults, in the order they are tried. */
    list: () => entries.map((e) => e.fault),
    /** The fault for one request to `operation`, counted as fired, or undefined. */
    take(operation) {
      const entry = entries.find((e) => targets(e.fault, operation) && (e.fault.share === undefined || random() < e.fault.share));
      if (!entry) return undefined;
      entry.fired += 1;
      entry.left -= 1;
      if (entry.left === 0) remove(entry);
      return entry.fault;
    },
  };
}

/**
 * The answer of a `system-error` or `rate-limit` fault for a served operation: its system_error code (HTTP 500), or
 * its rate_limited code (else `fallbackRateLimited`, the spec's) with x-ogw-ratelimit-limit (the operation's limit)
 * and x-ogw-ratelimit-reset (`resetSeconds`, default 1).
 */
export function faultReply(fault, served, fallbackRateLimited) {
  if (fault.kind === 'system-error') return served.reject('system_error');
  const entry = served.codeOf('rate_limited') ?? fallbackRateLimited;
  if (!entry) throw new Error(`mock-server: a rate-limit fault needs an error code with role rate_limited (x-feishu-error-codes)`);
  const limit = served.limit?.requests ?? served.operation.rateLimit.requests ?? 1;
  return errorReply(entry, undefined, { 'x-ogw-ratelimit-limit': String(limit), 'x-ogw-ratelimit-reset': String(fault.resetSeconds ?? 1) });
}

/** Resolves after `ms`, or as soon as `signal` aborts (the mock closes) or `socket` closes (the client went away). */
export function delay(ms, signal, socket) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      socket.off('close', done);
      resolve(undefined);
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    socket.once('close', done);
  });
}
