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
 * A pacer on `clock` at `perSecond` requests per second (0: unpaced): `pace(send)` waits its turn, calls `send()` and
 * resolves to its result. The requests of one pacer go one at a time, each at least 1000 / perSecond ms after the
 * answer to the one before, so that the server sees them that far apart even on a virtual clock that other waits move
 * on meanwhile.
 */
export function createPacer(perSecond, clock = REAL_CLOCK) {
  const gap = perSecond > 0 ? 1000 / perSecond : 0;
  let next = -Infinity;
  let queue = Promise.resolve();
  return (send) => {
    if (gap === 0) return send();
    const turn = queue.then(async () => {
      const wait = next - clock.now();
      if (wait > 0) await clock.sleep(wait);
      try {
        return await send();
      } finally {
        next = clock.now() + gap;
      }
    });
    queue = turn.catch(() => undefined);
    return turn;
  };
}
