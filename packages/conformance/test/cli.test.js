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
import { resources } from '@feishu-hire/spec/model';
import { loadCases, main, toJUnit } from '../src/index.js';
import { MUTANTS } from './helpers/mutants.js';
import { json, startProxy } from './helpers/proxy.js';
import { SKIPPED } from './helpers/expected-skips.js';

const BIN = fileURLToPath(new URL('../bin/feishu-hire-conformance.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'conformance-cli-'));
const cases = loadCases();
// The resource the write tests look at, found by its roles.
const resource = resources.find((r) => r.operations.update === 'updateExternalInterview'); // the interviews: the answers below are theirs

/** Spawns the bin and resolves to `{ code, stdout, stderr }`. */
function cli(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 100_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}
/** Runs the CLI's main() in this process; resolves to `{ code, stdout }`. */
async function inProcess(args) {
  const out = [];
  const io = { stdout: { write: (t) => out.push(t) }, stderr: { write: (t) => out.push(t) } };
  const code = await main(args, io);
  return { code, stdout: out.join('') };
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
  proxy = await startProxy(mock.url, { response: async (res) => { delete res.headers['x-tt-logid']; } });
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
    for (const flag of ['--base-url', '--token', '--app-id', '--app-secret', '--target', '--spec', '--only', '--allow-writes', '--junit', '--check-rate-limit', '--no-check-rate-limit', '--expired-token', '--accept-unconfirmed', '--skip-msg-check', '--rate', '--timeout']) expect(stdout).toContain(flag);
    expect(stdout).toContain('3 no case failed but some are unconfirmed');
    expect(stdout).toContain('every operation of the spec');
    expect(stdout).not.toContain('/open-apis/');
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--rate=fast'], '--rate: must be a number >= 0, got "fast"'],
    [['--timeout', '0'], '--timeout: must be an integer >= 1, got "0"'],
    [['--base-url', 'not a url', '--token', 't'], '--base-url: must be an absolute http(s) URL'],
    [['--base-url', 'http://127.0.0.1:9'], '--token: required with --base-url'],
    [['--base-url', 'http://127.0.0.1:9', '--token', 't', '--target', `${resource.idParameter}=1`], '--target: only with --allow-writes: a reject-only run sends every case to a non-existent id'],
    [['--target', 'nothing_id=1'], '--target: nothing_id is not the id parameter of a resource of the spec or the field naming a parent ('],
    [['--target', resource.idParameter], `--target: must be NAME=ID, got "${resource.idParameter}"`],
    [['--target', `${resource.idParameter}=1`, '--target', `${resource.idParameter}=2`], `--target: ${resource.idParameter} is given twice`],
    [['--target', ''], '--target: must not be empty'],
    [['--interview-id', '1'], "Unknown option '--interview-id'"],
    [['--only', 'no-such-case'], '--only: "no-such-case" matches no case id'],
    [['--only', '('], '--only: must be a regular expression'],
    [['--spec', '/nonexistent/openapi.json'], '--spec: cannot read an OpenAPI document (JSON) from /nonexistent/openapi.json'],
    [['--base-url', 'http://127.0.0.1:9', '--app-id', 'a'], '--app-secret: required with --app-id'],
    [['--token', 't'], '--token: only applies with --base-url'],
    [['--expired-token', 't-old'], '--expired-token: only applies with --base-url (the embedded mock issues its own tokens)'],
    [['--base-url', 'http://127.0.0.1:9', '--token', 't', '--expired-token', ''], '--expired-token: must not be empty'],
    [['--check-rate-limit', '--no-check-rate-limit'], '--no-check-rate-limit: contradicts --check-rate-limit: give one of them'],
    [['--accept-unconfirmed=yes'], "Option '--accept-unconfirmed' does not take an argument"],
    [['extra'], "Unexpected argument 'extra'"],
  ])('bad command line %j exits 2 naming the flag', async (args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('without --base-url runs every case against the embedded mock (burst, expired token, read-back), exits 0 and writes JUnit XML', async () => {
    const file = join(dir, 'embedded', 'junit.xml');
    const { code, stdout } = await cli(['--junit', file]);
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/^embedded mock server at http:\/\/127\.0\.0\.1:\d+ \(virtual clock/m);
    expect(stdout).toMatch(new RegExp(`^control ${resource.operations.update}: a valid request to \\S+ is answered HTTP 200, code 0, msg "success"$`, 'm'));
    for (const c of cases.filter((x) => !SKIPPED.includes(x.id))) expect(stdout).toContain(`✓ ${c.id} ${c.title}\n`);
    expect(stdout).toContain(`conformance: ${cases.length - SKIPPED.length} passed, 0 failed, 0 unconfirmed, ${SKIPPED.length} skipped`);
    const suite = readJUnit(file);
    expect(Number(suite.tests)).toBe(cases.length);
    expect(Number(suite.failures)).toBe(0);
    expect(Number(suite.skipped)).toBe(SKIPPED.length);
    expect(suite.properties.property).toEqual({ name: 'unconfirmed', value: '0' });
    expect(suite.testcase.map((t) => t.name.split(' ')[0]).sort()).toEqual(cases.map((c) => c.id).sort());
  });

  it('against a server that drops x-tt-logid exits 1, names the failing cases and reports them in JUnit', async () => {
    const file = join(dir, 'broken.xml');
    const { code, stdout, stderr } = await cli(['--base-url', proxy.url, '--app-id', 'cli_mock_app', '--app-secret', 'mock_app_secret', '--rate', '0', '--junit', file]);
    expect(code).toBe(1);
    expect(stderr).toContain('warning: --rate 0 sends every request unpaced: operations with a documented rate limit may answer it');
    // Reject-only: no writes, no read-back, no burst (opt-in there), no expired token (none given).
    const ran = cases.filter((c) => !c.writes && !c.optIn && !SKIPPED.includes(c.id));
    for (const c of ran) expect(stdout).toContain(`✗ ${c.id} ${c.title} — spec: header.x-tt-logid is required`);
    expect(stdout).toContain(`conformance: 0 passed, ${ran.length} failed, 0 unconfirmed, ${cases.length - ran.length} skipped`);
    const suite = readJUnit(file);
    expect(Number(suite.failures)).toBe(ran.length);
    const failure = suite.testcase.find((t) => t.name.startsWith(`${resource.operations.update}.invalid.enum-below:/participate_status `)).failure;
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

  it('a remote writing run on records it creates: state read back over HTTP, the lifecycle runs, nothing is left behind; a merging server fails its echo', async () => {
    const writing = ['--app-id', 'cli_mock_app', '--app-secret', 'mock_app_secret', '--allow-writes', '--no-check-rate-limit', '--rate', '0'];
    mock.store.reset();
    const before = mock.store.list();
    const correct = await inProcess(['--base-url', mock.url, ...writing]);
    expect(correct.code, correct.stdout).toBe(0);
    expect(correct.stdout).toContain(`✓ ${resource.operations.update}.state.read-back `);
    expect(correct.stdout).toContain(`✓ ${resource.operations.create}.lifecycle `);
    expect(correct.stdout).toMatch(new RegExp(`^- ${resource.operations.update}\\.rate-limit\\.burst .*\\(skipped: rate-limit check off`, 'm'));
    expect(mock.store.list(), 'what the run created is deleted again').toEqual(before);
    expect(correct.stdout).not.toContain('could not be deleted');
    // Skipped: every burst (the check is off), the expired token (none given), the valid cases that say so.
    const skipped = cases.filter((c) => c.burst || c.optIn === 'expiredToken' || SKIPPED.includes(c.id)).length;
    expect(correct.stdout).toMatch(new RegExp(`^conformance: \\d+ passed, 0 failed, 0 unconfirmed, ${skipped} skipped`, 'm'));
    const merging = await startMockServer({ rateLimitPerSecond: 0, ...MUTANTS.find((m) => m.name === 'scalars-merged').mock });
    try {
      const broken = await inProcess(['--base-url', merging.url, ...writing, '--accept-unconfirmed']);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(new RegExp(`^✗ ${resource.operations.update}\\.valid\\.minimal .* — .*echo: data\\.${resource.recordKey}\\.participate_status: not sent, so the full overwrite must clear it, got \\d`, 'm'));
    } finally {
      await merging.close();
    }
  });

  it('exits 3 on unconfirmed results (a server answering every rejection 参数错误), 0 with --accept-unconfirmed; JUnit skips them with the reason', async () => {
    const terse = await startProxy(mock.url, { response: async (res) => { if (json(res.body)?.code === 1002002) res.body = JSON.stringify({ code: 1002002, msg: '参数错误' }); } });
    try {
      const args = ['--base-url', terse.url, '--app-id', 'cli_mock_app', '--app-secret', 'mock_app_secret', '--rate', '0'];
      const strict = await inProcess(args);
      expect(strict.code, strict.stdout).toBe(3);
      expect(strict.stdout).toMatch(/^\? \w+\.invalid\.enum-below:\/participate_status .* \(unconfirmed: the unbroken request to conformance-nonexistent-[0-9a-f]{16} is answered the same way \(HTTP 400, code 1002002, msg "参数错误"\): a rejection of participate_status cannot be told apart from it\)$/m);
      expect(strict.stdout).toMatch(/^conformance: \d+ passed, 0 failed, [1-9]\d* unconfirmed, \d+ skipped/m);
      expect(strict.stdout).toContain('--accept-unconfirmed accepts them');
      const file = join(dir, 'unconfirmed.xml');
      const accepted = await inProcess([...args, '--accept-unconfirmed', '--junit', file]);
      expect(accepted.code, accepted.stdout).toBe(0);
      const suite = readJUnit(file);
      const skipped = suite.testcase.filter((t) => t.skipped?.message?.startsWith('unconfirmed: '));
      expect(skipped.length).toBeGreaterThan(0);
      expect(suite.properties.property).toEqual({ name: 'unconfirmed', value: String(skipped.length) });
    } finally {
      await terse.close();
    }
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
    const unconfirmed = toJUnit({ results: [{ id: 'u', title: 't', kind: 'invalid', status: 'unconfirmed', reason: 'answered like <valid>', problems: [], durationMs: 1 }] });
    expect(unconfirmed).toContain('<skipped message="unconfirmed: answered like &lt;valid&gt;"/>');
    expect(unconfirmed).toContain('tests="1" failures="0" skipped="1"');
    expect(unconfirmed).toContain('<property name="unconfirmed" value="1"/>');
    expect(xml).toContain('p1 &lt;\np2 &amp;\nx-tt-logid: L1</failure>');
  });
});
