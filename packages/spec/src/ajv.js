// Builds an Ajv (JSON Schema 2020-12) instance that knows every component schema of an OpenAPI document.
import Ajv2020 from 'ajv/dist/2020.js';
import { _ } from 'ajv';
import names from 'ajv/dist/compile/names.js';
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

/** The keyword limitIssues() adds to every subschema: its value is the issue count past which validation stops. */
export const ISSUE_LIMIT_KEYWORD = 'x-issue-limit';

/** The property of what a validator stopped by ISSUE_LIMIT_KEYWORD throws: the Ajv errors found so far. */
export const ISSUES_FOUND = 'issuesFound';

const N = names.default ?? names; // ajv's generated-code variable names (CommonJS default export)

/**
 * ISSUE_LIMIT_KEYWORD: where it stands, a validator with allErrors that has found more issues than its value throws
 * `{ [ISSUES_FOUND]: errors }` instead of going on. Why: with allErrors, Ajv copies the error list once for each
 * failing call of a referenced schema, so n bad items of an array cost O(n²) (60,000 took 11 s) and list n issues.
 */
const issueLimit = Object.freeze({
  keyword: ISSUE_LIMIT_KEYWORD,
  schemaType: 'number',
  errors: false,
  code(cxt) {
    cxt.gen.if(_`${N.errors} > ${cxt.schema}`, () => cxt.gen.throw(_`{ ${ISSUES_FOUND}: ${N.vErrors} }`));
  },
});

// Keywords whose value is one subschema, a map of them, or a list of them (the rest holds data or names).
const SUBSCHEMA = ['items', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else'];
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

/**
 * A copy of `schema` with ISSUE_LIMIT_KEYWORD `max` in each of its (object) subschemas, so that the loops over an
 * array's items or an object's fields check the count on each turn. The Ajv that compiles it needs the keyword
 * (createSpecAjv's `maxIssues`).
 */
export function limitIssues(schema, max) {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out = { ...schema, [ISSUE_LIMIT_KEYWORD]: max };
  for (const key of SUBSCHEMA) if (schema[key] !== undefined) out[key] = limitIssues(schema[key], max);
  for (const key of SUBSCHEMA_MAPS) {
    if (schema[key]) out[key] = Object.fromEntries(Object.entries(schema[key]).map(([name, s]) => [name, limitIssues(s, max)]));
  }
  for (const key of SUBSCHEMA_LISTS) if (Array.isArray(schema[key])) out[key] = schema[key].map((s) => limitIssues(s, max));
  return out;
}

/**
 * Creates an Ajv instance with every component schema of `doc` (default: the bundled spec) registered under SPEC_ID.
 * With `maxIssues`, it knows ISSUE_LIMIT_KEYWORD and the components carry it (limitIssues). Other options go to Ajv.
 */
export function createSpecAjv({ doc = openapi, maxIssues, ...options } = {}) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, ...options });
  addFormats(ajv);
  // ajv-formats' int64 only checks Number.isInteger (1e300 passes); the spec's own rules replace both integer formats.
  for (const [name, { validate }] of Object.entries(INTEGER_FORMATS)) ajv.addFormat(name, { type: 'number', validate });
  ajv.addVocabulary(ANNOTATIONS);
  // Component schemas become $defs of one schema document, so their internal $refs are rewritten to match.
  const defs = toAjvSchema(doc.components?.schemas ?? {}, '');
  if (maxIssues === undefined) ajv.addSchema({ $id: SPEC_ID, $defs: defs });
  else ajv.addKeyword(issueLimit).addSchema(limitIssues({ $id: SPEC_ID, $defs: defs }, maxIssues));
  return ajv;
}
