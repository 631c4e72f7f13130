// Child processes for the release scripts and their tests: run a command and collect its output, run pnpm.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

/** Runs a command; resolves `{ code, stdout, stderr }` and never rejects on a non-zero exit. */
export function run(command, args, { cwd, timeoutMs = 180_000, env } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? `killed by ${signal}` : 1), stdout, stderr });
    });
  });
}

/** Throws with the command's output when it did not exit 0. */
export function mustSucceed(what, result) {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}\n${(result.stdout + result.stderr).trim().slice(-3000)}`);
  return result;
}

/** Command and arguments running pnpm: the pnpm running this script when there is one, else `npx -y pnpm@10`. */
export function pnpm(...args) {
  const execPath = process.env.npm_execpath ?? '';
  return /pnpm/.test(execPath) ? [process.execPath, [execPath, ...args]] : ['npx', ['-y', 'pnpm@10', ...args]];
}

/**
 * Parses a script's command-line options (node:util parseArgs, `--help` added): `{ values }`, or `{ exit }` once the
 * usage is printed (0 for --help, 2 with the error for a bad argument).
 */
export function cliOptions(argv, options, usage) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean' } } }));
  } catch (error) {
    console.error(`${error.message}\n${usage}`);
    return { exit: 2 };
  }
  if (values.help) {
    console.log(usage);
    return { exit: 0 };
  }
  return { values };
}
