// Rate limiting: fixed windows counted per operation and app, as Feishu counts them. rateLimitKey() is the one
// place that decides what a window is counted for.

/**
 * The key a request is counted under: one window per operation and app, so all tokens of an app share an
 * operation's quota. A token of no app (a static token configured without `appId`) counts as its own app; a request
 * without a token (an operation without security) counts per operation.
 * @param {{ operationId: string }} operation @param {string | undefined} token @param {string | undefined} appId
 */
export function rateLimitKey(operation, token, appId) {
  const who = appId !== undefined ? `app ${appId}` : token !== undefined ? `token ${token}` : 'anonymous';
  return `${operation.operationId} ${who}`;
}

/**
 * The limit of an operation as `{ requests, windowMs }`, or null when it has none: the spec's
 * (`x-feishu-rate-limit`, no limit when `perSecond` is undefined), or `override` requests per second for every
 * rate-limited operation (the rateLimitPerSecond option; 0 turns every limit off).
 * @param {import('@feishu-hire/spec/operations').Operation} operation @param {number | undefined} override
 */
export function limitOf(operation, override) {
  const { perSecond, requests } = operation.rateLimit;
  if (perSecond === undefined || override === 0 || requests === undefined) return null;
  if (override !== undefined) return { requests: override, windowMs: 1000 };
  // A window of `per` (a second, a minute, an hour): rounded, since requests / perSecond is not exact in floating point.
  return { requests, windowMs: Math.round((requests / perSecond) * 1000) };
}

/**
 * Creates the window counters. `count(key, limit)` counts one request and returns null, or, over the limit, the
 * whole seconds until its window ends (at least 1). `sweep(t)` drops ended windows.
 * @param {() => number} now
 */
export function createRateLimiter(now) {
  /** key -> { start, count, windowMs } of its current window */
  const windows = new Map();
  return {
    /** @param {string} key @param {{ requests: number, windowMs: number }} limit */
    count(key, { requests, windowMs }) {
      const t = now();
      let window = windows.get(key);
      if (!window || t - window.start >= windowMs) windows.set(key, (window = { start: t, count: 0, windowMs }));
      window.count += 1;
      return window.count > requests ? Math.max(1, Math.ceil((window.start + windowMs - t) / 1000)) : null;
    },
    /** @param {number} t */
    sweep(t) {
      for (const [key, window] of windows) if (t - window.start >= window.windowMs) windows.delete(key);
    },
  };
}
