// Undeclared body fields: the properties of a request body that its schema does not declare, at any depth. The mock
// decides what happens to them (dropped, or rejected with strictFields), whether the schema is closed or open.
import { deref } from '@feishu-hire/spec/model';
import { describeError } from '@feishu-hire/spec/validation';

/** Keywords whose subschemas can declare properties of the same object. */
const BRANCHES = ['allOf', 'anyOf', 'oneOf'];
const CONDITIONALS = ['then', 'else'];

/**
 * @typedef {{ properties: Map<string, unknown[]>, patterns: { re: RegExp, schema: unknown }[], extra: unknown[],
 *   declares: boolean, open: boolean, items: unknown[], prefixItems: unknown[][] }} Shape
 * What a schema says about the fields of an object and the items of an array, merged across its $ref, allOf, anyOf,
 * oneOf, then and else. `declares`: it names fields at all; `open`: additionalProperties or unevaluatedProperties
 * is `true` (any field is welcome).
 */

/** A Shape that declares nothing (a schema that says nothing about fields keeps every field). */
const emptyShape = () => ({ properties: new Map(), patterns: [], extra: [], declares: false, open: false, items: [], prefixItems: [] });

/** Adds what one (dereferenced) schema node itself says about fields and items to `shape`. */
function addOwn(shape, s) {
  for (const [name, schema] of Object.entries(s.properties ?? {})) shape.properties.set(name, [...(shape.properties.get(name) ?? []), schema]);
  // A required name without a schema is declared too; `true` keeps its value as it is.
  for (const name of s.required ?? []) if (!shape.properties.has(name)) shape.properties.set(name, [true]);
  for (const [source, schema] of Object.entries(s.patternProperties ?? {})) shape.patterns.push({ re: new RegExp(source, 'u'), schema });
  for (const key of ['additionalProperties', 'unevaluatedProperties']) {
    if (s[key] === true) shape.open = true;
    else if (s[key] && typeof s[key] === 'object') shape.extra.push(s[key]);
  }
  shape.declares ||= shape.properties.size > 0 || shape.patterns.length > 0 || shape.extra.length > 0;
  if (s.items && typeof s.items === 'object') shape.items.push(s.items);
  if (Array.isArray(s.prefixItems)) shape.prefixItems.push(s.prefixItems);
}

/** The Shape of `node` in `doc`, following $refs and branches; a node already on the way (a cycle) adds nothing. */
function shapeOf(doc, node, shape = emptyShape(), seen = new Set()) {
  if (!node || typeof node !== 'object' || seen.has(node)) return shape;
  seen.add(node);
  const s = deref(doc, node);
  addOwn(shape, s);
  for (const key of BRANCHES) for (const branch of s[key] ?? []) shapeOf(doc, branch, shape, seen);
  for (const key of CONDITIONALS) shapeOf(doc, s[key], shape, seen);
  return shape;
}

/**
 * Creates the field filter of one request body schema: `filter(value)` returns `{ value, unknown }`, a copy of
 * `value` without the properties the schema does not declare, and one issue per dropped property
 * (`body.interview_assessments[0].surprise is not an allowed field`, the spec package's wording).
 * @param {object} doc @param {unknown} schema
 */
export function createFieldFilter(doc, schema) {
  /** @type {WeakMap<object, Shape>} */
  const shapes = new WeakMap();
  const shape = (node) => {
    if (!node || typeof node !== 'object') return emptyShape();
    if (!shapes.has(node)) shapes.set(node, shapeOf(doc, node));
    return /** @type {Shape} */ (shapes.get(node));
  };

  /** The schemas of a field `name` of an object of `list`'s shapes (empty: not declared). */
  const fieldSchemas = (list, name) => {
    const named = list.flatMap((s) => s.properties.get(name) ?? []);
    const patterned = list.flatMap((s) => s.patterns.filter((p) => p.re.test(name)).map((p) => p.schema));
    return named.length || patterned.length ? [...named, ...patterned] : list.flatMap((s) => s.extra);
  };

  /** `value` without undeclared fields, for the schemas `nodes`; pushes an issue per dropped field to `unknown`. */
  const prune = (value, nodes, instancePath, unknown) => {
    const list = nodes.map(shape);
    if (Array.isArray(value)) {
      // Item i: its prefixItems schema where a shape has one, else the shape's items schemas.
      const itemSchemas = (i) => list.flatMap((s) => (s.prefixItems.some((p) => i < p.length) ? s.prefixItems.map((p) => p[i]).filter((x) => x !== undefined) : s.items));
      return value.map((item, i) => prune(item, itemSchemas(i), `${instancePath}/${i}`, unknown));
    }
    if (!value || typeof value !== 'object') return value;
    const keepAll = list.some((s) => s.open) || !list.some((s) => s.declares);
    const kept = [];
    for (const [name, field] of Object.entries(value)) {
      const schemas = fieldSchemas(list, name);
      if (schemas.length || keepAll) kept.push([name, prune(field, schemas, `${instancePath}/${escape(name)}`, unknown)]);
      else unknown.push(describeError('body', { keyword: 'additionalProperties', instancePath, params: { additionalProperty: name } }));
    }
    return Object.fromEntries(kept); // not `out[name] = ...`: a "__proto__" field stays a plain field
  };

  return (value) => {
    const unknown = [];
    return { value: prune(value, [schema], '', unknown), unknown };
  };
}

/** A property name as one JSON Pointer segment. */
const escape = (name) => name.replaceAll('~', '~0').replaceAll('/', '~1');
