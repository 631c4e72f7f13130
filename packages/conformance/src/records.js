// Records of a resource as the spec describes them: the record in a write's answer (under the resource's record key),
// the items of a list's page, and what a write must have stored (echo, full overwrite, ids the platform assigns).
import { deref } from '@feishu-hire/spec/model';
import { flatten } from './mutations.js';

/** The field of a record holding its id (the value of the resource's id path parameter), on every Feishu record. */
export const RECORD_ID = 'id';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const short = (v) => (Array.isArray(v) ? `${v.length} item(s)` : JSON.stringify(v));

/** A schema with $refs followed and the properties of its allOf parts merged (lenient: response schemas). */
export function resolveSchema(doc, schema) {
  const s = deref(doc, schema ?? {});
  const parts = (s.allOf ?? []).map((part) => resolveSchema(doc, part));
  return { ...Object.assign({}, ...parts), ...s, properties: Object.assign({}, ...parts.map((p) => p.properties), s.properties) };
}

/** The schema of the `data` of an operation's first 2xx answer, resolved (empty when it has none). */
export function dataSchemaOf(doc, operation) {
  const status = Object.keys(operation.responses).find((s) => /^2\d\d$/.test(s));
  const content = Object.values(operation.responses[status]?.content ?? {})[0];
  return resolveSchema(doc, resolveSchema(doc, content?.schema).properties?.data);
}

/** The key of the list in a list operation's `data`: its one array property (`items`), or undefined. */
export function itemsKeyOf(doc, operation) {
  const arrays = Object.entries(dataSchemaOf(doc, operation).properties ?? {}).filter(([, s]) => resolveSchema(doc, s).type === 'array');
  return arrays.length === 1 ? arrays[0][0] : undefined;
}

/** The record of `resource` in a success answer's body: `data.<recordKey>`, or `data` itself for a resource without one. */
export function recordOf(resource, body) {
  return resource.recordKey === undefined ? body?.data : body?.data?.[resource.recordKey];
}

/** Where the record is in an answer, for messages: `data.<recordKey>`, or `data`. */
export const recordPath = (resource) => (resource.recordKey === undefined ? 'data' : `data.${resource.recordKey}`);

/** The schema of the record in an operation's success answer (see recordOf), resolved. */
export function recordSchemaOf(doc, operation, resource) {
  const data = dataSchemaOf(doc, operation);
  return resource.recordKey === undefined ? data : resolveSchema(doc, data.properties?.[resource.recordKey]);
}

/** Compares what was written with what the server returned: returns problems as strings. */
export function echoProblems(sent, got, path = 'data') {
  if (got === null || typeof got !== 'object') return [`${path} is missing from the response`];
  const problems = [];
  for (const [key, value] of Object.entries(sent)) {
    const where = `${path}.${key}`;
    if (Array.isArray(value)) problems.push(...listProblems(value, got[key], where));
    else if (value !== null && typeof value === 'object') problems.push(...echoProblems(value, got[key], where));
    else if (got[key] !== value) problems.push(`${where}: sent ${JSON.stringify(value)}, got ${JSON.stringify(got[key])}`);
  }
  return problems;
}

/** Compares a sent list with the returned one, item by item. */
function listProblems(sent, got, where) {
  if (!Array.isArray(got) || got.length !== sent.length) return [`${where}: sent ${sent.length} item(s), got ${JSON.stringify(got)}`];
  return sent.flatMap((item, i) => {
    if (item !== null && typeof item === 'object') return echoProblems(item, got[i], `${where}[${i}]`);
    return item === got[i] ? [] : [`${where}[${i}]: sent ${JSON.stringify(item)}, got ${JSON.stringify(got[i])}`];
  });
}

/** A field the full overwrite cleared: absent, null or an empty list. */
const isCleared = (v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/**
 * The fields of the request schema that were not sent but are still in `got` (scalars and lists, at any depth):
 * a full overwrite clears them. Fields the request schema does not list (ids, new platform fields) are ignored, and
 * so are those in `assigned` (the platform fills them itself).
 */
export function clearedProblems(doc, schema, sent, got, where, assigned = new Set()) {
  const s = flatten(doc, schema, where);
  if (s.baseType === 'array' && s.items && Array.isArray(sent) && Array.isArray(got)) {
    return sent.flatMap((item, i) => clearedProblems(doc, s.items, item, got[i], `${where}[${i}]`, assigned));
  }
  if (s.baseType !== 'object' || !isObject(sent) || !isObject(got)) return [];
  return Object.entries(s.properties).flatMap(([key, child]) => {
    if (key in sent) return clearedProblems(doc, child, sent[key], got[key], `${where}.${key}`, assigned);
    if (assigned.has(key)) return [];
    return isCleared(got[key]) ? [] : [`${where}.${key}: not sent, so the full overwrite must clear it, got ${short(got[key])}`];
  });
}

/** The items of the lists of `got` whose response schema gives them an id: each must have one (the platform assigns it). */
export function assignedIdProblems(doc, schema, got, where) {
  const s = resolveSchema(doc, schema);
  if (Array.isArray(got) && s.items) {
    const item = resolveSchema(doc, s.items);
    const needsId = RECORD_ID in (item.properties ?? {});
    return got.flatMap((value, i) => [
      ...(needsId && isObject(value) && !(typeof value[RECORD_ID] === 'string' && value[RECORD_ID].length > 0) ? [`${where}[${i}].${RECORD_ID}: the platform must assign an id, got ${JSON.stringify(value[RECORD_ID])}`] : []),
      ...assignedIdProblems(doc, item, value, `${where}[${i}]`),
    ]);
  }
  if (!isObject(got)) return [];
  return Object.entries(s.properties ?? {}).filter(([key]) => key in got).flatMap(([key, child]) => assignedIdProblems(doc, child, got[key], `${where}.${key}`));
}

/** The nested fields named `idName` (the record's own id parameter) that hold another id than the record's `id`. */
export function selfReferenceProblems(got, idName, id, where, depth = 0) {
  if (Array.isArray(got)) return got.flatMap((v, i) => selfReferenceProblems(v, idName, id, `${where}[${i}]`, depth + 1));
  if (!isObject(got)) return [];
  const own = depth > 0 && got[idName] !== undefined && got[idName] !== id ? [`${where}.${idName}: expected the record's id ${id}, got ${JSON.stringify(got[idName])}`] : [];
  return [...own, ...Object.entries(got).flatMap(([k, v]) => (typeof v === 'object' ? selfReferenceProblems(v, idName, id, `${where}.${k}`, depth + 1) : []))];
}

/**
 * How a record of `resource` is read back over HTTP (`operationOf(id)` gives an operation of the model): by its read
 * operation (`by: 'id'`), by its list's id filter (`'ids'`) or its list's parent filter (`'parent'`, paging to the
 * record); undefined when the spec has no way.
 */
export function readPathOf(resource, operationOf) {
  const { read, list } = resource.operations;
  if (read && operationOf(read).parameters.path.some((p) => p.name === resource.idParameter)) return { operationId: read, by: 'id' };
  const filters = list ? operationOf(list).resource.filters ?? {} : {};
  if (filters.ids) return { operationId: list, by: 'ids', filter: filters.ids };
  if (filters.parent && resource.parent) return { operationId: list, by: 'parent', filter: filters.parent };
  return undefined;
}
