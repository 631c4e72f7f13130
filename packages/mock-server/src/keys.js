// The idempotency keys of one resource (x-feishu-resource.idempotency): a create takes its key for the window, on the
// mock's clock. A key stays taken for its whole window, even after its record is deleted or updated to another key
// (the source states the window, not an exception). Entries are pruned once their window is over, and their number
// is bounded (limits.idempotencyKeys): a create that would need one more is refused, never a key forgotten early.
import { StoreRefusal } from './refusal.js';

/**
 * Creates the key map of `idempotency` (`{ key, windowMs }` of the model). `take(value)` takes a key and returns
 * true, or returns false when a create took it less than `windowMs` ago; it throws a StoreRefusal when `max` keys
 * are within their window.
 * @param {{ key: string, windowMs: number }} idempotency @param {() => number} now @param {number} max
 */
export function createKeys({ key, windowMs }, now, max) {
  /** @type {Map<string, number>} each key and when it was taken, oldest first */
  const taken = new Map();
  /** Forgets the keys whose window is over: the oldest come first, so it stops at the first one still in its window. */
  function prune(t) {
    for (const [value, at] of taken) {
      if (t - at < windowMs) return;
      taken.delete(value);
    }
  }
  return {
    take(value) {
      const t = now();
      prune(t);
      if (t - (taken.get(value) ?? -Infinity) < windowMs) return false;
      if (taken.size >= max) {
        throw new StoreRefusal(`body.${key}: the mock holds ${taken.size} keys taken within their window (limits.idempotencyKeys, --limit idempotencyKeys=N): raise the limit`);
      }
      taken.delete(value); // taken again after its window: it moves to the end (the newest)
      taken.set(value, t);
      return true;
    },
    /** How many keys are within their window (after pruning). */
    size() {
      prune(now());
      return taken.size;
    },
    clear: () => taken.clear(),
  };
}
