// Walks a schema of the spec: a valid sample of it, and one mutation per constraint that breaks exactly that
// constraint. Used for request bodies (JSON values) and for parameters (strings, see parameters.js).
import { deref } from '@feishu-hire/spec/model';

/**
 * The keywords the generator understands, in one place: `constraints` each yield invalid cases, `structure` is
 * resolved while walking, `annotations` constrain nothing (`x-*` extensions too). Any other schema keyword (pattern,
 * minItems, const, oneOf, not, ...) makes generateCases() throw, so that a spec change can never silently lose
 * coverage. `parameter` lists the fields of a Parameter Object the generator understands (style, content... throw).
 */
export const HANDLED_KEYWORDS = Object.freeze({
  constraints: Object.freeze(['type', 'enum', 'format', 'required', 'properties', 'additionalProperties', 'unevaluatedProperties', 'items', 'minLength', 'maxLength', 'minimum', 'maximum']),
  structure: Object.freeze(['$ref', 'allOf']),
  annotations: Object.freeze(['title', 'description', 'example', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', '$comment', 'externalDocs']),
  parameter: Object.freeze(['name', 'in', 'required', 'schema', 'description', 'example', 'deprecated']),
});
/** The `format` values with mutations of their own (int32-range, int64-string, int64-range). */
export const HANDLED_FORMATS = Object.freeze(['int32', 'int64']);
/** Name of the property added to closed objects by the "unknown property" mutation. */
export const UNKNOWN_PROPERTY = 'x_conformance_unknown';
const SCHEMA_KEYWORDS = new Set([...HANDLED_KEYWORDS.constraints, ...HANDLED_KEYWORDS.structure, ...HANDLED_KEYWORDS.annotations]);

/** Throws `cannot generate cases for <where>: <what> is not handled by the generator; ...`. */
export function notHandled(where, what) {
  throw new Error(`cannot generate cases for ${where}: ${what} is not handled by the generator; add a mutation for it in src/mutations.js (HANDLED_KEYWORDS)`);
}

/** Throws naming the schema location and keyword when `schema` uses something the generator cannot mutate. */
function assertHandled(schema, where) {
  for (const key of Object.keys(schema)) if (!SCHEMA_KEYWORDS.has(key) && !key.startsWith('x-')) notHandled(where, `schema keyword "${key}"`);
  if (schema.format !== undefined && !HANDLED_FORMATS.includes(schema.format)) notHandled(where, `format "${schema.format}"`);
  for (const key of ['additionalProperties', 'unevaluatedProperties']) {
    if (schema[key] !== undefined && typeof schema[key] !== 'boolean') notHandled(where, `${key} with a schema`);
  }
}

/**
 * The one JSON type of a schema's `type` (a name or an OpenAPI 3.1 list) besides `null`, and whether `null` is
 * listed. A list of several other types is rejected by name: its per-type mutations could be valid for another type.
 */
function typeOf(type, where) {
  const list = [].concat(type ?? []);
  const others = list.filter((t) => t !== 'null');
  if (others.length > 1) notHandled(where, `type list ${JSON.stringify(list)} (one type, optionally with "null")`);
  return { baseType: others[0], nullable: list.includes('null') };
}

/** Merges a flattened `allOf` part into `out`: properties, required, closedness and the first value of other keywords. */
function mergePart(out, part) {
  Object.assign(out.properties, part.properties);
  out.required.push(...part.required);
  for (const key of ['type', 'enum', 'format', 'items', 'minLength', 'maxLength', 'minimum', 'maximum', 'example']) {
    if (out[key] === undefined && part[key] !== undefined) out[key] = part[key];
  }
  out.closed ||= part.closed;
}

/**
 * Flattens a schema: resolves $ref and merges allOf parts into one view with `properties`, `required`, `closed`,
 * `baseType` (the type besides null) and `nullable`. Throws, naming `where`, on a keyword the generator does not handle.
 */
export function flatten(doc, schema, where = 'schema') {
  const s = deref(doc, schema ?? {});
  assertHandled(s, where);
  const out = { ...s, properties: { ...(s.properties ?? {}) }, required: [...(s.required ?? [])] };
  out.closed = s.additionalProperties === false || s.unevaluatedProperties === false;
  for (const part of s.allOf ?? []) mergePart(out, flatten(doc, part, where));
  delete out.allOf;
  if (!out.type && Object.keys(out.properties).length > 0) out.type = 'object';
  return Object.assign(out, typeOf(out.type, where));
}

const clone = (v) => structuredClone(v);

/** Builds a valid sample of a schema (its example, first enum value, or a typed default with required fields); `where` labels errors. */
export function sample(doc, schema, where = 'body') {
  const s = flatten(doc, schema, where);
  if (s.example !== undefined) return clone(s.example);
  if (s.enum) return clone(s.enum.find((v) => v !== null) ?? null);
  const child = (key) => (where === 'body' ? key : `${where}.${key}`);
  switch (s.baseType) {
    case 'object':
      return Object.fromEntries(s.required.map((k) => [k, sample(doc, s.properties[k], child(k))]));
    case 'array':
      return [sample(doc, s.items, `${where}[0]`)];
    case 'integer':
      return s.minimum ?? 1;
    case 'number':
      return s.minimum ?? 1.5;
    case 'boolean':
      return true;
    case 'string':
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return null;
  }
}

// Values of each JSON type, with the name used in titles; the preferred wrong value per declared type comes first.
const VALUES = { string: ['not-a-number', 'string'], number: [12345, 'number'], boolean: [true, 'boolean'], array: [['x'], 'array'], object: [{}, 'object'], null: [null, 'null'] };
const PREFERRED = { string: [12345, 'number'], integer: ['not-a-number', 'string'], number: ['not-a-number', 'string'], boolean: ['true', 'string'], array: ['not-an-array', 'string'], object: [['not-an-object'], 'array'] };
/** Whether a JSON value is of schema type `t` (integer counts as number). */
const isType = (v, t) =>
  t === 'null' ? v === null : t === 'array' ? Array.isArray(v) : t === 'object' ? v !== null && typeof v === 'object' && !Array.isArray(v) : t === 'integer' ? Number.isInteger(v) : typeof v === t;

/** A value of none of the JSON types in `type` (a name or a 3.1 list, so never `null` when `null` is listed), with its type name. */
function wrongType(type) {
  const types = [].concat(type ?? []);
  if (types.length === 0) return [undefined, undefined];
  const candidates = [PREFERRED[types.find((t) => t !== 'null')], ...Object.values(VALUES)].filter(Boolean);
  return candidates.find(([v]) => !types.some((t) => isType(v, t))) ?? [undefined, undefined];
}

/** A value outside an enum: above the largest number of a numeric enum, else a string no enum holds. */
export function outsideEnum(values) {
  const listed = values.filter((v) => v !== null);
  return listed.length > 0 && listed.every((v) => typeof v === 'number') ? Math.max(...listed) + 1 : 'conformance_not_in_enum';
}

/** JSON pointer segments -> a readable field path such as `interview_assessments[0].conclusion`. */
function label(segments) {
  if (segments.length === 0) return 'body';
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Returns a copy of `body` where the value at `segments` is replaced by `value` (or removed when `remove`). */
function setAt(body, segments, value, remove = false) {
  if (segments.length === 0) return clone(value);
  const copy = clone(body);
  let node = copy;
  for (const s of segments.slice(0, -1)) node = node[s];
  const last = segments.at(-1);
  if (remove) delete node[last];
  else node[last] = clone(value);
  return copy;
}

/** The mutations of one schema node's own value: type, enum, integer formats, lengths and bounds. */
function valueMutations(s, here, isItem) {
  const out = [];
  const add = (rule, title, value) => out.push({ rule, title, value });
  const [bad, badType] = wrongType(s.type);
  // An array item's wrong type is the parent's `items-type` case already.
  if (badType && !isItem) add('type', `${[].concat(s.type).join(' or ')} sent as ${badType}`, bad);
  if (s.enum) add('enum', `value ${JSON.stringify(outsideEnum(s.enum))} outside enum ${JSON.stringify(s.enum)}`, outsideEnum(s.enum));
  if (s.baseType === 'integer') {
    add('integer', 'fractional number for an integer', Number(here ?? 1) + 0.5);
    if (s.format === 'int64') add('int64-string', 'int64 sent as a decimal string', String(here ?? 1));
    // 2^63 is beyond int64 for any server, and beyond the safe integers a JavaScript parser keeps exact.
    if (s.format === 'int64' && !s.enum) add('int64-range', 'value 2^63 (9223372036854775808) above int64', 2 ** 63);
    if (s.format === 'int32' && !s.enum) add('int32-range', 'value 2147483648 above int32', 2 ** 31);
  }
  if (s.baseType === 'string' && s.minLength > 0) add('minLength', `shorter than minLength ${s.minLength}`, 'x'.repeat(s.minLength - 1));
  if (s.baseType === 'string' && s.maxLength !== undefined) add('maxLength', `longer than maxLength ${s.maxLength}`, 'x'.repeat(s.maxLength + 1));
  if (typeof s.minimum === 'number') add('minimum', `below minimum ${s.minimum}`, s.minimum - 1);
  if (typeof s.maximum === 'number') add('maximum', `above maximum ${s.maximum}`, s.maximum + 1);
  return out;
}

/** Walks the request schema from `base` and returns one mutation per constraint: `{ rule, segments, field, title, body }`. */
export function mutations(doc, schema, base) {
  const out = [];
  const add = (rule, segments, title, body) => out.push({ rule, segments, field: label(segments), title: `${label(segments)}: ${title}`, body });
  const walk = (schemaNode, segments, body, isItem = false) => {
    const s = flatten(doc, schemaNode, label(segments));
    const here = segments.reduce((node, k) => node?.[k], body);
    for (const m of valueMutations(s, here, isItem)) add(m.rule, segments, m.title, setAt(body, segments, m.value));
    if (s.baseType === 'object') {
      for (const key of s.required) add('required', [...segments, key], 'required property removed', setAt(body, [...segments, key], undefined, true));
      if (s.closed) add('closed', [...segments, UNKNOWN_PROPERTY], 'unknown property in a closed object', setAt(body, [...segments, UNKNOWN_PROPERTY], 'x'));
      for (const [key, child] of Object.entries(s.properties)) {
        // A child absent (or null) in the base body gets a sample first, so that its own mutations have a value to break.
        const childBody = here?.[key] == null ? setAt(body, [...segments, key], sample(doc, child, label([...segments, key]))) : body;
        walk(child, [...segments, key], childBody);
      }
    }
    if (s.baseType === 'array' && s.items) {
      const item = flatten(doc, s.items, label([...segments, 0]));
      const [badItem, badItemType] = wrongType(item.type);
      if (badItemType) add('items-type', segments, `item ${[].concat(item.type).join(' or ')} sent as ${badItemType}`, setAt(body, segments, [badItem]));
      const itemBody = Array.isArray(here) && here.length > 0 ? body : setAt(body, segments, [sample(doc, s.items, label([...segments, 0]))]);
      walk(s.items, [...segments, 0], itemBody, true);
    }
  };
  walk(schema, [], base);
  // Two constraints can yield the same body (e.g. a closed object's only property); keep the first.
  const seen = new Set();
  return out.filter((m) => !seen.has(JSON.stringify(m.body)) && seen.add(JSON.stringify(m.body)));
}
