#!/usr/bin/env node
// `pnpm start` (the root package.json): works from a fresh clone. Installs the workspace when it is not installed yet,
// builds the docs page and what it needs (turbo), then serves the page beside the mock server (packages/docs, its
// serve.js prints both URLs). It runs the server as its own child and passes Ctrl+C (SIGINT), SIGTERM and SIGHUP on to
// it, and stops it too when one of the processes that started it goes away (npx killed by SIGTERM passes it on to its
// shell only, and the shell dies without passing it on to pnpm), so no server outlives the command; a
// server stopped that way is a clean exit (0), not a failed script. Only Node's own modules: it runs before install.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The pnpm running this script (`npx -y pnpm@10 start`), else `npx -y pnpm@10`. */
function pnpmCommand(args) {
  const execPath = process.env.npm_execpath ?? '';
  return /pnpm/.test(execPath) ? [process.execPath, [execPath, ...args]] : ['npx', ['-y', 'pnpm@10', ...args]];
}

/** Runs a command with the terminal's output; resolves its exit code (1 when a signal ended it). */
function step(command, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

/** The parent process of `pid` (Linux /proc), or undefined. */
function parentOf(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** This process's ancestors below init: its parent, the parent's parent... (only the parent where /proc is missing). */
function ancestors() {
  const chain = [];
  for (let pid = process.ppid; pid > 1 && chain.length < 64; pid = parentOf(pid) ?? 0) chain.push(pid);
  return chain;
}

/** Whether a process is still there. */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Runs the docs server until it exits; forwards the stop signals to it and stops it when a starting process is gone. */
function serve(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'packages/docs/scripts/serve.js'), ...args], { cwd: ROOT, stdio: 'inherit' });
    const starters = ancestors();
    const stop = (signal) => { if (child.exitCode === null && child.signalCode === null) child.kill(signal); };
    for (const signal of SIGNALS) process.on(signal, () => stop(signal));
    const orphanWatch = setInterval(() => { if (!starters.every(alive)) stop('SIGTERM'); }, 500);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(orphanWatch);
      resolvePromise(code ?? (SIGNALS.includes(signal) ? 0 : 1));
    });
  });
}

/** Install when needed, build, serve; resolves the exit code. */
async function main(args) {
  if (!existsSync(join(ROOT, 'node_modules/.bin/turbo'))) {
    console.log('The workspace is not installed yet: installing it first (pnpm install --frozen-lockfile).');
    const code = await step(...pnpmCommand(['install', '--frozen-lockfile']));
    if (code !== 0) return code;
  }
  const built = await step(join(ROOT, 'node_modules/.bin/turbo'), ['run', 'build', '--filter=@feishu-hire/docs...', '--output-logs=errors-only']);
  if (built !== 0) return built;
  return serve(args[0] === '--' ? args.slice(1) : args);
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => { console.error(`start: ${error.message}`); process.exitCode = 1; });
