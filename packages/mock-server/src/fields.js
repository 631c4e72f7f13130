// Undeclared body fields: the properties of a request body that its schema does not declare, at any depth. The mock
// decides what happens to them (dropped, or rejected with strictFields), whether the schema is closed or open.
import { deref } from '@feishu-hire/spec/model';
import { describeError, VALIDATION_LIMITS } from '@feishu-hire/spec/validation';

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

/** The schemas of a field `name` of an object of `list`'s shapes (empty: not declared). */
function fieldSchemas(list, name) {
  const named = list.flatMap((s) => s.properties.get(name) ?? []);
  const patterned = list.flatMap((s) => s.patterns.filter((p) => p.re.test(name)).map((p) => p.schema));
  return named.length || patterned.length ? [...named, ...patterned] : list.flatMap((s) => s.extra);
}

/** The schemas of item `i` of an array of `list`'s shapes: its prefixItems schema where a shape has one, else items. */
function itemSchemas(list, i) {
  return list.flatMap((s) => (s.prefixItems.some((p) => i < p.length) ? s.prefixItems.map((p) => p[i]).filter((x) => x !== undefined) : s.items));
}

/**
 * Creates the field filter of one request body schema: `filter(value)` returns `{ value, unknown }`, a copy of
 * `value` without the properties the schema does not declare, and one issue per dropped property
 * (`body.interview_assessments[0].surprise is not an allowed field`, the spec package's wording), at most
 * VALIDATION_LIMITS.maxIssues + 1 of them. Walks the body without recursion.
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

  /**
   * The copy of one task's value without undeclared fields: an array or object is copied with empty places (its
   * fields in order), and each of its items and kept fields becomes a task, pushed to `tasks`, that fills its place;
   * each undeclared field a task that names it.
   */
  const copyOf = (task, tasks) => {
    const { value, nodes } = task;
    if (!value || typeof value !== 'object') return value;
    const list = nodes.map(shape);
    if (Array.isArray(value)) {
      const out = new Array(value.length);
      const shared = list.some((s) => s.prefixItems.length > 0) ? undefined : list.flatMap((s) => s.items);
      value.forEach((item, i) => {
        if (item === null || typeof item !== 'object') out[i] = item; // a value with no fields: kept as it is
        else tasks.push({ value: item, nodes: shared ?? itemSchemas(list, i), target: out, key: i, parent: task });
      });
      return out;
    }
    const keepAll = list.some((s) => s.open) || !list.some((s) => s.declares);
    const out = {};
    for (const [name, field] of Object.entries(value)) {
      const schemas = fieldSchemas(list, name);
      if (schemas.length || keepAll) {
        // Defined, not assigned: a "__proto__" field stays a plain field (and its place keeps the field order).
        Object.defineProperty(out, name, { value: undefined, enumerable: true, writable: true, configurable: true });
        tasks.push({ value: field, nodes: schemas, target: out, key: name, parent: task });
      } else tasks.push({ dropped: name, parent: task }); // named in its turn, so that issues come in document order
    }
    return out;
  };

  // A stack of its own, not recursion, so that no depth of the body overflows the call stack; depth first, children
  // pushed last to first, so that the dropped fields are named in document order.
  return (value) => {
    const unknown = [];
    const root = { value: undefined };
    /** @type {any[]} tasks: `{ value, nodes, target, key, parent }` to copy, `{ dropped, parent }` to name */
    const stack = [{ value, nodes: [schema], target: root, key: 'value' }];
    const children = [];
    while (stack.length > 0) {
      const task = stack.pop();
      if (task.dropped === undefined) task.target[task.key] = copyOf(task, children);
      else if (unknown.length <= VALIDATION_LIMITS.maxIssues) unknown.push(droppedIssue(task));
      while (children.length > 0) stack.push(children.pop());
    }
    return { value: root.value, unknown };
  };
}

/** The JSON Pointer of a task's value, from its chain of parent tasks (built only for an issue). */
function pointerOf(task) {
  const keys = [];
  for (let t = task; t.parent; t = t.parent) keys.push(`/${escape(String(t.key))}`);
  return keys.reverse().join('');
}

/** The issue naming the dropped field of a task `{ dropped, parent }`, in the spec package's wording. */
const droppedIssue = ({ dropped, parent }) => describeError('body', { keyword: 'additionalProperties', instancePath: pointerOf(parent), params: { additionalProperty: dropped } });

/** A property name as one JSON Pointer segment. */
const escape = (name) => name.replaceAll('~', '~0').replaceAll('/', '~1');
