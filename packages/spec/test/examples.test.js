// The examples agree with each other: each request example is followed by the response to exactly that request (same
// name), the ids tell one story (create -> update -> batch query -> delete of one interview), and the update page's
// verbatim examples are kept, named `source` and labelled as not describing the same interview.
import { describe, expect, it } from 'vitest';
import { createSpecAjv, openapi, schemaRef } from '../src/ajv.js';
import { operationById, resources as modelResources } from '../src/model.js';

const ajv = createSpecAjv();
const create = operationById('createExternalInterview');
const update = operationById('updateExternalInterview');
const query = operationById('batchQueryExternalInterviews');
const remove = operationById('deleteExternalInterview');
const okExamples = (op) => op.responses['200'].content['application/json'].examples;
const PATH_ID = openapi.components.parameters.external_interview_id.example;

/** The request an interview in a response answers: the interview without the ids the platform assigns. */
function withoutPlatformIds(interview) {
  const { id, ...rest } = interview;
  return {
    ...rest,
    interview_assessments: interview.interview_assessments?.map(({ id: _id, external_interview_id: _eid, ...a }) => a),
  };
}

describe('request and response examples come in coherent pairs', () => {
  it.each([
    ['createExternalInterview', 'import_interview'],
    ['updateExternalInterview', 'overwrite_interview'],
  ])('%s: the first example is %s, and its response is the answer to exactly that request', (id, name) => {
    const op = operationById(id);
    expect(Object.keys(op.requestBody.examples)[0]).toBe(name);
    expect(Object.keys(okExamples(op))[0]).toBe(name);
    const request = op.requestBody.examples[name];
    const { external_interview: interview } = okExamples(op)[name].data;
    expect(withoutPlatformIds(interview)).toEqual(request);
    expect(interview.id).toBe(PATH_ID);
    for (const assessment of interview.interview_assessments) {
      expect(assessment.id).toMatch(/^\d+$/);
      expect(assessment.external_interview_id).toBe(interview.id);
    }
    const ids = interview.interview_assessments.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the update overwrites the interview the create made (same interview, application and external keys)', () => {
    const created = okExamples(create).import_interview.data.external_interview;
    const updated = okExamples(update).overwrite_interview.data.external_interview;
    for (const key of ['id', 'external_id', 'external_application_id']) expect(updated[key], key).toBe(created[key]);
    expect(updated.interview_assessments[0].external_id).toBe(created.interview_assessments[0].external_id);
  });

  it('the batch query asks for that interview and gets it as the update left it', () => {
    const { by_ids: request } = query.requestBody.examples;
    const { data } = okExamples(query).by_ids;
    expect(request.external_interview_id_list).toEqual([PATH_ID]);
    expect(data.items.map((i) => i.id)).toEqual(request.external_interview_id_list);
    expect(data.items[0]).toEqual(okExamples(update).overwrite_interview.data.external_interview);
    expect(data.has_more).toBe(false);
  });

  it('the delete answers {code: 0, msg, data: {}}', () => {
    expect(Object.values(okExamples(remove))).toEqual([{ code: 0, msg: 'ok', data: {} }]);
    expect(remove.requestBody).toBeNull();
  });

  it('every request example is valid against its schema, and the create example sends each dimension its own answer', () => {
    for (const op of [create, update, query]) {
      const validate = ajv.getSchema(schemaRef(op.requestBody.schema.$ref.split('/').at(-1)));
      for (const [name, value] of Object.entries(op.requestBody.examples)) expect(validate(value), `${op.operationId} ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const answer = { 1: 'score', 2: 'option', 3: 'content', 4: 'options' };
    for (const op of [create, update]) {
      const first = Object.values(op.requestBody.examples)[0];
      for (const d of first.interview_assessments.flatMap((a) => a.assessment_dimension_list)) {
        expect(Object.keys(d).filter((k) => Object.values(answer).includes(k))).toEqual([answer[d.assessment_type]]);
      }
    }
  });
});

describe("the update page's verbatim examples", () => {
  const raw = (where, name) => {
    const ref = where === 'request'
      ? openapi.paths[update.path].put.requestBody.content['application/json; charset=utf-8'].examples[name].$ref
      : openapi.components.responses.UpdateExternalInterviewOk.content['application/json'].examples[name].$ref;
    return ref.slice(2).split('/').reduce((o, k) => o[k], openapi);
  };

  it.each(['request', 'response'])('the %s one is kept as `source`, after the coherent one, labelled as verbatim and as not describing the same interview', (where) => {
    const names = where === 'request' ? Object.keys(update.requestBody.examples) : Object.keys(okExamples(update));
    expect(names).toEqual(['overwrite_interview', 'source']);
    const example = raw(where, 'source');
    expect(example.summary).toBe('verbatim from the source page');
    expect(example.description.replace(/\s+/g, ' ')).toContain('do not describe the same interview');
  });

  it('and indeed they do not: the response does not answer the request', () => {
    expect(withoutPlatformIds(okExamples(update).source.data.external_interview)).not.toEqual(update.requestBody.examples.source);
  });
});

// ---- Every resource: its examples tell one story (create, update, list, delete of the same records). ----

/** The resources of the spec, each with its operations by role. */
const resources = modelResources.map((r) => ({ ...r, byRole: Object.fromEntries(Object.entries(r.operations).map(([role, id]) => [role, operationById(id)])) }));
/** The record an answer example carries: `data`'s one object property, or `data` itself (an answer of ids only). */
const recordOf = (answer) => {
  const objects = Object.values(answer.data ?? {}).filter((v) => v && typeof v === 'object' && !Array.isArray(v));
  return objects.length === 1 ? objects[0] : answer.data;
};
/** Whether every field `sent` sets is in `stored` with the same value (objects by the same rule, arrays item by item). */
function keeps(stored, sent) {
  if (Array.isArray(sent)) return Array.isArray(stored) && stored.length === sent.length && sent.every((v, i) => keeps(stored[i], v));
  if (sent && typeof sent === 'object') return Boolean(stored) && Object.entries(sent).every(([k, v]) => keeps(stored[k], v));
  return stored === sent;
}
/** The answer examples of the story: all but a page's verbatim examples (named `source`, another record). */
const storyAnswers = (op) => Object.entries(okExamples(op)).filter(([name]) => name !== 'source');
/** The pairs of a write: `[name, request, answer]` for each request example with an answer of the same name. */
const pairsOf = (op) => storyAnswers(op).filter(([name]) => op.requestBody?.examples[name]).map(([name, answer]) => [name, op.requestBody.examples[name], answer]);
/** Whether an answer carries only the new record's id (`data: { id }`), not the record. */
const idOnly = (answer) => JSON.stringify(Object.keys(answer.data ?? {})) === '["id"]';

describe.each(resources.map((r) => [r.name, r]))('the examples of %s tell one story', (_name, { idParameter, parent, byRole }) => {
  const created = byRole.create && recordOf(Object.values(okExamples(byRole.create))[0]);

  it('every request example is valid against its schema, and has an answer of the same name', () => {
    for (const op of Object.values(byRole).filter((o) => o.requestBody)) {
      const validate = ajv.getSchema(schemaRef(op.requestBody.schema.$ref.split('/').at(-1)));
      for (const [name, value] of Object.entries(op.requestBody.examples)) {
        expect(validate(value), `${op.operationId} ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
        expect(okExamples(op), `${op.operationId} ${name}`).toHaveProperty(name);
      }
    }
  });

  it('each write answers with the record it was sent (every field sent, with its value)', () => {
    for (const op of ['create', 'update', 'patch'].map((r) => byRole[r]).filter(Boolean)) {
      const pairs = pairsOf(op);
      expect(pairs.length, op.operationId).toBeGreaterThan(0);
      for (const [name, request, answer] of pairs) {
        if (idOnly(answer)) expect(answer.data.id, `${op.operationId} ${name}`).toMatch(/^\d+$/);
        else expect(keeps(recordOf(answer), request), `${op.operationId} ${name}`).toBe(true);
      }
    }
  });

  it('the path examples name the record the create made, and later writes keep its id', () => {
    expect(created.id).toMatch(/^\d+$/);
    for (const op of ['update', 'patch', 'delete'].map((r) => byRole[r]).filter(Boolean)) {
      expect(op.parameters.path.find((p) => p.name === idParameter).example, op.operationId).toBe(created.id);
      for (const [, answer] of storyAnswers(op)) {
        const record = recordOf(answer);
        if (record && Object.keys(record).length) expect(record.id, op.operationId).toBe(created.id);
      }
    }
  });

  it('the create names the parent the parent resource created', () => {
    const owner = resources.find((r) => r.name === parent?.resource);
    if (!owner) return;
    const parentCreated = recordOf(Object.values(okExamples(owner.byRole.create))[0]);
    expect(created[parent.field]).toBe(parentCreated.id);
  });

  it('the list answers its request with the record as the update left it', () => {
    const list = byRole.list;
    if (!list) return;
    const [name, answer] = Object.entries(okExamples(list))[0];
    const { filters } = list.resource;
    const request = list.requestBody?.examples[name];
    if (request?.[filters.ids?.name]) expect(answer.data.items.map((i) => i.id)).toEqual(request[filters.ids.name]);
    else {
      const value = list.parameters.query.find((p) => p.name === filters.parent.name).example;
      for (const item of answer.data.items) expect(item[filters.parent.name], list.operationId).toBe(value);
    }
    const updated = byRole.update && recordOf(Object.values(okExamples(byRole.update))[0]);
    if (updated) for (const item of answer.data.items) expect(keeps(updated, item), list.operationId).toBe(true);
  });
});
