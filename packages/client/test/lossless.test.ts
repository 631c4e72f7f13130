// Properties of the read-modify-write helpers against the embedded mock over HTTP (a platform that keeps every field it
// is sent): for any stored interview, update(id, toUpdateBody(stored)) and patch(id, ...) leave it as it was, but for
// what the platform assigns anew on each update: the fields the spec marks readOnly (generated/write-back.ts: the
// interview's id, kept by the path, and each assessment's id and external_interview_id, assigned anew).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { updateExternalInterviewWriteBack } from '../generated/write-back.js';
import { toUpdateBody, type ExternalInterview } from '../src/index.js';
import { content, interviewOf, startKeepingMock } from './helpers/interviews.js';
import type { MockInterview } from '@feishu-hire/mock-server';
import { mockClient, queries, writes, type Mock, type Sent } from './helpers/mock.js';

const APP = '6960663240925956437';
const ID = '7000000000000000001';
let mock: Mock;
let client: ReturnType<typeof mockClient>;
const sent: Sent[] = [];
beforeAll(async () => {
  mock = await startKeepingMock();
  client = mockClient(mock, sent, { rateLimit: false });
});
afterAll(() => mock.close());

/** Stores `interview` as the interview ID (replacing the one before) and returns it as stored. */
const store = (interview: ExternalInterview) => mock.store.set({ ...interview, id: ID } as MockInterview) as ExternalInterview;

/** Asserts that the interview ID is stored as `before` was, but for the readOnly fields, and that its id stayed. */
function expectUnchanged(before: ExternalInterview): void {
  const after = mock.store.get(ID) as ExternalInterview;
  expect(after.id).toBe(ID);
  expect(content(after)).toEqual(content(before));
  expect(after.interview_assessments?.every((a) => a.external_interview_id === ID && typeof a.id === 'string')).toBe(true);
}

describe('lossless round trips (property tests)', () => {
  it('names the fields the platform assigns from the spec: the readOnly ids', () => {
    // What the comparisons below leave out is read from the spec, never written here: this only shows what it is.
    expect(updateExternalInterviewWriteBack.readOnly).toEqual({ id: true, interview_assessments: { id: true, external_interview_id: true } });
  });

  it('update(id, toUpdateBody(await get(id))) leaves any stored interview as it was', async () => {
    await fc.assert(
      fc.asyncProperty(interviewOf(APP), async (interview) => {
        const before = store(interview);
        const read = await client.externalInterviews.get(ID);
        expect(read).toEqual(before); // get loses nothing either
        const body = toUpdateBody(read);
        expect(JSON.stringify(body)).not.toMatch(/"(id|external_interview_id)":/); // what toUpdateBody drops: the readOnly fields
        await client.externalInterviews.update(ID, body);
        expectUnchanged(before);
      }),
      { numRuns: 60 },
    );
  });

  it('patch(id, {}) and patch(id, (current) => current) leave any stored interview as it was, in one read and one write', async () => {
    await fc.assert(
      fc.asyncProperty(interviewOf(APP), fc.boolean(), async (interview, asFunction) => {
        const before = store(interview);
        sent.length = 0;
        const { after } = await client.externalInterviews.patch(ID, asFunction ? (current) => current : {});
        expect(after).toEqual(mock.store.get(ID)); // the update's answer is the stored result
        expectUnchanged(before);
        expect([queries(sent).length, writes(sent).length]).toEqual([1, 1]);
      }),
      { numRuns: 60 },
    );
  });

  it('patch with an updater changes one nested field of one assessment and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(interviewOf(APP).filter((i) => i.interview_assessments!.length > 0), fc.nat(), fc.string(), async (interview, at, text) => {
        const before = store(interview);
        const index = at % before.interview_assessments!.length;
        await client.externalInterviews.patch(ID, (current) => {
          current.interview_assessments![index]!.content = text;
        });
        const expected = structuredClone(before);
        expected.interview_assessments![index]!.content = text;
        expectUnchanged(expected);
      }),
      { numRuns: 30 },
    );
  });
});
