// The full-overwrite helpers of the external-interview resource: patch (read, change, write back whole) and
// toUpdateBody. Its other methods are generic (src/resource.ts) and generated per resource (generated/resources.ts),
// re-exported here under their names for the code that imports them from this module.
import { AssessmentType } from '../generated/enums.js';
import { updateExternalInterview } from '../generated/operations.js';
import { getInterview, updateInterview, type ExternalInterview, type UpdateExternalInterviewBody } from '../generated/resources.js';
import type { components } from '../generated/schema.js';
import { checkObject, stringIssue, throwIssues } from './checks.js';
import { assertPathSegment, type RequestOptions } from './core.js';
import type { AssessmentDimensionInput } from './dimension.js';
import { HireValidationError } from './errors.js';
import type { HireRequester } from './resource.js';

export { createInterview, deleteInterview, getInterview, listInterviews, listInterviewsPage, updateInterview } from '../generated/resources.js';
export type { HireRequester };

/**
 * The fields `patch` sets: any field of the update body. A field given replaces the current one whole (a list too:
 * `interview_assessments` given is the new list of assessments); a field given as `undefined` is removed; a field
 * left out keeps its current value.
 */
// `| undefined` spelled out: under exactOptionalPropertyTypes, Partial<T> alone would refuse the `undefined` that removes.
export type ExternalInterviewChanges = { [K in keyof UpdateExternalInterviewBody]?: UpdateExternalInterviewBody[K] | undefined };

/** What `patch` did: the interview as read, and as stored after the update. */
export interface PatchedExternalInterview {
  /** The interview as `get` read it, before the update. */
  before: ExternalInterview;
  /** The interview as the update stored it. */
  after: ExternalInterview;
}

/**
 * Reads the interview, sets `changes` on it and writes it back complete (update is a full overwrite, so the fields not
 * in `changes` are sent as read). Resolves to the interview `before` and `after`.
 *
 * - A field in `changes` replaces the current one whole: `interview_assessments` given is the new list of
 *   assessments (not merged with the current one, whose ids the platform reassigns anyway).
 * - A field given as `undefined` is removed from the interview (`external_application_id` cannot be: update needs it).
 * - **Last writer wins.** The platform has no version or ETag: a change another client writes between this read and
 *   this write is overwritten without notice.
 *
 * Rejects like `get` and `update` (HireNotFoundError, HireApiError, HireValidationError before any request for
 * `changes` that are not an object).
 */
export async function patchInterview(client: HireRequester, externalInterviewId: string, changes: ExternalInterviewChanges, options?: RequestOptions): Promise<PatchedExternalInterview> {
  assertPathSegment('externalInterviewId', externalInterviewId, ['string']);
  checkObject('changes', changes, 'the fields to set');
  if (Object.hasOwn(changes, 'external_application_id') && changes.external_application_id === undefined) {
    throw new HireValidationError([{ path: 'changes.external_application_id', rule: 'required', message: 'changes.external_application_id cannot be removed (update requires it)' }]);
  }
  const before = await getInterview(client, externalInterviewId, options);
  const body: Record<string, unknown> = { ...toUpdateBody(before) };
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) delete body[field];
    else body[field] = value;
  }
  const after = await updateInterview(client, externalInterviewId, body as UpdateExternalInterviewBody, options);
  return { before, after };
}

type SpecInterview = components['schemas']['ExternalInterview'];
type SpecAssessment = components['schemas']['ExternalInterviewAssessment'];
type SpecDimension = components['schemas']['ExternalInterviewAssessmentDimension'];
type InputAssessment = components['schemas']['ExternalInterviewAssessmentInput'];

// The fields toUpdateBody copies, checked against the spec's types: a field the update body gains fails to compile
// below until it is handled here (an allow-list that silently dropped it would delete it in the full overwrite).
const INTERVIEW_FIELDS = ['external_id', 'external_application_id', 'participate_status', 'begin_time', 'end_time'] as const satisfies ReadonlyArray<keyof UpdateExternalInterviewBody & keyof SpecInterview>;
const ASSESSMENT_FIELDS = ['external_id', 'username', 'conclusion', 'content'] as const satisfies ReadonlyArray<keyof InputAssessment & keyof SpecAssessment>;
const DIMENSION_FIELDS = ['title', 'description'] as const satisfies ReadonlyArray<keyof SpecDimension>;
/** The answer field of each assessment type (the spec's table in `ExternalInterviewAssessmentDimension`). */
function answerField(type: AssessmentType): 'score' | 'option' | 'content' | 'options' | undefined {
  // A function, not a module-level object: bundlers keep an object whose keys read AssessmentType even when unused.
  return type === AssessmentType.Score ? 'score'
    : type === AssessmentType.SingleChoice ? 'option'
    : type === AssessmentType.Description ? 'content'
    : type === AssessmentType.MultipleChoice ? 'options'
    : undefined;
}
/** Compiles only when `T` is never. */
type Never<T extends never> = T;
// Every field of the update body is copied; of an assessment, every field but the server-assigned
// `external_interview_id`; of a dimension, every field.
type _InterviewFieldsHandled = Never<Exclude<keyof UpdateExternalInterviewBody, (typeof INTERVIEW_FIELDS)[number] | 'interview_assessments'>>;
type _AssessmentFieldsHandled = Never<Exclude<keyof InputAssessment, (typeof ASSESSMENT_FIELDS)[number] | 'assessment_dimension_list' | 'external_interview_id'>>;
type _DimensionFieldsHandled = Never<Exclude<keyof SpecDimension, (typeof DIMENSION_FIELDS)[number] | 'assessment_type' | NonNullable<ReturnType<typeof answerField>>>>;

/** Copies the fields of `from` named in `fields` that are not undefined. */
function pick(from: object, fields: readonly string[]): Record<string, unknown> {
  const to: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (from as Record<string, unknown>)[field];
    if (value !== undefined) to[field] = Array.isArray(value) ? [...value] : value;
  }
  return to;
}

/** A dimension as update takes it: its answer only in the field of its assessment_type. */
function toDimensionInput(dimension: SpecDimension): AssessmentDimensionInput {
  const type = dimension.assessment_type;
  if (type === undefined) return pick(dimension, DIMENSION_FIELDS) as AssessmentDimensionInput;
  const answer = answerField(type);
  // A type this client does not know (the platform may add one): kept whole, since nothing says which answer is its.
  if (answer === undefined) return { ...dimension } as AssessmentDimensionInput;
  return { ...pick(dimension, [...DIMENSION_FIELDS, answer]), assessment_type: type } as AssessmentDimensionInput;
}

/**
 * The update body that writes `interview` back as it is: `update(id, toUpdateBody(await get(id)))` compiles and
 * changes nothing. It drops what the platform assigns (the interview's `id`, each assessment's `id` and
 * `external_interview_id`) and fields this client does not know, and narrows the types: each dimension keeps its answer
 * in the field of its `assessment_type` only (an answer in another type's field, as in the official example that
 * fills all four, is dropped; the platform reads the one of the type). Fields that are undefined are left out.
 * Throws HireValidationError when `interview` has no `external_application_id` (update requires it).
 */
export function toUpdateBody(interview: ExternalInterview): UpdateExternalInterviewBody {
  checkObject('interview', interview, 'an external interview');
  throwIssues([stringIssue('interview.external_application_id', interview.external_application_id)]);
  const body = pick(interview, INTERVIEW_FIELDS);
  if (interview.interview_assessments !== undefined) {
    body.interview_assessments = interview.interview_assessments.map((assessment) => {
      const input = pick(assessment, ASSESSMENT_FIELDS);
      if (assessment.assessment_dimension_list !== undefined) input.assessment_dimension_list = assessment.assessment_dimension_list.map(toDimensionInput);
      return input;
    });
  }
  return body as UpdateExternalInterviewBody;
}

/** The full-overwrite helpers of `client.externalInterviews` (see also the functions of the same names). */
export interface ExternalInterviewMethods {
  /**
   * Reads the interview, sets `changes` and writes it back complete (update is a full overwrite); resolves to
   * `{ before, after }`. A field in `changes` replaces the current one whole (`interview_assessments` given is the new
   * list); a field given as `undefined` is removed.
   *
   * **Last writer wins:** the platform has no version or ETag, so a change written by someone else between this read
   * and this write is overwritten without notice.
   */
  patch(externalInterviewId: string, changes: ExternalInterviewChanges, options?: RequestOptions): Promise<PatchedExternalInterview>;
  /**
   * The update body that writes `interview` back unchanged: `update(id, toUpdateBody(await get(id)))`. Drops the
   * platform's ids and unknown fields, and keeps each dimension's answer in the field of its `assessment_type` only.
   */
  toUpdateBody(interview: ExternalInterview): UpdateExternalInterviewBody;
}

/** The helpers above and the update they write through, for the namespace wiring (src/full-overwrite.ts). */
export const fullOverwriteHelpers = { operation: updateExternalInterview, patch: patchInterview, toUpdateBody };
