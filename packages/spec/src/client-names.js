// The names @feishu-hire/client gives a resource of the model: its namespace's methods, the keys of a list's filter
// object and the standalone functions. Derived once here, from the roles, so that the client's generator (which
// writes them) and the docs' TypeScript samples (which call them) cannot disagree.

/** The namespace method of each role (`client.externalInterviews.get` reads). */
const METHOD_OF_ROLE = Object.freeze({ create: 'create', read: 'get', list: 'list', update: 'update', patch: 'patch', delete: 'delete' });
/**
 * The prefix the standalone functions drop from a resource's name. Every resource of the Hire import API is an
 * external record (`external_interview`, `external_offer`): `createInterview`, not `createExternalInterview`, which is
 * the operation constant's name.
 */
const DROPPED_PREFIX = 'external_';

const camel = (snake) => snake.replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());
const pascal = (snake) => camel(snake).replace(/^[a-z]/, (c) => c.toUpperCase());

/** The key of a list's filter in the client's filter object: `ids` for the id list, the camelCase field name for the parent. */
export function filterKey(kind, filter) {
  return kind === 'ids' ? 'ids' : camel(filter.name);
}

/** The camelCase name of a resource's id as the client's arguments and messages name it (`externalInterviewId`). */
export function idArgument(resource) {
  return camel(resource.idParameter);
}

/**
 * The methods of a resource's client namespace, in lifecycle order: `{ method, role, operationId, functionName }`.
 * `role` is the operation's (`create`, `read`, `list`, `update`, `patch`, `delete`); `get` without a read is a list
 * by the ids filter (`role: 'list'`, `byIds: true`); `listPage` is a paged list's one page (`page: true`).
 * `functionName` is the standalone function of the method (`createInterview(client, body)`). Then, for a resource
 * whose update overwrites (`x-feishu-overwrite: full`), unless a patch role has the name, the full-overwrite helpers
 * (`fullOverwrite: true`): `patch` (read, change, write back whole; `patchInterview`) when `get` reads one, and
 * `toUpdateBody` (a namespace method only) always. Last, `sync` (`sync: true`; `syncInterviews`, a standalone function
 * only: `standalone: true`, not on the namespace, so that a bundle without it does not carry it) for a resource with a
 * create, an idempotency key and a list by its parent: `parentArgument` names the parent's id, `recordsArgument` the
 * records (`interviews`), `writes` the namespace methods it writes through (`create`, `update` where the update
 * overwrites, `delete`).
 */
export function clientMethodsOf(resource, operations) {
  const noun = pascal(resource.name.startsWith(DROPPED_PREFIX) ? resource.name.slice(DROPPED_PREFIX.length) : resource.name);
  const entry = (method, role, extra = {}) => ({ method, role, operationId: resource.operations[role], functionName: functionName(method, noun), ...extra });
  const methods = [];
  for (const role of Object.keys(METHOD_OF_ROLE)) {
    if (!resource.operations[role]) continue;
    if (role === 'list' && !resource.operations.read && listFilters(resource, operations).ids) methods.push(entry('get', 'list', { byIds: true }));
    methods.push(entry(METHOD_OF_ROLE[role], role));
    if (role === 'list' && resource.paged) methods.push(entry('listPage', 'list', { page: true }));
  }
  const update = operations.find((o) => o.operationId === resource.operations.update);
  const overwrites = update?.resource?.overwrite === 'full';
  if (overwrites && !resource.operations.patch) {
    if (methods.some((m) => m.method === 'get')) methods.push(entry('patch', 'update', { fullOverwrite: true }));
    methods.push({ method: 'toUpdateBody', role: 'update', operationId: update.operationId, fullOverwrite: true });
  }
  const parent = listFilters(resource, operations).parent;
  if (resource.operations.create && resource.idempotency && parent && parent.name === resource.parent?.field) {
    const writes = ['create', ...(overwrites ? ['update'] : []), ...(resource.operations.delete ? ['delete'] : [])];
    const recordsArgument = `${noun[0].toLowerCase()}${noun.slice(1)}s`;
    methods.push(entry('sync', 'list', { sync: true, standalone: true, parentArgument: filterKey('parent', parent), recordsArgument, writes }));
  }
  return methods;
}

/** The standalone function of a namespace method: `createInterview`, `listInterviews`, `listInterviewsPage`. */
function functionName(method, noun) {
  if (method === 'list') return `list${noun}s`;
  if (method === 'listPage') return `list${noun}sPage`;
  if (method === 'sync') return `sync${noun}s`;
  return `${method}${noun}`;
}

/** The filters (`x-feishu-filters`) of a resource's list operation: `{ parent?, ids? }`. */
function listFilters(resource, operations) {
  const list = operations.find((o) => o.operationId === resource.operations.list);
  return list?.resource?.filters ?? {};
}
