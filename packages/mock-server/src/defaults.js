// Defaults of the mock: app credentials and the store's limits. No dependencies, so the CLI can print them fast.

/** The app credentials the mock accepts when none are configured. */
export const DEFAULT_APPS = Object.freeze([Object.freeze({ appId: 'cli_mock_app', appSecret: 'mock_app_secret' })]);

/**
 * The store's limits, so that its memory is bounded (no source states one for the platform: each is the mock's own,
 * and a bound the spec states, a `maxItems`, is enforced by the validation before them):
 * - `records`: records of each resource;
 * - `listItems`: items of any list of one record (e.g. an interview's assessments);
 * - `idList`: ids of one list query's id list (the spec's `maxItems` of that list instead, when it states one);
 * - `idempotencyKeys`: idempotency keys of each resource within their window (a create needing one more is refused).
 */
export const DEFAULT_LIMITS = Object.freeze({ records: 100_000, listItems: 1_000, idList: 1_000, idempotencyKeys: 1_000_000 });
