// Pure helpers: statistics and number formatting for the benchmark report.

/** Returns the q-quantile (0..1) of `values` with linear interpolation between closest ranks. */
export function quantile(values, q) {
  if (!Array.isArray(values) || values.length === 0) throw new TypeError('quantile: values must be a non-empty array');
  if (typeof q !== 'number' || !(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be a number in [0, 1], got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Returns the median of `values`. */
export function median(values) {
  return quantile(values, 0.5);
}

/** Returns a / b, or null when either is not a finite number or b is 0. */
export function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/** Formats a byte count as `1234 B` / `12.3 KB` / `4.56 MB` (1 KB = 1000 B). */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return 'n/a';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(bytes < 1e4 ? 2 : 1)} KB`;
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

/** Formats a duration given in milliseconds (`0.83 ms`, `12.4 ms`, `3.21 s`). */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (Math.abs(ms) < 10) return `${ms.toFixed(2)} ms`;
  if (Math.abs(ms) < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Formats a duration given in nanoseconds as ns or µs. */
export function formatNs(ns) {
  if (!Number.isFinite(ns)) return 'n/a';
  if (ns < 10_000) return `${Math.round(ns)} ns`;
  return `${(ns / 1000).toFixed(1)} µs`;
}

/** Formats a plain number with up to `digits` decimals and thousands separators. */
export function formatNumber(n, digits = 2) {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Formats a ratio as `1.23x`, or `n/a`. */
export function formatRatio(r) {
  return Number.isFinite(r) ? `${r.toFixed(2)}x` : 'n/a';
}
