// plan: what apply would do with each record, from what Feishu holds under each parent. Per resource, parents first:
// the records are grouped by parent; under a parent that exists on Feishu the resource's list operation reads what is
// there (one listing per parent), and each record is a create (its key is not there), an update (a field differs and
// the resource has an update or patch), unchanged, or a conflict (a field differs and nothing can update it). Under a
// parent that does not exist yet everything is a create, read from nowhere. A resource without a list operation is
// compared with what the journal says was written, and so is a group of records the journal knows whole (unless
// `reread`). With `prune`, records under those parents whose key is not in the
// export are deletes (records without a key never are). The records themselves are read from the export by position.
import { changedFields } from './compare.js';
import { lineReader } from './lines.js';
import { inline } from './schema.js';
import { keyOf } from './validate.js';

/** Listings run at once per resource, at most; the client's rate limiter paces them further. */
const listConcurrency = (listing) => Math.max(2, 2 * Math.ceil(listing.operation.rateLimit.perSecond ?? 2));

/** Runs `task(item)` for every item, `limit` at a time; resolves when all have settled (rejects on the first error). */
export async function eachLimit(items, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The entries of `resource` grouped by parent: Map of `k:<key>` / `i:<id>` / `-` → entries. */
function groupsOf(entries) {
  const groups = new Map();
  for (const entry of entries) {
    const group = entry.parentKey !== undefined ? `k:${entry.parentKey}` : entry.parentId !== undefined ? `i:${entry.parentId}` : '-';
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(entry);
  }
  return [...groups.values()];
}

/** The parent of a group: `{ id }` when it exists on Feishu (id known), `{ missing: true }` when it is yet to be created. */
function parentOfGroup(resource, entry, { index, journal }) {
  if (!resource.parent) return { id: undefined };
  if (entry.parentId !== undefined) return { id: entry.parentId };
  const parent = index.byKey.get(keyOf(resource.parent.resource, entry.parentKey))?.op;
  if (parent) return parent.action !== 'create' && parent.id !== undefined ? { id: parent.id } : { missing: true };
  const id = journal.idOf(resource.parent.resource, entry.parentKey); // a parent of an earlier import, not in this export
  return id === undefined ? { missing: true } : { id };
}

/** The stored records under a parent, by key (the first of two with one key wins), and those without a key. */
async function storedUnder(feishu, resource, parentId) {
  const byKey = new Map();
  for await (const record of feishu.list(resource, parentId)) {
    const key = record[resource.key];
    if (typeof key === 'string' && key !== '' && !byKey.has(key)) byKey.set(key, record);
  }
  return byKey;
}

/**
 * The op of one record given what is stored under its parent (`stored`: the record, or the journal's last body).
 * @returns {any}
 */
function opOf(resource, entry, record, stored, id) {
  const base = { resource: resource.name, key: entry.key, line: entry.line, offset: entry.offset, length: entry.length, parentKey: entry.parentKey, parentId: entry.parentId };
  if (!stored) return { ...base, action: 'create' };
  const fields = changedFields(record, stored, [resource.key, resource.parent?.field]);
  if (!fields.length) return { ...base, action: 'unchanged', id };
  const fixed = resource.update ? fields.filter((f) => !resource.updateFields.includes(f)) : [];
  if (fixed.length) return { ...base, action: 'conflict', id, fields, fixed };
  return { ...base, action: resource.update ? 'update' : 'conflict', id, fields };
}

/** The op of a record of a resource without a list operation, from the journal. */
function opFromJournal(resource, entry, record, journal) {
  const state = journal.state(resource.name, entry.key);
  if (!state?.exists) return { ...opOf(resource, entry, record, undefined), retry: state?.pending === 'create' || undefined };
  if (state.unverified) {
    // Its Feishu id is unknown: a record equal to what was sent stays unverified; one edited since cannot be updated.
    const op = opOf(resource, entry, record, journal.bodyOf(resource.name, entry.key) ?? record, undefined);
    return { ...op, action: op.action === 'unchanged' ? 'unchanged' : 'conflict', unverified: true };
  }
  return opOf(resource, entry, record, journal.bodyOf(resource.name, entry.key) ?? record, state.id);
}

/** Whether the journal knows every record of `group` as written (id and body, nothing pending). */
function journalled(journal, resource, group) {
  return group.every((entry) => {
    const state = journal.state(resource.name, entry.key);
    return state?.exists && state.id !== undefined && state.body && !state.pending;
  });
}

/**
 * Plans one group of records of `resource` under one parent; pushes delete ops for `prune`. Why a group the journal
 * knows whole is not listed (unless `reread` or `prune`): a resumed import would otherwise read again every parent
 * it has already written; it compares with what it wrote instead, and lists only where something is unknown.
 */
async function planGroup(ctx, resource, group) {
  const { feishu, journal, reader, prune } = ctx;
  const parent = parentOfGroup(resource, group[0], ctx);
  const skipRead = !ctx.reread && !prune && journalled(journal, resource, group);
  const listed = !parent.missing && resource.listing && !skipRead ? await storedUnder(feishu, resource, parent.id) : undefined;
  for (const entry of group) {
    const record = JSON.parse(reader.read(entry.offset, entry.length)).record;
    let op;
    if (parent.missing) op = opOf(resource, entry, record, undefined);
    else if (listed) op = opOf(resource, entry, record, listed.get(entry.key), listed.get(entry.key)?.id);
    else op = opFromJournal(resource, entry, record, journal);
    if (parent.id !== undefined) op.parentId ??= parent.id;
    entry.op = op;
    listed?.delete(entry.key);
  }
  if (prune && listed && resource.delete) {
    for (const [key, record] of listed) ctx.deletes.push({ resource: resource.name, key, action: 'delete', id: record.id, parentId: parent.id });
  }
}

/** The records of `resource` the journal knows to exist, by the Feishu id of their parent (built once per resource). */
function journalByParent(ctx, resource) {
  if (!ctx.byParent.has(resource.name)) {
    const byParent = new Map();
    for (const [key, state] of ctx.journal.records(resource.name)) {
      if (!state.exists || state.parentId === undefined) continue;
      if (!byParent.has(state.parentId)) byParent.set(state.parentId, []);
      byParent.get(state.parentId).push({ key, id: state.id });
    }
    ctx.byParent.set(resource.name, byParent);
  }
  return ctx.byParent.get(resource.name);
}

/** The records of `child` on Feishu under `parent` (a delete op), from its listing or else from the journal: `[{ key, id }]`. */
async function childrenUnder(ctx, child, parent) {
  const found = [];
  if (child.listing) {
    for await (const record of ctx.feishu.list(child, parent.id)) found.push({ key: record[child.key], id: record.id });
  } else found.push(...(journalByParent(ctx, child).get(parent.id) ?? []));
  return found.filter(({ key }) => typeof key === 'string' && key !== '');
}

/**
 * Adds to `ctx.deletes` the children on Feishu of every record it deletes (and theirs): a parent goes with its
 * children. A child that the parent's delete takes with it (`cascade`) is listed, or known from the journal, and
 * marked `cascade` (it is not sent); any other is deleted first where it can be listed and deleted. Children without
 * a key, or that cannot be listed or deleted, are kept (and the platform may then refuse to delete their parent:
 * reported).
 */
async function pruneChildren(ctx, model) {
  for (let i = 0; i < ctx.deletes.length; i++) {
    const parent = ctx.deletes[i];
    for (const child of model.children(parent.resource).filter((c) => c.parent.cascade || (c.listing && c.delete))) {
      for (const { key, id } of await childrenUnder(ctx, child, parent)) {
        ctx.deletes.push({ resource: child.name, key, action: 'delete', id, parentId: parent.id, cascade: child.parent.cascade || undefined });
      }
    }
  }
}

/**
 * The plan of an export (`index` of scanExport) against Feishu: `{ ops, deletes, counts }`. `ops` lists each record's
 * op in file order per resource, parents first (`{ resource, key, line, action, id?, fields?, parentKey?, parentId? }`);
 * `deletes` (with `prune`) the records to delete, with their children on Feishu, children first; `counts` per resource and action. With `reread`,
 * every parent is listed, also where the journal knows every record.
 */
export async function planImport({ model, index, file, journal, feishu, prune = false, reread = false }) {
  /** @type {{ deletes: any[], [k: string]: any }} */
  const ctx = { feishu, journal, index, reader: lineReader(file), prune, reread, deletes: [], byParent: new Map() };
  try {
    // The resources of one depth side by side: each needs only its parents' ops, planned at the depth before.
    for (const level of levelsOf(model)) {
      await Promise.all(level.map((resource) => {
        const limit = resource.listing ? listConcurrency(resource.listing) : 1;
        return eachLimit(groupsOf(index.byResource.get(resource.name)), limit, (group) => planGroup(ctx, resource, group));
      }));
    }
    if (prune) await pruneChildren(ctx, model);
  } finally {
    ctx.reader.close();
  }
  const order = model.resources.map((r) => r.name);
  const ops = model.resources.flatMap((r) => index.byResource.get(r.name).map((entry) => entry.op));
  const deletes = ctx.deletes.sort((a, b) => order.indexOf(b.resource) - order.indexOf(a.resource));
  return { ops, deletes, counts: countsOf(model, [...ops, ...deletes]) };
}

/** The resources of `model` by depth: `[[depth 0 ...], [depth 1 ...], ...]`. */
function levelsOf(model) {
  const levels = [];
  for (const resource of model.resources) (levels[resource.depth] ??= []).push(resource);
  return levels.filter(Boolean);
}

/** The number of ops of each action, per resource. */
export function countsOf(model, ops) {
  const counts = Object.fromEntries(model.resources.map((r) => [r.name, { create: 0, update: 0, unchanged: 0, conflict: 0, delete: 0 }]));
  for (const op of ops) counts[op.resource][op.action]++;
  return counts;
}

/** The schema of `resource`'s update body, inlined (for project()). */
export function updateSchemaOf(model, resource) {
  return resource.update?.requestBody ? inline(model.doc, resource.update.requestBody.schema, `${resource.update.operationId} request body`) : undefined;
}
