// Builds an Ajv (JSON Schema 2020-12) instance that knows every component schema of an OpenAPI document.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createRequire } from 'node:module';
import { INTEGER_FORMATS } from './formats.js';

export { INTEGER_FORMATS } from './formats.js';

const require = createRequire(import.meta.url);

/** The bundled OpenAPI document (dist/openapi.json). */
export const openapi = require('../dist/openapi.json');

/** The id under which the document's components are registered in Ajv. */
export const SPEC_ID = 'https://feishu-hire.dev/openapi.json';

// OpenAPI annotation keywords that are not JSON Schema vocabulary; Ajv's strict mode must know them.
const ANNOTATIONS = ['example', 'x-enum-varnames', 'x-enum-descriptions', 'discriminator', 'xml', 'externalDocs'];

/** Returns the component schema `<name>` as an absolute `$ref` usable with `ajv.getSchema`. */
export function schemaRef(name) {
  return `${SPEC_ID}#/$defs/${name}`;
}

/** Rewrites a schema of the document so that its `#/components/schemas/X` refs point into the Ajv registry (`$defs`). */
export function toAjvSchema(schema, base = SPEC_ID) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${base}#/$defs/`));
}

/**
 * Creates an Ajv instance with every component schema of `doc` (default: the bundled spec) registered under SPEC_ID.
 * Other options go to Ajv.
 */
export function createSpecAjv({ doc = openapi, ...options } = {}) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, ...options });
  addFormats(ajv);
  // ajv-formats' int64 only checks Number.isInteger (1e300 passes); the spec's own rules replace both integer formats.
  for (const [name, { validate }] of Object.entries(INTEGER_FORMATS)) ajv.addFormat(name, { type: 'number', validate });
  ajv.addVocabulary(ANNOTATIONS);
  // Component schemas become $defs of one schema document, so their internal $refs are rewritten to match.
  ajv.addSchema({ $id: SPEC_ID, $defs: toAjvSchema(doc.components?.schemas ?? {}, '') });
  return ajv;
}
