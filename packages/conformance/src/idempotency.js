// The idempotency case of a create whose resource declares an idempotency key (`x-feishu-resource.idempotency`, e.g.
// `external_id` for 24 hours), in a writing run: the same body sent twice within the window must not create a second
// record. No source need say how the repeat is answered: a documented refusal passes, and so does a success naming the
// first record; a second id, a server error or the rate limit fails, and so does a second record read back.
import { describeAnswer, isAccepted, serverFaults } from './evidence.js';
import { RECORD_ID } from './records.js';
import { bodyFor, sendOperation } from './request.js';
import { canRead, listRequest } from './state.js';
import { deleteRecord, noteCreated, parentFor } from './targets.js';

/** The problems of the repeat's answer: an undocumented one, a server fault, or a success naming another record. */
function repeatProblems(run, operationId, answer, firstId) {
  const operation = run.operationOf({ operationId });
  const problems = [...run.validate(operation, answer).map((p) => `spec: ${p}`), ...serverFaults(operation, answer)];
  const id = isAccepted(answer) ? run.semantics[operationId].createdId(answer.body) : undefined;
  if (id !== undefined && id !== firstId) problems.push(`it created a second record (${firstId}, then ${id})`);
  return problems.map((p) => `the repeat was answered ${describeAnswer(answer)}: ${p}`);
}

/** The records under `parentId` with key `key` (by the list's parent filter), or undefined when the spec cannot list them so. */
async function recordsWithKey(run, resource, parentId, key) {
  const list = resource.operations.list;
  const filter = list && run.operationOf({ operationId: list }).resource.filters?.parent;
  if (!filter || parentId === undefined || !canRead(run, resource)) return undefined;
  const answer = await sendOperation(run, list, listRequest(run, list, [[filter, parentId]], resource.paged ? { page_size: String(run.operationOf({ operationId: list }).parameters.query.find((p) => p.name === 'page_size')?.schema.maximum ?? 10) } : {}));
  const items = isAccepted(answer) ? answer.body?.data?.[run.semantics[list].itemsKey] : undefined;
  return Array.isArray(items) ? items.filter((i) => i?.[resource.idempotency.key] === key) : undefined;
}

/** Sends the create `operationId` with `body`, noting a record it creates; resolves to `{ answer, id }`. */
async function create(run, operationId, resource, body, parentId) {
  const answer = await sendOperation(run, operationId, { query: run.controls[operationId].base.query, body });
  const id = isAccepted(answer) ? run.semantics[operationId].createdId(answer.body) : undefined;
  if (typeof id === 'string' && id.length > 0) noteCreated(run, resource, id, parentId);
  return { answer, id };
}

/** Runs the idempotency case `c` of a create; resolves to its outcome `{ status, problems, evidence }`. */
export async function runIdempotencyCase(run, c) {
  const resource = run.semantics[c.operationId].resource;
  // The run's parent: the records are told apart by their key, so the parent need not hold them alone.
  const parent = await parentFor(run, resource);
  if (parent.skip) return { status: 'skipped', problems: [], reason: parent.skip };
  if (parent.fail) return { status: 'failed', problems: [`a parent for the records: ${parent.fail}`] };
  const { body } = await bodyFor(run, c.operationId, { kind: 'control', request: run.controls[c.operationId].base, expect: {} }, parent.id);
  const key = body[resource.idempotency.key];
  const ids = [];
  const problems = [];
  try {
    const first = await create(run, c.operationId, resource, body, parent.id);
    if (!first.id) return { status: 'failed', problems: [`the first create was answered ${describeAnswer(first.answer)}`] };
    ids.push(first.id);
    const repeat = await create(run, c.operationId, resource, body, parent.id);
    if (repeat.id && repeat.id !== first.id) ids.push(repeat.id);
    problems.push(...repeatProblems(run, c.operationId, repeat.answer, first.id));
    const stored = await recordsWithKey(run, resource, parent.id, key);
    if (stored && stored.length !== 1) problems.push(`${stored.length} records with ${resource.idempotency.key} ${JSON.stringify(key)} are listed under their parent (${stored.map((r) => r?.[RECORD_ID]).join(', ')}), not 1`);
  } finally {
    for (const id of ids) await deleteRecord(run, resource, id);
  }
  if (problems.length > 0) return { status: 'failed', problems };
  return { status: 'passed', problems: [], evidence: `a repeat of ${resource.idempotency.key} within its window created no second record` };
}
