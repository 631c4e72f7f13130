// The official Node SDK, unchanged, runs the whole family against the mock as a migration would: every resource
// created under the one before it (the spec's create example, its parent field pointing at what was just created),
// the patch, the updates, the reads by parent, then the deletes children first. Which resources, roles, fields and
// SDK calls there are is read from the model: the SDK's accessor is the resource's camelCase name, and its method the
// operationId without the resource's name (createExternalOffer -> externalOffer.create, batchQueryExternalOffers ->
// externalOffer.batchQuery).
import * as lark from '@larksuiteoapi/node-sdk';
import { operationById, resources } from '@feishu-hire/spec/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';

let mock;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerSecond: 0 });
});
afterAll(() => mock.close());

const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };
const pascal = (snake) => snake.replace(/(^|_)([a-z0-9])/g, (_m, _s, c) => c.toUpperCase());
const camel = (snake) => pascal(snake).replace(/^./, (c) => c.toLowerCase());

/** The SDK call of `resource`'s operation of `role`: `(payload) => Promise<answer>`. */
function sdkCall(client, resource, role) {
  const { operationId } = operationById(resource.operations[role]);
  const method = operationId.replace(new RegExp(`${pascal(resource.name)}s?$`), '');
  const call = client.hire[camel(resource.name)]?.[method];
  if (typeof call !== 'function') throw new Error(`the SDK has no hire.${camel(resource.name)}.${method} (${operationId})`);
  return (payload) => call(payload);
}

/** The first request example of `resource`'s operation of `role`, as a fresh object. */
const exampleOf = (resource, role) => structuredClone(Object.values(operationById(resource.operations[role]).requestBody?.examples ?? {})[0] ?? {});

/** A parent outside the spec (a talent) of the migration's own, so that a read by it finds only what the migration made. */
const OUTSIDE_PARENT = 'sdk-migration-talent';

/** The body of a write of `resource` under `parentId` (OUTSIDE_PARENT when the parent is not a resource of the spec). */
function bodyOf(resource, role, parentId, tag) {
  const body = exampleOf(resource, role);
  if (resource.parent) body[resource.parent.field] = resource.parent.inSpec ? parentId : OUTSIDE_PARENT;
  if (role === 'create' && resource.idempotency) body[resource.idempotency.key] = `sdk-migration-${resource.name}-${tag}`;
  return body;
}

/** The id a create answered: the record key's `id`, or `data.id` when the answer carries no record. */
const createdId = (resource, answer) => answer.data?.[resource.recordKey]?.id ?? answer.data?.id;

/** The ids `resource`'s list answers under `parentId` (its parent filter; by the id list when it has one). */
async function listedIds(client, resource, parentId, id) {
  const list = operationById(resource.operations.list);
  const { parent, ids } = list.resource.filters;
  const payload = ids
    ? { data: { [ids.name]: [id] } }
    : { params: { [parent.name]: parentId } };
  const answer = await sdkCall(client, resource, 'list')(payload);
  expect(answer.code).toBe(0);
  return (answer.data?.items ?? []).map((item) => item.id);
}

describe('@larksuiteoapi/node-sdk runs the whole family against the mock', () => {
  it('creates each resource under the one before it, patches, updates, reads by parent, and deletes children first', async () => {
    const client = new lark.Client({ appId: 'cli_mock_app', appSecret: 'mock_app_secret', appType: lark.AppType.SelfBuild, domain: mock.url, logger: quiet });
    const created = new Map();
    // resources() lists parents first (a tag's parent comes before it in the spec).
    for (const resource of resources) {
      const parentId = resource.parent?.inSpec ? created.get(resource.parent.resource) : undefined;
      const answer = await sdkCall(client, resource, 'create')({ data: bodyOf(resource, 'create', parentId, 'one') });
      expect(answer.code, resource.name).toBe(0);
      const id = createdId(resource, answer);
      expect(mock.store.resource(resource.name).has(id), resource.name).toBe(true);
      created.set(resource.name, id);
    }
    expect([...created.keys()]).toEqual(resources.map((r) => r.name));

    for (const resource of resources) {
      const id = created.get(resource.name);
      const parentId = resource.parent?.inSpec ? created.get(resource.parent.resource) : OUTSIDE_PARENT;
      for (const role of ['patch', 'update'].filter((r) => resource.operations[r])) {
        const body = bodyOf(resource, role, parentId);
        const answer = await sdkCall(client, resource, role)({ path: { [resource.idParameter]: id }, data: body });
        expect(answer.code, `${resource.name} ${role}`).toBe(0);
        expect(mock.store.resource(resource.name).get(id), `${resource.name} ${role}`).toMatchObject(body);
      }
      if (resource.operations.list) expect(await listedIds(client, resource, parentId, id), resource.name).toEqual([id]);
    }

    for (const resource of [...resources].reverse().filter((r) => r.operations.delete)) {
      const answer = await sdkCall(client, resource, 'delete')({ path: { [resource.idParameter]: created.get(resource.name) } });
      expect(answer.code, `${resource.name} delete`).toBe(0);
    }
    // Nothing the migration created is left: what has no delete went with its parent (parent.cascade).
    for (const resource of resources) expect(mock.store.resource(resource.name).has(created.get(resource.name)), resource.name).toBe(false);
  });
});
