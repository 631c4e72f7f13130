// Fresh clones of the working tree for tests that build the repository the way a new machine would: a snapshot
// commit of every tracked or untracked, not ignored file, cloned with git, installed with pnpm, built with its turbo.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { mustSucceed, pnpm, run } from './process.js';

const GIT_ID = { GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.invalid' };

/** Commits the working tree of `repo` (tracked and untracked files that git does not ignore) as a new repository in `dir`. */
export async function snapshot(repo, dir) {
  const { stdout } = mustSucceed('git ls-files', await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo }));
  for (const file of new Set(stdout.split('\0').filter(Boolean))) {
    if (!existsSync(join(repo, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(repo, file), join(dir, file));
  }
  mustSucceed('git init', await run('git', ['init', '-q', '-b', 'main'], { cwd: dir }));
  mustSucceed('git add', await run('git', ['add', '-A'], { cwd: dir }));
  mustSucceed('git commit', await run('git', ['commit', '-q', '-m', 'snapshot'], { cwd: dir, env: GIT_ID }));
  return dir;
}

/** Clones `source` into `dir` and installs it with pnpm (from the store, frozen lockfile), only `filter` if given. */
export async function cloneAndInstall(source, dir, filter) {
  mustSucceed('git clone', await run('git', ['clone', '-q', source, dir]));
  const args = ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only', ...(filter ? [`--filter=${filter}`] : [])];
  mustSucceed('pnpm install', await run(...pnpm(...args), { cwd: dir, timeoutMs: 600_000 }));
  return dir;
}

/**
 * The pnpm this process can run, as an absolute command: the one running it, else the one `npx -y pnpm@10` installs
 * (resolved once, here, so that a later run with another registry configured never asks a registry for pnpm).
 */
function resolvedPnpm() {
  const [command, args] = pnpm();
  if (command === process.execPath) return [command, ...args];
  const path = execFileSync('npx', ['-y', '-p', 'pnpm@10', '-c', 'command -v pnpm'], { encoding: 'utf8' }).trim();
  return [path];
}

/**
 * The environment for turbo in a clone: no TURBO_* variable of the calling process (a cache directory or a remote
 * cache of its own would leak in) and no npm_* one (the calling pnpm's configuration, such as its registry, would
 * override the clone's), no telemetry, `extra` on top, and `pnpm` on PATH (turbo runs each task with it).
 */
export function turboEnv(scratch, extra = {}) {
  const inherited = (name) => name.startsWith('TURBO_') || /^npm_/i.test(name);
  const env = Object.fromEntries(Object.keys(process.env).filter(inherited).map((name) => [name, undefined]));
  const path = process.env.PATH ?? '';
  const hasPnpm = path.split(delimiter).some((dir) => dir && existsSync(join(dir, 'pnpm')));
  const bin = join(scratch, 'bin');
  if (!hasPnpm && !existsSync(join(bin, 'pnpm'))) {
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'pnpm'), `#!/bin/sh\nexec ${resolvedPnpm().map((a) => `'${a}'`).join(' ')} "$@"\n`);
    chmodSync(join(bin, 'pnpm'), 0o755);
  }
  return { ...env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', PATH: hasPnpm ? path : `${bin}${delimiter}${path}`, ...extra };
}

/** Runs the clone's own turbo with `args` and `env`; throws with its output on failure. */
export async function turbo(clone, args, env) {
  return mustSucceed(`turbo ${args.join(' ')}`, await run(join(clone, 'node_modules/.bin/turbo'), args, { cwd: clone, env, timeoutMs: 600_000 }));
}

/** Runs `turbo run ARGS --summarize` in `clone` and returns its run summary (the JSON turbo writes under .turbo/runs). */
export async function turboSummary(clone, args, env) {
  const dir = join(clone, '.turbo/runs');
  rmSync(dir, { recursive: true, force: true });
  const result = await turbo(clone, ['run', ...args, '--summarize'], env);
  const [file] = readdirSync(dir).filter((name) => name.endsWith('.json'));
  return { ...result, summary: JSON.parse(readFileSync(join(dir, file), 'utf8')) };
}
