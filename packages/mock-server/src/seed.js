// Seeds: the default one, built from the spec's examples (every record a success answer of a resource's operations
// shows, so that every path-parameter example of the spec names a stored record), and the checks of a given seed
// (each record valid, ids unique, each parent of the spec seeded too). Generic: it reads the resources' plans.
import { ID } from './resources.js';

/** The roles whose success examples show records, in lifecycle order: a later example of one id shows its later state. */
const SHOWING_ROLES = ['create', 'read', 'list', 'update', 'patch'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The records one success example (`{ code, msg, data }`) of `operation` shows; `request`: the request example of the same name. */
function recordsOfExample(plan, operation, example, request) {
  const data = example?.data;
  if (!isObject(data)) return [];
  if (Array.isArray(data.items)) return data.items;
  const { recordKey } = plan.resource;
  if (recordKey) return isObject(data[recordKey]) ? [data[recordKey]] : [];
  // An answer with no record (e.g. `{ id }` of a create): the record is the request it answers, with what it assigned.
  return operation.resource.role === 'create' && typeof data[ID] === 'string' ? [{ ...request, ...data }] : [];
}

/** The request example of `operation` named `name`, else its first one (or `{}`). */
function requestExample(operation, name) {
  const examples = operation.requestBody?.examples ?? {};
  return structuredClone(examples[name] ?? Object.values(examples)[0] ?? {});
}

/**
 * The default seed of a spec: `{ [resource]: records }`, each resource's records from the success (200) examples of
 * its operations (the record under the record key, a list's `items`), by id in the order first shown, each in the
 * state the last example in lifecycle order shows.
 * @param {any[]} plans @param {any[]} operations
 */
export function defaultSeedOf(plans, operations) {
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const seed = {};
  for (const plan of plans) {
    const records = new Map();
    for (const role of SHOWING_ROLES) {
      const operation = byId.get(plan.resource.operations[role]);
      for (const content of Object.values(operation?.responses['200']?.content ?? {})) {
        for (const [name, example] of Object.entries(content.examples ?? {})) {
          for (const record of recordsOfExample(plan, operation, example, requestExample(operation, name))) {
            if (typeof record?.[ID] === 'string') records.set(record[ID], structuredClone(record));
          }
        }
      }
    }
    seed[plan.name] = [...records.values()];
  }
  return seed;
}

/** The problem of the first seeded record whose parent (a resource of the spec) is not seeded, or undefined. */
function missingParent(seed, plans, rootOf) {
  for (const plan of plans) {
    const parent = plan.resource.parent;
    if (!parent?.inSpec) continue;
    const ids = new Set((seed[parent.resource] ?? []).map((r) => r[ID]));
    const at = (seed[plan.name] ?? []).findIndex((r) => r[parent.field] !== undefined && !ids.has(r[parent.field]));
    if (at >= 0) return `${rootOf(plan.name)}[${at}].${parent.field} ${JSON.stringify(seed[plan.name][at][parent.field])} names no seeded ${parent.resource} (parentChecks)`;
  }
  return undefined;
}

/**
 * Checks a seed `{ [resource]: records }` against `spec` (validators.js): a resource of the spec, valid records,
 * unique ids, and (with `parentChecks`) every parent of the spec seeded. Returns the problem, or undefined.
 * `rootOf(name)` names a resource's records in the problem (e.g. `seed.external_interview`).
 */
export function seedProblem(seed, spec, { parentChecks, rootOf }) {
  for (const [name, records] of Object.entries(seed)) {
    const plan = spec.plans.find((p) => p.name === name);
    if (!plan) return `${rootOf(name)} is not a resource of the spec (it has ${spec.plans.map((p) => p.name).join(', ') || 'none'})`;
    if (!Array.isArray(records)) return `${rootOf(name)} must be an array of records`;
    const seen = new Set();
    for (const [i, record] of records.entries()) {
      const problem = spec.checkRecord(name, record, `${rootOf(name)}[${i}]`);
      if (problem) return problem;
      if (seen.has(record[ID])) return `${rootOf(name)}[${i}].${ID} ${JSON.stringify(record[ID])} is a duplicate`;
      seen.add(record[ID]);
    }
  }
  return parentChecks ? missingParent(seed, spec.plans, rootOf) : undefined;
}
