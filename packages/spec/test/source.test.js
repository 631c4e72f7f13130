// Checks the spec against the source document field by field: every row of the source's request and response
// tables must be a property of the matching schema tree, with the same type, requiredness, example and enum meanings.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openapi } from '../src/ajv.js';
import { checkRows, deref, tableAfter as tableIn } from './support/source-page.js';

const source = readFileSync(new URL('../../../specs/source/update-external-interview.zh.md', import.meta.url), 'utf8');
/** The rows of the markdown table that follows `heading`. */
const tableAfter = (heading, hasRequiredColumn) => tableIn(source, heading, hasRequiredColumn);

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

const schemas = openapi.components.schemas;

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
