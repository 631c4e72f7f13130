// Generates, from the bundled spec (@feishu-hire/spec):
//   generated/schema.ts              openapi-typescript types
//   generated/enums.ts               enum constants named by `x-enum-varnames`
//   generated/validate-request.js    ajv standalone validator of the request body (+ .d.ts)
// `node scripts/generate.js --check` exits 1 when a file on disk is stale.
import openapiTS, { astToString } from 'openapi-typescript';
import { createSpecAjv, INTEGER_FORMATS, schemaRef, SPEC_ID, openapi } from '@feishu-hire/spec/ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { _ } from 'ajv';
import { readFile, writeFile, mkdir } from 'node:fs/promises';

const specUrl = new URL('../../spec/dist/openapi.json', import.meta.url);
const outDir = new URL('../generated/', import.meta.url);
const header = (tool) => `// GENERATED FILE, do not edit by hand: \`pnpm generate\` writes it from @feishu-hire/spec (${tool}).\n`;

/** openapi-typescript types of the whole spec. */
async function schemaTs() {
  const ast = await openapiTS(specUrl, { enumValues: true, alphabetize: false });
  return header('openapi-typescript') + astToString(ast);
}

/** One `as const` object (plus a same-named union type) per enum schema that has `x-enum-varnames`. */
function enumsTs() {
  let out = header('scripts/generate.js, from x-enum-varnames');
  for (const [name, schema] of Object.entries(openapi.components.schemas)) {
    const names = schema['x-enum-varnames'];
    if (!names) continue;
    if (!Array.isArray(schema.enum) || names.length !== schema.enum.length) {
      throw new Error(`components.schemas.${name}: x-enum-varnames must list one name per enum value`);
    }
    const docs = schema['x-enum-descriptions'] ?? [];
    const summary = schema.description.split('\n')[0];
    out += `\n/** ${summary} */\nexport const ${name} = {\n`;
    names.forEach((varName, i) => {
      out += `  /** \`${JSON.stringify(schema.enum[i])}\`${docs[i] ? ` ${docs[i]}` : ''} */\n  ${varName}: ${JSON.stringify(schema.enum[i])},\n`;
    });
    out += `} as const;\n/** ${summary} One of the values of \`${name}\`. */\nexport type ${name} = (typeof ${name})[keyof typeof ${name}];\n`;
  }
  return out;
}

// The formats the spec uses, checked with the spec's own rules (int64: a safe integer); their source is inlined so
// the validator needs neither ajv-formats nor @feishu-hire/spec at runtime.
const FORMATS = Object.fromEntries(Object.entries(INTEGER_FORMATS).map(([name, { validate }]) => [name, String(validate)]));
// Annotation keywords the validator does not need; dropping them keeps the standalone code small.
const ANNOTATIONS = new Set(['title', 'description', 'example', 'examples', 'x-enum-varnames', 'x-enum-descriptions']);
// Keys under `properties` and `$defs` are names, not keywords: a property called `title` stays.
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs']);
const stripAnnotations = (v) =>
  Array.isArray(v) ? v.map(stripAnnotations)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => !ANNOTATIONS.has(k)).map(([k, x]) => [k, NAME_MAPS.has(k) ? mapValues(x) : stripAnnotations(x)]))
  : v;
const mapValues = (o) => Object.fromEntries(Object.entries(o).map(([k, x]) => [k, stripAnnotations(x)]));

/** ajv standalone (ESM) validator `validateBody` for UpdateExternalInterviewRequest, and its declaration. */
function validatorJs() {
  const ajv = createSpecAjv({ code: { source: true, esm: true, formats: _`formats` } });
  const root = stripAnnotations(ajv.getSchema(SPEC_ID).schema);
  const used = new Set(JSON.stringify(root).match(/"format":"[^"]+"/g)?.map((m) => m.slice(10, -1)));
  for (const f of used) if (!FORMATS[f]) throw new Error(`spec uses format "${f}": add its check to FORMATS in scripts/generate.js`);
  ajv.removeSchema(SPEC_ID);
  ajv.addSchema(root);
  // ajv may `require` a few runtime helpers (ucs2length, equal, ...): import them instead, so the file is plain ESM;
  // the build bundles them into dist, so ajv is never a runtime dependency.
  const imports = [];
  const code = standaloneCode(ajv, { validateBody: schemaRef('UpdateExternalInterviewRequest') })
    .replace(/require\("(ajv\/dist\/runtime\/[\w-]+)"\)/g, (_m, mod) => {
      imports.push(`import runtime${imports.length} from "${mod}.js";\n`);
      return `runtime${imports.length - 1}`;
    });
  const formats = `const formats = {${[...used].map((f) => `${JSON.stringify(f)}: { type: "number", validate: ${FORMATS[f]} }`).join(', ')}};\n`;
  const js = header('ajv standalone') + imports.join('') + formats + code + '\n';
  const dts = header('ajv standalone') +
    `/** One failed rule, as ajv reports it. */
export interface RequestValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, any>;
  message?: string;
}
/** Checks an UpdateExternalInterviewRequest body; on false, \`validateBody.errors\` lists every failed rule. */
export declare const validateBody: {
  (data: unknown): boolean;
  errors?: RequestValidationError[] | null;
};
`;
  return { js, dts };
}

const { js, dts } = validatorJs();
const files = {
  'schema.ts': await schemaTs(),
  'enums.ts': enumsTs(),
  'validate-request.js': js,
  'validate-request.d.ts': dts,
};

if (process.argv.includes('--check')) {
  let stale = false;
  for (const [name, source] of Object.entries(files)) {
    const current = await readFile(new URL(name, outDir), 'utf8').catch(() => '');
    if (current !== source) {
      console.error(`generated/${name} is stale: run \`pnpm generate\`.`);
      stale = true;
    }
  }
  process.exit(stale ? 1 : 0);
} else {
  await mkdir(outDir, { recursive: true });
  for (const [name, source] of Object.entries(files)) await writeFile(new URL(name, outDir), source);
}
