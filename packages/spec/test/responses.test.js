// The responses of the resource's operations: each documented error code sits under its HTTP status, in the envelope,
// with the headers a caller needs; every example is valid against its schema.
import { describe, expect, it } from 'vitest';
import { operationById, operations } from '../src/model.js';
import { createSpecAjv, openapi, schemaRef } from '../src/ajv.js';

const deref = (node) => (node.$ref ? node.$ref.slice(2).split('/').reduce((o, k) => o[k], openapi) : node);
const ajv = createSpecAjv();
/** The operations of the spec's resources; the token endpoint is none. */
const RESOURCE = operations.filter((o) => o.resource).map((o) => o.operationId);
/** The OpenAPI operation object of an operationId. */
const operationOf = (id) => {
  const { path, method } = operationById(id);
  return openapi.paths[path][method.toLowerCase()];
};

/** The `{status -> [code...]}` of the operation's example bodies, each checked against its response schema. */
function codesByStatus(operation) {
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

describe.each(RESOURCE)("the responses of %s", (id) => {
  const operation = operationOf(id);

  it('put each code under its HTTP status, every example valid against its schema', () => {
    const codes = codesByStatus(operation);
    expect(codes[200].length).toBeGreaterThan(0);
    expect(new Set(codes[200])).toEqual(new Set([0]));
    expect({ ...codes, 200: undefined }).toEqual({ 200: undefined, 400: [1002002, 99991663, 99991400], 429: [99991400], 500: [1002001] });
  });

  it('send x-tt-logid with every status, and the rate-limit headers with the 429', () => {
    for (const [status, ref] of Object.entries(operation.responses)) expect(Object.keys(deref(ref).headers), status).toContain('x-tt-logid');
    expect(Object.keys(deref(operation.responses['429']).headers).sort()).toEqual(['x-ogw-ratelimit-limit', 'x-ogw-ratelimit-reset', 'x-tt-logid']);
  });

  it('require the bearer tenant_access_token', () => {
    expect(operation.security ?? openapi.security).toEqual([{ tenantAccessToken: [] }]);
  });
});

describe('request objects are open: no source says the platform rejects unknown fields', () => {
  const withBody = RESOURCE.map((id) => operationById(id)).filter((op) => op.requestBody);

  it.each(withBody.map((op) => [op.operationId, op]))('%s accepts a field its body does not list, beside its first example', (_id, op) => {
    const validate = ajv.getSchema(schemaRef(op.requestBody.schema.$ref.split('/').at(-1)));
    const [example] = Object.values(op.requestBody.examples);
    expect(validate({ ...example, x_unknown: 1 }), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts unknown fields at every level of an interview', () => {
    const body = { external_application_id: '1', x_unknown: 1, interview_assessments: [{ id: '6989181065243969836', x_unknown: 1, assessment_dimension_list: [{ assessment_type: 1, score: 1, x_unknown: 1 }] }] };
    for (const name of ['CreateExternalInterviewRequest', 'UpdateExternalInterviewRequest']) {
      const validate = ajv.getSchema(schemaRef(name));
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('no request schema is closed, and each says so in its description', () => {
    const seen = new Set();
    const walk = (node) => {
      if (!node || typeof node !== 'object' || seen.has(node)) return;
      seen.add(node);
      expect(node.additionalProperties, JSON.stringify(node).slice(0, 80)).not.toBe(false);
      expect(node.unevaluatedProperties, JSON.stringify(node).slice(0, 80)).not.toBe(false);
      for (const value of Object.values(node)) walk(value?.$ref ? deref(value) : value);
    };
    for (const op of withBody) {
      walk(deref(op.requestBody.schema));
      // The body's object (its name may be an alias of it, like CreateExternalInterviewRequest) says why it is open.
      let body = op.requestBody.schema;
      while (body.$ref) body = deref(body);
      const text = body.description.replace(/\s+/g, ' ');
      expect(text, op.operationId).toMatch(/No source says what the platform does with a (request )?field it does not know/);
      expect(text, op.operationId).toContain('`@feishu-hire/client` rejects unknown fields as probable typos');
      expect(text, op.operationId).toContain('the mock server ignores them by default');
    }
    expect(openapi.components.schemas.ExternalInterviewAssessmentInput.description.replace(/\s+/g, ' ')).toContain('the mock server ignores them by default');
    // Kept as a name for TypeScript users of `components`, now an open alias of the dimension schema.
    expect(openapi.components.schemas.ExternalInterviewAssessmentDimensionInput).toMatchObject({ $ref: '#/components/schemas/ExternalInterviewAssessmentDimension' });
  });

  it('create and update bodies are one definition, each name keeping its own description', () => {
    for (const op of withBody.filter((o) => o.requestBody.schema.$ref.match(/\/(Create|Update)\w+Request$/))) {
      const name = op.requestBody.schema.$ref.split('/').at(-1);
      const alias = openapi.components.schemas[name];
      if (!alias.$ref) continue;
      expect(alias, name).toMatchObject({ title: name, $ref: expect.stringMatching(/Input$/) });
      if (name.startsWith('Update')) expect(alias.description, name).toMatch(/Full overwrite/i);
    }
  });
});
