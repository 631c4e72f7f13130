// Every operation of the model under hostile input, generated from the spec (each body field, each parameter, the
// credentials): a 4xx in the error envelope with an x-tt-logid, naming the field, an answer no larger than the
// request allows, the store unchanged, and no request that holds the mock for long.
import { createServer } from 'node:http';
import fc from 'fast-check';
import { errorCodeFor, openapi, operations, operationsOf } from '@feishu-hire/spec/model';
import { VALIDATION_LIMITS } from '@feishu-hire/spec/validation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specWithFixtureResource } from '../../spec/test/fixtures/fixture-resource.js';
import { startMockServer } from '../src/index.js';
import { baseRequest, bodyFields, bodyWithRaw, expectRejected, fieldOf, firstField, hostileCases, NOT_PLAIN_INTEGERS, send, setAt, withChanges, wrongValueFor } from './hostile.js';

const TOKEN = 'hostile-suite-token';
const OPTIONS = { rateLimitPerSecond: 0, tokens: [TOKEN], maxBodyBytes: 1024 * 1024 };
// Generous: the slowest case (a 1 MB body) is answered in about 0.1 s; the quadratic validation this suite guards
// against took 11 s for 120 KB, and a request that overflowed the stack never reached 5 s either way: it failed.
const STALL_BOUND_MS = 5000;
/** fast-check runs per property and operation (each a request to the mock). */
const RUNS = 15;

/**
 * Starts a mock serving `spec`; an operation it has no handler for yet (an added resource before the store serves
 * it) gets a stub that answers `{}`, so that everything before the handler is still tried. `options` add to the mock's.
 * Returns the mock and the ids of the stubbed operations.
 */
async function startServing(spec, options = {}) {
  try {
    return { mock: await startMockServer({ ...OPTIONS, ...options, spec }), stubbed: new Set() };
  } catch (error) {
    const missing = /no handler for (.*)$/.exec(/** @type {Error} */ (error).message)?.[1];
    if (!missing) throw error;
    const stubbed = new Set([...missing.matchAll(/operation (\S+) \(/g)].map((m) => m[1]));
    const handlers = Object.fromEntries([...stubbed].map((id) => [id, () => ({})]));
    return { mock: await startMockServer({ ...OPTIONS, ...options, spec, handlers }), stubbed };
  }
}

/** The integer query and header parameters of an operation. */
const integerParameters = (operation) => [...operation.parameters.query, ...operation.parameters.header].filter((p) => p.schema.type === 'integer' && !p.serverIssued);

/** A parameter's place in a request: the query or the headers, by its name as the mock reads it. */
const placeOf = (p) => (p.in === 'query' ? { key: 'query', name: p.name } : { key: 'headers', name: p.name.toLowerCase() });

/** The base request with parameter `p` set to `text` (replacing its example). */
function withParameter(base, p, text) {
  const { key, name } = placeOf(p);
  return withChanges(base, { [key]: [...base[key].filter(([k]) => k.toLowerCase() !== name.toLowerCase()), [name, text]] });
}

/**
 * The hostile suite of every operation of `spec` (or of those `only` keeps): its fixed cases and its properties,
 * against one mock serving `spec`.
 */
function describeHostile(title, spec, only = () => true) {
  describe(title, () => {
    const served = { mock: /** @type {any} */ (undefined), stubbed: new Set() };
    beforeAll(async () => Object.assign(served, await startServing(spec)));
    afterAll(() => served.mock?.close());

    /** Sends a hostile case to the mock and asserts its rejection (expectRejected) and its time. */
    const expectHostileRejected = async (hostile) => {
      const before = served.mock.store.list();
      const started = performance.now();
      const answer = await send(served.mock.port, hostile.request);
      const elapsed = performance.now() - started;
      expectRejected(spec, answer, hostile, before, served.mock.store.list());
      expect(elapsed, `${hostile.name}: answered in ${Math.round(elapsed)} ms`).toBeLessThan(STALL_BOUND_MS);
    };
    const list = operationsOf(spec).filter(only);
    describe.each(list.map((o) => [o.operationId, o]))('%s', (_id, operation) => describeOperation(spec, operation, served, expectHostileRejected));
  });
}

/** The fixed cases and the properties of one operation (see describeHostile). */
function describeOperation(spec, operation, served, expectHostileRejected) {
  const base = baseRequest(spec, operation, TOKEN);

  it('its base request, which every case alters, passes validation (so each case is refused for what it alters)', async () => {
    // without parent checks: deleting a seeded parent that has children is refused for the store's state, not the request
    const fresh = await startServing(spec, { parentChecks: false });
    try {
      const answer = await send(fresh.mock.port, withChanges(base));
      const invalid = errorCodeFor(operation, 'invalid_parameter');
      expect(answer.status < 400 || JSON.parse(answer.text).code !== invalid?.code, answer.text).toBe(true);
    } finally {
      await fresh.mock.close();
    }
  });

  it.each(hostileCases(spec, operation, { token: TOKEN, maxBodyBytes: OPTIONS.maxBodyBytes }).map((c) => [c.name, c]))('%s', async (_name, hostile) => {
    await expectHostileRejected(hostile);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  for (const p of integerParameters(operation)) {
    it(`any text of ${p.in}.${p.name} that is not a plain decimal integer -> 400 naming it`, async () => {
      const text = fc.oneof(fc.constantFrom(...NOT_PLAIN_INTEGERS), fc.string({ unit: 'grapheme' }), fc.double().map(String), fc.bigInt().map((n) => `0${n}`));
      await fc.assert(
        fc.asyncProperty(text.filter((t) => !/^(?:0|-?[1-9][0-9]*)$/.test(t)), async (t) => {
          await expectHostileRejected({ name: `${p.name}=${JSON.stringify(t)}`, field: `${p.in}.${placeOf(p).name}`, request: withParameter(base, p, t) });
        }),
        { numRuns: RUNS },
      );
    });
  }

  // A page token is read by the operation's handler: a stubbed one reads none (it comes with the store).
  for (const p of operation.parameters.query.filter((q) => q.serverIssued)) {
    it(`any ${p.name} this process did not issue (random, or forged without its HMAC) -> 400 naming it`, async (context) => {
      if (served.stubbed.has(operation.operationId)) return context.skip(`${operation.operationId} has no handler yet: the mock answers it with a stub`);
      const forged = fc.record({ c: fc.nat(), q: fc.string() }).map((t) => Buffer.from(JSON.stringify(t)).toString('base64url'));
      await fc.assert(
        fc.asyncProperty(fc.oneof(forged, fc.base64String(), fc.string({ unit: 'grapheme' })), async (t) => {
          await expectHostileRejected({ name: `${p.name}=${JSON.stringify(t)}`, field: `query.${p.name}`, request: withParameter(base, p, t) });
        }),
        { numRuns: RUNS },
      );
    });
  }

  if (operation.requestBody) describeBodyProperties(spec, operation, base, expectHostileRejected);
}

/** The properties of an operation's body: any text that is not JSON, any depth at any field, any extra keys. */
function describeBodyProperties(spec, operation, base, expectHostileRejected) {
  it('any body text that is not JSON -> 400 naming the body', async () => {
    const notJson = fc.string({ unit: 'grapheme', minLength: 1 }).filter((t) => {
      try {
        return void JSON.parse(t);
      } catch {
        return true;
      }
    });
    await fc.assert(
      fc.asyncProperty(notJson, async (t) => {
        await expectHostileRejected({ name: `body ${JSON.stringify(t)}`, field: 'body', request: withChanges(base, { body: Buffer.from(t) }) });
      }),
      { numRuns: RUNS },
    );
  });

  const fields = bodyFields(spec, operation.requestBody.schema);
  if (fields.length === 0) return;

  it('any depth over the limit at any field -> 400 naming the field', async () => {
    const depth = fc.integer({ min: VALIDATION_LIMITS.maxDepth + 1, max: 50_000 });
    await fc.assert(
      fc.asyncProperty(depth, fc.constantFrom(...fields), async (d, { segments }) => {
        const body = bodyWithRaw(base.json, segments, `${'['.repeat(d)}${']'.repeat(d)}`);
        await expectHostileRejected({ name: `${fieldOf(segments)} nested ${d} levels`, field: fieldOf(segments), request: withChanges(base, { body }) });
      }),
      { numRuns: RUNS },
    );
  });

  it('any extra keys (NUL, RTL, emoji, __proto__, constructor) beside an invalid field -> 400 naming that field, no pollution', async () => {
    const { segments, schema } = /** @type {any} */ (firstField(spec, operation));
    const invalid = setAt(base.json, segments, wrongValueFor(schema.type));
    const key = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('__proto__', 'constructor', 'prototype', '\u0000', '\u202e', '😀'));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, fc.jsonValue({ maxDepth: 3 })), async (extra) => {
        const body = Buffer.from(JSON.stringify({ ...extra, ...invalid }));
        await expectHostileRejected({ name: `extra keys ${JSON.stringify(Object.keys(extra))}`, field: fieldOf(segments), request: withChanges(base, { body }) });
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      { numRuns: RUNS },
    );
  });
}

describeHostile('every operation of the shipped spec under hostile input', openapi);

// A resource added to the spec gets the same suite unasked: its operations (the ones the shipped spec lacks).
const shipped = new Set(operations.map((o) => o.operationId));
describeHostile('every operation of a resource added to the spec (fixture) under hostile input', specWithFixtureResource(), (o) => !shipped.has(o.operationId));

/** A server answering every request with `answer(requestBody)`: a broken mock for the checks to catch. */
async function brokenServer(answer) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const { status, headers, body } = answer(Buffer.concat(chunks).toString());
      const text = Buffer.from(JSON.stringify(body));
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': text.length, ...headers });
      res.end(text);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  return server;
}

describe('the checks catch a broken mock (mutants first)', () => {
  const operation = operations.find((o) => o.requestBody && firstField(openapi, o));
  const { segments, schema } = /** @type {any} */ (firstField(openapi, /** @type {any} */ (operation)));
  const base = baseRequest(openapi, operation, TOKEN);
  const json = { pad: 'x'.repeat(10_000), ...setAt(base.json, segments, wrongValueFor(schema.type)) };
  const hostile = { name: 'wrong type', field: fieldOf(segments), request: withChanges(base, { json }) };
  const logid = { 'x-tt-logid': '20240101000000ABCDEF0123456789ABCD' };
  const msg = `参数错误: ${hostile.field} must be of type x`;
  const mutants = [
    ['a 500 (the recursive field filter overflowing the stack)', () => ({ status: 500, headers: logid, body: { code: 1002001, msg: '系统异常' } })],
    ['no x-tt-logid', () => ({ status: 400, headers: {}, body: { code: 1002002, msg } })],
    ['a msg that does not name the field', () => ({ status: 400, headers: logid, body: { code: 1002002, msg: '参数错误' } })],
    ['an answer echoing the request three times (every issue listed)', (body) => ({ status: 400, headers: logid, body: { code: 1002002, msg: msg + body.repeat(3) } })],
    ['an envelope outside the spec (code 0)', () => ({ status: 400, headers: logid, body: { code: 0, msg } })],
  ];

  it('the case passes against a well-behaved server, which proves the mutants fail for their defect only', async () => {
    const server = await brokenServer(() => ({ status: 400, headers: logid, body: { code: 1002002, msg } }));
    const answer = await send(/** @type {any} */ (server.address()).port, hostile.request);
    server.close();
    expectRejected(openapi, answer, hostile, [], []);
  });

  it.each(mutants)('%s', async (_name, answerOf) => {
    const server = await brokenServer(answerOf);
    const answer = await send(/** @type {any} */ (server.address()).port, hostile.request);
    server.close();
    expect(() => expectRejected(openapi, answer, hostile, [], [])).toThrow();
  });

  it('a store changed by a rejected request', async () => {
    const server = await brokenServer(() => ({ status: 400, headers: logid, body: { code: 1002002, msg } }));
    const answer = await send(/** @type {any} */ (server.address()).port, hostile.request);
    server.close();
    expect(() => expectRejected(openapi, answer, hostile, [{ id: '1' }], [])).toThrow('the store changed');
  });
});
