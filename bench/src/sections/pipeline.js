// Pipeline timings in a throwaway copy of the committed repo: cold, warm (full cache) and after a one-line spec edit.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../lib/contenders.js';
import { run } from '../lib/proc.js';

const TURBO_ENV = { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', TURBO_UI: 'false', CI: '1', FORCE_COLOR: '0' };
let copyPromise;
/** Cold build time of the unmodified copy, once the pipeline section has measured it (reused by the scale section). */
export const lastCold = { ms: null };
const copies = [];

/** Removes every workspace copy this process made (safe to call more than once). */
export function cleanupCopies() {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Resolves {dir, commit} of a temp copy of HEAD (`git archive`, never touching /work/main's tree) with its own git
 * repository and an offline-preferring frozen pnpm install. Made once per process.
 */
export function workspaceCopy(log = () => {}) {
  copyPromise ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'feishu-bench-repo-'));
    copies.push(dir);
    const commit = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT })).stdout.trim();
    log(`pipeline: copying HEAD ${commit} into ${dir}`);
    await run('sh', ['-c', `git -C "${REPO_ROOT}" archive --format=tar HEAD | tar -x -C "${dir}"`]);
    const git = (args) => run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], { cwd: dir });
    await git(['init', '-q']);
    await git(['add', '-A']);
    await git(['commit', '-q', '-m', `snapshot of ${commit}`]);
    log('pipeline: pnpm install --frozen-lockfile --prefer-offline (under the shared install lock)');
    const install = (frozen) => run('flock', ['/tmp/feishu-pnpm.lock', 'npx', '-y', 'pnpm@10', 'install', frozen, '--prefer-offline'], { cwd: dir, timeoutMs: 600_000, allowFail: true });
    let installNote = 'frozen lockfile';
    let res = await install('--frozen-lockfile');
    if (res.code !== 0) {
      installNote = 'the committed lockfile was out of date, so installed with --no-frozen-lockfile';
      log(`pipeline: ${installNote}`);
      res = await install('--no-frozen-lockfile');
      if (res.code !== 0) throw new Error(`pnpm install in the copy failed:\n${(res.stderr + res.stdout).trim().split('\n').slice(-10).join('\n')}`);
    }
    return { dir, commit, installNote };
  })();
  return copyPromise;
}

let pnpmBinDir;

/** Directory of the pnpm@10 binary that `npx -y pnpm@10` runs (turbo needs pnpm on PATH). */
async function pnpmDir(cwd) {
  pnpmBinDir ??= path.dirname((await run('npx', ['-y', 'pnpm@10', 'exec', 'sh', '-c', 'command -v pnpm'], { cwd })).stdout.trim().split('\n').pop());
  return pnpmBinDir;
}

/** Runs `turbo run build` (extra args appended) in `dir` and resolves {ms, cached, total, output}. */
export async function turboBuild(dir, extra = []) {
  const env = { ...TURBO_ENV, PATH: `${await pnpmDir(dir)}${path.delimiter}${process.env.PATH}` };
  const res = await run(path.join(dir, 'node_modules/.bin/turbo'), ['run', 'build', '--output-logs=errors-only', ...extra], { cwd: dir, env, timeoutMs: 900_000 });
  const m = res.stdout.match(/Cached:\s+(\d+) cached, (\d+) total/);
  return { ms: res.ms, cached: m ? Number(m[1]) : null, total: m ? Number(m[2]) : null, output: res.stdout };
}

/** Appends a marker to the first single-line `description:` of the operation's path file; returns the edited file. */
export async function editOneSpecLine(dir) {
  const file = path.join(dir, 'specs/paths/hire_v1_external_interviews_{external_interview_id}.yaml');
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  const i = lines.findIndex((l) => /^\s*(description|summary):\s+\S/.test(l) && !/[|>]\s*$/.test(l));
  if (i < 0) throw new Error(`${file}: no single-line description/summary to edit`);
  lines[i] += ' (edited by bench)';
  await writeFile(file, lines.join('\n'));
  return path.relative(dir, file);
}

const cachedText = (b) => (b.total === null ? '' : ` (${b.cached}/${b.total} tasks cached)`);

/** Report rows of this section. */
export async function pipelineSection({ log = () => {} } = {}) {
  const { dir, commit, installNote } = await workspaceCopy(log);
  const cold = await turboBuild(dir, ['--force']);
  lastCold.ms = cold.ms;
  log(`pipeline: cold ${cold.ms.toFixed(0)} ms${cachedText(cold)}`);
  const warm = await turboBuild(dir);
  log(`pipeline: warm ${warm.ms.toFixed(0)} ms${cachedText(warm)}`);
  const edited = await editOneSpecLine(dir);
  const afterEdit = await turboBuild(dir);
  log(`pipeline: after spec edit ${afterEdit.ms.toFixed(0)} ms${cachedText(afterEdit)}`);
  await run('git', ['checkout', '--', '.'], { cwd: dir }); // the temp copy, never /work/main
  const row = (metric, b) => ({ metric: `${metric}${cachedText(b)}`, unit: 'ms', ours: b.ms, official: null, floor: null, ratio: null });
  return {
    rows: [
      { section: 'Pipeline (`turbo run build`, every package, in a temp copy of HEAD)' },
      row('cold build (`--force`)', cold),
      row('warm build (full cache)', warm),
      row(`build after a one-line spec edit`, afterEdit),
    ],
    notes: [`Pipeline: \`git archive\` of HEAD (${commit}) into a temp dir with its own git repo and \`pnpm install --prefer-offline\` (${installNote}); wall time of \`turbo run build\` (lint → bundle → generate → build for every workspace package): with \`--force\` (cold), again (warm, local cache only), then after appending text to one description line of ${edited}. The official SDK and the floor have no build pipeline, so those columns are n/a.`],
    data: { commit, cold: cold.ms, warm: warm.ms, afterEdit: afterEdit.ms, cachedAfterEdit: afterEdit.cached, total: afterEdit.total },
  };
}
