import { isDeepStrictEqual } from 'node:util';
import { operationById } from '@feishu-hire/spec/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, startMockServer } from '../src/index.js';
import { API_PATH, APPLICATION_ID, INTERVIEW_ID, call, exampleBody, fetchToken, withoutIds } from './helpers.js';

let mock;
let token;
beforeEach(async () => {
  mock = await startMockServer();
  token = await fetchToken(mock);
});
afterEach(() => mock.close());

/** A complete body with `n` assessments, each distinguishable by its username. */
function bodyWith(n, tag = 'a') {
  return {
    external_application_id: APPLICATION_ID,
    participate_status: 2,
    begin_time: 1700000000000,
    end_time: 1700000360000,
    interview_assessments: Array.from({ length: n }, (_, i) => ({
      username: `${tag}-${i}`,
      conclusion: 2,
      content: `assessment ${i}`,
      assessment_dimension_list: [{ assessment_type: 3, title: 'communication', content: `ok ${i}` }],
    })),
  };
}

describe('PUT external interview: success path', () => {
  it('listens on 127.0.0.1 on an OS-picked port and seeds the default interviews (the spec examples)', () => {
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.store.list().map((i) => i.id)).toEqual(DEFAULT_SEED[operationById('updateExternalInterview').resource.name].map((i) => i.id));
    expect(mock.store.get(INTERVIEW_ID)?.external_application_id).toBe(APPLICATION_ID);
  });

  it('stores the body and answers the spec 200 envelope with new assessment ids', async () => {
    const body = exampleBody();
    const { res, json } = await call(mock, API_PATH, { token, body });
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ code: 0, msg: 'success' });
    const stored = json.data.external_interview;
    expect(stored).toMatchObject({ id: INTERVIEW_ID, external_application_id: APPLICATION_ID });
    expect(withoutIds(stored)).toEqual(body);
    expect(stored.interview_assessments[0].id).toMatch(/^\d{19}$/);
    expect(mock.store.get(INTERVIEW_ID)).toEqual(stored);
  });

  it('accepts application/json without a charset and ignores a query string', async () => {
    const { res } = await call(mock, `${API_PATH}?user_id_type=open_id`, {
      token,
      body: bodyWith(1),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
  });

  it('gives every response its own x-tt-logid', async () => {
    const ids = new Set();
    for (let i = 0; i < 5; i += 1) {
      const { res } = await call(mock, API_PATH, { token, body: bodyWith(1) });
      ids.add(res.headers.get('x-tt-logid'));
    }
    const { res } = await call(mock, '/nowhere', { method: 'GET' });
    ids.add(res.headers.get('x-tt-logid'));
    expect(ids.size).toBe(6);
  });
});

describe('full overwrite (全量覆盖更新)', () => {
  it('replaces the assessments as a whole: fewer assessments remove the others, each update assigns new ids', async () => {
    const first = (await call(mock, API_PATH, { token, body: bodyWith(3) })).json.data.external_interview;
    expect(first.interview_assessments.map((a) => a.username)).toEqual(['a-0', 'a-1', 'a-2']);

    const second = (await call(mock, API_PATH, { token, body: bodyWith(1, 'b') })).json.data.external_interview;
    expect(withoutIds(second)).toEqual(bodyWith(1, 'b'));
    expect(mock.store.get(INTERVIEW_ID).interview_assessments.map((a) => a.username)).toEqual(['b-0']);

    const firstIds = first.interview_assessments.map((a) => a.id);
    expect(new Set(firstIds).size).toBe(3);
    expect(firstIds).not.toContain(second.interview_assessments[0].id);
  });

  it('clears fields and assessments the body leaves out', async () => {
    await call(mock, API_PATH, { token, body: bodyWith(2) });
    const { json } = await call(mock, API_PATH, { token, body: { external_application_id: APPLICATION_ID } });
    expect(json.data.external_interview).toEqual({ id: INTERVIEW_ID, external_application_id: APPLICATION_ID, interview_assessments: [] });
    expect(mock.store.get(INTERVIEW_ID)).toEqual(json.data.external_interview);
  });

  it('sending the same body twice gives the same content with fresh ids', async () => {
    const a = (await call(mock, API_PATH, { token, body: bodyWith(2) })).json.data.external_interview;
    const b = (await call(mock, API_PATH, { token, body: bodyWith(2) })).json.data.external_interview;
    expect(withoutIds(a)).toEqual(withoutIds(b));
    expect(a.interview_assessments.map((x) => x.id)).not.toEqual(b.interview_assessments.map((x) => x.id));
  });
});

describe('unknown interview id', () => {
  it('answers HTTP 400, code 1002002 "external_interview_id not found" and creates nothing', async () => {
    const { res, json } = await call(mock, '/open-apis/hire/v1/external_interviews/123', { token, body: bodyWith(1) });
    expect(res.status).toBe(400);
    expect(json.code).toBe(1002002);
    expect(json.msg).toBe('参数错误: external_interview_id not found (path.external_interview_id = "123")');
    expect(mock.store.has('123')).toBe(false);
  });

  it('decodes a percent-encoded id before looking it up', async () => {
    mock.store.set({ id: 'a/b c', external_application_id: APPLICATION_ID });
    const { res, json } = await call(mock, `/open-apis/hire/v1/external_interviews/${encodeURIComponent('a/b c')}`, {
      token,
      body: bodyWith(1),
    });
    expect(res.status).toBe(200);
    expect(json.data.external_interview.id).toBe('a/b c');
  });
});

describe('internal errors', () => {
  it('answer 500 / 1002001 系统异常 with an x-tt-logid, log the stack and change nothing', async () => {
    const lines = [];
    const broken = await startMockServer({ tokens: ['t-static'], log: (line) => lines.push(line) });
    try {
      const before = broken.store.list();
      // the default handler writes through the accessor of the operation's resource
      broken.store.resource('external_interview').update = () => {
        throw new Error('disk on fire');
      };
      const { res, json } = await call(broken, API_PATH, { token: 't-static', body: bodyWith(1) });
      expect(res.status).toBe(500);
      expect(json).toEqual({ code: 1002001, msg: '系统异常' });
      expect(lines.some((l) => l.includes('Error: disk on fire'))).toBe(true);
      expect(broken.store.list()).toEqual(before);
    } finally {
      await broken.close();
    }
  });
});

describe('concurrency', () => {
  it('many parallel PUTs of different complete bodies leave exactly one of them stored', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => ({ ...bodyWith(1 + (i % 4), `p${i}`), begin_time: 1700000000000 + i }));
    const fast = await startMockServer({ rateLimitPerSecond: 0, tokens: ['t-static'] });
    try {
      const results = await Promise.all(
        bodies.map((body) => call(fast, API_PATH, { token: 't-static', body })),
      );
      results.forEach(({ res, json }, i) => {
        expect(res.status).toBe(200);
        expect(withoutIds(json.data.external_interview)).toEqual(bodies[i]);
      });
      const stored = withoutIds(fast.store.get(INTERVIEW_ID));
      expect(bodies.filter((body) => isDeepStrictEqual(body, stored))).toHaveLength(1);
      const ids = fast.store.get(INTERVIEW_ID).interview_assessments.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await fast.close();
    }
  });
});
