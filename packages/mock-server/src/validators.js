// The spec the mock serves, read once per document: its operations model, the validators of each operation
// (the shared @feishu-hire/spec/validation) and the check of seeded interviews.
import { errorCodesOf, openapi, operationsOf } from '@feishu-hire/spec/model';
import { createValidation, joinIssues } from '@feishu-hire/spec/validation';

// A seeded interview is a stored ExternalInterview that must at least carry its id and application id.
const SEED_INTERVIEW = {
  type: 'object',
  allOf: [{ $ref: '#/components/schemas/ExternalInterview' }],
  required: ['id', 'external_application_id'],
  properties: { id: { type: 'string', minLength: 1 }, external_application_id: { type: 'string' } },
};

/** @type {WeakMap<object, ReturnType<typeof readSpec>>} */
const loaded = new WeakMap();

/** Reads `doc`: its operations (checked by operationsOf), error codes, each operation's validators, the seed check. */
function readSpec(doc) {
  let operations;
  try {
    operations = operationsOf(doc);
  } catch (error) {
    throw new Error(`mock-server: the spec cannot be served: ${/** @type {Error} */ (error).message}`, { cause: error });
  }
  const validation = createValidation({ doc });
  validation.compile(SEED_INTERVIEW);
  return {
    doc,
    operations,
    errorCodes: errorCodesOf(doc),
    /** The path, query, header and body checks of each operation, by operationId (compiled now, at start). */
    checks: new Map(operations.map((op) => [op.operationId, validation.forOperation(op)])),
    /** Checks a seeded or stored interview; returns null or the issues as one message naming `root`. */
    interview: (value, root) => {
      const issues = validation.validate(SEED_INTERVIEW, value, root);
      return issues.length ? joinIssues(issues) : null;
    },
  };
}

/** The spec `doc` (default: the bundled one), read and compiled once per document object. */
export function loadSpec(doc = openapi) {
  if (!loaded.has(doc)) loaded.set(doc, readSpec(doc));
  return /** @type {ReturnType<typeof readSpec>} */ (loaded.get(doc));
}
