#!/usr/bin/env node
// A shared Turborepo remote cache on this machine: Turborepo's remote-cache HTTP protocol served by the
// turborepo-remote-cache server (npm package) on 127.0.0.1, storing artifacts in a local directory. Builds of any
// clone that set the printed TURBO_API / TURBO_TOKEN / TURBO_TEAM read and write it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SERVER = join(dirname(createRequire(import.meta.url).resolve('turborepo-remote-cache/package.json')), 'dist/cli.js');
/** The team name the cache files artifacts under (any name works; clients must agree on it). */
export const TEAM = 'feishu-hire';
const USAGE = `Usage: node scripts/remote-cache.js [--port N] [--storage DIR] [--token T]
  --port     port on 127.0.0.1 (default 0: the OS picks a free one)
  --storage  directory of the cached artifacts (default .turbo/remote-cache)
  --token    bearer token clients must send (default TURBO_TOKEN, else a random one)`;

/**
 * Starts turborepo-remote-cache on `host`:`port` with local storage in `storagePath`. Resolves, once it listens, to
 * `{ url, token, env, close }`; `env` holds the TURBO_API, TURBO_TOKEN and TURBO_TEAM a turbo client needs.
 */
export function startRemoteCache({ storagePath, port = 0, host = '127.0.0.1', token = randomBytes(16).toString('hex'), timeoutMs = 120_000 }) {
  mkdirSync(storagePath, { recursive: true });
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, NODE_ENV: 'production', HOST: host, PORT: String(port), TURBO_TOKEN: token, LOG_LEVEL: 'info',
      STORAGE_PROVIDER: 'local', STORAGE_PATH: storagePath, STORAGE_PATH_USE_TMP_FOLDER: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const fail = (message) => { clearTimeout(timer); child.kill(); reject(new Error(`${message}\n${output.slice(-2000)}`)); };
    const timer = setTimeout(() => fail(`turborepo-remote-cache did not listen within ${timeoutMs / 1000} s`), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const match = /Server listening at (http:\/\/[\d.]+:\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.resume();
      const url = match[1];
      resolvePromise({ url, token, env: { TURBO_API: url, TURBO_TOKEN: token, TURBO_TEAM: TEAM }, close: () => stop(child) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', (error) => fail(`turborepo-remote-cache did not start: ${error.message}`));
    child.on('exit', (code) => fail(`turborepo-remote-cache exited ${code} before listening`));
  });
}

/** Stops the server child and resolves once it has exited. */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.removeAllListeners('exit');
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
  });
}

/** CLI: serves the cache until Ctrl+C and prints what to export in a shell that runs turbo. */
async function main(argv) {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, storage: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got ${values.port}`);
  const storagePath = resolve(values.storage ?? join(ROOT, '.turbo/remote-cache'));
  const given = values.token ?? process.env.TURBO_TOKEN;
  const cache = await startRemoteCache({ storagePath, port, token: given || undefined });
  console.log(`Turborepo remote cache listening on ${cache.url} (artifacts in ${storagePath})`);
  console.log('Export in the shell that runs turbo:');
  // A token the user chose is a secret and is not echoed; a generated one is printed so that it can be used.
  const shown = { ...cache.env, TURBO_TOKEN: given ? '<the token you gave>' : cache.token };
  for (const [name, value] of Object.entries(shown)) console.log(`  export ${name}=${value}`);
  const quit = () => cache.close().then(() => process.exit(0));
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => { console.error(`remote-cache: ${error.message}`); process.exitCode = 2; });
}
