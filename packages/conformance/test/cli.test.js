// The feishu-hire-conformance bin, spawned as a CI would run it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startMockServer } from '@feishu-hire/mock-server';
import { loadCases, toJUnit } from '../src/index.js';
import { SKIPPED } from './helpers/expected-skips.js';
import { startBrokenProxy } from './helpers/broken-proxy.js';

const BIN = fileURLToPath(new URL('../bin/feishu-hire-conformance.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'conformance-cli-'));
const cases = loadCases();

/** Spawns the bin and resolves to `{ code, stdout, stderr }`. */
function cli(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 100_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}
/** Parses a JUnit file, asserting it is well-formed XML first. */
function readJUnit(file) {
  const xml = readFileSync(file, 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' }).parse(xml);
  return doc.testsuites.testsuite;
}

let mock;
let proxy;
beforeAll(async () => {
  mock = await startMockServer({ rateLimitPerSecond: 0 });
  proxy = await startBrokenProxy(mock.url, 'drop-logid');
});
afterAll(async () => {
  await proxy.close();
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('feishu-hire-conformance', () => {
  it('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: feishu-hire-conformance \[options\]/);
    for (const flag of ['--base-url', '--token', '--app-id', '--app-secret', '--interview-id', '--allow-writes', '--junit', '--check-rate-limit', '--rate', '--timeout']) expect(stdout).toContain(flag);
    expect(stdout).toContain('every operation of the spec');
    expect(stdout).not.toContain('/open-apis/');
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--rate=fast'], '--rate: must be a number >= 0, got "fast"'],
    [['--timeout', '0'], '--timeout: must be an integer >= 1, got "0"'],
    [['--base-url', 'not a url', '--token', 't'], '--base-url: must be an absolute http(s) URL'],
    [['--base-url', 'http://127.0.0.1:9'], '--token: required with --base-url'],
    [['--base-url', 'http://127.0.0.1:9', '--token', 't', '--allow-writes'], '--allow-writes: needs an explicit --interview-id'],
    [['--base-url', 'http://127.0.0.1:9', '--app-id', 'a'], '--app-secret: required with --app-id'],
    [['--base-url', 'http://127.0.0.1:9', '--token', 't', '--interview-id', '6960663240925956660'], '--interview-id: only with --allow-writes: a reject-only run sends every case to a non-existent id'],
    [['--interview-id', '6960663240925956660'], '--interview-id: only with --allow-writes'],
    [['--token', 't'], '--token: only applies with --base-url'],
    [['extra'], "Unexpected argument 'extra'"],
  ])('bad command line %j exits 2 naming the flag', async (args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('without --base-url runs every case against the embedded mock, exits 0 and writes JUnit XML', async () => {
    const file = join(dir, 'embedded', 'junit.xml');
    const { code, stdout } = await cli(['--junit', file]);
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/^embedded mock server at http:\/\/127\.0\.0\.1:\d+$/m);
    const nonBurst = cases.filter((c) => !c.burst && !SKIPPED.includes(c.id));
    for (const c of nonBurst) expect(stdout).toContain(`✓ ${c.id} ${c.title}\n`);
    const bursts = cases.filter((c) => c.burst).length;
    expect(stdout).toContain(`conformance: ${nonBurst.length} passed, 0 failed, ${bursts + SKIPPED.length} skipped`);
    const suite = readJUnit(file);
    expect(Number(suite.tests)).toBe(cases.length);
    expect(Number(suite.failures)).toBe(0);
    expect(suite.testcase.map((t) => t.name.split(' ')[0]).sort()).toEqual(cases.map((c) => c.id).sort());
  });

  it('against a server that drops x-tt-logid exits 1, names the failing cases and reports them in JUnit', async () => {
    const file = join(dir, 'broken.xml');
    const { code, stdout, stderr } = await cli(['--base-url', proxy.url, '--app-id', 'cli_mock_app', '--app-secret', 'mock_app_secret', '--rate', '0', '--junit', file]);
    expect(code).toBe(1);
    expect(stderr).toContain('warning: --rate 0 is not under the documented limit of 10/second');
    const rejectOnly = cases.filter((c) => !c.writes && !c.burst && !SKIPPED.includes(c.id));
    for (const c of rejectOnly) expect(stdout).toContain(`✗ ${c.id} ${c.title} — spec: header.x-tt-logid is required`);
    expect(stdout).toContain(`conformance: 0 passed, ${rejectOnly.length} failed, ${cases.length - rejectOnly.length} skipped`);
    const suite = readJUnit(file);
    expect(Number(suite.failures)).toBe(rejectOnly.length);
    const failure = suite.testcase.find((t) => t.name.startsWith('updateExternalInterview.invalid.enum:/participate_status ')).failure;
    expect(failure.message).toContain('header.x-tt-logid is required');
  });

  it('--junit to a path it cannot write exits 2 before running, naming the path and the reason', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, '');
    for (const [target, reason] of [[dir, 'EISDIR'], [join(file, 'junit.xml'), 'EEXIST']]) {
      const { code, stdout, stderr } = await cli(['--junit', target]);
      expect(code).toBe(2);
      expect(stderr).toContain(`feishu-hire-conformance: --junit: cannot write ${target}: ${reason}`);
      expect(stdout).toBe(''); // nothing ran
    }
  });

  it('against an unreachable server exits 1 after the first connection failure, saying "cannot reach"', async () => {
    const server = createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${server.address().port}`;
    await new Promise((resolve) => server.close(resolve));
    const { code, stdout, stderr } = await cli(['--base-url', url, '--token', 't']);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^feishu-hire-conformance: cannot reach ${url}: .*ECONNREFUSED`, 'm'));
    expect(stdout).not.toContain('✗');
  });

  it('runs the opt-in rate-limit burst against the embedded mock with --check-rate-limit', async () => {
    // Real time: the 30 requests of the burst are sent at once, and 11 of them must reach the mock within one second.
    const { code, stdout, stderr } = await cli(['--check-rate-limit']);
    expect(code, stdout).toBe(0);
    expect(stderr).toBe('');
    for (const c of cases.filter((x) => x.burst)) expect(stdout).toContain(`✓ ${c.id} `);
    expect(stdout).toContain(`conformance: ${cases.length - SKIPPED.length} passed, 0 failed, ${SKIPPED.length} skipped`);
  });
});

describe('JUnit XML', () => {
  it('escapes names and messages and stays well-formed', () => {
    const xml = toJUnit({ durationMs: 5, results: [
      { id: 'a&b', title: '<x> "q" \'s\'', kind: 'invalid', status: 'failed', reason: 'got <html> & "quotes" \u0001', problems: ['p1 <', 'p2 &'], durationMs: 1, response: { logId: 'L1' } },
      { id: 'ok', title: 't', kind: 'valid', status: 'passed', reason: '', problems: [], durationMs: 2 },
      { id: 'sk', title: 't', kind: 'valid', status: 'skipped', reason: 'writes', problems: [], durationMs: 0 },
    ] });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('name="a&amp;b &lt;x&gt; &quot;q&quot; &apos;s&apos;"');
    expect(xml).toContain('tests="3" failures="1" skipped="1"');
    expect(xml).toContain('<skipped message="writes"/>');
    expect(xml).toContain('p1 &lt;\np2 &amp;\nx-tt-logid: L1</failure>');
  });
});
