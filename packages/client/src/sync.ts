// syncExternalInterviews: makes Feishu match a list of interviews exported from another system, for one external
// application, keyed by `external_id`. Beyond the official SDK: it lists, plans and writes through the same functions
// as client.externalInterviews (so through the one core: its rate limiters, retries and deadlines).
import { batchQueryExternalInterviewsQuery } from '../generated/parameters.js';
import type { ExternalInterview, UpdateExternalInterviewBody } from './client.js';
import type { RequestOptions } from './core.js';
import { HireApiError, HireValidationError, type ValidationIssue } from './errors.js';
import { createInterview, deleteInterview, listInterviews, toUpdateBody, updateInterview, type HireRequester } from './external-interviews.js';

/**
 * An interview as your system has it: the complete state it must have on Feishu (an update is a full overwrite: a field
 * or assessment left out is deleted there), keyed by `external_id`.
 */
export type SyncExternalInterview = Omit<UpdateExternalInterviewBody, 'external_id' | 'external_application_id'> & {
  /** Your system's key of the interview: required, and once in the list. */
  external_id: string;
  /** The sync's `externalApplicationId`, filled in when left out (another application is an error). */
  external_application_id?: string;
};

/** What the sync does with one interview. */
export type SyncAction = 'create' | 'update' | 'delete' | 'unchanged';

/**
 * Where an item stands: `planned` (a dry run, or not reached), `done` (written, or nothing to write for `unchanged`),
 * `failed` (see `error` and `logId`).
 */
export type SyncStatus = 'planned' | 'done' | 'failed';

/** One interview of the sync: what it is, what the sync does with it, and how that went. */
export interface SyncItem {
  action: SyncAction;
  /** The interview's `external_id`. */
  externalId: string;
  /** Its index in `interviews`; undefined for a delete (an interview that is only on Feishu). */
  index: number | undefined;
  /** Its id on Feishu: the existing interview's, or the created one's once done. */
  externalInterviewId: string | undefined;
  /** For an update: the fields that differ (`interview_assessments` for any change to the assessments), sorted. */
  changedFields: string[];
  status: SyncStatus;
  /** After a create or update: the interview as stored. */
  interview?: ExternalInterview | undefined;
  /** Why the item failed (HireApiError, HireValidationError with `validate: true`, a network error, ...). */
  error?: unknown;
  /** The `x-tt-logid` of the failed request, to quote to Feishu support (when the API answered). */
  logId?: string | undefined;
}

/** The number of items of each action. */
export type SyncCounts = Record<SyncAction, number>;

/** What a sync planned (dry run) or did. */
export interface SyncResult {
  dryRun: boolean;
  /** Every item: the interviews of the list in their order, then the deletes. */
  items: SyncItem[];
  /** Items by action: the plan. */
  counts: SyncCounts;
  /** Items that failed (0 on a dry run). */
  failed: number;
  /**
   * Interviews of the application on Feishu the sync leaves alone: those without an `external_id` (never deleted), and
   * without `deleteMissing` those absent from the list.
   */
  untouched: number;
}

/** The input of syncExternalInterviews. */
export interface SyncExternalInterviewsOptions {
  /** The external application (外部投递 ID) whose interviews are synced. */
  externalApplicationId: string;
  /** Every interview the application must have, each with a unique `external_id`. */
  interviews: readonly SyncExternalInterview[];
  /** Also delete the application's interviews on Feishu whose `external_id` is not in `interviews` (default false). */
  deleteMissing?: boolean;
  /** Only list and plan: return the plan without writing anything (default false). */
  dryRun?: boolean;
  /** Writes in flight at a time (default 5); the client's rate limiters pace them further. */
  concurrency?: number;
  /**
   * Called as each item settles (and for each item of a dry run), with how many have settled. If it throws, no item is
   * started after, and the sync rejects with that error once the writes in flight have settled.
   */
  onProgress?: (item: SyncItem, progress: { done: number; total: number }) => void;
  /** Stops the sync: no item is started after it fires, and the sync rejects with its reason. */
  signal?: AbortSignal;
  /** Deadline of each request, in ms (default: the client's `timeoutMs`). */
  timeoutMs?: number;
}

/** The issue of an option that is set but not of `type`. */
function typeIssue(name: string, value: unknown, type: string): ValidationIssue | undefined {
  return value === undefined || typeof value === type ? undefined : { path: name, rule: 'type', message: `${name} must be a ${type}, got ${typeof value}` };
}

/** The checked options; throws HireValidationError naming every bad field, before any request. */
function checkOptions(options: SyncExternalInterviewsOptions): void {
  if (!options || typeof options !== 'object') {
    throw new HireValidationError([{ path: 'options', rule: 'type', message: 'options must be an object with externalApplicationId and interviews' }]);
  }
  const { externalApplicationId: application, interviews, concurrency } = options;
  const issues: Array<ValidationIssue | undefined> = [
    typeof application !== 'string' || application === ''
      ? { path: 'externalApplicationId', rule: typeof application === 'string' ? 'minLength' : 'type', message: `externalApplicationId must be a non-empty string, got ${JSON.stringify(application) ?? 'undefined'}` }
      : undefined,
    typeIssue('deleteMissing', options.deleteMissing, 'boolean'),
    typeIssue('dryRun', options.dryRun, 'boolean'),
    typeIssue('onProgress', options.onProgress, 'function'),
    concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)
      ? { path: 'concurrency', rule: 'minimum', message: `concurrency must be a positive integer, got ${String(concurrency)}` }
      : undefined,
  ];
  if (!Array.isArray(interviews)) {
    issues.push({ path: 'interviews', rule: 'type', message: 'interviews must be an array of interviews' });
  } else {
    const first = new Map<string, number>();
    interviews.forEach((interview: Partial<SyncExternalInterview> | null, i) => {
      const at = `interviews[${i}]`;
      if (!interview || typeof interview !== 'object' || Array.isArray(interview)) {
        issues.push({ path: at, rule: 'type', message: `${at} must be an object (an interview)` });
        return;
      }
      const key = interview.external_id;
      if (typeof key !== 'string' || key === '') {
        const rule = key === undefined ? 'required' : typeof key !== 'string' ? 'type' : 'minLength';
        issues.push({ path: `${at}.external_id`, rule, message: `${at}.external_id is required: a non-empty string, the key of the sync${key === undefined ? '' : ` (got ${JSON.stringify(key)})`}` });
      } else if (first.has(key)) {
        issues.push({ path: `${at}.external_id`, rule: 'uniqueItems', message: `${at}.external_id ${JSON.stringify(key)} repeats interviews[${first.get(key)}].external_id (each interview once)` });
      } else {
        first.set(key, i);
      }
      const own = interview.external_application_id;
      if (own !== undefined && own !== application) {
        issues.push({ path: `${at}.external_application_id`, rule: 'const', message: `${at}.external_application_id must be the sync's externalApplicationId ${JSON.stringify(application)} (or left out), got ${JSON.stringify(own)}` });
      }
    });
  }
  const found = issues.filter((i): i is ValidationIssue => i !== undefined);
  if (found.length) throw new HireValidationError(found);
}

/** JSON of `value` with object keys sorted and empty arrays left out: two interviews compare equal by it. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return Array.isArray(v) && v.length === 0 ? undefined : v;
    const entries = Object.entries(v).filter(([, x]) => !(Array.isArray(x) && x.length === 0));
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }) ?? 'undefined';
}

/**
 * The fields in which `current` (on Feishu) differs from `desired`, both as update bodies (toUpdateBody: the platform's
 * ids, unknown fields and undefined values left out): assessments compare in order, with their dimensions, and an
 * empty list equals an absent one.
 */
function changedFields(current: ExternalInterview, desired: ExternalInterview): string[] {
  const a: Record<string, unknown> = toUpdateBody(current);
  const b: Record<string, unknown> = toUpdateBody(desired);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((field) => canonical(a[field]) !== canonical(b[field])).sort();
}

/**
 * Makes the interviews of one external application on Feishu match `interviews`, keyed by `external_id`:
 *
 * 1. lists the application's interviews (every page);
 * 2. plans each interview of the list: `create` when Feishu has none with its `external_id`, `update` when a field
 *    differs (a field-by-field comparison: an unchanged interview costs no write), `unchanged` otherwise; with
 *    `deleteMissing`, a `delete` for each interview on Feishu whose `external_id` is not in the list. An interview on
 *    Feishu **without an `external_id` is never deleted** (nothing says which system owns it); of two on Feishu with one
 *    `external_id`, the first listed is matched and the other counts as absent;
 * 3. unless `dryRun`, writes the plan, `concurrency` writes at a time through the client's rate limiters, and goes on
 *    past a failed item: its `status` is `failed`, with its `error` and `logId`. The others are done.
 *
 * An update sends the interview of the list as it is, external_application_id filled in: a full overwrite, so the
 * interview you pass is the whole state (fields and assessments left out are deleted on Feishu).
 *
 * Bad input rejects with HireValidationError naming every bad field (a missing or repeated `external_id` by its index)
 * before any request. `signal` stops the sync: nothing is started after it fires, and the sync rejects with its reason
 * (`onProgress` has reported every item that settled).
 */
export async function syncExternalInterviews(client: HireRequester, options: SyncExternalInterviewsOptions): Promise<SyncResult> {
  checkOptions(options);
  const { externalApplicationId, deleteMissing = false, dryRun = false, concurrency = 5, onProgress, signal } = options;
  const requestOptions: RequestOptions = { signal, timeoutMs: options.timeoutMs };
  const interviews = options.interviews.map((interview) => ({ ...interview, external_application_id: externalApplicationId }) as UpdateExternalInterviewBody & { external_id: string });

  const matched = new Map<string, ExternalInterview>();
  const others: ExternalInterview[] = [];
  let untouched = 0;
  const pageSize = batchQueryExternalInterviewsQuery.page_size.maximum;
  for await (const current of listInterviews(client, { externalApplicationId, pageSize }, requestOptions)) {
    const key = current.external_id;
    if (typeof key !== 'string' || key === '') untouched++;
    else if (matched.has(key)) others.push(current);
    else matched.set(key, current);
  }

  const item = (action: SyncAction, externalId: string, index: number | undefined, current?: ExternalInterview, changed: string[] = []): SyncItem => ({
    action, externalId, index, externalInterviewId: current?.id, changedFields: changed, status: 'planned',
  });
  const items = interviews.map((desired, index) => {
    const current = matched.get(desired.external_id);
    if (!current) return item('create', desired.external_id, index);
    // A listed interview without its application is the application's (it was listed by it).
    const changed = changedFields({ ...current, external_application_id: current.external_application_id ?? externalApplicationId }, desired);
    return item(changed.length ? 'update' : 'unchanged', desired.external_id, index, current, changed);
  });
  const wanted = new Set(interviews.map((interview) => interview.external_id));
  for (const current of [...[...matched.values()].filter((i) => !wanted.has(i.external_id!)), ...others]) {
    if (deleteMissing) items.push(item('delete', current.external_id!, undefined, current));
    else untouched++;
  }

  let done = 0;
  let progressError: { error: unknown } | undefined;
  const settle = (settled: SyncItem) => {
    try {
      onProgress?.(settled, { done: ++done, total: items.length });
    } catch (error) {
      progressError ??= { error };
    }
  };
  /** Writes one item; a failure is the item's, never the sync's. */
  const run = async (todo: SyncItem): Promise<void> => {
    try {
      const body = todo.index === undefined ? undefined : interviews[todo.index]!;
      if (todo.action === 'create') {
        todo.interview = await createInterview(client, body!, requestOptions);
        todo.externalInterviewId = todo.interview.id;
      } else if (todo.action === 'update') {
        todo.interview = await updateInterview(client, todo.externalInterviewId!, body!, requestOptions);
      } else if (todo.action === 'delete') {
        await deleteInterview(client, todo.externalInterviewId!, requestOptions);
      }
      todo.status = 'done';
    } catch (error) {
      Object.assign(todo, { status: 'failed', error, logId: error instanceof HireApiError ? error.logId : undefined });
    }
    settle(todo);
  };

  if (dryRun) {
    items.forEach(settle);
  } else {
    let next = 0;
    const worker = async () => {
      while (next < items.length && !signal?.aborted && !progressError) await run(items[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    if (signal?.aborted) throw signal.reason;
  }
  if (progressError) throw progressError.error;
  const counts: SyncCounts = { create: 0, update: 0, delete: 0, unchanged: 0 };
  for (const { action } of items) counts[action]++;
  return { dryRun, items, counts, failed: items.filter((i) => i.status === 'failed').length, untouched };
}
