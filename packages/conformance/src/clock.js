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

/** A function that waits on `clock` until the next request may go, `rate` requests per second (0: never waits). */
export function createPacer(rate, clock = REAL_CLOCK) {
  const gap = rate > 0 ? 1000 / rate : 0;
  let next = 0;
  return async () => {
    const wait = next - clock.now();
    if (wait > 0) await clock.sleep(wait);
    next = Math.max(clock.now(), next) + gap;
  };
}
