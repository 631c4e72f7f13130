// Process helpers: run commands with a time bound, start servers and wait for their URL, pick free ports.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs `cmd args` and resolves {code, stdout, stderr, ms}; rejects on a non-zero exit unless `allowFail`. */
export function run(cmd, args, { cwd, env, timeoutMs = 600_000, allowFail = false, input } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const result = { code, signal, stdout, stderr, ms };
      if ((code !== 0 || signal) && !allowFail) {
        const tail = (stderr || stdout).trim().split('\n').slice(-15).join('\n');
        reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}) in ${cwd ?? process.cwd()}:\n${tail}`));
      } else resolve(result);
    });
    if (input !== undefined) {
      child.stdin.on('error', () => {}); // the child may exit before reading its input
      child.stdin.end(input);
    }
  });
}

/** Resolves a TCP port that the OS just handed out on 127.0.0.1 (free at the time of the call). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Spawns a long-running server process and resolves {child, url, stop()} once a line of its output
 * matches `urlPattern` (first capture group, or the whole match, is the URL); rejects after `timeoutMs`.
 */
export function startServerProcess(cmd, args, { cwd, env, urlPattern, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let done = false;
    const stop = () => new Promise((res) => {
      if (child.exitCode !== null || child.signalCode !== null) return res();
      child.once('exit', () => res());
      try { process.kill(-child.pid, 'SIGTERM'); } catch { child.kill('SIGTERM'); }
      setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } }, 3000).unref();
    });
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      stop();
      reject(new Error(`${cmd} ${args.join(' ')} did not print a URL within ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    const onData = (d) => {
      output += d;
      const m = output.match(urlPattern);
      if (m && !done) {
        done = true;
        clearTimeout(timer);
        resolve({ child, url: (m[1] ?? m[0]).replace(/\/$/, ''), stop, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(new Error(`${cmd} ${args.join(' ')} exited (${signal ?? code}) before printing a URL:\n${output.slice(-2000)}`));
    });
  });
}
