// The one store behind every operation: the records of each resource of the spec (records.js), the referential checks
// between them, the seed and reset(). A record naming a parent that is a resource of the spec must name an existing
// one; a parent is not deleted while records name it (no source says what becomes of them: the mock loses nothing),
// unless their resource declares `parent.cascade`: then they are deleted with it.
import { ID } from './resources.js';
import { legacyMethods } from './legacy.js';
import { createRecords } from './records.js';

/** Why `record` of `plan` is refused for naming a missing parent, or undefined. */
function parentProblem(plan, record, resourceOf) {
  const parent = plan.resource.parent;
  const value = parent?.inSpec ? record[parent.field] : undefined;
  if (value === undefined || resourceOf(parent.resource).has(value)) return undefined;
  const basis = parent.required === 'source' ? 'as a source states' : 'an assumption: no source states it; parentChecks: false turns it off';
  return `body.${parent.field} ${JSON.stringify(value)} names no ${parent.resource} (a record must name an existing parent: ${basis})`;
}

/**
 * Why the record `id` of `plan` cannot be deleted, or undefined: records of the spec name it as their parent, and
 * their resource does not declare `parent.cascade` (or a cascading child has such records of its own).
 */
function childrenProblem(plan, id, resourceOf) {
  for (const child of plan.children) {
    const records = resourceOf(child.name);
    const count = records.count({ parent: id });
    if (count === 0) continue;
    if (!child.cascade) {
      return `path.${plan.resource.idParameter} ${JSON.stringify(id)} is the parent of ${count} ${child.name} record(s) (${child.field}): delete them first `
        + '(an assumption: no source says what deleting a parent does to its children, so the mock keeps them and refuses; parentChecks: false turns it off)';
    }
    for (const record of records.list({ parent: id })) {
      const problem = childrenProblem(records.plan, record[ID], resourceOf);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Deletes the records deleted with the record `id` of `plan` (its children whose resource declares `parent.cascade`). */
function deleteCascading(plan, id, resourceOf) {
  for (const child of plan.children) {
    if (!child.cascade) continue;
    const records = resourceOf(child.name);
    for (const record of records.list({ parent: id })) records.delete(record[ID]);
  }
}

/**
 * Creates the store of a loaded spec (validators.js), seeded with `seed` (`{ [resource]: records }`, already checked).
 * `limits`: `{ records, listItems, idempotencyKeys }`; `parentChecks`: whether parents are checked (see above).
 * @param {any} spec
 * @param {{ seed: Record<string, object[]>, now: () => number, limits: any, parentChecks: boolean }} options
 */
export function createStore(spec, { seed, now, limits, parentChecks }) {
  const byName = new Map();
  const resourceOf = (name) => {
    const records = byName.get(name);
    if (!records) throw new Error(`mock-server: the spec has no resource ${name} (it has ${[...byName.keys()].join(', ') || 'none'})`);
    return records;
  };
  for (const plan of spec.plans) {
    const guard = {
      parent: (record) => (parentChecks ? parentProblem(plan, record, resourceOf) : undefined),
      children: (id) => (parentChecks ? childrenProblem(plan, id, resourceOf) : undefined),
      deleted: (id) => deleteCascading(plan, id, resourceOf),
    };
    const records = createRecords(plan, { now, limits, guard });
    /** Inserts or replaces a record as is, validated against the spec (throws a TypeError naming the field). */
    const set = (record) => {
      const problem = spec.checkRecord(plan.name, record, plan.name);
      if (problem) throw new TypeError(`Invalid ${plan.name}: ${problem}`);
      return records.set(record);
    };
    byName.set(plan.name, { ...records, set });
  }
  const load = () => {
    for (const records of byName.values()) records.clear();
    for (const plan of spec.plans) for (const record of seed[plan.name] ?? []) byName.get(plan.name).set(record);
  };
  load();
  return {
    /** The records of resource `name` (throws naming it when the spec has none). */
    resource: resourceOf,
    /** The names of the spec's resources, parents first. */
    resources: () => [...byName.keys()],
    /** Restores the seed state of every resource and forgets the idempotency keys creates took. */
    reset: load,
    ...legacyMethods(resourceOf),
  };
}

