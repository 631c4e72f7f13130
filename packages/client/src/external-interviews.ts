// The external-interview resource: create, update, delete, get, list (pages and an iterator), patch and toUpdateBody.
// Each operation is a thin call of the client's one core, `client.request(<generated operation constant>, ...)`, so
// these are plain functions of any client: an app that imports only some of them bundles only those operations.
// `createHireClient` also wires them into `client.externalInterviews`.
import { AssessmentType } from '../generated/enums.js';
import { batchQueryExternalInterviews, createExternalInterview, deleteExternalInterview, updateExternalInterview } from '../generated/operations.js';
import { batchQueryExternalInterviewsQuery } from '../generated/parameters.js';
import type { components } from '../generated/schema.js';
import type { ExternalInterview, HireClient, UpdateExternalInterviewBody } from './client.js';
import { assertPathSegment, type RequestOptions } from './core.js';
import type { AssessmentDimensionInput } from './dimension.js';
import { HireApiError, HireValidationError, type ValidationIssue } from './errors.js';
import { HireNotFoundError } from './not-found.js';

/** What these functions need of a client: its core call. A client of `createHireClient` is one. */
export type HireRequester = Pick<HireClient, 'request'>;

/**
 * The request body of Create external interview: the new interview with its assessments. The same fields as update
 * (the spec's `ExternalInterviewInput`), with the same typed dimensions. Send `external_id`, your system's key of the
 * interview: a create repeating it within 24 hours is refused, so a retried create cannot create it twice.
 */
export type CreateExternalInterviewBody = UpdateExternalInterviewBody;

/**
 * The fields `patch` sets: any field of the update body. A field given replaces the current one whole (a list too:
 * `interview_assessments` given is the new list of assessments); a field given as `undefined` is removed; a field
 * left out keeps its current value.
 */
export type ExternalInterviewChanges = Partial<UpdateExternalInterviewBody>;

/** Which interviews `list` and `listPage` return: one external application's, or the ones with these ids. */
export type ListExternalInterviewsInput = (
  | {
      /** External application ID (外部投递 ID): the interviews of this application. */
      externalApplicationId: string;
      ids?: undefined;
    }
  | {
      /** External interview IDs (外部面试 ID): these interviews (the ones that exist), whatever their application. */
      ids: readonly string[];
      externalApplicationId?: undefined;
    }
) & {
  /** Interviews per request, within the spec's bounds of `page_size` (1 to 20; default 10). */
  pageSize?: number;
};

/** The input of `listPage`: the interviews to list, and where to resume. */
export type ListExternalInterviewsPageInput = ListExternalInterviewsInput & {
  /** `pageToken` of the previous page; leave it out for the first page. */
  pageToken?: string | undefined;
};

/** One page of a batch query. */
export interface ExternalInterviewPage {
  /** The interviews of this page. */
  items: ExternalInterview[];
  /** The token of the next page (pass it as `pageToken`), when `hasMore`. */
  pageToken: string | undefined;
  /** Whether more interviews follow this page. */
  hasMore: boolean;
}

/** What `patch` did: the interview as read, and as stored after the update. */
export interface PatchedExternalInterview {
  /** The interview as `get` read it, before the update. */
  before: ExternalInterview;
  /** The interview as the update stored it. */
  after: ExternalInterview;
}

/** Throws HireValidationError unless `value` is a plain object (not null, not an array). */
function checkObject(name: string, value: unknown, what: string): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new HireValidationError([{ path: name, rule: 'type', message: `${name} must be an object (${what})` }]);
  }
}

/** The issue of `value` unless it is a non-empty string. */
function stringIssue(name: string, value: unknown): ValidationIssue | undefined {
  if (typeof value !== 'string') return { path: name, rule: 'type', message: `${name} must be a string, got ${value === null ? 'null' : typeof value}` };
  if (value === '') return { path: name, rule: 'minLength', message: `${name} must not be empty` };
  return undefined;
}

/** Throws HireValidationError naming each issue, if any. */
function throwIssues(issues: Array<ValidationIssue | undefined>): void {
  const found = issues.filter((i): i is ValidationIssue => i !== undefined);
  if (found.length) throw new HireValidationError(found);
}

/** `data.external_interview` of a create or update answer. */
function storedInterview(data: unknown): ExternalInterview {
  const interview = (data as { external_interview?: unknown } | undefined)?.external_interview;
  if (interview && typeof interview === 'object') return interview as ExternalInterview;
  // client.request resolves only for a 2xx answer with code 0; its exact status is not kept.
  throw new HireApiError({ code: -1, msg: 'success envelope without data.external_interview', status: 200 });
}

/**
 * Create external interview (创建外部面试): `POST /open-apis/hire/v1/external_interviews`.
 *
 * Resolves to the stored interview, with its new `id` and an `id` for each assessment. A POST is not retried after a
 * 5xx or network failure (it may have been applied; with `external_id`, a repeat within 24 hours is refused).
 */
export async function createInterview(client: HireRequester, body: CreateExternalInterviewBody, options?: RequestOptions): Promise<ExternalInterview> {
  checkObject('body', body, 'the new interview');
  return storedInterview(await client.request(createExternalInterview, { body }, options));
}

/**
 * Update external interview (更新外部面试): `PUT /open-apis/hire/v1/external_interviews/{external_interview_id}`.
 *
 * **Full overwrite (全量覆盖更新).** `body` replaces the whole stored interview *and all of its assessments*: any
 * field, assessment or dimension left out is deleted. To change some fields, use `patchInterview`; to send an interview
 * you read, `toUpdateBody(interview)`.
 */
export async function updateInterview(client: HireRequester, externalInterviewId: string, body: UpdateExternalInterviewBody, options?: RequestOptions): Promise<ExternalInterview> {
  assertPathSegment('externalInterviewId', externalInterviewId, ['string']);
  checkObject('body', body, 'the complete interview');
  const data = await client.request(updateExternalInterview, { path: { external_interview_id: externalInterviewId }, body }, options);
  return storedInterview(data);
}

/**
 * Delete external interview (删除外部面试): `DELETE /open-apis/hire/v1/external_interviews/{external_interview_id}`.
 *
 * Known from the official SDK only (no official page was found): what the platform answers for an id that does not
 * exist is not documented (the mock answers the invalid-parameter code, as update does).
 */
export async function deleteInterview(client: HireRequester, externalInterviewId: string, options?: RequestOptions): Promise<void> {
  assertPathSegment('externalInterviewId', externalInterviewId, ['string']);
  await client.request(deleteExternalInterview, { path: { external_interview_id: externalInterviewId } }, options);
}

/** The batch query's query and body for `input`; throws HireValidationError naming every bad field, before any request. */
function batchQueryInput(input: ListExternalInterviewsPageInput, name: string) {
  checkObject(name, input, 'with externalApplicationId or ids');
  const { externalApplicationId: application, ids, pageSize, pageToken } = input;
  const { minimum, maximum } = batchQueryExternalInterviewsQuery.page_size; // (read here: a module-level read is kept by bundlers)
  const issues: Array<ValidationIssue | undefined> = [];
  if ((application === undefined) === (ids === undefined)) {
    const got = application === undefined ? 'neither' : 'both';
    issues.push({ path: name, rule: 'oneOf', message: `${name} must have exactly one of externalApplicationId and ids, got ${got}` });
  } else if (ids === undefined) {
    issues.push(stringIssue(`${name}.externalApplicationId`, application));
  } else if (!Array.isArray(ids)) {
    issues.push({ path: `${name}.ids`, rule: 'type', message: `${name}.ids must be an array of interview ids, got ${typeof ids}` });
  } else if (ids.length === 0) {
    issues.push({ path: `${name}.ids`, rule: 'minItems', message: `${name}.ids must not be empty (an empty list is no condition)` });
  } else {
    ids.forEach((id, i) => issues.push(stringIssue(`${name}.ids[${i}]`, id)));
  }
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= minimum && pageSize <= maximum)) {
    const rule = !Number.isInteger(pageSize) ? 'type' : pageSize < minimum ? 'minimum' : 'maximum';
    issues.push({ path: `${name}.pageSize`, rule, message: `${name}.pageSize must be an integer from ${minimum} to ${maximum} (the spec's page_size), got ${String(pageSize)}` });
  }
  if (pageToken !== undefined) issues.push(stringIssue(`${name}.pageToken`, pageToken));
  throwIssues(issues);
  return {
    query: { external_application_id: ids === undefined ? application : undefined, page_size: pageSize, page_token: pageToken },
    // The id list, when given, is the only condition; the official SDK sends `{}` without one.
    body: ids === undefined ? {} : { external_interview_id_list: [...ids] },
  };
}

/** Sends one batch query. */
async function queryPage(client: HireRequester, request: ReturnType<typeof batchQueryInput>, options: RequestOptions | undefined): Promise<ExternalInterviewPage> {
  const data = await client.request<{ items?: ExternalInterview[]; page_token?: string; has_more?: boolean } | undefined>(batchQueryExternalInterviews, request, options);
  return { items: data?.items ?? [], pageToken: data?.page_token || undefined, hasMore: data?.has_more === true };
}

/**
 * One page of 查询外部面试列表 (batch query external interviews): `POST /open-apis/hire/v1/external_interviews/batch_query`.
 *
 * `{ externalApplicationId }` lists that application's interviews, `{ ids }` these interviews (exactly one of the two);
 * `pageSize` (1 to 20, default 10) and `pageToken` (the previous page's) page through them. Bad input rejects with
 * HireValidationError naming the field and rule, before any request.
 */
export async function listInterviewsPage(client: HireRequester, input: ListExternalInterviewsPageInput, options?: RequestOptions): Promise<ExternalInterviewPage> {
  return queryPage(client, batchQueryInput(input, 'input'), options);
}

/**
 * Every interview of `{ externalApplicationId }` or `{ ids }`, one by one across pages, as an async iterable
 * (`for await (const interview of listInterviews(client, { externalApplicationId }))`). Pages are fetched as the
 * iteration needs them, `pageSize` at a time; `options.timeoutMs` is the deadline of each page's request,
 * `options.signal` stops the iteration at any page.
 *
 * Bad input throws HireValidationError at once (this function is not async), before any request.
 */
export function listInterviews(client: HireRequester, input: ListExternalInterviewsInput, options?: RequestOptions): AsyncIterableIterator<ExternalInterview> {
  const request = batchQueryInput({ ...input, pageToken: undefined } as ListExternalInterviewsPageInput, 'input');
  return (async function* () {
    for (let pageToken: string | undefined; ; ) {
      const page = await queryPage(client, { ...request, query: { ...request.query, page_token: pageToken } }, options);
      yield* page.items;
      if (!page.hasMore) return;
      if (!page.pageToken || page.pageToken === pageToken) {
        throw new HireApiError({ code: -1, msg: `${batchQueryExternalInterviews.operationId}: has_more without a new page_token (the list cannot go on)`, status: 200 });
      }
      pageToken = page.pageToken;
    }
  })();
}

/**
 * The interview `externalInterviewId`, read with a batch query by id. Rejects with HireNotFoundError when the platform
 * has no such interview.
 */
export async function getInterview(client: HireRequester, externalInterviewId: string, options?: RequestOptions): Promise<ExternalInterview> {
  throwIssues([stringIssue('externalInterviewId', externalInterviewId)]);
  const page = await queryPage(client, batchQueryInput({ ids: [externalInterviewId] }, 'input'), options);
  const found = page.items.find((interview) => interview.id === externalInterviewId);
  if (!found) throw new HireNotFoundError(externalInterviewId);
  return found;
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

/** The methods of `client.externalInterviews` but `update`, documented in HireClient (see also the functions of the same names). */
export interface ExternalInterviewMethods {
  /**
   * Create external interview (创建外部面试): `POST /open-apis/hire/v1/external_interviews`. Resolves to the stored
   * interview with its new `id`. Send `external_id` (your key): a create repeating it within 24 hours is refused.
   * Not retried after a 5xx or network failure (a POST may have been applied).
   */
  create(body: CreateExternalInterviewBody, options?: RequestOptions): Promise<ExternalInterview>;
  /** Delete external interview (删除外部面试): `DELETE /open-apis/hire/v1/external_interviews/{external_interview_id}`. */
  delete(externalInterviewId: string, options?: RequestOptions): Promise<void>;
  /** The interview with this id (a batch query by id); rejects with HireNotFoundError when there is none. */
  get(externalInterviewId: string, options?: RequestOptions): Promise<ExternalInterview>;
  /**
   * Every interview of `{ externalApplicationId }` or `{ ids }` (exactly one), one by one across pages:
   * `for await (const interview of client.externalInterviews.list({ externalApplicationId }))`. Bad input throws
   * HireValidationError at once, before any request.
   */
  list(input: ListExternalInterviewsInput, options?: RequestOptions): AsyncIterableIterator<ExternalInterview>;
  /**
   * One page of a batch query (查询外部面试列表): `{ externalApplicationId }` or `{ ids }`, `pageSize` (1 to 20, default
   * 10) and the previous page's `pageToken`. Resolves to `{ items, pageToken, hasMore }`.
   */
  listPage(input: ListExternalInterviewsPageInput, options?: RequestOptions): Promise<ExternalInterviewPage>;
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

/** `client.externalInterviews`: the functions above, bound to `client`. */
export function externalInterviewMethods(client: HireRequester): HireClient['externalInterviews'] {
  return {
    create: (body, options) => createInterview(client, body, options),
    update: (externalInterviewId, body, options) => updateInterview(client, externalInterviewId, body, options),
    delete: (externalInterviewId, options) => deleteInterview(client, externalInterviewId, options),
    get: (externalInterviewId, options) => getInterview(client, externalInterviewId, options),
    list: (input, options) => listInterviews(client, input, options),
    listPage: (input, options) => listInterviewsPage(client, input, options),
    patch: (externalInterviewId, changes, options) => patchInterview(client, externalInterviewId, changes, options),
    toUpdateBody,
  };
}
