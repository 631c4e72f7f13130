// Reads the vendored sources (specs/source/) and checks the rows of a page's tables against the spec: every row must
// be a property at its path in the matching schema tree, with the same type, requiredness, example, enum meanings,
// default and range. Rows are the pages' flat tables: nested fields follow their parent (the mirror marks them `└`),
// and a row's place is found in the schema: the innermost open object that has the field and has not had it yet.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { openapi } from '../../src/ajv.js';

const SOURCE_DIR = new URL('../../../../specs/source/', import.meta.url);
/** Files of specs/source/ that are about the sources, not sources. */
const NOT_SOURCES = new Set(['README.md', 'SHA256SUMS']);

/** The names of the vendored source files (every file of specs/source/ but its README and checksums). */
export function sourceFiles() {
  return readdirSync(SOURCE_DIR).filter((name) => !NOT_SOURCES.has(name)).sort();
}

/** A file of specs/source/ as text. */
export const sourceText = (name) => readFileSync(new URL(name, SOURCE_DIR), 'utf8');

/** The text of a vendored source file, its sha256, its front matter (`key: value` lines) and the body after it. */
export function readSource(name) {
  const text = sourceText(name);
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const front = {};
  for (const [, key, value] of (match?.[1] ?? '').matchAll(/^([a-z_]+): (.*)$/gm)) front[key] = value;
  return { name, text, sha256: createHash('sha256').update(text).digest('hex'), front, body: match ? text.slice(match[0].length) : text };
}

/**
 * How a copy writes its tables and facts: the official Chinese and English pages, and the unofficial mirror (which
 * reformats them: bare headings, `| ` around rows, `└` before nested rows, `示例值:` with an ASCII colon).
 */
const DIALECTS = {
  zh: {
    tables: { 请求体: 'request', 查询参数: 'query', 路径参数: 'path', 响应体: 'response' },
    header: '名称', yes: '是', example: /\*\*示例值\*\*：(.+?)\s*$/m, labels: true, wording: true,
    facts: { url: 'HTTP URL', method: 'HTTP Method', rateLimit: '接口频率限制', appTypes: '支持的应用类型', permissions: '权限要求' },
    examples: { request: '请求体示例', response: '响应体示例' },
  },
  en: {
    tables: { 'Request body': 'request', 'Query parameters': 'query', 'Path parameters': 'path', 'Response body': 'response' },
    header: 'Parameter', yes: 'Yes', example: /\*\*Example value\*\*: (.+?)\s*$/m, labels: false, wording: true,
    facts: { url: 'HTTP URL', method: 'HTTP Method', rateLimit: 'Rate Limit', appTypes: 'Supported app types', permissions: 'Required scopes' },
    examples: { request: 'Request body example', response: 'Response body example' },
  },
};
DIALECTS.mirror = { ...DIALECTS.zh, labels: false, wording: false };

/** The dialect of a source read by readSource: `zh`, `en` or `mirror`. */
export function dialectOf(source) {
  if (source.front.official === 'false') return 'mirror';
  return /^## Request$/m.test(source.body) ? 'en' : 'zh';
}

/** Whether a vendored file is a copy of a page (not an SDK excerpt). */
export const isPage = (source) => source.front.files === undefined;

const HEADINGS = new Set(Object.values(DIALECTS).flatMap((d) => [...Object.keys(d.tables), ...Object.values(d.examples)]).concat(['请求', '响应', '请求头', 'Request header', '错误码', 'Error code']));
/** Whether a line opens a new section: a markdown heading, or one of the mirror's bare headings. */
const isHeading = (line) => /^#{1,3} /.test(line) || HEADINGS.has(line.trim());
/** A row's cells without the mirror's `| ` and `└ ` decorations. */
const cellsOf = (line) => line.replace(/^\|\s?/, '').replace(/^\s*└\s*/, '').split(' | ');

/**
 * The rows of the table after the heading line `heading` (`### heading` or bare), each as { name, type, required,
 * text }, and whether the copy ends inside it. A cell's `<br>` breaks are read as new lines, so that one-line rows read
 * like the multi-line rows of older pages.
 */
export function tableAfter(body, heading, dialect) {
  const lines = body.replaceAll('<br>', '\n').split('\n');
  const start = lines.findIndex((l) => l === `### ${heading}` || l.trim() === heading);
  if (start < 0) return undefined;
  const header = new RegExp(`^\\|? ?${DIALECTS[dialect].header} ?\\|`);
  const rows = [];
  let inTable = false;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (isHeading(line) || (inTable && header.test(line))) { end = i; break; }
    if (header.test(line)) { inTable = true; continue; }
    if (!inTable || /^\|?\s*-+\s?\|/.test(line)) continue;
    const cells = cellsOf(line);
    if (cells.length >= 3 && /^[a-z_]+$/.test(cells[0])) {
      const [name, type, ...rest] = cells;
      const required = rest.length > 1 ? rest[0] === DIALECTS[dialect].yes : undefined;
      rows.push({ name, type: type.replaceAll('\\', ''), required, text: [(required === undefined ? rest : rest.slice(1)).join(' | ')] });
    } else if (rows.length) {
      rows.at(-1).text.push(line);
    }
  }
  return { rows: rows.map((r) => ({ ...r, text: r.text.join('\n').trim() })), endsCopy: end === lines.length };
}

/** Every table of a page copy: `[{ kind: request|query|path|response, heading, rows, endsCopy }]`. */
export function tablesOf(source) {
  const dialect = dialectOf(source);
  return Object.entries(DIALECTS[dialect].tables)
    .map(([heading, kind]) => ({ heading, kind, ...tableAfter(source.body, heading, dialect) }))
    .filter((t) => t.rows);
}

/** Follows local `$ref`s of the bundled document to the schema they name (siblings of a `$ref` are dropped). */
export function deref(node) {
  let current = node;
  while (current?.$ref) current = current.$ref.slice(2).split('/').reduce((o, k) => o[k], openapi);
  return current;
}

/** The schema at a dotted path below `schema` (`a.b`; `[]` steps into array items), following $ref and allOf. */
export function schemaAt(schema, path) {
  let node = deref(schema);
  let required = false;
  for (const step of path.split('.')) {
    const name = step.replace(/\[\]$/, '');
    const parts = [node, ...(node.allOf ?? []).map(deref)];
    const owner = parts.find((p) => p.properties?.[name]);
    if (!owner) return undefined;
    required = (owner.required ?? []).includes(name);
    node = deref(owner.properties[name]);
    node = { ...node, ...owner.properties[name], $ref: undefined };
    if (step.endsWith('[]')) node = deref(node.items);
  }
  return { schema: node, required };
}

/** An object schema standing for an operation's parameters of one location, as the source's parameter table. */
export function parametersAsSchema(parameters) {
  return {
    type: 'object',
    required: parameters.filter((p) => p.required).map((p) => p.name),
    properties: Object.fromEntries(parameters.map((p) => [p.name, { ...p.schema, description: p.description, example: p.example }])),
  };
}

/** Whether a schema holds fields (an object, or an array of objects): the rows after it may be its fields. */
const holdsFields = (schema) => Boolean(schema?.properties || deref(schema?.items)?.properties);

/**
 * The path of each row below `root` ('' when none fits): the innermost open object (the root, or an object row
 * before it) that has the field and has not had it yet; an object or array-of-objects row opens itself.
 */
export function rowPaths(rows, root) {
  const stack = [{ prefix: '', seen: new Set() }];
  return rows.map(({ name }) => {
    while (stack.length) {
      const top = stack.at(-1);
      if (!top.seen.has(name) && schemaAt(root, `${top.prefix}${name}`)) break;
      stack.pop();
    }
    if (!stack.length) return '';
    const top = stack.at(-1);
    top.seen.add(name);
    const path = `${top.prefix}${name}`;
    const { schema } = schemaAt(root, path);
    if (holdsFields(schema)) stack.push({ prefix: `${path}${schema.type === 'array' ? '[]' : ''}.`, seen: new Set() });
    return path;
  });
}

const JSON_TYPE = { int: 'integer', string: 'string', 'string[]': 'array', boolean: 'boolean' };
/** The description and title of a schema, joined. */
const describedAs = (schema) => [schema.description, schema.title].filter(Boolean).join('\n');
/** The example and examples of a schema: a source's example must be one of them. */
const examplesOf = (schema) => [schema.example, ...(schema.examples ?? [])].filter((e) => e !== undefined);

/** Checks a row's example, label, enum meanings and bounds against its schema (the dialect's wording). */
function checkWording(row, schema, where, dialect, truncated) {
  const { example: exampleRule, labels } = DIALECTS[dialect];
  const text = truncated ? row.text.replace(/<[a-z]*$|\*+$/, '') : row.text;
  const example = exampleRule.exec(text)?.[1];
  if (example !== undefined) {
    // A string example may be written without quotes (query parameters): compare it as written.
    const expected = schema.type === 'string' && !example.startsWith('"') ? example : JSON.parse(example);
    expect(examplesOf(schema), `${where} example`).toContainEqual(expected);
  }
  if (/字段类型为：int64/.test(text)) expect(schema.format, `${where} format`).toBe('int64');
  const fallback = /\*\*默认值\*\*：\s*`?(\d+)`?/.exec(text)?.[1];
  if (fallback !== undefined) expect(schema.default, `${where} default`).toBe(Number(fallback));
  const range = /取值范围：`(\d+)` ～ `(\d+)`/.exec(text);
  if (range) expect([schema.minimum, schema.maximum], `${where} range`).toEqual([Number(range[1]), Number(range[2])]);
  const max = /最大值：`(\d+)`/.exec(text)?.[1];
  if (max !== undefined) expect(schema.maximum, `${where} maximum`).toBe(Number(max));
  const described = describedAs(schema);
  // The Chinese name of the field, and for an answer field the question type it goes with, are in its description.
  const label = text.split(/[（\n，]/)[0].replaceAll('\\', '').trim();
  if (labels && label !== '-' && label !== '') expect(described, `${where} description names 「${label}」`).toContain(label);
  for (const [, kind] of text.matchAll(/「(.+?)」/g)) expect(described, `${where} goes with ${kind}`).toContain(kind);
  for (const [, value, meaning] of text.matchAll(/^- (\d+)：(\S+)/gm)) {
    expect(schema.enum, `${where} enum`).toContain(Number(value));
    const k = schema.enum.indexOf(Number(value));
    expect(schema['x-enum-descriptions'][k], `${where}=${value} meaning`).toContain(meaning);
    expect(schema['x-enum-varnames'][k], `${where}=${value} name`).toMatch(/^[A-Z][A-Za-z]+$/);
  }
  const enumCount = [...text.matchAll(/^- (\d+)：/gm)].length;
  if (enumCount && !truncated) expect(schema.enum, `${where} has exactly the source's values`).toHaveLength(enumCount);
}

/**
 * Checks every row against the schema at its path below `rootSchema`: its type, its requiredness (request tables),
 * and in the official pages' wording its example, label, enum meanings, default and range. `truncated` marks the
 * last row as cut off by the end of the copy (its value list may be incomplete).
 */
export function checkRows(rows, rootSchema, { checkRequired, dialect, truncated }) {
  const paths = rowPaths(rows, rootSchema);
  rows.forEach((row, i) => {
    expect(paths[i], `source row ${row.name} (${row.type}) is a field of the spec at its place in the table`).not.toBe('');
    const { schema, required } = schemaAt(rootSchema, paths[i]);
    const where = `${paths[i]} (${row.type})`;
    if (JSON_TYPE[row.type]) expect(schema.type, `${where} type`).toBe(JSON_TYPE[row.type]);
    else if (row.type.endsWith('[]')) expect(schema.type, `${where} type`).toBe('array');
    else if (row.type !== '-') expect(schema.type, `${where} type`).toBe('object');
    if (checkRequired && row.required !== undefined) expect(required, `${where} required`).toBe(row.required);
    if (DIALECTS[dialect].wording) checkWording(row, schema, where, dialect, truncated && i === rows.length - 1);
  });
  return paths;
}

/** The value of a facts row `label | value` (official) or `| label | value |` (mirror); a label may span lines. */
function factOf(body, label) {
  const match = new RegExp(`^\\|? ?${label}[^|]*?\\| (.+?)(?: \\|)?$`, 'm').exec(body);
  return match?.[1];
}

/**
 * The facts of a page copy's request table: URL, method, path (the spec's template), rate limit `{ requests, per,
 * text }`, app types and the permission scopes `[{ name, scope }]`.
 */
export function requestFacts(source) {
  const dialect = dialectOf(source);
  const labels = DIALECTS[dialect].facts;
  const url = factOf(source.body, labels.url);
  const limit = /\[?(\d+) (次\/秒|次\/分钟|per second|per minute)\]?/.exec(factOf(source.body, labels.rateLimit) ?? '');
  const per = { '次/秒': 'second', '次/分钟': 'minute', 'per second': 'second', 'per minute': 'minute' }[limit?.[2]];
  const cell = factOf(source.body, labels.permissions) ?? '';
  const permissions = dialect === 'mirror'
    ? [...cell.matchAll(/([a-z_]+:[a-z_.:]+) (\S+)/g)].map(([, scope, name]) => ({ name, scope }))
    : [...cell.matchAll(/([^()<>]+)\(([a-z_]+:[a-z_.:]+)\)/g)].map(([, name, scope]) => ({ name: name.trim(), scope }));
  return {
    url,
    method: factOf(source.body, labels.method),
    path: url?.replace(/^https:\/\/open\.feishu\.cn/, '').replace(/:(\w+)/g, '{$1}'),
    rateLimit: limit && { requests: Number(limit[1]), per, text: `${limit[1]} ${limit[2]}` },
    appTypes: factOf(source.body, labels.appTypes),
    permissions,
  };
}

/** The error-code rows of a copy: `[{ status, code, msg }]`. */
export const errorRows = (source) => [...source.body.matchAll(/^(\d{3}) \| (\d+) \| (\S+) \|/gm)].map(([, status, code, msg]) => ({ status, code: Number(code), msg }));

/** The complete JSON examples of a copy after its request and response example headings: `{ request?, response? }`. */
export function exampleBlocks(source) {
  const { examples } = DIALECTS[dialectOf(source)];
  const blockAfter = (heading) => {
    const match = new RegExp(`^### ${heading}\\n\`\`\`json\\n([\\s\\S]*?)\`\`\``, 'm').exec(source.body);
    return match ? JSON.parse(match[1]) : undefined;
  };
  return { request: blockAfter(examples.request), response: blockAfter(examples.response) };
}
