#!/usr/bin/env node
// Builds dist/index.html: `redocly build-docs --inlineBundle` of @feishu-hire/spec's bundled openapi.json as the page
// renders it (every operation with its rate limit, error table and code samples, see src/docs-view.js), then swaps
// the few remote asset URLs inside the Redoc bundle (Redocly logo, icon CDN) for inline data: URIs and fails if the
// page would still load anything from the network. `--spec` and `--output` build another spec into another file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { docsView } from '../src/docs-view.js';
import { findRemoteResources } from '../src/offline.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const USAGE = `Usage: node scripts/build.js [--spec <openapi.json>] [--output <file.html>]

Builds the offline single-file docs page.
  --spec    the bundled OpenAPI document (default: @feishu-hire/spec/openapi.json)
  --output  the page to write (default: packages/docs/dist/index.html)`;

/** Inline SVG data URI (no backticks or `${`, so it is safe inside the bundle's template literals). */
const svg = (markup) => `data:image/svg+xml,${encodeURIComponent(markup)}`;
const logo = (text, width) =>
  svg(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16"><text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="600" fill="#5a5a5a">${text}</text></svg>`);

/** Remote asset URLs of the Redoc bundle and their offline replacements. */
const REPLACEMENTS = [
  { from: 'https://cdn.redoc.ly/redoc/logo-mini-full.svg', to: logo('Redocly', 52) },
  { from: 'https://cdn.redoc.ly/redoc/logo-mini.svg', to: logo('R', 10) },
  // Icon sets for custom sidebar icons, which this page does not use: point them at nothing instead of a CDN.
  { from: 'https://cdn.redocly.com/icons/fa/7.0.0', to: 'data:,no-remote-icons' },
  { from: 'https://cdn.redocly.com/icons/code/5.24.0', to: 'data:,no-remote-icons' },
];

/** The --spec and --output paths (absolute), defaults filled in. */
function parseOptions(argv) {
  const { values } = parseArgs({ args: argv, options: { spec: { type: 'string' }, output: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    specPath: values.spec ? resolve(values.spec) : require.resolve('@feishu-hire/spec/openapi.json'),
    output: values.output ? resolve(values.output) : `${root}dist/index.html`,
  };
}

/** Runs `redocly build-docs` on the page's view of the spec, written to a temp dir (an input, not a product). */
function redoclyBuild(view, output) {
  const viewDir = mkdtempSync(`${tmpdir()}/feishu-hire-docs-`);
  const viewPath = `${viewDir}/openapi.json`;
  writeFileSync(viewPath, `${JSON.stringify(view, null, 2)}\n`);
  const redocly = spawnSync(
    `${root}node_modules/.bin/redocly`,
    ['build-docs', viewPath, '--config', `${root}redocly.yaml`, '--lint-config', 'error', '--template', `${root}template.hbs`, '--inlineBundle', '--output', output],
    {
      cwd: root,
      encoding: 'utf8',
      // No CLI telemetry, no update check: the build talks to no server.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  rmSync(viewDir, { recursive: true, force: true });
  if (redocly.status !== 0) {
    process.stderr.write(redocly.stdout + redocly.stderr);
    throw new Error(`redocly build-docs failed with exit code ${redocly.status ?? redocly.signal}`);
  }
}

/** The page with the Redoc bundle's remote assets inlined; throws if it would still load anything remote. */
function offlinePage(html, output) {
  let page = html;
  for (const { from, to } of REPLACEMENTS) page = page.replaceAll(from, to);
  if (!page.includes('"disableTelemetry":true')) {
    throw new Error(`${output}: Redoc telemetry is not disabled (expected "disableTelemetry":true in the Redoc options)`);
  }
  const remote = findRemoteResources(page);
  if (remote.length > 0) {
    const list = remote.map((r) => `  - ${r.rule}: ${r.match.replace(/\s+/g, ' ')}`).join('\n');
    throw new Error(`${output} would load remote resources (update REPLACEMENTS in scripts/build.js):\n${list}`);
  }
  return page;
}

/** Builds the page from `specPath` into `output`. */
function build({ specPath, output }) {
  const view = docsView(JSON.parse(readFileSync(specPath, 'utf8')));
  mkdirSync(dirname(output), { recursive: true });
  redoclyBuild(view, output);
  const html = offlinePage(readFileSync(output, 'utf8'), output);
  writeFileSync(output, html);
  console.log(`Built ${output} (${Math.round(Buffer.byteLength(html) / 1024)} KiB, self-contained, from ${specPath})`);
}

try {
  build(parseOptions(process.argv.slice(2)));
} catch (error) {
  const usageError = error.code?.startsWith('ERR_PARSE_ARGS');
  console.error(`docs build: ${error.message}${usageError ? `\n\n${USAGE}` : ''}`);
  process.exit(usageError ? 2 : 1);
}
