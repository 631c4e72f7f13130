// The proof that a resource is a spec entry: the fixture resource (external interview notes, a child of external
// interviews) is added to a fresh clone's specs/ alone, as YAML files; the clone is built with its own pipeline, and
// then the new resource is served by the mock, passes the conformance CLI in a writing run, is called typed through
// the client's generated namespace, and is on the docs page. No file outside specs/ changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cloneAndInstall, snapshot, turbo, turboEnv } from '../lib/clone.js';
import { mustSucceed, run } from '../lib/process.js';
import { FIXTURE_RESOURCE, fixtureResourceParts } from '../../packages/spec/test/fixtures/fixture-resource.js';
import { writeFixtureResource } from '../../packages/spec/test/fixtures/write-fixture-resource.js';

const REPO = resolve(import.meta.dirname, '../..');
const SLOW = 600_000;
const { paths, tag } = fixtureResourceParts();
const fixtureOperations = Object.values(paths).flatMap((item) => Object.values(item));
const summaries = fixtureOperations.map((op) => op.summary);
let scratch;
let clone;
let mock;

/** A TypeScript program calling the new resource through the client's generated namespace (typed, no type argument). */
const PROBE = `import { createHireClient } from '@feishu-hire/client';
const client = createHireClient({ baseUrl: process.env.BASE_URL!, auth: { appId: 'cli_mock_app', appSecret: 'mock_app_secret' } });
const parentId: string = process.env.PARENT_ID!;
const created = await client.externalInterviewNotes.create({ external_id: 'probe-1', external_interview_id: parentId, content: 'Typed.' });
const id: string | undefined = created.id;
const listed: string[] = [];
for await (const note of client.externalInterviewNotes.list({ externalInterviewId: parentId, pageSize: 1 })) listed.push(note.id ?? '');
await client.externalInterviewNotes.delete(id!);
console.log(JSON.stringify({ id, listed }));
`;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'feishu-add-resource-'));
  const source = await snapshot(REPO, join(scratch, 'source'));
  clone = await cloneAndInstall(source, join(scratch, 'clone'));
  writeFixtureResource(join(clone, 'specs'));
  await turbo(clone, ['run', 'build', '--output-logs=errors-only'], turboEnv(scratch));
  const { startMockServer } = await import(pathToFileURL(join(clone, 'packages/mock-server/src/index.js')).href);
  mock = await startMockServer();
}, SLOW);

afterAll(async () => {
  await mock?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, SLOW);

describe('a resource added to specs/ alone (the fixture resource)', () => {
  it('changes no file outside specs/', async () => {
    const { stdout } = mustSucceed('git status', await run('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: clone }));
    const changed = stdout.split('\n').filter(Boolean).map((line) => line.slice(3));
    expect(changed.length).toBeGreaterThan(2);
    expect(changed.filter((file) => !file.startsWith('specs/'))).toEqual([]);
  });

  it('is served by the mock: seeded from its examples, created under an existing parent, listed, deleted', async () => {
    const store = mock.store.resource(FIXTURE_RESOURCE);
    expect(store.count()).toBeGreaterThan(0);
    const [seeded] = store.list();
    const interview = mock.store.resource('external_interview').get(seeded.external_interview_id);
    expect(interview?.id).toBe(seeded.external_interview_id);
  });

  it('passes the conformance CLI in a writing run (embedded mock: every case of its operations, its lifecycle)', async () => {
    const only = [...fixtureOperations.map((op) => op.operationId), FIXTURE_RESOURCE].join('|');
    const result = await run(process.execPath, [join(clone, 'packages/conformance/bin/feishu-hire-conformance.js'), '--only', only], { cwd: clone, timeoutMs: SLOW });
    expect(result.code, result.stdout.slice(-3000) + result.stderr).toBe(0);
    for (const op of fixtureOperations) expect(result.stdout).toMatch(new RegExp(`✓ ${op.operationId}\\.valid`));
    const create = fixtureOperations.find((op) => op['x-feishu-role'] === 'create');
    expect(result.stdout).toContain(`✓ ${create.operationId}.lifecycle`);
    expect(result.stdout).not.toMatch(/^\s*[✗?]/m);
  }, SLOW);

  it('is callable typed through its generated namespace (tsc strict, then over HTTP against the mock)', async () => {
    // A project of its own outside the workspace, with the built client installed as a dependency (a link).
    const dir = join(scratch, 'probe');
    mkdirSync(join(dir, 'node_modules/@feishu-hire'), { recursive: true });
    symlinkSync(join(clone, 'packages/client'), join(dir, 'node_modules/@feishu-hire/client'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, 'probe.ts'), PROBE);
    const tsc = join(clone, 'node_modules/typescript/bin/tsc');
    const flags = ['--strict', '--exactOptionalPropertyTypes', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--typeRoots', join(clone, 'packages/client/node_modules/@types'), '--outDir', 'probe-out', 'probe.ts'];
    const compiled = await run(process.execPath, [tsc, ...flags], { cwd: dir });
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
    writeFileSync(join(dir, 'probe-out/package.json'), '{"type":"module"}');
    const [parent] = mock.store.resource('external_interview').list();
    const ran = await run(process.execPath, ['probe-out/probe.js'], { cwd: dir, env: { BASE_URL: mock.url, PARENT_ID: parent.id } });
    expect(ran.code, ran.stderr).toBe(0);
    const { id, listed } = JSON.parse(ran.stdout);
    expect(listed).toContain(id);
    expect(mock.store.resource(FIXTURE_RESOURCE).get(id)).toBeUndefined();
    // A misspelled method or a wrong body does not compile.
    writeFileSync(join(dir, 'probe.ts'), PROBE.replace("content: 'Typed.'", 'content: 42'));
    expect((await run(process.execPath, [tsc, ...flags], { cwd: dir })).code).not.toBe(0);
  }, SLOW);

  it('is on the docs page: its group, each operation with a TypeScript sample generated through the namespace', () => {
    const html = readFileSync(join(clone, 'packages/docs/dist/index.html'), 'utf8');
    expect(html).toContain(tag['x-displayName']);
    for (const summary of summaries) expect(html).toContain(summary);
    expect(html).toContain('client.externalInterviewNotes.create(');
  });
});
