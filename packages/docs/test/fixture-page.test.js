// Proof by fixture: a spec with one more operation (a GET with query parameters, from @feishu-hire/spec's test
// fixtures) builds into a page that shows it, with nothing in this package naming it; an operation without a
// TypeScript sample and without the example to generate one from fails the build, naming it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationById, operationsOf } from '@feishu-hire/spec/model';
import { FIXTURE_OPERATION_ID, specWithGetOperation } from '../../spec/test/fixtures/fixture-specs.js';
import { docsView, operationGroups } from '../src/docs-view.js';
import { codeSample, operationIn } from './helpers.js';
import { click, expectErrorTable, firstCodeLine, launchBrowser, openOperation, openPage, operationSection, showSample, tocOf, visible } from './page.js';

const BUILD = fileURLToPath(new URL('../scripts/build.js', import.meta.url));
const run = promisify(execFile);
const spec = specWithGetOperation();
const fixture = operationById(FIXTURE_OPERATION_ID, operationsOf(spec));

/** Runs scripts/build.js on `doc` (written to `dir`); resolves { code, stdout, stderr, output }. */
async function buildPage(dir, name, doc) {
  const specPath = `${dir}/${name}.json`;
  const output = `${dir}/${name}/index.html`;
  writeFileSync(specPath, JSON.stringify(doc));
  const result = await run(process.execPath, [BUILD, '--spec', specPath, '--output', output]).catch((error) => error);
  return { code: result.code ?? 0, stdout: result.stdout, stderr: result.stderr, output };
}

let dir;
let browser;
beforeAll(async () => {
  dir = mkdtempSync(`${tmpdir()}/feishu-hire-docs-fixture-`);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a page built from a spec with a fixture GET operation', () => {
  let opened;
  beforeAll(async () => {
    const built = await buildPage(dir, 'fixture', spec);
    expect(built.code, built.stderr).toBe(0);
    opened = await openPage(browser, pathToFileURL(built.output).href);
  }, 60_000);
  afterAll(() => opened?.context.close());

  it('lists it on the landing in the group of its tag, and its link opens it', async () => {
    const toc = tocOf(opened.page);
    const group = operationGroups(spec, operationsOf(spec)).find((g) => g.operations.some((op) => op.operationId === FIXTURE_OPERATION_ID));
    expect(group?.name).toBe(spec['x-tagGroups'].find((g) => g.tags.includes(fixture.tags[0])).name);
    await visible(toc.getByRole('link', { name: fixture.summary, exact: true }), 'landing link of the fixture operation');
    await click(toc.getByRole('link', { name: fixture.summary, exact: true }));
    await visible(opened.page.getByRole('heading', { level: 2, name: fixture.summary }), 'heading of the fixture operation');
  });

  it('shows the operation: heading, query parameters, rate limit and the error table of its codes', async () => {
    const section = await openOperation(opened.page, spec, fixture);
    expect(fixture.parameters.query.map((p) => p.name)).toEqual(['external_interview_id', 'page_size']);
    for (const p of fixture.parameters.query) {
      await visible(section.getByText(p.name, { exact: true }), `query parameter ${p.name}`);
      await visible(section.getByText(p.description), `description of ${p.name}`);
    }
    await visible(section.getByText('Rate limit (接口频率限制): 5 requests/second (5 次/秒), an assumption.'), 'rate limit');
    expect(fixture.errorCodes.map((e) => e.code)).toEqual([1002002, 99991400, 99991661, 99991663]);
    await expectErrorTable(section, fixture);
  });

  it('shows its code samples: the generated curl and its TypeScript sample', async () => {
    const section = operationSection(opened.page, fixture);
    const samples = operationIn(docsView(spec), fixture);
    const curl = await showSample(section, 'curl');
    expect(curl).toContain(firstCodeLine(codeSample('curl', samples).source));
    // The required query parameter only: the optional page_size is listed on the page, not sent.
    expect(curl).toContain("fixture_interview_notes?external_interview_id=6960663240925956660'");
    expect(curl).toContain('Authorization: Bearer $TENANT_ACCESS_TOKEN');
    const typescript = await showSample(section, 'TypeScript (@feishu-hire/client)');
    expect(typescript).toContain(`client.request(${FIXTURE_OPERATION_ID},`);
  });

  it('attempted no request outside the page and threw no error', () => {
    expect([...opened.attempts]).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});

describe('a spec whose operation lacks a TypeScript sample and an example to generate it from', () => {
  it('fails the build, naming the operation, and writes no page', async () => {
    const broken = structuredClone(spec);
    delete operationIn(broken, fixture)['x-codeSamples'];
    delete operationIn(broken, fixture).parameters.find((p) => p.required).example;
    const built = await buildPage(dir, 'no-typescript-sample', broken);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain(`docs build: docsView: operation ${FIXTURE_OPERATION_ID} (GET ${fixture.path}): query parameter external_interview_id has no example to build the TypeScript sample from`);
    expect(existsSync(built.output)).toBe(false);
  });
});
