// The external-interview resource: create, update, delete, get, list (pages and an iterator), patch and toUpdateBody.
// Each operation is a thin call of the client's one core, `client.request(<generated operation constant>, ...)`, so
// these are plain functions of any client: an app that imports only some of them bundles only those operations.
// `createHireClient` also wires them into `client.externalInterviews`.
import { batchQueryExternalInterviews, createExternalInterview, deleteExternalInterview, updateExternalInterview } from '../generated/operations.js';
import { batchQueryExternalInterviewsQuery } from '../generated/parameters.js';
import { updateExternalInterviewWriteBack } from '../generated/write-back.js';
import type { ExternalInterview, HireClient, UpdateExternalInterviewBody } from './client.js';
import { assertPathSegment, type RequestOptions } from './core.js';
import { HireApiError, HireValidationError, type ValidationIssue } from './errors.js';
import { HireNotFoundError } from './not-found.js';
import { toWriteBody } from './write-back.js';

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
// `| undefined` spelled out: under exactOptionalPropertyTypes, Partial<T> alone would refuse the `undefined` that removes.
export type ExternalInterviewChanges = { [K in keyof UpdateExternalInterviewBody]?: UpdateExternalInterviewBody[K] | undefined };

/**
 * The function form of `patch`: given the current interview as an update body (a copy of its own), returns the
 * complete body to send, or changes `current` in place and returns nothing.
 */
export type ExternalInterviewUpdater = (current: UpdateExternalInterviewBody) => UpdateExternalInterviewBody | void | Promise<UpdateExternalInterviewBody | void>;

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
 * Reads the interview once and writes it back complete once (update is a full overwrite): 2 requests, the update's
 * answer being the stored result. Resolves to the interview `before` and `after`.
 *
 * - `changes` as a function, `(current) => next`: `current` is the interview as an update body (`toUpdateBody`, a
 *   copy of its own), and what it returns is sent whole; it may also change `current` in place and return nothing.
 *   One nested field changes without rebuilding the lists:
 *   `patch(id, (current) => { current.interview_assessments![0]!.content = '...'; })`.
 * - `changes` as an object: each field given replaces the current one whole (`interview_assessments` given is the new
 *   list), a field given as `undefined` is removed (`external_application_id` cannot be: update needs it), the others
 *   are sent as read. `patch(id, {})` writes the interview back unchanged.
 * - **Last writer wins.** The platform has no version or ETag: a change another client writes between this read and
 *   this write is overwritten without notice.
 *
 * Rejects like `get` and `update` (HireNotFoundError, HireApiError, HireValidationError before any write for
 * `changes` that are neither an object nor a function, or an updater that returns no object).
 */
export async function patchInterview(client: HireRequester, externalInterviewId: string, changes: ExternalInterviewChanges | ExternalInterviewUpdater, options?: RequestOptions): Promise<PatchedExternalInterview> {
  assertPathSegment('externalInterviewId', externalInterviewId, ['string']);
  if (typeof changes !== 'function') checkChanges(changes);
  const before = await getInterview(client, externalInterviewId, options);
  const current = toUpdateBody(before);
  const body = typeof changes === 'function' ? ((await changes(current)) ?? current) : merge(current, changes);
  checkObject('changes(current)', body, 'the complete interview to send');
  const after = await updateInterview(client, externalInterviewId, body, options);
  return { before, after };
}

/** Throws HireValidationError unless `changes` is an object that keeps `external_application_id`. */
function checkChanges(changes: ExternalInterviewChanges): void {
  checkObject('changes', changes, 'the fields to set, or a function of the current interview');
  if (Object.hasOwn(changes, 'external_application_id') && changes.external_application_id === undefined) {
    throw new HireValidationError([{ path: 'changes.external_application_id', rule: 'required', message: 'changes.external_application_id cannot be removed (update requires it)' }]);
  }
}

/** `current` with each field of `changes` set (removed when undefined). */
function merge(current: UpdateExternalInterviewBody, changes: ExternalInterviewChanges): UpdateExternalInterviewBody {
  const body: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) delete body[field];
    else body[field] = value;
  }
  return body as UpdateExternalInterviewBody;
}

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
   * Reads the interview once, applies `changes` and writes it back complete once (update is a full overwrite);
   * resolves to `{ before, after }`. `changes` is an updater `(current) => next` (`current`: the interview as an
   * update body, to return changed or to change in place), or an object whose fields replace the current ones whole
   * (`undefined` removes one). `patch(id, {})` writes the interview back unchanged.
   *
   * **Last writer wins:** the platform has no version or ETag, so a change written by someone else between this read
   * and this write is overwritten without notice.
   */
  patch(externalInterviewId: string, changes: ExternalInterviewChanges | ExternalInterviewUpdater, options?: RequestOptions): Promise<PatchedExternalInterview>;
  /**
   * The update body that writes `interview` back unchanged: `update(id, toUpdateBody(await get(id)))`. Leaves out only
   * what the spec marks readOnly (the platform's ids); fields unknown to this client and every answer field are kept.
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
