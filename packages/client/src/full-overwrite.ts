// The seam between the generated namespaces and the full-overwrite helpers (`patch`: read, change, write back whole;
// `toUpdateBody`): scripts/resources.js wires them into the namespace of every resource whose update overwrites
// (`x-feishu-overwrite: full`) and that can be read by id, keyed by that metadata (the binding below), never by a
// resource's name. The helpers themselves are the ones of external-interviews.ts: a resource whose update they do not
// write through gets methods that reject naming it, until they read everything from the binding.
import type { RequestOptions } from './core.js';
import { fullOverwriteHelpers } from './external-interviews.js';
import type { HireOperation } from './operation.js';
import type { HireRequester } from './resource.js';

/**
 * The fields `patch` sets: any field of the update body. A field given replaces the current one whole (a list too);
 * a field given as `undefined` is removed; a field left out keeps its current value.
 */
// `| undefined` spelled out: under exactOptionalPropertyTypes, Partial<T> alone would refuse the `undefined` that removes.
export type RecordChanges<B> = { [K in keyof B]?: B[K] | undefined };

/** What `patch` did: the record as read, and as stored after the update. */
export interface Patched<R> {
  /** The record as `get` read it, before the update. */
  before: R;
  /** The record as the update stored it. */
  after: R;
}

/** What the wiring knows of a resource whose update overwrites (generated). */
export interface FullOverwriteBinding {
  readonly resource: string;
  /** The update that overwrites. */
  readonly update: HireOperation;
}

/** The full-overwrite methods of a namespace. */
export interface FullOverwriteMethods<R, B> {
  /**
   * Reads the record, sets `changes` on it and writes it back complete (the update is a full overwrite); resolves to
   * `{ before, after }`. A field in `changes` replaces the current one whole; a field given as `undefined` is removed.
   *
   * **Last writer wins:** the platform has no version or ETag, so a change written by someone else between this read
   * and this write is overwritten without notice.
   */
  patch(id: string, changes: RecordChanges<B>, options?: RequestOptions): Promise<Patched<R>>;
  /** The update body that writes `record` (as read) back unchanged: `update(id, toUpdateBody(await get(id)))`. */
  toUpdateBody(record: R): B;
}

/** `patch` and `toUpdateBody` of the resource of `b`, bound to `client`. */
export function fullOverwriteMethods<R, B>(client: HireRequester, b: FullOverwriteBinding): FullOverwriteMethods<R, B> {
  const helpers = fullOverwriteHelpers.operation === b.update ? fullOverwriteHelpers : undefined;
  const missing = () => new TypeError(`${b.resource}: the full-overwrite helpers (patch, toUpdateBody) do not write through ${b.update.operationId} yet`);
  return {
    patch: (id, changes, options) => (helpers ? helpers.patch(client, id, changes as never, options) : Promise.reject(missing())) as Promise<Patched<R>>,
    toUpdateBody: (record) => {
      if (!helpers) throw missing();
      return helpers.toUpdateBody(record as never) as B;
    },
  };
}
