// kill -9 at random points of an apply, then resume: at the end the mock's store equals the export, with nothing
// created twice and nothing missing, and a further apply writes nothing. The mock's rate limits are off and the CLI's
// are the test spec's (reads at once, writes paced): the point here is the journal, not the rate (the benchmark's).
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { importModel } from '../src/model.js';
import { editRecord, makeExport, runCli, SPEC, startCli, startMock, storeDiff, target, withRateLimits, workDir, seededRandom } from './helpers/setup.js';

const KILLS = 22;
// Reads at once (they are not the point), writes paced: each kill lands among a few dozen writes in flight.
const SPEC_HERE = withRateLimits(SPEC, (role) => (['list', 'read'].includes(role) ? 500 : 10));
const MODEL_HERE = importModel(SPEC_HERE);
let env;
beforeAll(async () => {
  env = await startMock({ spec: SPEC_HERE });
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

/** Whether a journal entry is the answer of a write (done, or the refusal of a repeated key: unverified). */
const isAnswer = (e) => e.e === 'done' || e.e === 'unverified';

/** The number of answered writes in `journal`. */
const answered = (journal) => entries(journal).filter(isAnswer).length;

/**
 * Resolves once `journal` holds more than `count` new entries of `kind` (`intent`: writes sent; `answer`: answered),
 * or the run ended; reads only what was appended.
 */
async function journalReaches(journal, kind, count, done) {
  const pattern = kind === 'intent' ? /"e":"intent"/g : /"e":"(done|unverified)"/g;
  let ended = false;
  done.then(() => (ended = true));
  let offset = existsSync(journal) ? statSync(journal).size : 0;
  let seen = 0;
  let tail = '';
  while (!ended && seen <= count) {
    await new Promise((r) => setTimeout(r, 5));
    if (!existsSync(journal)) continue;
    const fd = openSync(journal, 'r');
    const chunk = Buffer.alloc(Math.max(0, fstatSync(fd).size - offset));
    offset += readSync(fd, chunk, 0, chunk.length, offset);
    closeSync(fd);
    const text = tail + chunk.toString('utf8');
    const cut = text.lastIndexOf('\n') + 1;
    seen += (text.slice(0, cut).match(pattern) ?? []).length;
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

/** A promise resolving after `ms` milliseconds (or at once when `done` settles first). */
const sleep = (ms, done) => Promise.race([new Promise((r) => setTimeout(r, ms)), done]);

test(`an apply killed (SIGKILL) at ${KILLS} random points resumes each time; at the end the store equals the export, 0 duplicates, 0 missing`, async () => {
  const seed = Number(process.env.IMPORT_KILL_SEED ?? Date.now() % 1e9);
  const next = seededRandom(seed);
  const dir = workDir(SPEC_HERE);
  // ~500 records of every resource of the spec: 150 of the first (the parents of most others), the rest shared.
  const counts = Object.fromEntries(MODEL_HERE.resources.map((r, i) => [r.name, i === 0 ? 150 : Math.round(350 / (MODEL_HERE.resources.length - 1))]));
  const { lines, records } = makeExport({ counts, outsideParents: 30, model: MODEL_HERE });
  const file = join(dir, 'export.jsonl');
  const journal = `${file}.journal`;
  writeFileSync(file, `${lines.join('\n')}\n`);
  const args = ['apply', file, ...target(env.url, dir), '--progress', 'none'];
  const kills = [];
  const started = Date.now();
  for (let i = 0; kills.filter((k) => k.killed).length < KILLS && i < 2 * KILLS; i++) {
    const before = entries(journal).length;
    const doneBefore = answered(journal);
    // Each kill leaves work for the next ones: a kill point within a share of what is left (the limiter's bursts of
    // answers, journalled in one batch, overshoot it; a kill counted in writes sent lands before their answers).
    const killsLeft = KILLS - kills.filter((k) => k.killed).length;
    const budget = Math.max(1, Math.floor((records.length - doneBefore) / (2 * (killsLeft + 1))));
    const t0 = Date.now();
    const run = startCli(args);
    // Mostly after a random number of writes sent or of answers; every fourth at a random time of its start-up
    // (journal, scan, plan reads), at the first answer at the latest.
    if (i % 4 === 3) await Promise.race([sleep(next() * 1000, run.done), journalReaches(journal, 'answer', 0, run.done)]);
    else await journalReaches(journal, i % 2 ? 'answer' : 'intent', Math.floor(next() * budget), run.done);
    run.child.kill('SIGKILL');
    const { signal, code } = await run.done;
    const after = entries(journal);
    kills.push({ killed: signal === 'SIGKILL', done: answered(journal) - doneBefore, inFlight: openIntents(after.slice(before)), code, ms: Date.now() - t0 });
  }
  const killed = kills.filter((k) => k.killed);
  console.log(`seed ${seed}: ${killed.length} SIGKILLs in ${kills.length} runs, ${((Date.now() - started) / 1000).toFixed(1)} s; ${records.length} records; writes answered per run ${kills.map((k) => k.done).join(',')}; writes in flight at the kills ${kills.map((k) => k.inFlight).join(',')}; ms ${kills.map((k) => k.ms).join(',')}`);
  expect(killed.length).toBe(KILLS);
  expect(killed.filter((k) => k.inFlight > 0).length).toBeGreaterThan(5);
  const settled = new Set(entries(journal).filter(isAnswer).map((e) => `${e.r} ${e.k}`));
  expect(settled.size, 'the last kill left records to write').toBeLessThan(records.length);

  const fromKills = kills.reduce((n, k) => n + k.done, 0);
  const last = await runCli([...args, '--json', '--report', join(dir, 'report.json')]);
  expect(last.code, last.stderr).toBe(0);
  expect(storeDiff(env, records, MODEL_HERE)).toEqual({ missing: [], duplicates: [], wrong: [] });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  expect(report.records).toHaveLength(records.length);
  expect(report.summary.total.failed + report.summary.total.skipped).toBe(0);
  expect(report.summary.total.created).toBeLessThan(records.length);
  // Only a resource that cannot be read back leaves a record unverified (its create sent, its answer lost at a kill).
  for (const r of report.records.filter((x) => x.status === 'unverified')) expect(MODEL_HERE.byName(r.resource).listing, r.resource).toBeUndefined();
  console.log(`${fromKills} writes answered in the killed runs; the last run: ${JSON.stringify(report.summary.total)}`);

  const writes = env.writes();
  const again = await runCli(args);
  expect(again.code, again.stderr).toBe(0);
  expect(env.writes()).toBe(writes);

  // An edited export after all those kills: exactly the edited records are written, each with its resource's update
  // or patch; a record that cannot be updated (no update, or its Feishu id unknown: unverified) is a conflict, failed.
  const status = new Map(report.records.map((r) => [`${r.resource} ${r.key}`, r.status]));
  const edits = records.map((r, i) => (i % 25 === 0 ? { ...r, record: editRecord(r.resource, r.record, MODEL_HERE) } : r));
  const updatable = (r, i) => r !== records[i] && MODEL_HERE.byName(r.resource).update && status.get(`${r.resource} ${r.record[MODEL_HERE.byName(r.resource).key]}`) !== 'unverified';
  writeFileSync(join(dir, 'edited.jsonl'), `${edits.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const edited = await runCli(['apply', join(dir, 'edited.jsonl'), ...args.slice(2), '--journal', journal, '--json']);
  const expected = { updated: edits.filter(updatable).length, failed: edits.filter((r, i) => r !== records[i] && !updatable(r, i)).length };
  expect(expected.updated * expected.failed, 'both kinds edited').toBeGreaterThan(0);
  expect(edited.code).toBe(1);
  expect(JSON.parse(edited.stdout).total).toMatchObject(expected);
  expect(env.writes()).toBe(writes + expected.updated);
  expect(storeDiff(env, edits.map((r, i) => (updatable(r, i) ? r : records[i])), MODEL_HERE)).toEqual({ missing: [], duplicates: [], wrong: [] });
}, 180_000);
