// Browser helpers of the page tests: Debian's Chromium through playwright-core (no downloaded browser), every request
// that is not the page itself blocked and recorded, and the reader's moves (open an operation, pick a code sample).
import { chromium } from 'playwright-core';
import { expect } from 'vitest';
import { TOC_CLASSES, TOC_HEADING } from '../src/docs-view.js';

// How long to wait for the page to show something. Generous: what is missing is never shown, so this only bounds
// how long a failing check takes, and Chromium rendering Redoc on a busy 2-core machine takes seconds.
export const WAIT_MS = 20_000;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Launches headless Chromium. */
export const launchBrowser = () => chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/** The window the page is read in: a common laptop screen. */
export const VIEWPORT = Object.freeze({ width: 1280, height: 800 });

/** A RegExp matching `text` literally at the start. */
const startingWith = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Opens the page with every other request blocked; `attempts` collects each URL the page tried to load. */
export async function openPage(browser, pageUrl) {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
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
export async function scrollThrough(page) {
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
export async function visible(locator, what) {
  await intoView(locator)
    .then(() => locator.first().waitFor({ state: 'visible', timeout: WAIT_MS }))
    .catch(() => {
      throw new Error(`not visible: ${what}`);
    });
}

/** Scrolls the first match into view, then clicks it. */
export async function click(locator) {
  await intoView(locator);
  await locator.first().click();
}

/** The part of the page showing one operation of the model (Redoc shows every operation of a tag on one page). */
export function operationSection(page, op) {
  const heading = page.getByRole('heading', { level: 2, name: op.summary });
  // The innermost section holding the heading: ancestors come first in document order.
  return page.locator('[data-section-id]', { has: heading }).last();
}

/** The sidebar entries (labels of tag groups, tags and operations), in order, as `{ text, link }`. */
export const sidebarEntries = (page) =>
  page.getByTestId('menu-item-label').evaluateAll((items) => items.map((e) => ({ text: e.innerText.replace(/\s+/g, ' ').trim(), link: e.closest('a') !== null })));

/**
 * Opens an operation of the model from the sidebar (expanding its tag when needed: the tag's link, not the tag
 * group's label of the same name); returns its section.
 */
export async function openOperation(page, doc, op) {
  const item = page.getByTestId('menu-item-label').filter({ hasText: startingWith(op.summary) });
  if (!(await item.first().isVisible())) {
    const tag = doc.tags.find((t) => t.name === op.tags[0]);
    const label = page.getByTestId('menu-item-label').filter({ hasText: startingWith(tag['x-displayName'] ?? tag.name) });
    await click(page.locator('a', { has: label }));
  }
  await click(item);
  await visible(page.getByRole('heading', { level: 2, name: op.summary }), `heading of ${op.operationId}`);
  return operationSection(page, op);
}

/** The landing's list of operations (a navigation landmark the docs view writes). */
export const tocOf = (page) => page.getByRole('navigation', { name: TOC_HEADING });

/**
 * What the landing's list shows, group by group: `{ name, path, box, entries }`, each entry `{ method, text, title,
 * rest, box }` (its method, link text and title, the rest of its path); a box is an element's `{ top, bottom, left,
 * right }` in the window.
 */
export const tocGroupsOf = (toc) =>
  toc.evaluate((nav, classes) => {
    const box = (e) => {
      const { top, bottom, left, right } = e.getBoundingClientRect();
      return { top, bottom, left, right };
    };
    const text = (e) => e?.innerText.replace(/\s+/g, ' ').trim() ?? '';
    return [...nav.querySelectorAll(':scope > ul > li')].map((group) => ({
      name: text(group.querySelector(':scope > strong')),
      path: text(group.querySelector(`:scope > .${classes.groupPath}`)),
      box: box(group),
      entries: [...group.querySelectorAll(':scope > ul > li')].map((entry) => ({
        method: text(entry.querySelector(`.${classes.method}`)),
        text: text(entry.querySelector('a')),
        title: entry.querySelector('a')?.title,
        rest: text(entry.querySelector(`.${classes.pathRest}`)),
        box: box(entry),
      })),
    }));
  }, TOC_CLASSES);

/** Goes to the landing as a reader does, with the sidebar's first entry (the API's title); returns its list of operations. */
export async function openLanding(page) {
  await click(page.getByTestId('menu-item-label').first());
  await visible(tocOf(page), 'the list of operations on the landing');
  return tocOf(page);
}

/** Opens an operation from its link in the landing's list of operations; returns its section. */
export async function openFromLanding(page, op) {
  const toc = await openLanding(page);
  await click(toc.getByRole('link', { name: op.summary, exact: true }));
  await visible(page.getByRole('heading', { level: 2, name: op.summary }), `heading of ${op.operationId}`);
  return operationSection(page, op);
}

/** The label of the sample an operation section shows before the reader picks one (its sample dropdown's). */
export async function shownSampleLabel(section) {
  const page = section.page();
  const panel = section.getByTestId('right-panel').filter({ has: page.getByTestId('dropdown').filter({ hasText: '/open-apis/' }) }).first();
  const dropdown = panel.getByTestId('dropdown').filter({ hasNotText: '/open-apis/' }).first();
  await dropdown.scrollIntoViewIfNeeded();
  return (await dropdown.innerText()).trim();
}

/** Picks an entry of an operation section's sample dropdown (Payload, curl, TypeScript...) and returns the shown code. */
export async function showSample(section, label) {
  // The request-sample panel: its header holds the server dropdown (the path) and the sample dropdown.
  const page = section.page();
  const panel = section.getByTestId('right-panel').filter({ has: page.getByTestId('dropdown').filter({ hasText: '/open-apis/' }) }).first();
  const dropdown = panel.getByTestId('dropdown').filter({ hasNotText: '/open-apis/' }).first();
  await click(dropdown.getByRole('button'));
  // The open menu is rendered outside the panel, so it is looked up on the page. Redoc can lay it out past the edge of
  // the sticky panel, where Playwright cannot scroll it into view ("outside of the viewport"): once it is visible, the
  // item is clicked in the page, as a keyboard or assistive-technology click would.
  const item = page.getByTestId('dropdown-menu').getByRole('menuitem', { name: label, exact: true }).first();
  await visible(item, `the sample menu's item ${label}`);
  await item.evaluate((element) => element.click());
  await expect.poll(() => dropdown.innerText(), { timeout: WAIT_MS }).toContain(label);
  return panel.getByTestId('source-code').first().innerText();
}

/** Checks an operation section's error table: one row per error code of the model, with HTTP status, msg and action. */
export async function expectErrorTable(section, op) {
  expect(op.errorCodes.length).toBeGreaterThan(0);
  for (const entry of op.errorCodes) {
    const row = section.locator('tr', { hasText: String(entry.code) }).filter({ hasText: entry.msg });
    await visible(row, `error table row ${entry.code} of ${op.operationId}`);
    const text = await row.first().innerText();
    expect(text).toContain(String(entry.http_status));
    // The "what to do" cell, markdown removed: its first words are on the page.
    expect(text).toContain(entry.action.replace(/[`*]/g, '').split(/[(:[]/)[0].trim());
  }
}

/** The first line of a code sample that is not a comment: what the page must show of it. */
export const firstCodeLine = (source) => source.split('\n').find((line) => line.trim() && !line.startsWith('#'));

/**
 * The frames Chromium draws (its screencast, PNG as base64) while `action` runs and for `ms` after: what the reader
 * sees. (A forced capture, page.screenshot(), taken while the page re-renders can come back all white, the sidebar
 * too, although no drawn frame is: it is not what the window shows.)
 */
export async function framesDuring(page, action, ms) {
  const cdp = await page.context().newCDPSession(page);
  const frames = [];
  cdp.on('Page.screencastFrame', (frame) => {
    frames.push(frame.data);
    cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => {});
  });
  await cdp.send('Page.startScreencast', { format: 'png' });
  await action();
  await page.waitForTimeout(ms);
  await cdp.send('Page.stopScreencast');
  await cdp.detach();
  return frames;
}

/**
 * The share of pixels right of `left` (the content area, past the sidebar) that are not near-white, for each PNG
 * frame: about 0 for a blank content area, a few percent for text. Decoded by the browser in `decoder`, a blank page.
 */
export function inkOf(decoder, frames, left) {
  return decoder.evaluate(async ({ frames: pngs, left: x }) => Promise.all(pngs.map(async (png) => {
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(x, 0, image.width - x, image.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.min(data[i], data[i + 1], data[i + 2]) < 200) ink += 1;
    return ink / (data.length / 4);
  })), { frames, left });
}
