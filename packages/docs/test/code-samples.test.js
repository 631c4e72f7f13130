import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockServer } from '@feishu-hire/mock-server';
import { createSpecAjv, schemaRef } from '@feishu-hire/spec/ajv';
import { codeSample, embeddedDefinition, operation, readBuiltHtml } from './helpers.js';

// The samples exactly as the page shows them (the definition embedded in dist/index.html).
const pageOperation = embeddedDefinition(readBuiltHtml()).paths['/open-apis/hire/v1/external_interviews/{external_interview_id}'].put;
const tsSample = codeSample('TypeScript (@feishu-hire/client)', pageOperation);
const curlSample = codeSample('curl', pageOperation);
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

/**
 * Type-checks TypeScript sources (name -> source) in one program against the built `@feishu-hire/client` types;
 * returns name -> error messages.
 */
function typecheck(sources) {
  const files = Object.fromEntries(Object.keys(sources).map((name) => [name, `${scratch}${name}.ts`]));
  for (const [name, source] of Object.entries(sources)) writeFileSync(files[name], source);
  const program = ts.createProgram(Object.values(files), COMPILER_OPTIONS);
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

/** Replaces `from` (which must occur) in the sample, so a mutated sample cannot silently equal the original. */
function mutate(source, from, to) {
  expect(source).toContain(from);
  return source.replace(from, to);
}

describe('x-codeSamples', () => {
  it('has exactly a curl and a TypeScript sample, the same in the page, the bundled spec and specs/code_samples', () => {
    expect(pageOperation['x-codeSamples'].map((s) => [s.lang, s.label])).toEqual([
      ['Shell', 'curl'],
      ['TypeScript', 'TypeScript (@feishu-hire/client)'],
    ]);
    expect(pageOperation['x-codeSamples']).toEqual(operation['x-codeSamples']);
    const file = (p) => readFileSync(new URL(`../../../specs/code_samples/${p}`, import.meta.url), 'utf8');
    expect(curlSample.source).toBe(file('curl/update_external_interview.sh'));
    expect(tsSample.source).toBe(file('TypeScript/update_external_interview.ts'));
  });
});

describe('TypeScript sample', () => {
  it('uses the agreed client API', () => {
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
    // One program for the sample and its broken variants: each variant must fail, so the check is known to bite.
    errors = typecheck({
      sample: tsSample.source,
      ...Object.fromEntries(MUTATIONS.map(([, from, to], i) => [`sample-mutated-${i}`, mutate(tsSample.source, from, to)])),
    });
  });

  it('compiles against @feishu-hire/client (tsc, strict) without errors', () => {
    expect(errors.sample).toEqual([]);
  });

  it.each(MUTATIONS.map((m, i) => [...m, i]))('fails to compile with %s (the check is real)', (_, _from, _to, message, i) => {
    expect(errors[`sample-mutated-${i}`].length).toBeGreaterThan(0);
    expect(errors[`sample-mutated-${i}`].join('\n')).toMatch(message);
  });
});

describe('samples against the mock server', () => {
  let mock;
  beforeAll(async () => {
    mock = await startMockServer({
      apps: [{ appId: 'cli_a1b2c3d4e5f6', appSecret: 'your-app-secret' }],
      tokens: ['t-7f1bcd13fc57d46bac21793a18e560'],
    });
  });
  afterAll(() => mock?.close());

  it('curl: its method, URL, headers and body update the interview (code 0, four dimensions stored)', async () => {
    const src = curlSample.source;
    const method = src.match(/-X (\w+)/)?.[1];
    const url = src.match(/'(https:\/\/open\.feishu\.cn\/[^']+)'/)?.[1];
    const headers = Object.fromEntries([...src.matchAll(/-H '([^:]+): ([^']+)'/g)].map((m) => [m[1], m[2]]));
    const body = src.match(/-d '([\s\S]*?)'\n?$/)?.[1];
    expect(method).toBe('PUT');
    expect(new URL(url).pathname).toBe('/open-apis/hire/v1/external_interviews/6960663240925956660');
    expect(headers).toEqual({ 'Content-Type': 'application/json; charset=utf-8', Authorization: 'Bearer t-7f1bcd13fc57d46bac21793a18e560' });
    const ajv = createSpecAjv();
    const validate = ajv.getSchema(schemaRef('UpdateExternalInterviewRequest'));
    expect(validate(JSON.parse(body)), ajv.errorsText(validate.errors)).toBe(true);

    const res = await fetch(url.replace('https://open.feishu.cn', mock.url), { method, headers, body });
    const json = await res.json();
    expect(res.status).toBe(200);
    expect(json.code).toBe(0);
    expect(json.data.external_interview.interview_assessments[0].assessment_dimension_list.map((d) => d.assessment_type)).toEqual([1, 2, 3, 4]);
    expect(mock.store.get('6960663240925956660').participate_status).toBe(2);
  });

  it('TypeScript: the transpiled sample, pointed at the mock, updates the interview and prints the new ids', async () => {
    const source = mutate(tsSample.source, "baseUrl: 'feishu',", `baseUrl: ${JSON.stringify(mock.url)},`);
    const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    const file = `${scratch}sample-run-${process.pid}.mjs`;
    writeFileSync(file, js);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await import(pathToFileURL(file).href);
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
