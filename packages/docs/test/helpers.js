import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { docsHtmlPath } from '../src/server.js';

const require = createRequire(import.meta.url);

/** The bundled spec the docs are built from. */
export const openapi = require('@feishu-hire/spec/openapi.json');
/** The one operation of the spec. */
export const operation = openapi.paths['/open-apis/hire/v1/external_interviews/{external_interview_id}'].put;

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

/** The x-codeSamples entry of the operation with this label. */
export function codeSample(label, op = operation) {
  const sample = (op['x-codeSamples'] ?? []).find((s) => s.label === label);
  if (!sample) throw new Error(`the operation has no x-codeSamples entry labelled "${label}"`);
  return sample;
}
