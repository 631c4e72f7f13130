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
 * A pacer on `clock`: `pace(send)` waits its turn, calls `send()` and resolves to its result. Requests go one at a time,
 * each when `ready(answeredAt)` allows it (no `ready`: unpaced, side by side) (the clock times at which the earlier requests were answered, oldest first);
 * a time is taken at the answer, so that the server sees the requests that far apart even on a virtual clock that
 * other waits move on meanwhile. `pace.hold(until)` keeps the next request back until then (a burst spent the quota);
 * `pace.fresh(ms)` waits until `ms` have passed since the last answer, and any hold is over (a fresh window).
 */
function pacerOf(clock, keep, ready) {
  const answered = [];
  let heldUntil = -Infinity;
  let queue = Promise.resolve();
  const waitUntil = async (at) => {
    const wait = at - clock.now();
    if (wait > 0) await clock.sleep(wait);
  };
  const sendInTurn = async (send) => {
    await waitUntil(Math.max(heldUntil, ready?.(answered) ?? -Infinity));
    try {
      return await send();
    } finally {
      answered.push(clock.now());
      if (answered.length > keep) answered.shift();
    }
  };
  // Unpaced (`ready` never waits): requests go side by side, as they come.
  const pace = (send) => {
    if (!ready) return sendInTurn(send);
    const turn = queue.then(() => sendInTurn(send));
    queue = turn.catch(() => undefined);
    return turn;
  };
  pace.hold = (until) => {
    heldUntil = Math.max(heldUntil, until);
  };
  pace.fresh = (ms) => waitUntil(Math.max(heldUntil, (answered.at(-1) ?? -Infinity) + ms));
  return pace;
}

/**
 * A pacer at `perSecond` requests per second (0: unpaced): each request at least 1000 / perSecond ms after the answer
 * to the one before.
 */
export function createPacer(perSecond, clock = REAL_CLOCK) {
  const gap = perSecond > 0 ? 1000 / perSecond : 0;
  return pacerOf(clock, 1, gap === 0 ? undefined : (answered) => (answered.length ? answered.at(-1) + gap : -Infinity));
}

/**
 * A pacer for a limit of `requests` per window of `windowMs` (a minute): at most `requests` in any window, each
 * counted from its answer (a sliding log: never more in any window the server may count, wherever its windows
 * start), and each at least `gapMs` after the one before. A paced minute-limit thus spends its quota at once and
 * waits once, instead of waiting between every two requests.
 */
export function createWindowPacer(requests, windowMs, gapMs, clock = REAL_CLOCK) {
  return pacerOf(clock, requests, (answered) => {
    const byWindow = answered.length >= requests ? answered[answered.length - requests] + windowMs : -Infinity;
    return Math.max(byWindow, answered.length ? answered.at(-1) + gapMs : -Infinity);
  });
}

/** The window an operation's documented limit counts over, in ms (1000 for a limit per second); undefined when none is known. */
export function windowMsOf({ requests, perSecond }) {
  return perSecond ? (requests / perSecond) * 1000 : undefined;
}

/** The pacer of `operation` in a run at `rate` (see paceOf): by its window when its limit counts more than a second. */
export function pacerForOperation(operation, rate, clock = REAL_CLOCK) {
  const windowMs = windowMsOf(operation.rateLimit) ?? 0;
  if (rate === 0 || windowMs <= 1000) return createPacer(paceOf(operation, rate), clock);
  return createWindowPacer(Math.max(1, Math.floor(operation.rateLimit.requests * PACE_SHARE)), windowMs, 1000 / rate, clock);
}
