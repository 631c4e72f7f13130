// Opens the built page in Debian's Chromium (playwright-core, no downloaded browser), from disk and over HTTP,
// with every request that is not the page itself blocked and recorded, and checks what a reader must see.
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deref } from '@feishu-hire/spec/model';
import { rateLimitText } from '../src/docs-view.js';
import { docsHtmlPath, startDocsServer } from '../src/server.js';
import { codeSample, openapi, operationIn, operations, readBuiltHtml, tokenOperation, update, view } from './helpers.js';
import { click, expectErrorTable, firstCodeLine, launchBrowser, openOperation, openPage, operationSection, scrollThrough, showSample, visible } from './page.js';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const schemas = openapi.components.schemas;

/** Every property name of a schema, nested ones included (allOf, arrays and $refs followed). */
function fieldNames(schema, seen = new Set()) {
  const s = deref(openapi, schema);
  for (const part of s.allOf ?? []) fieldNames(part, seen);
  if (s.items) fieldNames(s.items, seen);
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    seen.add(name);
    fieldNames(prop, seen);
  }
  return seen;
}
const requestFields = [...fieldNames(schemas.UpdateExternalInterviewRequest)];
/** "VarName — 中文" of every enum value, as the enum descriptions print them. */
const enumMeanings = ['ParticipateStatus', 'Conclusion', 'AssessmentType'].flatMap((name) =>
  schemas[name]['x-enum-varnames'].map((v, i) => `${v} — ${schemas[name]['x-enum-descriptions'][i].split(' — ')[0]}`),
);
const requestExample = update.requestBody.examples.source;
const responseExample = update.responses['200'].content['application/json'].examples.source;

let browser;
let server;
beforeAll(async () => {
  readBuiltHtml(); // fails early, with the build command, when dist/index.html is missing
  mkdirSync(artifacts, { recursive: true });
  browser = await launchBrowser();
  server = await startDocsServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const MODES = [
  ['from disk (file://)', () => pathToFileURL(docsHtmlPath).href],
  ['over http on 127.0.0.1', () => server.url],
];

describe.each(MODES)('docs page %s', (mode, pageUrl) => {
  let opened;
  beforeAll(async () => {
    opened = await openPage(browser, pageUrl());
  });
  afterAll(() => opened?.context.close());

  it('shows the title and the full-overwrite warning at the top', async () => {
    const { page } = opened;
    await visible(page.getByRole('heading', { level: 1, name: 'Feishu Hire — Update external interview (更新外部面试)' }), 'h1');
    await visible(page.getByText('Full overwrite (全量覆盖更新).'), 'full-overwrite warning of the overview');
  });

  it('opens the operation from the sidebar: names, warning, permission, rate limit, app types', async () => {
    const { page } = opened;
    await openOperation(page, openapi, update);
    await scrollThrough(page);
    for (const text of [
      '更新外部面试信息。Updates an external interview (外部面试).',
      'Warning — full overwrite (该接口会对原面试以及面试评价内容进行全量覆盖更新).',
      'hire:external_application',
      '10 requests/second (10 次/秒)',
      'Self-built apps only (自建应用)',
    ]) {
      await visible(page.getByText(text), text);
    }
  });

  it('shows every request field and every enum meaning', async () => {
    const { page } = opened;
    expect(requestFields).toHaveLength(15);
    const request = page.locator('div', { has: page.getByText('application/json; charset=utf-8', { exact: true }) })
      .filter({ hasNot: page.getByRole('heading', { name: 'Responses' }) })
      .first();
    for (const name of requestFields) await visible(request.getByText(name, { exact: true }), `request field ${name}`);
    expect(enumMeanings).toHaveLength(10);
    for (const meaning of enumMeanings) await visible(request.getByText(meaning), `enum meaning ${meaning}`);
  });

  it("shows the source's request and response examples", async () => {
    const { page } = opened;
    expect(JSON.parse(await showSample(operationSection(page, update), 'Payload'))).toEqual(requestExample);
    const response = page.getByTestId('right-panel').filter({ hasText: 'Response' }).locator('[data-testid=json-viewer]').last();
    await visible(response, 'response example');
    expect(JSON.parse(await response.innerText())).toEqual(responseExample);
  });

  it('shows the curl and TypeScript code samples', async () => {
    const { page } = opened;
    const curl = await showSample(operationSection(page, update), 'curl');
    expect(curl).toContain("curl -X PUT 'https://open.feishu.cn/open-apis/hire/v1/external_interviews/6960663240925956660'");
    expect(curl).toContain("-H 'Content-Type: application/json; charset=utf-8'");
    const typescript = await showSample(operationSection(page, update), 'TypeScript (@feishu-hire/client)');
    expect(typescript).toContain('await client.externalInterviews.update(');
    expect(typescript).toContain("import {");
  });

  it('shows the error table from the error codes of the spec, and the description of each error response', async () => {
    const { page } = opened;
    expect(update.errorCodes.map((e) => e.code)).toEqual([1002001, 1002002, 99991400, 99991661, 99991663]);
    await expectErrorTable(operationSection(page, update), update);
    for (const status of Object.keys(update.responses).filter((s) => Number(s) >= 400)) {
      await click(page.getByRole('tab', { name: status, exact: true }));
      const description = update.responses[status].description.split('\n')[0];
      await visible(page.getByText(description.replace(/[`*]/g, '').slice(0, 30)), `description of the ${status} response`);
    }
    await click(page.getByRole('tab', { name: '200', exact: true }));
    // Artifacts: the operation as a reader first sees it, and the whole page.
    const name = `${artifacts}docs-${mode.includes('file') ? 'file' : 'http'}`;
    await page.getByRole('heading', { level: 2, name: 'Update external interview (更新外部面试)' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${name}-operation.png` });
    await page.screenshot({ path: `${name}.png`, fullPage: true });
  });

  it('shows every operation of the spec, the token endpoint too: heading, rate limit, error table, curl and TypeScript', async () => {
    const { page } = opened;
    expect(operations.map((op) => op.operationId)).toContain(tokenOperation.operationId);
    expect(tokenOperation.tags).toEqual(['auth']);
    for (const op of operations) {
      const section = await openOperation(page, openapi, op);
      await visible(section.getByText(rateLimitText(op.rateLimit)), `rate limit of ${op.operationId}`);
      if (op === tokenOperation) await visible(section.getByText('No source states a rate limit for this endpoint.'), 'the token endpoint: no known rate limit');
      await expectErrorTable(section, op);
      for (const label of ['curl', 'TypeScript (@feishu-hire/client)']) {
        const sample = codeSample(label, operationIn(view, op)).source;
        expect(await showSample(section, label), `${label} sample of ${op.operationId}`).toContain(firstCodeLine(sample));
      }
    }
  });

  it('attempted no request outside the page and threw no error', () => {
    expect([...opened.attempts]).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});
