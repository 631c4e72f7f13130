// kill -9 at random points of an apply, then resume: at the end the mock's store equals the export, with nothing
// created twice and nothing missing, and a further apply writes nothing. The mock's rate limits are off and the CLI's
// raised: the point here is the journal, not the rate (the benchmark measures that).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeExport, MODEL, runCli, startCli, startMock, storeDiff, target, workDir, seededRandom } from './helpers/setup.js';

const KILLS = 22;
let env;
beforeAll(async () => {
  env = await startMock();
});
afterAll(() => env.close());

/** The journal's entries (a partial last line, from a kill inside a write, left out). */
function entries(journal) {
  if (!existsSync(journal)) return [];
  return readFileSync(journal, 'utf8').split('\n').filter(Boolean).flatMap((l) => {
    try {
      return [JSON.parse(l)];
    } catch {
      return [];
    }
  });
}

/** The number of answered writes in `journal`. */
const answered = (journal) => entries(journal).filter((e) => e.e === 'done').length;

/** Resolves once `journal` holds more than `count` answered writes, or the run ended; reads only what was appended. */
async function journalReaches(journal, count, done) {
  let ended = false;
  done.then(() => (ended = true));
  let offset = existsSync(journal) ? statSync(journal).size : 0;
  let seen = 0;
  let tail = '';
  while (!ended && seen <= count) {
    await new Promise((r) => setTimeout(r, 10));
    if (!existsSync(journal)) continue;
    const text = tail + readFileSync(journal).subarray(offset).toString('utf8');
    offset = statSync(journal).size;
    const cut = text.lastIndexOf('\n') + 1;
    seen += (text.slice(0, cut).match(/"e":"done"/g) ?? []).length;
    tail = text.slice(cut);
  }
}

/** Writes that were sent and not answered in the journal at a kill: intents without a later done or failed. */
function openIntents(list) {
  const open = new Map();
  for (const e of list) {
    if (e.e === 'intent') open.set(`${e.r} ${e.k}`, e.op);
    else if (e.r) open.delete(`${e.r} ${e.k}`);
  }
  return open.size;
}

test(`an apply killed (SIGKILL) at ${KILLS} random points resumes each time; at the end the store equals the export, 0 duplicates, 0 missing`, async () => {
  const seed = Number(process.env.IMPORT_KILL_SEED ?? Date.now() % 1e9);
  const next = seededRandom(seed);
  const dir = workDir();
  const counts = Object.fromEntries(MODEL.resources.map((r, i) => [r.name, i === 0 ? 150 : Math.round(350 / (MODEL.resources.length - 1))]));
  const { lines, records } = makeExport({ counts, outsideParents: 30 });
  const file = join(dir, 'export.jsonl');
  const journal = `${file}.journal`;
  writeFileSync(file, `${lines.join('\n')}\n`);
  const args = ['apply', file, ...target(env.url, dir), '--rate-limit', '40', '--progress', 'none'];
  const kills = [];
  // A run that ends before its kill point does not count: more runs are started until KILLS of them were killed.
  for (let i = 0; kills.filter((k) => k.killed).length < KILLS && i < KILLS + 8; i++) {
    const before = entries(journal).length;
    const doneBefore = answered(journal);
    const run = startCli(args);
    // Mostly after a random number of journal entries (inside the writes); every fourth at a random time (start-up,
    // scan, plan reads included).
    if (i % 4 === 3) await Promise.race([new Promise((r) => setTimeout(r, next() * 800)), run.done]);
    else await journalReaches(journal, Math.floor(next() * 15), run.done);
    run.child.kill('SIGKILL');
    const { signal, code } = await run.done;
    const after = entries(journal);
    kills.push({ killed: signal === "SIGKILL", done: answered(journal) - doneBefore, inFlight: openIntents(after.slice(before)), code });
  }
  const killed = kills.filter((k) => k.killed);
  console.log(`seed ${seed}: ${killed.length} SIGKILLs; writes answered per run ${kills.map((k) => k.done).join(',')}; writes in flight at the kills ${kills.map((k) => k.inFlight).join(',')}`);
  expect(killed.length).toBe(KILLS);
  expect(killed.filter((k) => k.inFlight > 0).length).toBeGreaterThan(5);

  const fromKills = kills.reduce((n, k) => n + k.done, 0);
  const last = await runCli([...args, '--json', '--report', join(dir, 'report.json')]);
  expect(last.code, last.stderr).toBe(0);
  expect(storeDiff(env, records)).toEqual({ missing: [], duplicates: [], wrong: [] });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  expect(report.records).toHaveLength(records.length);
  expect(report.summary.total.failed + report.summary.total.skipped).toBe(0);
  expect(report.summary.total.created).toBeLessThan(records.length);
  console.log(`${fromKills} writes answered in the killed runs; the last run: ${JSON.stringify(report.summary.total)}`);

  const writes = env.writes();
  const again = await runCli(args);
  expect(again.code, again.stderr).toBe(0);
  expect(env.writes()).toBe(writes);
}, 180_000);
