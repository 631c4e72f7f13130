// The mutant suite: the CLI (its main(), in-process, with the argv a CI job gives) runs against the correct mock, the
// conformant variants and every broken server (helpers/mutants.js) in one mode; a small pool runs them concurrently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APPS, startMockServer } from '@feishu-hire/mock-server';
import { createVirtualClock, issueToken, loadSpec, main } from '../../src/index.js';
import { MODES, MUTANTS, OPERATIONS, VARIANTS } from './mutants.js';
import { startProxy } from './proxy.js';

/** Runs at a time: small, so that the 2-core machine stays usable. */
const POOL = 3;
const [APP] = DEFAULT_APPS;
const CORRECT = { name: 'correct-mock', behaviour: 'the mock as it is' };

/**
 * The argv of a mode: the embedded CI line (no flags), or the reject-only line for a server given with --base-url; a
 * mutant's run adds `--only <its killedBy>` (the cases that must catch it: every other case runs as against the
 * correct mock, which runs them all).
 */
function argvOf(mode, server, url, expiredToken) {
  const only = server.killedBy ? ['--only', server.killedBy.source] : [];
  if (mode === 'embedded') return only;
  return ['--base-url', url, '--app-id', APP.appId, '--app-secret', APP.appSecret, '--rate', '0', '--expired-token', expiredToken, ...only];
}

/** Starts a server: the mock with `base` options and the server's own, behind the server's proxy when it has one. */
async function startServer(server, base) {
  const mock = await startMockServer({ ...base, ...server.mock });
  if (!server.proxy) return { url: mock.url, mockUrl: mock.url, store: mock.store, close: () => mock.close() };
  const proxy = await startProxy(mock.url, server.proxy({ mock, target: mock.url }));
  return { url: proxy.url, mockUrl: mock.url, store: mock.store, close: async () => { await proxy.close(); await mock.close(); } };
}

/** Runs the CLI against a server given with --base-url: the mock unlimited, on a clock moved past one issued token (--expired-token). */
async function runRemote(server, mode, io) {
  const clock = createVirtualClock();
  const started = await startServer(server, { rateLimitPerSecond: 0, now: clock.now });
  try {
    const { token, expire } = await issueToken({ baseUrl: started.mockUrl, appId: APP.appId, appSecret: APP.appSecret, spec: loadSpec() });
    clock.advance((expire + 1) * 1000);
    return await main(argvOf(mode, server, started.url, token), io);
  } finally {
    await started.close();
  }
}

/** Runs the CLI against `server` in `mode`; resolves to `{ code, failed, unconfirmed, output }` (case ids). */
export async function runCli(server, mode) {
  const out = [];
  const io = { stdout: { write: (s) => out.push(s) }, stderr: { write: (s) => out.push(s) } };
  const code = mode === 'embedded' ? await main(argvOf(mode, server), { ...io, startMock: (options) => startServer(server, options) }) : await runRemote(server, mode, io);
  const output = out.join('');
  const ids = (mark) => [...output.matchAll(new RegExp(`^${mark} (\\S+) `, 'gm'))].map((m) => m[1]);
  return { code, failed: ids('✗'), unconfirmed: ids('\\?'), output };
}

/** Runs `work` over `items`, `size` at a time. */
async function pool(items, size, work) {
  const queue = [...items];
  await Promise.all(Array.from({ length: size }, async () => {
    while (queue.length) await work(queue.shift());
  }));
}

/** How a mutant was killed in a run ('failed' or 'unconfirmed': a case its killedBy names), or undefined. */
export function killOf(mutant, outcome) {
  if (outcome.code === 0) return undefined;
  if (outcome.failed.some((id) => mutant.killedBy.test(id))) return 'failed';
  return outcome.unconfirmed.some((id) => mutant.killedBy.test(id)) ? 'unconfirmed' : undefined;
}

/** `killed/total (percent)` of `mutants` with their kills. */
const ratio = (mutants, kills) => {
  const killed = mutants.filter((m) => kills.get(m.name)).length;
  return `${killed}/${mutants.length} (${mutants.length ? (100 * killed / mutants.length).toFixed(0) : 100}%)`;
};

/** The kill-ratio lines of a mode: overall, how, per category; the survivors with why; the mutants still pending. */
function ratioLines(mode, mutants, outcomes, seconds) {
  const kills = new Map(mutants.map((m) => [m.name, killOf(m, outcomes.get(m.name))]));
  const byFailure = mutants.filter((m) => kills.get(m.name) === 'failed').length;
  const byUnconfirmed = mutants.filter((m) => kills.get(m.name) === 'unconfirmed').map((m) => m.name);
  const how = `${byFailure} by a failed case, ${byUnconfirmed.length} by unconfirmed results (exit 3)${byUnconfirmed.length ? `: ${byUnconfirmed.join(', ')}` : ''}`;
  const categories = [...new Set(mutants.map((m) => m.category))];
  const lines = [
    `mutant suite [${mode}]: ${ratio(mutants, kills)} killed (${how}), ${outcomes.size} CLI runs in ${seconds.toFixed(1)} s`,
    `mutant suite [${mode}] by category: ${categories.map((c) => `${c} ${ratio(mutants.filter((m) => m.category === c), kills)}`).join(', ')}`,
  ];
  const survivors = mutants.filter((m) => m.survives?.[mode]);
  if (survivors.length) lines.push(`mutant suite [${mode}] survivors: ${survivors.map((m) => `${m.name} (${m.survives[mode]})`).join('; ')}`);
  const pending = mutants.filter((m) => m.pending && !kills.get(m.name)).map((m) => m.name);
  if (pending.length) lines.push(`mutant suite [${mode}] pending (written before their check): ${pending.join(', ')}`);
  return lines.join('\n');
}

/** Declares the tests of one mode: the correct mock passes, variants never fail, every mutant of the mode is killed. */
export function describeMode(mode) {
  // The mutants that apply to the mode, and those that survive it (each with a written reason).
  const mutants = MUTANTS.filter((m) => m.modes.includes(mode) || m.survives?.[mode]);
  const outcomes = new Map();
  describe(`mutant suite, mode ${mode}`, () => {
    beforeAll(async () => {
      const started = Date.now();
      await pool([CORRECT, ...VARIANTS, ...mutants], POOL, async (server) => outcomes.set(server.name, await runCli(server, mode)));
      console.log(ratioLines(mode, mutants, outcomes, (Date.now() - started) / 1000));
    }, 300_000);
    afterAll(() => outcomes.clear());

    it('the correct mock passes every case that runs, nothing unconfirmed', () => {
      const outcome = outcomes.get(CORRECT.name);
      expect({ code: outcome.code, failed: outcome.failed, unconfirmed: outcome.unconfirmed }, outcome.output).toEqual({ code: 0, failed: [], unconfirmed: [] });
    });

    it.each(VARIANTS.map((v) => [v.name, v]))('conformant variant %s never fails a case', (_name, variant) => {
      const outcome = outcomes.get(variant.name);
      const allowed = variant.unconfirmedIn[mode];
      expect(outcome.failed, outcome.output).toEqual([]);
      for (const id of outcome.unconfirmed) expect(allowed?.test(id), `${id} is unconfirmed`).toBe(true);
      if (allowed) expect(outcome.unconfirmed.length, 'reported as unconfirmed').toBeGreaterThan(0);
      expect(outcome.code).toBe(allowed ? 3 : 0);
    });

    const killed = mutants.filter((m) => !m.pending && !m.survives?.[mode]);
    it.each(killed.map((m) => [m.name, m]))('mutant %s is killed', (_name, mutant) => {
      const outcome = outcomes.get(mutant.name);
      expect(killOf(mutant, outcome), `${mutant.behaviour}: exit ${outcome.code}, failed ${outcome.failed.join(', ')}; unconfirmed ${outcome.unconfirmed.join(', ')}`).toBeDefined();
    });

    const survivors = mutants.filter((m) => m.survives?.[mode]);
    it.each(survivors.map((m) => [m.name, m]))('mutant %s survives, as its written reason says (a check that kills it must update the table)', (_name, mutant) => {
      expect(killOf(mutant, outcomes.get(mutant.name))).toBeUndefined();
    });
  });
}

/** Declares the tests of the mutant table itself: its size, the modes each mutant states, what it covers. */
export function describeTable() {
  describe('the mutant table', () => {
    it('holds at least 30 broken servers with unique names, each a stated behaviour and the cases that must catch it', () => {
      expect(MUTANTS.length).toBeGreaterThanOrEqual(30);
      expect(new Set([...MUTANTS, ...VARIANTS].map((m) => m.name)).size).toBe(MUTANTS.length + VARIANTS.length);
      for (const m of MUTANTS) expect(m, m.name).toMatchObject({ behaviour: expect.any(String), killedBy: expect.any(RegExp), modes: expect.any(Array) });
      for (const m of MUTANTS) expect(Boolean(m.mock || m.proxy), `${m.name} is built from mock options or a proxy`).toBe(true);
    });

    it('makes every mutant state each mode: it applies there, or a written reason says why it cannot be observed there', () => {
      for (const m of MUTANTS) {
        for (const mode of MODES) expect(m.modes.includes(mode) || typeof m.equivalent?.[mode] === 'string' || typeof m.survives?.[mode] === 'string', `${m.name} in ${mode}`).toBe(true);
        for (const mode of m.modes) expect(m.equivalent?.[mode] ?? m.survives?.[mode], `${m.name} applies to ${mode} and is equivalent or a survivor there`).toBeUndefined();
        expect(m.category, `${m.name} has a category`).toMatch(/^[a-z-]+$/);
      }
    });

    it('covers every category of broken server, paging and filters with at least 8', () => {
      const count = (category) => MUTANTS.filter((m) => m.category === category).length;
      for (const category of ['validation', 'overwrite', 'create', 'paging', 'not-found', 'delete', 'identity', 'idempotency', 'auth', 'rate-limit', 'envelope']) expect(count(category), category).toBeGreaterThan(0);
      expect(count('paging')).toBeGreaterThanOrEqual(8);
    });

    it('covers every operation of the spec and each kind of behaviour', () => {
      for (const rule of ['enum-below', 'enum-above', 'type-boolean', 'numeric-string', 'fraction', 'type-null', 'type-number', 'int32-range', 'int64-range', 'required', 'items-first|type-', 'minLength', 'content-type', 'malformed-json']) {
        expect(MUTANTS.some((m) => new RegExp(rule).test(`${m.killedBy}`)), rule).toBe(true);
      }
      for (const id of ['valid\\.minimal', 'auth\\.missing', 'auth\\.wrong-scheme', 'auth\\.invalid-token', 'auth\\.expired-token', 'token\\.wrong-secret', 'rate-limit\\.burst', 'lifecycle', ...OPERATIONS.map((o) => o.operationId)]) {
        expect(MUTANTS.some((m) => `${m.killedBy}`.includes(id)), id).toBe(true);
      }
    });
  });
}
