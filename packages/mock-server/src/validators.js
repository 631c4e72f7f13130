// The spec the mock serves, read once per document: its operations model, its resources (the mock's plan of each),
// the validators of each operation (the shared @feishu-hire/spec/validation), the check of a stored record of each
// resource, and the default seed built from the spec's examples.
import { errorCodesOf, openapi, operationsOf } from '@feishu-hire/spec/model';
import { createValidation, joinIssues } from '@feishu-hire/spec/validation';
import { ID, resourcePlansOf } from './resources.js';
import { defaultSeedOf } from './seed.js';

/** A stored record of `plan`: its record schema (when the spec gives one) with a non-empty `id` and its parent field. */
function recordSchema(plan) {
  const parentField = plan.resource.parent?.field;
  return {
    type: 'object',
    ...(plan.schema ? { allOf: [plan.schema] } : {}),
    required: [ID, ...(parentField ? [parentField] : [])],
    properties: { [ID]: { type: 'string', minLength: 1 }, ...(parentField ? { [parentField]: {} } : {}) },
  };
}

/** @type {WeakMap<object, ReturnType<typeof readSpec>>} */
const loaded = new WeakMap();

/** Reads `doc`: its operations and resources (checked by the model), error codes, validators, record checks, default seed. */
function readSpec(doc) {
  let operations;
  let plans;
  try {
    operations = operationsOf(doc);
    plans = resourcePlansOf(doc, operations);
  } catch (error) {
    throw new Error(`mock-server: the spec cannot be served: ${/** @type {Error} */ (error).message}`, { cause: error });
  }
  const validation = createValidation({ doc });
  const records = new Map(plans.map((plan) => [plan.name, recordSchema(plan)]));
  for (const schema of records.values()) validation.compile(schema);
  /** Checks a record of resource `name`; returns null or the issues as one message naming `root`. */
  const checkRecord = (name, value, root) => {
    const issues = validation.validate(/** @type {object} */ (records.get(name)), value, root);
    return issues.length ? joinIssues(issues) : null;
  };
  return {
    doc,
    operations,
    plans,
    errorCodes: errorCodesOf(doc),
    /** The path, query, header and body checks of each operation, by operationId (compiled now, at start). */
    checks: new Map(operations.map((op) => [op.operationId, validation.forOperation(op)])),
    checkRecord,
    /** `{ [resource]: records }` from the success examples of each resource's operations. */
    defaultSeed: defaultSeedOf(plans, operations),
  };
}

/** The spec `doc` (default: the bundled one), read and compiled once per document object. */
export function loadSpec(doc = openapi) {
  if (!loaded.has(doc)) loaded.set(doc, readSpec(doc));
  return /** @type {ReturnType<typeof readSpec>} */ (loaded.get(doc));
}
