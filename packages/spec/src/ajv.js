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

/** Returns the component schema `<name>` as an absolute `$ref` usable with `ajv.getSchema`. */
export function schemaRef(name) {
  return `${SPEC_ID}#/$defs/${name}`;
}

/** Creates an Ajv instance with every component schema of the spec registered under SPEC_ID. */
export function createSpecAjv(options = {}) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, ...options });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATIONS);
  // Component schemas become $defs of one schema document, so their internal $refs are rewritten to match.
  const $defs = JSON.parse(JSON.stringify(openapi.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'));
  ajv.addSchema({ $id: SPEC_ID, $defs });
  return ajv;
}
