// Opens the built page in Debian's Chromium (playwright-core, no downloaded browser) at 1280×800, from disk and over
// HTTP, with every request that is not the page itself blocked and recorded, and checks what a reader must see.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deref, errorCodesOf, resources as modelResources } from '@feishu-hire/spec/model';
import { CALLOUT_CLASS, clientAlternativesOf, CLIENT_README_URL, ERRORS_HEADING, operationGroups, PATH_REST_MARK, rateLimitText } from '../src/docs-view.js';
import { docsHtmlPath, startDocsServer } from '../src/server.js';
import { codeSample, openapi, operationIn, operations, readBuiltHtml, tokenOperation, update, view } from './helpers.js';
import {
  click,
  expectErrorTable,
  framesDuring,
  inkOf,
  firstCodeLine,
  launchBrowser,
  openFromLanding,
  openLanding,
  openPage,
  operationSection,
  showSample,
  shownSampleLabel,
  sidebarEntries,
  tocGroupsOf,
  tocOf,
  visible,
  VIEWPORT,
} from './page.js';

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
/** "VarName — 中文" of every value of an enum schema, as the enum descriptions print them. */
const meaningsOf = (name) => schemas[name]['x-enum-varnames'].map((v, i) => `${v} — ${schemas[name]['x-enum-descriptions'][i].split(' — ')[0]}`);
/** The operations with a request body, and the enums their bodies use at any depth. */
const withBody = operations.filter((op) => op.requestBody);
const [requestExample] = Object.values(update.requestBody.examples);
const [responseExample] = Object.values(update.responses['200'].content['application/json'].examples);
/** The bold sentence that opens the caution of the spec's landing (a blockquote of its info description). */
const LANDING_CAUTION = openapi.info.description.match(/^> \*\*(.+?)\*\*/m)[1];
/** The operations that overwrite the whole record (x-feishu-overwrite: full). */
const overwriting = operations.filter((op) => op.extensions['x-feishu-overwrite'] === 'full');
/** The bold sentence that opens an operation's warning, as the spec writes it (`> **Warning — full overwrite …**`). */
const warningOf = (op) => operationIn(openapi, op).description.match(/^> \*\*(Warning\b.+?)\*\*/m)[1];

/**
 * How the tables in descriptions inside `scope` read: for each, the cells whose text is cut (scrollWidth beyond
 * clientWidth), the words the layout breaks across lines other than after "-" or "/" (Chinese, which may break between
 * characters, is not counted), whether the table fits its wrapper, and its right edge against the window's.
 */
const tablesIn = (scope) =>
  scope.locator('.md-table-wrapper').evaluateAll((wrappers) => {
    const NOT_WORD = String.raw`\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F`;
    const brokenWords = (cell) => {
      const broken = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(new RegExp(`[^${NOT_WORD}]+`, 'g'))) {
          let previousTop;
          for (let i = 0; i < m[0].length; i++) {
            const range = document.createRange();
            range.setStart(node, m.index + i);
            range.setEnd(node, m.index + i + 1);
            const { top } = range.getBoundingClientRect();
            if (previousTop !== undefined && top > previousTop + 8 && !'-/'.includes(m[0][i - 1])) {
              broken.push(m[0]);
              break;
            }
            previousTop = top;
          }
        }
      }
      return broken;
    };
    return wrappers.map((w) => {
      const table = w.querySelector('table');
      const cells = [...table.querySelectorAll('th, td')];
      return {
        head: table.rows[0].innerText.replace(/\s+/g, ' ').trim(),
        clipped: cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.innerText.trim()),
        broken: cells.flatMap(brokenWords),
        fits: w.scrollWidth <= w.clientWidth && table.getBoundingClientRect().width <= w.clientWidth + 1,
        right: Math.round(table.getBoundingClientRect().right),
        windowWidth: window.innerWidth,
      };
    });
  });

/** Checks that every table in `tables` (from tablesIn) is readable: nothing cut, no word broken, fitting the window. */
function expectReadable(tables, where) {
  for (const t of tables) {
    expect(t.clipped, `cut cells in "${t.head}" of ${where}`).toEqual([]);
    expect(t.broken, `words broken across lines in "${t.head}" of ${where}`).toEqual([]);
    expect(t.fits, `"${t.head}" of ${where} fits its column`).toBe(true);
    expect(t.right, `"${t.head}" of ${where} ends inside the window`).toBeLessThanOrEqual(t.windowWidth);
  }
}

/**
 * The last word of a wrapped line and the first word of the next, in an operation's description as the spec writes
 * it (a soft line break inside a paragraph): what the page's search must show apart.
 */
function wrappedWords() {
  for (const op of operations) {
    const lines = (operationIn(openapi, op).description ?? '').split('\n');
    for (let i = 1; i < lines.length; i++) {
      const [last, first] = [lines[i - 1].trim().split(/\s+/).at(-1), lines[i].split(/\s+/)[0]];
      if (/^[A-Za-z]/.test(lines[i - 1]) && /^[a-z]{3,}$/.test(last) && /^[a-z]{2,}$/.test(first)) return [last, first];
    }
  }
  throw new Error('no operation description of the spec wraps a line between two words');
}

/** The parts of an rgb()/rgba() colour as numbers. */
const rgb = (color) => color.match(/[\d.]+/g).map(Number);

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
  ['from disk (file://)', 'file', () => pathToFileURL(docsHtmlPath).href],
  ['over http on 127.0.0.1', 'http', () => server.url],
];

describe.each(MODES)('docs page %s', (mode, short, pageUrl) => {
  let opened;
  const shot = (name) => opened.page.screenshot({ path: `${artifacts}docs-${short}-${name}.png` });
  beforeAll(async () => {
    opened = await openPage(browser, pageUrl());
  });
  afterAll(() => opened?.context.close());

  it('the landing lists every operation on the first screen at 1280×800, with no click or scroll, grouped as the sidebar groups them, each with its method and path', async () => {
    const { page } = opened;
    expect(page.viewportSize()).toEqual(VIEWPORT);
    const toc = tocOf(page);
    await toc.waitFor({ state: 'visible' });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(openapi.info.title);
    const groups = operationGroups(openapi, operations);
    expect(groups.map((g) => g.name)).toEqual(openapi['x-tagGroups'].map((g) => g.name));
    expect(groups.flatMap((g) => g.operations)).toHaveLength(operations.length);
    const shown = await tocGroupsOf(toc);
    expect(shown.map((g) => g.name)).toEqual(groups.map((g) => g.name));
    for (const [i, group] of groups.entries()) {
      const { path, box, entries } = shown[i];
      expect(entries.map((e) => e.text), group.name).toEqual(group.operations.map((op) => op.summary));
      for (const [j, op] of group.operations.entries()) {
        const entry = entries[j];
        // The request: the method, and the group's path followed by what the operation's adds to it.
        expect(`${entry.method} ${path}${entry.rest.replace(PATH_REST_MARK, '')}`, op.operationId).toBe(`${op.method} ${op.path}`);
        expect(entry.title, op.operationId).toBe(`${op.method} ${op.path}`);
      }
      // On the first screen: every group and entry inside the window, without scrolling.
      for (const [what, b] of [[group.name, box], ...entries.map((e) => [e.text, e.box])]) {
        expect(b.top, what).toBeGreaterThanOrEqual(0);
        expect(b.bottom, what).toBeLessThanOrEqual(VIEWPORT.height);
        expect(b.right, what).toBeLessThanOrEqual(VIEWPORT.width);
      }
      expect(await toc.getByText(group.name, { exact: true }).isVisible(), group.name).toBe(true);
    }
    await shot('landing');
  });

  it('the landing shows the full-overwrite warning of the spec as a warning callout, and no table restating the operations', async () => {
    const { page } = opened;
    const landing = page.locator('[data-section-id="/"]').first();
    expect(await tablesIn(landing)).toEqual([]);
    expect(LANDING_CAUTION).toMatch(/full overwrite/);
    const callout = page.locator(`.${CALLOUT_CLASS}[role=note]`, { hasText: LANDING_CAUTION });
    await visible(callout, 'the landing callout');
    expect(await page.locator('blockquote', { hasText: 'full overwrite' }).count()).toBe(0);
  });

  it('the sidebar shows the tag groups of the spec, in its order, each followed by its tags', async () => {
    const { page } = opened;
    const entries = await sidebarEntries(page);
    const groupAt = (name) => entries.findIndex((e) => e.text === name && !e.link);
    const tagGroups = openapi['x-tagGroups'];
    const positions = tagGroups.map((g) => groupAt(g.name));
    expect(positions[0]).toBeGreaterThan(0);
    expect(positions, 'the groups, in the spec\'s order').toEqual([...positions].sort((a, b) => a - b));
    for (const [i, group] of tagGroups.entries()) {
      const display = group.tags.map((name) => openapi.tags.find((t) => t.name === name)['x-displayName'] ?? name);
      const next = positions[i + 1] ?? entries.length;
      const tagLinks = entries.slice(positions[i] + 1, next).filter((e) => e.link && display.includes(e.text)).map((e) => e.text);
      expect(tagLinks, group.name).toEqual(display);
      expect(entries[positions[i] + 1], group.name).toEqual({ text: display[0], link: true });
    }
  });

  // Each operation's section, once: the page is the same file in both modes, and what differs with the mode (loading,
  // the landing, the sidebar, the examples, search) is checked in both.
  if (short === 'file') {
    it.each(operations.map((op) => [op.operationId, op]))(
      '%s: its landing link opens it; heading, rate limit, error table readable at 1280 px, curl and TypeScript samples',
      async (_, op) => {
        const { page } = opened;
        const section = await openFromLanding(page, op);
        await visible(section.getByText(rateLimitText(op.rateLimit)), `rate limit of ${op.operationId}`);
        if (op === tokenOperation) await visible(section.getByText('No source states a rate limit for this endpoint.'), 'the token endpoint: no known rate limit');
        await visible(section.getByRole('heading', { name: ERRORS_HEADING.replace(/^#+ /, '') }), `error heading of ${op.operationId}`);
        await expectErrorTable(section, op);
        // Readable at 1280 px: no cell cuts its text, and every table in the descriptions fits its column and the window.
        const tables = await tablesIn(section);
        expect(tables.map((t) => t.head)).toContain('HTTP code msg meaning what to do');
        expectReadable(tables, op.operationId);
        if (op === update) {
          await section.locator('table', { hasText: 'what to do' }).first().evaluate((e) => e.scrollIntoView({ block: 'start' }));
          await shot('update-errors');
        }
        // TypeScript first: the sample shown before any click is the client's call, curl is one click away.
        expect(await shownSampleLabel(section), `sample shown first in ${op.operationId}`).toBe('TypeScript (@feishu-hire/client)');
        for (const label of ['curl', 'TypeScript (@feishu-hire/client)']) {
          const sample = codeSample(label, operationIn(view, op)).source;
          expect(await showSample(section, label), `${label} sample of ${op.operationId}`).toContain(firstCodeLine(sample));
        }
      },
    );

    it.each(withBody.map((op) => [op.operationId, op]))(
      '%s: nested request objects are expanded: every field of the body, at any depth, shows without a click',
      async (_, op) => {
        const { page } = opened;
        const section = await openFromLanding(page, op);
        // In document order: Redoc mounts a nested schema's fields only when the reader scrolls near them.
        const names = [...fieldNames(op.requestBody.schema)];
        for (const name of names) await visible(section.getByText(name, { exact: true }), `request field ${name} of ${op.operationId}`);
        expect(await section.locator('[data-schema-nested-open="false"]').count(), `collapsed objects in ${op.operationId}`).toBe(0);
      },
    );

    it('the update: every request field and every enum meaning, inside interview_assessments and assessment_dimension_list too, without a click', async () => {
      const { page } = opened;
      const section = await openFromLanding(page, update);
      const names = [...fieldNames(schemas.UpdateExternalInterviewRequest)];
      expect(names).toEqual(expect.arrayContaining(['interview_assessments', 'assessment_dimension_list', 'assessment_type', 'score', 'options']));
      const meanings = ['ParticipateStatus', 'Conclusion', 'AssessmentType'].flatMap(meaningsOf);
      expect(meanings).toHaveLength(10);
      for (const meaning of meanings) await visible(section.getByText(meaning), `enum meaning ${meaning}`);
      await section.getByText('assessment_dimension_list', { exact: true }).first().evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await shot('update-nested-request');
    });

    it.each(overwriting.map((op) => [op.operationId, op]))(
      "%s overwrites (x-feishu-overwrite: full): its warning is a warning callout, not a grey quote, pointing to the client's alternatives where it has them",
      async (_, op) => {
        const { page } = opened;
        const section = await openFromLanding(page, op);
        const callout = section.locator(`.${CALLOUT_CLASS}[role=note]`, { hasText: warningOf(op) });
        await visible(callout, `the warning callout of ${op.operationId}`);
        expect(await section.locator('blockquote', { hasText: 'Warning' }).count()).toBe(0);
        // Styled as a warning: an amber box with a thick left border, unlike the page's background and text.
        const style = await callout.evaluate((e) => {
          const s = getComputedStyle(e);
          return { background: s.backgroundColor, border: s.borderLeftColor, borderWidth: parseFloat(s.borderLeftWidth), pageBackground: getComputedStyle(document.body).backgroundColor };
        });
        const [r, g, b] = rgb(style.background);
        expect(style.background).not.toBe(style.pageBackground);
        expect(r - b, `amber background ${style.background}`).toBeGreaterThan(20);
        const [br, , bb] = rgb(style.border);
        expect(br - bb, `amber border ${style.border}`).toBeGreaterThan(100);
        expect(style.borderWidth).toBeGreaterThanOrEqual(4);
        expect(g).toBeGreaterThan(b);
        const alternatives = clientAlternativesOf(op, modelResources, operations);
        const pointer = callout.locator('p[lang=en]');
        if (!alternatives) {
          expect(await pointer.count(), `a pointer in the warning of ${op.operationId}`).toBe(0);
          return;
        }
        // The pointer: in English, showing the calls of patch and sync, each linked to its section of the client README.
        await visible(pointer, 'the pointer in the warning');
        const text = await pointer.innerText();
        for (const { call, section: readme } of [alternatives.patch, alternatives.sync].filter(Boolean)) {
          expect(text).toContain(call);
          const link = pointer.getByRole('link', { name: readme.heading, exact: true });
          expect(await link.getAttribute('href')).toBe(`${CLIENT_README_URL}#${readme.anchor}`);
        }
        await callout.evaluate((e) => e.scrollIntoView({ block: 'center' }));
        if (op === update) await shot('update-warning');
      },
    );
  }

  it("the update shows the source's request and response examples", async () => {
    const { page } = opened;
    const section = await openFromLanding(page, update);
    expect(JSON.parse(await showSample(section, 'Payload'))).toEqual(requestExample);
    const response = section.getByTestId('right-panel').filter({ hasText: 'Response' }).locator('[data-testid=json-viewer]').last();
    await visible(response, 'response example');
    expect(JSON.parse(await response.innerText())).toEqual(responseExample);
    for (const status of Object.keys(update.responses).filter((s) => Number(s) >= 400)) {
      await click(section.getByRole('tab', { name: status, exact: true }));
      const description = update.responses[status].description.split('\n')[0];
      await visible(section.getByText(description.replace(/[`*]/g, '').slice(0, 30)), `description of the ${status} response`);
    }
    await click(section.getByRole('tab', { name: '200', exact: true }));
  });

  it('declares its language: zh-CN for the mixed Chinese and English text, lang="en" on what the docs view writes in English only', async () => {
    const { page } = opened;
    const section = await openFromLanding(page, update);
    await visible(section.locator('p[lang=en]'), 'the English pointer');
    const langs = await page.evaluate(() => ({
      html: document.documentElement.lang,
      others: [...new Set([...document.body.querySelectorAll('[lang]')].map((e) => e.getAttribute('lang')))],
      chinese: /[\u4e00-\u9fff]/.test(document.body.innerText),
    }));
    expect(langs).toEqual({ html: 'zh-CN', others: ['en'], chinese: true });
  });

  it("search snippets keep apart the cells of a table's row", async () => {
    const { page } = opened;
    // The error-table row of a code whose msg is English words: its HTTP status, code and msg are cells side by side.
    const entry = errorCodesOf(openapi).find((e) => /^[a-z]+( [a-z]+)+$/.test(e.msg));
    await click(page.getByText('Search', { exact: false }).first());
    const word = entry.msg.split(' ').reduce((a, b) => (b.length > a.length ? b : a));
    await page.keyboard.type(word);
    const items = page.locator('[data-component-name="Search/SearchItem"]');
    await items.first().waitFor({ state: 'visible' });
    // Any white space between two cells (the one a cell ends with is a no-break space) reads as a space.
    const snippets = (await items.allInnerTexts()).join('\n').replace(/\s+/g, ' ');
    expect(snippets).toContain(`${entry.http_status} ${entry.code} ${entry.msg}`);
    expect(snippets).not.toContain(`${entry.http_status}${entry.code}`);
    // The query is cleared, so that the next search starts empty.
    for (let i = 0; i < word.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.press('Escape');
  });

  it("search snippets keep apart the words of a description's wrapped lines", async () => {
    const { page } = opened;
    const [last, first] = wrappedWords();
    await click(page.getByText('Search', { exact: false }).first());
    await page.keyboard.type(last);
    const items = page.locator('[data-component-name="Search/SearchItem"]');
    await items.first().waitFor({ state: 'visible' });
    const snippets = await items.allInnerTexts();
    expect(snippets.join('\n')).toContain(`${last} ${first}`);
    expect(snippets.join('\n')).not.toContain(`${last}${first}`);
    await page.keyboard.press('Escape');
  });

  it('attempted no request outside the page and threw no error', () => {
    expect([...opened.attempts]).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});

/** The drawn frames' least ink in the content area, from a click on `op`'s landing link until 1.5 s after. */
async function leastInkAfterLandingClick(page, decoder, op) {
  await openLanding(page);
  const left = await page.locator('#api-content').evaluate((e) => Math.ceil(e.getBoundingClientRect().left));
  const link = tocOf(page).getByRole('link', { name: op.summary, exact: true });
  const frames = await framesDuring(page, () => link.click(), 1500);
  expect(frames.length, `frames drawn after the click on ${op.operationId}`).toBeGreaterThan(0);
  return Math.min(...await inkOf(decoder, frames, left));
}

describe('after a click on a landing link, the content area is never drawn blank', () => {
  let decoder;
  beforeAll(async () => {
    decoder = await (await browser.newContext()).newPage();
  });
  afterAll(() => decoder?.context().close());

  it('catches a page that blanks its content for a moment after the click (the mutant the check must catch)', async () => {
    // The built page, plus a script that hides the content for 0.6 s after a click on a link of the landing's list.
    const dir = mkdtempSync(join(tmpdir(), 'feishu-docs-mutant-'));
    const mutant = join(dir, 'index.html');
    const html = readBuiltHtml();
    const end = html.lastIndexOf('</body>');
    const script = `<script>addEventListener('click', (event) => { if (!event.target.closest('nav[aria-label] a')) return; const c = document.getElementById('api-content'); c.style.visibility = 'hidden'; setTimeout(() => { c.style.visibility = ''; }, 600); }, true);</script>`;
    writeFileSync(mutant, `${html.slice(0, end)}${script}${html.slice(end)}`);
    const opened = await openPage(browser, pathToFileURL(mutant).href);
    try {
      expect(await leastInkAfterLandingClick(opened.page, decoder, update)).toBeLessThan(0.001);
    } finally {
      await opened.context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // One link of each group of the landing (the first, and the last of the page): a click renders the same way for
  // every link of a group, and a frame recording costs seconds a link.
  const sampled = [...new Set([...operationGroups(openapi, operations).map((g) => g.operations[0]), operations.at(-1)])];

  it('every frame drawn after a click on a landing link of each group shows content', async () => {
    const opened = await openPage(browser, pathToFileURL(docsHtmlPath).href);
    try {
      for (const op of sampled) expect(await leastInkAfterLandingClick(opened.page, decoder, op), op.operationId).toBeGreaterThan(0.005);
    } finally {
      await opened.context.close();
    }
  });
});
