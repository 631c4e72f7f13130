// The lifecycle case: with writes allowed, one interview goes through every role the semantics entries declare
// (`role: 'create' | 'update' | 'delete'`, and the entry that `reads`): it is created on the run's external
// application, read back, updated with the update's minimal body and read back (every field not sent is gone, scalars
// and lists), deleted and read back (gone). It deletes what it created even when a step fails.
import { describeAnswer, isAccepted } from './evidence.js';
import { sendOperation } from './request.js';
import { readOne } from './state.js';

/** The `[operationId, entry]` of the entry with `role`, among the operations of the run's spec. */
const withRole = (run, role) => Object.entries(run.semantics).find(([id, e]) => e?.role === role && run.operations.has(id));

/** Sends one step through its entry's `prepare` (as a valid request); resolves to `{ answer, sent }`. */
async function step(run, operationId, request, path) {
  const entry = run.semantics[operationId];
  const c = { id: `${operationId}.lifecycle`, operationId, kind: 'valid', request, expect: {} };
  const prepared = entry.prepare ? entry.prepare(request.body, run.options, c) : { body: request.body };
  const sent = prepared.skip ? request.body : prepared.body;
  const answer = await sendOperation(run, operationId, { path, query: request.query, body: sent });
  return { answer, sent };
}

/** Runs the lifecycle case `c`; resolves to its outcome `{ status, problems, evidence }`. */
export async function runLifecycleCase(run, c) {
  const [createId, create] = withRole(run, 'create');
  const [updateId, update] = withRole(run, 'update');
  const [deleteId, remove] = withRole(run, 'delete');
  const problems = [];
  const model = (operationId) => ({ doc: run.doc, operation: run.operationOf({ operationId, id: c.id }) });
  const refused = (what, answer) => problems.push(`${what}: expected success, got ${describeAnswer(answer)}`);
  const readBack = async (what, id, check) => {
    const read = await readOne(run, id);
    if (read.unavailable) problems.push(`${what}: cannot read back: ${read.unavailable}`);
    else problems.push(...check(read.state).map((p) => `${what}: ${p}`));
  };

  const created = await step(run, createId, c.lifecycle.create.request, {});
  if (!isAccepted(created.answer)) {
    refused('create', created.answer);
    return { status: 'failed', problems };
  }
  const id = create.createdId(created.answer.body);
  if (typeof id !== 'string' || id.length === 0) return { status: 'failed', problems: [`create: no id assigned, got ${JSON.stringify(id)}`] };
  try {
    await readBack('read back after create', id, (state) => (state === undefined ? ['nothing is stored under the new id'] : create.stateProblems({ sent: created.sent, state, ...model(createId) })));
    const path = { [update.target]: id };
    const updated = await step(run, updateId, c.lifecycle.update.request, path);
    if (!isAccepted(updated.answer)) refused('update (minimal body)', updated.answer);
    else await readBack('read back after a minimal update', id, (state) => update.stateProblems({ sent: updated.sent, state, targetId: id, ...model(updateId) }));
  } finally {
    const deleted = await sendOperation(run, deleteId, { path: { [remove.target]: id } });
    if (!isAccepted(deleted)) refused(`delete of ${id}`, deleted);
    else await readBack('read back after delete', id, (state) => (state === undefined ? [] : [`interview ${id} is still returned after its delete was accepted`]));
  }
  if (problems.length > 0) return { status: 'failed', problems };
  return { status: 'passed', problems: [], evidence: 'created, read back, overwritten with a minimal body, read back, deleted and read back as gone' };
}
