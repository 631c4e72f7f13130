// syncExternalInterviews: makes Feishu match a list of interviews exported from another system, for one external
// application, keyed by `external_id`. Beyond the official SDK: it lists, plans and writes through the same functions
// as client.externalInterviews (so through the one core: its rate limiters, retries and deadlines).
import { batchQueryExternalInterviewsQuery } from '../generated/parameters.js';
import type { ExternalInterview, UpdateExternalInterviewBody } from './client.js';
import { isRateLimit, outcomeUnknown, type RequestOptions } from './core.js';
import { HireApiError, HireConnectionError, HireTimeoutError, HireValidationError, type ValidationIssue } from './errors.js';
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
  /** Why the item failed (HireApiError, HireValidationError with `validate`, HireConnectionError, ...). */
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
  /**
   * How many times the sync tries each item, and each page of its listing, that fails for a reason that may pass (a
   * lost connection, a timeout, a 5xx, a rate limit), on top of the client's own retries (default 8). Before an item
   * is written again the application is listed again, so a write whose answer was lost is never repeated: the
   * listing shows it done.
   */
  maxRounds?: number;
}

const DEFAULT_ROUNDS = 8;

/** The issue of an option that is set but not of `type`. */
function typeIssue(name: string, value: unknown, type: string): ValidationIssue | undefined {
  return value === undefined || typeof value === type ? undefined : { path: name, rule: 'type', message: `${name} must be a ${type}, got ${typeof value}` };
}

/** The issue of an option that is set but not a positive integer. */
function positiveIntegerIssue(name: string, value: unknown): ValidationIssue | undefined {
  return value === undefined || (Number.isInteger(value) && (value as number) >= 1) ? undefined : { path: name, rule: 'minimum', message: `${name} must be a positive integer, got ${String(value)}` };
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
    positiveIntegerIssue('concurrency', concurrency),
    positiveIntegerIssue('maxRounds', options.maxRounds),
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
 * The fields in which `current` (as stored) differs from `body` (what the sync sends): `current` as an update body
 * (toUpdateBody: what the platform assigns left out, everything else kept), compared field by field at every level,
 * fields unknown to this client included. Lists compare in order; an empty list equals an absent one, and an
 * undefined field an absent one.
 */
function changedFields(current: ExternalInterview, body: UpdateExternalInterviewBody): string[] {
  const a: Record<string, unknown> = toUpdateBody(current);
  const b: Record<string, unknown> = body;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((field) => canonical(a[field]) !== canonical(b[field])).sort();
}

/** An interview of the list as the sync sends it: the sync's application, no field the platform assigns. */
type SyncBody = UpdateExternalInterviewBody & { external_id: string };

/** The application's interviews as listed: matched by `external_id`, and by id. */
interface Stored {
  byKey: Map<string, ExternalInterview>;
  byId: Map<string, ExternalInterview>;
  /** Interviews without an `external_id`, and the second and later of one `external_id`. */
  unkeyed: number;
  duplicates: ExternalInterview[];
}

/** What one sync works with. */
interface SyncRun {
  client: HireRequester;
  app: string;
  bodies: SyncBody[];
  requestOptions: RequestOptions;
  rounds: number;
}

/** Whether another try of a request that failed with `error` may pass: a rate limit, or an outcome unknown (not the call's own deadline). */
function mayPass(error: unknown): boolean {
  if (error instanceof HireTimeoutError) return error.scope === 'attempt';
  return (error instanceof HireApiError && isRateLimit(error)) || outcomeUnknown(error);
}

/** Calls `call` until it succeeds, fails for good, or failed `rounds` times. */
async function persist<T>(rounds: number, call: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await call();
    } catch (error) {
      if (round >= rounds || !mayPass(error)) throw error;
    }
  }
}

/** Every interview of the application (every page; a page that fails for a reason that may pass is read again). */
async function listStored(run: SyncRun): Promise<Stored> {
  const { client, rounds } = run;
  const persistent: HireRequester = { request: (operation, input, options) => persist(rounds, () => client.request(operation, input, options)) };
  const stored: Stored = { byKey: new Map(), byId: new Map(), unkeyed: 0, duplicates: [] };
  const pageSize = batchQueryExternalInterviewsQuery.page_size.maximum;
  for await (const current of listInterviews(persistent, { externalApplicationId: run.app, pageSize }, run.requestOptions)) {
    const key = current.external_id;
    if (current.id !== undefined) stored.byId.set(current.id, current);
    if (typeof key !== 'string' || key === '') stored.unkeyed++;
    else if (stored.byKey.has(key)) stored.duplicates.push(current);
    else stored.byKey.set(key, current);
  }
  return stored;
}

/** The item of the list's interview `index` against what is stored: create, update or unchanged. */
function planned(run: SyncRun, stored: Stored, index: number): SyncItem {
  const body = run.bodies[index]!;
  const current = stored.byKey.get(body.external_id);
  // A listed interview without its application is the application's (it was listed by it).
  const changed = current ? changedFields({ ...current, external_application_id: current.external_application_id ?? run.app }, body) : [];
  const action: SyncAction = !current ? 'create' : changed.length ? 'update' : 'unchanged';
  return { action, externalId: body.external_id, index, externalInterviewId: current?.id, changedFields: changed, status: 'planned' };
}

/** Writes one item; a failure is the item's, never the sync's. */
async function write(run: SyncRun, todo: SyncItem): Promise<void> {
  const { client, requestOptions } = run;
  try {
    const body = todo.index === undefined ? undefined : run.bodies[todo.index]!;
    if (todo.action === 'create') {
      todo.interview = await createInterview(client, body!, requestOptions);
      todo.externalInterviewId = todo.interview.id;
    } else if (todo.action === 'update') {
      todo.interview = await updateInterview(client, todo.externalInterviewId!, body!, requestOptions);
    } else if (todo.action === 'delete') {
      await deleteInterview(client, todo.externalInterviewId!, requestOptions);
    }
    Object.assign(todo, { status: 'done', error: undefined, logId: undefined });
  } catch (error) {
    Object.assign(todo, { status: 'failed', error, logId: error instanceof HireApiError ? error.logId : undefined });
  }
}

/**
 * A failed item checked against a new listing: true when it must be written again. An item the listing shows done
 * (a create or update whose answer was lost, a delete repeated after its answer was lost) is done; one whose failure
 * may pass is planned again (its action from the listing); any other stays failed.
 */
function reconcile(run: SyncRun, stored: Stored, item: SyncItem): boolean {
  const again = item.index === undefined ? undefined : planned(run, stored, item.index);
  const current = item.index === undefined ? stored.byId.get(item.externalInterviewId!) : stored.byKey.get(item.externalId);
  if (item.index === undefined ? !current : again!.action === 'unchanged') {
    Object.assign(item, { status: 'done', error: undefined, logId: undefined, interview: current, externalInterviewId: current?.id ?? item.externalInterviewId });
    return false;
  }
  if (!mayPass(item.error)) return false;
  if (again) Object.assign(item, { action: again.action, externalInterviewId: again.externalInterviewId, changedFields: again.changedFields });
  item.status = 'planned';
  return true;
}

/** Whether a failed item is checked against a new listing: the request reached the server, or may have. */
const reachedServer = (error: unknown): boolean => error instanceof HireApiError || error instanceof HireConnectionError || error instanceof HireTimeoutError;

/**
 * Makes the interviews of one external application on Feishu match `interviews`, keyed by `external_id`:
 *
 * 1. lists the application's interviews (every page);
 * 2. plans each interview of the list: `create` when Feishu has none with its `external_id`, `update` when any field
 *    differs, at any level (what the sync would send compared with what is stored, fields unknown to this client
 *    included: an unchanged interview costs no write), `unchanged` otherwise; with `deleteMissing`, a `delete` for
 *    each interview on Feishu whose `external_id` is not in the list. An interview on Feishu **without an
 *    `external_id` is never deleted** (nothing says which system owns it); of two on Feishu with one `external_id`,
 *    the first listed is matched and the other counts as absent;
 * 3. unless `dryRun`, writes the plan, `concurrency` writes at a time through the client's rate limiters, and goes on
 *    past a failed item: its `status` is `failed`, with its `error` and `logId`. The others are done;
 * 4. lists the application again while items failed after reaching the server (up to `maxRounds` rounds): an item the
 *    listing shows done is done (a create whose answer was lost is not created twice); one whose failure may pass (a
 *    lost connection, a timeout, a 5xx, a rate limit) is written again.
 *
 * An update sends the interview of the list, external_application_id filled in and what the platform assigns (the
 * spec's readOnly fields) left out: a full overwrite, so the interview you pass is the whole state (fields and
 * assessments left out are deleted on Feishu).
 *
 * Bad input rejects with HireValidationError naming every bad field (a missing or repeated `external_id` by its index)
 * before any request. `signal` stops the sync: nothing is started after it fires, and the sync rejects with its reason
 * (`onProgress` has reported every item that settled).
 */
export async function syncExternalInterviews(client: HireRequester, options: SyncExternalInterviewsOptions): Promise<SyncResult> {
  checkOptions(options);
  const { externalApplicationId: app, deleteMissing = false, dryRun = false, concurrency = 5, onProgress, signal } = options;
  const bodies = options.interviews.map((interview) => toUpdateBody({ ...interview, external_application_id: app } as ExternalInterview) as SyncBody);
  const run: SyncRun = { client, app, bodies, requestOptions: { signal, timeoutMs: options.timeoutMs }, rounds: options.maxRounds ?? DEFAULT_ROUNDS };

  const stored = await listStored(run);
  const items = bodies.map((_, index) => planned(run, stored, index));
  const wanted = new Set(bodies.map((body) => body.external_id));
  const absent = [...[...stored.byKey.values()].filter((i) => !wanted.has(i.external_id!)), ...stored.duplicates];
  if (deleteMissing) for (const current of absent) items.push({ action: 'delete', externalId: current.external_id!, index: undefined, externalInterviewId: current.id, changedFields: [], status: 'planned' });
  const untouched = stored.unkeyed + (deleteMissing ? 0 : absent.length);

  const progress = progressOf(items.length, onProgress);
  if (dryRun) items.forEach(progress.settle);
  else await writeInRounds(run, items, concurrency, progress, signal);
  if (progress.error) throw progress.error.error;
  const counts: SyncCounts = { create: 0, update: 0, delete: 0, unchanged: 0 };
  for (const { action } of items) counts[action]++;
  return { dryRun, items, counts, failed: items.filter((i) => i.status === 'failed').length, untouched };
}

/** Reports settled items to `onProgress`, keeping the first error it throws. */
function progressOf(total: number, onProgress: SyncExternalInterviewsOptions['onProgress']) {
  let done = 0;
  const progress = {
    error: undefined as { error: unknown } | undefined,
    settle(item: SyncItem) {
      try {
        onProgress?.(item, { done: ++done, total });
      } catch (error) {
        progress.error ??= { error };
      }
    },
  };
  return progress;
}

/**
 * Writes `items`, then lists again and writes again the failed ones that need it, for at most `run.rounds` rounds.
 * Each item is reported once, when it is settled for good.
 */
async function writeInRounds(run: SyncRun, items: SyncItem[], concurrency: number, progress: ReturnType<typeof progressOf>, signal: AbortSignal | undefined): Promise<void> {
  const stopped = () => signal?.aborted || progress.error !== undefined;
  let pending = items;
  for (let round = 1; pending.length && !stopped(); round++) {
    const last = round >= run.rounds;
    const settle = (item: SyncItem) => (last || item.status === 'done' || !reachedServer(item.error) ? progress.settle(item) : undefined);
    let next = 0;
    const worker = async () => {
      while (next < pending.length && !stopped()) {
        const item = pending[next++]!;
        await write(run, item);
        settle(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));
    const unsettled = last ? [] : pending.filter((item) => item.status === 'failed' && reachedServer(item.error));
    if (!unsettled.length || stopped()) break;
    const stored = await listStored(run).catch(() => undefined);
    if (!stored) {
      unsettled.forEach(progress.settle);
      break;
    }
    pending = unsettled.filter((item) => {
      const writeAgain = reconcile(run, stored, item);
      if (!writeAgain) progress.settle(item);
      return writeAgain;
    });
  }
  if (signal?.aborted) throw signal.reason;
}
