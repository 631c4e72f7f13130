// Test support, temporary: default handlers by role for the resources the mock does not serve yet (the fixture
// resource). The mock's generic store of resources (branch mockres) replaces this; until then these handlers keep the
// records of each such resource in a Map, keyed by nothing but the model (roles, filters, id parameter, record key).
import { importModel } from '../../src/model.js';

/** Handlers by operationId for every resource of `doc` the mock's own store does not hold (`served`). */
export function roleHandlers(doc, served) {
  const model = importModel(doc);
  const stores = new Map();
  const handlers = {};
  for (const resource of model.resources.filter((r) => !served.includes(r.name))) {
    const records = new Map();
    const used = new Map();
    stores.set(resource.name, records);
    const answer = (record) => (resource.recordKey ? { [resource.recordKey]: record } : { id: record.id });
    handlers[resource.create.operationId] = (ctx) => {
      const key = ctx.body[resource.key];
      if (key !== undefined && used.has(key) && ctx.now() - used.get(key) < resource.idempotencyWindowMs) throw ctx.reject('invalid_parameter', `body.${resource.key} was already used by a create within the window`);
      if (key !== undefined) used.set(key, ctx.now());
      const record = { ...ctx.body, id: String(7100000000000000000n + BigInt(records.size + used.size)) };
      records.set(record.id, record);
      return answer(record);
    };
    if (resource.listing) handlers[resource.listing.operation.operationId] = (ctx) => listPage(ctx, resource, records);
    if (resource.delete) {
      handlers[resource.delete.operationId] = (ctx) => {
        if (!records.delete(ctx.path[resource.idParameter])) throw ctx.reject('invalid_parameter', `${resource.idParameter} not found`);
        return {};
      };
    }
    if (resource.update) {
      handlers[resource.update.operationId] = (ctx) => {
        const id = ctx.path[resource.idParameter];
        if (!records.has(id)) throw ctx.reject('invalid_parameter', `${resource.idParameter} not found`);
        const next = resource.overwrite === 'full' ? { ...ctx.body, id } : { ...records.get(id), ...ctx.body, id };
        records.set(id, next);
        return answer(next);
      };
    }
  }
  return { handlers, stores };
}

/** One page of a list by parent (or by ids), page tokens being offsets. */
function listPage(ctx, resource, records) {
  const { listing } = resource;
  const sent = (filter) => filter && (filter.in === 'query' ? ctx.query : ctx.body)?.[filter.name];
  const ids = sent(listing.ids);
  const parent = sent(listing.parent);
  const all = [...records.values()].filter((r) => (ids?.length ? ids.includes(r.id) : parent === undefined || r[resource.parent.field] === parent));
  const size = ctx.query.page_size ?? 10;
  const start = Number(ctx.query.page_token ?? 0);
  const items = all.slice(start, start + size);
  const more = start + size < all.length;
  return { [listing.itemsKey]: items, has_more: more, ...(more ? { page_token: String(start + size) } : {}) };
}
