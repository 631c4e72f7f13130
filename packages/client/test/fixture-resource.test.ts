// Proof by fixture: a resource added to the spec alone (@feishu-hire/spec's fixture resource, external interview notes:
// create, list by parent with paging, delete) gets a typed namespace from the generator, with nothing in this package
// naming it. scripts/generate.js is run on the spec with the fixture into fixture-generated/ (a sibling of
// generated/); the namespace is type-checked with tsc and called over HTTP against the mock serving that spec (from
// its generic store: no handler of the test's).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APPS } from '@feishu-hire/mock-server';
import { clientMethodsOf, operationsOf, resourceByName, resourcesOf } from '@feishu-hire/spec/model';
import * as bundled from '@feishu-hire/spec/model';
import { HireValidationError, createHireClient, createHireCore } from '../src/index.js';
import type { HireRequester } from '../src/resource.js';
import { rejection } from './helpers/lifecycle.js';
import { recordingFetch, seed, startMock, type Mock, type Sent } from './helpers/mock.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}fixture-generated/`;
const fixtures = (await import(new URL('../../spec/test/fixtures/fixture-resource.js', import.meta.url).href)) as {
  FIXTURE_RESOURCE: string;
  specWithFixtureResource(): Record<string, any>;
};
const spec = fixtures.specWithFixtureResource();
const operations = operationsOf(spec);
const resource = resourceByName(fixtures.FIXTURE_RESOURCE, resourcesOf(spec, operations));
const methods = clientMethodsOf(resource, operations);
const parent = '6960663240925956660';
const other = '6960663240925956661';

/** The generated module of the fixture spec's resources (loaded once generated). */
interface FixtureNamespace {
  // sync: the standalone syncNotes(core, ...) bound to the core (see beforeAll below)
  create(body: unknown): Promise<{ id: string; content: string }>;
  list(input: unknown): AsyncIterableIterator<{ id: string }>;
  listPage(input: unknown): Promise<{ items: Array<{ id: string }>; pageToken: string | undefined; hasMore: boolean }>;
  delete(id: string): Promise<void>;
  sync(parent: string, records: unknown[], options?: object): Promise<{ items: Array<{ action: string; key: string; status: string; changedFields: string[] }>; counts: Record<string, number>; untouched: number }>;
}
let generated: Record<string, (client: HireRequester) => Record<string, unknown>>;

beforeAll(async () => {
  const dir = mkdtempSync(`${tmpdir()}/feishu-hire-client-fixture-`);
  try {
    writeFileSync(`${dir}/openapi.json`, JSON.stringify(spec));
    await promisify(execFile)(process.execPath, [`${root}scripts/generate.js`, '--spec', `${dir}/openapi.json`, '--out', 'fixture-generated'], { cwd: root });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  generated = await import(`${out}resources.ts`);
}, 60_000);

/** The diagnostics of each source (name -> source), compiled as fixture-generated/<name>.ts in one program with the package's options. */
function typecheck(sources: Record<string, string>): Record<string, string[]> {
  const files = Object.entries(sources).map(([name, source]) => {
    writeFileSync(`${out}${name}.ts`, source);
    return [name, `${out}${name}.ts`] as const;
  });
  const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } })!;
  const program = ts.createProgram(files.map(([, file]) => file), { ...config.options, noEmit: true });
  const text = (d: ts.Diagnostic) => `${d.file?.fileName.replace(root, '') ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  return Object.fromEntries(files.map(([name, file]) => [name, ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map(text)]));
}

describe('the namespaces of the bundled spec', () => {
  it('are in createHireClient, each with exactly the methods the model names for its resource', () => {
    const client = createHireClient({ auth: 't' }) as unknown as Record<string, Record<string, unknown>>;
    for (const r of bundled.resources) expect(Object.keys(client[r.namespace]!).sort(), r.name).toEqual(clientMethodsOf(r, bundled.operations).filter((m) => !m.standalone).map((m) => m.method).sort());
  });
});

describe('the generated namespace of a resource added to the spec', () => {
  it('has the methods its roles give, named by the model (create, list, listPage, delete), and is in HireResources', () => {
    const namespace = generated[`${resource.namespace}Namespace`]!({ request: async () => undefined });
    expect(Object.keys(namespace).sort()).toEqual(methods.filter((m) => !m.standalone).map((m) => m.method).sort());
    expect(Object.keys(generated.resourceNamespaces!({ request: async () => undefined }))).toContain(resource.namespace);
    for (const name of methods.flatMap((m) => m.functionName ?? [])) expect(typeof generated[name], name).toBe('function');
  });

  it('compiles typed: body, filter and answer types come from the spec; wrong input does not compile', () => {
    const { create, list, sync } = Object.fromEntries(methods.map((m) => [m.method, m.functionName]));
    const program = `import { createHireCore } from '../src/index.js';
import { ${resource.namespace}Namespace, ${create}, ${list}, ${sync} } from './resources.js';
type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;
const core = createHireCore({ auth: 't' });
const notes = ${resource.namespace}Namespace(core);
const created = await notes.create({ external_interview_id: '1', content: 'Strong.', external_id: 'k' });
const id: string | undefined = created.id;
const content: string | undefined = created.content;
const page = await notes.listPage({ externalInterviewId: '1', pageSize: 20, pageToken: 't' });
const same: Equal<(typeof page.items)[number], typeof created> = true;
for await (const note of notes.list({ externalInterviewId: '1' })) note.external_interview_id;
for await (const note of ${list}(core, { externalInterviewId: '1', pageSize: 5 })) note.id;
await ${create}(core, { external_interview_id: '1', content: 'x' });
await notes.delete('7100000000000000001', { timeoutMs: 5_000 });
const synced = await ${sync}(core, '1', [{ external_id: 'k', content: 'x' }], { deleteMissing: true });
const conflicts: number = synced.counts.conflict;
// @ts-expect-error a note of a sync needs its external_id
await ${sync}(core, '1', [{ content: 'x' }]);
// @ts-expect-error content is required by the spec
await notes.create({ external_interview_id: '1' });
// @ts-expect-error a misspelled body field
await notes.create({ external_interview_id: '1', content: 'x', contnt: 'y' });
// @ts-expect-error the id is assigned by the platform
await notes.create({ external_interview_id: '1', content: 'x', id: '1' });
// @ts-expect-error the list's parent filter is required
notes.list({ pageSize: 5 });
// @ts-expect-error pageToken is for listPage only
notes.list({ externalInterviewId: '1', pageToken: 't' });
// @ts-expect-error the record has no such field
created.body;
// @ts-expect-error no get: the resource has no read and its list no ids filter
notes.get('1');
// @ts-expect-error delete takes the id as a string
await notes.delete(1);
export { id, content, same, conflicts };
`;
    const errors = typecheck({ check: program, 'check-broken': program.replace('// @ts-expect-error content is required by the spec\n', '') });
    expect(errors.check).toEqual([]);
    // The check bites: without the directive, the wrong call is an error.
    expect(errors['check-broken']!.join('\n')).toMatch(/content/);
  });
});

describe('the namespace over HTTP against the mock serving the spec', () => {
  let mock: Mock;
  const sent: Sent[] = [];
  let namespace: FixtureNamespace;
  beforeAll(async () => {
    // No handler: the mock serves a resource of the spec from its generic store. Two interviews (of a seeded
    // application), the notes' parents.
    mock = await startMock([seed(parent, 'app', 'i-1'), seed(other, 'app', 'i-2')], { spec, rateLimitPerSecond: 0 });
    const core = createHireCore({ auth: { ...DEFAULT_APPS[0]! }, baseUrl: mock.url, fetch: recordingFetch(sent), rateLimit: false });
    // sync is a standalone function (not on the namespace): bound to the core here, for the tests below.
    const sync = generated[methods.find((m) => m.sync)!.functionName!] as unknown as (client: HireRequester, ...args: unknown[]) => unknown;
    namespace = { ...generated[`${resource.namespace}Namespace`]!(core), sync: (...args: unknown[]) => sync(core, ...args) } as unknown as FixtureNamespace;
  });
  afterAll(() => mock?.close());
  const paths = (method: string) => sent.filter((s) => s.method === method && !s.path.includes('tenant_access_token')).map((s) => s.path);

  it('creates records, lists them across pages (iterator and one page), deletes one', async () => {
    const created = [];
    for (let i = 0; i < 23; i++) created.push(await namespace.create({ external_interview_id: parent, content: `note ${i}`, external_id: `n-${i}` }));
    await namespace.create({ external_interview_id: other, content: 'elsewhere' });
    expect(created[0]).toMatchObject({ id: expect.any(String), content: 'note 0' });

    sent.length = 0;
    const listed = [];
    for await (const note of namespace.list({ externalInterviewId: parent, pageSize: 10 })) listed.push(note.id);
    expect(listed).toEqual(created.map((n) => n.id));
    expect(paths('GET')).toHaveLength(3); // 10 + 10 + 3

    const first = await namespace.listPage({ externalInterviewId: parent, pageSize: 20 });
    expect(first).toMatchObject({ hasMore: true, pageToken: expect.any(String) });
    const second = await namespace.listPage({ externalInterviewId: parent, pageSize: 20, pageToken: first.pageToken });
    expect([first.items.length, second.items.length, second.hasMore]).toEqual([20, 3, false]);

    await expect(namespace.delete(created[0]!.id)).resolves.toBeUndefined();
    expect(mock.store.resource(resource.name).has(created[0]!.id)).toBe(false);
    expect(paths('DELETE')).toEqual([`/open-apis/hire/v1/external_interview_notes/${created[0]!.id}`]);
    await expect(namespace.delete(created[0]!.id)).rejects.toMatchObject({ name: 'HireApiError', code: 1002002 });
  });

  it('syncs by external_id: creates what is missing, reports a note that differs as a conflict (no update: nothing written), deletes with deleteMissing', async () => {
    const note = (key: string, content: string) => ({ external_id: key, content });
    const first = await namespace.sync(other, [note('s1', 'a'), note('s2', 'b'), note('s3', 'c')]);
    expect(first.counts).toMatchObject({ create: 3, conflict: 0 });
    expect(first.untouched).toBe(1); // the note without external_id

    sent.length = 0;
    const second = await namespace.sync(other, [note('s1', 'a'), note('s2', 'changed')], { deleteMissing: true });
    expect(second.items.map((i) => [i.action, i.key, i.status])).toEqual([['unchanged', 's1', 'done'], ['conflict', 's2', 'done'], ['delete', 's3', 'done']]);
    expect(second.items[1]!.changedFields).toEqual(['content']);
    expect(second.counts).toEqual({ create: 0, update: 0, delete: 1, unchanged: 1, conflict: 1 });
    expect([paths('POST'), paths('DELETE').length]).toEqual([[], 1]);
    const stored = mock.store.resource(resource.name).list({ parent: other });
    expect(stored.map((n) => `${n.external_id ?? '-'} ${n.content}`).sort()).toEqual(['- elsewhere', 's1 a', 's2 b']);
  });

  it('rejects bad input with HireValidationError naming the field and the rule, before any request', async () => {
    sent.length = 0;
    const cases: Array<[() => unknown, string]> = [
      [() => namespace.list({ pageSize: 5 }), 'input.externalInterviewId is required'],
      [() => namespace.list({ externalInterviewId: '' }), 'input.externalInterviewId must not be empty'],
      [() => namespace.list({ externalInterviewId: parent, pageSize: 21 }), "input.pageSize must be an integer from 1 to 20 (the spec's page_size), got 21"],
    ];
    for (const [call, message] of cases) expect(call, message).toThrow(message);
    const bodyError = await rejection(namespace.create(null));
    expect(bodyError).toBeInstanceOf(HireValidationError);
    expect(bodyError.message).toBe('Invalid request: body must be an object (the new external interview note)');
    expect((await rejection(namespace.delete(''))).issues).toEqual([{ path: 'externalInterviewNoteId', rule: 'minLength', message: 'externalInterviewNoteId must not be empty' }]);
    expect(sent).toEqual([]);
  });
});
