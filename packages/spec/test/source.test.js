// Checks the spec against the source document field by field: every row of the source's request and response
// tables must be a property of the matching schema tree, with the same type, requiredness, example and enum meanings.
import { describe, expect, it } from 'vitest';
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

/** Collects every property below a schema as [{ name, schema, required }], following $ref, allOf and items. */
function propertiesOf(schema, out = []) {
  const s = deref(schema);
  for (const part of s.allOf ?? []) propertiesOf(part, out);
  if (s.items) propertiesOf(s.items, out);
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    out.push({ name, schema: { ...deref(prop), ...prop, $ref: undefined }, required: (s.required ?? []).includes(name) });
    propertiesOf(prop, out);
  }
  return out;
}

const JSON_TYPE = { int: 'integer', string: 'string', 'string[]': 'array' };
const schemas = openapi.components.schemas;

function checkRows(rows, rootSchema, checkRequired) {
  const props = propertiesOf(rootSchema);
  for (const row of rows) {
    const candidates = props.filter((p) => p.name === row.name);
    expect(candidates.length, `source field ${row.name} is in the spec`).toBeGreaterThan(0);
    const example = /\*\*示例值\*\*：(.+?)\s*$/m.exec(row.text)?.[1];
    const match = candidates.find((p) => {
      const t = p.schema.type;
      const typeOk = JSON_TYPE[row.type] ? t === JSON_TYPE[row.type] : t === 'array' || t === 'object';
      const exampleOk = example === undefined || JSON.stringify(p.schema.example) === JSON.stringify(JSON.parse(example));
      const requiredOk = !checkRequired || p.required === row.required;
      return typeOk && exampleOk && requiredOk;
    });
    expect(match, `${row.name} (${row.type}, example ${example}, required ${row.required}) matches a spec property`).toBeDefined();
    if (/字段类型为：int64/.test(row.text)) expect(match.schema.format, `${row.name} format`).toBe('int64');
    for (const [, value, meaning] of row.text.matchAll(/^- (\d+)：(\S+)/gm)) {
      expect(match.schema.enum, `${row.name} enum`).toContain(Number(value));
      const i = match.schema.enum.indexOf(Number(value));
      expect(match.schema['x-enum-descriptions'][i], `${row.name}=${value} meaning`).toContain(meaning);
      expect(match.schema['x-enum-varnames'][i], `${row.name}=${value} name`).toMatch(/^[A-Z][A-Za-z]+$/);
    }
    const enumCount = [...row.text.matchAll(/^- (\d+)：/gm)].length;
    if (enumCount) expect(match.schema.enum, `${row.name} has exactly the source's values`).toHaveLength(enumCount);
  }
}

describe('spec matches the source document', () => {
  const requestRows = tableAfter('### 请求体\n', true);
  const responseRows = tableAfter('### 响应体\n', false);

  it('reads the source tables', () => {
    expect(requestRows.map((r) => r.name)).toContain('external_application_id');
    expect(requestRows).toHaveLength(16);
    expect(responseRows).toHaveLength(22);
  });

  it('has every request field with its type, requiredness, example and enum meanings', () => {
    checkRows(requestRows, schemas.UpdateExternalInterviewRequest, true);
  });

  it('has every response field with its type and enum meanings', () => {
    checkRows(responseRows, schemas.UpdateExternalInterviewResponse, false);
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
    }
  });

  it('states the permission, the rate limit and the app type of the source', () => {
    const put = openapi.paths['/open-apis/hire/v1/external_interviews/{external_interview_id}'].put;
    expect(source).toContain('hire:external_application');
    expect(source).toContain('10 次/秒');
    expect(source).toContain('自建应用');
    expect(put.description).toContain('hire:external_application');
    expect(put.description).toContain('10 次/秒');
    expect(put.description).toContain('自建应用');
  });
});
