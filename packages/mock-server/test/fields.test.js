// Body fields the operation's request schema does not declare: dropped by default (not stored, not echoed), rejected
// by name with strictFields, whether the spec's schemas are closed (additionalProperties: false) or open.
import { openapi } from '@feishu-hire/spec/model';
import { describe, expect, it } from 'vitest';
import { createFieldFilter } from '../src/fields.js';
import { startMockServer } from '../src/index.js';
import { API_PATH, APP, INTERVIEW_ID, TOKEN_URL_PATH, call, exampleBody, withoutIds, mocksClosedAfterEach } from './helpers.js';

/** Starts a mock that is closed after the test. */
const start = mocksClosedAfterEach({ tokens: ['t-a'], rateLimitPerSecond: 0 });

/** The bundled spec with every `additionalProperties: false` and `unevaluatedProperties: false` removed. */
function openSpec() {
  const open = (node) => {
    if (!node || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(open);
    const entries = Object.entries(node).filter(([k, v]) => !(['additionalProperties', 'unevaluatedProperties'].includes(k) && v === false));
    return Object.fromEntries(entries.map(([k, v]) => [k, open(v)]));
  };
  return open(openapi);
}

/** The example body with a field the spec does not declare at the top, in an assessment and in a dimension. */
function bodyWithSurprises() {
  const body = exampleBody();
  body.surprise = 'top';
  body.interview_assessments[0].surprise = { nested: true };
  body.interview_assessments[0].assessment_dimension_list[0].weight = 3;
  return body;
}

const SURPRISES = [
  'body.surprise is not an allowed field',
  'body.interview_assessments[0].surprise is not an allowed field',
  'body.interview_assessments[0].assessment_dimension_list[0].weight is not an allowed field',
];

describe.each([
  ['the bundled spec (closed request schemas)', undefined],
  ['the same spec with open request schemas', openSpec()],
])('%s', (_name, spec) => {
  it('by default, drops undeclared fields at any depth: accepted, not stored, not echoed', async () => {
    const mock = await start({ spec });
    const { res, json } = await call(mock, API_PATH, { token: 't-a', body: bodyWithSurprises(), spec });
    expect(res.status).toBe(200);
    expect(withoutIds(json.data.external_interview)).toEqual(exampleBody());
    expect(withoutIds(mock.store.get(INTERVIEW_ID))).toEqual(exampleBody());
  });

  it('with strictFields, rejects them naming every one (400, 1002002), and changes nothing', async () => {
    const mock = await start({ spec, strictFields: true });
    const before = mock.store.list();
    const { res, json } = await call(mock, API_PATH, { token: 't-a', body: bodyWithSurprises(), spec });
    expect(res.status).toBe(400);
    expect(json.code).toBe(1002002);
    expect(json.msg.replace(/^参数错误: /, '').split('; ').sort()).toEqual([...SURPRISES].sort());
    expect(mock.store.list()).toEqual(before);
  });

  it('with strictFields, names an undeclared field and a broken rule together', async () => {
    const mock = await start({ spec, strictFields: true });
    const body = exampleBody();
    body.interview_assessments[0].surprise = 1;
    body.interview_assessments[0].conclusion = 9;
    const { json } = await call(mock, API_PATH, { token: 't-a', body, spec });
    expect(json.msg).toBe('参数错误: body.interview_assessments[0].surprise is not an allowed field; body.interview_assessments[0].conclusion must be one of 1, 2, 3');
  });

  it('with strictFields, accepts a body with only declared fields', async () => {
    const mock = await start({ spec, strictFields: true });
    expect((await call(mock, API_PATH, { token: 't-a', body: exampleBody(), spec })).res.status).toBe(200);
  });
});

describe('the token endpoint', () => {
  it('ignores an undeclared field by default and rejects it (10003) with strictFields', async () => {
    const body = { ...APP, app_name: 'x' };
    const lenient = await start();
    expect((await call(lenient, TOKEN_URL_PATH, { method: 'POST', body })).json.code).toBe(0);
    const strict = await start({ strictFields: true });
    const { res, json } = await call(strict, TOKEN_URL_PATH, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(json).toEqual({ code: 10003, msg: 'invalid param: body.app_name is not an allowed field' });
  });
});

describe('createFieldFilter (the schema walker)', () => {
  const doc = {
    components: {
      schemas: {
        Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
        Base: { type: 'object', properties: { a: { type: 'string' } } },
      },
    },
  };
  const filter = (schema, value) => createFieldFilter(doc, schema)(value);
  const names = (result) => result.unknown.map((i) => i.message);

  it('follows $refs, recursively', () => {
    const result = filter({ $ref: '#/components/schemas/Node' }, { name: 'a', x: 1, children: [{ name: 'b', children: [{ y: 2 }] }] });
    expect(result.value).toEqual({ name: 'a', children: [{ name: 'b', children: [{}] }] });
    expect(names(result)).toEqual(['body.x is not an allowed field', 'body.children[0].children[0].y is not an allowed field']);
  });

  it('declares the properties of allOf, anyOf, oneOf, then and else branches, and required names', () => {
    const schema = {
      type: 'object',
      allOf: [{ $ref: '#/components/schemas/Base' }],
      anyOf: [{ properties: { b: {} } }],
      oneOf: [{ properties: { c: {} } }],
      if: { properties: { a: { const: 'x' } } },
      then: { properties: { d: {} } },
      else: { properties: { e: {} } },
      required: ['f'],
      unevaluatedProperties: false,
    };
    const result = filter(schema, { a: 'x', b: 1, c: 2, d: 3, e: 4, f: 5, g: 6 });
    expect(result.value).toEqual({ a: 'x', b: 1, c: 2, d: 3, e: 4, f: 5 });
    expect(names(result)).toEqual(['body.g is not an allowed field']);
  });

  it('keeps fields matching patternProperties or an additionalProperties schema (checking inside them)', () => {
    const patterned = filter({ type: 'object', properties: { a: {} }, patternProperties: { '^x_': { type: 'object', properties: { v: {} } } } }, { a: 1, x_1: { v: 1, w: 2 }, y: 3 });
    expect(patterned.value).toEqual({ a: 1, x_1: { v: 1 } });
    expect(names(patterned)).toEqual(['body.x_1.w is not an allowed field', 'body.y is not an allowed field']);
    const map = filter({ type: 'object', additionalProperties: { $ref: '#/components/schemas/Base' } }, { k1: { a: 'x', z: 1 }, k2: {} });
    expect(map.value).toEqual({ k1: { a: 'x' }, k2: {} });
    expect(names(map)).toEqual(['body.k1.z is not an allowed field']);
  });

  it('keeps every field of a free-form object, or of one with additionalProperties: true', () => {
    for (const schema of [{ type: 'object' }, {}, { type: 'object', properties: { a: {} }, additionalProperties: true }]) {
      expect(filter(schema, { a: 1, b: { c: 2 } })).toEqual({ value: { a: 1, b: { c: 2 } }, unknown: [] });
    }
  });

  it('walks prefixItems and items; leaves values of the wrong type to the validator', () => {
    const schema = { type: 'array', prefixItems: [{ type: 'object', properties: { p: {} } }], items: { type: 'object', properties: { q: {} } } };
    const result = filter(schema, [{ p: 1, q: 1 }, { p: 1, q: 1 }]);
    expect(result.value).toEqual([{ p: 1 }, { q: 1 }]);
    expect(names(result)).toEqual(['body[0].q is not an allowed field', 'body[1].p is not an allowed field']);
    expect(filter({ type: 'integer' }, { a: 1 }).value).toEqual({ a: 1 });
    expect(filter({ $ref: '#/components/schemas/Base' }, 'text').value).toBe('text');
  });

  it('drops a "__proto__" field as a plain field, and names odd keys the spec package\'s way', () => {
    const result = filter({ $ref: '#/components/schemas/Base' }, JSON.parse('{"__proto__": {"polluted": true}, "a b/c": 1, "a": "x"}'));
    expect(result.value).toEqual({ a: 'x' });
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(names(result)).toEqual(['body.__proto__ is not an allowed field', 'body["a b/c"] is not an allowed field']);
  });
});
