// Properties of the full-overwrite helpers of every resource whose update overwrites (`x-feishu-overwrite: full`),
// against the embedded mock over HTTP (a platform that keeps every field it is sent). For any stored record (generated
// from the spec's record and update schemas, with unknown fields at every level), read back the way the namespace can
// (get, else its list by the parent): update(id, toUpdateBody(read)), patch(id, {}) and patch(id, (current) => current)
// leave it as it was, but for what the platform assigns anew on each write: the fields the spec marks readOnly. The
// resources, their schemas and their methods all come from the model: no resource is named here.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clientMethodsOf, operations, type Resource } from '@feishu-hire/spec/model';
import { arbitraryOf, singleChanges, withoutEmptyLists, withoutReadOnlyOf, type Schema } from './helpers/schema-arbitrary.js';
import { bodySchemaOf, namespaceOf, newParent, overwriting, readBack, readsOf, recordSchemaOf, useKeepingMock, writesOf } from './helpers/records.js';

const ID = '7000000000000000001';
const platform = useKeepingMock();
// Per resource and property: enough to meet long lists and unknown fields at depth, few enough for a busy 2-core run.
const RUNS = 25;

/** The facts of one resource the properties use, from the model and its spec. */
function subjectOf(resource: Resource) {
  const record: Schema[] = [recordSchemaOf(resource), bodySchemaOf(resource)];
  const parentId = `9${resource.name.length}00000000000000001`;
  const methods = clientMethodsOf(resource, operations);
  return {
    resource,
    parentId,
    /** A stored record (any field, the platform's too), as the record `ID` of the test's parent. */
    stored: arbitraryOf(record).map((r) => ({ ...(r as object), id: ID, [resource.parent!.field]: parentId })),
    /** The record without what the platform assigns anew, and with an empty list the same as none. */
    content: (value: unknown) => withoutEmptyLists(withoutReadOnlyOf(value, [record[0]!])),
    record,
    patches: methods.some((m) => m.method === 'patch' && m.fullOverwrite),
  };
}
type Subject = ReturnType<typeof subjectOf>;

/** Stores `record` (replacing the one before) under a parent the mock holds, and returns it as stored. */
function store(subject: Subject, record: object): Record<string, unknown> {
  newParent(platform.mock, subject.resource, subject.parentId);
  return platform.mock.store.resource(subject.resource.name).set(record);
}

/** Asserts that the record `ID` is stored as `before` was, but for the readOnly fields, and that its id stayed. */
function expectUnchanged(subject: Subject, before: object): void {
  const after = platform.mock.store.resource(subject.resource.name).get(ID)!;
  expect(after.id).toBe(ID);
  expect(subject.content(after)).toEqual(subject.content(before));
}

describe.each(overwriting.map(subjectOf))('lossless round trips of $resource.name (property tests)', (subject) => {
  const namespace = () => namespaceOf(platform.client, subject.resource);

  it('update(id, toUpdateBody(read)) leaves any stored record as it was; the body leaves out exactly what the spec marks readOnly', async () => {
    await fc.assert(
      fc.asyncProperty(subject.stored, async (record) => {
        const before = store(subject, record);
        const read = await readBack(namespace(), subject.resource, ID, subject.parentId);
        expect(read).toEqual(before); // the read loses nothing either
        const body = namespace().toUpdateBody(read);
        // What the spec marks readOnly, read from the spec here (not from the generated masks), is all that is left out.
        expect(body).toEqual(withoutReadOnlyOf(read, [subject.record[0]!]));
        await namespace().update(ID, body);
        expectUnchanged(subject, before);
      }),
      { numRuns: RUNS },
    );
  }, 300_000); // round trips over HTTP: minutes on a loaded 2-core machine, and a timed-out property would go on writing under the next test
});

describe.each(overwriting.map(subjectOf).filter((s) => s.patches))('lossless patch of $resource.name (property tests)', (subject) => {
  const namespace = () => namespaceOf(platform.client, subject.resource);

  it('patch(id, {}) and patch(id, (current) => current) leave any stored record as it was, in one read and one write', async () => {
    await fc.assert(
      fc.asyncProperty(subject.stored, fc.boolean(), async (record, asFunction) => {
        const before = store(subject, record);
        platform.sent.length = 0;
        const { after } = await namespace().patch(ID, asFunction ? (current: unknown) => current : {});
        expect(after).toEqual(platform.mock.store.resource(subject.resource.name).get(ID)); // the update's answer is the stored result
        expectUnchanged(subject, before);
        expect([readsOf(platform.sent, subject.resource).length, writesOf(platform.sent, subject.resource).length]).toEqual([1, 1]);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('patch with an updater making one change at any depth changes that and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(subject.stored, fc.nat(), async (record, which) => {
        const before = store(subject, record);
        let expected: Record<string, unknown> | undefined;
        await namespace().patch(ID, (current: Record<string, unknown>) => {
          const changes = singleChanges(current, subject.record, [subject.resource.parent!.field]);
          changes[which % changes.length]!();
          expected = structuredClone(current);
        });
        expectUnchanged(subject, { ...expected!, id: ID });
        expect(subject.content(expected)).not.toEqual(subject.content(before));
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});

describe('the resources whose update overwrites', () => {
  it('are found in the model; each namespace has toUpdateBody, and patch where it reads one record (get)', () => {
    expect(overwriting.length).toBeGreaterThan(1);
    for (const r of overwriting) {
      const namespace = namespaceOf(platform.client, r);
      expect([typeof namespace.toUpdateBody, typeof namespace.patch], r.name).toEqual(['function', namespace.get ? 'function' : 'undefined']);
    }
  });
});
