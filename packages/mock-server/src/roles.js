// The default handler of each lifecycle role (x-feishu-role): what an operation of a resource does with the store when
// no handler is written for it. create assigns ids (and takes the idempotency key), read and list filter and page,
// update overwrites or patches as the spec declares, patch merges, delete removes. Everything is read from the
// operation's model and the resource's plan; nothing names a resource or a field.
import { decodePageToken, encodePageToken, fingerprintOf } from './page-token.js';
import { StoreRefusal } from './records.js';

/** The records of the operation's resource in the store. */
const recordsOf = ({ operation, store }) => store.resource(operation.resource.name);

/** "<id parameter> not found (path.<id parameter> = "...")": what a by-id operation answers for an unknown id. */
const notFound = (resource, id) => `${resource.idParameter} not found (path.${resource.idParameter} = ${JSON.stringify(id)})`;

/** What a write answers: `{ <record key>: record }`, or the fields its `data` declares (e.g. `{ id }`) when it holds no record. */
function answerOf(plan, record) {
  if (plan.resource.recordKey) return { [plan.resource.recordKey]: record };
  return Object.fromEntries(plan.answerFields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]));
}

/** Runs `write()`; a StoreRefusal (a limit, a parent) becomes the operation's invalid_parameter answer. */
function refusing(ctx, write) {
  try {
    return write();
  } catch (error) {
    if (error instanceof StoreRefusal) throw ctx.reject('invalid_parameter', error.message);
    throw error;
  }
}

/** create: stores the body as a new record; an idempotency key repeated within its window is refused, naming it. */
function create(ctx) {
  const records = recordsOf(ctx);
  const { idempotency } = records.plan.resource;
  const record = refusing(ctx, () => records.create(ctx.body));
  if (record) return answerOf(records.plan, record);
  const hours = idempotency.windowMs / 3_600_000;
  throw ctx.reject('invalid_parameter', `body.${idempotency.key} ${JSON.stringify(ctx.body[idempotency.key])} was already used by a create within the last ${hours} hours (x-feishu-resource.idempotency)`);
}

/** The path id of a by-id operation; throws the not-found answer when the store holds no such record. */
function existingId(ctx, records) {
  const { idParameter } = records.plan.resource;
  const id = ctx.path[idParameter];
  if (!records.has(id)) throw ctx.reject('invalid_parameter', notFound(records.plan.resource, id));
  return id;
}

/** update: the full overwrite or the partial update, as the operation declares (x-feishu-overwrite). */
function update(ctx) {
  const records = recordsOf(ctx);
  const id = existingId(ctx, records);
  const partial = ctx.operation.resource.overwrite === 'partial';
  return answerOf(records.plan, refusing(ctx, () => (partial ? records.patch(id, ctx.body) : records.update(id, ctx.body))));
}

/** patch: the body's fields merged onto the stored record. */
function patch(ctx) {
  const records = recordsOf(ctx);
  const id = existingId(ctx, records);
  return answerOf(records.plan, refusing(ctx, () => records.patch(id, ctx.body)));
}

/** delete: removes the record, data `{}`; refused while records of the spec name it as their parent. */
function remove(ctx) {
  const records = recordsOf(ctx);
  const id = existingId(ctx, records);
  refusing(ctx, () => records.delete(id));
  return {};
}

/** The value of filter `{ in, name }` in the request (query or body), or undefined. */
const sent = (ctx, filter) => (filter ? (filter.in === 'query' ? ctx.query : ctx.body)?.[filter.name] : undefined);
/** How a filter is named in messages: `query.external_application_id`. */
const named = (filter) => `${filter.in}.${filter.name}`;

/**
 * The store filter of a list or read: the id list alone when sent (the only condition), else the parent. An empty
 * list or value counts as not sent; an operation with filters and neither sent is refused naming them.
 */
function conditionOf(ctx, records) {
  const { parent, ids } = ctx.operation.resource.filters ?? {};
  const list = sent(ctx, ids);
  if (Array.isArray(list) && list.length) {
    const max = records.plan.idListBound ?? ctx.config.limits.idList;
    if (list.length > max) throw ctx.reject('invalid_parameter', `${named(ids)} must NOT have more than ${max} items (the mock's limit: limits.idList, --limit idList=N)`);
    return { ids: [...new Set(list)].sort() };
  }
  const value = sent(ctx, parent);
  if (value !== undefined && value !== '') return { parent: value };
  const filters = [parent, ids].filter(Boolean);
  if (filters.length) throw ctx.reject('invalid_parameter', `${filters.map(named).join(' or ')} is required (the query needs one of them)`);
  return {};
}

/** What a list answers for a page_token it cannot read or that another query issued. */
const BAD_PAGE_TOKEN = 'query.page_token is not a page_token of this query (send data.page_token unchanged, with the same conditions)';

/** The default of the operation's `page_size` query parameter in the spec (10 when it gives none). */
const defaultPageSize = (operation) => operation.parameters.query.find((p) => p.name === 'page_size')?.schema.default ?? 10;

/** list: the records matching the conditions, in creation order; one page of them when the resource pages. */
function list(ctx) {
  const records = recordsOf(ctx);
  const condition = conditionOf(ctx, records);
  if (!records.plan.resource.paged) return { items: records.list(condition) };
  const fingerprint = fingerprintOf([condition.ids ?? null, condition.parent ?? null]);
  const cursor = ctx.query.page_token === undefined ? 0 : decodePageToken(ctx.query.page_token, fingerprint);
  if (cursor === undefined) throw ctx.reject('invalid_parameter', BAD_PAGE_TOKEN);
  const { items, next } = records.page(condition, { cursor, size: ctx.query.page_size ?? defaultPageSize(ctx.operation) });
  return next === undefined ? { items, has_more: false } : { items, page_token: encodePageToken(next, fingerprint), has_more: true };
}

/** read: the record of the path id (when the operation takes it), else the records matching the conditions. */
function read(ctx) {
  const records = recordsOf(ctx);
  if (ctx.path[records.plan.resource.idParameter] === undefined) return { items: records.list(conditionOf(ctx, records)) };
  return answerOf(records.plan, records.get(existingId(ctx, records)));
}

/** The default handler of each role. */
export const ROLE_HANDLERS = Object.freeze({ create, read, list, update, patch, delete: remove });
