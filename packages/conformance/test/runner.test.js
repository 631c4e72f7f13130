// Runner checks that need a crafted server: the evidence a rejection needs, the full-overwrite echo, state read back,
// the rate-limit check on both sides, the expired token, timeouts, undocumented statuses and content types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { startMockServer } from '@feishu-hire/mock-server';
import { expandPath, operationById, operations, operationsOf, resources } from '@feishu-hire/spec/model';
import {
  clearedProblems, createVirtualClock, echoProblems, generateControls, loadCases, loadSpec, mediaTypeMatches, namesField, paceOf, pathPlaceholder, runConformance, semanticsOf,
} from '../src/index.js';

const cases = loadCases();
const openapi = loadSpec();
// The resource these tests write to (the interviews: the answers below are theirs), and its operations, found by their
// roles; the token endpoint: the operation of no resource.
const resource = resources.find((r) => r.operations.update === 'updateExternalInterview');
const update = operationById(resource.operations.update);
const list = operationById(resource.operations.list);
const token = operations.find((o) => !o.resource);
const { idParameter } = resource;
/** The case `suffix` of the update operation (`suffix` without the operationId). */
const byId = (suffix) => cases.find((c) => c.id === `${update.operationId}.${suffix}`);
const id = String(update.parameters.path[0].example);
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': 'L1' };
const respond = (status, body, headers = JSON_HEADERS) => new Response(JSON.stringify(body), { status, headers });
/** A fetch that answers every request with `status` and `body` (and an x-tt-logid unless told otherwise). */
const answer = (status, body, headers = JSON_HEADERS) => async () => respond(status, body, headers);
const controls = generateControls(openapi)[update.operationId];
/** Whether a request sends one of the update's control bodies. */
const isControl = (init) => [controls.base.body, controls.alt.body].some((b) => init.body === JSON.stringify(b));
/** A fetch answering the update's control requests with `control(init)` and every other request with `other(init)`. */
const scripted = (control, other) => async (_url, init) => {
  const [status, body] = (isControl(init) ? control : other)(init);
  return respond(status, body);
};
const run1 = (c, options) => runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: [c], ...options }).then((r) => r.results[0]);

describe('write cases check the full overwrite: scalars and lists not sent are gone', () => {
  it('fails a server that keeps fields the minimal body did not send, and one that returns other content', async () => {
    const stale = { code: 0, msg: 'ok', data: { external_interview: { id, external_application_id: '6960663240925956437', participate_status: 2, interview_assessments: [{ username: 'old' }] } } };
    const run = await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', targets: { [idParameter]: id }, allowWrites: true, rate: 0, cases: [byId('valid.minimal'), byId('valid.example:source')], fetch: answer(200, stale) });
    const [minimal, example] = run.results;
    expect(minimal.problems).toContain('echo: data.external_interview.participate_status: not sent, so the full overwrite must clear it, got 2');
    expect(minimal.problems).toContain('echo: data.external_interview.interview_assessments: not sent, so the full overwrite must clear it, got 1 item(s)');
    expect(minimal.problems).toContain('echo: data.external_interview.interview_assessments[0].id: the platform must assign an id, got undefined');
    expect(example.problems).toContain('echo: data.external_interview.participate_status: sent 1, got 2');
    expect(example.problems).toContain('echo: data.external_interview.interview_assessments[0].username: sent "张三", got "old"');
  });

  it('fails a server that answers for another interview id', async () => {
    const other = { code: 0, msg: 'ok', data: { external_interview: { id: '1', external_application_id: '6960663240925956437' } } };
    const result = await run1(byId('valid.minimal'), { targets: { [idParameter]: id }, allowWrites: true, fetch: answer(200, other) });
    expect(result.problems).toContain(`echo: data.external_interview.id: expected ${id}, got "1"`);
    // The same answer to the read back (a list) breaks the list's semantics: the state cannot be trusted either.
    expect(result.problems).toContain(`${list.operationId} (the read back): data.items: expected a list, got undefined`);
  });

  it('echoProblems compares nested lists item by item', () => {
    expect(echoProblems({ a: [{ b: [1, 2] }] }, { a: [{ b: [1, 3] }] })).toEqual(['data.a[0].b[1]: sent 2, got 3']);
    expect(echoProblems({ a: [1] }, { a: [] }, 'state')).toEqual(['state.a: sent 1 item(s), got []']);
    expect(echoProblems({ a: 1 }, undefined)).toEqual(['data is missing from the response']);
  });

  it('clearedProblems finds fields of the request schema not sent at any depth, ignoring fields it does not list', () => {
    const sent = { external_application_id: 'a', interview_assessments: [{ username: 'u' }] };
    const got = { id: 'x', external_application_id: 'a', begin_time: null, interview_assessments: [{ id: '1', username: 'u', content: 'old', assessment_dimension_list: [] }] };
    expect(clearedProblems(openapi, update.requestBody.schema, sent, got, 'state')).toEqual(['state.interview_assessments[0].content: not sent, so the full overwrite must clear it, got "old"']);
  });
});

describe('responses outside the spec fail', () => {
  it('an undocumented status, a wrong content type, a 2xx for a bad token', async () => {
    const teapot = await run1(byId('invalid.body:missing'), { fetch: answer(418, { code: 1002002, msg: 'x' }) });
    expect(teapot.problems).toEqual(['expected HTTP 400, got 418', 'spec: HTTP 418 is not a documented response of updateExternalInterview']);
    const html = await run1(byId('invalid.body:missing'), { fetch: async () => new Response('<html/>', { status: 400, headers: { 'content-type': 'text/html', 'x-tt-logid': 'L' } }) });
    expect(html.problems).toContain('spec: content-type "text/html" is not documented for HTTP 400 (application/json)');
    const open = await run1(byId('auth.missing'), { fetch: answer(200, { code: 0, msg: 'ok', data: {} }) });
    expect(open.problems.slice(0, 2)).toEqual(['expected HTTP not 2xx, got 200', 'expected code 99991663 or 99991661, got 0 (ok)']);
  });

  it('the Content-Type must be exactly the documented media type, not a prefix of another', async () => {
    const jsonp = await run1(byId('invalid.body:missing'), { fetch: answer(400, { code: 1002002, msg: 'x' }, { ...JSON_HEADERS, 'content-type': 'application/jsonp' }) });
    expect(jsonp.problems).toEqual(['spec: content-type "application/jsonp" is not documented for HTTP 400 (application/json)']);
    expect(mediaTypeMatches('application/json', 'Application/JSON; charset=UTF-8')).toBe(true);
    for (const got of ['application/jsonp', 'application/json-seq', 'text/json', 'application/json; charset=latin1', '']) expect(mediaTypeMatches('application/json', got), got).toBe(false);
    expect(mediaTypeMatches('application/json; charset=utf-8', 'application/json')).toBe(false);
  });
});

describe('a rejection passes only when its answer tells a correct server from a broken one', () => {
  const enumCase = byId('invalid.enum-above:/interview_assessments/1/conclusion');
  const terse = [400, { code: 1002002, msg: '参数错误' }];

  /** A success of the update for `id`, as the spec documents it. */
  const updated = (init) => [200, { code: 0, msg: 'ok', data: { [resource.recordKey]: { ...JSON.parse(init.body), id } } }];

  it('is confirmed by a valid control that is accepted, even with the terse msg 参数错误 (the spec promises no more)', async () => {
    const result = await run1(enumCase, { allowWrites: true, targets: { [idParameter]: id }, fetch: scripted(updated, () => terse) });
    expect(result).toMatchObject({ status: 'passed', evidence: 'the unbroken request is accepted' });
  });

  it('fails every rejection when the control is accepted for an id that cannot exist (the safe run wrote)', async () => {
    const result = await run1(enumCase, { fetch: scripted(updated, () => terse) });
    expect(result.status).toBe('failed');
    expect(result.problems).toContainEqual(expect.stringMatching(/^control: a valid request to conformance-nonexistent-[0-9a-f]{16} was answered HTTP 200, code 0, msg "ok": the safe run wrote: success to conformance-nonexistent-[0-9a-f]{16}, an id that cannot exist \(no record can be written or read there\)$/));
  });

  it('fails every rejection, never leaves it unconfirmed, when the control gets a server error, the rate limit or an undocumented answer', async () => {
    for (const [status, code, why] of [[500, 1002001, 'a server error (HTTP 500)'], [429, 99991400, 'the rate limit'], [404, 1002002, 'spec: HTTP 404 is not a documented response']]) {
      const same = () => [status, { code, msg: 'x' }]; // the case gets the same answer: before, "unconfirmed"
      const result = await run1(enumCase, { fetch: scripted(same, same) });
      expect(result.status, String(status)).toBe('failed');
      expect(result.problems.some((p) => p.includes(why)), result.problems.join('\n')).toBe(true);
    }
  });

  it('is unconfirmed, never failed, when the valid control gets the same answer (e.g. "not found" first), saying why', async () => {
    for (const checkMsg of [true, false]) {
      const result = await run1(enumCase, { checkMsg, fetch: scripted(() => terse, () => terse) });
      expect(result.status).toBe('unconfirmed');
      expect(result.reason).toMatch(/^the unbroken request to conformance-nonexistent-[0-9a-f]{16} is answered the same way \(HTTP 400, code 1002002, msg "参数错误"\)(?: \(--skip-msg-check: the msg is not compared\))?: a rejection of interview_assessments\[1\]\.conclusion cannot be told apart from it$/);
    }
    // Answered like the control with another code: still unconfirmed, not failed.
    const notFound = [400, { code: 1002003, msg: 'not found' }];
    expect((await run1(enumCase, { fetch: scripted(() => notFound, () => notFound) })).status).toBe('unconfirmed');
  });

  it('is confirmed by a msg that differs from the one both valid controls get', async () => {
    const result = await run1(enumCase, { fetch: scripted(() => [400, { code: 1002002, msg: '参数错误: not found' }], () => [400, { code: 1002002, msg: '参数错误: bad conclusion' }]) });
    expect(result).toMatchObject({ status: 'passed', evidence: 'its msg differs from the one both unbroken requests get' });
    const skip = await run1(enumCase, { checkMsg: false, fetch: scripted(() => [400, { code: 1002002, msg: '参数错误: not found' }], () => [400, { code: 1002002, msg: '参数错误: bad conclusion' }]) });
    expect(skip.status).toBe('unconfirmed');
  });

  it('takes no evidence from a msg that echoes the body (the field only as a JSON key)', async () => {
    const echo = (init) => [400, { code: 1002002, msg: `参数错误: ${init.body}` }];
    const result = await run1(enumCase, { fetch: scripted(echo, echo) });
    expect(result.status).toBe('unconfirmed');
    expect(result.reason).toContain('(its msg changes with the body, so it is not compared)');
  });

  it('is confirmed by a msg naming the broken field as a whole token where no control msg does', async () => {
    let n = 0;
    const withRequestId = (text) => () => [400, { code: 1002002, msg: `${text} (request ${(n += 1)})` }];
    const result = await run1(enumCase, { fetch: scripted(withRequestId('not found'), withRequestId('Body.Interview_Assessments[1].Conclusion: invalid')) });
    expect(result).toMatchObject({ status: 'passed', evidence: 'its msg names interview_assessments[1].conclusion' });
  });

  it('fails an auth case answered like the valid control: the credentials were not checked', async () => {
    const result = await run1(byId('auth.missing'), { fetch: scripted(() => terse, () => terse) });
    expect(result.status).toBe('failed');
    expect(result.problems).toEqual(['expected code 99991663 or 99991661, got 1002002 (参数错误)']);
  });

  it('sends no valid control for a writing operation without a target in a reject-only run (it would write): only a msg naming the field confirms', async () => {
    const { target: _target, ...untargeted } = semanticsOf(openapi)[update.operationId];
    const semantics = { [update.operationId]: untargeted };
    const sent = [];
    const recording = (msg) => async (_url, init) => {
      sent.push(init.body);
      return respond(400, { code: 1002002, msg });
    };
    const terse = await run1(enumCase, { semantics, fetch: recording('参数错误') });
    expect(terse).toMatchObject({ status: 'unconfirmed', reason: 'a valid request of this operation would write and a reject-only run sends none, so only a msg naming interview_assessments[1].conclusion could confirm this rejection' });
    expect(sent.some((body) => isControl({ body }))).toBe(false);
    expect((await run1(enumCase, { semantics, fetch: recording('interview_assessments[1].conclusion must be 1, 2 or 3') })).status).toBe('passed');
  });

  it('namesField matches whole tokens in any spelling, never a part of a longer name or an echoed key', () => {
    const field = 'interview_assessments[1].conclusion';
    for (const msg of ['body.interview_assessments[1].conclusion must be one of 1, 2, 3', 'BODY.Interview_Assessments[1].Conclusion invalid', 'field /interview_assessments/1/conclusion: bad', 'interview_assessments.1.conclusion is out of range']) expect(namesField(msg, field), msg).toBe(true);
    for (const msg of ['interview_assessments[1].conclusion_note bad', 'x.interview_assessments[1].conclusion bad', 'interview_assessments[0].conclusion bad', '{"interview_assessments":[{},{"conclusion":4}]}', 'interview_assessments[1].conclusion=4', 'interview_assessments[1].conclusion.x bad']) expect(namesField(msg, field), msg).toBe(false);
    expect(namesField('{"participate_status":0}', 'participate_status')).toBe(false);
    expect(namesField('participate_status: must be 1, 2 or 3', 'participate_status')).toBe(true);
    expect(namesField('page_size must be an integer', 'query.page_size')).toBe(true);
  });
});

describe('reject-only runs', () => {
  it('send the controls and every case to a fresh non-existent id, never to the spec example id', async () => {
    const urls = [];
    const recording = async (url) => {
      urls.push(new URL(url).pathname);
      return respond(400, { code: 1002002, msg: 'x' });
    };
    const rejectOnly = cases.filter((c) => c.operationId === update.operationId && !c.writes && !c.burst && !c.optIn);
    await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: rejectOnly, fetch: recording });
    await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', rate: 0, cases: [byId('auth.missing')], fetch: recording });
    const prefix = expandPath(update.path, { external_interview_id: '' });
    const target = urls[0].slice(prefix.length);
    expect(target).toMatch(/^conformance-nonexistent-[0-9a-f]{16}$/);
    const sentTo = (c) => c.request.pathParams.external_interview_id;
    expect(urls.slice(0, 2)).toEqual([prefix + target, prefix + target]); // the two controls
    expect(urls.slice(2, 2 + rejectOnly.length)).toEqual(rejectOnly.map((c) => prefix + (sentTo(c) === pathPlaceholder('external_interview_id') ? target : sentTo(c))));
    expect(urls.at(-1)).not.toBe(prefix + target); // a new id per run
    expect(urls.some((u) => u.endsWith(id))).toBe(false);
  });
});

describe('state is read back after every case of a writing run, over HTTP with the resource\'s list', () => {
  const idsFilter = list.resource.filters.ids;
  const isList = (url) => new URL(url).pathname === list.path;
  /** A server whose update echoes what it is sent (or `update(init)` answers) and whose list answers `stored()`. */
  const server = ({ stored, update: onUpdate }) => async (url, init) => {
    if (isList(url)) return respond(200, { code: 0, msg: 'ok', data: { items: [stored()].filter(Boolean), has_more: false } });
    if (onUpdate) return onUpdate(init);
    const sent = JSON.parse(init.body);
    return respond(200, { code: 0, msg: 'ok', data: { [resource.recordKey]: { ...sent, id, interview_assessments: (sent.interview_assessments ?? []).map((a, i) => ({ ...a, id: String(i + 1) })) } } });
  };
  const writing = { baseUrl: 'http://127.0.0.1:9', token: 't', targets: { [idParameter]: id }, allowWrites: true, rate: 0, checkRateLimit: false };

  it('fails an accepted write whose stored state is not what was sent (a merge the echo hides)', async () => {
    const merged = { id, external_application_id: '6960663240925956437', participate_status: 2, interview_assessments: [] };
    const run = await runConformance({ ...writing, cases: [byId('valid.minimal')], fetch: server({ stored: () => merged }) });
    expect(run.results[0].problems).toEqual(['state.participate_status: not sent, so the full overwrite must clear it, got 2']);
  });

  it('fails a rejected request after which the stored state changed, naming the change', async () => {
    let state = { id, external_application_id: 'a', participate_status: 1 };
    const rejectAndWrite = (init) => {
      if (JSON.parse(init.body).participate_status === 4) state = { ...state, participate_status: 4 }; // the case's broken value
      return respond(400, { code: 1002002, msg: 'bad' });
    };
    const result = await run1(byId('invalid.enum-above:/participate_status'), { ...writing, fetch: server({ stored: () => state, update: rejectAndWrite }) });
    expect(result.problems).toContain('state: a rejected request changed the stored state (state.participate_status: 1 -> 4)');
  });

  it('reads a record back with the list\'s id filter (x-feishu-filters.ids), asking for that id alone', async () => {
    const reads = [];
    const recording = async (url, init) => {
      if (isList(url)) reads.push({ query: Object.fromEntries(new URL(url).searchParams), body: JSON.parse(init.body) });
      return server({ stored: () => ({ id }) })(url, init);
    };
    const stateCase = cases.find((c) => c.id === `${update.operationId}.state.read-back`);
    expect((await run1(stateCase, { ...writing, fetch: recording })).status).toBe('passed');
    expect(reads.at(-1).body).toEqual({ [idsFilter.name]: [id] });
  });

  it('reports state.read-back unconfirmed when the spec has no way to read the resource, and uses readState then', async () => {
    const unreadable = structuredClone(openapi);
    delete unreadable.paths[list.path][list.method.toLowerCase()]['x-feishu-filters'];
    const stateCase = cases.find((c) => c.id === `${update.operationId}.state.read-back`);
    const options = { ...writing, spec: unreadable, fetch: server({ stored: () => undefined }) };
    const unread = await run1(stateCase, options);
    expect(unread).toMatchObject({ status: 'unconfirmed', reason: `state not read back: the spec has no operation that reads a ${resource.name} back (no read, and no list with an ids or parent filter), and no readState was given` });
    const asked = [];
    expect((await run1(stateCase, { ...options, readState: (...args) => asked.push(args) && { id } })).status).toBe('passed');
    expect(new Set(asked.map(String))).toEqual(new Set([String([id, resource.name])]));
    expect((await run1(stateCase, { ...options, readState: () => undefined })).problems).toEqual([`state: nothing is stored under ${id}`]);
    expect((await run1(stateCase, { ...writing, allowWrites: false, targets: undefined })).status).toBe('skipped');
  });
});

describe('the rate-limit check, both sides, on a virtual clock (no real waiting)', () => {
  const burst = byId('rate-limit.burst');
  /** Runs the burst against a mock limited to `perSecond` (undefined: the spec's 10/s), with `wrap` around fetch. */
  async function burstAgainst(perSecond, wrap = (f) => f) {
    const clock = createVirtualClock();
    const mock = await startMockServer({ now: clock.now, tokens: ['t-burst'], ...(perSecond === undefined ? {} : { rateLimitPerSecond: perSecond }) });
    try {
      return await run1(burst, { baseUrl: mock.url, token: 't-burst', checkRateLimit: true, clock, fetch: wrap(globalThis.fetch, clock) });
    } finally {
      await mock.close();
    }
  }

  it('passes the documented limit: 10 of 30 admitted, the rest 429 with both x-ogw-ratelimit-* headers', async () => {
    expect(await burstAgainst(undefined)).toMatchObject({ status: 'passed', evidence: '10 of 30 admitted in 0 ms, the rest rate-limited' });
  });

  it('fails a limit above the documented one (20/s) and below it (5/s)', async () => {
    expect((await burstAgainst(20)).problems).toContain('within one window 20 of 30 requests were admitted, more than the documented 10/second');
    expect((await burstAgainst(5)).problems).toContain('from a fresh window only 5 of 30 requests were admitted, fewer than the documented 10/second');
    // The 429's x-ogw-ratelimit-limit says the limit it counts: not the documented one.
    expect((await burstAgainst(5)).problems).toContain('x-ogw-ratelimit-limit is "5", not the documented 10');
  });

  it('is unconfirmed when the burst took longer than a window (it may have spread over two)', async () => {
    const slow = (f, clock) => async (...args) => {
      clock.advance(100); // 30 requests: 3 s of the mock's time
      return f(...args);
    };
    expect(await burstAgainst(undefined, slow)).toMatchObject({ status: 'unconfirmed', reason: expect.stringMatching(/^the burst took \d+ ms, not less than the 1000 ms window/) });
  });

  it('is on by default in a writing run and off in a reject-only one', async () => {
    const off = await run1(burst, { fetch: answer(400, { code: 1002002, msg: 'x' }) });
    expect(off).toMatchObject({ status: 'skipped', reason: expect.stringContaining('rate-limit check off') });
  });
});

describe('the expired-token case', () => {
  const expired = byId('auth.expired-token');
  it('is skipped without an expired token, naming the flag', async () => {
    expect(await run1(expired, { fetch: answer(400, { code: 99991663, msg: 'x' }) })).toMatchObject({ status: 'skipped', reason: expect.stringContaining('--expired-token T') });
  });
  it('sends the given expired token as a bearer token and expects invalid_token', async () => {
    const auth = [];
    const recording = async (_url, init) => {
      auth.push(init.headers.authorization);
      return init.headers.authorization === 'Bearer t' ? respond(400, { code: 1002002, msg: 'not found' }) : respond(400, { code: 99991663, msg: 'expired' });
    };
    expect((await run1(expired, { expiredToken: 't-old', fetch: recording })).status).toBe('passed');
    expect(auth).toEqual(['Bearer t', 'Bearer t', 'Bearer t-old']);
    const acceptsExpired = async () => respond(400, { code: 1002002, msg: 'not found' }); // the expired token is answered like a valid one
    expect(await run1(expired, { expiredToken: 't-old', fetch: acceptsExpired })).toMatchObject({ status: 'failed', problems: ['expected code 99991663, got 1002002 (not found)'] });
  });
});

describe('base URL', () => {
  it('keeps a path prefix of baseUrl, for the token request and the cases', async () => {
    const urls = [];
    const recording = async (url, init) => {
      urls.push(String(url));
      if (String(url).endsWith(token.path)) return respond(200, { code: 0, msg: 'ok', tenant_access_token: 't-x', expire: 7200 });
      return respond(400, { code: 99991661, msg: 'x' });
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
    expect(run.results[0].reason).toMatch(/^request failed: .*(time|abort)/i);
  });
});

describe('the token endpoint cases', () => {
  const tokenCases = cases.filter((c) => c.operationId === token.operationId);
  const valid = tokenCases.find((c) => c.kind === 'valid');
  const wrongSecret = tokenCases.find((c) => c.id.endsWith('.token.wrong-secret'));
  const issued = (body) => async () => respond(200, body);

  it('skip the valid and wrong-secret requests without the run\'s own app credentials, naming why', async () => {
    for (const c of [valid, wrongSecret]) {
      expect(await run1(c, { fetch: answer(500, {}) })).toMatchObject({ status: 'skipped', reason: 'needs the run\'s own app credentials (--app-id and --app-secret): a documented example app is refused' });
    }
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

  it('send the run\'s app id with a wrong secret, and fail a server that issues a token for it', async () => {
    const bodies = [];
    const anySecret = async (_url, init) => {
      bodies.push(JSON.parse(init.body));
      return issued({ code: 0, msg: 'ok', tenant_access_token: 't-abc', expire: 7200 })();
    };
    const result = await run1(wrongSecret, { token: undefined, appId: 'cli_mine', appSecret: 's3cret', fetch: anySecret });
    expect(bodies.at(-1)).toEqual({ app_id: 'cli_mine', app_secret: 'conformance-wrong-secret' });
    expect(result.problems).toEqual(['expected HTTP 400, got 200', 'expected code 10014, got 0 (ok)', 'envelope (ErrorResponse): body.code must NOT be valid']);
  });

  it('fail a success whose token is empty or whose expire is outside 1..7200', async () => {
    const result = await run1(valid, { appId: 'a', appSecret: 's', fetch: issued({ code: 0, msg: 'ok', tenant_access_token: '', expire: 0 }) });
    expect(result.problems).toEqual(expect.arrayContaining([
      'token: tenant_access_token: expected a non-empty string, got ""',
      'token: expire: expected an integer in 1..7200 (seconds), got 0',
    ]));
  });
});


describe('pacing: each operation at its own documented limit, operations side by side', () => {
  const remove = operationById(resource.operations.delete);
  /** The spec with the delete limited to 20 requests per minute (as the fixture resource's delete is). */
  const slowDelete = structuredClone(openapi);
  slowDelete.paths[remove.path][remove.method.toLowerCase()]['x-feishu-rate-limit'] = { requests: 20, per: 'minute', basis: 'assumption', description: 'test: 20 per minute' };
  /** The requests per second `op` is paced at in that spec, with the default --rate. */
  const paced = (op) => paceOf(operationById(op.operationId, operationsOf(slowDelete)), 8);

  it('spaces the requests of each operation by its own pace on the run\'s clock, and interleaves the operations', async () => {
    const clock = createVirtualClock(0);
    const sent = [];
    const recording = async (url, init) => {
      const path = new URL(url).pathname;
      sent.push({ operationId: init.method === remove.method && path.startsWith(expandPath(remove.path, { [idParameter]: '' })) ? remove.operationId : update.operationId, at: clock.now() });
      return respond(400, { code: 1002002, msg: 'x' });
    };
    const rejectOnly = cases.filter((c) => [update.operationId, remove.operationId].includes(c.operationId) && (c.kind === 'invalid' || c.kind === 'auth') && !c.optIn);
    // The delete's cases three times over: more requests than one minute's quota.
    const deleteCases = rejectOnly.filter((c) => c.operationId === remove.operationId);
    rejectOnly.push(...[1, 2].flatMap((k) => deleteCases.map((c) => ({ ...c, id: `${c.id}#${k}` }))));
    await runConformance({ baseUrl: 'http://127.0.0.1:9', token: 't', clock, spec: slowDelete, cases: rejectOnly, fetch: recording });
    const timesOf = (op) => sent.filter((s) => s.operationId === op.operationId).map((s) => s.at);
    // A limit per second: each request a gap after the one before.
    const updates = timesOf(update);
    expect(updates.length).toBeGreaterThan(3);
    for (let i = 1; i < updates.length; i++) expect(updates[i] - updates[i - 1], `${update.operationId} request ${i}`).toBeGreaterThanOrEqual(1000 / paced(update) - 1e-6);
    // A limit per minute: at most 80% of it (16) in any minute, each at least 1000 / --rate ms after the one before.
    const deletes = timesOf(remove);
    expect(deletes.length).toBeGreaterThan(16);
    for (let i = 1; i < deletes.length; i++) expect(deletes[i] - deletes[i - 1], `${remove.operationId} request ${i}`).toBeGreaterThanOrEqual(1000 / 8 - 1e-6);
    for (let i = 16; i < deletes.length; i++) expect(deletes[i] - deletes[i - 16], `${remove.operationId} request ${i}`).toBeGreaterThanOrEqual(60_000);
    expect(paced(remove) * 60).toBeCloseTo(16); // 80% of 20/minute
    // Side by side: the delete's requests are spread among the update's, not sent after them.
    const order = sent.map((s) => s.operationId);
    expect(order.lastIndexOf(update.operationId)).toBeGreaterThan(order.indexOf(remove.operationId));
    expect(order.indexOf(update.operationId)).toBeLessThan(order.lastIndexOf(remove.operationId));
  });

  it('paces an operation at 80% of its limit, at most --rate, and one without a documented limit at --rate (0: unpaced)', () => {
    const limited = { rateLimit: { perSecond: 10 } };
    const unknown = { rateLimit: { perSecond: undefined } };
    expect([paceOf(limited, 8), paceOf(limited, 100), paceOf(limited, 2), paceOf(unknown, 8), paceOf(limited, 0), paceOf(unknown, 0)]).toEqual([8, 8, 2, 8, 0, 0]);
    expect(paceOf({ rateLimit: { perSecond: 20 / 60 } }, 8)).toBeCloseTo(16 / 60);
  });
});
