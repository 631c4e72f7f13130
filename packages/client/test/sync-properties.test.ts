// Property of the sync of every resource whose namespace has one (the model says which), against the embedded mock
// over HTTP (a platform that keeps every field it is sent): for any export (records of the spec's body schema, every
// field the caller may send, unknown fields at every level, empty and long lists, unicode), a sync makes the parent's
// records equal to it, a second sync writes nothing, and after any single-field change of one record, known or
// unknown, at any level, the next sync writes exactly that record, once. No resource is named here.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clientMethodsOf, operationById, operations, type Resource } from '@feishu-hire/spec/model';
import { arbitraryOf, singleChanges, withoutEmptyLists, withoutReadOnlyOf, type Schema } from './helpers/schema-arbitrary.js';
import { bodySchemaOf, itemSchemaOf, newParent, syncing, syncOf, useKeepingMock, writesOf } from './helpers/records.js';

const platform = useKeepingMock();
// Per resource: enough exports to meet long lists and unknown fields at depth, few enough for a busy 2-core run.
const RUNS = 20;

/** The facts of one resource the property uses, from the model and its spec. */
function subjectOf(resource: Resource) {
  const key = resource.idempotency!.key;
  const parentField = resource.parent!.field;
  const item: Schema[] = [itemSchemaOf(resource)];
  // What a caller sends: the body's fields, none the platform assigns (readOnly in the stored record's schema).
  const record = arbitraryOf([bodySchemaOf(resource), ...item], { readOnly: false });
  return {
    resource,
    key,
    parentField,
    parent: `8${resource.name.length}00000000000000001`,
    schemas: [bodySchemaOf(resource), ...item],
    /** An export of 1 to 6 records with unique keys, the parent field left out (the sync fills it in). */
    exports: fc.array(record, { minLength: 1, maxLength: 6 }).map((list) =>
      list.map((r, i) => {
        const { [parentField]: _parent, ...fields } = r as Record<string, unknown>;
        return { ...fields, [key]: `e${i}-${String(fields[key] ?? '')}` };
      }),
    ),
    /** A record without what the platform assigns, and with an empty list the same as none. */
    content: (value: unknown) => withoutEmptyLists(withoutReadOnlyOf(value, item)),
    /** Whether the sync overwrites a record that differs (else it reports a conflict and writes nothing). */
    updates: clientMethodsOf(resource, operations).find((m) => m.sync)!.writes!.includes('update'),
  };
}
type Subject = ReturnType<typeof subjectOf>;

/** Asserts that the parent's records on the mock are `list` (but for the fields the platform assigns). */
function expectStored(subject: Subject, list: Array<Record<string, unknown>>): void {
  const byKey = (a: any, b: any) => (a[subject.key] < b[subject.key] ? -1 : 1);
  const stored = platform.mock.store.resource(subject.resource.name).list({ parent: subject.parent }).map(subject.content);
  expect(stored.sort(byKey)).toEqual(list.map((r) => subject.content({ ...r, [subject.parentField]: subject.parent })).sort(byKey));
}

describe.each(syncing.map(subjectOf))('sync of $resource.name (property test)', (subject) => {
  const sync = (records: Array<Record<string, unknown>>) => syncOf(platform.client, subject.resource)(subject.parent, records);

  it('makes the store equal to any export; a second run writes nothing; a single-field change writes exactly that record', async () => {
    await fc.assert(
      fc.asyncProperty(subject.exports, fc.nat(), fc.nat(), fc.nat(), async (list, seeded, which, where) => {
        platform.mock.store.reset(); // no record of the parent, and no key taken by a create of an earlier run
        newParent(platform.mock, subject.resource, subject.parent);
        const stored = platform.mock.store.resource(subject.resource.name);
        for (const [i, r] of list.slice(0, seeded % list.length).entries()) stored.set({ ...r, id: `70000000000000${String(i).padStart(5, '0')}`, [subject.parentField]: subject.parent });
        const first = await sync(list);
        expect(first.failed).toBe(0);
        expect(first.counts).toEqual({ create: list.length - (seeded % list.length), update: 0, delete: 0, unchanged: seeded % list.length, conflict: 0 });
        expectStored(subject, list);

        platform.sent.length = 0;
        const second = await sync(list);
        expect(second.counts).toEqual({ create: 0, update: 0, delete: 0, unchanged: list.length, conflict: 0 });
        expect(writesOf(platform.sent, subject.resource)).toEqual([]);

        const next = structuredClone(list);
        const record = next[which % next.length]!;
        const candidates = singleChanges(record, subject.schemas, [subject.key, subject.parentField]);
        candidates[where % candidates.length]!();
        platform.sent.length = 0;
        const third = await sync(next);
        const action = subject.updates ? 'update' : 'conflict';
        expect(third.counts).toEqual({ create: 0, update: 0, delete: 0, conflict: 0, [action]: 1, unchanged: list.length - 1 });
        expect(third.items.find((item: { action: string }) => item.action === action).key).toBe(record[subject.key]);
        const written = subject.updates ? [operationById(subject.resource.operations.update!).method] : [];
        expect(writesOf(platform.sent, subject.resource).map((s) => s.method)).toEqual(written);
        expectStored(subject, subject.updates ? next : list);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});

describe('the resources with a sync', () => {
  it('are found in the model (more than the interviews), each with its standalone sync exported', () => {
    expect(syncing.length).toBeGreaterThan(1);
    for (const r of syncing) expect(typeof syncOf(platform.client, r), r.name).toBe('function');
  });
});
