// The in-memory interview store behind every operation: create (with the external_id idempotency rule), queries in
// creation order, full-overwrite updates, deletes; snowflake-like ids, copies in and out.

/** How long a create's `external_id` stays taken (同一 external_id 24小时内仅可创建一次). */
export const EXTERNAL_ID_WINDOW_MS = 24 * 60 * 60 * 1000;

let lastId = 0n;

/** Returns a new unique 19-digit decimal id, increasing like Feishu's snowflake ids. */
export function newId() {
  const candidate = BigInt(Date.now()) << 22n;
  lastId = candidate > lastId ? candidate : lastId + 1n;
  return String(lastId);
}

/** Copies a stored interview so that callers never share objects with the store. */
const copy = (value) => structuredClone(value);

/** Gives every assessment of a seeded interview an id and its interview's id (keeping the ones it has). */
function withAssessmentIds(interview) {
  const result = copy(interview);
  if (Array.isArray(result.interview_assessments)) {
    result.interview_assessments = result.interview_assessments.map((a) => ({ id: newId(), external_interview_id: result.id, ...a }));
  }
  return result;
}

/**
 * The interview `id` as a validated create or update body makes it: the body's fields (`external_id` included when
 * sent, nothing else kept), each assessment with a new `id` and `external_interview_id` = `id`.
 */
function fromBody(id, body) {
  const { interview_assessments: assessments = [], ...fields } = copy(body);
  return { ...fields, id, interview_assessments: assessments.map((a) => ({ ...a, id: newId(), external_interview_id: id })) };
}

/**
 * The interviews of `all` matching `{ externalApplicationId?, ids? }` (every condition given), in their order.
 * @param {any[]} all @param {{ externalApplicationId?: string, ids?: readonly string[] }} [filter]
 */
function matching(all, { externalApplicationId, ids } = {}) {
  const wanted = ids === undefined ? undefined : new Set(ids);
  return all.filter((i) => (externalApplicationId === undefined || i.external_application_id === externalApplicationId) && (wanted?.has(i.id) ?? true));
}

/** At most `size` (>= 1) of `list` after position `cursor` of `positionOf`, and the position ending the page when more follow. */
function pageOf(list, positionOf, cursor, size) {
  if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`page size must be a positive integer (got ${size})`);
  const after = list.filter((i) => positionOf(i) > cursor);
  const items = after.slice(0, size);
  return { items: items.map(copy), next: after.length > size ? positionOf(items[items.length - 1]) : undefined };
}

/** The external_ids taken by creates, each for 24 hours from its create on the clock `now`. */
function createExternalIds(now) {
  /** @type {Map<string, number>} when each external_id was last taken */
  const taken = new Map();
  return {
    /** Takes `key` and returns true, or returns false when a create took it less than 24 hours ago. */
    take(key) {
      if (now() - (taken.get(key) ?? -Infinity) < EXTERNAL_ID_WINDOW_MS) return false;
      taken.set(key, now());
      return true;
    },
    clear: () => taken.clear(),
  };
}

/**
 * Creates the store, seeded with `seed` (already validated).
 * `validate(interview, root)` returns null or a "field rule" message; `set()` uses it. `now()` is the mock's clock
 * (the 24 hours of `external_id`).
 * @param {readonly object[]} seed
 * @param {(value: unknown, root: string) => string | null} validate
 * @param {() => number} [now]
 */
export function createStore(seed, validate, now = Date.now) {
  /** @type {Map<string, any>} the interviews by id, in creation order (a Map keeps insertion order) */
  const interviews = new Map();
  /** @type {Map<string, number>} the creation sequence number of each interview: the cursor of a page */
  const sequence = new Map();
  const externalIds = createExternalIds(now); // seeds take none
  let created = 0;
  const put = (interview) => {
    if (!sequence.has(interview.id)) sequence.set(interview.id, ++created);
    interviews.set(interview.id, interview);
    return copy(interview);
  };
  const load = () => {
    interviews.clear();
    sequence.clear();
    externalIds.clear();
    for (const interview of seed) put(withAssessmentIds(interview));
  };
  load();
  const inOrder = (filter) => matching([...interviews.values()], filter);

  return {
    /** Returns a copy of the interview `id`, or undefined. */
    get: (id) => (interviews.has(id) ? copy(interviews.get(id)) : undefined),
    /** Returns whether the interview `id` exists. */
    has: (id) => interviews.has(id),
    /** Returns copies of the interviews matching `{ externalApplicationId?, ids? }` (default: all), in creation order. */
    list: (filter) => inOrder(filter).map(copy),
    /**
     * One page of the interviews matching `filter`, in creation order: at most `size` of them after the `cursor` of
     * a previous page (0: from the start). `next` is the cursor of the page that follows, or undefined on the last.
     * A cursor is a position in creation order, so interviews deleted or created meanwhile shift no page.
     */
    page: (filter, { cursor = 0, size }) => pageOf(inOrder(filter), (i) => sequence.get(i.id), cursor, size),
    /** Inserts or replaces one interview as is (assessments without an id get one); throws on an invalid one. */
    set(interview) {
      const problem = validate(interview, 'interview');
      if (problem) throw new TypeError(`Invalid interview: ${problem}`);
      return put(withAssessmentIds(interview));
    },
    /** Deletes the interview `id` (its assessments with it); returns whether it existed. */
    delete: (id) => sequence.delete(id) && interviews.delete(id),
    /** Restores the seed state (and forgets every external_id used by a create). */
    reset: load,
    /**
     * Creates an interview from a validated create body: a new id, its assessments with new ids. Returns a copy, or
     * undefined when `body.external_id` was used by a create less than 24 hours ago (then nothing is stored).
     * Synchronous, so a create is atomic and two concurrent creates of one external_id cannot both succeed.
     */
    create(body) {
      if (body.external_id !== undefined && !externalIds.take(body.external_id)) return undefined;
      return put(fromBody(newId(), body));
    },
    /**
     * Full overwrite (全量覆盖更新): the validated request body becomes the whole new interview, every
     * assessment gets a new id, anything left out is gone. Returns a copy of the new state, or undefined
     * when there is no interview `id`. Synchronous, so concurrent requests can never interleave.
     */
    update(id, body) {
      if (!interviews.has(id)) return undefined;
      return put(fromBody(id, body));
    },
  };
}
