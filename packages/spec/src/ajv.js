// Builds an Ajv (JSON Schema 2020-12) instance that knows every schema of the bundled spec.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The bundled OpenAPI document (dist/openapi.json). */
export const openapi = require('../dist/openapi.json');

/** The id under which the spec's components are registered in Ajv. */
export const SPEC_ID = 'https://feishu-hire.dev/openapi.json';

// OpenAPI annotation keywords that are not JSON Schema vocabulary; Ajv's strict mode must know them.
const ANNOTATIONS = ['example', 'x-enum-varnames', 'x-enum-descriptions', 'discriminator', 'xml', 'externalDocs'];

/**
 * The integer formats of the spec and the rule each one enforces, shared by every validator built from the spec
 * (Ajv here, the client's standalone validator). `int64` is limited to safe integers (|v| <= 2^53 - 1): a larger
 * JSON number cannot be represented exactly once parsed by JavaScript, so it is rejected rather than silently rounded.
 */
export const INTEGER_FORMATS = Object.freeze({
  int32: Object.freeze({ rule: 'a 32-bit integer', validate: (x) => Number.isInteger(x) && x >= -2147483648 && x <= 2147483647 }),
  int64: Object.freeze({ rule: 'a safe integer', validate: (x) => Number.isSafeInteger(x) }),
});

/** Returns the component schema `<name>` as an absolute `$ref` usable with `ajv.getSchema`. */
export function schemaRef(name) {
  return `${SPEC_ID}#/$defs/${name}`;
}

/** Creates an Ajv instance with every component schema of the spec registered under SPEC_ID. */
export function createSpecAjv(options = {}) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, ...options });
  addFormats(ajv);
  // ajv-formats' int64 only checks Number.isInteger (1e300 passes); the spec's own rules replace both integer formats.
  for (const [name, { validate }] of Object.entries(INTEGER_FORMATS)) ajv.addFormat(name, { type: 'number', validate });
  ajv.addVocabulary(ANNOTATIONS);
  // Component schemas become $defs of one schema document, so their internal $refs are rewritten to match.
  const $defs = JSON.parse(JSON.stringify(openapi.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'));
  ajv.addSchema({ $id: SPEC_ID, $defs });
  return ajv;
}
