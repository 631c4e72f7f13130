// Validates an HTTP response (status, headers, body) against what its operation documents for that status, with the
// spec package's validation (its Ajv, its $ref handling, its one wording of a broken rule).
import { createValidation, describeError, parameterSchema } from '@feishu-hire/spec/validation';

/** The response an operation of the model documents for an HTTP status (exact, then `4XX`-style, then `default`). */
export function responseFor(operation, status) {
  const { responses } = operation;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

/** A media type split into its lower-case essence (`type/subtype`) and its parameters (lower-case names and values). */
export function parseMediaType(value) {
  const [essence, ...params] = String(value ?? '').split(';').map((p) => p.trim().toLowerCase());
  return { essence, params: Object.fromEntries(params.filter(Boolean).map((p) => p.split('=').map((x) => x.trim().replaceAll('"', '')))) };
}

/**
 * Whether a received Content-Type is exactly a documented one: the same `type/subtype` (`application/jsonp` is not
 * `application/json`), every parameter the spec states with its value, and no charset but UTF-8 (JSON is UTF-8).
 */
export function mediaTypeMatches(documented, received) {
  const want = parseMediaType(documented);
  const got = parseMediaType(received);
  if (got.essence !== want.essence) return false;
  if (Object.entries(want.params).some(([k, v]) => got.params[k] !== v)) return false;
  return got.params.charset === undefined || got.params.charset === (want.params.charset ?? 'utf-8');
}

/** The object schema of a response's declared headers (lower-case names), as the spec validates parameters. */
function headersSchema(response) {
  return parameterSchema(Object.entries(response.headers).map(([name, h]) => ({ name, in: 'header', required: h.required, schema: h.schema })));
}

/** @type {WeakMap<object, ReturnType<typeof buildValidator>>} */
const validators = new WeakMap();

/**
 * Creates a validator bound to one OpenAPI document (compiled once per document object):
 * `validate(operation, { status, headers, body, contentType })` returns problems as strings;
 * `validate.envelope(name, body)` those of a body that should be component schema `name`.
 */
export function createResponseValidator(doc) {
  if (!validators.has(doc)) validators.set(doc, buildValidator(doc));
  return validators.get(doc);
}

/** The response validator of `doc` (see createResponseValidator). */
function buildValidator(doc) {
  const { compile } = createValidation({ doc });
  // One compiled check per schema object (a response's headers or body), so that no request compiles or hashes again.
  const compiled = new WeakMap();
  const check = (schema, value, root, coerce = false) => {
    if (!compiled.has(schema)) compiled.set(schema, compile(coerce ? headersSchema(schema) : schema, coerce));
    const valid = compiled.get(schema);
    return valid(value) ? [] : valid.errors.map((e) => describeError(root, e));
  };
  const messages = (issues) => issues.map((issue) => issue.message);
  const envelopes = new Map();

  const headerProblems = (response, headers) => {
    const values = Object.fromEntries(Object.keys(response.headers).map((name) => [name, headers.get(name)]).filter(([, v]) => v !== null));
    return messages(check(response, values, 'header', true));
  };
  const bodyProblems = (response, { status, body, contentType }) => {
    const media = Object.entries(response.content);
    if (media.length === 0) return [];
    const [type, entry] = media.find(([t]) => mediaTypeMatches(t, contentType)) ?? [];
    if (!entry) return [`content-type ${JSON.stringify(contentType)} is not documented for HTTP ${status} (${media.map(([t]) => t).join(', ')})`];
    if (body === undefined) return [`body is not valid ${type}`];
    return messages(check(entry.schema, body, 'body'));
  };

  const validate = (operation, answer) => {
    const response = responseFor(operation, answer.status);
    if (!response) return [`HTTP ${answer.status} is not a documented response of ${operation.operationId}`];
    return [...headerProblems(response, answer.headers), ...bodyProblems(response, answer)];
  };
  const envelope = (name, body) => {
    if (!envelopes.has(name)) envelopes.set(name, { $ref: `#/components/schemas/${name}` });
    return messages(check(envelopes.get(name), body, 'body'));
  };
  return Object.assign(validate, { envelope });
}
