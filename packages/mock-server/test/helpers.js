// Test helpers: HTTP calls against a started mock, and response validation against the spec.
import { createSpecAjv, openapi, schemaRef } from '@feishu-hire/spec/ajv';
import { expect } from 'vitest';

export const INTERVIEW_ID = '6960663240925956660';
export const APPLICATION_ID = '6960663240925956437';
export const APP = { app_id: 'cli_mock_app', app_secret: 'mock_app_secret' };
export const API_PATH = `/open-apis/hire/v1/external_interviews/${INTERVIEW_ID}`;
export const TOKEN_URL_PATH = '/open-apis/auth/v3/tenant_access_token/internal';

const ajv = createSpecAjv();
const operation = openapi.paths['/open-apis/hire/v1/external_interviews/{external_interview_id}'].put;
const deref = (node) => (node.$ref ? node.$ref.slice(2).split('/').reduce((o, k) => o[k], openapi) : node);
/** Validators of the operation's declared responses, by HTTP status, straight from the spec. */
const responseValidators = Object.fromEntries(
  Object.entries(operation.responses).map(([status, response]) => {
    const { $ref } = deref(response).content['application/json'].schema;
    return [status, ajv.getSchema(schemaRef($ref.split('/').pop()))];
  }),
);
// Statuses the spec does not declare (404, 405) still carry the spec's error envelope.
const errorValidator = ajv.getSchema(schemaRef('ErrorResponse'));
const tokenValidator = ajv.compile({
  type: 'object',
  required: ['code', 'msg', 'tenant_access_token', 'expire'],
  properties: {
    code: { const: 0 },
    msg: { type: 'string' },
    tenant_access_token: { type: 'string', pattern: '^t-' },
    expire: { type: 'integer', minimum: 1, maximum: 7200 },
  },
});

/** The source page's request example, as a fresh object. */
export function exampleBody() {
  return structuredClone(deref(operation.requestBody.content['application/json; charset=utf-8'].examples.source).value);
}

/** Asserts the spec-level contract of any response: x-tt-logid, JSON envelope valid for its status. */
export function assertContract(res, json, { token = false } = {}) {
  expect(res.headers.get('x-tt-logid')).toMatch(/^\d{14}[0-9A-F]{20}$/);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const validate = token && res.status === 200 ? tokenValidator : (responseValidators[res.status] ?? errorValidator);
  if (!validate(json)) throw new Error(`response ${res.status} breaks the spec: ${ajv.errorsText(validate.errors)}`);
}

/** Sends a request to the mock and returns `{ res, json }` after checking the response contract. */
export async function call(mock, path, { method = 'PUT', token, body, headers = {}, raw } = {}) {
  const init = { method, headers: { ...headers } };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (raw !== undefined) init.body = raw;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  const res = await fetch(mock.url + path, init);
  const json = await res.json();
  assertContract(res, json, { token: path === TOKEN_URL_PATH });
  return { res, json };
}

/** Fetches a tenant_access_token from the mock with the default app credentials. */
export async function fetchToken(mock, credentials = APP) {
  const { json } = await call(mock, TOKEN_URL_PATH, { method: 'POST', body: credentials });
  expect(json.code).toBe(0);
  return json.tenant_access_token;
}

/** Drops the server-assigned assessment ids, to compare a stored interview with the body that produced it. */
export function withoutIds(interview) {
  const { id, interview_assessments = [], ...rest } = structuredClone(interview);
  return { ...rest, interview_assessments: interview_assessments.map(({ id: _, ...a }) => a) };
}
