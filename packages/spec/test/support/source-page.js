// Reads a vendored source page (specs/source/*.md) and checks the rows of its tables against the spec: every row must
// be a property at its path in the matching schema tree, with the same type, requiredness, example, enum meanings,
// default and range. Rows are the official pages' flat tables: nested fields follow their parent.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { openapi } from '../../src/ajv.js';

/** The text of a vendored source file, its sha256, its front matter (`key: value` lines) and the body after it. */
export function readSource(name) {
  const text = readFileSync(new URL(`../../../../specs/source/${name}`, import.meta.url), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const front = {};
  for (const [, key, value] of (match?.[1] ?? '').matchAll(/^([a-z_]+): (.*)$/gm)) front[key] = value;
  return { text, sha256: createHash('sha256').update(text).digest('hex'), front, body: match ? text.slice(match[0].length) : text };
}

/**
 * The rows of the markdown table after `heading`, each as { name, type, required, text }. A cell's `<br>` breaks are
 * read as new lines, so that one-line rows read like the multi-line rows of older pages.
 */
export function tableAfter(source, heading, hasRequiredColumn) {
  const start = source.indexOf(heading);
  if (start < 0) return [];
  const lines = source.slice(start).replaceAll('<br>', '\n').split('\n').slice(1);
  const rows = [];
  let inTable = false;
  for (const line of lines) {
    if (/^#{2,3} /.test(line)) break;
    if (/^名称 ?\|/.test(line)) { inTable = true; continue; }
    if (!inTable || /^-+ ?\|/.test(line)) continue;
    const cells = line.split(' | ');
    if (cells.length >= 3 && /^[a-z_]+$/.test(cells[0])) {
      const [name, type, ...rest] = cells;
      rows.push({ name, type: type.replaceAll('\\', ''), required: hasRequiredColumn ? rest[0] === '是' : undefined, text: [rest.join(' | ')] });
    } else if (rows.length) {
      rows.at(-1).text.push(line);
    }
  }
  return rows.map((r) => ({ ...r, text: r.text.join('\n') }));
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

const JSON_TYPE = { int: 'integer', string: 'string', 'string[]': 'array', boolean: 'boolean' };
/** The description and title of a schema, joined. */
const describedAs = (schema) => [schema.description, schema.title].filter(Boolean).join('\n');

/** Checks every row against the schema at the matching path (`paths[i]` for `rows[i]`). */
export function checkRows(rows, paths, rootSchema, checkRequired) {
  expect(rows.map((r) => r.name), 'the source rows, in order').toEqual(paths.map((p) => p.split('.').at(-1).replace('[]', '')));
  rows.forEach((row, i) => {
    const at = schemaAt(rootSchema, paths[i]);
    expect(at, `source field ${paths[i]} is in the spec at that path`).toBeDefined();
    const { schema, required } = at;
    const where = `${paths[i]} (${row.type})`;
    if (JSON_TYPE[row.type]) expect(schema.type, `${where} type`).toBe(JSON_TYPE[row.type]);
    else if (row.type.endsWith('[]')) expect(schema.type, `${where} type`).toBe('array');
    else if (row.type !== '-') expect(schema.type, `${where} type`).toBe('object');
    const example = /\*\*示例值\*\*：(.+?)\s*$/m.exec(row.text)?.[1];
    if (example !== undefined) {
      // A string example may be written without quotes (query parameters): compare it as written.
      const expected = schema.type === 'string' && !example.startsWith('"') ? example : JSON.parse(example);
      expect(schema.example, `${where} example`).toEqual(expected);
    }
    if (checkRequired) expect(required, `${where} required`).toBe(row.required);
    if (/字段类型为：int64/.test(row.text)) expect(schema.format, `${where} format`).toBe('int64');
    const fallback = /\*\*默认值\*\*：\s*`?(\d+)`?/.exec(row.text)?.[1];
    if (fallback !== undefined) expect(schema.default, `${where} default`).toBe(Number(fallback));
    const range = /取值范围：`(\d+)` ～ `(\d+)`/.exec(row.text);
    if (range) expect([schema.minimum, schema.maximum], `${where} range`).toEqual([Number(range[1]), Number(range[2])]);
    const max = /最大值：`(\d+)`/.exec(row.text)?.[1];
    if (max !== undefined) expect(schema.maximum, `${where} maximum`).toBe(Number(max));
    // The Chinese name of the field, and for an answer field the question type it goes with, are in its description.
    const label = row.text.replace(/^[是否] \| /, '').split(/[（\n，]/)[0].replaceAll('\\', '').trim();
    const described = describedAs(schema);
    if (label !== '-') expect(described, `${where} description names 「${label}」`).toContain(label);
    for (const [, kind] of row.text.matchAll(/「(.+?)」/g)) expect(described, `${where} goes with ${kind}`).toContain(kind);
    for (const [, value, meaning] of row.text.matchAll(/^- (\d+)：(\S+)/gm)) {
      expect(schema.enum, `${where} enum`).toContain(Number(value));
      const k = schema.enum.indexOf(Number(value));
      expect(schema['x-enum-descriptions'][k], `${where}=${value} meaning`).toContain(meaning);
      expect(schema['x-enum-varnames'][k], `${where}=${value} name`).toMatch(/^[A-Z][A-Za-z]+$/);
    }
    const enumCount = [...row.text.matchAll(/^- (\d+)：/gm)].length;
    if (enumCount) expect(schema.enum, `${where} has exactly the source's values`).toHaveLength(enumCount);
  });
}

/** The facts of the source page's 请求 table: URL, method, rate limit, app types and the permission scopes. */
export function requestFacts(source) {
  const cell = (name) => new RegExp(`^${name}[^|\\n]*\\| (.+)$`, 'm').exec(source)?.[1];
  const permissions = [...(cell('权限要求.*?') ?? '').matchAll(/([^()<>]+)\(([a-z_:.]+)\)/g)].map(([, name, scope]) => ({ name: name.trim(), scope }));
  return { url: cell('HTTP URL'), method: cell('HTTP Method'), rateLimit: cell('接口频率限制'), appTypes: cell('支持的应用类型'), permissions };
}
