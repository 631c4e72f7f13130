// What the mock needs of each resource of the spec, derived once from the model (`resourcesOf`) and the schemas: the
// stored record's schema, which items of its lists get server-assigned ids (their readOnly `id`, and a readOnly
// property named like the resource's id parameter, which takes the record's id), what a write answers, the spec's
// bound on an id list, and the order that puts parents first. Nothing here names a resource or a field of one.
import { deref, resourcesOf } from '@feishu-hire/spec/model';

/** The field every record of the platform is keyed by (`id`: every record schema of the spec has it). */
export const ID = 'id';
/** The roles whose answer carries the record (under the resource's record key). */
const WRITE_ROLES = ['create', 'update', 'patch', 'read'];
/** Nested lists deeper than this get no server ids (no spec nests so deep; the bound keeps a $ref cycle finite). */
const MAX_DEPTH = 8;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The object schema at `node` ($refs followed, `allOf` parts' properties merged one level), or undefined. */
function objectSchema(doc, node) {
  const schema = node === undefined ? undefined : deref(doc, node);
  if (!isObject(schema)) return undefined;
  const parts = [schema, ...(schema.allOf ?? []).map((part) => deref(doc, part))];
  const properties = Object.assign({}, ...parts.map((part) => part?.properties ?? {}));
  return Object.keys(properties).length || schema.type === 'object' ? { ...schema, properties } : undefined;
}

/** The `data` object schema of an operation's success (200) answer, or undefined. */
function successData(doc, operation) {
  const content = Object.values(operation?.responses['200']?.content ?? {})[0];
  return objectSchema(doc, objectSchema(doc, content?.schema)?.properties.data);
}

/** The stored record's schema: the record key's in an answer that carries it, else the list's `items`. */
function recordSchemaOf(doc, resource, byId) {
  const operationOf = (role) => byId.get(resource.operations[role]);
  for (const role of WRITE_ROLES) {
    const node = resource.recordKey && successData(doc, operationOf(role))?.properties[resource.recordKey];
    if (node) return objectSchema(doc, node);
  }
  const items = successData(doc, operationOf('list'))?.properties.items;
  return items ? objectSchema(doc, deref(doc, items).items) : undefined;
}

/**
 * Which list items of `schema` get server-assigned ids, from the spec's `readOnly` marks: `[{ field, id, owner,
 * lists }]` — `id`: the item's readOnly `id` gets a new id; `owner`: the item's readOnly property named
 * `idParameter` takes the record's id; `lists`: the same for the item's own lists.
 */
function idPlanOf(doc, schema, idParameter, depth = 0) {
  if (depth > MAX_DEPTH) return [];
  const plan = [];
  for (const [field, node] of Object.entries(schema?.properties ?? {})) {
    const list = deref(doc, node);
    const item = list?.type === 'array' || list?.items ? objectSchema(doc, list.items) : undefined;
    if (!item) continue;
    const readOnly = (name) => item.properties[name] !== undefined && deref(doc, item.properties[name]).readOnly === true;
    const entry = { field, id: readOnly(ID), owner: readOnly(idParameter) ? idParameter : undefined, lists: idPlanOf(doc, item, idParameter, depth + 1) };
    if (entry.id || entry.owner || entry.lists.length) plan.push(entry);
  }
  return plan;
}

/** The spec's `maxItems` of the id list a list operation filters by, or undefined when the spec states none. */
function idListBound(doc, operation) {
  const filter = operation?.resource.filters?.ids;
  if (!filter) return undefined;
  const schema = filter.in === 'query'
    ? operation.parameters.query.find((p) => p.name === filter.name)?.schema
    : objectSchema(doc, operation.requestBody?.schema)?.properties[filter.name];
  return schema === undefined ? undefined : deref(doc, schema).maxItems;
}

/** `plans` ordered so that every resource comes after its parent (when the parent is a resource of the spec). */
function parentsFirst(plans) {
  const ordered = [];
  const visit = (plan, seen) => {
    if (ordered.includes(plan) || seen.has(plan)) return;
    seen.add(plan);
    const parent = plans.find((p) => p.name === plan.resource.parent?.resource);
    if (parent) visit(parent, seen);
    ordered.push(plan);
  };
  for (const plan of plans) visit(plan, new Set());
  return ordered;
}

/**
 * The mock's plan of every resource of `doc` (its operations of the model), parents first: `{ name, resource,
 * schema, idPlan, answerFields, idListBound, children }`. `answerFields`: what a write answers when its `data` holds
 * no record (e.g. `{ id }`). `children`: the resources of the spec whose parent it is (`cascade`: deleted with it).
 */
export function resourcePlansOf(doc, operations) {
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const resources = resourcesOf(doc, operations);
  const plans = resources.map((resource) => {
    const schema = recordSchemaOf(doc, resource, byId);
    const create = byId.get(resource.operations.create);
    return {
      name: resource.name,
      resource,
      schema,
      idPlan: idPlanOf(doc, schema, resource.idParameter),
      answerFields: Object.keys(successData(doc, create)?.properties ?? {}),
      idListBound: idListBound(doc, byId.get(resource.operations.list)),
      children: resources.flatMap((r) => (r.parent?.inSpec && r.parent.resource === resource.name ? [{ name: r.name, field: r.parent.field, cascade: r.parent.cascade !== undefined }] : [])),
    };
  });
  return parentsFirst(plans);
}
