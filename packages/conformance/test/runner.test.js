// Runner checks that need a crafted server: the full-overwrite echo, timeouts, undocumented statuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { expandPath, operationById } from '@feishu-hire/spec/model';
import { dummyInterviewId, echoProblems, loadCases, pathPlaceholder, runConformance } from '../src/index.js';

const cases = loadCases();
const update = operationById('updateExternalInterview');
const token = operationById('getTenantAccessToken');
/** The case `suffix` of the update operation (`suffix` without the operationId). */
const byId = (suffix) => cases.find((c) => c.id === `${update.operationId}.${suffix}`);
const id = dummyInterviewId();
/** A fetch that answers every request with `status` and `body` (and an x-tt-logid unless told otherwise). */
const answer = (status, body, headers = { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'L1' }) => async () => new Response(JSON.stringify(body), { status, headers });

describe('write cases check the full-overwrite echo', () => {
  it('fails a server that keeps assessments the minimal body did not send, and one that returns other content', async () => {
    const stale = { code: 0, msg: 'ok', data: { external_interview: { id, external_application_id: '6960663240925956437', participate_status: 2, interview_assessments: [{ username: 'old' }] } } };
    const run = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', interviewId: id, allowWrites: true, rate: 0, cases: [byId('valid.minimal'), byId('valid.example:source')], fetch: answer(200, stale) });
    const [minimal, example] = run.results;
    expect(minimal.problems).toContain('echo: data.external_interview.interview_assessments: not sent, so the full overwrite must clear it, got 1 item(s)');
    expect(minimal.problems).toContain('echo: data.external_interview.interview_assessments[0].id: a new assessment id must be assigned');
    expect(example.problems).toContain('echo: data.external_interview.participate_status: sent 1, got 2');
    expect(example.problems).toContain('echo: data.external_interview.interview_assessments[0].username: sent "张三", got "old"');
  });

  it('fails a server that answers for another interview id', async () => {
    const other = { code: 0, msg: 'ok', data: { external_interview: { id: '1', external_application_id: '6960663240925956437' } } };
    const run = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', interviewId: id, allowWrites: true, rate: 0, cases: [byId('valid.minimal')], fetch: answer(200, other) });
    expect(run.results[0].problems).toEqual([`echo: data.external_interview.id: expected ${id}, got "1"`]);
  });

  it('echoProblems compares nested lists item by item', () => {
    expect(echoProblems({ a: [{ b: [1, 2] }] }, { a: [{ b: [1, 3] }] })).toEqual(['data.external_interview.a[0].b[1]: sent 2, got 3']);
    expect(echoProblems({ a: [1] }, { a: [] })).toEqual(['data.external_interview.a: sent 1 item(s), got []']);
    expect(echoProblems({ a: 1 }, undefined)).toEqual(['data.external_interview is missing from the response']);
  });
});

describe('responses outside the spec fail', () => {
  it('an undocumented status, a wrong content type, a 2xx for a bad token', async () => {
    const teapot = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: [byId('invalid.body:missing')], fetch: answer(418, { code: 1002002, msg: 'x' }) });
    expect(teapot.results[0].problems).toEqual(['expected HTTP 400, got 418', 'spec: HTTP 418 is not a documented response of updateExternalInterview']);
    const html = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: [byId('invalid.body:missing')], fetch: async () => new Response('<html/>', { status: 400, headers: { 'content-type': 'text/html', 'x-tt-logid': 'L' } }) });
    expect(html.results[0].problems).toContain('spec: content-type "text/html" is not documented for HTTP 400 (application/json)');
    const open = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: [byId('auth.missing')], fetch: answer(200, { code: 0, msg: 'ok', data: {} }) });
    expect(open.results[0].problems.slice(0, 2)).toEqual(['expected HTTP not 2xx, got 200', 'expected code 99991663 or 99991661, got 0 (ok)']);
  });
});

describe('reject-only runs', () => {
  it('send every case to a fresh non-existent id, never to the spec example id', async () => {
    const urls = [];
    const recording = async (url) => {
      urls.push(new URL(url).pathname);
      return new Response(JSON.stringify({ code: 1002002, msg: 'x' }), { status: 400, headers: { 'content-type': 'application/json', 'x-tt-logid': 'L' } });
    };
    const rejectOnly = cases.filter((c) => c.operationId === update.operationId && !c.writes && !c.burst);
    await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: rejectOnly, fetch: recording });
    await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: [byId('auth.missing')], fetch: recording });
    const prefix = expandPath(update.path, { external_interview_id: '' });
    const target = urls[0].slice(prefix.length);
    expect(target).toMatch(/^conformance-nonexistent-[0-9a-f]{16}$/);
    const sentTo = (c) => c.request.pathParams.external_interview_id;
    expect(urls.slice(0, rejectOnly.length)).toEqual(rejectOnly.map((c) => prefix + (sentTo(c) === pathPlaceholder('external_interview_id') ? target : sentTo(c))));
    expect(urls.at(-1)).not.toBe(prefix + target); // a new id per run
    expect(urls.some((u) => u.endsWith(id))).toBe(false);
  });
});

describe('the msg of an expected rejection must name the broken field', () => {
  const enumCase = () => byId('invalid.enum:/interview_assessments/0/conclusion');
  it('fails a 400/1002002 whose msg names another reason, and passes it with checkMsg: false', async () => {
    const notFound = answer(400, { code: 1002002, msg: '参数错误' });
    const strict = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: [enumCase()], fetch: notFound });
    expect(strict.results[0].problems).toEqual(['expected msg to name interview_assessments[0].conclusion (the field this case breaks), got "参数错误"']);
    const lenient = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: [enumCase()], fetch: notFound, checkMsg: false });
    expect(lenient.results[0].status).toBe('passed');
  });
  it('accepts the field named in any case, anywhere in the msg', async () => {
    const named = answer(400, { code: 1002002, msg: 'field validation failed: Body.Interview_Assessments[0].Conclusion' });
    const run = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: [enumCase()], fetch: named });
    expect(run.results[0].status).toBe('passed');
  });
});

describe('base URL', () => {
  it('keeps a path prefix of baseUrl, for the token request and the cases', async () => {
    const urls = [];
    const recording = async (url, init) => {
      urls.push(String(url));
      if (init.method === 'POST') return new Response(JSON.stringify({ code: 0, msg: 'ok', tenant_access_token: 't-x', expire: 7200 }), { status: 200 });
      return answer(400, { code: 99991661, msg: 'x' })();
    };
    for (const baseUrl of ['http://127.0.0.1:9/proxy/', 'http://127.0.0.1:9/proxy']) {
      urls.length = 0;
      await runConformance({ baseUrl, appId: 'a', appSecret: 's', rate: 0, cases: [byId('auth.missing')], fetch: recording });
      expect(urls[0]).toBe(`http://127.0.0.1:9/proxy${token.path}`);
      expect(urls[1]).toMatch(/^http:\/\/127\.0\.0\.1:9\/proxy\/open-apis\/hire\/v1\/external_interviews\/conformance-nonexistent-[0-9a-f]{16}$/);
    }
  });
});

describe('an unreachable server', () => {
  let closedUrl;
  beforeAll(async () => {
    const server = createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    closedUrl = `http://127.0.0.1:${server.address().port}`;
    await new Promise((resolve) => server.close(resolve));
  });

  it('stops the run at the first connection failure with "cannot reach <url>"', async () => {
    let calls = 0;
    const counting = (...args) => {
      calls += 1;
      return fetch(...args);
    };
    await expect(runConformance({ baseUrl: closedUrl, token: 't', rate: 0, fetch: counting })).rejects.toThrow(new RegExp(`^cannot reach ${closedUrl}: .*ECONNREFUSED`));
    expect(calls).toBe(1);
    await expect(runConformance({ baseUrl: closedUrl, appId: 'a', appSecret: 's', rate: 0 })).rejects.toThrow(/^cannot reach .*ECONNREFUSED/);
  });
});

describe('timeouts', () => {
  let server;
  let url;
  beforeAll(async () => {
    server = createServer(() => {}); // never answers
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));

  it('a server that never answers fails the case after timeoutMs', async () => {
    const run = await runConformance({ baseUrl: url, token: 't', rate: 0, timeoutMs: 200, cases: [byId('auth.missing')] });
    expect(run.failed).toBe(1);
    expect(run.results[0].reason).toMatch(/^request failed: .*time/i);
  });
});

describe('the token endpoint cases', () => {
  const tokenCases = cases.filter((c) => c.operationId === token.operationId);
  const valid = tokenCases.find((c) => c.kind === 'valid');
  const issued = (body) => async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', 'x-tt-logid': 'L1' } });

  it('skip the valid request without the run\'s own app credentials, naming why', async () => {
    const run = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: [valid], fetch: answer(500, {}) });
    expect(run.results[0]).toMatchObject({ status: 'skipped', reason: 'needs the run\'s own app credentials (--app-id and --app-secret): a documented example app is refused' });
  });

  it('send the run\'s own credentials in the valid request, not the documented example app', async () => {
    const bodies = [];
    const recording = async (_url, init) => {
      bodies.push(JSON.parse(init.body));
      return issued({ code: 0, msg: 'ok', tenant_access_token: 't-abc', expire: 7200 })();
    };
    const run = await runConformance({ baseUrl: 'http://127.0.0.1:9', appId: 'cli_mine', appSecret: 's3cret', rate: 0, cases: [valid], fetch: recording });
    expect(run.results[0].status).toBe('passed');
    expect(bodies).toEqual([{ app_id: 'cli_mine', app_secret: 's3cret' }, { app_id: 'cli_mine', app_secret: 's3cret' }]); // the run's token, then the case
  });

  it('fail a success whose token is empty or whose expire is outside 1..7200', async () => {
    const run = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', appId: 'a', appSecret: 's', rate: 0, cases: [valid], fetch: issued({ code: 0, msg: 'ok', tenant_access_token: '', expire: 0 }) });
    expect(run.results[0].problems).toEqual(expect.arrayContaining([
      'token: tenant_access_token: expected a non-empty string, got ""',
      'token: expire: expected an integer in 1..7200 (seconds), got 0',
    ]));
  });
});

describe('path parameters', () => {
  it('the interview id defaults to the example of the parameter the write cases overwrite', () => {
    expect(dummyInterviewId()).toBe(String(update.parameters.path[0].example));
  });
});
