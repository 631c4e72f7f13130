// Hostile requests for every operation of the model, generated from the spec (each body field, each parameter), a
// raw HTTP/1.1 client that can send what fetch cannot (a header twice, bytes that are not UTF-8), and the one
// assertion every such request must meet.
import net from 'node:net';
import { deref, expandPath } from '@feishu-hire/spec/model';
import { createValidation } from '@feishu-hire/spec/validation';
import { expect } from 'vitest';

/** Integer texts that JavaScript would read as numbers but that are not plain decimal. */
export const NOT_PLAIN_INTEGERS = Object.freeze(['0x10', ' 5', '1e1', '+5', '05', '-0', 'Infinity', '1e400']);

/** How deep the deep cases nest (the limit is 32 levels; the mock's field filter recursed and overflowed at 2,000). */
export const DEEP = 100_000;

/**
 * @typedef {{ method: string, path: string, query: [string, string][], headers: [string, string][], body?: Buffer }} RawRequest
 * @typedef {{ name: string, field?: string, request: RawRequest }} HostileCase
 */

/** One request as bytes: its request line, headers (`connection: close`, `content-length`) and body. */
export function requestBytes({ method, path, query, headers, body }) {
  const search = query.length ? `?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
  const lines = [`${method} ${path}${search} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close', ...headers.map(([k, v]) => `${k}: ${v}`)];
  if (body) lines.push(`content-length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body ?? Buffer.alloc(0)]);
}

/** Sends a raw request to `port`; resolves to `{ status, headers, text, bytes }` once the server closes. */
export function send(port, request) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = all.subarray(split + 4);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text: body.toString('utf8'), bytes: body.length });
    });
    socket.end(requestBytes(request));
  });
}

/** The JSON type of a schema (after $ref), or undefined. */
const typeOf = (doc, schema) => deref(doc, schema ?? {}).type;

/** A JSON value that is not of JSON type `type`. */
export const wrongValueFor = (type) => (type === 'string' ? 12345 : 'not-a-' + (type ?? 'value'));

/**
 * Every typed field a body schema declares, depth first, as `{ segments, schema }`: properties of objects (their
 * $refs followed) and the first item of arrays (segment 0), each schema node once.
 */
export function bodyFields(doc, schema, segments = [], seen = new Set()) {
  const s = deref(doc, schema ?? {});
  if (seen.has(s)) return [];
  seen.add(s);
  const here = segments.length && s.type ? [{ segments, schema: s }] : [];
  if (s.type === 'array') return [...here, ...bodyFields(doc, s.items, [...segments, 0], seen)];
  const fields = Object.entries(s.properties ?? {}).flatMap(([name, sub]) => bodyFields(doc, sub, [...segments, name], seen));
  return [...here, ...fields];
}

/** `body` (a copy) with `value` at `segments`, creating the objects and arrays on the way. */
export function setAt(body, segments, value) {
  const copy = structuredClone(body ?? {});
  let node = copy;
  segments.forEach((key, i) => {
    if (i === segments.length - 1) node[key] = value;
    else node = node[key] ??= typeof segments[i + 1] === 'number' ? [] : {};
  });
  return copy;
}

/** The field a message names for `segments` ("body.a[0].b"). */
export const fieldOf = (segments) => segments.reduce((path, s) => path + (typeof s === 'number' ? `[${s}]` : `.${s}`), 'body');

/** A JSON body text with `raw` (any JSON text, even one JSON.stringify cannot write) at `segments` of `body`. */
export function bodyWithRaw(body, segments, raw) {
  const marker = '\u0000raw\u0000';
  return Buffer.from(JSON.stringify(setAt(body, segments, marker)).replace(JSON.stringify(marker), raw));
}

/** The valid example value of a parameter (its example, its schema's, else "1"), as a string. */
const exampleOf = (doc, p) => String(p.example ?? deref(doc, p.schema ?? {}).example ?? '1');

/**
 * The request every case of an operation alters: its path from the parameters' examples, its query parameters'
 * examples (not those only the server issues), its body's first example and `token` when it needs one.
 */
export function baseRequest(doc, operation, token) {
  const path = expandPath(operation.path, Object.fromEntries(operation.parameters.path.map((p) => [p.name, exampleOf(doc, p)])));
  const query = operation.parameters.query.filter((p) => !p.serverIssued).map((p) => [p.name, exampleOf(doc, p)]);
  const headers = operation.parameters.header.map((p) => [p.name, exampleOf(doc, p)]);
  if (operation.security.length) headers.push(['authorization', `Bearer ${token}`]);
  const example = operation.requestBody ? Object.values(operation.requestBody.examples)[0] ?? {} : undefined;
  if (operation.requestBody) headers.push(['content-type', operation.requestBody.mediaType]);
  return { method: operation.method, path, query, headers, json: example };
}

/** A RawRequest from a base request: `changes` override its parts, `body` its body bytes (default: its JSON). */
export function withChanges(base, changes = {}) {
  const { json, ...request } = { ...base, ...changes };
  return { ...request, body: changes.body ?? (json === undefined ? undefined : Buffer.from(JSON.stringify(json))) };
}

/** The first typed field of a body schema, as `{ segments, schema }` (a body with it wrong is invalid). */
export const firstField = (doc, operation) => bodyFields(doc, operation.requestBody?.schema)[0];

/** The cases of one body field: too deep, of the wrong type, a number too large, an array of wrong items. */
function fieldCases(doc, base, { segments, schema }) {
  const field = fieldOf(segments);
  const cases = [
    { name: `${field} nested ${DEEP} levels`, field, request: withChanges(base, { body: bodyWithRaw(base.json, segments, `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`) }) },
    { name: `${field} of the wrong type`, field, request: withChanges(base, { json: setAt(base.json, segments, wrongValueFor(schema.type)) }) },
  ];
  if (schema.type === 'integer' || schema.type === 'number') {
    cases.push({ name: `${field} = 1e400`, field, request: withChanges(base, { body: bodyWithRaw(base.json, segments, '-1e400') }) });
  }
  if (schema.type === 'array') {
    const wrong = JSON.stringify(wrongValueFor(typeOf(doc, schema.items)));
    const items = Array(Math.floor(400_000 / (wrong.length + 1))).fill(wrong).join(',');
    cases.push({ name: `${field} holding 400 KB of wrong items`, field: `${field}[0]`, request: withChanges(base, { body: bodyWithRaw(base.json, segments, `[${items}]`) }) });
  }
  return cases;
}

/** The cases of an operation's body: bytes that are not JSON or not UTF-8, too deep, too large, and each field's. */
function bodyCases(doc, operation, base, maxBodyBytes) {
  if (!operation.requestBody) return [];
  const text = JSON.stringify(base.json);
  const first = firstField(doc, operation);
  const invalid = first ? setAt(base.json, first.segments, wrongValueFor(first.schema.type)) : base.json;
  const oddKeys = { ...invalid, ['\u0000\u202e😀'.repeat(50)]: 1, ...JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') };
  const cases = [
    { name: 'a body that is not JSON', field: 'body', request: withChanges(base, { body: Buffer.from(text.slice(0, -1)) }) },
    { name: 'a body that is not UTF-8', field: 'body', request: withChanges(base, { body: Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from(',"x":"\xff\xfe"}', 'latin1')]) }) },
    { name: `a body nested ${DEEP} levels`, field: 'body', request: withChanges(base, { body: Buffer.from(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`) }) },
    { name: 'a body over maxBodyBytes', field: 'body', request: withChanges(base, { body: Buffer.alloc(maxBodyBytes + 1, ' ') }) },
    { name: 'a body with __proto__, constructor, NUL, RTL and emoji keys', field: first && fieldOf(first.segments), request: withChanges(base, { json: oddKeys }) },
    { name: 'two Content-Type headers', field: 'header.Content-Type', request: withChanges(base, { headers: [...base.headers, ['content-type', 'text/plain']] }) },
  ];
  return [...cases, ...bodyFields(doc, operation.requestBody.schema).flatMap((f) => fieldCases(doc, base, f))];
}

/** The cases of one query or header parameter: given twice, array-shaped, and integers not in plain decimal. */
function parameterCases(doc, base, parameter) {
  const key = parameter.in === 'query' ? 'query' : 'headers';
  const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
  const field = `${parameter.in}.${name}`;
  const value = exampleOf(doc, parameter);
  const others = base[key].filter(([k]) => k.toLowerCase() !== name.toLowerCase());
  const cases = [{ name: `${field} given twice`, field, request: withChanges(base, { [key]: [...others, [name, value], [name, value]] }) }];
  if (parameter.in === 'query') cases.push({ name: `${field}[] (array-shaped)`, field: `query["${name}[]"]`, request: withChanges(base, { query: [...others, [`${name}[]`, value]] }) });
  if (typeOf(doc, parameter.schema) === 'integer') {
    for (const text of NOT_PLAIN_INTEGERS) cases.push({ name: `${field}=${JSON.stringify(text)}`, field, request: withChanges(base, { [key]: [...others, [name, text]] }) });
  }
  return cases;
}

/** The cases of an operation's path parameters: a bad percent-encoding, and an empty value where one is required. */
function pathCases(doc, operation, base) {
  return operation.parameters.path.flatMap((p) => {
    const field = `path.${p.name}`;
    const cases = [{ name: `${field} with a bad percent-encoding`, field, request: withChanges(base, { path: expandAllBut(doc, operation, p.name, '%E0%A4%A') }) }];
    if (deref(doc, p.schema ?? {}).minLength > 0) cases.push({ name: `${field} empty`, field, request: withChanges(base, { path: expandAllBut(doc, operation, p.name, '') }) });
    return cases;
  });
}

/** The operation's path with its parameters' examples, except `name`, which gets `raw` as it is (not encoded). */
function expandAllBut(doc, operation, name, raw) {
  const example = (n) => encodeURIComponent(exampleOf(doc, operation.parameters.path.find((p) => p.name === n)));
  return operation.path.replace(/\{([^}]+)\}/g, (_m, n) => (n === name ? raw : example(n)));
}

/** The cases of an operation's credentials: two Authorization headers, in either order. */
function credentialCases(base) {
  const others = base.headers.filter(([k]) => k !== 'authorization');
  const valid = base.headers.find(([k]) => k === 'authorization');
  if (!valid) return [];
  return [
    { name: 'a valid Authorization, then garbage', field: 'header.Authorization', request: withChanges(base, { headers: [...others, valid, ['authorization', 'garbage']] }) },
    { name: 'garbage, then a valid Authorization', field: 'header.Authorization', request: withChanges(base, { headers: [...others, ['authorization', 'Bearer garbage'], valid] }) },
  ];
}

/**
 * Every fixed hostile case of `operation`, each `{ name, field?, request }`: `field` is what the answer's msg must
 * name. Generated from the operation's body schema and parameters, so a new operation gets its cases unasked.
 */
export function hostileCases(doc, operation, { token, maxBodyBytes }) {
  const base = baseRequest(doc, operation, token);
  return [
    ...bodyCases(doc, operation, base, maxBodyBytes),
    ...[...operation.parameters.query, ...operation.parameters.header].flatMap((p) => parameterCases(doc, base, p)),
    ...pathCases(doc, operation, base),
    ...credentialCases(base),
    { name: 'a header of 20 KB (over Node.js maxHeaderSize)', request: withChanges(base, { headers: [...base.headers, ['x-padding', 'x'.repeat(20_000)]] }) },
  ];
}

/** The error envelope check of the spec (ErrorResponse), compiled once per document. */
const envelopes = new WeakMap();

/**
 * Asserts what every hostile request must get: a 4xx answer, JSON in the spec's error envelope naming `field` when
 * given, with an x-tt-logid, at most twice the request's size plus 1 KB and never over 8 KB, and the store as it was.
 */
export function expectRejected(doc, answer, hostile, storeBefore, storeAfter) {
  const where = `${hostile.name}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, where).toBeGreaterThanOrEqual(400);
  expect(answer.status, where).toBeLessThan(500);
  expect(answer.headers['x-tt-logid'], where).toMatch(/^\d{14}[0-9A-F]{20}$/);
  expect(answer.headers['content-type'], where).toBe('application/json; charset=utf-8');
  if (!envelopes.has(doc)) envelopes.set(doc, createValidation({ doc }));
  const json = JSON.parse(answer.text);
  expect(envelopes.get(doc).validate({ $ref: '#/components/schemas/ErrorResponse' }, json, 'answer'), where).toEqual([]);
  expect(json.code, where).not.toBe(0);
  if (hostile.field) expect(json.msg, where).toContain(hostile.field);
  expect(answer.bytes, where).toBeLessThanOrEqual(Math.min(2 * requestBytes(hostile.request).length + 1024, 8 * 1024));
  expect(storeAfter, `${hostile.name}: the store changed`).toEqual(storeBefore);
}
