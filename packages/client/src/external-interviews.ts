// The external-interview resource under the names it had before its methods were generated: `toUpdateBody(interview)`,
// the types of its full-overwrite helpers and `syncExternalInterviews`. Its methods are generic (src/resource.ts,
// src/full-overwrite.ts, src/sync.ts) and generated per resource (generated/resources.ts), re-exported here for the
// code that imports them from this module.
import { syncInterviews, type ExternalInterview, type ExternalInterviewSyncRecord, type ExternalInterviewsNamespace, type UpdateExternalInterviewBody } from '../generated/resources.js';
import { updateExternalInterviewWriteBack } from '../generated/write-back.js';
import { HireValidationError } from './errors.js';
import type { Patched, RecordChanges, RecordUpdater } from './full-overwrite.js';
import type { HireRequester } from './resource.js';
import type { ResourceSyncAction, ResourceSyncItem, ResourceSyncOptions, SyncStatus } from './sync.js';
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

/** An interview of `syncExternalInterviews`: its complete state, keyed by `external_id`. */
export type SyncExternalInterview = ExternalInterviewSyncRecord;

/** What `syncExternalInterviews` does with one interview (an interview has an update: never a conflict). */
export type SyncAction = Exclude<ResourceSyncAction, 'conflict'>;

/** One interview of `syncExternalInterviews`, under the names it had (`client.externalInterviews.sync` names them `key`, `id`, `record`). */
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

/** What `syncExternalInterviews` planned (dry run) or did. */
export interface SyncResult {
  dryRun: boolean;
  /** Every item: the interviews of the list in their order, then the deletes. */
  items: SyncItem[];
  counts: SyncCounts;
  /** Items that failed (0 on a dry run). */
  failed: number;
  /** Interviews of the application on Feishu the sync leaves alone (without `external_id`; without `deleteMissing`, those absent from the list). */
  untouched: number;
}

/** The input of `syncExternalInterviews`: the options of `client.externalInterviews.sync`, with its two arguments. */
export interface SyncExternalInterviewsOptions extends Omit<ResourceSyncOptions<ExternalInterview>, 'onProgress'> {
  /** The external application (外部投递 ID) whose interviews are synced. */
  externalApplicationId: string;
  /** Every interview the application must have, each with a unique `external_id`. */
  interviews: readonly SyncExternalInterview[];
  /** Called as each item settles (see `ResourceSyncOptions.onProgress`). */
  onProgress?: ((item: SyncItem, progress: { done: number; total: number }) => void) | undefined;
}

/** The item under the names of `syncExternalInterviews`. */
function legacyItem({ key, id, record, ...item }: ResourceSyncItem<ExternalInterview>): SyncItem {
  return { ...item, action: item.action as SyncAction, externalId: key, externalInterviewId: id, interview: record };
}

/**
 * Makes the interviews of one external application on Feishu match `interviews`, keyed by `external_id`: the sync of
 * `syncInterviews(client, externalApplicationId, interviews, options)` (see it), under the names of its first
 * versions. Bad input rejects with HireValidationError naming every bad field, before any request.
 * @deprecated Use `syncInterviews(client, externalApplicationId, interviews, options)`.
 */
export async function syncExternalInterviews(client: HireRequester, options: SyncExternalInterviewsOptions): Promise<SyncResult> {
  if (!options || typeof options !== 'object') {
    throw new HireValidationError([{ path: 'options', rule: 'type', message: 'options must be an object with externalApplicationId and interviews' }]);
  }
  const { externalApplicationId, interviews, onProgress, ...rest } = options;
  // One legacy item per item, so that onProgress and the result hand out the same objects.
  const seen = new Map<ResourceSyncItem<ExternalInterview>, SyncItem>();
  const legacy = (item: ResourceSyncItem<ExternalInterview>) => seen.get(item) ?? seen.set(item, legacyItem(item)).get(item)!;
  const progress = typeof onProgress === 'function' ? (item: ResourceSyncItem<ExternalInterview>, at: { done: number; total: number }) => onProgress(legacy(item), at) : onProgress;
  const { items, counts: { conflict: _never, ...counts }, ...result } = await syncInterviews(client, externalApplicationId, interviews, { ...rest, onProgress: progress });
  return { ...result, items: items.map(legacy), counts };
}
