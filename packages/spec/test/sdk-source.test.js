// Checks the spec against the official SDK's generated code, every excerpt of specs/source/ that names SDK files
// (one section per resource: its type declarations and its methods' URL and HTTP method). Each SDK method is the
// operation of the spec with the same method and path; every field its types name (request body, query and path
// parameters, response) is in the spec at its path with the same JSON type, request fields with the same
// requiredness, and the spec has no field the SDK lacks unless its description says which answer lacks it.
import { describe, expect, it } from 'vitest';
import { operations } from '../src/model.js';
import { deref, parametersAsSchema, readSource, sourceFiles } from './support/source-page.js';

// ---- A small reader of the TypeScript type literals the SDK declares (objects, arrays, unions with undefined). ----

/** Tokens of a declaration, comments dropped; a string literal (`"open_id"`) is one token. */
const tokenize = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').match(/"[^"]*"|\$?[A-Za-z_$][\w$]*|\.\.\.|[{}[\]<>():;?|,=]/g);

/** A union's alternatives as one node: string literals merge into one string with an enum. */
function unionOf(alternatives) {
  if (alternatives.length > 1 && alternatives.every((a) => a.literal !== undefined)) {
    return { kind: 'string', enum: alternatives.map((a) => a.literal) };
  }
  if (alternatives.length !== 1) throw new Error(`unexpected union of ${alternatives.map((a) => a.kind)}`);
  return alternatives[0];
}

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
    } else if (t[i].startsWith('"')) [node, i] = [{ kind: 'string', literal: t[i].slice(1, -1) }, i + 1];
    else [node, i] = [{ kind: t[i] }, i + 1];
    while (t[i] === '[' && t[i + 1] === ']') [node, i] = [{ kind: 'array', items: node }, i + 2];
    if (node.kind === 'undefined') optional = true;
    else alternatives.push(node);
    if (t[i] !== '|') break;
    i += 1;
  }
  return [{ ...unionOf(alternatives), optional }, i];
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

/** The payload type and the response type of one SDK method: `name: (payload?: {...}, ...) => Promise<{...}>`. */
function signatureOf(declarations, method) {
  const t = tokenize(declarations);
  const start = t.findIndex((tok, k) => tok === method && t[k + 1] === ':' && t[k + 2] === '(');
  if (start < 0) throw new Error(`no SDK method ${method}`);
  const [payload, afterPayload] = readObject(t, start + 6); // method : ( payload ? : {
  const promise = t.indexOf('Promise', afterPayload);
  const [response] = readObject(t, promise + 2);
  return { payload, response };
}

/** Each method of an excerpt's `lib/index.js` lines: `{ name, verb, path }` (path as the spec's template). */
function methodsOf(jsLines) {
  const lines = jsLines.split('\n');
  return lines.flatMap((line, at) => {
    const name = /^\d+: +(\w+): \(payload/.exec(line)?.[1];
    if (!name) return [];
    const path = /url: fillApiPath\(`\$\{this\.domain\}([^`]+)`/.exec(lines[at + 1])[1].replace(/:(\w+)/g, '{$1}');
    return [{ name, path, verb: /method: "(\w+)"/.exec(lines[at + 2])[1] }];
  });
}

/** Every section of every SDK excerpt: `{ file, title, declarations, methods }`. */
function sdkSections() {
  return sourceFiles().map(readSource).filter((s) => s.front.files !== undefined).flatMap((source) => {
    const blocks = [...source.body.matchAll(/```ts\n([\s\S]*?)```[\s\S]*?```js\n([\s\S]*?)```/g)];
    return blocks.map(([, declarations, js]) => ({ file: source.name, title: /^ +(\w+): \{$/m.exec(declarations)[1], declarations, methods: methodsOf(js) }));
  });
}

// ---- The comparison with the spec. ----

/** The JSON types an SDK type may be in the spec (`number` is an integer, or a number where it has fractions). */
const JSON_TYPES = { string: ['string'], number: ['integer', 'number'], boolean: ['boolean'], object: ['object'], array: ['array'] };

/** The properties and required names of a schema, following $ref (one object, no allOf in this spec). */
const objectOf = (schema) => {
  const s = deref(schema);
  expect(s.allOf, 'no allOf in the spec').toBeUndefined();
  return { properties: s.properties ?? {}, required: s.required ?? [] };
};

/**
 * Compares an SDK type with a spec schema, recursively. `requiredness` for request types: a field the spec requires
 * though the SDK marks it optional must say so (`the official SDK marks it optional`). `answer` names the operation
 * for response types: a spec field the SDK lacks there must say that this answer lacks it (its Chinese name).
 */
function compare(sdk, schema, where, { requiredness, answer }) {
  const s = deref(schema);
  expect(JSON_TYPES[sdk.kind], `${where}: type ${sdk.kind}`).toContain(s.type);
  if (sdk.enum) expect([...s.enum].sort(), `${where}: enum`).toEqual([...sdk.enum].sort());
  if (sdk.kind === 'array') compare(sdk.items, s.items, `${where}[]`, { requiredness, answer });
  if (sdk.kind !== 'object') return;
  const { properties, required } = objectOf(s);
  for (const name of Object.keys(properties).filter((n) => !(n in sdk.fields))) {
    expect(answer && properties[name].description?.replace(/\s+/g, ' '), `${where}.${name}: the spec has a field the SDK lacks; its description must say which answer lacks it`).toContain(`Not in the answer of ${answer}`);
  }
  for (const [name, field] of Object.entries(sdk.fields)) {
    expect(properties, `${where}: the spec has the SDK's field ${name}`).toHaveProperty(name);
    if (requiredness && required.includes(name) !== !field.optional) {
      expect(required.includes(name) && field.optional, `${where}.${name}: required ${!field.optional} in the SDK`).toBe(true);
      expect((properties[name].description ?? deref(properties[name]).description).replace(/\s+/g, ' '), `${where}.${name}: says why it is required though the SDK marks it optional`).toMatch(/the official SDK marks it optional/);
    }
    compare(field, properties[name], `${where}.${name}`, { requiredness, answer });
  }
}

/** The Chinese name of an operation, from its summary `English (中文)`. */
const chineseName = (op) => /\(([^)]+)\)$/.exec(op.summary)[1];

const sections = sdkSections();

describe('the spec matches the official SDK (@larksuiteoapi/node-sdk 1.74.0)', () => {
  it('reads every section of the excerpts', () => {
    expect(sections.length).toBeGreaterThan(0);
    for (const s of sections) expect(s.methods.length, `${s.file} ${s.title}`).toBeGreaterThan(0);
  });

  describe.each(sections.map((s) => [s.title, s]))('%s', (_title, section) => {
    const methods = section.methods.filter((m) => !m.name.endsWith('WithIterator'));
    const pairs = methods.map((m) => [m.name, m, operations.find((o) => o.method === m.verb && o.path === m.path)]);

    it.each(pairs)('%s is an operation of the spec, by its URL and HTTP method', (_name, m, op) => {
      expect(op, `${m.verb} ${m.path}`).toBeDefined();
    });

    it.each(pairs)('%s: every request field, with its type and requiredness', (name, _m, op) => {
      const { payload } = signatureOf(section.declarations, name);
      const { data, params, path, ...rest } = payload.fields;
      expect(rest).toEqual({});
      if (data) compare(data, op.requestBody.schema, `${op.operationId} body`, { requiredness: true });
      else expect(op.requestBody).toBeNull();
      compare(params ?? { kind: 'object', fields: {} }, parametersAsSchema(op.parameters.query), `${op.operationId} query`, { requiredness: true });
      // A path parameter is always sent (the SDK's types mark some path objects optional): names and types only.
      compare(path ?? { kind: 'object', fields: {} }, parametersAsSchema(op.parameters.path), `${op.operationId} path`, { requiredness: false });
      for (const p of op.parameters.path) expect(p.required, p.name).toBe(true);
    });

    it.each(pairs)('%s: every response field, with its type', (name, _m, op) => {
      const { response } = signatureOf(section.declarations, name);
      compare(response, op.responses['200'].content['application/json'].schema, `${op.operationId} response`, { answer: chineseName(op) });
    });

    it('each iterator takes its method\'s payload and the same URL', () => {
      for (const iterator of section.methods.filter((m) => m.name.endsWith('WithIterator'))) {
        const base = section.methods.find((m) => m.name === iterator.name.replace(/WithIterator$/, ''));
        expect([iterator.verb, iterator.path]).toEqual([base.verb, base.path]);
        const t = tokenize(section.declarations);
        const start = t.findIndex((tok, k) => tok === iterator.name && t[k + 1] === ':');
        expect(readObject(t, start + 6)[0]).toEqual(signatureOf(section.declarations, base.name).payload);
      }
    });
  });
});
