// Request validators of the mock, compiled once from the bundled spec (@feishu-hire/spec) with Ajv 2020-12.
import { createSpecAjv, INTEGER_FORMATS, openapi, schemaRef, SPEC_ID } from '@feishu-hire/spec/ajv';

/** Path template of the one operation the mock serves, exactly as written in the spec. */
export const OPERATION_PATH = '/open-apis/hire/v1/external_interviews/{external_interview_id}';

/** Follows a local `$ref` ("#/components/...") of the bundled document. */
export function deref(node) {
  return node && typeof node.$ref === 'string' && node.$ref.startsWith('#/')
    ? deref(node.$ref.slice(2).split('/').reduce((o, k) => o[k], /** @type {any} */ (openapi)))
    : node;
}

/** Rewrites a schema of the bundled document so that its component `$ref`s point into the Ajv registry. */
function toAjvSchema(schema) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${SPEC_ID}#/$defs/`));
}

/** Turns an Ajv instance path ("/interview_assessments/0/conclusion") into "body.interview_assessments[0].conclusion". */
export function fieldName(root, instancePath) {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((name, p) => (/^\d+$/.test(p) ? `${name}[${p}]` : `${name}.${p}`), root);
}

/** Formats Ajv errors as "field rule" phrases, e.g. "body.x[0].conclusion must be one of 1, 2, 3" (deduplicated). */
export function describeErrors(root, errors) {
  const phrases = (errors ?? []).map((e) => {
    const field = fieldName(root, e.instancePath);
    const p = /** @type {any} */ (e.params);
    switch (e.keyword) {
      case 'enum':
        return `${field} must be one of ${p.allowedValues.join(', ')}`;
      case 'required':
        return `${field}.${p.missingProperty} is required`;
      case 'additionalProperties':
        return `${field}.${p.additionalProperty} is not an allowed field`;
      case 'unevaluatedProperties':
        return `${field}.${p.unevaluatedProperty} is not an allowed field`;
      case 'format':
        return INTEGER_FORMATS[p.format] ? `${field} must be ${INTEGER_FORMATS[p.format].rule} (format ${p.format})` : `${field} ${e.message}`;
      case 'const':
        return `${field} must be ${JSON.stringify(p.allowedValue)}`;
      default:
        return `${field} ${e.message}`;
    }
  });
  return [...new Set(phrases)].join('; ');
}

/**
 * Compiles every validator the mock needs, once: the request body, the path parameters, the seed interviews.
 * Each returns `null` when valid or a "field rule" message.
 */
export function createValidators() {
  const ajv = createSpecAjv();
  const operation = openapi.paths[OPERATION_PATH].put;

  const [[mediaType, media]] = Object.entries(operation.requestBody.content);
  const body = ajv.compile(toAjvSchema(media.schema));

  const pathParams = operation.parameters.map(deref).filter((p) => p.in === 'path');
  const path = ajv.compile({
    type: 'object',
    required: pathParams.filter((p) => p.required).map((p) => p.name),
    properties: Object.fromEntries(pathParams.map((p) => [p.name, toAjvSchema(p.schema)])),
  });

  // A seeded interview is a stored ExternalInterview that must at least carry its id and application id.
  const interview = ajv.compile({
    type: 'object',
    allOf: [{ $ref: schemaRef('ExternalInterview') }],
    required: ['id', 'external_application_id'],
    properties: { id: { type: 'string', minLength: 1 }, external_application_id: { type: 'string' } },
  });

  /** @param {any} fn @param {string} root */
  const check = (fn, root) => (/** @type {unknown} */ value) => (fn(value) ? null : describeErrors(root, fn.errors));
  return {
    /** The media type the spec declares for the request body. */
    mediaType,
    body: check(body, 'body'),
    path: check(path, 'path'),
    /** @param {unknown} value @param {string} root */
    interview: (value, root) => (interview(value) ? null : describeErrors(root, interview.errors)),
  };
}
