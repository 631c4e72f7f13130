// The operation's own responses: each documented error code sits under its HTTP status, in the envelope, with the
// headers a caller needs; request assessments accept no field beyond the documented ones.
import { describe, expect, it } from 'vitest';
import { operationById } from '../src/model.js';
import { createSpecAjv, openapi, schemaRef } from '../src/ajv.js';

const deref = (node) => (node.$ref ? node.$ref.slice(2).split('/').reduce((o, k) => o[k], openapi) : node);
const operation = openapi.paths[operationById('updateExternalInterview').path].put;
const ajv = createSpecAjv();

/** The `{status -> [code...]}` of the operation's example bodies, each checked against its response schema. */
function codesByStatus() {
  const out = {};
  for (const [status, ref] of Object.entries(operation.responses)) {
    const media = deref(ref).content['application/json'];
    const validate = ajv.getSchema(schemaRef(media.schema.$ref.split('/').at(-1)));
    out[status] = Object.values(media.examples).map((e) => {
      const value = deref(e).value;
      expect(validate(value), `${status} example ${JSON.stringify(value)}: ${JSON.stringify(validate.errors)}`).toBe(true);
      return value.code;
    });
  }
  return out;
}

describe("the operation's responses", () => {
  it('put each code under its HTTP status, every example valid against its schema', () => {
    expect(codesByStatus()).toEqual({ 200: [0], 400: [1002002, 99991663, 99991400], 429: [99991400], 500: [1002001] });
  });

  it('send x-tt-logid with every status, and the rate-limit headers with the 429 of this operation', () => {
    for (const [status, ref] of Object.entries(operation.responses)) expect(Object.keys(deref(ref).headers), status).toContain('x-tt-logid');
    expect(Object.keys(deref(operation.responses['429']).headers).sort()).toEqual(['x-ogw-ratelimit-limit', 'x-ogw-ratelimit-reset', 'x-tt-logid']);
  });

  it('require the bearer tenant_access_token', () => {
    const security = operation.security ?? openapi.security;
    expect(security).toEqual([{ tenantAccessToken: [] }]);
  });
});

describe('request assessments', () => {
  const validate = ajv.getSchema(schemaRef('UpdateExternalInterviewRequest'));
  it('reject an assessment id (ids are assigned by the platform) and any other unknown field', () => {
    for (const extra of [{ id: '6989181065243969836' }, { interviewer_id: 'x' }]) {
      const body = { external_application_id: '1', interview_assessments: [{ username: '张三', ...extra }] };
      expect(validate(body)).toBe(false);
      expect(validate.errors.map((e) => `${e.instancePath} ${e.keyword} ${e.params.additionalProperty}`)).toEqual([`/interview_assessments/0 additionalProperties ${Object.keys(extra)[0]}`]);
    }
  });
});
