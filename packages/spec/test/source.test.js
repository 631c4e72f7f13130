// Checks the spec against every vendored source of specs/source/, read by its front matter and its content: each file
// is pinned by its sha256 (specs/source/SHA256SUMS) and listed in the README; each page copy names its operation by
// its method and URL, and every fact of it is in the spec: rate limit, permissions, app type, every row of its tables
// (type, requiredness, example, enum meanings, default, range), its error codes and its complete examples. What a
// page states in words (idempotency, the id list as the only condition) is in the spec's resource extensions.
import { describe, expect, it } from 'vitest';
import { openapi } from '../src/ajv.js';
import { operations, resourceByName } from '../src/model.js';
import {
  checkRows, deref, dialectOf, errorRows, exampleBlocks, isPage, parametersAsSchema, readSource, requestFacts, sourceFiles, sourceText, tablesOf,
} from './support/source-page.js';

const files = sourceFiles();
const sources = files.map(readSource);
const pages = sources.filter(isPage);

/** The OpenAPI operation object of a model operation. */
const objectOf = (op) => openapi.paths[op.path][op.method.toLowerCase()];
/** The model operation a page copy is about, by its method and URL. */
const operationOfPage = (source) => {
  const { method, path } = requestFacts(source);
  return operations.find((o) => o.method === method && o.path === path);
};
/** The schema a table of kind `kind` is checked against. */
const schemaFor = (op, kind) => ({
  request: () => op.requestBody?.schema,
  query: () => parametersAsSchema(op.parameters.query),
  path: () => parametersAsSchema(op.parameters.path),
  response: () => op.responses['200'].content['application/json'].schema,
})[kind]();
/** The resource of an operation (of the model). */
const resourceOf = (op) => resourceByName(op.resource.name);

describe('specs/source: every file is pinned, listed and says where it came from', () => {
  const sums = Object.fromEntries(sourceText('SHA256SUMS').trim().split('\n').map((line) => line.split(/\s+/).reverse()));

  it('pins every source file by its sha256, and nothing else (a changed source is a new source, reviewed as such)', () => {
    expect(Object.keys(sums).sort()).toEqual(files);
    for (const s of sources) expect(s.sha256, s.name).toBe(sums[s.name]);
  });

  it.each(files)('%s is listed in the README and has its front matter', (name) => {
    const source = readSource(name);
    expect(sourceText('README.md')).toContain(`\`${name}\``);
    expect(source.front.title, name).toBeTruthy();
    expect(source.front.source_url ?? source.front.source, name).toMatch(/https:\/\//);
    expect(source.front.retrieved ?? source.front.last_remote_update, name).toMatch(/^\d{4}-\d{2}-\d{2}/);
    if (source.front.complete === 'false') expect(source.front.missing, `${name} says what the copy lacks`).toBeTruthy();
  });
});

describe.each(pages.map((s) => [s.name, s]))('the spec matches the page copy %s', (name, source) => {
  const dialect = dialectOf(source);
  const facts = requestFacts(source);
  const op = operationOfPage(source);
  const object = op && objectOf(op);

  it('names an operation of the spec by its method and URL', () => {
    expect(op, `${facts.method} ${facts.path}`).toBeDefined();
  });

  it('has the rate limit, permissions and app type of the copy', () => {
    expect(op.rateLimit).toMatchObject({ requests: facts.rateLimit.requests, per: facts.rateLimit.per, basis: 'source' });
    expect(op.rateLimit.description).toContain(facts.rateLimit.text);
    const listed = object['x-feishu-permissions'].map((p) => (dialect === 'zh' ? { name: p.name, scope: p.scope } : p.scope));
    expect(listed).toEqual(facts.permissions.map((p) => (dialect === 'zh' ? p : p.scope)));
    for (const { scope } of facts.permissions) expect(object.description).toContain(scope);
    expect(['Custom App', 'custom', '自建应用']).toContain(facts.appTypes);
    expect(object['x-feishu-app-types']).toEqual(['self_built']);
  });

  it('links the official page and carries its name (official copies)', () => {
    if (dialect === 'mirror') {
      expect(object.description.replace(/\s+/g, ' '), 'says its facts come from a mirror').toMatch(/unofficial mirror/);
      return;
    }
    expect(object['x-feishu-doc'].url).toBe(source.front.source_url.replace('open.larkoffice.com', 'open.feishu.cn').replace(/\.md$/, ''));
    if (dialect === 'zh') expect(object.summary).toContain(`(${/^# (.+)$/m.exec(source.body)[1]})`);
  });

  it.each(tablesOf(source).map((t) => [t.heading, t]))('has every row of its table %s at its place in the spec', (_heading, table) => {
    const truncated = source.front.complete === 'false' && table.endsCopy;
    checkRows(table.rows, schemaFor(op, table.kind), { checkRequired: table.kind !== 'response', dialect, truncated });
  });

  it('has its error codes under their HTTP status, or says that no source states them', () => {
    const rows = errorRows(source);
    if (rows.length === 0) {
      expect(source.front.missing, 'the copy lacks its error codes').toMatch(/错误码|error code/i);
      expect(object.description.replace(/\s+/g, ' ')).toMatch(/no source states this operation's (error )?codes/i);
      return;
    }
    for (const { status, code, msg } of rows) {
      const examples = Object.values(op.responses[status].content['application/json'].examples);
      expect(examples, `${status} ${code}`).toContainEqual({ code, msg });
      expect(openapi['x-feishu-error-codes'], `${code}`).toContainEqual(expect.objectContaining({ code, msg, http_status: Number(status), basis: 'source' }));
      expect(op.errorCodes.map((e) => e.code)).toContain(code);
    }
  });

  it('carries its complete examples unchanged', () => {
    const { request, response } = exampleBlocks(source);
    if (request) expect(Object.values(op.requestBody.examples)).toContainEqual(request);
    if (response) expect(Object.values(op.responses['200'].content['application/json'].examples)).toContainEqual(response);
  });
});

describe('what the copies say in words is in the resource extensions', () => {
  /** Every request-body row of the page copies, with its operation. */
  const bodyRows = pages.flatMap((source) => {
    const op = operationOfPage(source);
    return tablesOf(source).filter((t) => t.kind === 'request').flatMap((t) => t.rows.map((row) => ({ source, op, row })));
  });

  it('a field used only for idempotency is the resource\'s idempotency key; a stated window is its window, from the source', () => {
    const keys = bodyRows.filter(({ row }) => row.text.includes('仅用于幂等'));
    expect(keys.length).toBeGreaterThan(0);
    for (const { source, op, row } of keys) {
      const idempotency = resourceOf(op).idempotency;
      expect(idempotency.key, source.name).toBe(row.name);
      const window = /24小时内仅可创建一次/.test(row.text);
      if (window) expect(idempotency, source.name).toEqual({ key: row.name, windowMs: 24 * 3600_000, basis: 'source' });
      const described = deref(op.requestBody.schema).properties[row.name];
      expect(described.description, source.name).toContain('仅用于幂等');
      if (window) expect(described.description, source.name).toContain('24小时内仅可创建一次');
    }
  });

  it('an id list that, when sent, is the only condition is the operation\'s ids filter', () => {
    const lists = bodyRows.filter(({ row }) => row.text.includes('仅以此值作为条件查询'));
    expect(lists.length).toBeGreaterThan(0);
    for (const { source, op, row } of lists) {
      expect(op.resource.filters.ids, source.name).toEqual({ in: 'body', name: row.name });
      expect(deref(op.requestBody.schema).properties[row.name].description, source.name).toContain('仅以此值作为条件查询，其他查询条件不生效');
    }
  });
});
