// Generates, from the bundled spec (@feishu-hire/spec):
//   generated/schema.ts              openapi-typescript types
//   generated/enums.ts               enum constants named by `x-enum-varnames`
//   generated/operations.ts          one constant per operation (operationId, method, path, ...) for the client's core,
//                                    typed by openapi-typescript's `operations[id]`
//   generated/resources.ts           per resource: its types, standalone functions and namespace (scripts/resources.js)
//   generated/parameters.ts          the query parameters of each operation with the rules of their schemas
//   generated/error-codes.ts         the ErrorCode constants, from the spec's x-feishu-error-codes
//   generated/write-back.ts          for each update that overwrites, what a stored record must lose to be sent back
//   generated/validate-request.js    ajv standalone validators of the request bodies, one per operationId (+ .d.ts)
// `node scripts/generate.js --check` exits 1 when a file on disk is stale. `--spec <openapi.json> --out <dir>` writes
// schema.ts, operations.ts, write-back.ts and resources.ts of another spec into <dir>, a sibling of generated/ (the
// tests' fixtures).
import openapiTS, { astToString } from 'openapi-typescript';
import { createSpecAjv, INTEGER_FORMATS, ISSUES_FOUND, SPEC_ID, limitIssues, openapi, toAjvSchema } from '@feishu-hire/spec/ajv';
import { VALIDATION_LIMITS } from '@feishu-hire/spec/messages';
import { deref, errorCodes, isReadOnly, operations, resourceByName } from '@feishu-hire/spec/model';
import { build, transform } from 'esbuild';
import { fileURLToPath } from 'node:url';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { _ } from 'ajv';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { operationsOf, resources, resourcesOf } from '@feishu-hire/spec/model';
import { COMPOSITION, readOnlyMask } from './read-only.js';
import { resourcesTs } from './resources.js';

const specUrl = new URL('../../spec/dist/openapi.json', import.meta.url);
const outDir = new URL('../generated/', import.meta.url);
const header = (tool) => `// GENERATED FILE, do not edit by hand: \`pnpm generate\` writes it from @feishu-hire/spec (${tool}).\n`;

/**
 * The spec with the description of each enum schema copied onto every property that refers to it without one of its
 * own. Why: openapi-typescript writes a property's JSDoc from the property alone, so a field typed `1 | 2 | 3` through
 * a `$ref` would show no meaning of its values on hover; the copy lists them (`1` NotParticipated — 未参与 ...).
 */
async function specWithEnumDocs(url = specUrl) {
  const spec = JSON.parse(await readFile(url, 'utf8'));
  const schemas = spec.components.schemas;
  const enumDoc = (ref) => {
    const target = typeof ref === 'string' && ref.startsWith('#/components/schemas/') ? schemas[ref.slice('#/components/schemas/'.length)] : undefined;
    return target && Array.isArray(target.enum) ? target.description : undefined;
  };
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const property of Object.values(node.properties ?? {})) {
      const doc = enumDoc(property?.$ref) ?? enumDoc(property?.items?.$ref);
      if (doc && property.description === undefined) property.description = doc;
    }
    Object.values(node).forEach(walk);
  };
  walk(spec);
  return spec;
}

/** openapi-typescript types of the whole spec. */
async function schemaTs(url = specUrl) {
  const ast = await openapiTS(await specWithEnumDocs(url), { enumValues: true, alphabetize: false });
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
    // The const and the type list every value with its meaning, so that hovering either shows them all.
    const values = names.map((varName, i) => ` * - \`${JSON.stringify(schema.enum[i])}\` ${varName}${docs[i] ? ` — ${jsdoc(docs[i])}` : ''}\n`).join('');
    out += `\n/**\n * ${summary}\n${values} */\nexport const ${name} = {\n`;
    names.forEach((varName, i) => {
      out += `  /** \`${JSON.stringify(schema.enum[i])}\`${docs[i] ? ` ${docs[i]}` : ''} */\n  ${varName}: ${JSON.stringify(schema.enum[i])},\n`;
    });
    out += `} as const;\n/**\n * ${summary} One of the values of \`${name}\`:\n${values} */\nexport type ${name} = (typeof ${name})[keyof typeof ${name}];\n`;
  }
  return out;
}

// Annotation keywords the validator does not need; dropping them keeps the standalone code small.
const ANNOTATIONS = new Set(['title', 'description', 'example', 'examples', 'x-enum-varnames', 'x-enum-descriptions']);
// Keys under `properties` and `$defs` are names, not keywords: a property called `title` stays.
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs']);
const stripAnnotations = (v) =>
  Array.isArray(v) ? v.map(stripAnnotations)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => !ANNOTATIONS.has(k)).map(([k, x]) => [k, NAME_MAPS.has(k) ? mapValues(x) : stripAnnotations(x)]))
  : v;
const mapValues = (o) => Object.fromEntries(Object.entries(o).map(([k, x]) => [k, stripAnnotations(x)]));

/** The operationId as an export name; throws naming it when it is not a plain identifier. */
function exportName(operationId) {
  if (!/^[A-Za-z_$][\w$]*$/.test(operationId)) throw new Error(`operation ${operationId}: its operationId must be a JavaScript identifier (it names the generated constant and validator)`);
  return operationId;
}

// Keywords whose values are data, not subschemas: close() does not walk into them.
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example', 'required']);
const isObjectSchema = (s) => s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || s.properties !== undefined;

/**
 * The closed variant of a request schema, in place: every object schema reachable from `schema`, through `$ref`s into
 * `defs` (the components, already a private copy), gets `additionalProperties: false` (`unevaluatedProperties: false`
 * beside a `$ref`), so the client's validator names an unknown field, a probable typo: in a full overwrite a misspelled
 * field silently deletes the one it meant. The spec's request schemas stay open (no source says the platform rejects
 * unknown fields); only the client's own validators are closed. A schema that already says what to do with other
 * properties keeps it. Composition keywords would need more than this (a closed allOf branch rejects its siblings'
 * fields), so they stop the generation, named.
 */
function closeObjects(schema, defs, where, seen = new Set()) {
  if (Array.isArray(schema)) return schema.forEach((s, i) => closeObjects(s, defs, `${where}[${i}]`, seen));
  if (!schema || typeof schema !== 'object') return;
  if (typeof schema.$ref === 'string') {
    // Request bodies refer to `<SPEC_ID>#/$defs/X`, components to each other as `#/$defs/X` (toAjvSchema).
    const name = /^(?:[^#]*)#\/\$defs\/([^/]+)$/.exec(schema.$ref)?.[1];
    if (name === undefined || !defs[name]) throw new Error(`${where}: $ref ${schema.$ref} is not a component schema; the client cannot close it`);
    if (!seen.has(name)) (seen.add(name), closeObjects(defs[name], defs, `components.schemas.${name}`, seen));
  }
  const composed = COMPOSITION.find((k) => schema[k] !== undefined);
  if (composed) throw new Error(`${where}: a request schema with ${composed}; scripts/generate.js cannot close it yet (closeObjects)`);
  if (isObjectSchema(schema) && schema.additionalProperties === undefined && schema.unevaluatedProperties === undefined) {
    if (schema.$ref === undefined) schema.additionalProperties = false;
    else schema.unevaluatedProperties = false;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (DATA_KEYWORDS.has(key) || key === '$ref') continue;
    if (NAME_MAPS.has(key)) for (const [name, sub] of Object.entries(value)) closeObjects(sub, defs, `${where}.${key}.${name}`, seen);
    else if (value && typeof value === 'object') closeObjects(value, defs, `${where}.${key}`, seen);
  }
}

/**
 * An ajv set up for standalone code, holding the spec's components and the body schema of each operation with one,
 * closed (closeObjects): the components in it are a copy that only these validators use. Each stops past the spec
 * package's VALIDATION_LIMITS.maxIssues issues (limitIssues) by throwing; validatorJs() turns that into `false`.
 */
function bodySchemas() {
  const { maxIssues } = VALIDATION_LIMITS;
  const ajv = createSpecAjv({ maxIssues, code: { source: true, esm: true, formats: _`formats` } });
  const root = stripAnnotations(ajv.getSchema(SPEC_ID).schema);
  ajv.removeSchema(SPEC_ID);
  const ids = {};
  const bodies = [];
  for (const op of operations.filter((o) => o.requestBody)) {
    ids[exportName(op.operationId)] = `${SPEC_ID}/request-bodies/${op.operationId}`;
    const body = { $id: ids[op.operationId], ...limitIssues(stripAnnotations(toAjvSchema(op.requestBody.schema)), maxIssues) };
    closeObjects(body, root.$defs, `${op.operationId} request body`);
    bodies.push(body);
  }
  ajv.addSchema(root);
  for (const body of bodies) ajv.addSchema(body);
  const used = JSON.stringify([root, ...Object.values(ids).map((id) => ajv.getSchema(id).schema)]).match(/"format":"[^"]+"/g) ?? [];
  const formats = [...new Set(used.map((m) => m.slice(10, -1)))];
  for (const f of formats) if (!INTEGER_FORMATS[f]) throw new Error(`spec uses format "${f}": the client only checks ${Object.keys(INTEGER_FORMATS).join(', ')}`);
  return { ajv, ids, formats };
}

/**
 * Wraps a standalone validator that throws `{ issuesFound }` past its issue limit: it then returns false with those
 * issues as its errors. A stop means invalid: the closed request schemas have no branch whose errors do not count
 * (closeObjects refuses anyOf, not, if...).
 */
const boundedJs = `
function bounded(check) {
  const validate = (data) => {
    try {
      const valid = check(data);
      validate.errors = check.errors;
      return valid;
    } catch (stop) {
      if (!stop || !Array.isArray(stop[${JSON.stringify(ISSUES_FOUND)}])) throw stop;
      validate.errors = stop[${JSON.stringify(ISSUES_FOUND)}];
      return false;
    }
  };
  return validate;
}
`;

/** ajv standalone (ESM) validators, one per operation with a body, exported under its operationId. */
async function validatorJs() {
  const { ajv, ids, formats } = bodySchemas();
  const formatsJs = `const formats = {${formats.map((f) => `${JSON.stringify(f)}: { type: "number", validate: INTEGER_FORMATS[${JSON.stringify(f)}].validate }`).join(', ')}};\n`;
  const names = Object.keys(ids);
  const standalone = 'import { INTEGER_FORMATS } from "@feishu-hire/spec/formats";\n' + formatsJs + standaloneCode(ajv, ids);
  // The entry exports the bounded validators only; ajv's own stay inside the bundle (a module of their own here).
  // `bodyValidators` lets the client look a validator up by operationId without a namespace object (whose interop
  // helper the build would put in a chunk loaded up front).
  const entry = `import { ${names.map((n) => `${n} as ${n}Check`).join(', ')} } from "ajv-standalone";\n${boundedJs}` +
    names.map((n) => `export const ${n} = bounded(${n}Check);\n`).join('') + `\nexport const bodyValidators = { ${names.join(', ')} };\n`;
  const resolveDir = fileURLToPath(new URL('.', import.meta.url));
  const virtual = {
    name: 'ajv-standalone',
    setup(b) {
      b.onResolve({ filter: /^ajv-standalone$/ }, () => ({ path: 'ajv-standalone', namespace: 'ajv-standalone' }));
      b.onLoad({ filter: /.*/, namespace: 'ajv-standalone' }, () => ({ contents: standalone, resolveDir, loader: 'js' }));
    },
  };
  // ajv's code may `require` runtime helpers (ucs2length, equal, ...), which are CommonJS. esbuild inlines them here,
  // so the file is self-contained ESM: the client's build would otherwise wrap them with interop helpers that land in
  // a chunk every app loads up front. The spec's formats stay an import, shared with the bundled error wording.
  const { outputFiles } = await build({
    stdin: { contents: entry, resolveDir, loader: 'js' }, plugins: [virtual],
    bundle: true, format: 'esm', platform: 'neutral', write: false, external: ['@feishu-hire/spec/*'], logLevel: 'silent',
  });
  return header('ajv standalone') + outputFiles[0].text;
}

/** The declaration of validatorJs()'s module. */
function validatorDts() {
  const names = operations.filter((o) => o.requestBody).map((o) => o.operationId);
  return header('ajv standalone') + `/** One failed rule, as ajv reports it. */
export interface RequestValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, any>;
  message?: string;
}
/** Checks a request body; on false, \`errors\` lists every failed rule. */
export interface BodyValidator {
  (data: unknown): boolean;
  errors?: RequestValidationError[] | null;
}
${names.map((name) => `/** Checks the request body of ${name}. */\nexport declare const ${name}: BodyValidator;\n`).join('')}\
/** Every validator above by operationId. */
export declare const bodyValidators: { ${names.map((n) => `${n}: BodyValidator`).join('; ')} };
`;
}

/**
 * One `as const` constant per operation, named by its operationId: what the client's core needs to call it, typed
 * (as a type only) by openapi-typescript's `operations[id]`, so that `client.request` checks its input and types its
 * answer.
 */
async function operationsTs(list = operations) {
  const { operationFromModel } = await loadOperationMapping();
  let out = header('scripts/generate.js, from the operations model') + OPERATION_IMPORTS;
  for (const model of list) {
    const op = operationFromModel(model);
    if (isReadOnly(model) && !op.idempotent) throw new Error(`operation ${model.operationId} only reads (isReadOnly), but src/operation.ts makes it not idempotent`);
    const fields = Object.entries(op).map(([k, v]) => `  ${k}: ${v === undefined ? 'undefined' : JSON.stringify(v)},\n`).join('');
    out += typedConstant(exportName(op.operationId), `${jsdoc(model.summary ?? model.operationId)}: \`${op.method} ${op.path}\``, fields);
  }
  return out;
}

const OPERATION_IMPORTS = `import type { TypedOperation } from '../src/operation-types.js';\nimport type { operations } from './schema.js';\n`;

/** The constant `name` of the fields (its value, as TypeScript), typed by `operations[name]` and by the fields' literals. */
function typedConstant(name, doc, fields) {
  const literals = fields.replace(/^  (\w+): /gm, '  readonly $1: ').replaceAll(',\n', ';\n');
  return `\n/** ${doc}. */\nexport const ${name}: TypedOperation<operations['${name}']> & {\n${literals}} = {\n${fields}};\n`;
}

// src/operation.ts maps a model operation to the client's shape; it has no imports, so esbuild turns it into a
// module this script can import: the generated constants and `operationFromModel` cannot disagree.
async function loadOperationMapping() {
  const { code } = await transform(await readFile(new URL('../src/operation.ts', import.meta.url), 'utf8'), { loader: 'ts', format: 'esm' });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

// The keywords of a parameter schema a caller's input is checked against (the rest is documentation).
const PARAMETER_RULES = ['type', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'default'];

/**
 * One `as const` object per operation with query parameters, `<operationId>Query`: each parameter's requiredness and
 * the rules of its schema (page_size: `{ type: 'integer', minimum: 1, maximum: 20, default: 10 }`), so that the
 * client checks its methods' input against the spec's bounds, not against numbers written by hand.
 */
function parametersTs() {
  let out = header('scripts/generate.js, from the operations model');
  for (const op of operations.filter((o) => o.parameters.query.length)) {
    out += `\n/** Query parameters of ${exportName(op.operationId)}, with the rules of their schemas. */\nexport const ${op.operationId}Query = {\n`;
    for (const p of op.parameters.query) {
      const rules = PARAMETER_RULES.filter((k) => p.schema?.[k] !== undefined).map((k) => `${k}: ${JSON.stringify(p.schema[k])}`);
      out += `  /** ${jsdoc(p.description?.split(/[:\n]/)[0] ?? p.name)} */\n  ${JSON.stringify(p.name)}: { required: ${p.required === true}${rules.map((r) => `, ${r}`).join('')} },\n`;
    }
    out += `} as const;\n`;
  }
  return out;
}

/**
 * `ErrorCode`: each platform error code by its name, documented from the spec, and the union type of the codes. Each
 * code is also a constant of its own, so that the client's core needs only the few it acts on, not the whole object.
 */
function errorCodesTs() {
  const doc = (e) => `/** \`${e.code}\` ${jsdoc(e.msg)} — ${jsdoc(e.meaning)} ${jsdoc(e.action)} (HTTP ${e.http_status}) */`;
  let out = header('scripts/generate.js, from x-feishu-error-codes') + '\n';
  for (const e of errorCodes) out += `${doc(e)}\nexport const ${e.name} = ${e.code};\n`;
  out += `\n/** The platform's error codes (the spec's \`x-feishu-error-codes\`), by readable name. */\nexport const ErrorCode = {\n`;
  for (const e of errorCodes) out += `  ${doc(e)}\n  ${e.name},\n`;
  return out + `} as const;\n/** One of the known error codes. */\nexport type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];\n`;
}

/** The schema of the record an update writes: `data.<recordKey>` of its 200 answer (the key derived by the model). */
function recordSchema(op, doc = openapi, list = resources) {
  const { recordKey } = resourceByName(op.resource.name, list);
  const answer = deref(doc, op.responses['200']?.content?.['application/json']?.schema);
  const schema = deref(doc, answer?.properties?.data)?.properties?.[recordKey];
  if (!recordKey || !schema) throw new Error(`operation ${op.operationId} overwrites (x-feishu-overwrite: full), but its 200 answer has no data.<record> (record key: ${recordKey})`);
  return { key: recordKey, schema };
}

/**
 * For each operation that overwrites (`x-feishu-overwrite: full`), `<operationId>WriteBack`: the body fields it
 * requires and the readOnly mask of its record. toWriteBody() reads them to send a stored record back losing nothing
 * but what the server assigns: a field the spec gains, marked readOnly or not, needs no change in the client.
 */
function writeBackTs(list = operations, doc = openapi) {
  let out = header('scripts/generate.js, from readOnly and x-feishu-overwrite') + `import type { WriteBack } from '../src/write-back.js';\n`;
  for (const op of list.filter((o) => o.resource?.role === 'update' && o.resource.overwrite === 'full')) {
    const record = recordSchema(op, doc, resourcesOf(doc, list));
    const required = op.requestBody ? deref(doc, op.requestBody.schema).required ?? [] : [];
    const readOnly = readOnlyMask(doc, record.schema, `${op.operationId} data.${record.key}`);
    out += `\n/** What ${exportName(op.operationId)} (a full overwrite) needs of a stored \`${record.key}\` sent back: its required body fields, and the fields the server assigns (readOnly). */\n`;
    out += `export const ${op.operationId}WriteBack = ${JSON.stringify({ record: record.key, required, readOnly })} as const satisfies WriteBack;\n`;
  }
  return out;
}

/** Text fit for one line of a JSDoc comment. */
const jsdoc = (text) => String(text).replace(/\s+/g, ' ').trim().replaceAll('*/', '*\\/');

const cli = parseArgs({ options: { check: { type: 'boolean' }, spec: { type: 'string' }, out: { type: 'string' } } }).values;
if (cli.spec) {
  // Another spec's client: what a resource added to it brings (the tests generate one for the fixture resource).
  const doc = JSON.parse(await readFile(cli.spec, 'utf8'));
  const list = operationsOf(doc);
  const dir = new URL(`${cli.out ?? 'fixture-generated'}/`, new URL('..', import.meta.url));
  await mkdir(dir, { recursive: true });
  await writeFile(new URL('schema.ts', dir), await schemaTs(new URL(`file://${cli.spec}`)));
  await writeFile(new URL('operations.ts', dir), await operationsTs(list));
  await writeFile(new URL('write-back.ts', dir), writeBackTs(list, doc));
  await writeFile(new URL('resources.ts', dir), resourcesTs(doc, list, resourcesOf(doc, list), header('scripts/resources.js, from the resource model')));
  process.exit(0);
}

const files = {
  'schema.ts': await schemaTs(),
  'enums.ts': enumsTs(),
  'operations.ts': await operationsTs(),
  'resources.ts': resourcesTs(openapi, operations, resources, header('scripts/resources.js, from the resource model')),
  'parameters.ts': parametersTs(),
  'error-codes.ts': errorCodesTs(),
  'write-back.ts': writeBackTs(),
  'validate-request.js': await validatorJs(),
  'validate-request.d.ts': validatorDts(),
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
