import { describe, expect, it } from 'vitest';
import { findRemoteResources } from '../src/offline.js';
import { docsView } from '../src/docs-view.js';
import { embeddedDefinition, openapi, readBuiltHtml } from './helpers.js';

const html = readBuiltHtml();

describe('built dist/index.html', () => {
  it('references no CDN and loads no remote script, stylesheet, font, image or import', () => {
    expect(findRemoteResources(html)).toEqual([]);
  });

  it('inlines Redoc (no <script src>) with telemetry off and the spec embedded', () => {
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(html).toMatch(/<script type="module">/);
    expect(html).toContain('"disableTelemetry":true');
    expect(html.length).toBeGreaterThan(1_000_000); // the Redoc bundle itself is inside
    expect(embeddedDefinition(html)).toEqual(docsView(openapi));
  });

  it('declares an inline favicon so browsers do not ask the server for /favicon.ico', () => {
    expect(html).toContain('<link rel="icon" href="data:," />');
  });
});

describe('findRemoteResources', () => {
  it.each([
    ['<script src="https://cdn.jsdelivr.net/npm/redoc/bundles/redoc.standalone.js"></script>', '<script src=http'],
    ["<script type=module src='//example.org/a.js'></script>", '<script src=http'],
    ['<link rel="stylesheet" href="https://example.org/a.css">', '<link href=http'],
    ['<style>@import url("https://example.org/x.css");</style>', '@import url(http'],
    ['<style>@import "https://example.org/x.css";</style>', '@import url(http'],
    ['<style>@font-face{src:url(https://example.org/f.woff2)}</style>', 'url(http'],
    ['<div style="background:url(\'http://example.org/i.png\')"></div>', 'url(http'],
    ['<img alt="" src="https://example.org/logo.svg">', '<img|iframe|source|video|audio|embed src=http'],
    ['<script>h("img",{src:`https://example.org/logo.svg`})</script>', 'src: "http" (script-built element)'],
    ['<script>import("https://example.org/m.js")</script>', 'import from http'],
    ['<script>const u = "fonts.googleapis.com/css?family=Roboto"</script>', 'CDN host fonts.googleapis.com'],
    ['<script>const u = "https://UNPKG.com/x"</script>', 'CDN host unpkg.com'],
    ['<script>const u = "https://cdn.redoc.ly/redoc/logo-mini.svg"</script>', 'CDN host cdn.redoc.ly'],
  ])('flags %s', (snippet, rule) => {
    expect(findRemoteResources(snippet).map((f) => f.rule)).toContain(rule);
  });

  it('accepts prose links, inline data: resources and local fragments', () => {
    const page = [
      '<a href="https://open.feishu.cn/document/hire-v1/x">docs</a>',
      '<link rel="icon" href="data:,">',
      '<img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E">',
      '<style>.a{background:url("data:image/svg+xml,x")} .b{fill:url(#grad)}</style>',
      '<script type="module">const spec = {"servers":[{"url":"https://open.feishu.cn"}]};</script>',
    ].join('\n');
    expect(findRemoteResources(page)).toEqual([]);
  });

  it('rejects a non-string page with a clear error', () => {
    expect(() => findRemoteResources(undefined)).toThrow('findRemoteResources: "html" must be a string, got undefined');
  });
});
