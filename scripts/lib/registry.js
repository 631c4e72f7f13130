// A real npm registry for tests: Verdaccio, started in this process on 127.0.0.1 (a port the OS picks), its storage
// and users in a directory of the caller, no uplink (it never asks another registry for anything).
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runServer } from 'verdaccio';

const USER = { name: 'release-test', password: 'release-test-password' };

/** Verdaccio's configuration: local storage, one htpasswd user who may publish, no uplinks, no web UI. */
function config(dir) {
  return {
    self_path: dir,
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 1 } },
    uplinks: {},
    packages: { '**': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' } },
    log: { type: 'stdout', format: 'pretty', level: 'error' },
    web: { enable: false },
  };
}

/** Adds the test user (npm's adduser request) and returns its token. */
async function addUser(url) {
  const response = await fetch(`${url}-/user/org.couchdb.user:${USER.name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: USER.name, password: USER.password }),
  });
  const body = await response.json();
  if (!response.ok || !body.token) throw new Error(`Verdaccio refused the test user: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

/**
 * The user config (for `npm_config_userconfig`) that makes npm and pnpm use only this registry: it is the default
 * registry, holds the token, and every other host goes through a proxy that refuses connections (127.0.0.1:9), so
 * nothing run with it can publish or look anything up anywhere else.
 */
function npmrcFor(url, token) {
  const host = new URL(url).host;
  return [`registry=${url}`, `//${host}/:_authToken=${token}`, 'proxy=http://127.0.0.1:9/', 'https-proxy=http://127.0.0.1:9/', `noproxy=${new URL(url).hostname}`, ''].join('\n');
}

/**
 * Starts Verdaccio with its files in `dir`; resolves `{ url, token, npmrc, storage, close }`, `npmrc` the path of a
 * user config that confines npm and pnpm to this registry (npmrcFor).
 */
export async function startRegistry(dir) {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const app = await runServer(config(dir));
  const server = await new Promise((resolvePromise, reject) => {
    const listening = app.listen(0, '127.0.0.1', () => resolvePromise(listening)).once('error', reject);
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const token = await addUser(url);
  const npmrc = join(dir, 'npmrc');
  writeFileSync(npmrc, npmrcFor(url, token));
  const close = () => new Promise((resolvePromise) => {
    server.close(() => resolvePromise());
    server.closeAllConnections();
  });
  return { url, token, npmrc, storage: join(dir, 'storage'), close };
}

/** Every file under `dir` with its size and modification time, sorted: equal listings mean nothing was written. */
export function listing(dir) {
  const files = [];
  const walk = (at) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(`${relative(dir, path)} ${statSync(path).size} ${statSync(path).mtimeMs}`);
    }
  };
  walk(dir);
  return files.sort();
}
