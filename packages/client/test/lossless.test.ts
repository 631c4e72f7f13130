// Properties of the read-modify-write helpers against the embedded mock over HTTP (a platform that keeps every field it
// is sent): for any stored interview, update(id, toUpdateBody(stored)) and patch(id, ...) leave it as it was, but for
// what the platform assigns anew on each update: the fields the spec marks readOnly (generated/write-back.ts: the
// interview's id, kept by the path, and each assessment's id and external_interview_id, assigned anew).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openapi } from '@feishu-hire/spec/model';
import { updateExternalInterviewWriteBack } from '../generated/write-back.js';
import { toUpdateBody, type ExternalInterview } from '../src/index.js';
import { content, interviewOf, useKeepingMock } from './helpers/interviews.js';
import type { MockInterview } from '@feishu-hire/mock-server';
import { queries, writes } from './helpers/mock.js';

const APP = '6960663240925956437';
const ID = '7000000000000000001';
const platform = useKeepingMock();

/** The names of the properties the spec marks readOnly, in any schema of its components. */
const READ_ONLY = new Set(
  Object.values<Record<string, any>>(openapi.components.schemas).flatMap((schema) => Object.entries<Record<string, any>>(schema.properties ?? {}).filter(([, p]) => p.readOnly === true).map(([name]) => name)),
);
/** The field names a mask marks (`true`), at any depth. */
const leaves = (mask: object): string[] => Object.entries(mask).flatMap(([name, below]) => (below === true ? [name] : leaves(below as object)));
/**
 * Every key of `value` at any depth of the spec's known structure: the generated unknown fields are prefixed `x_`, and
 * what is below one is the caller's data, kept whole whatever its keys (an `id` inside it is not the platform's).
 */
const keysAtAnyDepth = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(keysAtAnyDepth) : value && typeof value === 'object' ? Object.entries(value).flatMap(([key, v]) => (key.startsWith('x_') ? [key] : [key, ...keysAtAnyDepth(v)])) : [];

/** Stores `interview` as the interview ID (replacing the one before) and returns it as stored. */
const store = (interview: ExternalInterview) => platform.mock.store.set({ ...interview, id: ID } as MockInterview) as ExternalInterview;

/** Asserts that the interview ID is stored as `before` was, but for the readOnly fields, and that its id stayed. */
function expectUnchanged(before: ExternalInterview): void {
  const after = platform.mock.store.get(ID) as ExternalInterview;
  expect(after.id).toBe(ID);
  expect(content(after)).toEqual(content(before));
  expect(after.interview_assessments?.every((a) => a.external_interview_id === ID && typeof a.id === 'string')).toBe(true);
}

describe('lossless round trips (property tests)', () => {
  it('leaves out only what the spec marks readOnly: every field of the generated mask is one', () => {
    const masked = leaves(updateExternalInterviewWriteBack.readOnly);
    expect(masked.length).toBeGreaterThan(0);
    expect(masked.filter((name) => !READ_ONLY.has(name))).toEqual([]);
  });

  it('update(id, toUpdateBody(await get(id))) leaves any stored interview as it was', async () => {
    await fc.assert(
      fc.asyncProperty(interviewOf(APP), async (interview) => {
        const before = store(interview);
        const read = await platform.client.externalInterviews.get(ID);
        expect(read).toEqual(before); // get loses nothing either
        const body = toUpdateBody(read);
        expect(keysAtAnyDepth(body).filter((key) => READ_ONLY.has(key))).toEqual([]); // the readOnly fields are left out
        await platform.client.externalInterviews.update(ID, body);
        expectUnchanged(before);
      }),
      { numRuns: 60 },
    );
  }, 300_000); // 60 round trips over HTTP: minutes on a loaded 2-core machine, and a timed-out property would go on writing under the next test

  it('patch(id, {}) and patch(id, (current) => current) leave any stored interview as it was, in one read and one write', async () => {
    await fc.assert(
      fc.asyncProperty(interviewOf(APP), fc.boolean(), async (interview, asFunction) => {
        const before = store(interview);
        platform.sent.length = 0;
        const { after } = await platform.client.externalInterviews.patch(ID, asFunction ? (current) => current : {});
        expect(after).toEqual(platform.mock.store.get(ID)); // the update's answer is the stored result
        expectUnchanged(before);
        expect([queries(platform.sent).length, writes(platform.sent).length]).toEqual([1, 1]);
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it('patch with an updater changes one nested field of one assessment and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(interviewOf(APP).filter((i) => i.interview_assessments!.length > 0), fc.nat(), fc.string(), async (interview, at, text) => {
        const before = store(interview);
        const index = at % before.interview_assessments!.length;
        await platform.client.externalInterviews.patch(ID, (current) => {
          current.interview_assessments![index]!.content = text;
        });
        const expected = structuredClone(before);
        expected.interview_assessments![index]!.content = text;
        expectUnchanged(expected);
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
