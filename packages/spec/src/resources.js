// The resource model: what a resource of the spec is (a tag with `x-feishu-resource`) and what each of its operations
// does in its lifecycle (`x-feishu-role`), read and checked once here. Every package derives its behaviour from it:
// the mock's handlers, the conformance lifecycle, the client's namespaces, the docs. See specs/README.md.
import { deref } from './operations.js';

/** The lifecycle roles an operation can have, in lifecycle order. */
export const ROLES = Object.freeze(['create', 'read', 'list', 'update', 'patch', 'delete']);
/** The roles that only read: a request of one changes nothing, so it may be repeated after any failure. */
const READ_ROLES = new Set(['read', 'list']);
/** The roles whose operation names one record by the resource's id path parameter. */
const BY_ID_ROLES = new Set(['update', 'patch', 'delete']);
/** Where a filter of `x-feishu-filters` can be sent. */
const FILTER_LOCATIONS = ['query', 'body'];
const BASES = ['source', 'assumption'];
const SNAKE = /^[a-z][a-z0-9_]*$/;
const PARENT_FIELDS = ['resource', 'field', 'required', 'cascade'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const camel = (snake) => snake.replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());

/** The problems of a tag's `x-feishu-resource` (the linter reports them too): `[]` when it is well-formed. */
export function resourceExtensionProblems(ext) {
  if (!isObject(ext)) return ['x-feishu-resource must be an object with id (and optional parent, idempotency)'];
  const problems = [];
  if (typeof ext.id !== 'string' || !SNAKE.test(ext.id)) problems.push('x-feishu-resource.id must be the snake_case name of the id path parameter (e.g. external_interview_id)');
  for (const key of Object.keys(ext)) if (!['id', 'parent', 'idempotency'].includes(key)) problems.push(`x-feishu-resource.${key} is not a known field (id, parent, idempotency)`);
  if (ext.parent !== undefined) {
    const { resource, field, required, cascade } = ext.parent ?? {};
    for (const key of Object.keys(ext.parent ?? {})) if (!PARENT_FIELDS.includes(key)) problems.push(`x-feishu-resource.parent.${key} is not a known field (${PARENT_FIELDS.join(', ')})`);
    if (typeof resource !== 'string' || !SNAKE.test(resource)) problems.push('x-feishu-resource.parent.resource must be a snake_case resource name');
    if (typeof field !== 'string' || !SNAKE.test(field)) problems.push('x-feishu-resource.parent.field must name the body field that names the parent');
    if (!BASES.includes(required)) problems.push(`x-feishu-resource.parent.required must be ${BASES.join(' or ')} (is an existing parent required by a source, or assumed?)`);
    if (cascade !== undefined && !BASES.includes(cascade)) problems.push(`x-feishu-resource.parent.cascade must be ${BASES.join(' or ')} (on what basis does deleting the parent delete these records?), or absent (it does not: the parent is kept while records name it)`);
  }
  if (ext.idempotency !== undefined) {
    const { key, window_hours: hours, basis } = ext.idempotency ?? {};
    if (typeof key !== 'string' || !SNAKE.test(key)) problems.push('x-feishu-resource.idempotency.key must name the body field of the key');
    if (!(typeof hours === 'number' && hours > 0)) problems.push('x-feishu-resource.idempotency.window_hours must be a positive number');
    if (!BASES.includes(basis)) problems.push(`x-feishu-resource.idempotency.basis must be ${BASES.join(' or ')}`);
  }
  return problems;
}

/** The problems of an operation's `x-feishu-role`, `x-feishu-overwrite` and `x-feishu-filters` (shape only). */
export function roleExtensionProblems(operation) {
  const role = operation['x-feishu-role'];
  const overwrite = operation['x-feishu-overwrite'];
  const filters = operation['x-feishu-filters'];
  if (!ROLES.includes(role)) return [`x-feishu-role must be one of ${ROLES.join(', ')}`];
  const problems = [];
  if (role === 'update' && !['full', 'partial'].includes(overwrite)) problems.push('x-feishu-overwrite (full or partial) is required with x-feishu-role: update (does the update replace the whole record?)');
  if (role !== 'update' && overwrite !== undefined) problems.push(`x-feishu-overwrite goes with x-feishu-role: update only (this is ${role})`);
  if (filters !== undefined) {
    if (!READ_ROLES.has(role)) problems.push(`x-feishu-filters goes with x-feishu-role: list or read only (this is ${role})`);
    else if (!isObject(filters)) problems.push('x-feishu-filters must be an object of parent and/or ids');
    else {
      for (const [name, where] of Object.entries(filters)) {
        if (!['parent', 'ids'].includes(name)) problems.push(`x-feishu-filters.${name} is not a known filter (parent, ids)`);
        else if (typeof where !== 'string' || !FILTER_LOCATIONS.includes(where.split('.')[0]) || !SNAKE.test(where.split('.')[1] ?? '')) {
          problems.push(`x-feishu-filters.${name} must be <${FILTER_LOCATIONS.join('|')}>.<field> (e.g. query.external_application_id)`);
        }
      }
    }
  }
  return problems;
}

/** The resource of `operation` (of the model) from its raw OpenAPI object: `{ name, role, overwrite?, filters? }`. */
export function resourceOfOperation(doc, where, raw, tags) {
  const resourceTags = tags.filter((name) => isObject(tagOf(doc, name)?.['x-feishu-resource']));
  const role = raw['x-feishu-role'];
  if (resourceTags.length === 0) {
    if (role !== undefined) throw new Error(`${where}: x-feishu-role needs the operation's tag to be a resource (a tag with x-feishu-resource)`);
    return undefined;
  }
  if (tags.length !== 1) throw new Error(`${where}: an operation of a resource has exactly one tag (its resource), got ${tags.join(', ')}`);
  if (role === undefined) throw new Error(`${where}: x-feishu-role is required on an operation of resource ${tags[0]} (${ROLES.join(', ')})`);
  const problems = roleExtensionProblems(raw);
  if (problems.length) throw new Error(`${where}: ${problems.join('; ')}`);
  const filters = raw['x-feishu-filters'] && Object.fromEntries(Object.entries(raw['x-feishu-filters']).map(([k, v]) => {
    const [location, name] = v.split('.');
    return [k, { in: location, name }];
  }));
  return Object.freeze({ name: tags[0], role, overwrite: role === 'patch' ? 'partial' : raw['x-feishu-overwrite'], filters });
}

/** The tag object `name` of `doc`. */
function tagOf(doc, name) {
  return (doc.tags ?? []).find((t) => t.name === name);
}

/** Whether `operation` only reads (role read or list): repeating it after any failure changes nothing. */
export function isReadOnly(operation) {
  return READ_ROLES.has(operation.resource?.role);
}

/** The object schema at `node` (refs followed) or undefined. */
function objectSchema(doc, node) {
  const s = node === undefined ? undefined : deref(doc, node);
  return s && (s.type === 'object' || isObject(s.properties)) ? s : undefined;
}

/** The `data` schema of an operation's 200 answer, or undefined. */
function dataSchema(doc, operation) {
  const content = Object.values(operation.responses['200']?.content ?? {})[0];
  return objectSchema(doc, objectSchema(doc, content?.schema)?.properties?.data);
}

/** The record key of a create/update/patch answer: the one object property of its `data`, or undefined. */
function recordKeyOf(doc, operation) {
  const data = dataSchema(doc, operation);
  const keys = Object.entries(data?.properties ?? {}).filter(([, s]) => objectSchema(doc, s)).map(([k]) => k);
  return keys.length === 1 ? keys[0] : undefined;
}

/** Whether the body schema of `operation` (refs followed, allOf merged one level) has property `field`. */
function bodyHasField(doc, operation, field) {
  const schema = objectSchema(doc, operation.requestBody?.schema) ?? deref(doc, operation.requestBody?.schema ?? {});
  const parts = [schema, ...(schema?.allOf ?? []).map((s) => deref(doc, s))];
  return parts.some((s) => isObject(s?.properties) && field in s.properties);
}

/** The problems of one resource's operations against its declaration (each named). */
function crossCheckProblems(doc, resource, ops) {
  const problems = [];
  const { idParameter, parent, idempotency } = resource;
  for (const op of ops) {
    const where = `operation ${op.operationId} of resource ${resource.name}`;
    const { role, filters } = op.resource;
    const pathNames = op.parameters.path.map((p) => p.name);
    if (BY_ID_ROLES.has(role) && !pathNames.includes(idParameter)) problems.push(`${where}: role ${role} needs the path parameter ${idParameter} (x-feishu-resource.id)`);
    for (const [name, filter] of Object.entries(filters ?? {})) {
      const found = filter.in === 'query' ? op.parameters.query.some((p) => p.name === filter.name) : bodyHasField(doc, op, filter.name);
      if (!found) problems.push(`${where}: x-feishu-filters.${name} names ${filter.in}.${filter.name}, which the operation does not have`);
    }
    if (role === 'create' && parent && !bodyHasField(doc, op, parent.field)) problems.push(`${where}: the create body has no ${parent.field} (x-feishu-resource.parent.field)`);
    if (role === 'create' && idempotency && !bodyHasField(doc, op, idempotency.key)) problems.push(`${where}: the create body has no ${idempotency.key} (x-feishu-resource.idempotency.key)`);
  }
  return problems;
}

/** The resource `name` declared by its tag, with the ids of its operations by role. */
function resourceOf(doc, tag, ops, problems) {
  const ext = tag['x-feishu-resource'];
  const { parent, idempotency } = ext;
  const byRole = {};
  for (const op of ops) {
    const role = op.resource.role;
    if (byRole[role]) problems.push(`resource ${tag.name}: two operations have role ${role} (${byRole[role]}, ${op.operationId})`);
    byRole[role] ??= op.operationId;
  }
  const writers = ops.filter((o) => ['create', 'update', 'patch'].includes(o.resource.role));
  const keys = [...new Set(writers.map((o) => recordKeyOf(doc, o)).filter(Boolean))];
  if (keys.length > 1) problems.push(`resource ${tag.name}: its writes answer different record keys (${keys.join(', ')})`);
  const list = ops.find((o) => o.resource.role === 'list');
  const paged = list && ['page_size', 'page_token'].every((n) => list.parameters.query.some((p) => p.name === n));
  const resource = {
    name: tag.name,
    displayName: tag['x-displayName'] ?? tag.name,
    idParameter: ext.id,
    namespace: `${camel(tag.name)}s`,
    parent: parent && Object.freeze({ ...parent }),
    idempotency: idempotency && Object.freeze({ key: idempotency.key, windowMs: idempotency.window_hours * 3600_000, basis: idempotency.basis }),
    operations: Object.freeze(byRole),
    recordKey: keys[0],
    paged: Boolean(paged),
  };
  problems.push(...crossCheckProblems(doc, resource, ops));
  return Object.freeze(resource);
}

/**
 * Every resource of `doc` (its tags with `x-feishu-resource`), checked against `operations` (of operationsOf).
 * Throws one error listing every problem, each naming the resource or operation.
 */
export function resourcesOf(doc, operations) {
  const problems = [];
  const resources = [];
  for (const tag of doc.tags ?? []) {
    if (tag['x-feishu-resource'] === undefined) continue;
    const shape = resourceExtensionProblems(tag['x-feishu-resource']);
    if (shape.length) {
      problems.push(...shape.map((p) => `tag ${tag.name}: ${p}`));
      continue;
    }
    resources.push(resourceOf(doc, tag, operations.filter((o) => o.resource?.name === tag.name), problems));
  }
  const names = new Set(resources.map((r) => r.name));
  for (const r of resources) {
    if (Object.keys(r.operations).length === 0) problems.push(`resource ${r.name}: no operation has its tag`);
    if (r.parent && r.parent.resource === r.name) problems.push(`resource ${r.name}: it cannot be its own parent`);
  }
  if (problems.length) throw new Error(`spec: ${problems.length} problem(s) with the resources:\n- ${problems.join('\n- ')}`);
  return resources.map((r) => (r.parent ? Object.freeze({ ...r, parent: Object.freeze({ ...r.parent, inSpec: names.has(r.parent.resource) }) }) : r));
}
