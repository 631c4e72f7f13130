// Progress of an apply: on a TTY one bar per resource (cli-progress) with its rate and ETA; elsewhere (a CI log, a
// file) one plain line every few seconds. Both count each record as it settles.
import cliProgress from 'cli-progress';

/** Seconds over which the rate is measured. */
const RATE_WINDOW_MS = 10_000;

/** Counts of one resource: total, settled, failed, and the settle times of the last RATE_WINDOW_MS (for the rate). */
function tally(total) {
  return { total, settled: 0, failed: 0, times: /** @type {number[]} */ ([]), started: 0 };
}

/** Records per second of `t` over the last window, at `now`. */
function rateOf(t, now) {
  while (t.times.length && t.times[0] < now - RATE_WINDOW_MS) t.times.shift();
  const span = Math.min(RATE_WINDOW_MS, now - (t.started ?? now)) / 1000;
  return span > 0 ? t.times.length / span : 0;
}

/** "1m 05s" for a number of seconds ("-" when unknown). */
export function formatSeconds(seconds) {
  if (!Number.isFinite(seconds)) return '-';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** The plain line of the whole run: each resource's settled/total, failed, rate and ETA. */
export function progressLine(tallies, now) {
  const parts = [...tallies].map(([name, t]) => {
    const rate = rateOf(t, now);
    const eta = t.settled >= t.total ? 0 : rate > 0 ? (t.total - t.settled) / rate : Infinity;
    return `${name} ${t.settled}/${t.total}${t.failed ? ` (${t.failed} failed)` : ''} ${rate.toFixed(1)}/s ETA ${formatSeconds(eta)}`;
  });
  return `progress: ${parts.join('; ')}`;
}

/** Bars on a TTY: one per resource. */
function barsOn(stream, tallies) {
  const multibar = new cliProgress.MultiBar({
    stream,
    format: '{resource} |{bar}| {value}/{total} · {rate}/s · ETA {eta}{failed}',
    barsize: 16,
    hideCursor: true,
    clearOnComplete: false,
    fps: 5,
  }, cliProgress.Presets.shades_classic);
  const width = Math.max(...[...tallies.keys()].map((n) => n.length));
  const bars = new Map([...tallies].map(([name, t]) => [name, multibar.create(t.total, 0, { resource: name.padEnd(width), rate: '0.0', eta: '-', failed: '' })]));
  return {
    update(name, t, now) {
      const rate = rateOf(t, now);
      const eta = t.settled >= t.total ? 0 : rate > 0 ? (t.total - t.settled) / rate : Infinity;
      bars.get(name).update(t.settled, { rate: rate.toFixed(1), eta: formatSeconds(eta), failed: t.failed ? ` · ${t.failed} failed` : '' });
    },
    stop: () => multibar.stop(),
  };
}

/** Plain lines every `intervalMs` on a stream that is not a TTY. */
function linesOn(stream, tallies, intervalMs, clock) {
  const timer = setInterval(() => stream.write(`${progressLine(tallies, clock())}\n`), intervalMs);
  timer.unref();
  return {
    update() {},
    stop() {
      clearInterval(timer);
      stream.write(`${progressLine(tallies, clock())}\n`);
    },
  };
}

/**
 * The progress display of an apply on `stream` (default stderr): `mode` `bar` (cli-progress), `lines` (a line every
 * `intervalMs`), `none`, or `auto` (bars on a TTY, else lines). `totals` gives the records per resource. Returns
 * `{ settle(outcome), stop() }`.
 */
export function createProgress({ totals, stream = process.stderr, mode = 'auto', intervalMs = 5000, clock = Date.now }) {
  const tallies = new Map(Object.entries(totals).filter(([, n]) => n > 0).map(([name, n]) => [name, tally(n)]));
  const started = clock();
  for (const t of tallies.values()) t.started = started;
  const chosen = mode === 'auto' ? (stream.isTTY ? 'bar' : 'lines') : mode;
  const display = chosen === 'none' || tallies.size === 0 ? { update() {}, stop() {} } : chosen === 'bar' ? barsOn(stream, tallies) : linesOn(stream, tallies, intervalMs, clock);
  return {
    settle(outcome) {
      const t = tallies.get(outcome.resource);
      if (!t) return;
      const now = clock();
      t.settled++;
      if (['failed', 'skipped'].includes(outcome.status)) t.failed++;
      if (!['unchanged', 'unverified'].includes(outcome.status)) t.times.push(now);
      if (t.times.length > 4096) rateOf(t, now); // keeps only the last window, whatever the display
      display.update(outcome.resource, t, now);
    },
    stop: () => display.stop(),
  };
}
