// Checks the spec against the official SDK's generated code (specs/source/node-sdk-1.74.0-external-interview.md):
// every field the SDK's types name for the four operations (request body, query and path parameters, response) is in
// the spec at its path with the same JSON type, request fields with the same requiredness, and the spec has no field
// the SDK lacks; each SDK method's URL and HTTP method is the operation's.
import { describe, expect, it } from 'vitest';
import { openapi } from '../src/ajv.js';
import { operationById } from '../src/model.js';
import { deref, parametersAsSchema, readSource } from './support/source-page.js';

const source = readSource('node-sdk-1.74.0-external-interview.md');
const declarations = /```ts\n([\s\S]*?)```/.exec(source.body)[1];
const jsLines = /```js\n([\s\S]*?)```/.exec(source.body)[1];
/** The SDK method of each operation of the resource. */
const METHODS = { create: 'createExternalInterview', batchQuery: 'batchQueryExternalInterviews', update: 'updateExternalInterview', delete: 'deleteExternalInterview' };

// ---- A small reader of the TypeScript type literals the SDK declares (objects, arrays, unions with undefined). ----

/** Tokens of a declaration, comments dropped. */
const tokenize = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').match(/\$?[A-Za-z_$][\w$]*|\.\.\.|[{}[\]<>():;?|,=]/g);

/** Reads a type at `t[i]`; returns `[node, next]` with node `{ kind: 'object', fields } | { kind: 'array', items } | { kind }`. */
function readType(t, i) {
  const alternatives = [];
  let optional = false;
  for (;;) {
    let node;
    if (t[i] === '{') [node, i] = readObject(t, i);
    else if (t[i] === 'Array' && t[i + 1] === '<') {
      const [items, next] = readType(t, i + 2);
      if (t[next] !== '>') throw new Error(`expected > at token ${next}`);
      [node, i] = [{ kind: 'array', items }, next + 1];
    } else [node, i] = [{ kind: t[i] }, i + 1];
    while (t[i] === '[' && t[i + 1] === ']') [node, i] = [{ kind: 'array', items: node }, i + 2];
    if (node.kind === 'undefined') optional = true;
    else alternatives.push(node);
    if (t[i] !== '|') break;
    i += 1;
  }
  if (alternatives.length !== 1) throw new Error(`unexpected union of ${alternatives.map((a) => a.kind)}`);
  return [{ ...alternatives[0], optional }, i];
}

/** Reads an object type literal `{ name?: type; ... }` starting at `t[i] === '{'`. */
function readObject(t, i) {
  const fields = {};
  i += 1;
  while (t[i] !== '}') {
    const name = t[i];
    const optional = t[i + 1] === '?';
    i += optional ? 2 : 1;
    if (t[i] !== ':') throw new Error(`expected : after ${name}`);
    const [type, next] = readType(t, i + 1);
    fields[name] = { ...type, optional: optional || type.optional };
    i = t[next] === ';' ? next + 1 : next;
  }
  return [{ kind: 'object', fields }, i + 1];
}

/** The request payload type and the response type of one SDK method: `name: (payload?: {...}, ...) => Promise<{...}>`. */
function signatureOf(method) {
  const t = tokenize(declarations);
  const start = t.findIndex((tok, k) => tok === method && t[k + 1] === ':' && t[k + 2] === '(');
  if (start < 0) throw new Error(`no SDK method ${method}`);
  const [payload, afterPayload] = readObject(t, start + 6); // method : ( payload ? : {
  const promise = t.indexOf('Promise', afterPayload);
  const [response] = readObject(t, promise + 2);
  return { payload, response };
}

// ---- The comparison with the spec. ----

const JSON_TYPE = { string: 'string', number: 'integer', boolean: 'boolean', object: 'object', array: 'array' };

/** The properties and required names of a schema, following $ref (one object, no allOf in this spec). */
const objectOf = (schema) => {
  const s = deref(schema);
  expect(s.allOf, 'no allOf in the spec').toBeUndefined();
  return { properties: s.properties ?? {}, required: s.required ?? [] };
};

/** Compares an SDK type with a spec schema, recursively; `requiredness` for request types only. */
function compare(sdk, schema, where, requiredness) {
  const s = deref(schema);
  expect(s.type, `${where}: type`).toBe(JSON_TYPE[sdk.kind]);
  if (sdk.kind === 'array') compare(sdk.items, s.items, `${where}[]`, requiredness);
  if (sdk.kind !== 'object') return;
  const { properties, required } = objectOf(s);
  expect(Object.keys(properties).sort(), `${where}: the spec's fields are the SDK's`).toEqual(Object.keys(sdk.fields).sort());
  for (const [name, field] of Object.entries(sdk.fields)) {
    if (requiredness) expect(required.includes(name), `${where}.${name}: required`).toBe(!field.optional);
    compare(field, properties[name], `${where}.${name}`, requiredness);
  }
}

describe('the spec matches the official SDK (@larksuiteoapi/node-sdk 1.74.0)', () => {
  it('reads the excerpts as vendored (never edited)', () => {
    expect(source.sha256).toBe('2c2ef9bcd70f9dcb163a4f49994e247c19a84a773df61fee15695cc23285ab4c');
    expect(declarations).toContain('externalInterview: {');
  });

  it.each(Object.entries(METHODS))('%s is %s: same URL and HTTP method', (method, operationId) => {
    const op = operationById(operationId);
    const lines = jsLines.split('\n');
    const at = lines.findIndex((l) => new RegExp(`^\\d+: +${method}: \\(payload`).test(l));
    const url = /url: fillApiPath\(`\$\{this\.domain\}([^`]+)`/.exec(lines[at + 1])[1].replace(/:(\w+)/g, '{$1}');
    const verb = /method: "(\w+)"/.exec(lines[at + 2])[1];
    expect(`${verb} ${url}`).toBe(`${op.method} ${op.path}`);
  });

  it.each(Object.entries(METHODS))('%s: every request field, with its type and requiredness', (method, operationId) => {
    const { payload } = signatureOf(method);
    const op = operationById(operationId);
    const { data, params, path, ...rest } = payload.fields;
    expect(rest).toEqual({});
    if (data) compare(data, op.requestBody.schema, `${operationId} body`, true);
    else expect(op.requestBody).toBeNull();
    compare(params ?? { kind: 'object', fields: {} }, parametersAsSchema(op.parameters.query), `${operationId} query`, true);
    compare(path ?? { kind: 'object', fields: {} }, parametersAsSchema(op.parameters.path), `${operationId} path`, true);
  });

  it.each(Object.entries(METHODS))('%s: every response field, with its type', (method, operationId) => {
    const { response } = signatureOf(method);
    const schema = operationById(operationId).responses['200'].content['application/json'].schema;
    compare(response, schema, `${operationId} response`, false);
  });

  it('batchQueryWithIterator takes batchQuery’s payload and yields its data without the paging fields', () => {
    const t = tokenize(declarations);
    const start = t.findIndex((tok, k) => tok === 'batchQueryWithIterator' && t[k + 1] === ':');
    const [payload] = readObject(t, start + 6);
    expect(payload).toEqual(signatureOf('batchQuery').payload);
  });
});
