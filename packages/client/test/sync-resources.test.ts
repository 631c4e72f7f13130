// The sync of every resource that has one (the standalone `sync<Records>(client, parentId, records, options)`), against
// the embedded mock over HTTP: the plan of a dry run, a real run writing exactly that plan (create, update, delete;
// records without a key left alone), and bad input refused before any request, named in the namespace's own terms.
// Every name comes from the model (`clientMethodsOf`): no resource is named here.
import { describe, expect, it } from 'vitest';
import { clientMethodsOf, operationById, operations, type Resource } from '@feishu-hire/spec/model';
import { HireValidationError, type ResourceSyncItem } from '../src/index.js';
import { syncRecords, type SyncBinding } from '../src/sync.js';
import { newParent, syncing, syncOf, useKeepingMock, writesOf } from './helpers/records.js';
import { rejection } from './helpers/lifecycle.js';

const platform = useKeepingMock();

/** The facts of one resource the tests use, from the model. */
function subjectOf(resource: Resource) {
  const sync = clientMethodsOf(resource, operations).find((m) => m.sync)!;
  return { resource, sync, key: resource.idempotency!.key, parentField: resource.parent!.field, parent: `8${resource.name.length}00000000000000002` };
}
type Subject = ReturnType<typeof subjectOf>;

/** Stores, under the subject's parent: k1 (as exported), k2 (differs), k3 (not exported), one without a key. */
function seedRecords({ resource, key, parentField, parent }: Subject): void {
  platform.mock.store.reset();
  newParent(platform.mock, resource, parent);
  const store = platform.mock.store.resource(resource.name);
  const record = (id: string, fields: object) => store.set({ id: `700000000000000000${id}`, [parentField]: parent, ...fields });
  record('1', { [key]: 'k1', x_note: 'same' });
  record('2', { [key]: 'k2', x_note: 'old' });
  record('3', { [key]: 'k3' });
  record('4', { x_note: 'no key' });
}

const summary = (items: Array<ResourceSyncItem>) => items.map((i) => [i.action, i.key, i.status]);

describe.each(syncing.map(subjectOf))('$sync.functionName', (subject) => {
  const namespace = () => ({ sync: syncOf(platform.client, subject.resource) });
  const exported = () => [{ [subject.key]: 'k1', x_note: 'same' }, { [subject.key]: 'k2', x_note: 'new' }, { [subject.key]: 'k4' }];

  it('plans per key (dry run, writing nothing), then writes exactly the plan; a second run writes nothing', async () => {
    seedRecords(subject);
    platform.sent.length = 0;
    const plan = await namespace().sync(subject.parent, exported(), { deleteMissing: true, dryRun: true });
    expect(summary(plan.items)).toEqual([['unchanged', 'k1', 'planned'], ['update', 'k2', 'planned'], ['create', 'k4', 'planned'], ['delete', 'k3', 'planned']]);
    expect(plan).toMatchObject({ dryRun: true, failed: 0, untouched: 1, counts: { create: 1, update: 1, delete: 1, unchanged: 1, conflict: 0 } });
    expect(plan.items[1]).toMatchObject({ index: 1, id: '7000000000000000002', changedFields: ['x_note'] });
    expect(writesOf(platform.sent, subject.resource)).toEqual([]);

    const result = await namespace().sync(subject.parent, exported(), { deleteMissing: true, concurrency: 1 });
    expect(summary(result.items)).toEqual(summary(plan.items).map(([action, key]) => [action, key, 'done']));
    const method = (role: string) => operationById(subject.resource.operations[role as 'create']!).method;
    expect(writesOf(platform.sent, subject.resource).map((s) => s.method)).toEqual([method('update'), method('create'), method('delete')]);
    const stored = platform.mock.store.resource(subject.resource.name).list({ parent: subject.parent });
    expect(stored.map((r) => `${r[subject.key] ?? '-'} ${r.x_note ?? ''}`).sort()).toEqual(['- no key', 'k1 same', 'k2 new', 'k4 ']);
    expect(result.items[2]!.record).toMatchObject({ id: result.items[2]!.id, [subject.key]: 'k4', [subject.parentField]: subject.parent });

    platform.sent.length = 0;
    const again = await namespace().sync(subject.parent, exported(), { deleteMissing: true });
    expect(again.counts).toEqual({ create: 0, update: 0, delete: 0, unchanged: 3, conflict: 0 });
    expect(writesOf(platform.sent, subject.resource)).toEqual([]);
  });

  it('refuses bad input before any request, naming each field by its index in the namespace’s terms', async () => {
    platform.sent.length = 0;
    const { key, parentField, sync } = subject;
    const [records, parent] = [sync.recordsArgument!, sync.parentArgument!];
    const error = await rejection(namespace().sync('', [{ [key]: 'a' }, null, { x: 1 }, { [key]: 'a' }, { [key]: 'b', [parentField]: 'other' }], { dryRun: 1, concurrency: 0 }));
    expect(error).toBeInstanceOf(HireValidationError);
    expect(error.issues.map((i: { path: string; rule: string }) => `${i.path} ${i.rule}`)).toEqual([
      `${parent} minLength`,
      'dryRun type',
      'concurrency minimum',
      `${records}[1] type`,
      `${records}[2].${key} required`,
      `${records}[3].${key} uniqueItems`,
      `${records}[4].${parentField} const`,
    ]);
    expect(error.issues[5].message).toBe(`${records}[3].${key} "a" repeats ${records}[0].${key} (each ${records.replace(/s$/, '').replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} once)`);
    expect(platform.sent).toEqual([]);
  });
});

describe('a sync of a resource without a delete', () => {
  it('refuses deleteMissing, naming the option, before any request', async () => {
    const requests: unknown[] = [];
    const binding: SyncBinding = {
      key: 'external_id', parentField: 'parent_id', parentArgument: 'parentId', records: 'notes', label: 'note', readOnly: { id: true },
      list: async () => [], pageSize: undefined, create: async () => ({}), update: undefined, delete: undefined,
    };
    const client = { request: async (...args: unknown[]) => void requests.push(args) };
    const error = await rejection(syncRecords(client, binding, 'p', [{ external_id: 'k' }], { deleteMissing: true }));
    expect(error.issues).toEqual([{ path: 'deleteMissing', rule: 'const', message: 'deleteMissing cannot be true: notes have no delete' }]);
    expect(requests).toEqual([]);
  });
});
