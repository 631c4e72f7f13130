// `pnpm start` as a newcomer runs it: in a fresh clone that nothing was installed in, it installs, builds the docs page
// and serves it beside the mock server; SIGTERM to the pnpm process, or Ctrl+C (SIGINT to the whole process group),
// stops both servers, and neither prints a pnpm error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { snapshot, turboEnv } from '../lib/clone.js';
import { mustSucceed, run } from '../lib/process.js';

const REPO = resolve(import.meta.dirname, '../..');
const SLOW = 600_000;
let scratch;
let clone;
let env;

/** Starts `pnpm start` in the clone as the leader of a process group; resolves once both URLs are printed. */
function start() {
  const child = spawn('pnpm', ['start'], { cwd: clone, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const state = { child, output: '', exit: new Promise((resolvePromise) => child.on('close', (code, signal) => resolvePromise({ code, signal }))) };
  const collect = (chunk) => { state.output += chunk; };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolvePromise, reject) => {
    const poll = setInterval(() => {
      const docs = /Docs: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(state.output)?.[1];
      const mock = /Mock server: +(http:\/\/127\.0\.0\.1:\d+)/.exec(state.output)?.[1];
      if (docs && mock) { clearInterval(poll); resolvePromise({ ...state, docs, mock }); }
    }, 100);
    state.exit.then(({ code }) => { clearInterval(poll); reject(new Error(`pnpm start exited ${code} before serving:\n${state.output}`)); });
  });
}

/** Whether something answers on a URL. */
const answers = (url) => fetch(url).then(() => true, () => false);

/** Waits (up to 30 s) until neither server answers; resolves whether they stopped. */
async function stopped(started) {
  for (let i = 0; i < 300; i++) {
    if (!(await answers(started.docs)) && !(await answers(started.mock))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'feishu-start-'));
  const source = await snapshot(REPO, join(scratch, 'source'));
  clone = join(scratch, 'clone');
  mustSucceed('git clone', await run('git', ['clone', '-q', source, clone]));
  // The build turbo already cached for this working tree (the snapshot has the same inputs): the clone restores it
  // instead of building the docs page again; what is tested is the install, the start and the stop.
  env = turboEnv(scratch, { TURBO_CACHE_DIR: process.env.TURBO_CACHE_DIR ?? join(REPO, '.turbo/cache') });
}, SLOW);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, SLOW);

describe('pnpm start in a fresh clone', () => {
  it('installs first, then serves the docs page beside the mock server; SIGTERM to pnpm stops both', async () => {
    const started = await start();
    expect(started.output).toContain('not installed yet: installing it first');
    expect((await fetch(started.docs)).status).toBe(200);
    // The token request exactly as the start output prints it for the reader to try.
    const [, url, body] = /token: +POST (\S+) (\{.*\})/.exec(started.output);
    const token = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await token.json()).code).toBe(0);
    process.kill(started.child.pid, 'SIGTERM');
    expect(await stopped(started), started.output).toBe(true);
    await started.exit;
    expect(started.output).not.toMatch(/ERR_PNPM|ELIFECYCLE/);
  }, SLOW);

  it('Ctrl+C (SIGINT to the process group) stops both servers without a pnpm error', async () => {
    const started = await start();
    expect(started.output).not.toContain('installing it first');
    process.kill(-started.child.pid, 'SIGINT');
    expect(await stopped(started), started.output).toBe(true);
    await started.exit;
    expect(started.output).not.toMatch(/ERR_PNPM|ELIFECYCLE/);
  }, SLOW);
});
