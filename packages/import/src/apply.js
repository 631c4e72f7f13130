// apply: runs a plan. Every resource's ops run side by side, each operation paced by its own rate limiter (the
// client's), and a record waits only for its own parent (it is set aside until then, so its resource's slots go to
// records that can be written), so the run takes as long as its slowest operation needs at
// its rate, not the sum. Every write is journalled: an intent just before it is sent (once its rate-limiter slot is
// granted), done (id, log id, body) after. A create
// whose outcome is unknown (a lost answer, a timeout, a 5xx, or an intent without done from a killed run) is first
// looked for by key under its parent and re-sent only when it is not there; the platform's idempotency window refuses
// a repeat of the key anyway. A refused record is reported with the platform's code and message and stops nothing
// unless `failFast`. A record whose parent failed is skipped.
import { HireApiError } from '@feishu-hire/client';
import { updateBody } from './compare.js';
import { outcomeUnknown } from './feishu.js';
import { lineReader } from './lines.js';
import { updateSchemaOf } from './plan.js';
import { keyOf } from './validate.js';

/** Sends of one create whose outcome stays unknown before the record is reported failed. */
const CREATE_ATTEMPTS = 8;

/** A record that cannot be written because of another one (its parent failed). */
class SkipError extends Error {}

/** What went wrong with a write, for the report: the platform's code and msg when it answered. */
function failureOf(error) {
  if (error instanceof SkipError) return { status: 'skipped', msg: error.message };
  if (error instanceof HireApiError) return { status: 'failed', code: error.code, msg: error.msg, logId: error.logId };
  return { status: 'failed', msg: error?.message ?? String(error), logId: error?.logId };
}

/**
 * The Feishu id of a record's parent: one created in this run (the record was queued only once it settled), else the
 * journal's; SkipError when the parent failed or has no known id.
 */
async function parentIdOf(ctx, resource, op) {
  if (op.parentId !== undefined || op.parentKey === undefined) return op.parentId;
  const parent = resource.parent.resource;
  const key = keyOf(parent, op.parentKey);
  const id = ctx.created.has(key) ? ctx.created.get(key) : ctx.journal.idOf(parent, op.parentKey);
  if (id instanceof Error) throw id;
  if (id === undefined) throw new SkipError(`its ${parent} ${JSON.stringify(op.parentKey)} has no Feishu id (created before without one being known)`);
  return id;
}

/** The stored record of `resource` with key `key` under `parentId`, read back from Feishu, or undefined. */
async function findByKey(ctx, resource, parentId, key) {
  if (!resource.listing) return undefined;
  for await (const record of ctx.feishu.list(resource, parentId)) if (record[resource.key] === key) return record;
  return undefined;
}

/** The record of `op` as the export has it, with its parent field set to the parent's Feishu id. */
function bodyOf(ctx, resource, op, parentId) {
  const { record } = JSON.parse(ctx.reader.read(op.offset, op.length));
  return resource.parent && parentId !== undefined ? { ...record, [resource.parent.field]: parentId } : record;
}

/**
 * Journals a record found on Feishu (an earlier write whose answer was lost, or no journal): it counts as done, with
 * `body` as what is stored (so that the next run compares with it instead of reading its parent again).
 */
async function found(ctx, resource, op, record, body) {
  await ctx.journal.append({ e: 'done', r: resource.name, k: op.key, op: 'found', id: record.id, p: op.parentId, body });
  return { status: 'found', id: record.id };
}

/** Creates the record of `op`, reconciling an unknown outcome by reading back before any re-send. */
async function createRecord(ctx, resource, op) {
  const parentId = await parentIdOf(ctx, resource, op);
  const body = bodyOf(ctx, resource, op, parentId);
  const journal = { r: resource.name, k: op.key, op: 'create', p: parentId };
  let unknown = Boolean(op.retry);
  if (unknown) {
    const existing = await findByKey(ctx, resource, parentId, op.key);
    if (existing) return found(ctx, resource, { ...op, parentId }, existing, existing);
  }
  const intent = () => ctx.journal.append({ e: 'intent', ...journal });
  for (let attempt = 1; ; attempt++) {
    try {
      const { id, logId } = await ctx.feishu.create(resource, body, intent);
      await ctx.journal.append({ e: 'done', ...journal, id, logId, body });
      return { status: 'created', id, logId };
    } catch (error) {
      const existing = error instanceof HireApiError || outcomeUnknown(resource.create, error) ? await findByKey(ctx, resource, parentId, op.key) : undefined;
      if (existing) return found(ctx, resource, { ...op, parentId }, existing, existing);
      if (outcomeUnknown(resource.create, error) && attempt < CREATE_ATTEMPTS) {
        unknown = true;
        continue;
      }
      if (unknown && !resource.listing && error instanceof HireApiError && !outcomeUnknown(resource.create, error)) {
        // Sent before with an unknown outcome, refused now, and nothing can read it back: most likely the first send
        // was applied and the platform refuses the repeat of its key (idempotency). Reported as such, never re-sent.
        await ctx.journal.append({ e: 'unverified', ...journal, code: error.code, msg: error.msg, logId: error.logId, body });
        return { status: 'unverified', code: error.code, msg: error.msg, logId: error.logId };
      }
      await ctx.journal.append({ e: 'failed', ...journal, ...failureOf(error), status: undefined, unknown: outcomeUnknown(resource.create, error) || undefined });
      throw error;
    }
  }
}

/** The record as stored now, for a full-overwrite update (lossless): read back, else the journal's last body. */
async function storedNow(ctx, resource, op, parentId) {
  if (resource.listing?.ids) {
    for await (const record of ctx.feishu.byIds(resource, [op.id])) if (record.id === op.id) return record;
  } else if (resource.listing) {
    const record = await findByKey(ctx, resource, parentId, op.key);
    if (record) return record;
  }
  return ctx.journal.bodyOf(resource.name, op.key);
}

/** Updates the record of `op` (its `fields` differ) with the resource's update or patch. */
async function updateRecord(ctx, resource, op) {
  const parentId = await parentIdOf(ctx, resource, op);
  const record = bodyOf(ctx, resource, op, parentId);
  const full = resource.overwrite === 'full';
  const stored = full ? await storedNow(ctx, resource, op, parentId) : undefined;
  const body = updateBody({ full, schema: ctx.updateSchemas.get(resource.name), record, stored, changed: op.fields });
  const journal = { r: resource.name, k: op.key, op: 'update' };
  try {
    const { logId } = await ctx.feishu.update(resource, op.id, body, () => ctx.journal.append({ e: 'intent', ...journal }));
    await ctx.journal.append({ e: 'done', ...journal, id: op.id, logId, body });
    return { status: 'updated', id: op.id, logId, fields: op.fields };
  } catch (error) {
    await ctx.journal.append({ e: 'failed', ...journal, ...failureOf(error), status: undefined });
    throw error;
  }
}

/** Deletes the record of a delete op (prune), and notes it deleted (`ctx.deleted`) for the records it takes with it. */
async function deleteRecord(ctx, resource, op) {
  const journal = { r: resource.name, k: op.key, op: 'delete' };
  const { logId } = await ctx.feishu.remove(resource, op.id, () => ctx.journal.append({ e: 'intent', ...journal }));
  await ctx.journal.append({ e: 'done', ...journal, id: op.id, logId });
  ctx.deleted.add(keyOf(resource.name, op.id));
  return { status: 'deleted', id: op.id, logId };
}

/**
 * Settles a delete op that its parent's delete carries out (`cascade`): journalled deleted once the parent is,
 * skipped when the parent was not deleted.
 */
async function cascadeRecord(ctx, resource, op) {
  if (!ctx.deleted.has(keyOf(resource.parent.resource, op.parentId))) throw new SkipError(`its ${resource.parent.resource} ${op.parentId} was not deleted`);
  await ctx.journal.append({ e: 'done', r: resource.name, k: op.key, op: 'delete', id: op.id, cascade: true });
  if (op.id !== undefined) ctx.deleted.add(keyOf(resource.name, op.id));
  return { status: 'deleted', id: op.id };
}

/** Runs one op; returns its outcome `{ status, id?, logId?, code?, msg?, fields? }`. */
async function runOp(ctx, resource, op) {
  if (op.action === 'unchanged') {
    // Found on Feishu by the plan's listing, unknown to the journal (an earlier answer lost, or no journal): noted.
    if (op.id !== undefined && ctx.journal.idOf(resource.name, op.key) !== op.id) await found(ctx, resource, op, { id: op.id }, bodyOf(ctx, resource, op, op.parentId));
    return { status: op.unverified ? 'unverified' : 'unchanged', id: op.id };
  }
  if (op.action === 'conflict') {
    const why = op.unverified ? 'its Feishu id is unknown (unverified: it cannot be read back)'
      : op.fixed ? `${resource.update.operationId} cannot change ${op.fixed.join(', ')}` : `${resource.name} has no update or patch operation`;
    return { status: 'failed', id: op.id, fields: op.fields, msg: `differs from ${op.unverified ? 'what was sent' : 'Feishu'} in ${op.fields.join(', ')}, and ${why}` };
  }
  if (op.action === 'create') return createRecord(ctx, resource, op);
  if (op.action === 'update') return updateRecord(ctx, resource, op);
  return op.cascade ? cascadeRecord(ctx, resource, op) : deleteRecord(ctx, resource, op);
}

/** Runs `op`, reports its outcome, and settles the wait of its children on it (also when the run is stopping). */
async function settle(ctx, resource, op) {
  if (ctx.signal?.aborted) ctx.stopped = true;
  const key = keyOf(resource.name, op.key);
  const awaited = ctx.parents.has(key) && op.action === 'create';
  /** @type {any} */
  let outcome;
  if (ctx.stopped) outcome = { status: 'stopped' };
  else {
    try {
      outcome = await runOp(ctx, resource, op);
    } catch (error) {
      outcome = failureOf(error);
    }
  }
  if (awaited) {
    ctx.created.set(key, outcome.id ?? new SkipError(`its ${resource.name} ${JSON.stringify(op.key)} was not created (${outcome.status})`));
    for (const listener of ctx.listeners) listener(key);
  }
  if (outcome.status === 'stopped') return;
  if (['failed', 'skipped'].includes(outcome.status) && ctx.failFast) ctx.stopped = true;
  ctx.onOutcome({ resource: resource.name, key: op.key, line: op.line, action: op.action, ...outcome });
}

/**
 * The queue of one resource's ops: an op whose parent is being created in this run waits aside until the parent
 * settles, so that the resource's slots go to records that can be written now, not to records waiting in file order.
 * `next()` resolves to the next op, or undefined when none is left.
 */
function queueOf(ctx, resource, ops) {
  const ready = [];
  const parked = new Map();
  let waiters = [];
  let head = 0;
  for (const op of ops) {
    const parent = op.parentKey !== undefined && op.parentId === undefined ? keyOf(resource.parent.resource, op.parentKey) : undefined;
    if (parent && ctx.creating.has(parent)) parked.set(parent, [...(parked.get(parent) ?? []), op]);
    else ready.push(op);
  }
  ctx.listeners.push((key) => {
    const list = parked.get(key);
    if (!list) return;
    parked.delete(key);
    ready.push(...list);
    const woken = waiters;
    waiters = [];
    woken.forEach((wake) => wake());
  });
  return {
    async next() {
      while (head >= ready.length && parked.size) await new Promise((wake) => waiters.push(wake));
      return head < ready.length ? ready[head++] : undefined;
    },
  };
}

/** Runs the ops of one resource, `limit` at a time, each as soon as its parent exists. */
async function runResource(ctx, resource, ops, limit) {
  const queue = queueOf(ctx, resource, ops);
  const worker = async () => {
    for (let op = await queue.next(); op; op = await queue.next()) await settle(ctx, resource, op);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}

/**
 * Runs `plan` (of planImport). `options`: `model`, `file`, `index` (the parents its records name), `journal` (openJournal),
 * `feishu`, `failFast`, `concurrency(resource)` (ops in flight per resource), `onOutcome(outcome)` called once per
 * op as it settles, `signal` (no op starts once it aborts). Resolves to `{ stopped }` (failFast or the signal).
 */
export async function applyPlan(options) {
  const { model, plan, file, index, journal, feishu, failFast = false, concurrency, onOutcome, signal } = options;
  /** @type {any} */
  const ctx = { journal, feishu, failFast, onOutcome, signal, stopped: false, reader: lineReader(file), created: new Map(), deleted: new Set(), updateSchemas: new Map(), listeners: [] };
  for (const resource of model.resources) ctx.updateSchemas.set(resource.name, updateSchemaOf(model, resource));
  const { ops } = plan;
  // Only a record some other record names as its parent needs its creation waited for.
  const parents = new Set();
  for (const resource of model.resources.filter((r) => r.parent?.byKey)) {
    for (const entry of index.byResource.get(resource.name)) if (entry.parentKey !== undefined) parents.add(keyOf(resource.parent.resource, entry.parentKey));
  }
  ctx.parents = parents;
  // The parents created in this run: their children wait aside until they settle (queueOf).
  ctx.creating = new Set(ops.filter((op) => op.action === 'create' && parents.has(keyOf(op.resource, op.key))).map((op) => keyOf(op.resource, op.key)));
  try {
    await Promise.all(model.resources.map((resource) => runResource(ctx, resource, ops.filter((op) => op.resource === resource.name), concurrency(resource))));
    // Children first; the records a parent's delete takes with it after it, parents first.
    for (const op of plan.deletes.filter((o) => !o.cascade)) await settle(ctx, model.byName(op.resource), op);
    for (const op of plan.deletes.filter((o) => o.cascade).reverse()) await settle(ctx, model.byName(op.resource), op);
  } finally {
    ctx.reader.close();
  }
  return { stopped: ctx.stopped };
}
