/**
 * A rate limiter the client's calls go through (the `limiter` option). Any engine fits behind it: the default keeps
 * its counts in this process; `@feishu-hire/client/bottleneck` shares them through Redis between processes and hosts.
 */
export interface HireRateLimiter {
  /**
   * Runs `fn` once the quota of `key` allows: no more than `perSecond` calls of one key may reach the server in any
   * second (the gateway counts arrivals, so a slot is best reused one second after the *response* of its previous
   * call). Resolves or rejects like `fn`. If `signal` aborts before `fn` started, rejects with its reason and `fn`
   * never runs.
   * @param key The quota's name, `<baseUrl> <app> <operationId>`: calls with the same key share one quota.
   * @param perSecond Requests per second of this key (may be fractional: 0.5 is one call per 2 s).
   */
  schedule<T>(key: string, perSecond: number, fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** Releases a slot taken by `acquire`: call it exactly once, when the response has arrived or the call failed. */
export type Release = () => void;

/**
 * Returns `acquire(signal)`, which resolves to a `release` once the call may start: at most `perWindow` calls hold
 * a slot, and a slot is reusable `windowMs` after its release. `onIdle` runs when every slot is free again.
 */
export function createLimiter(perWindow: number, windowMs = 1000, onIdle?: () => void): (signal?: AbortSignal) => Promise<Release> {
  // Why release-based and not start-based: a request reaches the server some time after it starts and before its
  // response comes back. Spacing a start `windowMs` after the previous response of its slot keeps any `windowMs` of
  // server arrivals to `perWindow`, whatever the network jitter; spacing starts alone lets a slow first request and
  // a fast later one land in the same server window, and a fixed-window server answers 429.
  let free = perWindow;
  const waiting: Array<() => void> = [];
  // Cooling slots keep a Node process alive only while a call waits for one (Timeout.ref/unref; no-ops elsewhere).
  const cooling = new Set<ReturnType<typeof setTimeout>>();
  const keepAlive = (on: boolean): void => {
    for (const timer of cooling) (timer as { ref?: () => void; unref?: () => void })[on ? 'ref' : 'unref']?.();
  };

  const release = (): void => {
    const timer = setTimeout(() => {
      cooling.delete(timer);
      if (waiting.length) waiting.shift()!();
      else if (++free === perWindow) onIdle?.();
      if (!waiting.length) keepAlive(false);
    }, windowMs);
    cooling.add(timer);
    keepAlive(waiting.length > 0);
  };
  return (signal) => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (free > 0) {
      free--;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      const onAbort = (): void => {
        waiting.splice(waiting.indexOf(grant), 1);
        if (!waiting.length) keepAlive(false);
        reject(signal!.reason);
      };
      waiting.push(grant);
      keepAlive(true);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
}

/**
 * A limiter that counts in this process: one release-based limiter (see createLimiter) per key and rate, holding at
 * most `ceil(perSecond)` calls at once. Every client uses one shared instance unless given its own `limiter`.
 */
export function createMemoryRateLimiter(): HireRateLimiter {
  const limiters = new Map<string, (signal?: AbortSignal) => Promise<Release>>();
  return {
    schedule(key, perSecond, fn, signal) {
      // Why the rate is part of the id: clients given different `rateLimit`s keep the rate each asked for.
      const id = `${perSecond} ${key}`;
      let acquire = limiters.get(id);
      if (!acquire) {
        const slots = Math.ceil(perSecond);
        // Why idle limiters are dropped: keys of short-lived clients (one per token function) would pile up.
        limiters.set(id, (acquire = createLimiter(slots, (1000 * slots) / perSecond, () => limiters.delete(id))));
      }
      return acquire(signal).then((release) => fn().finally(release));
    },
  };
}

// Why on globalThis: a process that loads both the ESM and the CommonJS build of the client still has one limiter.
const SHARED = Symbol.for('@feishu-hire/client.limiter');

/** The limiter every client of this process shares by default. */
export function sharedRateLimiter(): HireRateLimiter {
  const global = globalThis as { [SHARED]?: HireRateLimiter };
  return (global[SHARED] ??= createMemoryRateLimiter());
}
