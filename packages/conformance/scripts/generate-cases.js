// Writes generated/cases.json from the bundled spec (@feishu-hire/spec/openapi.json).
// `node scripts/generate-cases.js --check` exits 1 when the file on disk is stale.
import { createRequire } from 'node:module';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { GENERATED_COMMENT, generateCases } from '../src/generate.js';

const openapi = createRequire(import.meta.url)('@feishu-hire/spec/openapi.json');
const outUrl = new URL('../generated/cases.json', import.meta.url);
const cases = generateCases(openapi);
const source = JSON.stringify({ $comment: GENERATED_COMMENT, spec: openapi.info.version, cases }, null, 2) + '\n';

if (process.argv.includes('--check')) {
  const current = await readFile(outUrl, 'utf8').catch(() => '');
  if (current !== source) {
    console.error('generated/cases.json is stale or missing: run `pnpm generate` in packages/conformance.');
    process.exit(1);
  }
  console.log(`generated/cases.json is up to date (${cases.length} cases)`);
} else {
  await mkdir(new URL('.', outUrl), { recursive: true });
  await writeFile(outUrl, source);
  console.log(`wrote generated/cases.json: ${cases.length} cases`);
}
