import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockServer } from '@feishu-hire/mock-server';
import { resources, operations as modelOperations } from '@feishu-hire/spec/model';
import { clientAlternativesOf } from '../src/docs-view.js';
import { createValidation } from '@feishu-hire/spec/validation';
import { codeSample, embeddedDefinition, openapi, operation, operationIn, operations, readBuiltHtml, tokenOperation, update } from './helpers.js';

const TS_LABEL = 'TypeScript (@feishu-hire/client)';
/** The overwriting updates the page points to the client's alternatives from, with those alternatives (from the model). */
const pointed = modelOperations.flatMap((op) => {
  const alternatives = clientAlternativesOf(op, resources, modelOperations);
  return alternatives ? [{ op, alternatives }] : [];
});
const SERVER = openapi.servers[0].url;
// The samples exactly as the page shows them (the definition embedded in dist/index.html).
const page = embeddedDefinition(readBuiltHtml());
const pageOperation = operationIn(page, update);
const tsSample = codeSample(TS_LABEL, pageOperation);
const curlSample = codeSample('curl', pageOperation);
/** The operations whose curl sample the page generated from the model (the spec has none of its own). */
const generatedCurl = operations.filter((op) => !(operationIn(openapi, op)['x-codeSamples'] ?? []).some((s) => s.label === 'curl'));
/** The operations whose TypeScript sample the page generated from their examples (the spec has none of their own). */
const generatedTypeScript = operations.filter((op) => !(operationIn(openapi, op)['x-codeSamples'] ?? []).some((s) => s.lang === 'TypeScript'));
/** The token request example, whose credentials the mock is given so the generated token curl succeeds. */
const [tokenExample] = Object.values(tokenOperation.requestBody.examples);
/** The token the mock accepts and the curl samples' `$TENANT_ACCESS_TOKEN` stands for. */
const TOKEN = 't-7f1bcd13fc57d46bac21793a18e560';
// Scratch files live inside the package so `@feishu-hire/client` resolves through its node_modules.
const scratch = fileURLToPath(new URL('../.typecheck/', import.meta.url));
mkdirSync(scratch, { recursive: true });

const COMPILER_OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  skipLibCheck: true,
};

// The one Node global the samples read (process.env), declared without @types/node.
const NODE_GLOBALS = `${scratch}node-globals.d.ts`;
writeFileSync(NODE_GLOBALS, 'declare const process: { env: Record<string, string | undefined> };\n');

/**
 * Type-checks TypeScript sources (name -> source) in one program against the built `@feishu-hire/client` types;
 * returns name -> error messages.
 */
function typecheck(sources) {
  const files = Object.fromEntries(Object.keys(sources).map((name) => [name, `${scratch}${name}.ts`]));
  for (const [name, source] of Object.entries(sources)) writeFileSync(files[name], source);
  const program = ts.createProgram([NODE_GLOBALS, ...Object.values(files)], COMPILER_OPTIONS);
  return Object.fromEntries(
    Object.entries(files).map(([name, file]) => [
      name,
      // Pre-emit diagnostics of a file include the options and global ones.
      ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => {
        const where = d.file ? `${d.file.fileName.replace(scratch, '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
        return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    ]),
  );
}

/** Method, URL, headers and body of a curl sample, with `$TENANT_ACCESS_TOKEN` standing for TOKEN. */
function parseCurl(source) {
  const src = source.replaceAll('$TENANT_ACCESS_TOKEN', TOKEN);
  return {
    method: src.match(/-X (\w+)/)?.[1],
    url: src.match(/'(https:\/\/[^']+)'/)?.[1],
    headers: Object.fromEntries([...src.matchAll(/-H (['"])([^:]+): ([^'"]+)\1/g)].map((m) => [m[2], m[3]])),
    body: src.match(/-d '([\s\S]*?)'\n?$/)?.[1],
  };
}

/**
 * A TypeScript module making the calls an overwrite warning's pointer shows (`patch.call`, `sync.call`, with the
 * names they use declared), so the page cannot name a method or an argument shape the client does not have.
 */
function pointerCheck({ patch, sync }) {
  // The sync's arguments after the client, declared by the names the call gives them (a call of another shape leaves
  // them undeclared: an error).
  const [, parentArgument, recordsArgument] = /^\w+\(client, (\w+), (\w+)\)$/.exec(sync?.call ?? '') ?? [];
  return [
    `import { createHireClient${sync ? `, ${sync.name}` : ''} } from '@feishu-hire/client';`,
    "const client = createHireClient({ auth: 'token' });",
    'declare const id: string;',
    'const changes = {};',
    ...(parentArgument ? [`declare const ${parentArgument}: string;`, `declare const ${recordsArgument}: Parameters<typeof ${sync.name}>[2];`] : []),
    ...(patch ? [`export const patched = () => ${patch.call};`] : []),
    ...(sync ? [`export const synced = () => ${sync.call};`] : []),
    '',
  ].join('\n');
}

/** The first pointer with both a patch and a sync, its calls changed by `call(text)` and its sync's name by `name(text)`. */
function mutatedPointer(call, name) {
  const { patch, sync } = pointed.find(({ alternatives }) => alternatives.patch && alternatives.sync).alternatives;
  const syncName = name(sync.name);
  return { patch: { ...patch, call: call(patch.call) }, sync: { ...sync, name: syncName, call: call(sync.call).replace(sync.name, syncName) } };
}

/** Transpiles a TypeScript sample and runs it as an ES module (a file of its own in the scratch directory). */
async function runModule(source, name) {
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const file = `${scratch}sample-run-${name}-${process.pid}.mjs`;
  writeFileSync(file, js);
  await import(pathToFileURL(file).href);
}

/** Replaces `from` (which must occur) in the sample, so a mutated sample cannot silently equal the original. */
function mutate(source, from, to) {
  expect(source).toContain(from);
  return source.replace(from, to);
}

describe('x-codeSamples', () => {
  it.each(operations.map((op) => [op.operationId, op]))('%s has a curl and a TypeScript sample in the page', (_, op) => {
    expect(operationIn(page, op)['x-codeSamples'].map((s) => [s.lang, s.label])).toEqual([
      ['Shell', 'curl'],
      ['TypeScript', TS_LABEL],
    ]);
  });

  it("the update's are the same in the page, the bundled spec and specs/code_samples; every other operation's curl is generated", () => {
    expect(pageOperation['x-codeSamples']).toEqual(operation['x-codeSamples']);
    const file = (p) => readFileSync(new URL(`../../../specs/code_samples/${p}`, import.meta.url), 'utf8');
    expect(curlSample.source).toBe(file('curl/update_external_interview.sh'));
    expect(tsSample.source).toBe(file('TypeScript/update_external_interview.ts'));
    expect(generatedCurl.map((op) => op.operationId)).toEqual(operations.filter((op) => op !== update).map((op) => op.operationId));
    expect(generatedCurl).toContain(tokenOperation);
  });
});

describe('TypeScript samples', () => {
  it('the update sample uses the agreed client API', () => {
    for (const name of ['createHireClient', 'client.externalInterviews.update(', 'ParticipateStatus.', 'Conclusion.', 'AssessmentType.', 'dimension.score(', 'dimension.singleChoice(', 'dimension.description(', 'dimension.multipleChoice(', 'HireApiError', 'ErrorCode.']) {
      expect(tsSample.source).toContain(name);
    }
  });

  const MUTATIONS = [
    ['a misspelled method', 'client.externalInterviews.update(', 'client.externalInterviews.updat(', /updat/],
    ['a value outside the ParticipateStatus enum', 'participate_status: ParticipateStatus.Participated', 'participate_status: 9', /not assignable/],
    ['a missing required external_application_id', "external_application_id: '6960663240925956437',", '', /external_application_id/],
    ['a score given as a string', 'score: 99 })', "score: '99' })", /not assignable/],
    ['an unknown enum member', 'Conclusion.Pass', 'Conclusion.Passed', /Passed/],
  ];
  let errors;
  beforeAll(() => {
    // One program for every operation's sample and the update sample's broken variants: each variant must fail, so
    // the check is known to bite.
    errors = typecheck({
      ...Object.fromEntries(operations.map((op) => [op.operationId, codeSample(TS_LABEL, operationIn(page, op)).source])),
      ...Object.fromEntries(MUTATIONS.map(([, from, to], i) => [`sample-mutated-${i}`, mutate(tsSample.source, from, to)])),
      ...Object.fromEntries(pointed.map(({ op, alternatives }) => [`overwrite-pointer-${op.operationId}`, pointerCheck(alternatives)])),
      // The check bites: a misspelled name, or arguments in another shape, of the first pointer with both calls.
      'overwrite-pointer-misspelled': pointerCheck(mutatedPointer((call) => call.replace('.patch(', '.pach('), (name) => `${name}x`)),
      'overwrite-pointer-bad-arguments': pointerCheck(mutatedPointer((call) => call.replace('(id, changes)', '(changes, id)').replace('(client, ', '('), (name) => name)),
    });
  });

  it.each(pointed.map(({ op }) => [op.operationId]))("%s: the calls its overwrite warning's pointer shows compile against the client", (operationId) => {
    expect(errors[`overwrite-pointer-${operationId}`]).toEqual([]);
  });

  it('a pointer with a misspelled name, or arguments in another shape, does not compile (the check is real)', () => {
    expect(pointed.length).toBeGreaterThan(1);
    expect(errors['overwrite-pointer-misspelled'].join('\n')).toMatch(/\w+x\b[\s\S]*pach/);
    expect(errors['overwrite-pointer-bad-arguments'].length).toBeGreaterThanOrEqual(2);
  });

  it.each(operations.map((op) => [op.operationId]))('%s: compiles against @feishu-hire/client (tsc, strict) without errors', (operationId) => {
    expect(errors[operationId]).toEqual([]);
  });

  it.each(MUTATIONS.map((m, i) => [...m, i]))('fails to compile with %s (the check is real)', (_, _from, _to, message, i) => {
    expect(errors[`sample-mutated-${i}`].length).toBeGreaterThan(0);
    expect(errors[`sample-mutated-${i}`].join('\n')).toMatch(message);
  });
});

/**
 * Deletes from the mock's store the records (at any depth) whose parent is record `id` of resource `name`: a delete
 * sample names a seeded record, which the mock refuses to delete while it has children.
 */
function deleteChildren(mock, name, id) {
  for (const child of resources.filter((r) => r.parent?.inSpec && r.parent.resource === name)) {
    const records = mock.store.resource(child.name);
    for (const record of records.list({ parent: id })) {
      deleteChildren(mock, child.name, record.id);
      records.delete(record.id);
    }
  }
}

/** Resets the store, and for a delete sample (on its path parameter's example) takes that record's children away first. */
function resetFor(mock, op) {
  mock.store.reset();
  if (op.resource?.role !== 'delete') return;
  for (const p of op.parameters.path) if (p.example !== undefined) deleteChildren(mock, op.resource.name, String(p.example));
}

describe('samples against the mock server', () => {
  let mock;
  beforeAll(async () => {
    mock = await startMockServer({
      apps: [
        { appId: 'cli_a1b2c3d4e5f6', appSecret: 'your-app-secret' },
        { appId: tokenExample.app_id, appSecret: tokenExample.app_secret },
      ],
      tokens: [TOKEN],
    });
  });
  afterAll(() => mock?.close());

  it('curl: its method, URL, headers and body update the interview (code 0, four dimensions stored)', async () => {
    const { method, url, headers, body } = parseCurl(curlSample.source);
    expect(method).toBe('PUT');
    expect(new URL(url).pathname).toBe('/open-apis/hire/v1/external_interviews/6960663240925956660');
    expect(headers).toEqual({ 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${TOKEN}` });
    expect(createValidation({ doc: openapi }).forOperation(update).body(JSON.parse(body))).toEqual([]);

    const res = await fetch(url.replace(SERVER, mock.url), { method, headers, body });
    const json = await res.json();
    expect(res.status).toBe(200);
    expect(json.code).toBe(0);
    expect(json.data.external_interview.interview_assessments[0].assessment_dimension_list.map((d) => d.assessment_type)).toEqual([1, 2, 3, 4]);
    expect(mock.store.get('6960663240925956660').participate_status).toBe(2);
  });

  it.each(generatedCurl.map((op) => [op.operationId, op]))('%s: the generated curl is answered by the mock with code 0', async (_, op) => {
    const { method, url, headers, body } = parseCurl(codeSample('curl', operationIn(page, op)).source);
    resetFor(mock, op); // each sample is tried on the seeded record (the delete's removes it)
    expect(method).toBe(op.method);
    const res = await fetch(url.replace(SERVER, mock.url), { method, headers, body });
    expect(res.status).toBe(200);
    expect((await res.json()).code).toBe(0);
  });

  it.each(generatedTypeScript.map((op) => [op.operationId, op]))('%s: the generated TypeScript sample, pointed at the mock, runs and prints the answer', async (_, op) => {
    resetFor(mock, op); // each sample is run on the seeded record (the delete's removes it)
    const source = mutate(codeSample(TS_LABEL, operationIn(page, op)).source, 'createHireClient({\n', `createHireClient({\n  baseUrl: ${JSON.stringify(mock.url)},\n`);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    // The app the mock accepts, where the sample reads its credentials (vi.stubEnv is undone after the test).
    vi.stubEnv('FEISHU_APP_ID', 'cli_a1b2c3d4e5f6');
    vi.stubEnv('FEISHU_APP_SECRET', 'your-app-secret');
    try {
      await runModule(source, op.operationId);
      // Every sample but the delete's prints what the client resolved to (the list's: each item).
      if (op.resource?.role !== 'delete') expect(log.mock.calls.length, op.operationId).toBeGreaterThan(0);
      for (const [value] of log.mock.calls) expect(value, op.operationId).toEqual(expect.anything());
    } finally {
      log.mockRestore();
      vi.unstubAllEnvs();
    }
  });

  it('TypeScript: the transpiled sample, pointed at the mock, updates the interview and prints the new ids', async () => {
    mock.store.reset();
    const source = mutate(tsSample.source, "baseUrl: 'feishu',", `baseUrl: ${JSON.stringify(mock.url)},`);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await runModule(source, 'update');
      expect(error).not.toHaveBeenCalled();
      expect(log).toHaveBeenCalledTimes(1);
      const [id, assessmentIds, score] = log.mock.calls[0];
      expect(id).toBe('6960663240925956660');
      expect(assessmentIds).toEqual([mock.store.get('6960663240925956660').interview_assessments[0].id]);
      expect(score).toBe(99);
      const stored = mock.store.get('6960663240925956660');
      expect(stored.interview_assessments[0].assessment_dimension_list).toEqual([
        { assessment_type: 1, title: '心理测试', description: '心理测试描述', score: 99 },
        { assessment_type: 2, title: '推荐程度', option: '选项1' },
        { assessment_type: 3, title: '评语', content: '测试内容' },
        { assessment_type: 4, title: '技能', options: ['选项1', '选项2'] },
      ]);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
