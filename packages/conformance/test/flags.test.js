// No false results: every documented flag combination of the CLI passes against the clean mock (exit 0, nothing failed),
// so that a flag can never make a correct server fail. A reject-only run with --skip-msg-check is the one documented
// exit 3: without the msg, a rejection answered like the valid request to an id that cannot exist proves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_APPS, startMockServer } from '@feishu-hire/mock-server';
import { resources } from '@feishu-hire/spec/model';
import { createVirtualClock, issueToken, loadSpec, main } from '../src/index.js';

const [APP] = DEFAULT_APPS;
const dir = mkdtempSync(join(tmpdir(), 'conformance-flags-'));
const specFile = join(dir, 'openapi.json');
writeFileSync(specFile, JSON.stringify(loadSpec()));
// The mock's seeded record of the first resource, and its parent: the targets of the runs that give some.
const [resource] = resources;
const seeded = String(loadSpec().components.parameters[resource.idParameter]?.example ?? '');

/** Runs the CLI's main() with `argv` (and `startMock` for the embedded mode); resolves to `{ code, output, failed }`. */
async function cli(argv, startMock) {
  const out = [];
  const io = { stdout: { write: (t) => out.push(t) }, stderr: { write: (t) => out.push(t) }, ...(startMock ? { startMock } : {}) };
  const code = await main(argv, io);
  const output = out.join('');
  return { code, output, failed: [...output.matchAll(/^✗ (\S+)/gm)].map((m) => m[1]) };
}

let remote;
let expiredToken;
let validToken;
let seedParent;
beforeAll(async () => {
  // The clean mock without its rate limits (the remote runs send unpaced, --rate 0), on a clock moved past one token.
  const clock = createVirtualClock();
  remote = await startMockServer({ rateLimitPerSecond: 0, now: clock.now });
  seedParent = remote.store.resource(resource.name).get(seeded)?.[resource.parent.field];
  const issued = await issueToken({ baseUrl: remote.url, appId: APP.appId, appSecret: APP.appSecret, spec: loadSpec() });
  clock.advance((issued.expire + 1) * 1000);
  expiredToken = issued.token;
  validToken = (await issueToken({ baseUrl: remote.url, appId: APP.appId, appSecret: APP.appSecret, spec: loadSpec() })).token;
});
afterAll(async () => {
  await remote?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Every kind of case of every operation, with a few rejections each (those whose evidence the flags change most: a
 * missing body, an enum, an empty path id, a bound): the scope of the combinations below but the first two, which run
 * every case, so that the combinations cost minutes less. The full set also runs in conformance.test.js, cli.test.js
 * and against the mutant suite's correct mock.
 */
const SCOPE = ['--only', '\\.(valid\\.|invalid\\.(body:missing|enum-below:/[a-z_]+|path-minLength:\\w+|query-maximum:\\w+)$|auth\\.|not-found$|state\\.|lifecycle$|paging$|idempotency$|rate-limit\\.|token\\.)'];

const EMBEDDED = [
  [], ['--skip-msg-check'],
  ...[['--no-check-rate-limit'], ['--check-rate-limit'], ['--accept-unconfirmed'], ['--rate', '4'], ['--timeout', '30000'], ['--junit', join(dir, 'embedded.xml')],
    ['--spec', specFile], ['--skip-msg-check', '--accept-unconfirmed', '--no-check-rate-limit']].map((argv) => [...argv, ...SCOPE]),
  ['--only', '\\.(lifecycle|paging)$'],
];

describe('every documented flag combination passes against the clean mock', () => {
  it.each(EMBEDDED.map((argv) => [argv.join(' ') || '(no flags)', argv]))('embedded: %s', async (_name, argv) => {
    const run = await cli(argv);
    expect({ code: run.code, failed: run.failed }, run.output).toEqual({ code: 0, failed: [] });
  });

  it('embedded with --target: writes to the seeded record of the mock', async () => {
    // Its parent given too: the state of a given record is read back by its parent (a list may read by nothing else).
    expect(seedParent).toBeDefined();
    const run = await cli(['--target', `${resource.idParameter}=${seeded}`, '--target', `${resource.parent.field}=${seedParent}`, ...SCOPE]);
    expect({ code: run.code, failed: run.failed }, run.output).toEqual({ code: 0, failed: [] });
  });

  const base = () => ['--base-url', remote.url, '--rate', '0', ...SCOPE];
  const app = ['--app-id', APP.appId, '--app-secret', APP.appSecret];
  const REMOTE = [
    ['reject-only, app credentials, an expired token (every case)', () => ['--base-url', remote.url, '--rate', '0', ...app, '--expired-token', expiredToken]],
    ['reject-only, a token', () => [...base(), '--token', validToken]],
    ['writing run', () => [...base(), ...app, '--allow-writes', '--no-check-rate-limit']],
    ['writing run, --skip-msg-check', () => [...base(), ...app, '--allow-writes', '--no-check-rate-limit', '--skip-msg-check']],
    ['writing run on given targets', () => [...base(), ...app, '--allow-writes', '--no-check-rate-limit', '--target', `${resource.idParameter}=${seeded}`, '--target', `${resource.parent.field}=${seedParent}`]],
    ['reject-only, --skip-msg-check, --accept-unconfirmed', () => [...base(), ...app, '--skip-msg-check', '--accept-unconfirmed']],
  ];
  it.each(REMOTE)('--base-url: %s', async (_name, argv) => {
    const run = await cli(argv());
    expect({ code: run.code, failed: run.failed }, run.output).toEqual({ code: 0, failed: [] });
  });

  it('--base-url reject-only with --skip-msg-check: nothing fails; the rejections the msg alone could confirm are unconfirmed (exit 3)', async () => {
    const run = await cli(['--base-url', remote.url, '--rate', '0', ...app, '--skip-msg-check']);
    expect(run.failed, run.output).toEqual([]);
    expect(run.code).toBe(3);
    expect(run.output).toMatch(/\(--skip-msg-check: the msg is not compared\)/);
  });
});
