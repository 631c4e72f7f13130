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

/**
 * The first versions' default interview, `[{ id, ...body }]`: the update page's verbatim request example (`source`)
 * under the id of the update's path-parameter example. The mock's default seed is now the records the spec's
 * examples show (DEFAULT_SEED); this stays for callers that use it as an example interview.
 * @param {readonly any[]} operations
 */
export function legacyDefaultInterviews(operations) {
  const update = operations.find((op) => op.resource?.name === LEGACY_RESOURCE && op.resource.role === 'update');
  const body = update?.requestBody?.examples.source;
  const id = update?.parameters.path[0]?.example;
  return body && id ? [{ id, ...structuredClone(body) }] : [];
}
