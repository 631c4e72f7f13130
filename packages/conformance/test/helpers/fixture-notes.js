// Test-local handlers of the spec package's fixture resource (external interview notes), for the mock, until the mock's
// generic store serves any resource of the spec by the roles of its operations. Keyed by the operation ids its roles
// give; nothing here is in the conformance package itself.
import { operationsOf, resourceByName, resourcesOf } from '@feishu-hire/spec/model';
import { FIXTURE_RESOURCE } from '../../../spec/test/fixtures/fixture-resource.js';

/**
 * The handlers of the fixture resource of `doc` over `store` (a Map) on the clock `now`: create (a new id; an
 * idempotency key refused within its window), list by parent (paged with an offset token), delete (an unknown id is
 * the invalid-parameter answer, as the mock answers one of its own).
 */
export function notesHandlers(doc, store, now = Date.now) {
  const notes = resourceByName(FIXTURE_RESOURCE, resourcesOf(doc, operationsOf(doc)));
  const { idempotency, parent: { field }, recordKey, idParameter } = notes;
  const taken = new Map();
  let last = 0;
  return {
    [notes.operations.create]: ({ body, reject }) => {
      const key = body[idempotency.key];
      if (key !== undefined && now() - (taken.get(key) ?? -Infinity) < idempotency.windowMs) throw reject('invalid_parameter', `body.${idempotency.key} was already used`);
      if (key !== undefined) taken.set(key, now());
      const note = { ...body, id: String(7100000000000000000n + BigInt((last += 1))) };
      store.set(note.id, note);
      return { [recordKey]: note };
    },
    [notes.operations.list]: ({ query }) => {
      const all = [...store.values()].filter((n) => n[field] === query[field]);
      const from = Number(query.page_token ?? 0);
      const size = query.page_size ?? 10;
      const more = all.length > from + size;
      return { items: all.slice(from, from + size), has_more: more, ...(more ? { page_token: String(from + size) } : {}) };
    },
    [notes.operations.delete]: ({ path, reject }) => {
      if (!store.delete(path[idParameter])) throw reject('invalid_parameter', `${idParameter} not found`);
      return {};
    },
  };
}
