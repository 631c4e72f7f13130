// The lifecycle case of a resource, in a writing run, from the roles of its operations and its parent: a parent is
// created first (when the spec has the parent's create and the run was given none), then a record under it, read back,
// updated and patched with the required fields only (each read back), deleted (read back as gone), and the parent
// deleted. Every answer is validated against the spec. It deletes what it created even when a step fails.
import { describeAnswer, isAccepted } from './evidence.js';
import { bodyFor, sendOperation } from './request.js';
import { canRead, readOne } from './state.js';
import { createRecord, deleteRecord, goesWithParent, parentFor, recordParent } from './targets.js';

/**
 * The parent of the lifecycle's record: the run's parent (given, or shared by the run's creates), except for a record
 * that is deleted only with its parent (`parent.cascade`): a new parent of its own, which the lifecycle deletes again.
 */
async function lifecycleParent(run, resource) {
  const { parent } = resource;
  if (!parent) return {};
  const parentResource = run.resources.get(parent.resource);
  if (goesWithParent(resource) && run.givenTargets[parent.field] === undefined && parentResource?.operations.create) return { ...(await createRecord(run, parentResource)), own: true };
  return parentFor(run, resource);
}

/** The problems of one step's answer: a success, documented by the spec, passing the operation's semantics. */
function stepProblems(run, what, operationId, answer, { sent, path }) {
  if (!isAccepted(answer)) return [`${what}: expected success, got ${describeAnswer(answer)}`];
  const operation = run.operationOf({ operationId });
  const spec = run.validate(operation, answer).map((p) => `spec: ${p}`);
  const semantics = run.semantics[operationId].check({ sent, body: answer.body, path, query: {}, doc: run.doc, operation });
  return [...spec, ...semantics].map((p) => `${what}: ${p}`);
}

/** Reads the record back after a step (when its resource can be read): `{ state, problems }`, the problems of `check(state)`. */
async function readBack(run, resource, id, what, check) {
  if (!canRead(run, resource)) return { problems: [] };
  const read = await readOne(run, resource, id);
  if (read.unavailable) return { problems: read.problems ?? [`${what}: cannot read back: ${read.unavailable}`] };
  return { state: read.state, problems: check(read.state).map((p) => `${what}: ${p}`) };
}

/** Sends the update or patch `operationId` with its required fields only to `id`, and reads the record back. */
async function rewrite(run, resource, operationId, id, before) {
  const role = run.semantics[operationId].role;
  const { alt } = run.controls[operationId];
  // The record keeps its own parent (not the run's target's): moved elsewhere, a read by parent would not find it.
  const prepared = await bodyFor(run, operationId, { kind: 'control', request: alt, expect: {} }, recordParent(run, resource, id));
  const path = { [resource.idParameter]: id };
  const answer = await sendOperation(run, operationId, { path, query: alt.query, body: prepared.body });
  const problems = stepProblems(run, `${role} with the required fields only`, operationId, answer, { sent: prepared.body, path });
  if (!isAccepted(answer)) return { problems };
  const operation = run.operationOf({ operationId });
  const check = (state) => run.semantics[operationId].stateProblems({ sent: prepared.body, state, before, targetId: id, doc: run.doc, operation });
  const read = await readBack(run, resource, id, `read back after the ${role}`, check);
  return { state: read.state, problems: [...problems, ...read.problems] };
}

/** The create, read back, update and patch steps on a new record under `parent`; resolves to `{ id, problems }`. */
async function createAndRewrite(run, resource, parent) {
  const created = await createRecord(run, resource, parent);
  if (created.fail) return { problems: [`create: ${created.fail}`] };
  const createId = resource.operations.create;
  const operation = run.operationOf({ operationId: createId });
  const problems = stepProblems(run, 'create', createId, created.answer, { sent: created.sent, path: {} });
  const check = (state) => run.semantics[createId].stateProblems({ sent: created.sent, state, doc: run.doc, operation });
  const read = await readBack(run, resource, created.id, 'read back after the create', check);
  problems.push(...read.problems);
  let before = read.state;
  for (const role of ['update', 'patch']) {
    if (!resource.operations[role]) continue;
    const step = await rewrite(run, resource, resource.operations[role], created.id, before);
    problems.push(...step.problems);
    before = step.state;
  }
  return { id: created.id, problems };
}

/**
 * Deletes the lifecycle's record (read back as gone) and the parent it created for it (`own`): a record deleted only
 * with its parent (`parent.cascade`) goes with it.
 */
async function deleteAll(run, resource, id, parent) {
  const problems = [];
  let deleted = false;
  if (id !== undefined && resource.operations.delete) {
    const answer = await deleteRecord(run, resource, id);
    deleted = isAccepted(answer);
    problems.push(...stepProblems(run, `delete of ${id}`, resource.operations.delete, answer, { sent: undefined, path: { [resource.idParameter]: id } }));
    const gone = (state) => (state === undefined ? [] : [`${resource.name} ${id} is still returned after its delete was accepted`]);
    if (deleted) problems.push(...(await readBack(run, resource, id, 'read back after the delete', gone)).problems);
  }
  const parentResource = resource.parent && run.resources.get(resource.parent.resource);
  if (parent.own && (deleted || id === undefined || goesWithParent(resource))) {
    const answer = await deleteRecord(run, parentResource, parent.id);
    if (answer && !isAccepted(answer)) problems.push(`delete of the parent ${parent.id}: expected success, got ${describeAnswer(answer)}`);
  }
  return problems;
}

/** Runs the lifecycle case `c` of its resource; resolves to its outcome `{ status, problems, evidence }`. */
export async function runLifecycleCase(run, c) {
  const resource = run.resources.get(c.lifecycle.resource);
  const parent = await lifecycleParent(run, resource);
  if (parent.skip) return { status: 'skipped', problems: [], reason: parent.skip };
  if (parent.fail) return { status: 'failed', problems: [`create of a parent: ${parent.fail}`] };
  let outcome = { problems: [] };
  try {
    outcome = await createAndRewrite(run, resource, parent);
  } finally {
    outcome.problems.push(...(await deleteAll(run, resource, outcome.id, parent)));
  }
  if (outcome.problems.length > 0) return { status: 'failed', problems: outcome.problems };
  return { status: 'passed', problems: [], evidence: c.title.replace(/^lifecycle of [^:]+: /, 'done: ') };
}
