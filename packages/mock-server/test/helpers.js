// Test helpers: HTTP calls against a started mock, and response validation against the spec it serves.
import { expandPath, openapi, operationById, operationsOf, pathPattern, resourceByName } from '@feishu-hire/spec/model';
import { createValidation, joinIssues } from '@feishu-hire/spec/validation';
import { afterEach, expect } from 'vitest';
import { DEFAULT_SEED, startMockServer } from '../src/index.js';

const update = operationById('updateExternalInterview');
export const INTERVIEW_ID = '6960663240925956660';
export const APPLICATION_ID = '6960663240925956437';
export const APP = { app_id: 'cli_mock_app', app_secret: 'mock_app_secret' };
export const API_PATH = expandPath(update.path, { external_interview_id: INTERVIEW_ID });
export const TOKEN_URL_PATH = operationById('getTenantAccessToken').path;

// Statuses an operation does not declare (404, 405) still carry the spec's error envelope.
const ERROR_RESPONSE = { schema: { $ref: '#/components/schemas/ErrorResponse' }, headers: { 'x-tt-logid': { required: true } } };
/** @type {WeakMap<object, { operations: any[], validation: any }>} */
const contracts = new WeakMap();

/** The operations and validators of a document, built once per document. */
function contractOf(doc) {
  if (!contracts.has(doc)) contracts.set(doc, { operations: operationsOf(doc), validation: createValidation({ doc }) });
  return /** @type {{ operations: any[], validation: any }} */ (contracts.get(doc));
}

/** The response the spec gives `method path` for `status`: `{ schema, headers }`, else the error envelope. */
function declaredResponse(doc, method, path, status) {
  const operation = contractOf(doc).operations.find((o) => o.method === method && pathPattern(o.path).test(path));
  const response = operation?.responses[status];
  if (!response) return ERROR_RESPONSE;
  return { schema: Object.values(response.content)[0]?.schema ?? {}, headers: response.headers };
}

/**
 * A seed: `seed` (default the default seed) plus a parent record of `resource` (a copy of the default seed's first,
 * under the id) for each of `parentIds`, so that tests may write records of `resource` under those ids.
 */
export function seedWithParents(resource, parentIds, seed = DEFAULT_SEED) {
  const { parent } = resourceByName(resource);
  const template = DEFAULT_SEED[parent.resource][0];
  const parents = parentIds.map((id) => ({ ...structuredClone(template), id }));
  return { ...structuredClone(seed), [parent.resource]: [...(seed[parent.resource] ?? []), ...parents] };
}

/** The source page's request example, as a fresh object. */
export function exampleBody() {
  return structuredClone(update.requestBody?.examples.source);
}

/** Asserts the spec-level contract of any response: JSON, its required headers, a body valid for its status. */
export function assertContract(res, json, { method, path, spec = openapi }) {
  expect(res.headers.get('x-tt-logid')).toMatch(/^\d{14}[0-9A-F]{20}$/);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const { schema, headers } = declaredResponse(spec, method, path.split('?')[0], res.status);
  for (const [name, { required }] of Object.entries(headers)) if (required) expect(res.headers.get(name), `header ${name}`).not.toBeNull();
  const issues = contractOf(spec).validation.validate(schema, json, 'response');
  if (issues.length) throw new Error(`response ${res.status} breaks the spec: ${joinIssues(issues)}`);
}

/** Sends a request to the mock (serving `spec`, default the bundled one); returns `{ res, json }` after checking the contract. */
export async function call(mock, path, { method = 'PUT', token, body, headers = {}, raw, spec } = {}) {
  const init = { method, headers: { ...headers } };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (raw !== undefined) init.body = raw;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  const res = await fetch(mock.url + path, init);
  const json = await res.json();
  assertContract(res, json, { method, path, spec });
  return { res, json };
}

/** Fetches a tenant_access_token from the mock with the default app credentials. */
export async function fetchToken(mock, credentials = APP) {
  const { json } = await call(mock, TOKEN_URL_PATH, { method: 'POST', body: credentials });
  expect(json).toMatchObject({ code: 0, tenant_access_token: expect.stringMatching(/^t-/), expire: expect.any(Number) });
  return json.tenant_access_token;
}

/** Drops the server-assigned ids (interview, assessments and their external_interview_id), to compare a stored interview with the body that produced it. */
export function withoutIds(interview) {
  const { id, interview_assessments = [], ...rest } = structuredClone(interview);
  return { ...rest, interview_assessments: interview_assessments.map(({ id: _, external_interview_id: __, ...a }) => a) };
}

/**
 * Returns `start(options)`, which starts a mock with `defaults` under `options` and closes it after the test; each
 * started mock carries `lines`, the lines it logged.
 */
export function mocksClosedAfterEach(defaults = {}) {
  const mocks = [];
  afterEach(async () => {
    await Promise.all(mocks.splice(0).map((m) => m.close()));
  });
  return async function start(options = {}) {
    const lines = [];
    const mock = await startMockServer({ log: (line) => lines.push(line), ...defaults, ...options });
    mocks.push(mock);
    return Object.assign(mock, { lines });
  };
}
