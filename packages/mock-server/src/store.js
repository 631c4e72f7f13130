// The in-memory interview store: full-overwrite updates, snowflake-like ids, copies in and out.

let lastId = 0n;

/** Returns a new unique 19-digit decimal id, increasing like Feishu's snowflake ids. */
export function newId() {
  const candidate = BigInt(Date.now()) << 22n;
  lastId = candidate > lastId ? candidate : lastId + 1n;
  return String(lastId);
}

/** Copies a stored interview so that callers never share objects with the store. */
const copy = (value) => structuredClone(value);

/** Gives every assessment of a seeded interview an id (keeping the ones it has). */
function withAssessmentIds(interview) {
  const result = copy(interview);
  if (Array.isArray(result.interview_assessments)) {
    result.interview_assessments = result.interview_assessments.map((a) => ({ id: newId(), ...a }));
  }
  return result;
}

/**
 * Creates the store, seeded with `seed` (already validated).
 * `validate(interview, root)` returns null or a "field rule" message; `set()` uses it.
 * @param {readonly object[]} seed
 * @param {(value: unknown, root: string) => string | null} validate
 */
export function createStore(seed, validate) {
  /** @type {Map<string, any>} */
  const interviews = new Map();
  const load = () => {
    interviews.clear();
    for (const interview of seed) interviews.set(interview.id, withAssessmentIds(interview));
  };
  load();

  return {
    /** Returns a copy of the interview `id`, or undefined. */
    get: (id) => (interviews.has(id) ? copy(interviews.get(id)) : undefined),
    /** Returns whether the interview `id` exists. */
    has: (id) => interviews.has(id),
    /** Returns copies of every stored interview, in insertion order. */
    list: () => [...interviews.values()].map(copy),
    /** Inserts or replaces one interview as is (assessments without an id get one); throws on an invalid one. */
    set(interview) {
      const problem = validate(interview, 'interview');
      if (problem) throw new TypeError(`Invalid interview: ${problem}`);
      interviews.set(interview.id, withAssessmentIds(interview));
      return copy(interviews.get(interview.id));
    },
    /** Deletes the interview `id`; returns whether it existed. */
    delete: (id) => interviews.delete(id),
    /** Restores the seed state. */
    reset: load,
    /**
     * Full overwrite (全量覆盖更新): the validated request body becomes the whole new interview, every
     * assessment gets a new id, anything left out is gone. Returns a copy of the new state, or undefined
     * when there is no interview `id`. Synchronous, so concurrent requests can never interleave.
     */
    update(id, body) {
      if (!interviews.has(id)) return undefined;
      const { interview_assessments: assessments = [], ...fields } = copy(body);
      const next = { ...fields, id, interview_assessments: assessments.map((a) => ({ ...a, id: newId() })) };
      interviews.set(id, next);
      return copy(next);
    },
  };
}
