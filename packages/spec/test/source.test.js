// Checks the spec against the source document field by field: every row of the source's request and response
// tables must be a property of the matching schema tree, with the same type, requiredness, example and enum meanings.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openapi } from '../src/ajv.js';

const source = readFileSync(new URL('../../../specs/source/update-external-interview.zh.md', import.meta.url), 'utf8');

/** Returns the rows of the markdown table that follows `heading`, each as { name, type, required, text }. */
function tableAfter(heading, hasRequiredColumn) {
  const start = source.indexOf(heading);
  const lines = source.slice(start).split('\n').slice(1);
  const rows = [];
  let inTable = false;
  for (const line of lines) {
    if (/^#{2,3} /.test(line)) break;
    if (/^名称 \|/.test(line)) { inTable = true; continue; }
    if (!inTable || /^-+ \|/.test(line)) continue;
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

const deref = (node) => (node?.$ref ? node.$ref.slice(2).split('/').reduce((o, k) => o[k], openapi) : node);

/** The schema at a dotted path below `schema` (`a.b`; `[]` steps into array items), following $ref and allOf. */
function schemaAt(schema, path) {
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

// Where each row of the source's flat tables sits: the tables list nested fields right after their parent.
const DIMENSION = ['score', 'option', 'options', 'content', 'assessment_type', 'title', 'description'];
const REQUEST_PATHS = [
  'external_application_id', 'participate_status', 'begin_time', 'end_time', 'interview_assessments',
  ...['username', 'conclusion', 'assessment_dimension_list'].map((f) => `interview_assessments[].${f}`),
  ...DIMENSION.map((f) => `interview_assessments[].assessment_dimension_list[].${f}`),
  'interview_assessments[].content',
];
const INTERVIEW = 'data.external_interview';
const RESPONSE_PATHS = [
  'code', 'msg', 'data', INTERVIEW,
  ...['external_application_id', 'id', 'participate_status', 'begin_time', 'end_time', 'interview_assessments'].map((f) => `${INTERVIEW}.${f}`),
  ...['id', 'username', 'conclusion', 'assessment_dimension_list'].map((f) => `${INTERVIEW}.interview_assessments[].${f}`),
  ...DIMENSION.map((f) => `${INTERVIEW}.interview_assessments[].assessment_dimension_list[].${f}`),
  `${INTERVIEW}.interview_assessments[].content`,
];

const JSON_TYPE = { int: 'integer', string: 'string', 'string[]': 'array' };
const schemas = openapi.components.schemas;

/** The description of a property and of the schema it refers to, joined. */
const describedAs = (schema) => [schema.description, schema.title].filter(Boolean).join('\n');

function checkRows(rows, paths, rootSchema, checkRequired) {
  expect(rows.map((r) => r.name), 'the source rows, in order').toEqual(paths.map((p) => p.split('.').at(-1).replace('[]', '')));
  rows.forEach((row, i) => {
    const at = schemaAt(rootSchema, paths[i]);
    expect(at, `source field ${paths[i]} is in the spec at that path`).toBeDefined();
    const { schema, required } = at;
    const example = /\*\*示例值\*\*：(.+?)\s*$/m.exec(row.text)?.[1];
    const where = `${paths[i]} (${row.type})`;
    if (JSON_TYPE[row.type]) expect(schema.type, `${where} type`).toBe(JSON_TYPE[row.type]);
    else if (row.type.endsWith('[]')) expect(schema.type, `${where} type`).toBe('array');
    else if (row.type !== '-') expect(schema.type, `${where} type`).toBe('object');
    if (example !== undefined) expect(schema.example, `${where} example`).toEqual(JSON.parse(example));
    if (checkRequired) expect(required, `${where} required`).toBe(row.required);
    if (/字段类型为：int64/.test(row.text)) expect(schema.format, `${where} format`).toBe('int64');
    // The Chinese name of the field, and for an answer field the question type it goes with, are in its description.
    const label = row.text.replace(/^[是否] \| /, '').split(/[（\n，]/)[0].replaceAll('\\', '').trim();
    const described = describedAs(schema) + describedAs(deref(at.ref ?? {}));
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

describe('spec matches the source document', () => {
  it('reads the official page as published (specs/source is a byte-exact copy, never edited)', () => {
    // sha256 of the official page as first vendored; a changed page is a new source, reviewed as such.
    expect(createHash('sha256').update(source).digest('hex')).toBe('ff90fc7af7cb51a1c703c3dc8b2cde2a53e7bb626439ef79a11985da27125b42');
  });

  const requestRows = tableAfter('### 请求体\n', true);
  const responseRows = tableAfter('### 响应体\n', false);

  it('reads the source tables', () => {
    expect(requestRows.map((r) => r.name)).toContain('external_application_id');
    expect(requestRows).toHaveLength(16);
    expect(responseRows).toHaveLength(22);
  });

  it('has every request field with its type, requiredness, example and enum meanings', () => {
    checkRows(requestRows, REQUEST_PATHS, schemas.UpdateExternalInterviewRequest, true);
  });

  it('has every response field with its type and enum meanings', () => {
    checkRows(responseRows, RESPONSE_PATHS, schemas.UpdateExternalInterviewResponse, false);
  });

  it('has the path parameter with its example', () => {
    const param = openapi.components.parameters.external_interview_id;
    expect(param).toMatchObject({ in: 'path', required: true, example: '6960663240925956660', schema: { type: 'string' } });
  });

  it('documents every error code of the source with its HTTP status', () => {
    const rows = [...source.matchAll(/^(\d{3}) \| (\d+) \| (\S+) \|/gm)].map(([, status, code, msg]) => ({ status, code: Number(code), msg }));
    expect(rows).toHaveLength(2);
    const put = openapi.paths['/open-apis/hire/v1/external_interviews/{external_interview_id}'].put;
    for (const { status, code, msg } of rows) {
      const examples = Object.values(deref(put.responses[status]).content['application/json'].examples).map((e) => deref(e).value);
      expect(examples, `${status} ${code}`).toContainEqual({ code, msg });
      expect(openapi['x-feishu-error-codes'], `${code}`).toContainEqual(expect.objectContaining({ code, msg, http_status: Number(status), basis: 'source' }));
      expect(put['x-feishu-error-codes']).toContain(code);
    }
  });

  it('states the permission, the rate limit and the app type of the source', () => {
    const put = openapi.paths['/open-apis/hire/v1/external_interviews/{external_interview_id}'].put;
    expect(source).toContain('hire:external_application');
    expect(source).toContain('10 次/秒');
    expect(source).toContain('自建应用');
    expect(put.description).toContain('hire:external_application');
    expect(put['x-feishu-rate-limit']).toMatchObject({ requests: 10, per: 'second', basis: 'source' });
    expect(put['x-feishu-rate-limit'].description).toContain('10 次/秒');
    expect(put.description).toContain('自建应用');
  });
});
