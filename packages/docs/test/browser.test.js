// Opens the built page in Debian's Chromium (playwright-core, no downloaded browser), from disk and over HTTP,
// with every request that is not the page itself blocked and recorded, and checks what a reader must see.
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsHtmlPath, startDocsServer } from '../src/server.js';
import { openapi, operation, readBuiltHtml } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
// How long to wait for the page to show something. Generous: what is missing is never shown, so this only bounds
// how long a failing check takes, and Chromium rendering Redoc on a busy 2-core machine takes seconds.
const WAIT_MS = 20_000;
const schemas = openapi.components.schemas;
const deref = (node) => (node.$ref ? node.$ref.slice(2).split('/').reduce((o, k) => o[k], openapi) : node);

/** Every property name of a schema, nested ones included (allOf, arrays and $refs followed). */
function fieldNames(schema, seen = new Set()) {
  const s = deref(schema);
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
/** Rows `| HTTP | code | msg | what to do |` of the error table in ErrorResponse's description. */
const errorRows = schemas.ErrorResponse.description
  .split('\n')
  .filter((line) => /^\| [^|]*\| \d+ \|/.test(line))
  .map((line) => line.split('|').slice(1, -1).map((c) => c.trim()));
const requestExample = deref(operation.requestBody.content['application/json; charset=utf-8'].examples.source).value;
const responseExample = deref(deref(operation.responses['200']).content['application/json'].examples.source).value;

let browser;
let server;
beforeAll(async () => {
  readBuiltHtml(); // fails early, with the build command, when dist/index.html is missing
  mkdirSync(artifacts, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  server = await startDocsServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the page with every other request blocked; `attempts` collects each URL the page tried to load. */
async function openPage(pageUrl) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
  const attempts = new Set();
  const errors = [];
  const isPage = (url) => url.split('#')[0] === pageUrl.split('#')[0];
  // data: and blob: URLs are made inside the page from its own content; everything else is outside it.
  const isInside = (url) => isPage(url) || url.startsWith('data:') || url.startsWith('blob:');
  const guard = (route) => {
    const url = route.request().url();
    if (isPage(url)) return route.continue();
    attempts.add(url);
    return route.abort('blockedbyclient');
  };
  await context.route('**/*', guard);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.route('**/*', guard);
  page.on('request', (request) => isInside(request.url()) || attempts.add(request.url()));
  page.on('websocket', (ws) => attempts.add(ws.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pageUrl);
  return { context, page, attempts, errors };
}

/** Scrolls through the whole page, so lazily rendered parts exist. */
async function scrollThrough(page) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 700) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(30);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * Scrolls the first match to the middle of the viewport, as a reader would. Redoc renders its sections with
 * `content-visibility: auto`, so a part far off-screen has no layout, and Playwright (which scrolls only what it
 * already sees as visible) would wait for it forever.
 */
const intoView = (locator) => locator.first().evaluate((el) => el.scrollIntoView({ block: 'center' }));

/** Scrolls the first match of a locator into view and waits until it is visible (fails with its description otherwise). */
async function visible(locator, what) {
  await intoView(locator)
    .then(() => locator.first().waitFor({ state: 'visible', timeout: WAIT_MS }))
    .catch(() => {
      throw new Error(`not visible: ${what}`);
    });
}

/** Scrolls the first match into view, then clicks it. */
async function click(locator) {
  await intoView(locator);
  await locator.first().click();
}

/** Picks an entry of the right panel's sample dropdown (Payload, curl, TypeScript...) and returns the shown code. */
async function showSample(page, label) {
  // The request-sample panel: its header holds the server dropdown (the path) and the sample dropdown.
  const panel = page.getByTestId('right-panel').filter({ has: page.getByTestId('dropdown').filter({ hasText: '/open-apis/' }) }).first();
  const dropdown = panel.getByTestId('dropdown').filter({ hasNotText: '/open-apis/' }).first();
  await click(dropdown.getByRole('button'));
  // The open menu is rendered outside the panel, so it is looked up on the page.
  await click(page.getByTestId('dropdown-menu').getByRole('menuitem', { name: label, exact: true }));
  await expect.poll(() => dropdown.innerText(), { timeout: WAIT_MS }).toContain(label);
  return panel.getByTestId('source-code').first().innerText();
}

const MODES = [
  ['from disk (file://)', () => pathToFileURL(docsHtmlPath).href],
  ['over http on 127.0.0.1', () => server.url],
];

describe.each(MODES)('docs page %s', (mode, pageUrl) => {
  let opened;
  beforeAll(async () => {
    opened = await openPage(pageUrl());
  });
  afterAll(() => opened?.context.close());

  it('shows the title and the full-overwrite warning at the top', async () => {
    const { page } = opened;
    await visible(page.getByRole('heading', { level: 1, name: 'Feishu Hire — Update external interview (更新外部面试)' }), 'h1');
    await visible(page.getByText('Full overwrite (全量覆盖更新).'), 'full-overwrite warning of the overview');
  });

  it('opens the operation from the sidebar: names, warning, permission, rate limit, app types', async () => {
    const { page } = opened;
    await page.getByTestId('menu-item-label').filter({ hasText: /^External interview/ }).click();
    await page.getByTestId('menu-item-label').filter({ hasText: /^Update external interview \(更新外部面试\)/ }).click();
    await visible(page.getByRole('heading', { level: 2, name: 'Update external interview (更新外部面试)' }), 'operation heading');
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
    expect(JSON.parse(await showSample(page, 'Payload'))).toEqual(requestExample);
    const response = page.getByTestId('right-panel').filter({ hasText: 'Response' }).locator('[data-testid=json-viewer]').last();
    await visible(response, 'response example');
    expect(JSON.parse(await response.innerText())).toEqual(responseExample);
  });

  it('shows the curl and TypeScript code samples', async () => {
    const { page } = opened;
    const curl = await showSample(page, 'curl');
    expect(curl).toContain("curl -X PUT 'https://open.feishu.cn/open-apis/hire/v1/external_interviews/6960663240925956660'");
    expect(curl).toContain("-H 'Content-Type: application/json; charset=utf-8'");
    const typescript = await showSample(page, 'TypeScript (@feishu-hire/client)');
    expect(typescript).toContain('await client.externalInterviews.update(');
    expect(typescript).toContain("import {");
  });

  it('shows the error table: 1002001, 1002002, 99991400, 99991663 with HTTP status and what to do', async () => {
    const { page } = opened;
    expect(errorRows.map((r) => r[1]).sort()).toEqual(['1002001', '1002002', '99991400', '99991663']);
    for (const [http, code, msg, todo] of errorRows) {
      const row = page.locator('tr', { hasText: code }).filter({ hasText: msg });
      await visible(row, `error table row ${code}`);
      const text = await row.first().innerText();
      expect(text).toContain(http);
      // The "what to do" cell, markdown removed: its first words are on the page.
      expect(text).toContain(todo.replace(/[`*]/g, '').split(/[(:[]/)[0].trim());
    }
    // Each error response tab names its codes too.
    for (const [status, codes] of [['400', ['1002002', '99991663', '99991400']], ['429', ['99991400']], ['500', ['1002001']]]) {
      await click(page.getByRole('tab', { name: status, exact: true }));
      const description = deref(operation.responses[status]).description.split('\n')[0];
      const shown = page.getByText(description.replace(/[`*]/g, '').slice(0, 30));
      await visible(shown, `description of the ${status} response`);
      const text = await shown.first().innerText();
      for (const code of codes) expect(text + (await shown.first().locator('..').innerText())).toContain(code);
    }
    await click(page.getByRole('tab', { name: '200', exact: true }));
    // Artifacts: the operation as a reader first sees it, and the whole page.
    const name = `${artifacts}docs-${mode.includes('file') ? 'file' : 'http'}`;
    await page.getByRole('heading', { level: 2, name: 'Update external interview (更新外部面试)' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${name}-operation.png` });
    await page.screenshot({ path: `${name}.png`, fullPage: true });
  });

  it('attempted no request outside the page and threw no error', () => {
    expect([...opened.attempts]).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});
