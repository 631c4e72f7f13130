// Generates generated/schema.ts (openapi-typescript types) from the bundled spec.
// `node scripts/generate.js --check` exits 1 when the file on disk is stale.
import openapiTS, { astToString } from 'openapi-typescript';
import { readFile, writeFile, mkdir } from 'node:fs/promises';

const specUrl = new URL('../../spec/dist/openapi.json', import.meta.url);
const outUrl = new URL('../generated/schema.ts', import.meta.url);
const HEADER = '// GENERATED FILE, do not edit by hand: `pnpm generate` writes it from @feishu-hire/spec (openapi-typescript).\n';

const ast = await openapiTS(specUrl, { enumValues: true, alphabetize: false });
const source = HEADER + astToString(ast);

if (process.argv.includes('--check')) {
  const current = await readFile(outUrl, 'utf8').catch(() => '');
  if (current !== source) {
    console.error('generated/schema.ts is stale: run `pnpm generate`.');
    process.exit(1);
  }
} else {
  await mkdir(new URL('.', outUrl), { recursive: true });
  await writeFile(outUrl, source);
}
