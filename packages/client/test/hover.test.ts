// What an editor shows on hover, asked of TypeScript's language service (the same quick info VS Code shows) over a
// small program using the client: enum-typed fields and constants list what each value means, and the fields the
// client re-types keep the spec's JSDoc (the overwrite warning of interview_assessments).
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = `${root}test/__hover__.ts`;
const program = `import { createHireClient, createInterview, dimension, AssessmentType, ParticipateStatus } from '../src/index.js';
const client = createHireClient({ auth: 't' });
const stored = await client.externalInterviews.update('1', {
  external_application_id: 'a',
  participate_status: 2,
  interview_assessments: [{ conclusion: 1, assessment_dimension_list: [{ assessment_type: 1, score: 90 }, dimension.score({ score: 1 })] }],
});
stored.participate_status;
await createInterview(client, { external_application_id: 'a', participate_status: ParticipateStatus.NoShow });
AssessmentType.Score;
export type P = ParticipateStatus;
`;

/** The language service over `program` and the package's sources, with the package's compiler options. */
function service(): ts.LanguageService {
  const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } })!;
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = name === file ? program : ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? program : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host);
}

const languageService = service();
/** The hover text (signature, documentation and tags) at the `nth` occurrence of `word` in the program. */
function hover(word: string, nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = program.indexOf(word, at + 1);
  if (at < 0) throw new Error(`${word} not in the program`);
  const info = languageService.getQuickInfoAtPosition(file, at);
  const text = (parts?: ts.SymbolDisplayPart[]) => ts.displayPartsToString(parts);
  return [text(info?.displayParts), text(info?.documentation), ...(info?.tags ?? []).map((tag) => `@${tag.name} ${text(tag.text)}`)].join('\n');
}

describe('hover', () => {
  it('compiles: the program is valid under the package settings (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess)', () => {
    const diagnostics = [...languageService.getSyntacticDiagnostics(file), ...languageService.getSemanticDiagnostics(file)];
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    const options = languageService.getProgram()!.getCompilerOptions();
    expect([options.strict, options.exactOptionalPropertyTypes, options.noUncheckedIndexedAccess]).toEqual([true, true, true]);
  });

  it('shows what each value of an enum-typed field means, in a request body and in a response', () => {
    for (const [word, nth] of [['participate_status', 0], ['participate_status', 1], ['participate_status', 2]] as const) {
      const text = hover(word, nth);
      expect(text, `${word} #${nth}`).toContain('Participation status (参与状态)');
      for (const value of ['`1` NotParticipated — 未参与', '`2` Participated — 参与', '`3` NoShow — 爽约']) expect(text, `${word} #${nth}`).toContain(value);
    }
    expect(hover('conclusion')).toMatch(/`1` Fail — 不通过[\s\S]*`2` Pass — 通过[\s\S]*`3` Pending — 待定/);
    expect(hover('assessment_type')).toContain('`1` Score — 打分题');
  });

  it('shows every value of an enum constant and its type, and the meaning of one member', () => {
    for (const text of [hover('ParticipateStatus', 1), hover('ParticipateStatus', 2)]) {
      expect(text).toMatch(/`1` NotParticipated — 未参与[\s\S]*`2` Participated — 参与[\s\S]*`3` NoShow — 爽约/);
    }
    expect(hover('NoShow')).toContain('`3` 爽约 — no-show');
    expect(hover('Score', 0)).toContain('`1` 打分题');
  });

  it("keeps the spec's JSDoc of the fields the client re-types: interview_assessments warns of the overwrite", () => {
    const text = hover('interview_assessments');
    expect(text).toMatch(/full overwrite/i);
    expect(text).toContain('interview_assessments?:'); // still optional, as in the spec
    expect(hover('assessment_dimension_list')).toMatch(/维度|dimension/i);
  });
});
