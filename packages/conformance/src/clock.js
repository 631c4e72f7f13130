// Time as the runner sees it: the real clock, or a virtual one for a server the run controls (the embedded mock), on
// which waiting (pacing, a rate-limit window, a token's lifetime) takes no real time.
import { setTimeout as sleep } from 'node:timers/promises';

/** The real clock: `now()` is Date.now(), `sleep(ms)` waits. */
export const REAL_CLOCK = Object.freeze({ virtual: false, now: () => Date.now(), sleep: (ms) => sleep(ms) });

/**
 * A virtual clock starting at `start` (ms): `now()` stands still until `sleep(ms)` or `advance(ms)` moves it on at
 * once. Give its `now` to a server (the mock's `now` option) and the run's waits cost no real time.
 */
export function createVirtualClock(start = Date.now()) {
  let offset = 0;
  const advance = (ms) => {
    offset += Math.max(0, ms);
  };
  return { virtual: true, now: () => start + offset, sleep: async (ms) => advance(ms), advance };
}

/** The share of an operation's documented rate limit it is paced at: a margin for clocks and windows that differ. */
export const PACE_SHARE = 0.8;

/**
 * The requests per second an operation is paced at: `rate` (the run's most per operation), and under its own documented
 * limit (`x-feishu-rate-limit`) at PACE_SHARE of it; 0: unpaced.
 */
export function paceOf(operation, rate) {
  if (rate === 0) return 0;
  const limit = operation.rateLimit.perSecond;
  return limit === undefined ? rate : Math.min(rate, limit * PACE_SHARE);
}

/**
 * A function that waits on `clock` until the next request may go, `perSecond` requests per second (0: never waits).
 * Each caller reserves its slot before it waits, so concurrent callers share the pace.
 */
export function createPacer(perSecond, clock = REAL_CLOCK) {
  const gap = perSecond > 0 ? 1000 / perSecond : 0;
  let next = -Infinity;
  return async () => {
    if (gap === 0) return;
    const slot = Math.max(clock.now(), next);
    next = slot + gap;
    const wait = slot - clock.now();
    if (wait > 0) await clock.sleep(wait);
  };
}
