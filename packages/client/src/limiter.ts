/** Releases a slot taken by `acquire`: call it exactly once, when the response has arrived or the call failed. */
export type Release = () => void;

/**
 * Returns `acquire(signal)`, which resolves to a `release` once the call may start: at most `perWindow` calls hold
 * a slot, and a slot is reusable `windowMs` after its release.
 */
export function createLimiter(perWindow: number, windowMs = 1000): (signal: AbortSignal) => Promise<Release> {
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
      else free++;
      if (!waiting.length) keepAlive(false);
    }, windowMs);
    cooling.add(timer);
    keepAlive(waiting.length > 0);
  };
  return (signal) => {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (free > 0) {
      free--;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(release);
      };
      const onAbort = (): void => {
        waiting.splice(waiting.indexOf(grant), 1);
        if (!waiting.length) keepAlive(false);
        reject(signal.reason);
      };
      waiting.push(grant);
      keepAlive(true);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  };
}
