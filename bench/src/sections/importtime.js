// Cold import time: fresh `node` processes importing each package, median, minus the median of a bare `node -e 0`.
import { run } from '../lib/proc.js';
import { median } from '../lib/stats.js';
import { BENCH_DIR } from '../lib/contenders.js';

const CASES = {
  baseline: ['-e', '0'],
  ours: ['-e', "import('@feishu-hire/client').then((m) => { if (!m.createHireClient) process.exit(3); })"],
  official: ['-e', "import('@larksuiteoapi/node-sdk').then((m) => { if (!m.Client) process.exit(3); })"],
  openapiFetch: ['-e', "import('openapi-fetch').then((m) => { if (!m.default) process.exit(3); })"],
};

/** Spawns each case `runs` times, interleaved, and returns {name -> median ms} (or {error}) plus the raw medians. */
export async function measureImport({ quick = false } = {}) {
  const runs = quick ? 5 : 25;
  const times = Object.fromEntries(Object.keys(CASES).map((k) => [k, []]));
  const errors = {};
  for (const [name, args] of Object.entries(CASES)) {
    const probe = await run(process.execPath, args, { cwd: BENCH_DIR, allowFail: true, timeoutMs: 30_000 });
    if (probe.code !== 0) errors[name] = `import failed: ${(probe.stderr.trim().split('\n').find((l) => /Error/.test(l)) ?? `exit ${probe.code}`).slice(0, 160)}`;
  }
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(CASES)) {
      if (errors[name]) continue;
      times[name].push((await run(process.execPath, args, { cwd: BENCH_DIR, timeoutMs: 30_000 })).ms);
    }
  }
  const base = median(times.baseline);
  const out = { runs, baselineMs: base };
  for (const name of ['ours', 'official', 'openapiFetch']) {
    out[name] = errors[name] ? { error: errors[name] } : { ms: median(times[name]) - base, rawMs: median(times[name]) };
  }
  return out;
}

/** Report rows of this section. */
export async function importSection(opts) {
  const m = await measureImport(opts);
  const errs = ['ours', 'official', 'openapiFetch'].filter((n) => m[n].error).map((n) => `${n}: ${m[n].error}`);
  return {
    rows: [
      { section: 'Cold import time (fresh node process, minus bare `node -e 0`)' },
      { metric: 'import time over bare node (median)', unit: 'ms', ours: m.ours.ms ?? null, official: m.official.ms ?? null, floor: m.openapiFetch.ms ?? null, floorLabel: 'openapi-fetch', ratio: null, target: '≤ 15 ms', met: m.ours.ms === undefined ? undefined : m.ours.ms <= 15 },
    ],
    notes: [`Import: wall time of \`node -e "import('PKG')"\`, median of ${m.runs} interleaved runs, minus the median of \`node -e 0\` (${m.baselineMs.toFixed(1)} ms); the ratio is omitted because differences of a few ms are mostly noise.`, ...errs],
    data: m,
  };
}
