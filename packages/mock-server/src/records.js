// The records of one resource: keyed by id, in creation order, indexed by parent so that a page costs
// O(page size + log n), not O(store); server-assigned ids (the record's and its list items'), the idempotency key
// with its window, full overwrite and patch, and the store's limits. Generic: it reads the resource's plan only.
import { ID } from './resources.js';
import { createKeys } from './keys.js';
import { StoreRefusal } from './refusal.js';

export { StoreRefusal };

let lastId = 0n;

/** Returns a new unique 19-digit decimal id, increasing like Feishu's snowflake ids. */
export function newId() {
  const candidate = BigInt(Date.now()) << 22n;
  lastId = candidate > lastId ? candidate : lastId + 1n;
  return String(lastId);
}

const copy = (value) => structuredClone(value);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * `value` with the server ids of `plan` (resources.js idPlanOf) set in its lists: each item's `id` a new one, its
 * owner field the record's id. `keep`: ids an item already has stay (seeds); otherwise they are replaced (writes).
 */
function withServerIds(value, plan, recordId, keep) {
  if (!isObject(value)) return value;
  const result = { ...value };
  for (const { field, id, owner, lists } of plan) {
    if (!Array.isArray(result[field])) continue;
    result[field] = result[field].map((item) => {
      if (!isObject(item)) return item;
      const ids = { ...(id ? { [ID]: keep ? (item[ID] ?? newId()) : newId() } : {}), ...(owner ? { [owner]: keep ? (item[owner] ?? recordId) : recordId } : {}) };
      return withServerIds({ ...item, ...ids }, lists, recordId, keep);
    });
  }
  return result;
}

/**
 * The record a create or a full overwrite stores from `body`: the body with its lists' server ids and the id, every
 * list whose items get server ids present (`[]` when the body sent none: the overwrite leaves the record with none).
 */
function fromBody(body, plan, id) {
  const lists = Object.fromEntries(plan.map(({ field }) => [field, []]));
  return { ...lists, ...withServerIds(copy(body), plan, id, false), [ID]: id };
}

/** `patch` merged onto `stored` (objects merged field by field, anything else replaced): what a partial update stores. */
function merged(stored, patch) {
  if (!isObject(stored) || !isObject(patch)) return patch;
  const result = { ...stored };
  for (const [key, value] of Object.entries(patch)) result[key] = merged(stored[key], value);
  return result;
}

/** The path of the first list in `value` longer than `max` (e.g. `interview_assessments`), or undefined. */
function longList(value, max, path = '') {
  if (Array.isArray(value)) {
    if (value.length > max) return path;
    return value.map((item, i) => longList(item, max, `${path}[${i}]`)).find((p) => p !== undefined);
  }
  if (!isObject(value)) return undefined;
  return Object.entries(value).map(([key, item]) => longList(item, max, path ? `${path}.${key}` : key)).find((p) => p !== undefined);
}

/** The index of the first entry of `list` (ascending `seq`) with a seq above `cursor`: a binary search. */
function firstAfter(list, cursor) {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle].seq <= cursor) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Inserts `entry` into `list` (ascending seq) at its place; removes it with `remove`. */
function insert(list, entry) {
  list.splice(firstAfter(list, entry.seq), 0, entry);
}

/** Removes `entry` from `list` (ascending seq). */
function remove(list, entry) {
  const at = firstAfter(list, entry.seq - 1);
  if (list[at] === entry) list.splice(at, 1);
}

/**
 * The store filter `{ parent?, ids? }` of a caller's filter, which may name the parent by its field
 * (`external_application_id`) or in camelCase (`externalApplicationId`); any other key is an error naming it.
 */
function filterOf(resource, filter = {}) {
  const field = resource.parent?.field;
  const camel = field?.replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());
  const result = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'ids') result.ids = value;
    else if (key === 'parent' || (field && (key === field || key === camel))) result.parent = value;
    else throw new TypeError(`store filter of ${resource.name}: ${key} is not a condition (parent${field ? `, ${field}, ${camel}` : ''}, ids)`);
  }
  return result;
}

/**
 * The entries of one resource (`{ seq, id, parent, record }`): by id, all in creation order, and each parent's in
 * creation order, so that a page of a parent or of an id list is found in O(page size + log n).
 */
class Entries {
  constructor() {
    /** @type {Map<string, { seq: number, id: string, parent: unknown, record: any }>} */
    this.byId = new Map();
    /** @type {any[]} every entry, in creation order */
    this.all = [];
    /** @type {Map<unknown, any[]>} the entries of each parent, in creation order */
    this.byParent = new Map();
    this.seq = 0;
  }

  /** Stores `record` under `id`: a new entry at the end, or the entry replaced in its place (re-indexed when its parent changes). */
  put(id, parent, record) {
    let entry = this.byId.get(id);
    if (!entry) {
      entry = { seq: ++this.seq, id, parent, record };
      this.byId.set(id, entry);
      this.all.push(entry);
      this.ofParent(parent).push(entry);
    } else if (entry.parent !== parent) {
      this.unindex(entry);
      entry.parent = parent;
      insert(this.ofParent(parent), entry);
    }
    entry.record = record;
  }

  /** Removes the entry `id`; returns whether there was one. */
  delete(id) {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.byId.delete(id);
    remove(this.all, entry);
    this.unindex(entry);
    return true;
  }

  /** The entries matching `{ parent?, ids? }` (every condition given), in creation order. */
  matching({ parent, ids }) {
    if (ids !== undefined) {
      const found = [...new Set(ids)].flatMap((id) => this.byId.get(id) ?? []).filter((e) => parent === undefined || e.parent === parent);
      return found.sort((a, b) => a.seq - b.seq);
    }
    return parent === undefined ? this.all : (this.byParent.get(parent) ?? []);
  }

  /** @returns {any[]} the entries of `parent`, a new empty list when it has none yet */
  ofParent(parent) {
    if (!this.byParent.has(parent)) this.byParent.set(parent, []);
    return /** @type {any[]} */ (this.byParent.get(parent));
  }

  /** Takes `entry` out of its parent's list (dropping the list once empty). */
  unindex(entry) {
    const list = this.byParent.get(entry.parent) ?? [];
    remove(list, entry);
    if (list.length === 0) this.byParent.delete(entry.parent);
  }

  clear() {
    this.byId.clear();
    this.all.length = 0;
    this.byParent.clear();
  }
}

/**
 * Creates the records of the resource of `plan`. `limits`: `{ records, listItems, idempotencyKeys }`. `guard`:
 * `parent(record)` and `children(id)` return why a write or a delete is refused (the other resources' state), or
 * undefined; `deleted(id)` deletes what goes with a deleted record.
 * @param {any} plan
 * @param {{ now: () => number, limits: { records: number, listItems: number, idempotencyKeys: number }, guard: { parent(record: any): string | undefined, children(id: string): string | undefined, deleted(id: string): void } }} options
 */
export function createRecords(plan, { now, limits, guard }) {
  const { resource } = plan;
  const entries = new Entries();
  const keys = resource.idempotency ? createKeys(resource.idempotency, now, limits.idempotencyKeys) : undefined;
  /** Stores `record` and returns a copy of it. */
  const put = (record) => {
    entries.put(record[ID], resource.parent ? record[resource.parent.field] : undefined, record);
    return copy(record);
  };
  const matching = (filter) => entries.matching(filterOf(resource, filter));

  /** Throws the StoreRefusal of a record over a limit, or (`parents`: a write) naming a missing parent. */
  function check(record, { isNew, parents, root = 'body' }) {
    const { size } = entries.byId;
    if (isNew && !entries.byId.has(record[ID]) && size >= limits.records) {
      throw new StoreRefusal(`${resource.name}: the mock holds ${size} records, its limit (limits.records, --limit records=N): delete some or raise the limit`);
    }
    const long = longList(record, limits.listItems);
    if (long !== undefined) throw new StoreRefusal(`${root}.${long} must NOT have more than ${limits.listItems} items (the mock's limit: limits.listItems, --limit listItems=N)`);
    const problem = parents ? guard.parent(record) : undefined;
    if (problem) throw new StoreRefusal(problem);
  }

  return {
    /** The plan of the resource (resources.js). */
    plan,
    /** A copy of the record `id`, or undefined. */
    get: (id) => (entries.byId.has(id) ? copy(entries.byId.get(id)?.record) : undefined),
    /** Whether the record `id` exists. */
    has: (id) => entries.byId.has(id),
    /** How many records match `filter` (default: all). */
    count: (filter) => (filter ? matching(filter).length : entries.byId.size),
    /** Copies of the records matching `filter` (`{ parent?, ids? }`; default: all), in creation order. */
    list: (filter) => matching(filter).map((e) => copy(e.record)),
    /**
     * One page of the records matching `filter`, in creation order: at most `size` after the `cursor` of a previous
     * page (0: from the start), and `next`, the cursor of the following page (undefined on the last). A cursor is a
     * position in creation order, so records deleted or created meanwhile shift no page.
     */
    page(filter, { cursor = 0, size }) {
      if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`page size must be a positive integer (got ${size})`);
      const list = matching(filter);
      const start = firstAfter(list, cursor);
      const page = list.slice(start, start + size);
      return { items: page.map((e) => copy(e.record)), next: start + size < list.length ? page[page.length - 1].seq : undefined };
    },
    /**
     * Creates a record from a validated create body: a new id, its lists' server ids. Undefined, storing nothing,
     * when the body repeats an idempotency key within its window; throws a StoreRefusal over a limit or for a
     * missing parent. Synchronous, so two concurrent creates of one key cannot both succeed.
     */
    create(body) {
      const record = fromBody(body, plan.idPlan, newId());
      check(record, { isNew: true, parents: true });
      const key = keys && body[resource.idempotency.key];
      if (key !== undefined && !keys?.take(key)) return undefined;
      return put(record);
    },
    /** The full overwrite: the body becomes the whole record `id` (new list ids); undefined for an unknown id. */
    update(id, body) {
      if (!entries.byId.has(id)) return undefined;
      const record = fromBody(body, plan.idPlan, id);
      check(record, { isNew: false, parents: true });
      return put(record);
    },
    /** The partial update: the body's fields merged onto the record `id` (lists sent replace, with new ids); undefined for an unknown id. */
    patch(id, body) {
      const entry = entries.byId.get(id);
      if (!entry) return undefined;
      const record = { ...merged(copy(entry.record), withServerIds(copy(body), plan.idPlan, id, false)), [ID]: id };
      check(record, { isNew: false, parents: true });
      return put(record);
    },
    /** Deletes the record `id`; false when there is none; throws a StoreRefusal while children name it. */
    delete(id) {
      if (!entries.byId.has(id)) return false;
      const problem = guard.children(id);
      if (problem) throw new StoreRefusal(problem);
      entries.delete(id);
      guard.deleted(id);
      return true;
    },
    /** Inserts or replaces a record as is (the caller validated it): list items keep the ids they have and get the missing ones. */
    set(record) {
      const stored = withServerIds(copy(record), plan.idPlan, record[ID], true);
      check(stored, { isNew: true, parents: false, root: resource.name });
      return put(stored);
    },
    /** How many idempotency keys are within their window. */
    keysTaken: () => keys?.size() ?? 0,
    /** Removes every record and forgets the idempotency keys. */
    clear() {
      entries.clear();
      keys?.clear();
    },
  };
}
