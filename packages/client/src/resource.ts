// What the methods of any resource of the spec run on: generated/resources.ts (scripts/resources.js) writes each
// resource's standalone functions (`createInterview(client, body)`) and namespace (`client.externalInterviews`) from
// the resource model. A create, read, update, patch or delete is written out there with the operation's facts (the
// id checked, the body checked, `client.request`, `recordOf` its answer); a list, whose logic is more, calls the
// functions below with its metadata (a ListBinding: the operation constant, the filters, the items, the paging).
// Each is a thin call of the client's one core, so it has every guarantee of `client.request`. Nothing here names a
// resource.
import { checkObject, stringIssue, throwIssues } from './checks.js';
import type { QueryValue, RequestInput, RequestOptions } from './core.js';
import type { ClientBody } from './dimension.js';
import { HireApiError, type ValidationIssue } from './errors.js';
import { HireNotFoundError } from './not-found.js';
import type { HireOperation } from './operation.js';
import type { RequestBodyOf, ResponseDataOf } from './operation-types.js';

/** What the methods need of a client: its core call. A client of `createHireClient` or `createHireCore` is one. */
export interface HireRequester {
  /** Calls `operation` with every guarantee of the client (see `HireClient.request`). */
  request(operation: HireOperation, input?: RequestInput, options?: RequestOptions): Promise<unknown>;
}

/** What the list methods need of an operation: the operation constant. */
export interface Binding {
  readonly operation: HireOperation;
}

/** One condition of a list (`x-feishu-filters`) as the client takes it. */
export interface ListFilter {
  /** Its key in the caller's filter object: `ids`, or the camelCase name of the parent field (`externalApplicationId`). */
  readonly key: string;
  /** Where it is sent, and under which name. */
  readonly in: 'query' | 'body';
  readonly name: string;
  /** The id list (an array of ids), or else one parent's id (a string). */
  readonly ids: boolean;
  /** Whether the caller must give it. */
  readonly required: boolean;
}
/** A list: its conditions, where its items are, and its paging. */
export interface ListBinding extends Binding {
  /** The resource's name (`external_interview`), for messages. */
  readonly resource: string;
  readonly filters: readonly ListFilter[];
  /** Exactly one of the filters must be given (the id list, when sent, is the only condition). */
  readonly exclusive: boolean;
  /** The `data` field holding the items. */
  readonly items: string;
  /** The rules of `page_size`; undefined when the list does not page. */
  readonly pageSize: { readonly minimum: number; readonly maximum?: number | undefined } | undefined;
  /** Whether the operation takes a body: sent as `{}` when no condition goes in it (as the official SDK does). */
  readonly body: boolean;
  /** The id's name in the caller's terms, for `get` through the ids filter. */
  readonly idArgument: string;
}

/** One page of a list. */
export interface Page<T> {
  /** The items of this page. */
  items: T[];
  /** The token of the next page (pass it as `pageToken`), when `hasMore`. */
  pageToken: string | undefined;
  /** Whether more items follow this page. */
  hasMore: boolean;
}
/** Where `listPage` resumes, and how many items a page holds. */
export interface PageInput {
  /** Items per request, within the spec's bounds of `page_size`. */
  pageSize?: number | undefined;
  /** `pageToken` of the previous page; leave it out for the first page. */
  pageToken?: string | undefined;
}

/** The body an operation's method takes. */
export type BodyOf<Op> = ClientBody<RequestBodyOf<Op>>;
/** The `data` of an operation's success answer. */
export type DataOf<Op> = NonNullable<ResponseDataOf<Op>>;
/** The record under `K` in an operation's `data`. */
export type RecordOf<Op, K extends string> = NonNullable<DataOf<Op>[K & keyof DataOf<Op>]>;
/** One item of the list under `K` in an operation's `data`. */
export type ItemOf<Op, K extends string> = RecordOf<Op, K> extends ReadonlyArray<infer T> ? T : never;

/** The record under `key` of a write's or read's answer `data`; a HireApiError when the answer has none. */
export function recordOf(data: unknown, key: string): unknown {
  const record = (data as Record<string, unknown> | undefined)?.[key];
  if (record && typeof record === 'object') return record;
  // client.request resolves only for a 2xx answer with code 0; its exact status is not kept.
  throw new HireApiError({ code: -1, msg: `success envelope without data.${key}`, status: 200 });
}

/** The issues of one filter's value (`path` names it). */
function filterIssues(b: ListBinding, filter: ListFilter, value: unknown, path: string): Array<ValidationIssue | undefined> {
  if (!filter.ids) return [stringIssue(path, value)];
  if (!Array.isArray(value)) return [{ path, rule: 'type', message: `${path} must be an array of ${b.resource.replaceAll('_', ' ')} ids, got ${typeof value}` }];
  if (value.length === 0) return [{ path, rule: 'minItems', message: `${path} must not be empty (an empty list is no condition)` }];
  return value.map((id, i) => stringIssue(`${path}[${i}]`, id));
}

/** The issue of a page size outside the spec's bounds of `page_size`. */
function pageSizeIssue({ minimum, maximum = Infinity }: NonNullable<ListBinding['pageSize']>, value: unknown, path: string): ValidationIssue | undefined {
  if (value === undefined || (Number.isInteger(value) && (value as number) >= minimum && (value as number) <= maximum)) return undefined;
  const rule = !Number.isInteger(value) ? 'type' : (value as number) < minimum ? 'minimum' : 'maximum';
  const range = maximum === Infinity ? `of at least ${minimum}` : `from ${minimum} to ${maximum}`;
  return { path, rule, message: `${path} must be an integer ${range} (the spec's page_size), got ${String(value)}` };
}

/** The request of a list for the caller's `input`; throws HireValidationError naming every bad field, before any request. */
function listRequest(b: ListBinding, input: unknown, name: string): RequestInput {
  const keys = b.filters.map((f) => f.key);
  if (input === undefined && !b.exclusive && !b.filters.some((f) => f.required)) input = {};
  checkObject(name, input, keys.length ? `with ${keys.join(' or ')}` : 'of paging');
  const values = input as Record<string, unknown>;
  const given = b.filters.filter((f) => values[f.key] !== undefined);
  const issues: Array<ValidationIssue | undefined> = [];
  if (b.exclusive && given.length !== 1) {
    issues.push({ path: name, rule: 'oneOf', message: `${name} must have exactly one of ${keys.join(' and ')}, got ${given.length ? 'both' : 'neither'}` });
  } else {
    for (const f of b.filters) if (f.required && values[f.key] === undefined) issues.push({ path: `${name}.${f.key}`, rule: 'required', message: `${name}.${f.key} is required` });
    for (const f of given) issues.push(...filterIssues(b, f, values[f.key], `${name}.${f.key}`));
  }
  if (b.pageSize) issues.push(pageSizeIssue(b.pageSize, values.pageSize, `${name}.pageSize`), values.pageToken === undefined ? undefined : stringIssue(`${name}.pageToken`, values.pageToken));
  throwIssues(issues);
  return requestOf(b, given, values);
}

/** The query and body of a list: the given conditions where the spec sends them, then the paging. */
function requestOf(b: ListBinding, given: readonly ListFilter[], values: Record<string, unknown>): RequestInput {
  const query: Record<string, QueryValue | readonly QueryValue[] | undefined> = {};
  const body: Record<string, unknown> | undefined = b.body ? {} : undefined;
  for (const f of given) {
    const value = f.ids ? [...(values[f.key] as string[])] : (values[f.key] as string);
    if (f.in === 'query') query[f.name] = value;
    else body![f.name] = value;
  }
  if (b.pageSize) Object.assign(query, { page_size: values.pageSize, page_token: values.pageToken });
  return { query, body };
}

/** Sends one list request. */
async function fetchPage(client: HireRequester, b: ListBinding, request: RequestInput, options: RequestOptions | undefined): Promise<Page<unknown>> {
  const data = (await client.request(b.operation, request, options)) as Record<string, unknown> | undefined;
  return { items: (data?.[b.items] as unknown[] | undefined) ?? [], pageToken: (data?.page_token as string | undefined) || undefined, hasMore: data?.has_more === true };
}

/** One page of a paged list: the items of `input`'s conditions, from `input.pageToken`. */
export async function listPage(client: HireRequester, b: ListBinding, input: unknown, options?: RequestOptions): Promise<Page<unknown>> {
  return fetchPage(client, b, listRequest(b, input, 'input'), options);
}

/** Every item of a list that does not page (one request). */
export async function listOnce(client: HireRequester, b: ListBinding, input: unknown, options?: RequestOptions): Promise<unknown[]> {
  return (await fetchPage(client, b, listRequest(b, input, 'input'), options)).items;
}

/**
 * Every item of a paged list, one by one across pages, as an async iterable; pages are fetched as the iteration needs
 * them. Bad input throws HireValidationError at once (this function is not async), before any request.
 */
export function listAll(client: HireRequester, b: ListBinding, input: unknown, options?: RequestOptions): AsyncIterableIterator<unknown> {
  if (input && typeof input === 'object' && 'pageToken' in input) input = { ...input, pageToken: undefined };
  const request = listRequest(b, input, 'input');
  return (async function* () {
    for (let pageToken: string | undefined; ; ) {
      const page = await fetchPage(client, b, { ...request, query: { ...request.query, page_token: pageToken } }, options);
      yield* page.items;
      if (!page.hasMore) return;
      if (!page.pageToken || page.pageToken === pageToken) {
        throw new HireApiError({ code: -1, msg: `${b.operation.operationId}: has_more without a new page_token (the list cannot go on)`, status: 200 });
      }
      pageToken = page.pageToken;
    }
  })();
}

/** The record `id`, read with a list by that one id. Rejects with HireNotFoundError when the list answers without it. */
export async function getByList(client: HireRequester, b: ListBinding, id: string, options?: RequestOptions): Promise<unknown> {
  throwIssues([stringIssue(b.idArgument, id)]);
  const page = await fetchPage(client, b, requestOf(b, b.filters.filter((f) => f.ids), { ids: [id] }), options);
  const found = page.items.find((item) => (item as { id?: unknown } | null)?.id === id);
  if (!found) throw new HireNotFoundError(b.resource, id);
  return found;
}
