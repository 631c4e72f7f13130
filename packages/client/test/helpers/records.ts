// The resources of the spec as the property tests use them, every fact read from @feishu-hire/spec/model: which
// resources overwrite and which sync, their record and body schemas, a parent for their records on the mock, what a
// test sent for them, and a mock platform that stores every field it is sent. Nothing here names a resource.
import { afterAll, beforeAll } from 'vitest';
import { clientMethodsOf, deref, openapi, operationById, operations, resources, type Operation, type Resource } from '@feishu-hire/spec/model';
import type { HireRequester } from '../../src/resource.js';
import * as clientModule from '../../src/index.js';
import { mockClient, startMock, type Mock, type Sent } from './mock.js';
import type { Schema } from './schema-arbitrary.js';

/** Every resource whose update overwrites the whole record (`x-feishu-overwrite: full`). */
export const overwriting: readonly Resource[] = resources.filter((r) => r.operations.update && operationById(r.operations.update).resource?.overwrite === 'full');
/** Every resource whose namespace has a sync (the model names it). */
export const syncing: readonly Resource[] = resources.filter((r) => clientMethodsOf(r, operations).some((m) => m.sync));

/** The `data` schema of an operation's success answer. */
function dataOf(op: Operation): Schema {
  const envelope = deref(openapi, Object.values<{ schema: Schema }>(op.responses['200']!.content)[0]!.schema);
  return deref(openapi, envelope.properties.data);
}

/** The schema of a resource's record as a write answers it: `data.<recordKey>` of its update (else its create). */
export function recordSchemaOf(resource: Resource): Schema {
  return dataOf(operationById(resource.operations.update ?? resource.operations.create!)).properties[resource.recordKey!];
}

/** The schema of a resource's listed items. */
export function itemSchemaOf(resource: Resource): Schema {
  const data = dataOf(operationById(resource.operations.list!));
  return Object.values<Schema>(data.properties).map((s) => deref(openapi, s)).find((s) => s.type === 'array')!.items;
}

/** The request body schema a record is written with: its update's (else its create's). */
export function bodySchemaOf(resource: Resource): Schema {
  return operationById(resource.operations.update ?? resource.operations.create!).requestBody!.schema;
}

/** The list filter key of the parent (`externalApplicationId`), as the namespace's list and sync name it. */
export function parentArgumentOf(resource: Resource): string {
  return clientMethodsOf(resource, operations).find((m) => m.sync)?.parentArgument ?? resource.parent!.field.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * A new parent `id` for the records of `resource` on the mock: a copy of the first stored record of its parent
 * resource under that id (the mock refuses a write naming a parent it does not hold), or just the id for a parent
 * outside the spec.
 */
export function newParent(mock: Mock, resource: Resource, id: string): string {
  const parent = resource.parent!;
  if (!parent.inSpec) return id;
  const store = mock.store.resource(parent.resource);
  const [first] = store.list();
  if (!first) throw new Error(`the mock holds no ${parent.resource} to copy as the parent of ${resource.name}`);
  store.set({ ...first, id });
  return id;
}

/** The requests of `sent` that wrote records of `resource` (its operations but the list). */
export function writesOf(sent: readonly Sent[], resource: Resource): Sent[] {
  const list = resource.operations.list ? operationById(resource.operations.list) : undefined;
  const base = operationById(resource.operations.create!).path;
  return sent.filter((s) => s.path.startsWith(base) && !(list && s.method === list.method && s.path === list.path));
}

/** The requests of `sent` that listed or read records of `resource`. */
export function readsOf(sent: readonly Sent[], resource: Resource): Sent[] {
  const reads = [resource.operations.list, resource.operations.read].flatMap((id) => (id ? [operationById(id)] : []));
  return sent.filter((s) => reads.some((op) => op.method === s.method && op.path === s.path));
}

/** A namespace of the client as the tests call it (methods by name; which exist is the model's). */
export type AnyNamespace = Record<string, any>;

/** The standalone sync of `resource` (`syncOffers`, named by the model), bound to `client`. */
export function syncOf(client: object, resource: Resource): (parentId: string, records: unknown[], options?: object) => Promise<any> {
  const name = clientMethodsOf(resource, operations).find((m) => m.sync)!.functionName!;
  const sync = (clientModule as unknown as Record<string, (...args: unknown[]) => Promise<any>>)[name];
  if (typeof sync !== 'function') throw new Error(`@feishu-hire/client exports no ${name} (the sync of ${resource.name})`);
  return (parentId, records, options) => sync(client, parentId, records, options);
}

/** The namespace of `resource` on `client`. */
export const namespaceOf = (client: object, resource: Resource): AnyNamespace => (client as Record<string, AnyNamespace>)[resource.namespace]!;

/** Reads the record `id` the way the namespace can: `get`, else its list by the parent (the one with that id). */
export async function readBack(namespace: AnyNamespace, resource: Resource, id: string, parent: string): Promise<Record<string, unknown>> {
  if (namespace.get) return namespace.get(id);
  for await (const item of namespace.list!({ [parentArgumentOf(resource)]: parent })) if ((item as { id?: string }).id === id) return item;
  throw new Error(`${resource.name} ${id} is not in its parent's list`);
}

/**
 * The bundled spec with every object schema open (`additionalProperties: true`): served by the mock, it stores every
 * field a request sends (by default it drops fields the spec does not declare, as no source says the platform keeps
 * them). The platform the client must lose nothing against is one that keeps them.
 */
function keepingSpec(): Schema {
  const spec = structuredClone(openapi) as Schema;
  for (const schema of Object.values<Schema>(spec.components.schemas)) {
    if ((schema.type === 'object' || schema.properties) && schema.additionalProperties === undefined) schema.additionalProperties = true;
  }
  return spec;
}

/**
 * The mock serving keepingSpec(), with the seed's applications and without rate limits (the property tests send
 * hundreds of requests), started before the file's tests and closed after them, and a client of it (rate limiter off)
 * recording what it sends in `sent`.
 */
export function useKeepingMock(): { readonly mock: Mock; readonly client: ReturnType<typeof mockClient> & HireRequester; sent: Sent[] } {
  const state = { mock: undefined as unknown as Mock, client: undefined as unknown as ReturnType<typeof mockClient>, sent: [] as Sent[] };
  beforeAll(async () => {
    state.mock = await startMock([], { spec: keepingSpec(), rateLimitPerSecond: 0 });
    state.client = mockClient(state.mock, state.sent, { rateLimit: false });
  });
  afterAll(() => state.mock.close());
  return state;
}
