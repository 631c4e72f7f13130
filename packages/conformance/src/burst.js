// The rate-limit check of an operation with a documented limit (`x-feishu-rate-limit`), both sides: from a fresh
// window, a burst of concurrent (invalid, so safe) requests well above the limit must see the documented number of
// requests admitted (not more, not fewer) and the rest answered with the rate-limited code, its HTTP status and its
// headers. A burst that may have spread over two windows (it took longer than one) proves nothing about the count;
// a count outside the limit is tried again from a fresh window before it fails (other traffic may share the quota).
import { windowMsOf } from './clock.js';
import { isAccepted } from './evidence.js';
import { send } from './http.js';

/** Bursts tried from a fresh window before a count outside the limit fails. */
const ATTEMPTS = 3;

/** The window of an operation's limit in ms, and its request count. */
function limitOf(operation) {
  const { requests, per } = operation.rateLimit;
  return { requests, windowMs: windowMsOf(operation.rateLimit), text: `${requests}/${per}` };
}

/** The rate-limit headers of a 429 (named by the platform, documented on the spec's rate-limited response). */
const LIMIT_HEADER = 'x-ogw-ratelimit-limit';
const RESET_HEADER = 'x-ogw-ratelimit-reset';

/** The problems of a 429's rate-limit headers: the limit not the documented one, a reset beyond the window (in seconds). */
function headerProblems(a, limit) {
  const problems = [];
  const given = a.headers.get(LIMIT_HEADER);
  if (given !== null && Number(given) !== limit.requests) problems.push(`${LIMIT_HEADER} is ${JSON.stringify(given)}, not the documented ${limit.requests}`);
  const reset = a.headers.get(RESET_HEADER);
  const most = Math.ceil(limit.windowMs / 1000);
  if (reset !== null && !(Number.isInteger(Number(reset)) && Number(reset) >= 0 && Number(reset) <= most)) problems.push(`${RESET_HEADER} is ${JSON.stringify(reset)}: the seconds until the window ends must be 0..${most} (milliseconds?)`);
  return problems;
}

/** The problems no second burst can undo: undocumented answers, accepted invalid requests, no 429, missing or wrong headers. */
function hardProblems(run, c, answers, limited) {
  const { status, code, headers = [] } = c.expect;
  const problems = [];
  if (limited.length === 0) problems.push(`a burst of ${c.burst} requests got no HTTP ${status} with code ${code} (statuses: ${[...new Set(answers.map((a) => a.status))].join(', ')})`);
  for (const a of answers) {
    problems.push(...run.validate(run.operationOf(c), a).map((p) => `spec (HTTP ${a.status}): ${p}`));
    if (isAccepted(a)) problems.push(`a request that must be rejected (invalid, or to an id that cannot exist) was accepted with HTTP ${a.status}`);
  }
  for (const name of headers) if (limited.some((a) => a.headers.get(name) === null)) problems.push(`HTTP ${status} lacks header ${name}`);
  for (const a of limited) problems.push(...headerProblems(a, limitOf(run.operationOf(c))));
  return [...new Set(problems)];
}

/** Sends one burst and measures it: `{ answers, limited, admitted, spanMs, hard }`. */
async function oneBurst(run, c, path, text) {
  const started = run.clock.now();
  const answers = await Promise.all(Array.from({ length: c.burst }, () => send(run, c.request, path, text)));
  const spanMs = run.clock.now() - started;
  const limited = answers.filter((a) => a.status === c.expect.status && a.code === c.expect.code);
  return { answers, limited, admitted: answers.length - limited.length, spanMs, hard: hardProblems(run, c, answers, limited) };
}

/** The count problem of a burst (`undefined` when the count is the limit), or `inconclusive` when it spanned a window. */
function countProblem(burst, limit) {
  if (burst.spanMs >= limit.windowMs) return { inconclusive: `the burst took ${burst.spanMs} ms, not less than the ${limit.windowMs} ms window, so it may have spread over two` };
  // A sliding window or token bucket may refill while the burst is under way: that much more is admitted.
  const refill = Math.floor((limit.requests * burst.spanMs) / limit.windowMs);
  if (burst.admitted > limit.requests + refill) return { problem: `within one window ${burst.admitted} of ${burst.answers.length} requests were admitted, more than the documented ${limit.text}` };
  if (burst.admitted < limit.requests) return { problem: `from a fresh window only ${burst.admitted} of ${burst.answers.length} requests were admitted, fewer than the documented ${limit.text}` };
  return {};
}

/** How long until the quota is back after a burst: the 429's x-ogw-ratelimit-reset seconds (at most one window), else one window. */
function recoveryMs(burst, limit) {
  const reset = Number(burst.limited[0]?.headers.get(RESET_HEADER));
  return (Number.isFinite(reset) && reset > 0 ? Math.min(reset * 1000, limit.windowMs) : limit.windowMs) + 100;
}

/**
 * Runs a rate-limit case; resolves to `{ status, problems, reason, evidence, answer }`. It starts from a fresh window
 * (a window after the operation's last paced request), and leaves the operation's pacer held until the quota it spent
 * is back: only a later request of the operation waits for it.
 */
export async function runBurst(run, c, path, text) {
  const limit = limitOf(run.operationOf(c));
  const pacer = run.pacerOf(c.operationId);
  await pacer.fresh(limit.windowMs + 100);
  let burst;
  let count;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    burst = await oneBurst(run, c, path, text);
    count = countProblem(burst, limit);
    const done = burst.hard.length > 0 || (!count.problem && !count.inconclusive) || attempt === ATTEMPTS;
    if (done) {
      pacer.hold(run.clock.now() + recoveryMs(burst, limit));
      break;
    }
    await run.clock.sleep(recoveryMs(burst, limit));
  }
  const answer = burst.limited[0] ?? burst.answers[0];
  if (burst.hard.length > 0 || count.problem) return { status: 'failed', problems: [...burst.hard, ...(count.problem ? [count.problem] : [])], answer };
  if (count.inconclusive) return { status: 'unconfirmed', problems: [], reason: count.inconclusive, answer };
  return { status: 'passed', problems: [], evidence: `${burst.admitted} of ${burst.answers.length} admitted in ${burst.spanMs} ms, the rest rate-limited`, answer };
}
