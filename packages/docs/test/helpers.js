import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { operationById, operations } from '@feishu-hire/spec/model';
import { docsView } from '../src/docs-view.js';
import { docsHtmlPath } from '../src/server.js';

const require = createRequire(import.meta.url);

/** The bundled spec the docs are built from. */
export const openapi = require('@feishu-hire/spec/openapi.json');
/** Every operation of the bundled spec (the model). */
export { operations };
/** The spec as the page renders it. */
export const view = docsView(openapi);
/** The operation whose hand-written samples and page details the tests check closely. */
export const update = operationById('updateExternalInterview');
/** The token endpoint, which the page must show too. */
export const tokenOperation = operationById('getTenantAccessToken');

/** The OpenAPI operation object of a model operation in `doc`. */
export const operationIn = (doc, op) => doc.paths[op.path][op.method.toLowerCase()];
/** The update's operation object in the bundled spec. */
export const operation = operationIn(openapi, update);

/** Reads the built page, or fails with the command that builds it. */
export function readBuiltHtml() {
  if (!existsSync(docsHtmlPath)) {
    throw new Error(`${docsHtmlPath} is missing: build it first (npx -y pnpm@10 exec turbo run build --filter=@feishu-hire/docs)`);
  }
  return readFileSync(docsHtmlPath, 'utf8');
}

/** The OpenAPI definition Redoc hydrates from, as embedded in the built page. */
export function embeddedDefinition(html) {
  const m = html.match(/const __redoc_definition = (.*);\n/);
  if (!m) throw new Error('the built page embeds no __redoc_definition');
  return JSON.parse(m[1]);
}

/** The x-codeSamples entry of an OpenAPI operation object with this label. */
export function codeSample(label, op = operation) {
  const sample = (op['x-codeSamples'] ?? []).find((s) => s.label === label);
  if (!sample) throw new Error(`operation ${op.operationId} has no x-codeSamples entry labelled "${label}"`);
  return sample;
}
