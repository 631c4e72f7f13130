// The feishu-hire-mock CLI with credentials in the environment: FEISHU_APP_ID/FEISHU_APP_SECRET and
// FEISHU_TENANT_ACCESS_TOKEN apply unless their flag is given, and a secret is never printed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { APP, API_PATH, APPLICATION_ID, call, TOKEN_URL_PATH } from './helpers.js';

const BIN = fileURLToPath(new URL('../bin/feishu-hire-mock.js', import.meta.url));
const SECRET = 'env-secret-never-printed-9c1d';
const children = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Spawns the CLI with `env` over an environment cleared of FEISHU_*; resolves at its listening line, or its exit. */
function startCli(args, env) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('FEISHU_')));
  const child = spawn(process.execPath, [BIN, '--quiet', ...args], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  return new Promise((resolve) => {
    child.stdout.on('data', () => {
      const url = /^Mock server listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
      if (url && /^App credentials: .*$/m.test(out)) resolve({ url, output: () => out });
    });
    // 'close', not 'exit': its output is all read by then.
    child.once('close', (code) => resolve({ code, output: () => out }));
  });
}

/** The `code` of the token endpoint for `app_id`/`app_secret`. */
async function tokenCode(mock, app_id, app_secret) {
  return (await call(mock, TOKEN_URL_PATH, { method: 'POST', body: { app_id, app_secret } })).json.code;
}

describe('feishu-hire-mock credentials from the environment', () => {
  it('accepts FEISHU_APP_ID / FEISHU_APP_SECRET instead of the default app and does not print the secret', async () => {
    const mock = await startCli([], { FEISHU_APP_ID: 'cli_env', FEISHU_APP_SECRET: SECRET });
    expect(await tokenCode(mock, 'cli_env', SECRET)).toBe(0);
    expect(await tokenCode(mock, APP.app_id, APP.app_secret)).not.toBe(0);
    expect(mock.output()).toContain('App credentials: app_id=cli_env app_secret=(from FEISHU_APP_SECRET, not shown)');
    expect(mock.output()).not.toContain(SECRET);
  });

  it('accepts FEISHU_TENANT_ACCESS_TOKEN as a static token', async () => {
    const mock = await startCli([], { FEISHU_TENANT_ACCESS_TOKEN: 't-from-env' });
    const { json } = await call(mock, API_PATH, { token: 't-from-env', body: { external_application_id: APPLICATION_ID } });
    expect(json.code).toBe(0);
    expect(mock.output()).not.toContain('t-from-env');
  });

  it('lets --app and --token win over the environment, and never prints the --app secret either', async () => {
    const mock = await startCli(['--app', `cli_flag:${SECRET}-flag`, '--token', 't-flag'],
      { FEISHU_APP_ID: 'cli_env', FEISHU_APP_SECRET: SECRET, FEISHU_TENANT_ACCESS_TOKEN: 't-from-env' });
    expect(await tokenCode(mock, 'cli_flag', `${SECRET}-flag`)).toBe(0);
    expect(await tokenCode(mock, 'cli_env', SECRET)).not.toBe(0);
    const body = { external_application_id: APPLICATION_ID };
    expect((await call(mock, API_PATH, { token: 't-from-env', body })).json.code).not.toBe(0);
    expect((await call(mock, API_PATH, { token: 't-flag', body })).json.code).toBe(0);
    expect(mock.output()).toContain('app_secret=(from --app, not shown)');
    expect(mock.output()).not.toContain(SECRET);
  });

  it('exits 2 naming the missing variable when only one of FEISHU_APP_ID / FEISHU_APP_SECRET is set', async () => {
    const run = await startCli([], { FEISHU_APP_SECRET: SECRET });
    expect(run.code).toBe(2);
    expect(run.output()).toContain('feishu-hire-mock: FEISHU_APP_ID must be set with FEISHU_APP_SECRET');
    expect(run.output()).not.toContain(SECRET);
  });
});
