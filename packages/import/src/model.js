// The import's view of a spec: which resources can be imported, in which order (parents first), and for each the
// operations, key and parent it uses. Everything is read from `@feishu-hire/spec/model` (x-feishu-resource,
// x-feishu-role, x-feishu-filters); nothing here names a resource or a field.
import { deref, openapi, operationsOf, resourcesOf } from '@feishu-hire/spec/model';
import { inline } from './schema.js';

/** Why `resource` cannot be imported, or undefined. */
function notImportable(resource) {
  if (!resource.operations.create) return 'it has no operation with x-feishu-role: create';
  if (!resource.idempotency?.key) return 'it has no x-feishu-resource.idempotency.key: the import could not tell its records apart';
  return undefined;
}

/** The name of the one array property of a list answer's `data` (its items), or undefined. */
function itemsKeyOf(doc, operation) {
  const content = Object.values(operation.responses['200']?.content ?? {})[0];
  const envelope = content && deref(doc, content.schema);
  const data = envelope?.properties?.data && deref(doc, envelope.properties.data);
  const arrays = Object.entries(data?.properties ?? {}).filter(([, s]) => deref(doc, s).type === 'array');
  return arrays.length === 1 ? arrays[0][0] : undefined;
}

/** How the import lists a resource's records under one parent (or all of them, for a resource without parent), or undefined. */
function listingOf(doc, resource, byId) {
  const operation = resource.operations.list && byId.get(resource.operations.list);
  if (!operation) return undefined;
  const { filters = {} } = operation.resource;
  if (resource.parent && !filters.parent) return undefined;
  const pageSize = operation.parameters.query.find((p) => p.name === 'page_size');
  return {
    operation,
    parent: filters.parent,
    ids: filters.ids,
    itemsKey: itemsKeyOf(doc, operation) ?? 'items',
    pageSize: resource.paged ? (pageSize.schema.maximum ?? pageSize.schema.default) : undefined,
  };
}

/** The properties of `operation`'s request body (refs inlined), or undefined without one. */
function updateFieldsOf(doc, operation) {
  if (!operation?.requestBody) return undefined;
  return Object.keys(inline(doc, operation.requestBody.schema, `${operation.operationId} request body`).properties ?? {});
}

/** The import's entry of one importable resource of the model. */
function entryOf(doc, resource, byId, importable) {
  const op = (role) => (resource.operations[role] ? byId.get(resource.operations[role]) : undefined);
  const parent = resource.parent && {
    resource: resource.parent.resource,
    field: resource.parent.field,
    // A parent the export can hold is named by its key (external_id); any other (talent) by its Feishu id.
    byKey: importable.has(resource.parent.resource),
    // Deleting the parent deletes these records too (x-feishu-resource.parent.cascade): a prune does not send them.
    cascade: resource.parent.cascade !== undefined,
  };
  return {
    name: resource.name,
    displayName: resource.displayName,
    idParameter: resource.idParameter,
    key: resource.idempotency.key,
    idempotencyWindowMs: resource.idempotency.windowMs,
    parent,
    recordKey: resource.recordKey,
    create: op('create'),
    update: op('update') ?? op('patch'),
    // The fields the update (or patch) can set: a record differing in another one is a conflict.
    updateFields: updateFieldsOf(doc, op('update') ?? op('patch')),
    overwrite: op('update') ? op('update').resource.overwrite : op('patch') ? 'partial' : undefined,
    delete: op('delete'),
    listing: listingOf(doc, resource, byId),
  };
}

/**
 * The resources in dependency order, each with its `depth` (0 without an imported parent, else its parent's + 1):
 * every resource after its parent (when the parent is imported too).
 */
function parentsFirst(entries) {
  const depth = new Map();
  const depthOf = (entry) => {
    if (!depth.has(entry.name)) {
      const parent = entry.parent?.byKey ? entries.find((e) => e.name === entry.parent.resource) : undefined;
      depth.set(entry.name, parent ? depthOf(parent) + 1 : 0);
    }
    return depth.get(entry.name);
  };
  return entries.map((e) => ({ ...e, depth: depthOf(e) })).sort((a, b) => a.depth - b.depth);
}

/**
 * The import model of an OpenAPI document (default: the bundled spec): `{ doc, resources, byName(name), skipped }`.
 * `resources` are the importable ones (a create operation and an idempotency key), parents first; `skipped` says why
 * each other resource of the spec cannot be imported.
 */
export function importModel(doc = openapi) {
  const operations = operationsOf(doc);
  const all = resourcesOf(doc, operations);
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  const skipped = all.filter(notImportable).map((r) => ({ name: r.name, reason: notImportable(r) }));
  const importable = new Set(all.filter((r) => !notImportable(r)).map((r) => r.name));
  const resources = parentsFirst(all.filter((r) => importable.has(r.name)).map((r) => entryOf(doc, r, byId, importable)));
  const byName = (name) => resources.find((r) => r.name === name);
  const children = (name) => resources.filter((r) => r.parent?.byKey && r.parent.resource === name);
  return { doc, resources, byName, children, skipped };
}
