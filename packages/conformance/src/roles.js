// What a success of an operation must echo or change, by its ROLE in its resource's lifecycle (`x-feishu-role` of the
// spec, read through @feishu-hire/spec/model): create, read, list, update (full overwrite or partial), patch, delete.
// Nothing here knows a resource or an operation by name: the record key, the id parameter, the parent, the filters
// and the request and response schemas all come from the model, so every resource of the spec gets these checks.
import { isDeepStrictEqual } from 'node:util';
import { isReadOnly } from '@feishu-hire/spec/model';
import { assignedIdProblems, clearedProblems, echoProblems, itemsKeyOf, RECORD_ID, recordOf, recordPath, recordSchemaOf, selfReferenceProblems } from './records.js';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The problems of a record after a write of `sent`: the body echoed; with `mode` `create` or `full` every field of the
 * request schema not sent absent; its id assigned (create) or the one written to; ids the platform assigns present;
 * nested fields naming the record (its id parameter) naming it.
 */
function writeProblems({ doc, operation, resource }, { sent, record, id, mode, where }) {
  const schema = recordSchemaOf(doc, operation, resource);
  // An answer whose data is the record itself (no record key) may carry only some of its fields, e.g. a create
  // answering its new id alone: only the fields its schema declares are echoed.
  const declared = Object.keys(schema.properties ?? {});
  const echoed = resource.recordKey === undefined && where !== 'state' ? Object.fromEntries(Object.entries(sent ?? {}).filter(([k]) => declared.includes(k))) : sent;
  const problems = echoProblems(echoed, record, where);
  if (!isObject(record)) return problems;
  const own = record[RECORD_ID];
  if (mode !== 'partial') {
    const cleared = clearedProblems(doc, operation.requestBody.schema, sent, record, where, new Set([resource.idParameter]));
    problems.push(...(mode === 'create' ? cleared.map((p) => p.replace('so the full overwrite must clear it', 'so it must be absent')) : cleared));
  }
  if (mode === 'create' && !(typeof own === 'string' && own.length > 0)) problems.push(`${where}.${RECORD_ID}: the platform must assign an id, got ${JSON.stringify(own)}`);
  if (mode !== 'create' && own !== undefined && own !== id) problems.push(`${where}.${RECORD_ID}: expected ${id}, got ${JSON.stringify(own)}`);
  problems.push(...assignedIdProblems(doc, schema, record, where));
  problems.push(...selfReferenceProblems(record, resource.idParameter, own ?? id, where));
  return problems;
}

/** The fields a patch did not send that changed between `before` and `state` (a patch keeps them). */
function keptProblems(sent, before, state) {
  if (!isObject(before) || !isObject(state)) return [];
  return Object.keys(before).filter((k) => !(k in sent) && !isDeepStrictEqual(before[k], state[k]))
    .map((k) => `state.${k}: not sent, so the patch must keep it, was ${JSON.stringify(before[k])}, got ${JSON.stringify(state[k])}`);
}

/** The entry of a create: a success echoes what was sent and nothing else, with a new id. */
function createEntry(model) {
  const where = recordPath(model.resource);
  return {
    success: 'echoed with a new id, and nothing else stored',
    check: ({ sent, body }) => writeProblems(model, { sent, record: recordOf(model.resource, body), mode: 'create', where }).map((p) => `echo: ${p}`),
    createdId: (body) => recordOf(model.resource, body)?.[RECORD_ID],
    stateProblems: ({ sent, state }) => (state === undefined ? ['state: nothing is stored under the new id'] : writeProblems(model, { sent, record: state, mode: 'create', where: 'state' })),
  };
}

/** The entry of an update or a patch: the record written to echoes what was sent (a full overwrite: and nothing else). */
function updateEntry(model, mode) {
  const { resource } = model;
  const where = recordPath(resource);
  return {
    target: resource.idParameter,
    success: mode === 'full' ? 'echoed, every field not sent cleared (full overwrite)' : 'the fields sent changed, the others kept',
    check: ({ sent, body, path }) => writeProblems(model, { sent, record: recordOf(resource, body), id: path[resource.idParameter], mode, where }).map((p) => `echo: ${p}`),
    stateProblems: ({ sent, state, before, targetId }) => {
      if (state === undefined) return ['state: nothing is stored under the id'];
      const problems = writeProblems(model, { sent, record: state, id: targetId, mode, where: 'state' });
      return mode === 'partial' ? [...problems, ...keptProblems(sent, before, state)] : problems;
    },
  };
}

/** The entry of a delete: a success answers an object; afterwards the record is gone. */
function deleteEntry({ resource }) {
  return {
    target: resource.idParameter,
    // In a reject-only run (and in its burst) every case goes to an id that cannot exist; in a writing run each valid
    // case and control goes to a record the run creates for it (so that its valid control is accepted) and its
    // rejections to one they share (a rejection that deleted anyway is seen in the state read back).
    nonexistentTarget: true,
    freshTarget: true,
    success: 'the record is deleted',
    check: ({ body }) => (isObject(body?.data) ? [] : [`data: expected an object, got ${JSON.stringify(body?.data)}`]),
    stateProblems: ({ state, targetId }) => (state === undefined ? [] : [`state: ${resource.name} ${targetId} is still returned after its delete was accepted`]),
  };
}

/** The entry of a read by id: a success answers the record asked for. */
function readEntry({ resource }) {
  return {
    // The run's target of the resource in a writing run; an id that cannot exist otherwise (its valid cases then skip).
    target: resource.idParameter,
    success: 'the record asked for',
    check: ({ body, path }) => {
      const record = recordOf(resource, body);
      return isObject(record) && record[RECORD_ID] === path[resource.idParameter] ? [] : [`data: expected the ${resource.name} ${path[resource.idParameter]}, got ${JSON.stringify(record?.[RECORD_ID])}`];
    },
  };
}

/** The value a request of a list sends for `filter` (`{ in, name }`), or undefined. */
export function filterValue(filter, { body, query }) {
  if (!filter) return undefined;
  return filter.in === 'query' ? query?.[filter.name] : body?.[filter.name];
}

/** Whether a list request sends `filter` (a non-empty value). */
function sendsFilter(filter, body, query) {
  const value = filterValue(filter, { body, query });
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '';
}

/** The problems of a list's page: only the records its filters ask for, and the paging fields when it pages. */
function pageProblems({ resource, itemsKey, filters }, { sent, body, query }) {
  const data = body?.data;
  const items = data?.[itemsKey];
  if (!Array.isArray(items)) return [`data.${itemsKey}: expected a list, got ${JSON.stringify(items)}`];
  const ids = filterValue(filters.ids, { body: sent, query });
  const parent = filterValue(filters.parent, { body: sent, query });
  const problems = [];
  if (Array.isArray(ids) && ids.length > 0) problems.push(...items.filter((i) => !ids.includes(i?.[RECORD_ID])).map((i) => `data.${itemsKey}: ${JSON.stringify(i?.[RECORD_ID])} was not asked for`));
  else if (parent !== undefined && parent !== '' && resource.parent) {
    problems.push(...items.filter((i) => i?.[resource.parent.field] !== parent).map((i) => `data.${itemsKey}: ${JSON.stringify(i?.[RECORD_ID])} has ${resource.parent.field} ${JSON.stringify(i?.[resource.parent.field])}, not the ${JSON.stringify(parent)} asked for`));
  }
  if (resource.paged) problems.push(...pagingProblems(data, items, query));
  return problems;
}

/** The paging problems of a page: a boolean has_more, a page_token while has_more, at most page_size items. */
function pagingProblems(data, items, query) {
  const problems = [];
  if (typeof data.has_more !== 'boolean') problems.push(`data.has_more: expected a boolean, got ${JSON.stringify(data.has_more)}`);
  if (data.has_more === true && !(typeof data.page_token === 'string' && data.page_token)) problems.push('data.page_token: expected a token while has_more is true');
  const size = Number(query?.page_size);
  if (Number.isInteger(size) && items.length > size) problems.push(`data: ${items.length} items on a page of page_size ${size}`);
  return problems;
}

/** The entry of a list: a page of the records its filters ask for; a request sending none of its filters proves nothing. */
function listEntry({ doc, operation, resource }) {
  const filters = operation.resource.filters ?? {};
  const model = { resource, itemsKey: itemsKeyOf(doc, operation) ?? 'items', filters };
  const names = Object.values(filters).map((f) => `${f.in}.${f.name}`);
  return {
    success: 'a page of the records asked for',
    prepare: (body, _run, c) => (c.kind !== 'valid' || names.length === 0 || Object.values(filters).some((f) => sendsFilter(f, body, c.request.query))
      ? { body }
      : { skip: `sends none of its filters (${names.join(', ')}): no source states what the list answers without a condition` }),
    check: ({ sent, body, query }) => pageProblems(model, { sent, body, query }),
    itemsKey: model.itemsKey,
  };
}

const ENTRIES = { create: createEntry, read: readEntry, list: listEntry, delete: deleteEntry };

/** The response semantics of `operation`, an operation of `resource`, from its role. */
export function roleEntry(doc, operation, resource) {
  const model = { doc, operation, resource };
  const { role, overwrite } = operation.resource;
  const entry = role === 'update' || role === 'patch' ? updateEntry(model, overwrite === 'full' ? 'full' : 'partial') : ENTRIES[role](model);
  return Object.freeze({ role, resource, writes: !isReadOnly(operation), ...entry });
}
