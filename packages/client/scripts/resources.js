// Generates generated/resources.ts from the resource model (@feishu-hire/spec/model): for every resource of the spec,
// the metadata of each of its operations (a binding of src/resource.ts), its types (record, bodies, list input, page,
// namespace), one standalone function per method (`createInterview(client, body)`) and its namespace
// (`client.externalInterviews`), and `resourceNamespaces(client)` with them all. Every name comes from
// `clientMethodsOf` of the model, every fact from the spec: a resource added to specs/ needs no code here.
// It fails closed: what the client cannot call through a namespace is an error naming the operation, all in one.
import { clientMethodsOf, deref, filterKey, idArgument } from '@feishu-hire/spec/model';
import { readOnlyMask } from './read-only.js';

const camel = (snake) => snake.replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());
const pascal = (name) => camel(name).replace(/^[a-z]/, (c) => c.toUpperCase());
/** Text fit for one line of a JSDoc comment. */
const jsdoc = (text) => String(text).replace(/\s+/g, ' ').trim().replaceAll('*/', '*\\/');
/** The first sentence of a description (to the first colon or line end), for a field's JSDoc. */
const lead = (text, fallback) => jsdoc(text?.split(/[:\n]/)[0] || fallback);

/** What the generator reads of one resource: the spec, its operations by id, the resource and its names. */
function contextOf(doc, operations, resource) {
  const op = (id) => operations.find((o) => o.operationId === id);
  const type = pascal(resource.name);
  return { doc, op, resource, type, plural: `${type}s`, local: camel(resource.name), label: resource.name.replaceAll('_', ' '), problems: [] };
}

/** The `data` schema (refs followed) of an operation's success answer, or undefined. */
function dataOf(ctx, op) {
  const [status, response] = Object.entries(op.responses).find(([s]) => /^2/.test(s)) ?? [];
  const content = response && Object.values(response.content)[0];
  const envelope = content && deref(ctx.doc, content.schema);
  return status && envelope?.properties?.data ? deref(ctx.doc, envelope.properties.data) : undefined;
}

/** The `$ref` a schema node names (its identity as a component), or undefined for an inline schema. */
const refOf = (node) => (typeof node?.$ref === 'string' ? node.$ref : undefined);

/** The record of a write or read: `{ key, ref }` of the resource's record key in its data, or `{}` when data is the record. */
function recordIn(ctx, op) {
  const data = dataOf(ctx, op);
  const key = ctx.resource.recordKey;
  return key && data?.properties?.[key] ? { key, ref: refOf(data.properties[key]) } : {};
}

/** The items of a list: `{ key, ref }` of the one array property of its data; a problem when it has none. */
function itemsIn(ctx, op) {
  const data = dataOf(ctx, op);
  const arrays = Object.entries(data?.properties ?? {}).filter(([, s]) => deref(ctx.doc, s).type === 'array');
  if (arrays.length !== 1) {
    ctx.problems.push(`operation ${op.operationId} (list of ${ctx.resource.name}): its data must have exactly one array (the items), got ${arrays.map(([k]) => k).join(', ') || 'none'}`);
    return { key: 'items' };
  }
  const [key, schema] = arrays[0];
  return { key, ref: refOf(deref(ctx.doc, schema).items), schema: deref(ctx.doc, deref(ctx.doc, schema).items) };
}

/** The binding of a list (src/resource.ts ListBinding) and its filters with their docs. */
function listBinding(ctx, op, items) {
  const filters = Object.entries(op.resource.filters ?? {});
  const exclusive = filters.length === 2;
  const bodySchema = op.requestBody ? deref(ctx.doc, op.requestBody.schema) : undefined;
  const specOf = (filter) => (filter.in === 'query' ? op.parameters.query.find((p) => p.name === filter.name) : { ...bodySchema?.properties?.[filter.name], required: bodySchema?.required?.includes(filter.name) });
  const list = filters.map(([kind, filter]) => ({ key: filterKey(kind, filter), in: filter.in, name: filter.name, ids: kind === 'ids', required: !exclusive && specOf(filter)?.required === true, doc: lead(specOf(filter)?.description, filter.name) }));
  const pageSize = ctx.resource.paged ? op.parameters.query.find((p) => p.name === 'page_size').schema : undefined;
  const covered = new Set([...list.filter((f) => f.in === 'query').map((f) => f.name), ...(pageSize ? ['page_size', 'page_token'] : [])]);
  for (const p of op.parameters.query) if (p.required && !covered.has(p.name)) ctx.problems.push(`operation ${op.operationId} (list of ${ctx.resource.name}): required query parameter ${p.name} is neither a filter (x-feishu-filters) nor paging`);
  if (ctx.resource.paged && (dataOf(ctx, op)?.properties?.has_more === undefined || dataOf(ctx, op)?.properties?.page_token === undefined)) ctx.problems.push(`operation ${op.operationId} (list of ${ctx.resource.name}): it pages, but its data has no has_more and page_token`);
  const binding = {
    operation: op.operationId,
    resource: ctx.resource.name,
    filters: list.map(({ doc: _doc, ...f }) => f),
    exclusive,
    items: items.key,
    pageSize: pageSize && { minimum: pageSize.minimum ?? 1, maximum: pageSize.maximum },
    body: Boolean(op.requestBody),
    idArgument: idArgument(ctx.resource),
  };
  return { binding, filters: list, pageSize };
}

/**
 * The statements of the standalone function of a create, read, update, patch or delete, written out with the
 * operation's facts: the id checked, the body checked, the call, the record of its answer (`data[record]`).
 */
function callStatements(ctx, op, role, type) {
  const id = idArgument(ctx.resource);
  const byId = role !== 'create';
  const hasBody = ['create', 'update', 'patch'].includes(role);
  if (byId && !op.parameters.path.some((p) => p.name === ctx.resource.idParameter)) ctx.problems.push(`operation ${op.operationId} (${role} of ${ctx.resource.name}): it has no path parameter ${ctx.resource.idParameter}, so get/update/delete(id) cannot call it`);
  const other = op.parameters.path.find((p) => p.name !== ctx.resource.idParameter) ?? (!hasBody && op.requestBody?.required ? { name: 'body' } : undefined);
  if (other) ctx.problems.push(`operation ${op.operationId} (${role} of ${ctx.resource.name}): its ${other.name} is not an argument of the client's ${role}`);
  const what = role === 'create' ? `the new ${ctx.label}` : role === 'update' && op.resource.overwrite === 'full' ? `the complete ${ctx.label}` : 'the fields to change';
  const input = [byId ? `path: { ${ctx.resource.idParameter}: ${id} }` : '', hasBody ? 'body' : ''].filter(Boolean).join(', ');
  const call = `await client.request(${op.operationId}, { ${input} }, options)`;
  const key = recordIn(ctx, op).key;
  return [
    ...(byId ? [`assertPathSegment(${JSON.stringify(id)}, ${id}, ['string']);`] : []),
    ...(hasBody ? [`checkObject('body', body, ${JSON.stringify(what)});`] : []),
    role === 'delete' ? `${call};` : key ? `return recordOf(${call}, ${JSON.stringify(key)}) as ${type};` : `return (${call}) as ${type};`,
  ];
}

/** A list binding as TypeScript: the operation constant by name, the rest as JSON. */
function bindingTs(name, binding) {
  const fields = Object.entries(binding).map(([k, v]) => `${k}: ${k === 'operation' ? v : v === undefined ? 'undefined' : JSON.stringify(v)}`);
  return `const ${name}: ListBinding = { ${fields.join(', ')} };\n`;
}

/** The TypeScript type of an operation's record (`RecordOf<...>`, the resource's alias when it is the same schema). */
function recordType(ctx, op, primary) {
  const { key, ref } = recordIn(ctx, op);
  if (key && ref && ref === primary.ref) return ctx.type;
  return key ? `RecordOf<operations['${op.operationId}'], '${key}'>` : `DataOf<operations['${op.operationId}']>`;
}

/** The resource's record type: `{ ref, ts }` of its writes' record, else its list's item, else a create's or read's data. */
function primaryRecord(ctx, items) {
  const { create, update, patch, list, read } = ctx.resource.operations;
  const writer = [create, update, patch].map(ctx.op).find((o) => o && recordIn(ctx, o).key);
  if (writer) return { ref: recordIn(ctx, writer).ref, ts: `RecordOf<operations['${writer.operationId}'], '${ctx.resource.recordKey}'>` };
  if (list) return { ref: items.ref, ts: `ItemOf<operations['${list}'], '${items.key}'>` };
  const source = ctx.op(create ?? read);
  return { ref: undefined, ts: source ? `DataOf<operations['${source.operationId}']>` : 'never' };
}

/** The list's filter object type: exactly one of two filters, or each with its requiredness; paging for a paged list. */
function filterInputTs(filters, pageSize) {
  const member = (f, optional, indent) => `${indent}/** ${f.doc} */\n${indent}${f.key}${optional ? '?' : ''}: ${f.ids ? 'readonly string[]' : 'string'};\n`;
  const conditions = filters.length === 2
    ? `(\n${filters.map((f, i) => `  | {\n${member(f, false, '      ')}      ${filters[1 - i].key}?: undefined;\n    }\n`).join('')})`
    : `{\n${filters.map((f) => member(f, !f.required, '  ')).join('')}}`;
  if (!pageSize) return conditions;
  const bounds = `${pageSize.minimum ?? 1}${pageSize.maximum === undefined ? ' or more' : ` to ${pageSize.maximum}`}${pageSize.default === undefined ? '' : `; default ${pageSize.default}`}`;
  return `${conditions} & {\n  /** Items per request, within the spec's bounds of \`page_size\` (${bounds}). */\n  pageSize?: number;\n}`;
}

/** One method of the namespace: its JSDoc, signature, standalone function and wiring, from its `clientMethodsOf` entry. */
function methodOf(ctx, entry, types) {
  const op = ctx.op(entry.operationId);
  const id = idArgument(ctx.resource);
  const where = `${jsdoc(op.summary ?? op.operationId)}: \`${op.method} ${op.path}\``;
  const idempotency = ctx.resource.idempotency && `Send \`${ctx.resource.idempotency.key}\` (your key): a create repeating it within ${ctx.resource.idempotency.windowMs / 3_600_000} hours is refused.`;
  const overwrite = op.resource.overwrite === 'full' ? '**Full overwrite (全量覆盖更新).** `body` replaces the whole stored record: any field left out is deleted. Send it complete.' : undefined;
  const shapes = {
    create: [`${where}. Resolves to the record as stored.${idempotency ? ` ${idempotency}` : ''}`, [`body: Create${ctx.type}Body`], types.of(op)],
    get: entry.byIds
      ? [`The ${ctx.label} with this id, read with ${where} by id; rejects with HireNotFoundError when there is none.`, [`${id}: string`], `Promise<${types.item}>`, `getByList(client, ${ctx.local}List, ${id}, options)`]
      : [`${where}. Resolves to the record.`, [`${id}: string`], types.of(op)],
    list: ctx.resource.paged
      ? [`Every ${ctx.label} of \`input\`, one by one across pages (${where}), as an async iterable: \`for await (const item of list(input))\`. Bad input throws HireValidationError at once, before any request.`, [`input${types.inputOptional ? '?' : ''}: List${ctx.plural}Input`], `AsyncIterableIterator<${types.item}>`, `listAll(client, ${ctx.local}List, input, options)`]
      : [`Every ${ctx.label} of \`input\`: ${where}.`, [`input${types.inputOptional ? '?' : ''}: List${ctx.plural}Input`], `Promise<Array<${types.item}>>`, `listOnce(client, ${ctx.local}List, input, options)`],
    listPage: [`One page of ${where}: \`input\`'s conditions, \`pageSize\` and the previous page's \`pageToken\`. Resolves to \`{ items, pageToken, hasMore }\`.`, [`input${types.inputOptional ? '?' : ''}: List${ctx.plural}PageInput`], `Promise<${ctx.type}Page>`, `listPage(client, ${ctx.local}List, input, options)`],
    update: [`${where}. Resolves to the record as stored.${overwrite ? ` ${overwrite}` : ''}`, [`${id}: string`, `body: Update${ctx.type}Body`], types.of(op)],
    patch: [`${where}: changes the fields sent. Resolves to the record as stored.`, [`${id}: string`, `body: Patch${ctx.type}Body`], types.of(op)],
    delete: [`${where}. Resolves to undefined.`, [`${id}: string`], 'void'],
    sync: [
      `Makes the ${ctx.label} records of one ${ctx.resource.parent?.resource.replaceAll('_', ' ')} (\`${entry.parentArgument}\`) on Feishu match \`${entry.recordsArgument}\`, keyed by \`${ctx.resource.idempotency?.key}\`: lists its records (${where}), then creates what is missing${entry.writes?.includes('update') ? ', overwrites what differs' : ', reports what differs as a conflict'}${entry.writes?.includes('delete') ? ' and, with `deleteMissing`, deletes what is not given' : ''}; unchanged records cost no write. Resolves to the plan or what was done: \`{ items, counts, failed, untouched }\`. Bad input rejects with HireValidationError before any request.`,
      [`${entry.parentArgument}: string`, `${entry.recordsArgument}: readonly ${ctx.type}SyncRecord[]`], `Promise<ResourceSyncResult<${ctx.type}>>`, `syncRecords(client, ${ctx.local}Sync, ${entry.parentArgument}, ${entry.recordsArgument}, options)`,
    ],
    readModifyWrite: [
      `Reads the ${ctx.label} once (\`get\`), applies \`changes\` and writes it back complete once: ${where} overwrites (全量覆盖更新). \`changes\` is an updater \`(current) => next\` (\`current\`: the record as an update body, to return changed or to change in place), or an object whose fields replace the current ones whole (\`undefined\` removes one). Resolves to \`{ before, after }\`. **Last writer wins:** the platform has no version or ETag, so a change written by someone else between this read and this write is overwritten without notice.`,
      [`${id}: string`, `changes: RecordChanges<Update${ctx.type}Body> | RecordUpdater<Update${ctx.type}Body>`], `Promise<Patched<${ctx.type}>>`, `patchRecord(client, ${ctx.local}Overwrite, ${id}, changes, options)`,
    ],
  };
  if (entry.method === 'toUpdateBody') return toUpdateBodyMethod(ctx);
  const [doc, params, result, call] = shapes[entry.fullOverwrite ? 'readModifyWrite' : entry.method];
  const args = [...params, entry.sync ? `options?: ResourceSyncOptions<${ctx.type}>` : 'options?: RequestOptions'];
  const names = args.map((a) => a.split(/\??:/)[0]);
  // A call of a list or read-modify-write helper (its binding carries the facts), else the call written out.
  const returns = call ? result : `Promise<${result}>`;
  const body = call ? [`return ${call} as ${returns};`] : callStatements(ctx, op, entry.role, result);
  const standalone = `\n/** ${doc} */\nexport ${call ? '' : 'async '}function ${entry.functionName}(client: HireRequester, ${args.join(', ')}): ${returns} {\n${body.map((l) => `  ${l}\n`).join('')}}\n`;
  // sync is a standalone function only (syncOffers(client, ...)): on the namespace, every createHireClient bundle would
  // carry its code (2 KB gzipped) whether it syncs or not.
  if (entry.standalone) return { signature: '', function: standalone, wiring: '' };
  return {
    signature: `  /** ${doc} */\n  ${entry.method}(${args.join(', ')}): ${returns};\n`,
    function: standalone,
    wiring: `    ${entry.method}: (${names.join(', ')}) => ${entry.functionName}(client, ${names.join(', ')}),\n`,
  };
}

/** `toUpdateBody(record)` of a full-overwrite namespace: a method only (no client, no request). */
function toUpdateBodyMethod(ctx) {
  const doc = `The update body that writes \`record\` (as read: by \`get\`, or an item of \`list\`) back unchanged: \`update(record.id, toUpdateBody(record))\`. Leaves out only what the spec marks readOnly (the platform's ids); fields unknown to this client are kept.`;
  return {
    signature: `  /** ${doc} */\n  toUpdateBody(record: ${ctx.type}): Update${ctx.type}Body;\n`,
    function: '',
    wiring: `    toUpdateBody: (record) => toUpdateBodyOf(${ctx.local}Overwrite, record) as Update${ctx.type}Body,\n`,
  };
}

/** The types of a resource: record, bodies, list input and page. */
function typesTs(ctx, primary, list, entries) {
  let out = `\n/** ${ctx.resource.displayName}: one record (\`${ctx.resource.name}\`) as the API answers it. */\nexport type ${ctx.type} = ${primary.ts};\n`;
  for (const role of ['create', 'update', 'patch']) {
    const id = ctx.resource.operations[role];
    if (id) out += `/** The request body of ${jsdoc(ctx.op(id).summary ?? id)}. */\nexport type ${pascal(role)}${ctx.type}Body = BodyOf<operations['${id}']>;\n`;
  }
  if (list) {
    out += `/** Which ${ctx.label} records \`list\` returns. */\nexport type List${ctx.plural}Input = ${filterInputTs(list.filters, list.pageSize)};\n`;
    if (ctx.resource.paged) out += `/** The input of \`listPage\`: the records to list, and where to resume. */\nexport type List${ctx.plural}PageInput = List${ctx.plural}Input & { pageToken?: string | undefined };\n/** One page of ${ctx.label} records. */\nexport type ${ctx.type}Page = Page<${ctx.type}>;\n`;
  }
  const sync = entries.find((e) => e.sync);
  if (sync) {
    const body = `${sync.writes.includes('update') ? 'Update' : 'Create'}${ctx.type}Body`;
    out += `/** One ${ctx.label} of \`sync\`: its complete state, keyed by \`${ctx.resource.idempotency.key}\` (required); \`${ctx.resource.parent.field}\` may be left out (the sync's parent is filled in). */\nexport type ${ctx.type}SyncRecord = SyncRecord<${body}, ${JSON.stringify(ctx.resource.idempotency.key)}, ${JSON.stringify(ctx.resource.parent.field)}>;\n`;
  }
  return out;
}

/**
 * The binding of the full-overwrite helpers (src/full-overwrite.ts) of a resource whose update overwrites
 * (`x-feishu-overwrite: full`): the update's write-back metadata (generated/write-back.ts), and when `get` reads
 * one, its get and update functions. Empty for another resource.
 */
function overwriteBindingTs(ctx, entries) {
  if (!entries.some((e) => e.fullOverwrite)) return '';
  const fn = (method) => entries.find((e) => e.method === method && !e.fullOverwrite)?.functionName;
  const update = ctx.resource.operations.update;
  ctx.writeBacks.push(`${update}WriteBack`);
  const names = `resource: ${JSON.stringify(ctx.resource.name)}, idArgument: ${JSON.stringify(idArgument(ctx.resource))}, writeBack: ${update}WriteBack`;
  // Without a get (no read by id), toUpdateBody alone: patch would have nothing to read the record with.
  if (!fn('get')) return `const ${ctx.local}Overwrite: WriteBackBinding = { ${names} };\n`;
  return `const ${ctx.local}Overwrite: FullOverwriteBinding = { ${names}, get: ${fn('get')}, update: ${fn('update')} };\n`;
}

/**
 * The binding of `sync` (src/sync.ts SyncBinding) of a resource with a create, an idempotency key and a list by its
 * parent: its key, its parent, the readOnly mask of the listed records (what is neither sent nor compared) and the
 * functions it lists and writes through. Empty for another resource.
 */
function syncBindingTs(ctx, entries, items, list) {
  const sync = entries.find((e) => e.sync);
  if (!sync) return '';
  const fn = (method) => entries.find((e) => e.method === method && !e.fullOverwrite && !e.sync && !e.byIds)?.functionName ?? 'undefined';
  const label = sync.recordsArgument.replace(/s$/, '').replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  const facts = { key: ctx.resource.idempotency.key, parentField: ctx.resource.parent.field, parentArgument: sync.parentArgument, records: sync.recordsArgument, label };
  const readOnly = readOnlyMask(ctx.doc, items.schema ?? {}, `${list.binding.operation} items`);
  const fields = [...Object.entries(facts).map(([k, v]) => `${k}: ${JSON.stringify(v)}`), `readOnly: ${JSON.stringify(readOnly)}`, `list: ${fn('list')}`, `pageSize: ${list.binding.pageSize?.maximum ?? 'undefined'}`];
  fields.push(...['create', 'update', 'delete'].map((m) => `${m}: ${sync.writes.includes(m) ? fn(m) : 'undefined'}`));
  return `const ${ctx.local}Sync: SyncBinding = { ${fields.join(', ')} };\n`;
}

/** Everything generated for one resource; `names` collects the exported names (checked for collisions). */
function resourceTs(ctx) {
  const listOp = ctx.op(ctx.resource.operations.list);
  const items = listOp ? itemsIn(ctx, listOp) : {};
  const list = listOp && listBinding(ctx, listOp, items);
  const primary = primaryRecord(ctx, items);
  const entries = clientMethodsOf(ctx.resource, [...ctx.allOperations]);
  if (entries.some((e) => e.byIds) && items.schema && !items.schema.properties?.id) ctx.problems.push(`operation ${listOp.operationId} (list of ${ctx.resource.name}): its items have no id, so get(id) cannot find one`);
  const types = {
    of: (op) => recordType(ctx, op, primary),
    item: listOp && items.ref && items.ref === primary.ref ? ctx.type : listOp ? `ItemOf<operations['${listOp.operationId}'], '${items.key}'>` : 'never',
    inputOptional: list ? list.filters.every((f) => !f.required) && list.filters.length !== 2 : false,
  };
  const methods = entries.map((e) => methodOf(ctx, e, types));
  const namespace = `${pascal(ctx.resource.namespace)}Namespace`;
  let out = `\n// ${ctx.resource.displayName} (${ctx.resource.name})\n` + (list ? bindingTs(`${ctx.local}List`, list.binding) : '') + overwriteBindingTs(ctx, entries) + syncBindingTs(ctx, entries, items, list) + typesTs(ctx, primary, list, entries);
  out += methods.map((m) => m.function).join('');
  out += `\n/** ${ctx.resource.displayName}: \`client.${ctx.resource.namespace}\`. Each method is a thin call of the client's core (see \`HireClient.request\`) and takes \`{ signal, timeoutMs, totalTimeoutMs }\` last. */\nexport interface ${namespace} {\n${methods.map((m) => m.signature).join('')}}\n`;
  out += `\n/** \`client.${ctx.resource.namespace}\`: the functions above bound to \`client\`. */\nexport function ${ctx.resource.namespace}Namespace(client: HireRequester): ${namespace} {\n  return {\n${methods.map((m) => m.wiring).join('')}  };\n}\n`;
  ctx.names.push(ctx.type, `${ctx.type}Page`, namespace, `${ctx.resource.namespace}Namespace`, ...entries.filter((e) => e.functionName).map((e) => e.functionName), ...['Create', 'Update', 'Patch'].map((r) => `${r}${ctx.type}Body`), `List${ctx.plural}Input`, `List${ctx.plural}PageInput`, `${ctx.type}SyncRecord`);
  return out;
}

/** generated/resources.ts for `doc`, its `operations` and `resources` (of the model); throws naming every problem. */
export function resourcesTs(doc, operations, resources, header) {
  const problems = [];
  const names = [];
  const writeBacks = [];
  let body = '';
  for (const resource of resources) {
    const ctx = { ...contextOf(doc, operations, resource), allOperations: operations, names, writeBacks };
    body += resourceTs(ctx);
    problems.push(...ctx.problems);
  }
  const taken = new Set(operations.map((o) => o.operationId));
  const clashes = names.filter((n, i) => taken.has(n) || names.indexOf(n) !== i);
  if (clashes.length) problems.push(`the client names ${[...new Set(clashes)].join(', ')} twice (a resource's generated name equals an operationId or another resource's)`);
  if (problems.length) throw new Error(`client: ${problems.length} problem(s) generating the resource namespaces:\n- ${problems.join('\n- ')}`);
  const used = operations.filter((o) => o.resource).map((o) => o.operationId);
  const imports = [
    `import { checkObject } from '../src/checks.js';`,
    `import { assertPathSegment, type RequestOptions } from '../src/core.js';`,
    `import { patchRecord, toUpdateBodyOf, type FullOverwriteBinding, type Patched, type RecordChanges, type RecordUpdater, type WriteBackBinding } from '../src/full-overwrite.js';`,
    `import { getByList, listAll, listOnce, listPage, recordOf } from '../src/resource.js';`,
    `import type { BodyOf, DataOf, HireRequester, ItemOf, ListBinding, Page, RecordOf } from '../src/resource.js';`,
    `import { syncRecords, type ResourceSyncOptions, type ResourceSyncResult, type SyncBinding, type SyncRecord } from '../src/sync.js';`,
    ...(used.length ? [`import { ${used.join(', ')} } from './operations.js';`] : []),
    `import type { operations } from './schema.js';`,
    ...(writeBacks.length ? [`import { ${writeBacks.join(', ')} } from './write-back.js';`] : []),
  ];
  const aggregate = `\n/** Every resource of the spec, by its namespace. */\nexport interface HireResources {\n${resources.map((r) => `  /** ${jsdoc(r.displayName)}. */\n  ${r.namespace}: ${pascal(r.namespace)}Namespace;\n`).join('')}}\n\n/** The namespaces of every resource, bound to \`client\`. */\nexport function resourceNamespaces(client: HireRequester): HireResources {\n  return {\n${resources.map((r) => `    ${r.namespace}: ${r.namespace}Namespace(client),\n`).join('')}  };\n}\n`;
  return `${header}${imports.join('\n')}\n${body}${aggregate}`;
}
