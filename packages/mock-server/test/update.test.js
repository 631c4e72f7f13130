import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';
import { API_PATH, APPLICATION_ID, INTERVIEW_ID, call, exampleBody, fetchToken, withoutIds } from './helpers.js';

let mock;
let token;
beforeEach(async () => {
  mock = await startMockServer();
  token = await fetchToken(mock);
});
afterEach(() => mock.close());

describe('PUT external interview: success path', () => {
  it('listens on 127.0.0.1 on an OS-picked port', () => {
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.port).toBeGreaterThan(0);
  });

  it('stores the body and answers the spec 200 envelope with new assessment ids', async () => {
    const body = exampleBody();
    const { res, json } = await call(mock, API_PATH, { token, body });
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ code: 0, data: { external_interview: { id: INTERVIEW_ID, external_application_id: APPLICATION_ID } } });
    const stored = json.data.external_interview;
    expect(withoutIds(stored)).toEqual(body);
    expect(stored.interview_assessments[0].id).toMatch(/^\d{19}$/);
    expect(mock.store.get(INTERVIEW_ID)).toEqual(stored);
  });
});
