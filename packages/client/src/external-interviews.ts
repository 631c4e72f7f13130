// The external-interview resource under the names it had before its methods were generated: `toUpdateBody(interview)`
// and the types of its full-overwrite helpers. Its methods are generic (src/resource.ts, src/full-overwrite.ts) and
// generated per resource (generated/resources.ts), re-exported here for the code that imports them from this module.
import type { ExternalInterview, ExternalInterviewsNamespace, UpdateExternalInterviewBody } from '../generated/resources.js';
import { updateExternalInterviewWriteBack } from '../generated/write-back.js';
import type { Patched, RecordChanges, RecordUpdater } from './full-overwrite.js';
import type { HireRequester } from './resource.js';
import { toWriteBody } from './write-back.js';

export { createInterview, deleteInterview, getInterview, listInterviews, listInterviewsPage, patchInterview, updateInterview } from '../generated/resources.js';
export type { HireRequester };

/**
 * The fields `patch` sets: any field of the update body. A field given replaces the current one whole (a list too:
 * `interview_assessments` given is the new list of assessments); a field given as `undefined` is removed; a field
 * left out keeps its current value.
 */
export type ExternalInterviewChanges = RecordChanges<UpdateExternalInterviewBody>;

/**
 * The function form of `patch`: given the current interview as an update body (a copy of its own), returns the
 * complete body to send, or changes `current` in place and returns nothing.
 */
export type ExternalInterviewUpdater = RecordUpdater<UpdateExternalInterviewBody>;

/** What `patch` did: the interview as read, and as stored after the update. */
export type PatchedExternalInterview = Patched<ExternalInterview>;

/** The methods of `client.externalInterviews` (generated from the resource model). */
export type ExternalInterviewMethods = ExternalInterviewsNamespace;

/**
 * The update body that writes `interview` (as read) back unchanged: `update(id, toUpdateBody(await get(id)))` changes
 * nothing but what the platform assigns anew. It leaves out exactly the fields the spec marks `readOnly` (the
 * interview's `id`, each assessment's `id` and `external_interview_id`) and undefined fields; everything else is kept
 * as read, at every level: fields this client does not know, and every answer field of a dimension whatever its
 * `assessment_type` (the official example fills all four; no source says the platform ignores the others). A deep
 * copy: changing it leaves `interview` alone.
 * Throws HireValidationError when `interview` is not an object or has no `external_application_id` (update requires it).
 */
export function toUpdateBody(interview: ExternalInterview): UpdateExternalInterviewBody {
  return toWriteBody(interview, updateExternalInterviewWriteBack, 'interview') as UpdateExternalInterviewBody;
}
