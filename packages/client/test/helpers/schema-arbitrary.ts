// Records of any schema of the spec for the property tests (fast-check), and what the tests compare them by. The
// generator honours what the spec says of a value: type, enum, format (int32, int64), minimum/maximum,
// minLength/maxLength, minItems/maxItems, required, $ref and allOf (the parts merged: properties of every part, the
// tightest bounds, readOnly where any part says so). Every object, at every level, may also carry fields the client
// does not know (prefix `x_`, any JSON value); strings are unicode; lists are mostly short (empty included), sometimes
// long. Nothing here names a resource or a field of one.
import fc from 'fast-check';
import { deref, openapi } from '@feishu-hire/spec/model';

export type Schema = Record<string, any>;

/** What generation and comparison read of a schema: its parts merged (see mergeSchemas). */
interface Merged {
  type: string | undefined;
  format: string | undefined;
  enum: unknown[] | undefined;
  bounds: Record<'minimum' | 'maximum' | 'minLength' | 'maxLength' | 'minItems' | 'maxItems', number | undefined>;
  required: string[];
  readOnly: boolean;
  /** The schemas of each item, and of each known property (each a list of parts, merged where used). */
  items: Schema[];
  properties: Record<string, Schema[]>;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const LOWER = { minimum: Math.max, minLength: Math.max, minItems: Math.max } as const;
const UPPER = { maximum: Math.min, maxLength: Math.min, maxItems: Math.min } as const;

/** `schema` (a `$ref` followed) and, recursively, the parts of its allOf. */
function partsOf(schema: Schema | undefined): Schema[] {
  const node: Schema = schema === undefined ? {} : (deref(openapi, schema) ?? {});
  return [node, ...(node.allOf ?? []).flatMap((part: Schema) => partsOf(part))];
}

/** `schemas` as one, as allOf means them: every part's properties, the tightest bounds, the common enum values. */
export function mergeSchemas(schemas: readonly Schema[]): Merged {
  const parts = schemas.flatMap((s) => partsOf(s));
  const first = (key: string) => parts.find((p) => p[key] !== undefined)?.[key];
  const bound = (key: string, pick: (...values: number[]) => number) => {
    const values = parts.map((p) => p[key]).filter((v): v is number => typeof v === 'number');
    return values.length ? pick(...values) : undefined;
  };
  // No prototype: a field named `toString` or `__proto__` is no property of the spec.
  const properties: Record<string, Schema[]> = Object.create(null);
  for (const part of parts) for (const [name, property] of Object.entries<Schema>(part.properties ?? {})) (properties[name] ??= []).push(property);
  const enums = parts.filter((p) => Array.isArray(p.enum)).map((p) => p.enum as unknown[]);
  return {
    type: first('type') ?? (Object.keys(properties).length ? 'object' : undefined),
    format: first('format'),
    enum: enums.length ? enums.reduce((a, b) => a.filter((v) => b.includes(v))) : undefined,
    bounds: Object.fromEntries(Object.entries({ ...LOWER, ...UPPER }).map(([key, pick]) => [key, bound(key, pick)])) as Merged['bounds'],
    required: [...new Set(parts.flatMap((p) => (p.required ?? []) as string[]))],
    readOnly: parts.some((p) => p.readOnly === true),
    items: parts.filter((p) => p.items !== undefined).map((p) => p.items as Schema),
    properties,
  };
}

/** Any JSON value as it comes back from JSON (no -0, no undefined). */
const anyJson = fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
/** Fields the client does not know: 0 to 2, each with any JSON value. */
const unknownFields = fc.dictionary(fc.stringMatching(/^x_[a-z0-9]{1,6}$/), anyJson, { maxKeys: 2 });

/** The integer bounds of `s`: its minimum and maximum within its format (int32, else int64 as safe integers). */
function integerOf({ format, bounds }: Merged): fc.Arbitrary<number> {
  const [low, high] = format === 'int32' ? [-(2 ** 31), 2 ** 31 - 1] : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  return fc.integer({ min: Math.max(low, bounds.minimum ?? low), max: Math.min(high, bounds.maximum ?? high) });
}

/** A string within the bounds of `s` (at most 12 characters past its minimum). */
function stringOf({ bounds }: Merged): fc.Arbitrary<string> {
  const minLength = bounds.minLength ?? 0;
  return fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(bounds.maxLength ?? Infinity, minLength + 12) });
}

/** A list of the items of `s`: mostly 0 to 4 items, one time in ten 20 to 30, within its bounds. */
function arrayOf(s: Merged, options: Options): fc.Arbitrary<unknown[]> {
  const item = arbitraryOf(s.items, options);
  const [min, max] = [s.bounds.minItems ?? 0, s.bounds.maxItems ?? Infinity];
  const short = fc.array(item, { minLength: min, maxLength: Math.min(max, min + 4) });
  const long = fc.array(item, { minLength: Math.min(max, Math.max(min, 20)), maxLength: Math.min(max, Math.max(min, 30)) });
  return fc.oneof({ weight: 9, arbitrary: short }, { weight: 1, arbitrary: long });
}

/** An object of `s`: its required properties, any of the others, and unknown fields. */
function objectOf(s: Merged, options: Options): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(s.properties).filter((name) => options.readOnly || !mergeSchemas(s.properties[name]!).readOnly);
  const known = Object.fromEntries(names.map((name) => [name, arbitraryOf(s.properties[name]!, options)]));
  const required = s.required.filter((name) => names.includes(name));
  return fc.tuple(fc.record(known, { requiredKeys: required }), unknownFields).map(([fields, unknown]) => ({ ...unknown, ...fields }));
}

/** What to generate: `readOnly: false` leaves out the fields the spec marks readOnly (what a request carries). */
export interface Options {
  readOnly: boolean;
}

/** Values valid for every schema of `schemas` (allOf), with unknown fields at every object level. */
export function arbitraryOf(schemas: readonly Schema[], options: Options = { readOnly: true }): fc.Arbitrary<unknown> {
  const s = mergeSchemas(schemas);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'object': return objectOf(s, options);
    case 'array': return arrayOf(s, options);
    case 'integer': return integerOf(s);
    case 'number': return fc.double({ noNaN: true, noDefaultInfinity: true, ...(s.bounds.minimum !== undefined && { min: s.bounds.minimum }), ...(s.bounds.maximum !== undefined && { max: s.bounds.maximum }) }).map((n) => n + 0);
    case 'string': return stringOf(s);
    case 'boolean': return fc.boolean();
    default: return anyJson;
  }
}

/**
 * `value` without the fields the spec marks readOnly in `schemas`, at every level of its known structure; unknown
 * fields are the caller's data and are kept whole. Read from the spec here, not from the client's generated masks.
 */
export function withoutReadOnlyOf(value: unknown, schemas: readonly Schema[]): unknown {
  const s = mergeSchemas(schemas);
  if (Array.isArray(value)) return value.map((item: unknown) => withoutReadOnlyOf(item, s.items));
  if (!isObject(value)) return value;
  const kept = Object.entries(value).filter(([name]) => !(s.properties[name] && mergeSchemas(s.properties[name]).readOnly));
  return Object.fromEntries(kept.map(([name, v]) => [name, s.properties[name] ? withoutReadOnlyOf(v, s.properties[name]) : v]));
}

/** `value` with every empty list left out of the objects, at every level: a record with `[]` is the record without it. */
export function withoutEmptyLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyLists);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => !(Array.isArray(v) && v.length === 0)).map(([name, v]) => [name, withoutEmptyLists(v)]));
}

/** A value of the same kind as `value` that differs from it (and is still valid where the spec knows the field). */
function changed(value: unknown, values: unknown[] | undefined): unknown {
  if (values && values.length > 1) return values[(values.indexOf(value) + 1) % values.length];
  if (typeof value === 'string') return `${value}†`;
  // A safe integer moves by one (within int32 and int64 alike); another number is halved (1 where that is ±0, which JSON writes as 0).
  if (typeof value === 'number') return !Number.isSafeInteger(value) ? value / 2 || 1 : value > 0 ? value - 1 : value + 1;
  if (typeof value === 'boolean') return !value;
  return 'changed';
}

/**
 * Every single-field change that can be made to `node` (of `schemas`; none below an unknown field), at any depth, as
 * a function making it: a field added, removed (unless required) or changed, a list item added, removed or changed.
 * Fields the spec marks readOnly are not the caller's to change, and `fixed` names top-level fields left alone.
 */
export function singleChanges(node: Record<string, unknown> | unknown[], schemas: readonly Schema[], fixed: readonly string[] = []): Array<() => void> {
  const s = mergeSchemas(schemas);
  const list: Array<() => void> = [];
  if (Array.isArray(node)) {
    list.push(() => node.push(mergeSchemas(s.items).type === 'object' ? { x_added: '追加' } : 'added'));
    node.forEach((item, i) => {
      list.push(() => node.splice(i, 1));
      if (item && typeof item === 'object') list.push(...singleChanges(item as Record<string, unknown>, s.items));
      else list.push(() => (node[i] = changed(item, mergeSchemas(s.items).enum)));
    });
    return list;
  }
  if (!Object.hasOwn(node, 'x_added')) list.push(() => (node.x_added = { 新: [1, 'ü'] }));
  for (const [field, value] of Object.entries(node)) {
    const known = s.properties[field];
    if (fixed.includes(field) || (known && mergeSchemas(known).readOnly)) continue;
    const removable = !s.required.includes(field) && value !== undefined && !(Array.isArray(value) && value.length === 0);
    if (removable) list.push(() => delete node[field]);
    if (value && typeof value === 'object') list.push(...singleChanges(value as Record<string, unknown>, known ?? []));
    else list.push(() => (node[field] = changed(value, known && mergeSchemas(known).enum)));
  }
  return list;
}
