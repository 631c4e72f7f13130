// The mock's first store held external interviews only; its methods (`store.get(id)`, `store.list({
// externalApplicationId })`, ...) and the `interviews` option are kept for their callers as thin wrappers over the
// store of that one resource. This file is the one place that names it; new code uses `store.resource(name)`.

/** The resource the first versions' store and `interviews` option hold. */
export const LEGACY_RESOURCE = 'external_interview';

/**
 * The first versions' store methods, each applied to `resourceOf(LEGACY_RESOURCE)` when called (so a spec without
 * that resource fails only when one is used, naming it).
 * @param {(name: string) => any} resourceOf
 */
export function legacyMethods(resourceOf) {
  const records = () => resourceOf(LEGACY_RESOURCE);
  return {
    get: (id) => records().get(id),
    has: (id) => records().has(id),
    list: (filter) => records().list(filter),
    page: (filter, options) => records().page(filter, options),
    create: (body) => records().create(body),
    update: (id, body) => records().update(id, body),
    delete: (id) => records().delete(id),
    set: (record) => records().set(record),
  };
}
