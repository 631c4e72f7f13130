// Two fresh clones of the working tree, installed and built as on a new machine, sharing a remote cache served by
// turborepo-remote-cache on 127.0.0.1 (scripts/remote-cache.js): the second clone builds as a full cache hit; README,
// test and unbundled spec-prose edits rebuild nothing; an edit/revert cycle followed by a cached build packs no file
// that the current sources do not produce. Nothing here asserts on time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cloneAndInstall, snapshot, turbo, turboEnv, turboSummary } from '../lib/clone.js';
import { mustSucceed, pnpm, run } from '../lib/process.js';
import { startRemoteCache } from '../remote-cache.js';

const REPO = resolve(import.meta.dirname, '../..');
const SLOW = 600_000;
// The clones install and build the client and what it needs (spec lint and bundle, client generate and build): the
// whole repository would add the docs page's Redoc rendering and every dev tool's install, and prove nothing more.
const CLIENT_GRAPH = '@feishu-hire/client...';
const CLIENT = `--filter=${CLIENT_GRAPH}`;
let scratch;
let cache;
let first;
let second;
let env;

/** The tasks of a run summary that turbo can cache (real scripts, not `cache: false` ones such as `clean`). */
const cacheable = (summary) => summary.tasks.filter((task) => task.command !== '<NONEXISTENT>' && task.resolvedTaskDefinition.cache !== false);

/** The sorted file list of the tarball `pnpm pack` makes of the package in `dir`. */
async function packedFiles(dir) {
  const dest = mkdtempSync(join(scratch, 'pack-'));
  mustSucceed('pnpm pack', await run(...pnpm('pack', '--pack-destination', dest), { cwd: dir }));
  const [tarball] = readdirSync(dest);
  return mustSucceed('tar -t', await run('tar', ['-tzf', join(dest, tarball)])).stdout.split('\n').filter(Boolean).sort();
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'feishu-clones-'));
  cache = await startRemoteCache({ storagePath: join(scratch, 'remote-cache') });
  env = turboEnv(scratch, cache.env);
  const source = await snapshot(REPO, join(scratch, 'source'));
  first = await cloneAndInstall(source, join(scratch, 'first'), CLIENT_GRAPH);
  second = await cloneAndInstall(source, join(scratch, 'second'), CLIENT_GRAPH);
}, SLOW);

afterAll(async () => {
  await cache?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, SLOW);


describe('a shared remote cache (turborepo-remote-cache on 127.0.0.1)', () => {
  it('lets a second fresh clone build as a full cache hit', async () => {
    await turbo(first, ['run', 'build', CLIENT], env);
    const { summary } = await turboSummary(second, ['build', CLIENT], env);
    const tasks = cacheable(summary);
    expect(tasks.map((task) => task.taskId).sort()).toEqual(['@feishu-hire/client#build', '@feishu-hire/client#generate', '@feishu-hire/mock-server#build', '@feishu-hire/spec#bundle', '@feishu-hire/spec#lint']);
    for (const task of tasks) expect(task.cache, task.taskId).toMatchObject({ status: 'HIT', source: 'REMOTE' });
    expect(readdirSync(join(second, 'packages/client/dist'))).toContain('index.js');
  }, SLOW);
});

describe('turbo inputs', () => {
  /** The hash of each build task of a dry run of `build` in the first clone (nothing is built). */
  const hashes = async (...args) => {
    const dry = JSON.parse((await turbo(first, ['run', 'build', '--dry=json', ...args], env)).stdout);
    return Object.fromEntries(cacheable(dry).map((task) => [task.taskId, task.hash]));
  };
  const revert = async () => mustSucceed('git checkout', await run('git', ['checkout', '--', '.'], { cwd: first }));

  it('rebuild nothing for README, test and unbundled spec-prose edits, and what reads the spec for a bundled spec edit', async () => {
    const before = await hashes();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['@feishu-hire/client#build', '@feishu-hire/docs#build', '@feishu-hire/mock-server#build']));
    for (const file of ['packages/client/README.md', 'packages/docs/README.md', 'specs/source/README.md', 'README.md']) appendFileSync(join(first, file), '\nEdited.\n');
    for (const file of ['packages/client/test/client.test.ts', 'packages/docs/test/helpers.js']) appendFileSync(join(first, file), '\n// Edited.\n');
    try {
      expect(await hashes()).toEqual(before);
    } finally { await revert(); }
    appendFileSync(join(first, 'specs/components/schemas/Conclusion.yaml'), '# Edited.\n');
    try {
      const after = await hashes();
      const changed = Object.keys(after).filter((task) => after[task] !== before[task]).sort();
      expect(changed).toEqual(expect.arrayContaining(['@feishu-hire/spec#bundle', '@feishu-hire/client#build', '@feishu-hire/docs#build']));
    } finally { await revert(); }
  }, SLOW);

  it('make the docs build wait for the spec bundle only, not for the client', async () => {
    const dry = JSON.parse((await turbo(first, ['run', 'build', '--dry=json', '--filter=@feishu-hire/docs'], env)).stdout);
    const docs = dry.tasks.find((task) => task.taskId === '@feishu-hire/docs#build');
    expect(docs.dependencies).toContain('@feishu-hire/spec#bundle');
    expect(dry.tasks.map((task) => task.taskId)).not.toContain('@feishu-hire/client#build');
  }, SLOW);
});

describe('every build starts from an empty dist/', () => {
  it('so an edit/revert cycle followed by a cached build packs no file the current sources do not produce', async () => {
    const client = join(first, 'packages/client');
    const build = () => turbo(first, ['run', 'build', '--filter=@feishu-hire/client'], env);
    const expected = await packedFiles(client);
    const source = join(client, 'src/validate.ts');
    const original = readFileSync(source, 'utf8');
    writeFileSync(source, `${original}\nexport const editedByTheStaleDistTest = 1;\n`);
    await build();
    const produced = readdirSync(join(client, 'dist')).filter((file) => !expected.includes(`package/dist/${file}`));
    expect(produced.length, 'the edit renames a chunk of dist/').toBeGreaterThan(0);
    writeFileSync(source, original);
    // A cache restore alone would leave those files in dist/ (turbo restores over what is there); the build's clean
    // step empties dist/ first, so the cached build packs exactly the files of the first build.
    expect((await build()).stdout).toMatch(/client:build: cache hit/);
    expect(await packedFiles(client)).toEqual(expected);
  }, SLOW);
});
