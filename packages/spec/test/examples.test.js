// The examples agree with each other: each request example is followed by the response to exactly that request (same
// name), the ids tell one story (create -> update -> batch query -> delete of one interview), and the update page's
// verbatim examples are kept, named `source` and labelled as not describing the same interview.
import { describe, expect, it } from 'vitest';
import { createSpecAjv, openapi, schemaRef } from '../src/ajv.js';
import { operationById } from '../src/model.js';

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
