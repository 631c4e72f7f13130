/** Hosts of public CDNs and font services a self-contained page must never load from. */
export const CDN_HOSTS = [
  'cdn.jsdelivr.net',
  'unpkg.com',
  'cdn.redoc.ly',
  'cdn.redocly.com',
  'fonts.googleapis.com',
  'fonts.gstatic.com',
  'cdnjs.cloudflare.com',
  'ajax.googleapis.com',
  'esm.sh',
  'cdn.skypack.dev',
  'use.fontawesome.com',
  'kit.fontawesome.com',
  'stackpath.bootstrapcdn.com',
  'code.jquery.com',
];

const REMOTE = String.raw`(?:https?:)?//`;
/** Markup and code shapes that make a browser fetch a remote resource (links in prose, `<a href>`, are not loads). */
const RESOURCE_PATTERNS = [
  { rule: '<script src=http', re: new RegExp(String.raw`<script\b[^>]*\bsrc\s*=\s*["']?${REMOTE}`, 'gi') },
  { rule: '<link href=http', re: new RegExp(String.raw`<link\b[^>]*\bhref\s*=\s*["']?${REMOTE}`, 'gi') },
  { rule: '<img|iframe|source|video|audio|embed src=http', re: new RegExp(String.raw`<(?:img|iframe|source|video|audio|embed|track)\b[^>]*\bsrc(?:set)?\s*=\s*["']?${REMOTE}`, 'gi') },
  { rule: '@import url(http', re: new RegExp(String.raw`@import\s+(?:url\(\s*)?["']?${REMOTE}`, 'gi') },
  { rule: 'url(http', re: new RegExp(String.raw`url\(\s*["'\`]?${REMOTE}`, 'gi') },
  { rule: 'src: "http" (script-built element)', re: new RegExp(String.raw`\bsrc\s*:\s*["'\`]${REMOTE}`, 'gi') },
  { rule: 'import from http', re: new RegExp(String.raw`\b(?:import|from)\s*\(?\s*["'\`]${REMOTE}`, 'gi') },
];

/**
 * Lists every remote resource load (script, stylesheet, font, image, import) and every CDN host named in an HTML page.
 * Returns `{ rule, match, index }` items; an empty list means the page loads nothing from the network.
 */
export function findRemoteResources(html) {
  if (typeof html !== 'string') throw new TypeError(`findRemoteResources: "html" must be a string, got ${typeof html}`);
  const found = [];
  for (const { rule, re } of RESOURCE_PATTERNS) {
    for (const m of html.matchAll(re)) found.push({ rule, match: html.slice(m.index, m.index + 120), index: m.index });
  }
  for (const host of CDN_HOSTS) {
    const re = new RegExp(host.replaceAll('.', '\\.'), 'gi');
    for (const m of html.matchAll(re)) found.push({ rule: `CDN host ${host}`, match: html.slice(Math.max(0, m.index - 60), m.index + 80), index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}
