// The one validation module: compiles the schemas of any operation's parameters and body with Ajv and reports every
// broken rule in one wording (messages.js). The mock, the conformance suite and the client's generator use it.
import { createSpecAjv, openapi, toAjvSchema } from './ajv.js';
import { describeError } from './messages.js';

export { describeError, describeErrors, fieldPath } from './messages.js';

/** The object schema of one parameter location (`path`, `query`, `header`; header names in lower case). */
export function parameterSchema(parameters) {
  const name = (p) => (p.in === 'header' ? p.name.toLowerCase() : p.name);
  return {
    type: 'object',
    required: parameters.filter((p) => p.required).map(name),
    properties: Object.fromEntries(parameters.map((p) => [name(p), p.schema])),
  };
}

/** Joins issues into one message, each phrase once ("" when there are none). */
export function joinIssues(issues) {
  return [...new Set(issues.map((i) => i.message))].join('; ');
}

/**
 * Creates the validators of a document (default: the bundled spec). `validate(schema, value, root)` returns the
 * issues `[{ path, rule, message }]` (empty when valid); `forOperation(op)` gives `path`, `query`, `header` and
 * `body` checks of one operation of the model. Parameters arrive as strings, so their checks coerce them in place
 * (`"20"` becomes `20` for an integer).
 */
export function createValidation({ doc = openapi } = {}) {
  const strict = createSpecAjv({ doc });
  const coercing = createSpecAjv({ doc, coerceTypes: true });
  const cache = new Map();
  const compile = (schema, coerce = false) => {
    const key = `${coerce}:${JSON.stringify(schema)}`;
    if (!cache.has(key)) cache.set(key, (coerce ? coercing : strict).compile(toAjvSchema(schema)));
    return cache.get(key);
  };
  const validate = (schema, value, root, coerce = false) => {
    const check = compile(schema, coerce);
    return check(value) ? [] : check.errors.map((e) => describeError(root, e));
  };
  const forOperation = (operation) => {
    const params = (location) => {
      const schema = parameterSchema(operation.parameters[location]);
      compile(schema, true); // compiled now, so that a schema Ajv rejects fails at start-up, not at the first request
      return (values) => validate(schema, values, location, true);
    };
    const body = operation.requestBody && operation.requestBody.schema;
    if (body) compile(body);
    return { path: params('path'), query: params('query'), header: params('header'), body: body ? (value) => validate(body, value, 'body') : undefined };
  };
  return { ajv: strict, compile, validate, forOperation };
}
