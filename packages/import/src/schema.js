// The export format's JSON Schema, derived from the spec: one line of the export is `{ "resource": <name>, "record":
// <the resource's create body> }`, where the field naming an imported parent holds the parent's key (its
// `external_id` in the export) or `{ "id": <Feishu id> }`, and the record's key is required. The schemas are
// self-contained (every $ref inlined) and closed (an unknown field is refused: in an import a misspelled field would
// be dropped silently), with each enum's meanings (x-enum-descriptions) kept for the error messages.
import { deref } from '@feishu-hire/spec/model';

export const SCHEMA_ID = 'https://feishu-hire.dev/import/export.schema.json';
const KEEP_EXTENSIONS = new Set(['x-enum-descriptions', 'x-enum-varnames']);
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example', 'required', 'x-enum-descriptions', 'x-enum-varnames']);
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const BRANCHES = ['allOf', 'anyOf', 'oneOf'];
const isObjectSchema = (s) => s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || s.properties !== undefined;

/** `schema` with every local $ref of `doc` inlined and vendor extensions dropped; throws on a $ref cycle. */
export function inline(doc, schema, where, seen = []) {
  if (Array.isArray(schema)) return schema.map((s, i) => inline(doc, s, `${where}[${i}]`, seen));
  if (!schema || typeof schema !== 'object') return schema;
  let node = schema;
  if (typeof schema.$ref === 'string') {
    if (seen.includes(schema.$ref)) throw new Error(`${where}: $ref ${schema.$ref} refers to itself; the export schema cannot inline it`);
    seen = [...seen, schema.$ref];
    node = deref(doc, schema);
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') && !KEEP_EXTENSIONS.has(key)) continue;
    if (DATA_KEYWORDS.has(key)) out[key] = value;
    else if (NAME_MAPS.has(key)) out[key] = Object.fromEntries(Object.entries(value).map(([n, s]) => [n, inline(doc, s, `${where}.${n}`, seen)]));
    else out[key] = value && typeof value === 'object' ? inline(doc, value, `${where}.${key}`, seen) : value;
  }
  return out;
}

/**
 * Closes `schema` in place: every object schema refuses properties it does not declare. Why unevaluatedProperties on
 * a composition and nothing on its branches: a closed allOf/oneOf branch would refuse its siblings' fields.
 */
export function close(schema, branch = false) {
  if (Array.isArray(schema)) return schema.forEach((s) => close(s, branch));
  if (!schema || typeof schema !== 'object') return;
  const composed = BRANCHES.some((k) => schema[k] !== undefined);
  if (!branch && schema.additionalProperties === undefined && schema.unevaluatedProperties === undefined) {
    if (composed) schema.unevaluatedProperties = false;
    else if (isObjectSchema(schema)) schema.additionalProperties = false;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (DATA_KEYWORDS.has(key) || !value || typeof value !== 'object') continue;
    if (NAME_MAPS.has(key)) Object.values(value).forEach((s) => close(s, false));
    else close(value, BRANCHES.includes(key));
  }
}

/** The schema of a reference to an imported parent: its key in the export (or the journal), or its Feishu id. */
export function parentReferenceSchema(resource, fieldSchema) {
  const { resource: parent, field } = resource.parent;
  return {
    description: `The ${parent} this ${resource.name} belongs to (${field}): the ${parent}'s key in the export (a string), or {"id": "<Feishu id>"} for one already on Feishu.`,
    oneOf: [
      { type: 'string', minLength: 1 },
      { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { ...fieldSchema, minLength: 1 } } },
    ],
  };
}

/** The schema of one record of `resource` (an entry of importModel): its create body, closed, key required. */
export function recordSchema(model, resource) {
  const where = `${resource.create.operationId} request body`;
  const schema = inline(model.doc, resource.create.requestBody?.schema ?? { type: 'object' }, where);
  close(schema);
  if (!schema.properties?.[resource.key]) throw new Error(`${where}: has no property ${resource.key} (the resource's key)`);
  schema.required = [...new Set([...(schema.required ?? []), resource.key])];
  schema.properties[resource.key] = { ...schema.properties[resource.key], minLength: 1 };
  if (resource.parent?.byKey) {
    const field = schema.properties[resource.parent.field];
    const { description, ...fieldSchema } = field;
    schema.properties[resource.parent.field] = parentReferenceSchema(resource, fieldSchema);
  }
  return schema;
}

/** The schema of one line of the export for `resource`: `{ resource, record }`. */
function lineSchema(resource) {
  return {
    type: 'object',
    required: ['resource', 'record'],
    additionalProperties: false,
    properties: { resource: { const: resource.name }, record: { $ref: `#/$defs/${resource.name}` } },
  };
}

/** The JSON Schema (2020-12) of one line of the export, for every importable resource of `model`. */
export function exportSchema(model) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'feishu-hire-import export line',
    description: 'One line of an export (JSON Lines): a record of a resource, as its create body, with its parent named by key. Generated from the spec (@feishu-hire/spec): do not edit.',
    type: 'object',
    required: ['resource', 'record'],
    properties: { resource: { enum: model.resources.map((r) => r.name) } },
    oneOf: model.resources.map(lineSchema),
    $defs: Object.fromEntries(model.resources.map((r) => [r.name, recordSchema(model, r)])),
  };
}
