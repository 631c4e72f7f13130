// The records a writing run writes to, per resource: the target of its updates and patches (given with `targets`, by
// the resource's id parameter, or created by the run through the resource's create), and the parent its creates go
// under (given by the parent's field, or a parent the run creates when the spec has the parent's create, or a fresh id
// when the spec says no existing parent is required). What the run creates it deletes again at the end.
import { randomBytes } from 'node:crypto';
import { describeAnswer, isAccepted } from './evidence.js';
import { readOne } from './state.js';
import { bodyFor, sendOperation } from './request.js';

/** A fresh id that cannot exist on any server: reject-only runs send every by-id case to it. */
export function nonexistentId() {
  return `conformance-nonexistent-${randomBytes(8).toString('hex')}`;
}

/** A fresh id for a parent outside the spec that the spec does not require to exist. */
const freshParentId = () => `conformance-parent-${randomBytes(8).toString('hex')}`;

/** The key of one record in the run's maps. */
export const recordKey = (resource, id) => `${resource.name}:${id}`;

/** Memoizes `make()` under `key` in `map` (a promise: concurrent callers share one). */
function once(map, key, make) {
  if (!map.has(key)) map.set(key, make());
  return map.get(key);
}

/**
 * A new parent for creates of `resource`: the run's given one, else a new record when the spec has the parent's
 * create, else a fresh id when no existing parent is required: `{ id }` (undefined for a resource without a parent;
 * `created` when the run created it), `{ skip }` (the run cannot get one) or `{ fail }` (the create of one failed).
 */
export async function newParent(run, resource) {
  const { parent } = resource;
  if (!parent) return {};
  const given = run.givenTargets[parent.field];
  if (given !== undefined) return { id: given };
  const parentResource = run.resources.get(parent.resource);
  if (parentResource?.operations.create) return createRecord(run, parentResource);
  if (parent.required === 'assumption') return { id: freshParentId() };
  return { skip: `needs --target ${parent.field}=<id>: a source says a create of ${resource.name} needs an existing ${parent.resource}` };
}

/**
 * The parent every create of `resource` in this run goes under, shared by every resource with that parent (resolved
 * once, when a case first needs it; see newParent): one parent fewer to create, and to delete at its own pace.
 */
export function parentFor(run, resource) {
  return once(run.parents, resource.parent?.resource ?? resource.name, () => newParent(run, resource));
}

/**
 * Creates one record of `resource` with its create's control request, under the run's parent for it (or `parent`);
 * resolves to `{ id, sent, answer, parentId, created: true }`, `{ skip }` or `{ fail }`. The run deletes it at the end.
 */
export async function createRecord(run, resource, parent) {
  const under = parent ?? (await parentFor(run, resource));
  if (under.skip || under.fail) return { skip: under.skip, fail: under.fail && `its parent: ${under.fail}` };
  const operationId = resource.operations.create;
  const { base } = run.controls[operationId];
  const sent = (await bodyFor(run, operationId, { kind: 'control', request: base, expect: {} }, under.id)).body;
  const answer = await sendOperation(run, operationId, { query: base.query, body: sent });
  if (!isAccepted(answer)) return { fail: `the create of a ${resource.name} (${operationId}) answered ${describeAnswer(answer)}`, answer };
  const id = run.semantics[operationId].createdId(answer.body);
  if (typeof id !== 'string' || id.length === 0) return { fail: `the create of a ${resource.name} (${operationId}) assigned no id, got ${JSON.stringify(id)}`, answer };
  noteCreated(run, resource, id, under.id);
  return { id, sent, answer, parentId: under.id, created: true };
}

/** Remembers a record the run created (and its parent), to delete it at the end. */
export function noteCreated(run, resource, id, parentId) {
  run.recordParents.set(recordKey(resource, id), parentId);
  run.created.set(recordKey(resource, id), { resource, id });
}

/** Deletes a record through its resource's delete; resolves to the answer (undefined without a delete). */
export async function deleteRecord(run, resource, id) {
  const operationId = resource.operations.delete;
  if (!operationId) return undefined;
  return sendOperation(run, operationId, { path: { [resource.idParameter]: id } });
}

/** The parent of a record: the one the run created it under, the run's given parent, or its stored parent field. */
export function recordParent(run, resource, id) {
  if (!resource.parent) return undefined;
  const key = recordKey(resource, id);
  return run.recordParents.get(key) ?? run.givenTargets[resource.parent.field];
}

/** The target of `resource`'s by-id writes: given (its stored parent read back), else created; `{ skip }` without a way. */
async function newTarget(run, resource) {
  const given = run.givenTargets[resource.idParameter];
  if (given !== undefined) {
    if (resource.parent && recordParent(run, resource, given) === undefined) {
      const read = await readOne(run, resource, given);
      const parentId = read.state?.[resource.parent.field];
      if (parentId !== undefined) run.recordParents.set(recordKey(resource, given), parentId);
    }
    return { id: given };
  }
  if (resource.operations.create) return createRecord(run, resource);
  return { skip: `needs --target ${resource.idParameter}=<id>: the spec has no create of ${resource.name} to make one` };
}

/**
 * The record the rejection cases of `resource`'s delete go to in a writing run: one the run creates, shared by them
 * (a correct server deletes nothing on a rejection; each case reads it back to see so), apart from the update's target.
 */
export function rejectionTargetFor(run, resource) {
  return once(run.rejectionTargets, resource.name, () => createRecord(run, resource));
}

/** The target of `resource`'s by-id writes in this run (resolved once, when a case first needs it; see newTarget). */
export function targetFor(run, resource) {
  return once(run.targets, resource.name, () => newTarget(run, resource));
}

/** Whether the records of `resource` are deleted only with their parent: no delete of their own, and the spec says they cascade. */
export function goesWithParent(resource) {
  return !resource.operations.delete && resource.parent?.cascade !== undefined;
}

/** Forgets the record the run created that an accepted delete removed, and what the spec says was deleted with it. */
export function forgetDeleted(run, resource, id) {
  run.created.delete(recordKey(resource, id));
  for (const child of [...run.created.values()]) {
    const { parent } = child.resource;
    if (parent?.cascade && parent.resource === resource.name && run.recordParents.get(recordKey(child.resource, child.id)) === id) {
      forgetDeleted(run, child.resource, child.id);
    }
  }
}

/**
 * Deletes, children first, what the run created and did not delete; resolves to those it could not delete, each as
 * `<resource> <id> (<why>)`: its resource has no delete in the spec (nor goes with a parent the run deleted), or its
 * delete was refused (e.g. a parent whose children have no delete).
 */
export async function deleteCreated(run) {
  const why = new Map();
  for (const { resource, id } of [...run.created.values()].reverse()) {
    const key = recordKey(resource, id);
    if (!run.created.has(key) || goesWithParent(resource)) continue;
    const answer = await deleteRecord(run, resource, id).catch((error) => ({ error }));
    if (answer === undefined) why.set(key, 'the spec has no delete of it');
    else if (answer.error || !isAccepted(answer)) why.set(key, `its delete answered ${answer.error ? answer.error.message : describeAnswer(answer)}`);
  }
  return [...run.created.values()].map(({ resource, id }) => {
    const reason = why.get(recordKey(resource, id)) ?? `the spec has no delete of it, and its parent ${resource.parent?.resource} was not deleted`;
    return `${resource.name} ${id} (${reason})`;
  });
}
