// The paging case of a list, in a writing run: records created for it under a parent of their own, then every page
// walked to the end at the smallest and the largest page size (no repeats, no misses, each page within page_size,
// has_more false exactly on the last page), and the filters checked: by parent alone, by an id list with an id that
// does not exist, and the id list with another parent (the id list, when sent, is the only condition). All from the
// list's `x-feishu-filters` and its paging parameters; the records and the parent it created are deleted again.
import { describeAnswer, isAccepted } from './evidence.js';
import { RECORD_ID } from './records.js';
import { sendOperation } from './request.js';
import { listRequest } from './state.js';
import { createRecord, deleteRecord, newParent } from './targets.js';

/** Records the paging case creates: enough for several pages at the smallest page size. */
export const PAGING_RECORDS = 3;
/** Pages walked at most under a parent the run was given (it may hold records the run did not create). */
const MAX_PAGES = 100;

/** Sends one request of the list with `conditions`; resolves to `{ items, data, problems }` (problems: its semantics broken, or a refusal). */
async function listOnce(run, operationId, conditions, extraQuery, what) {
  const request = listRequest(run, operationId, conditions, extraQuery);
  const answer = await sendOperation(run, operationId, request);
  const operation = run.operationOf({ operationId });
  if (!isAccepted(answer)) return { problems: [`${what}: expected success, got ${describeAnswer(answer)}`] };
  const spec = run.validate(operation, answer).map((p) => `spec: ${p}`);
  const semantics = run.semantics[operationId].check({ sent: request.body, body: answer.body, path: {}, query: request.query, doc: run.doc, operation });
  const data = answer.body.data;
  return { items: data?.[run.semantics[operationId].itemsKey] ?? [], data, problems: [...spec, ...semantics].map((p) => `${what}: ${p}`) };
}

/**
 * Walks every page of the list with `conditions` at page size `size`; the problems: a page that breaks the list's
 * semantics, a record seen twice, a page announced by has_more that is empty or refused, a created record missed, and
 * (with `only`) a record that is not one of them.
 */
async function walk(run, operationId, conditions, size, { ids, only }) {
  const what = (page) => `page ${page} at page_size ${size}`;
  const seen = [];
  const problems = [];
  const most = only ? ids.length + 2 : MAX_PAGES;
  let token;
  for (let page = 1; page <= most; page++) {
    const read = await listOnce(run, operationId, conditions, { page_size: String(size), ...(token ? { page_token: token } : {}) }, what(page));
    problems.push(...read.problems);
    if (!read.data) break;
    if (page > 1 && read.items.length === 0) problems.push(`${what(page)}: empty, although the page before said has_more true`);
    const repeated = read.items.map((i) => i?.[RECORD_ID]).filter((id) => seen.includes(id));
    if (repeated.length > 0) problems.push(`${what(page)}: ${repeated.join(', ')} already on an earlier page`);
    seen.push(...read.items.map((i) => i?.[RECORD_ID]));
    if (read.data.has_more !== true || repeated.length > 0) break;
    token = read.data.page_token;
    if (page === most) problems.push(`${what(page)}: has_more is still true after ${page} pages${only ? ` for ${ids.length} records` : ''}`);
  }
  const missed = ids.filter((id) => !seen.includes(id));
  if (missed.length > 0) problems.push(`at page_size ${size}: ${missed.join(', ')} never on a page`);
  if (only) problems.push(...seen.filter((id) => !ids.includes(id)).map((id) => `at page_size ${size}: ${id} is not one of the records asked for`));
  return problems;
}

/** The problems of the id filter: some ids and one that does not exist, alone and with another parent's filter. */
async function idsProblems(run, operationId, filters, ids) {
  const asked = [...ids.slice(0, 2), run.nonexistentId];
  const problems = [];
  const cases = [[[filters.ids, asked]], ...(filters.parent ? [[[filters.ids, asked], [filters.parent, run.nonexistentId]]] : [])];
  for (const conditions of cases) {
    const what = conditions.length > 1 ? 'an id list with another parent (the id list is the only condition)' : 'an id list with an id that does not exist';
    const read = await listOnce(run, operationId, conditions, {}, what);
    problems.push(...read.problems);
    const got = (read.items ?? []).map((i) => i?.[RECORD_ID]);
    if (read.data) problems.push(...ids.slice(0, 2).filter((id) => !got.includes(id)).map((id) => `${what}: ${id} was asked for and not answered`));
  }
  return problems;
}

/** The walks and filter checks of the list `operationId` over the created `ids` under `parent`. */
async function listProblems(run, operationId, resource, ids, parent) {
  const operation = run.operationOf({ operationId });
  const filters = operation.resource.filters ?? {};
  const byParent = filters.parent && parent.id !== undefined ? [[filters.parent, parent.id]] : [[filters.ids, ids]];
  // Records under a parent the run was given may have siblings it did not create: then only misses count, and only
  // the largest page size is walked.
  const only = !(filters.parent && run.givenTargets[resource.parent?.field] !== undefined);
  const largest = operation.parameters.query.find((p) => p.name === 'page_size')?.schema.maximum ?? ids.length;
  const sizes = resource.paged ? [...new Set(only ? [1, largest] : [largest])] : [undefined];
  const problems = [];
  for (const size of sizes) problems.push(...(size === undefined ? (await listOnce(run, operationId, byParent, {}, 'the list')).problems : await walk(run, operationId, byParent, size, { ids, only })));
  if (filters.ids) problems.push(...(await idsProblems(run, operationId, filters, ids)));
  return problems;
}

/** Runs the paging case `c` of a list; resolves to its outcome `{ status, problems, evidence }`. */
export async function runPagingCase(run, c) {
  const resource = run.semantics[c.operationId].resource;
  // A parent of their own (a new record, or a fresh id), so that the parent holds these records alone.
  const parent = await newParent(run, resource);
  if (parent.skip) return { status: 'skipped', problems: [], reason: parent.skip };
  if (parent.fail) return { status: 'failed', problems: [`a parent for the records: ${parent.fail}`] };
  const ids = [];
  const problems = [];
  try {
    for (let i = 0; i < PAGING_RECORDS && problems.length === 0; i++) {
      const created = await createRecord(run, resource, parent);
      if (created.fail) problems.push(`create of record ${i + 1}: ${created.fail}`);
      else ids.push(created.id);
    }
    if (problems.length === 0) problems.push(...(await listProblems(run, c.operationId, resource, ids, parent)));
  } finally {
    for (const id of ids) await deleteRecord(run, resource, id);
    if (parent.created) await deleteRecord(run, run.resources.get(resource.parent.resource), parent.id);
  }
  if (problems.length > 0) return { status: 'failed', problems };
  return { status: 'passed', problems: [], evidence: `${ids.length} records created, every page walked to the end, the filters checked` };
}
