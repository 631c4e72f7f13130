// Checks the operations written from the partial copies of the official pages 创建外部面试 and 查询外部面试列表
// against those copies, row by row, as source.test.js does for 更新外部面试: every row of their request, query and
// body tables is in the spec at its path with the same type, requiredness, example, enum meanings, default and range;
// the method, URL, rate limit, permissions and app type match. The copies end before their error-code tables.
import { describe, expect, it } from 'vitest';
import { openapi } from '../src/ajv.js';
import { operationById } from '../src/model.js';
import { checkRows, deref, parametersAsSchema, readSource, requestFacts, tableAfter } from './support/source-page.js';

/** The OpenAPI operation object of an operationId. */
const operationObject = (id) => {
  const { path, method } = operationById(id);
  return openapi.paths[path][method.toLowerCase()];
};

const PAGES = [
  {
    file: 'create-external-interview.zh.md',
    // sha256 of the copy as vendored; a changed copy is a new source, reviewed as such.
    sha256: '7cb35698adb234f08db403a7a33a8bce7e0f5ae6a999ae9e2bbd8b5e8a74d507',
    operationId: 'createExternalInterview',
    name: '创建外部面试',
    tables: [
      {
        heading: '### 请求体\n',
        schema: () => openapi.components.schemas.CreateExternalInterviewRequest,
        paths: ['external_id', 'external_application_id', 'participate_status', 'begin_time', 'end_time', 'interview_assessments', 'interview_assessments[].username', 'interview_assessments[].conclusion'],
      },
    ],
  },
  {
    file: 'batch-query-external-interviews.zh.md',
    sha256: '2b60426d4ee7d4499df70f3bbaf5f0690b613388afc6866dbcda2a9b3ae18967',
    operationId: 'batchQueryExternalInterviews',
    name: '查询外部面试列表',
    tables: [
      {
        heading: '### 查询参数\n',
        schema: () => parametersAsSchema(operationById('batchQueryExternalInterviews').parameters.query),
        paths: ['external_application_id', 'page_size', 'page_token'],
      },
      {
        heading: '### 请求体\n',
        schema: () => openapi.components.schemas.BatchQueryExternalInterviewsRequest,
        paths: ['external_interview_id_list'],
      },
    ],
  },
];

describe.each(PAGES)('the spec matches the copy of $name ($file)', (page) => {
  const source = readSource(page.file);
  const op = operationById(page.operationId);
  const object = operationObject(page.operationId);

  it('reads the copy as vendored (never edited), and the copy says it is partial and from where', () => {
    expect(source.sha256).toBe(page.sha256);
    expect(source.front.source_url).toMatch(/^https:\/\/open\.(feishu\.cn|larkoffice\.com)\/document\//);
    expect(source.front.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(source.front.complete).toBe('false');
    expect(source.front.missing).toContain('错误码');
    expect(source.body).toMatch(new RegExp(`^# ${page.name}\\n`));
  });

  it.each(page.tables.map((t) => [t.heading.trim(), t]))('has every row of %s with its type, requiredness, example, enum meanings, default and range', (_heading, table) => {
    const rows = tableAfter(source.body, table.heading, true);
    expect(rows.length).toBeGreaterThan(0);
    checkRows(rows, table.paths, table.schema(), true);
  });

  it('has the method, URL, rate limit, permissions and app type of the copy', () => {
    const facts = requestFacts(source.body);
    expect(`${facts.method} https://open.feishu.cn${op.path}`).toBe(`${op.method} ${facts.url}`);
    const [, requests, unit] = /\[(\d+) 次\/(秒|分钟)\]/.exec(facts.rateLimit);
    expect(op.rateLimit).toMatchObject({ requests: Number(requests), per: { 秒: 'second', 分钟: 'minute' }[unit], basis: 'source' });
    expect(op.rateLimit.description).toContain(`${requests} 次/${unit}`);
    expect(object['x-feishu-permissions'].map((p) => ({ name: p.name, scope: p.scope }))).toEqual(facts.permissions);
    for (const { scope } of facts.permissions) expect(object.description).toContain(scope);
    expect(facts.appTypes).toBe('Custom App');
    expect(object['x-feishu-app-types']).toEqual(['self_built']);
    expect(object.summary).toContain(`(${page.name})`);
    expect(object['x-feishu-doc'].url).toBe(source.front.source_url.replace('open.larkoffice.com', 'open.feishu.cn').replace(/\.md$/, ''));
  });

  it('names the update page’s error codes, since the copy has no error-code table, and says so', () => {
    expect(source.body).not.toContain('错误码');
    expect(op.errorCodes.map((e) => e.code)).toEqual(expect.arrayContaining([1002001, 1002002]));
    expect(object.description.replace(/\s+/g, ' ')).toContain('no source states this operation\'s codes');
  });
});

describe('what the copies say in words is in the spec', () => {
  it('create: external_id is the idempotency key, once per 24 hours', () => {
    const text = deref(openapi.components.schemas.CreateExternalInterviewRequest).properties.external_id.description;
    expect(text).toContain('仅用于幂等');
    expect(text).toContain('24小时内仅可创建一次');
    expect(text).toContain('若不传此值，则不进行幂等校验');
  });

  it('batch query: the id list, when sent, is the only condition', () => {
    expect(openapi.components.schemas.BatchQueryExternalInterviewsRequest.properties.external_interview_id_list.description).toContain('仅以此值作为条件查询，其他查询条件不生效');
  });
});
