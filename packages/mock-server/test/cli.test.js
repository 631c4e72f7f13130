// The feishu-hire-mock CLI, run as a real child process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { operationById, operations } from '@feishu-hire/spec/model';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { call, fetchToken, seedWithParents } from './helpers.js';

const BIN = fileURLToPath(new URL('../bin/feishu-hire-mock.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'feishu-hire-mock-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const children = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Spawns the CLI with `args`; resolves with the child and the URL once it printed its listening line. */
function startCli(args) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /^Mock server listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
      if (url) resolve({ child, url, output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code} before listening: ${err}`)));
  });
}

/** Runs the CLI to completion (its own cleanup: safe in concurrent tests); resolves with its exit code and output. */
async function runCli(args) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 50_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // 'close', not 'exit': 'exit' may come before the last output is read from the pipes (an empty stderr, seen once).
  const [code] = await once(child, 'close');
  return { code, stdout, stderr };
}

describe('feishu-hire-mock CLI', () => {
  it('prints its URL, serves requests, logs them, and exits 0 on SIGTERM', async () => {
    const { child, url, output } = await startCli([]);
    const mock = { url };
    const token = await fetchToken(mock);
    const { res, json } = await call(mock, '/open-apis/hire/v1/external_interviews/6960663240925956660', {
      token,
      body: { external_application_id: '6960663240925956437', participate_status: 2 },
    });
    expect(res.status).toBe(200);
    expect(json.data.external_interview.participate_status).toBe(2);
    expect(output()).toContain('App credentials: app_id=cli_mock_app app_secret=mock_app_secret');
    child.kill('SIGTERM');
    const [code] = await once(child, 'close'); // after the pipes' last output, which the check below reads
    expect(code).toBe(0);
    expect(output()).toMatch(/PUT \/open-apis\/hire\/v1\/external_interviews\/6960663240925956660 -> 200 code=0 logid=\d{14}[0-9A-F]{20}/);
  });

  it('applies --seed, --rate-limit, --token-ttl, --app and --token', async () => {
    const seed = join(dir, 'seed.json');
    const interviews = operationById('updateExternalInterview').resource.name;
    writeFileSync(seed, JSON.stringify(seedWithParents(interviews, ['app-1'], { [interviews]: [{ id: 'cli-1', external_application_id: 'app-1' }] })));
    const { url } = await startCli(['--seed', seed, '--rate-limit', '1', '--token-ttl', '60', '--app', 'cli_x:s3cret', '--token', 't-cli', '--quiet']);
    const mock = { url };
    const path = '/open-apis/hire/v1/external_interviews/cli-1';
    const body = { external_application_id: 'app-1' };
    // --rate-limit 1, on the CLI's real clock: of 5 requests sent at once, only the first of a second passes. (All 5
    // would pass only if they reached the mock over 4 s apart, or if --rate-limit were ignored: the default is 10.)
    const burst = await Promise.all(Array.from({ length: 5 }, () => call(mock, path, { token: 't-cli', body })));
    const limited = burst.filter(({ res }) => res.status === 429);
    expect(burst.filter(({ res }) => res.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0].res.headers.get('x-ogw-ratelimit-limit')).toBe('1');
    const issued = await call(mock, '/open-apis/auth/v3/tenant_access_token/internal', {
      method: 'POST',
      body: { app_id: 'cli_x', app_secret: 's3cret' },
    });
    expect(issued.json.expire).toBe(60);
    const defaults = await call(mock, '/open-apis/auth/v3/tenant_access_token/internal', {
      method: 'POST',
      body: { app_id: 'cli_mock_app', app_secret: 'mock_app_secret' },
    });
    expect(defaults.json.code).toBe(10014); // --app replaces the default credentials
  });

  it('applies a seed file of resources and --limit: the store holds the seed, a create over the limit is refused', async () => {
    const seed = join(dir, 'resources.json');
    writeFileSync(seed, JSON.stringify({ external_interview: [{ id: 'cli-2', external_application_id: 'app-2' }] }));
    const { url } = await startCli(['--seed', seed, '--limit', 'records=1', '--no-parent-checks', '--token', 't-cli', '--quiet']);
    const created = await call({ url }, '/open-apis/hire/v1/external_interviews', { method: 'POST', token: 't-cli', body: { external_application_id: 'app-2' } });
    expect(created.json.msg).toContain('external_interview: the mock holds 1 records, its limit (limits.records, --limit records=N)');
    expect((await call({ url }, '/open-apis/hire/v1/external_interviews/cli-2', { token: 't-cli', body: { external_application_id: 'app-2' } })).json.code).toBe(0);
  });

  it('--strict-fields rejects undeclared body fields (dropped without it)', async () => {
    const path = '/open-apis/hire/v1/external_interviews/6960663240925956660';
    const body = { external_application_id: '6960663240925956437', surprise: 1 };
    const strict = { url: (await startCli(['--strict-fields', '--token', 't-cli', '--quiet'])).url };
    expect((await call(strict, path, { token: 't-cli', body })).json.msg).toBe('参数错误: body.surprise is not an allowed field');
    const lenient = { url: (await startCli(['--token', 't-cli', '--quiet'])).url };
    expect((await call(lenient, path, { token: 't-cli', body })).json.code).toBe(0);
  });

  it('--fault injects faults: system-error:times=1 answers the first PUT 500, then recovers', async () => {
    const mock = { url: (await startCli(['--fault', 'system-error:times=1', '--fault', 'latency:ms=1,op=updateExternalInterview', '--token', 't-cli', '--quiet'])).url };
    const path = '/open-apis/hire/v1/external_interviews/6960663240925956660';
    const body = { external_application_id: '6960663240925956437' };
    expect((await call(mock, path, { token: 't-cli', body })).json.code).toBe(1002001);
    expect((await call(mock, path, { token: 't-cli', body })).json.code).toBe(0);
  });

  it('--request-timeout answers a request that stops mid-body 408 in the envelope', async () => {
    const { url } = await startCli(['--request-timeout', '1000', '--quiet']);
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(url).port) });
    socket.on('error', () => {});
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.write('PUT /open-apis/hire/v1/external_interviews/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\n{');
    await once(socket, 'close');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('"msg":"request timeout: the request was not received in full within 1000 ms');
  });

  it('exits 0 on SIGINT too', async () => {
    const { child } = await startCli(['--quiet']);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('a port in use exits 1 with the reason', async () => {
    const { url } = await startCli(['--quiet']);
    const { code, stderr } = await runCli(['--port', new URL(url).port]);
    expect(code).toBe(1);
    expect(stderr).toContain('EADDRINUSE');
    expect(stderr).toContain('--port: choose a free port, or 0');
  });

  it('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: feishu-hire-mock \[options\]/);
    for (const flag of ['--port', '--host', '--seed', '--rate-limit', '--token-ttl', '--request-timeout', '--strict-fields', '--limit', '--no-parent-checks', '--fault', '--help']) expect(stdout).toContain(flag);
    for (const { method, path } of operations) expect(stdout).toContain(`  ${method} ${path}  `); // every operation of the model
  });

  it.concurrent.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--port', 'abc'], '--port must be a non-negative integer (got "abc")'],
    [['--rate-limit=-3'], '--rate-limit must be a non-negative integer (got "-3")'],
    [['--rate-limit', '-3'], "Option '--rate-limit' argument is ambiguous"],
    [['--token-ttl', '9000'], '--token-ttl must be <= 7200'],
    [['--token-ttl', '0'], '--token-ttl must be >= 1'],
    [['--port', '70000'], '--port must be <= 65535'],
    [['--app', 'nosecret'], '--app must be ID:SECRET (got "nosecret")'],
    [['extra'], "Unexpected argument 'extra'"],
    [['--request-timeout', 'soon'], '--request-timeout must be a non-negative integer (got "soon")'],
    [['--limit', 'rows=1'], '--limit "rows=1": NAME must be one of records, listItems, idList, idempotencyKeys'],
    [['--limit', 'records=0'], '--limit "records=0": N must be a positive integer'],
    [['--fault', 'boom'], '--fault "boom": kind must be one of "system-error", "rate-limit", "latency", "reset", "stall"'],
    [['--fault', 'system-error:share=2'], '--fault "system-error:share=2": share must be <= 1'],
    [['--fault', 'system-error:share=half'], '--fault "system-error:share=half": share must be a number (got "half")'],
    [['--fault', 'latency'], '--fault "latency": ms is required for kind latency'],
    [['--fault', 'reset:times=2,share=0.5'], '--fault "reset:times=2,share=0.5": times cannot be given with share'],
    [['--fault', 'reset:every=2'], '--fault "reset:every=2": "every=2" must be KEY=VALUE with KEY one of share, times, ms, op, reset'],
    [['--fault', 'reset:op=nope'], '--fault "reset:op=nope": op must name an operation of the spec'],
  ])('%j is a usage error: a clear message and exit code 2', async (args, message) => {
    const { code, stderr, stdout } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('feishu-hire-mock --help');
    expect(stdout).toBe('');
  });

  it('an unreadable seed file exits 2 naming --seed', async () => {
    const { code, stderr } = await runCli(['--seed', join(dir, 'missing.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--seed: Cannot read seed file ${join(dir, 'missing.json')}: ENOENT`);
  });

  it('a host that does not resolve exits 2 naming --host', async () => {
    const { code, stderr } = await runCli(['--host', 'nonexistent.invalid']);
    expect(code).toBe(2);
    expect(stderr).toContain('--host: cannot listen on "nonexistent.invalid" (getaddrinfo ');
  });

  it('a bad seed file exits 2 naming the field', async () => {
    const seed = join(dir, 'bad.json');
    writeFileSync(seed, JSON.stringify([{ id: '1', external_application_id: 2 }]));
    const { code, stderr } = await runCli(['--seed', seed]);
    expect(code).toBe(2);
    expect(stderr).toContain(`Invalid seed file ${seed}: interviews[0].external_application_id must be of type string`);
  });
});
