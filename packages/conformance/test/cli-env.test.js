// Credentials from the environment (FEISHU_TENANT_ACCESS_TOKEN, FEISHU_APP_ID, FEISHU_APP_SECRET): a flag wins over its
// variable, the two kinds never mix, errors name variables and never their values, and a run never prints the secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '@feishu-hire/mock-server';
import { parseCli, UsageError } from '../src/cli.js';

const BIN = fileURLToPath(new URL('../bin/feishu-hire-conformance.js', import.meta.url));
const BASE = ['--base-url', 'http://127.0.0.1:9'];
const SECRET = 'env-secret-never-printed-7f3a';

/** Spawns the bin with `env` on top of a process environment cleared of FEISHU_* variables. */
function cli(args, env) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('FEISHU_')));
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...clean, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

describe('parseCli credentials', () => {
  const parse = (args, env) => parseCli([...BASE, ...args], env);
  const usageError = (args, env) => {
    try {
      parse(args, env);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return error.message;
    }
    throw new Error('no UsageError');
  };

  it('reads the token or the app credentials from the environment', () => {
    expect(parse([], { FEISHU_TENANT_ACCESS_TOKEN: 't-env' })).toMatchObject({ token: 't-env', appId: undefined });
    expect(parse([], { FEISHU_APP_ID: 'cli_env', FEISHU_APP_SECRET: SECRET })).toMatchObject({ appId: 'cli_env', appSecret: SECRET, token: undefined });
  });

  it('lets a flag win over its variable, and over the variables of the other kind', () => {
    expect(parse(['--token', 't-flag'], { FEISHU_TENANT_ACCESS_TOKEN: 't-env' }).token).toBe('t-flag');
    expect(parse(['--token', 't-flag'], { FEISHU_APP_ID: 'cli_env', FEISHU_APP_SECRET: SECRET })).toMatchObject({ token: 't-flag', appId: undefined, appSecret: undefined });
    expect(parse(['--app-id', 'cli_flag', '--app-secret', 'flag'], { FEISHU_TENANT_ACCESS_TOKEN: 't-env', FEISHU_APP_ID: 'cli_env' }))
      .toMatchObject({ token: undefined, appId: 'cli_flag', appSecret: 'flag' });
    // The usual split: the id on the command line, the secret kept off it.
    expect(parse(['--app-id', 'cli_flag'], { FEISHU_APP_SECRET: SECRET })).toMatchObject({ appId: 'cli_flag', appSecret: SECRET });
  });

  it('names the variables, never their values, when they do not make one way to authenticate', () => {
    const both = usageError([], { FEISHU_TENANT_ACCESS_TOKEN: 't-env', FEISHU_APP_ID: 'cli_env', FEISHU_APP_SECRET: SECRET });
    expect(both).toBe('FEISHU_TENANT_ACCESS_TOKEN: give either FEISHU_TENANT_ACCESS_TOKEN or FEISHU_APP_ID/FEISHU_APP_SECRET, not both');
    expect(usageError([], { FEISHU_APP_ID: 'cli_env' })).toBe('--app-secret: required with FEISHU_APP_ID (or set FEISHU_APP_SECRET)');
    const noId = usageError([], { FEISHU_APP_SECRET: SECRET });
    expect(noId).toBe('--app-id: required with FEISHU_APP_SECRET (or set FEISHU_APP_ID)');
    expect(noId).not.toContain(SECRET);
    expect(usageError([], {})).toContain('FEISHU_TENANT_ACCESS_TOKEN');
  });

  it('ignores the environment without --base-url (the embedded mock issues its own token)', () => {
    expect(parseCli([], { FEISHU_TENANT_ACCESS_TOKEN: 't-env', FEISHU_APP_ID: 'cli_env' })).toMatchObject({ baseUrl: undefined });
    expect(parseCli([], { FEISHU_TENANT_ACCESS_TOKEN: 't-env' }).token).toBeUndefined();
  });
});

describe('the bin with credentials in the environment', () => {
  let mock;
  beforeAll(async () => {
    mock = await startMockServer({ apps: [{ appId: 'cli_env', appSecret: SECRET }], rateLimitPerSecond: 0 });
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('runs against a server with FEISHU_APP_ID / FEISHU_APP_SECRET and prints neither the secret nor the token', async () => {
    const { code, stdout, stderr } = await cli(['--base-url', mock.url, '--rate', '0'], { FEISHU_APP_ID: 'cli_env', FEISHU_APP_SECRET: SECRET });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/conformance: \d+ passed, 0 failed/);
    expect(stdout + stderr).not.toContain(SECRET);
    expect(stdout + stderr).not.toMatch(/\bt-[0-9a-f]{8,}/);
  });

  it('exits 1 without printing the secret when the server refuses it', async () => {
    const { code, stdout, stderr } = await cli(['--base-url', mock.url, '--rate', '0'], { FEISHU_APP_ID: 'cli_env', FEISHU_APP_SECRET: `${SECRET}-wrong` });
    expect(code).toBe(1);
    expect(stderr).toContain('tenant_access_token request failed');
    expect(stdout + stderr).not.toContain(SECRET);
  });
});
