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
/** The `format` values with mutations of their own (int32-range, int64-range). */
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

// The JSON types a value can have; a field gets one probe per type its schema does not allow.
const JSON_TYPES = ['string', 'number', 'boolean', 'null', 'object', 'array'];
/** Whether a value is a JSON object (not null, not an array). */
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether a flattened schema allows values of JSON type `t` (an integer field allows no other numbers: see `fraction`). */
function allows(s, t) {
  if (t === 'null') return s.nullable;
  return t === s.baseType || (t === 'number' && s.baseType === 'integer');
}

/** A value of JSON type `t` for a field of schema `s` whose valid value is `here` (an array wraps the valid value). */
function valueOfType(s, t, here) {
  switch (t) {
    case 'string':
      return s.baseType === 'boolean' ? 'true' : s.baseType === 'integer' || s.baseType === 'number' ? 'not-a-number' : 'conformance';
    case 'number':
      return s.baseType === 'boolean' ? 1 : 12345;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'object':
      return {};
    default:
      return [clone(here ?? 'x')];
  }
}

/** One probe per JSON type the schema does not allow (none for an untyped schema): `{ rule: 'type-<t>', title, value }`. */
export function typeProbes(s, here) {
  if (!s.baseType) return [];
  const declared = [].concat(s.type).join(' or ');
  return JSON_TYPES.filter((t) => !allows(s, t)).map((t) => {
    const value = valueOfType(s, t, here);
    return { rule: `type-${t}`, title: `${declared} sent as ${t === 'null' ? 'null' : `${t} ${short(value)}`}`, value };
  });
}

/** The preferred value of another JSON type (a first array item of the wrong type), with its type name. */
function wrongType(s) {
  const [probe] = typeProbes(s, undefined);
  return probe ? [probe.value, probe.rule.slice('type-'.length)] : [undefined, undefined];
}

/** A short JSON rendering of a probe value for titles. */
const short = (value) => {
  const text = JSON.stringify(value);
  return text.length > 24 ? `${text.slice(0, 21)}...` : text;
};

/**
 * The values outside an enum: for a numeric enum one below its smallest value, one between two values where it has a
 * gap (an integer for an integer field, else a midpoint) and one above its largest; else a string it does not hold.
 */
export function enumProbes(values, baseType) {
  const listed = values.filter((v) => v !== null);
  if (listed.length === 0 || !listed.every((v) => typeof v === 'number')) {
    return [{ rule: 'enum', title: `value "conformance_not_in_enum" outside enum ${JSON.stringify(values)}`, value: 'conformance_not_in_enum' }];
  }
  const sorted = [...new Set(listed)].sort((a, b) => a - b);
  const step = baseType === 'integer' ? 1 : 0;
  const gap = sorted.findIndex((v, i) => i > 0 && v - sorted[i - 1] > step);
  const between = gap > 0 ? (step ? sorted[gap - 1] + 1 : (sorted[gap - 1] + sorted[gap]) / 2) : undefined;
  const probes = [['enum-below', 'below', sorted[0] - 1], ['enum-between', 'between the values of', between], ['enum-above', 'above', sorted.at(-1) + 1]];
  return probes.filter(([, , v]) => v !== undefined).map(([rule, where, value]) => ({ rule, title: `value ${value} ${where} enum ${JSON.stringify(values)}`, value }));
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

/** The integer probes of a field: a fraction, its value as a numeric string, 2^63 above int64, 2^31 above int32. */
function integerProbes(s, here) {
  const out = [];
  const add = (rule, title, value) => out.push({ rule, title, value });
  const valid = Number.isInteger(here) ? here : 1;
  add('fraction', `fractional number ${valid + 0.5} for an integer`, valid + 0.5);
  add('numeric-string', `integer sent as the numeric string "${valid}"`, String(valid));
  // 2^63 is beyond int64 for any server, and beyond the safe integers a JavaScript parser keeps exact.
  if (s.format === 'int64' && !s.enum) add('int64-range', 'value 2^63 (9223372036854775808) above int64', 2 ** 63);
  if (s.format === 'int32' && !s.enum) add('int32-range', 'value 2147483648 above int32', 2 ** 31);
  return out;
}

/** The mutations of one schema node's own value: every other JSON type, enum, integer probes, lengths and bounds. */
function valueMutations(s, here) {
  const out = typeProbes(s, here);
  const add = (rule, title, value) => out.push({ rule, title, value });
  if (s.enum) out.push(...enumProbes(s.enum, s.baseType));
  if (s.baseType === 'integer') out.push(...integerProbes(s, here));
  if (s.baseType === 'string' && s.minLength > 0) add('minLength', `shorter than minLength ${s.minLength}`, 'x'.repeat(s.minLength - 1));
  if (s.baseType === 'string' && s.maxLength !== undefined) add('maxLength', `longer than maxLength ${s.maxLength}`, 'x'.repeat(s.maxLength + 1));
  if (typeof s.minimum === 'number') add('minimum', `below minimum ${s.minimum}`, s.minimum - 1);
  if (typeof s.maximum === 'number') add('maximum', `above maximum ${s.maximum}`, s.maximum + 1);
  return out;
}

/** A list of at least two valid items: `here`'s items (or a sample), the last one repeated; probes go to the last item. */
function listOfTwo(doc, itemSchema, here, where) {
  const items = Array.isArray(here) && here.length > 0 ? clone(here) : [sample(doc, itemSchema, where)];
  while (items.length < 2) items.push(clone(items.at(-1)));
  return items;
}

/** A copy of a valid `value` of `schema` where every list holds at least two items (the last one repeated), recursively. */
export function withListsOfTwo(doc, schema, value, where = 'body') {
  const s = flatten(doc, schema, where);
  if (s.baseType === 'array' && s.items && Array.isArray(value) && value.length > 0) {
    return listOfTwo(doc, s.items, value, where).map((item, i) => withListsOfTwo(doc, s.items, item, `${where}[${i}]`));
  }
  if (s.baseType !== 'object' || !isObject(value)) return clone(value);
  const child = (key) => (where === 'body' ? key : `${where}.${key}`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, s.properties[k] ? withListsOfTwo(doc, s.properties[k], v, child(k)) : clone(v)]));
}

/**
 * Walks the request schema from `base` and returns one mutation per probe: `{ rule, segments, field, title, body }`.
 * Every list is probed at its last item (of at least two), and its first item gets a value of a wrong type, so a
 * server that checks only one end of a list is caught.
 */
export function mutations(doc, schema, base) {
  const out = [];
  const add = (rule, segments, title, body) => out.push({ rule, segments, field: label(segments), title: `${label(segments)}: ${title}`, body });
  const walk = (schemaNode, segments, body) => {
    const s = flatten(doc, schemaNode, label(segments));
    const here = segments.reduce((node, k) => node?.[k], body);
    for (const m of valueMutations(s, here)) add(m.rule, segments, m.title, setAt(body, segments, m.value));
    if (s.baseType === 'object') {
      for (const key of s.required) add('required', [...segments, key], 'required property removed', setAt(body, [...segments, key], undefined, true));
      if (s.closed) add('closed', [...segments, UNKNOWN_PROPERTY], 'unknown property in a closed object', setAt(body, [...segments, UNKNOWN_PROPERTY], 'x'));
      for (const [key, child] of Object.entries(s.properties)) {
        // A child absent (or null) in the base body gets a sample first, so that its own mutations have a value to break.
        const childBody = here?.[key] == null ? setAt(body, [...segments, key], withListsOfTwo(doc, child, sample(doc, child, label([...segments, key])), label([...segments, key]))) : body;
        walk(child, [...segments, key], childBody);
      }
    }
    if (s.baseType === 'array' && s.items) walkList(s, segments, body, here);
  };
  const walkList = (s, segments, body, here) => {
    const items = listOfTwo(doc, s.items, here, label([...segments, 0]));
    const listBody = setAt(body, segments, items);
    const [badItem, badItemType] = wrongType(flatten(doc, s.items, label([...segments, 0])));
    if (badItemType) add('items-first', [...segments, 0], `first item sent as ${badItemType} ${short(badItem)}`, setAt(listBody, [...segments, 0], badItem));
    walk(s.items, [...segments, items.length - 1], listBody);
  };
  walk(schema, [], base);
  // Two constraints can yield the same body (e.g. a closed object's only property); keep the first.
  const seen = new Set();
  return out.filter((m) => !seen.has(JSON.stringify(m.body)) && seen.add(JSON.stringify(m.body)));
}
