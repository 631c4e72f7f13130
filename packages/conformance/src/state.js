// Reading state back. In a writing run, each case of a writing operation whose semantics entry has `readBack` is
// followed by a read of the run's target: an accepted write must have persisted what it sent (the entry's
// `stateProblems`), a rejected request must have changed nothing. The read goes over HTTP through the operation whose
// semantics entry says it `reads` (the batch query, by id list), so it works against any server; only a spec without
// one falls back to the `readState` option (the embedded mock's store). Without either, the operation's
// `state.read-back` case says so as unconfirmed.
import { isDeepStrictEqual } from 'node:util';
import { describeAnswer, isAccepted } from './evidence.js';
import { sendOperation } from './request.js';

/** The `[operationId, entry]` of the spec's operation whose semantics entry `reads` interviews by id, or undefined. */
export function readerOf(run) {
  return Object.entries(run.semantics).find(([operationId, entry]) => entry?.reads && run.operations.has(operationId));
}

/**
 * Reads the interviews `ids` over HTTP with the reading operation: `{ items }` (those the server returned), or
 * `{ unavailable }` (no reading operation in the spec, or it did not answer with success).
 */
export async function readByIds(run, ids) {
  const reader = readerOf(run);
  if (!reader) return { unavailable: 'the spec has no operation whose semantics entry reads interviews back (`reads`)' };
  const [operationId, entry] = reader;
  const answer = await sendOperation(run, operationId, entry.reads.request(ids, run.options));
  if (!isAccepted(answer)) return { unavailable: `${operationId} (the read back) answered ${describeAnswer(answer)}` };
  const items = entry.reads.items(answer.body);
  return Array.isArray(items) ? { items } : { unavailable: `${operationId} (the read back) answered no list of items` };
}

/** Reads one interview by id: `{ state }` (undefined when the server returned none with that id), or `{ unavailable }`. */
export async function readOne(run, id) {
  const read = await readByIds(run, [id]);
  return read.unavailable ? read : { state: read.items.find((item) => item?.id === id) };
}

/** The semantics entry of a case when its state is checked in this run (a writing run, an entry with readBack). */
function tracked(run, c) {
  const entry = run.semantics[c.operationId];
  return run.allowWrites && typeof entry?.readBack === 'function' ? entry : undefined;
}

/** Reads the target's state through the entry's readBack: `{ state }`, or `{ unavailable }` (remembered per operation). */
export async function readBack(run, c) {
  const entry = tracked(run, c);
  if (!entry) return { unavailable: 'no readBack in its semantics entry, or not a writing run' };
  if (run.unreadable.has(c.operationId)) return { unavailable: run.unreadable.get(c.operationId) };
  const context = {
    targetId: run.targetId, operation: run.operationOf(c), readState: run.options.readState,
    send: (operationId, parts) => sendOperation(run, operationId, parts),
    readOne: readerOf(run) ? (id) => readOne(run, id) : undefined,
  };
  const read = await entry.readBack(context);
  if (read?.unavailable) run.unreadable.set(c.operationId, read.unavailable);
  return read ?? { unavailable: 'readBack returned nothing' };
}

/** The state before case `c` runs (the last one read, else read now), or undefined when it is not checked. */
export async function stateBefore(run, c) {
  if (!tracked(run, c)) return undefined;
  if (!run.states.has(c.operationId)) run.states.set(c.operationId, await readBack(run, c));
  const read = run.states.get(c.operationId);
  return read.unavailable ? undefined : read;
}

/** The first place where two states differ, as `<path>: <before> -> <after>`. */
export function firstDifference(a, b, path = 'state') {
  const objects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!objects) return `${path}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`;
  const key = [...new Set([...Object.keys(a), ...Object.keys(b)])].find((k) => !isDeepStrictEqual(a[k], b[k]));
  return firstDifference(a[key], b[key], Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`);
}

/**
 * The state problems after case `c` got `answer` (`before` from stateBefore): an accepted valid write must be
 * stored as sent, a rejected request must leave the state as it was.
 */
export async function stateAfter(run, c, answer, sent, before) {
  if (!before) return [];
  const after = await readBack(run, c);
  run.states.set(c.operationId, after);
  if (after.unavailable) return [];
  if (!isAccepted(answer)) {
    return isDeepStrictEqual(before.state, after.state) ? [] : [`state: a rejected request changed the stored state (${firstDifference(before.state, after.state)})`];
  }
  if (c.kind !== 'valid') return [];
  const entry = run.semantics[c.operationId];
  return entry.stateProblems({ sent, state: after.state, targetId: run.targetId, doc: run.doc, operation: run.operationOf(c) });
}

/** Runs a `state.read-back` case: passes when the target's state can be read, unconfirmed when it cannot. */
export async function runStateCase(run, c) {
  const read = await readBack(run, c);
  if (read.unavailable) return { status: 'unconfirmed', problems: [], reason: `state not read back: ${read.unavailable}` };
  if (read.state === undefined) return { status: 'failed', problems: [`state: nothing is stored under ${run.targetId}`] };
  return { status: 'passed', problems: [], evidence: 'every case of the operation was followed by a read of the stored state' };
}
