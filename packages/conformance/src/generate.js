// Generates the conformance cases by walking the spec: documented examples become valid cases, and every
// constraint of the request schema becomes an invalid case that breaks exactly that constraint.
import { deref, getOperation, OPERATION_METHOD, OPERATION_PATH } from './spec.js';

/** First key of generated/cases.json: the file is generated and must not be edited by hand. */
export const GENERATED_COMMENT =
  'GENERATED FILE, do not edit by hand: `pnpm generate` writes it from @feishu-hire/spec (scripts/generate-cases.js).';
/** Placeholder in `request.pathId`, replaced at run time by --interview-id (or the spec's example id). */
export const INTERVIEW_ID = '$interviewId';
/** Placeholder in `request.headers.authorization`, replaced at run time by `Bearer <token>`. */
export const TOKEN = '$token';
/** Name of the property added to closed objects by the "unknown property" mutation. */
export const UNKNOWN_PROPERTY = 'x_conformance_unknown';

/**
 * The schema keywords the generator understands, in one place: `constraints` each yield invalid cases, `structure`
 * is resolved while walking, `annotations` constrain nothing. Any other keyword (pattern, minItems, const, oneOf,
 * not, ...) makes generateCases() throw, so that a spec change can never silently lose coverage. `x-*` extensions
 * are annotations too.
 */
export const HANDLED_KEYWORDS = Object.freeze({
  constraints: Object.freeze(['type', 'enum', 'format', 'required', 'properties', 'additionalProperties', 'unevaluatedProperties', 'items', 'minLength', 'maxLength', 'minimum', 'maximum']),
  structure: Object.freeze(['$ref', 'allOf']),
  annotations: Object.freeze(['title', 'description', 'example', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', '$comment', 'externalDocs']),
});
/** The `format` values with mutations of their own (int32-range, int64-string, int64-range). */
export const HANDLED_FORMATS = Object.freeze(['int32', 'int64']);
const HANDLED = new Set(Object.values(HANDLED_KEYWORDS).flat());

/** Throws naming the schema location and keyword when `schema` uses something the generator cannot mutate. */
function assertHandled(schema, where) {
  const fail = (what) => {
    throw new Error(`cannot generate cases for ${where}: ${what} is not handled by the generator; add a mutation for it in src/generate.js (HANDLED_KEYWORDS)`);
  };
  for (const key of Object.keys(schema)) if (!HANDLED.has(key) && !key.startsWith('x-')) fail(`schema keyword "${key}"`);
  if (schema.format !== undefined && !HANDLED_FORMATS.includes(schema.format)) fail(`format "${schema.format}"`);
  for (const key of ['additionalProperties', 'unevaluatedProperties']) {
    if (schema[key] !== undefined && typeof schema[key] !== 'boolean') fail(`${key} with a schema`);
  }
}

const AUTH_CODES = [99991663, 99991661];
const clone = (v) => structuredClone(v);

/**
 * Flattens a schema: resolves $ref and merges allOf parts (properties, required, type, ...) into one view.
 * Throws, naming `where`, on a keyword the generator does not handle (see HANDLED_KEYWORDS).
 */
export function flatten(doc, schema, where = 'schema') {
  const s = deref(doc, schema ?? {});
  assertHandled(s, where);
  const out = { ...s, properties: { ...(s.properties ?? {}) }, required: [...(s.required ?? [])] };
  out.closed = s.additionalProperties === false || s.unevaluatedProperties === false;
  for (const part of s.allOf ?? []) {
    const f = flatten(doc, part, where);
    Object.assign(out.properties, f.properties);
    out.required.push(...f.required);
    for (const key of ['type', 'enum', 'format', 'items', 'minLength', 'maxLength', 'minimum', 'maximum', 'example']) {
      if (out[key] === undefined && f[key] !== undefined) out[key] = f[key];
    }
    out.closed ||= f.closed;
  }
  delete out.allOf;
  if (!out.type && Object.keys(out.properties).length > 0) out.type = 'object';
  return out;
}

/** Builds a valid sample of a schema (its example, first enum value, or a typed default with required fields); `where` labels errors. */
export function sample(doc, schema, where = 'body') {
  const s = flatten(doc, schema, where);
  if (s.example !== undefined) return clone(s.example);
  if (s.enum) return clone(s.enum[0]);
  if (s.const !== undefined) return clone(s.const);
  switch (s.type) {
    case 'object':
      return Object.fromEntries(s.required.map((k) => [k, sample(doc, s.properties[k], where === 'body' ? k : `${where}.${k}`)]));
    case 'array':
      return [sample(doc, s.items, `${where}[0]`)];
    case 'integer':
      return s.minimum ?? 1;
    case 'number':
      return s.minimum ?? 1.5;
    case 'boolean':
      return true;
    case 'string':
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return null;
  }
}

// Values of each JSON type, with the name used in titles; the preferred wrong value per declared type comes first.
const VALUES = { string: ['not-a-number', 'string'], number: [12345, 'number'], boolean: [true, 'boolean'], array: [['x'], 'array'], object: [{}, 'object'], null: [null, 'null'] };
const PREFERRED = { string: [12345, 'number'], integer: ['not-a-number', 'string'], number: ['not-a-number', 'string'], boolean: ['true', 'string'], array: ['not-an-array', 'string'], object: [['not-an-object'], 'array'] };
/** Whether a JSON value is of schema type `t` (integer counts as number). */
const isType = (v, t) =>
  t === 'null' ? v === null : t === 'array' ? Array.isArray(v) : t === 'object' ? v !== null && typeof v === 'object' && !Array.isArray(v) : t === 'integer' ? Number.isInteger(v) : typeof v === t;

/** A value of none of the JSON types in `type` (a name or a 3.1 list), with its type name for the title. */
function wrongType(type) {
  const types = [].concat(type ?? []);
  if (types.length === 0) return [undefined, undefined];
  const candidates = [PREFERRED[types[0]], ...Object.values(VALUES)].filter(Boolean);
  return candidates.find(([v]) => !types.some((t) => isType(v, t))) ?? [undefined, undefined];
}

/** JSON pointer segments -> a readable field path such as `interview_assessments[0].conclusion`. */
function label(segments) {
  if (segments.length === 0) return 'body';
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
const pointer = (segments) => '/' + segments.join('/');

/** Returns a copy of `body` where the value at `segments` is replaced by `value` (or removed when `remove`). */
function setAt(body, segments, value, remove = false) {
  if (segments.length === 0) return clone(value);
  const copy = clone(body);
  let node = copy;
  for (const s of segments.slice(0, -1)) node = node[s];
  const last = segments.at(-1);
  if (remove) delete node[last];
  else node[last] = clone(value);
  return copy;
}

/** Walks the request schema from `base` and returns one mutation per constraint: `{ rule, segments, title, body }`. */
export function mutations(doc, schema, base) {
  const out = [];
  const add = (rule, segments, title, body) => out.push({ rule, segments, field: label(segments), title: `${label(segments)}: ${title}`, body });

  const walk = (schemaNode, segments, body, isItem = false) => {
    const s = flatten(doc, schemaNode, label(segments));
    const here = segments.reduce((node, k) => node?.[k], body);
    const [bad, badType] = wrongType(s.type);
    // An array item's wrong type is the parent's `items-type` case already.
    if (badType && !isItem) add('type', segments, `${[].concat(s.type).join(' or ')} sent as ${badType}`, setAt(body, segments, bad));

    if (s.enum) {
      const outside = s.enum.every((v) => typeof v === 'number') ? Math.max(...s.enum) + 1 : 'conformance_not_in_enum';
      add('enum', segments, `value ${JSON.stringify(outside)} outside enum ${JSON.stringify(s.enum)}`, setAt(body, segments, outside));
    }
    if (s.type === 'integer') {
      add('integer', segments, 'fractional number for an integer', setAt(body, segments, Number(here ?? 1) + 0.5));
      if (s.format === 'int64') add('int64-string', segments, 'int64 sent as a decimal string', setAt(body, segments, String(here ?? 1)));
      // 2^63 is beyond int64 for any server, and beyond the safe integers a JavaScript parser keeps exact.
      if (s.format === 'int64' && !s.enum) add('int64-range', segments, 'value 2^63 (9223372036854775808) above int64', setAt(body, segments, 2 ** 63));
      if (s.format === 'int32' && !s.enum) add('int32-range', segments, 'value 2147483648 above int32', setAt(body, segments, 2 ** 31));
    }
    if (s.type === 'string' && s.minLength > 0) add('minLength', segments, `shorter than minLength ${s.minLength}`, setAt(body, segments, 'x'.repeat(s.minLength - 1)));
    if (s.type === 'string' && s.maxLength !== undefined) add('maxLength', segments, `longer than maxLength ${s.maxLength}`, setAt(body, segments, 'x'.repeat(s.maxLength + 1)));
    if (typeof s.minimum === 'number') add('minimum', segments, `below minimum ${s.minimum}`, setAt(body, segments, s.minimum - 1));
    if (typeof s.maximum === 'number') add('maximum', segments, `above maximum ${s.maximum}`, setAt(body, segments, s.maximum + 1));

    if (s.type === 'object') {
      for (const key of s.required) add('required', [...segments, key], 'required property removed', setAt(body, [...segments, key], undefined, true));
      if (s.closed) add('closed', [...segments, UNKNOWN_PROPERTY], 'unknown property in a closed object', setAt(body, [...segments, UNKNOWN_PROPERTY], 'x'));
      for (const [key, child] of Object.entries(s.properties)) {
        const childBody = here?.[key] === undefined ? setAt(body, [...segments, key], sample(doc, child, label([...segments, key]))) : body;
        walk(child, [...segments, key], childBody);
      }
    }
    if (s.type === 'array' && s.items) {
      const item = flatten(doc, s.items, label([...segments, 0]));
      const [badItem, badItemType] = wrongType(item.type);
      if (badItemType) add('items-type', segments, `item ${[].concat(item.type).join(' or ')} sent as ${badItemType}`, setAt(body, segments, [badItem]));
      const itemBody = Array.isArray(here) && here.length > 0 ? body : setAt(body, segments, [sample(doc, s.items, label([...segments, 0]))]);
      walk(s.items, [...segments, 0], itemBody, true);
    }
  };
  walk(schema, [], base);
  // Two constraints can yield the same body (e.g. a closed object's only property); keep the first.
  const seen = new Set();
  return out.filter((m) => !seen.has(JSON.stringify(m.body)) && seen.add(JSON.stringify(m.body)));
}

/** Returns one mutation `{ rule, title, value }` per constraint of a path parameter's (string) schema. */
function pathMutations(doc, param) {
  const s = flatten(doc, param.schema, `path.${param.name}`);
  if (s.type !== 'string') throw new Error(`cannot generate cases for path.${param.name}: type ${JSON.stringify(s.type)} is not handled (only string path parameters are)`);
  const out = [];
  if (s.minLength > 0) out.push({ rule: 'minLength', title: `shorter than minLength ${s.minLength}`, value: 'x'.repeat(s.minLength - 1) });
  if (s.maxLength !== undefined) out.push({ rule: 'maxLength', title: `longer than maxLength ${s.maxLength}`, value: 'x'.repeat(s.maxLength + 1) });
  if (s.enum) out.push({ rule: 'enum', title: `value outside enum ${JSON.stringify(s.enum)}`, value: 'conformance_not_in_enum' });
  return out;
}

/** Returns `[name, value]` for every documented example of a media type (`examples` map and `example`). */
function examplesOf(doc, media) {
  const list = Object.entries(media.examples ?? {}).map(([name, ex]) => [name, deref(doc, ex).value]);
  if (media.example !== undefined) list.push(['example', media.example]);
  return list.filter(([, v]) => v !== undefined);
}

/** Generates every conformance case of the operation from the bundled OpenAPI document. */
export function generateCases(doc) {
  const operation = getOperation(doc);
  const [contentType, media] = Object.entries(deref(doc, operation.requestBody).content)[0];
  const examples = examplesOf(doc, media);
  if (examples.length === 0) throw new Error(`request body ${contentType} has no documented example to mutate`);
  const base = examples[0][1];
  const request = (body, extra = {}) => ({
    method: OPERATION_METHOD.toUpperCase(),
    path: OPERATION_PATH,
    pathId: INTERVIEW_ID,
    headers: { authorization: TOKEN, 'content-type': contentType },
    ...(body === undefined ? {} : { body }),
    ...extra,
  });
  /** The component schema name (the envelope) the spec documents for a status; 'not-2xx' uses 400. */
  const envelope = (status) => {
    const response = deref(doc, operation.responses?.[status === 'not-2xx' ? '400' : String(status)] ?? {});
    const ref = Object.values(response.content ?? {})[0]?.schema?.$ref ?? '';
    return ref.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : undefined;
  };
  const expect = (status, code, extra = {}) => ({ status, envelope: envelope(status), code, ...extra });
  /** 400 / 1002002 (参数错误) with the msg naming `field`, so that a rejection for another reason does not pass. */
  const INVALID_PARAMETER = (field) => expect(400, 1002002, { field });
  const cases = [];

  for (const [name, value] of examples) {
    cases.push({ id: `valid.example:${name}`, title: `documented request example "${name}" is accepted and echoed`, kind: 'valid', writes: true, request: request(value), expect: expect(200, 0, { echo: true }) });
  }
  cases.push({ id: 'valid.minimal', title: 'only the required fields: accepted, everything else cleared (full overwrite)', kind: 'valid', writes: true, request: request(sample(doc, media.schema)), expect: expect(200, 0, { echo: true }) });

  const invalid = mutations(doc, media.schema, base);
  for (const m of invalid) {
    cases.push({ id: `invalid.${m.rule}:${pointer(m.segments)}`, title: m.title, kind: 'invalid', writes: false, request: request(m.body), expect: INVALID_PARAMETER(m.field) });
  }
  if (deref(doc, operation.requestBody).required) {
    cases.push({ id: 'invalid.body:missing', title: 'request body is required but absent', kind: 'invalid', writes: false, request: request(undefined), expect: INVALID_PARAMETER('body') });
  }
  if (/json/.test(contentType)) {
    cases.push({ id: 'invalid.body:malformed-json', title: `body is not valid JSON although sent as ${contentType}`, kind: 'invalid', writes: false, request: request(undefined, { rawBody: JSON.stringify(base).slice(0, 20) }), expect: INVALID_PARAMETER('body') });
  }
  // The documented body under another media type: only the Content-Type is wrong.
  const wrongType = 'text/plain; charset=utf-8';
  const typed = request(undefined, { rawBody: JSON.stringify(base) });
  typed.headers['content-type'] = wrongType;
  cases.push({ id: 'invalid.content-type:text/plain', title: `Content-Type ${wrongType} instead of ${contentType}`, kind: 'invalid', writes: false, request: typed, expect: INVALID_PARAMETER('Content-Type') });

  for (const param of (operation.parameters ?? []).map((p) => deref(doc, p)).filter((p) => p.in === 'path')) {
    for (const m of pathMutations(doc, param)) {
      // An empty segment is another URL (`.../external_interviews/`), which this operation's spec does not describe:
      // a server may answer it with any rejection (the gateway's 404, a 400...), only never with success.
      const expected = m.value === '' ? { status: 'not-2xx' } : INVALID_PARAMETER(param.name);
      cases.push({ id: `invalid.path-${m.rule}:${param.name}`, title: `path ${param.name}: ${m.title}`, kind: 'invalid', writes: false, request: request(base, { pathId: m.value }), expect: expected });
    }
  }

  for (const requirement of operation.security ?? doc.security ?? []) {
    for (const schemeName of Object.keys(requirement)) {
      const scheme = deref(doc, doc.components.securitySchemes[schemeName]);
      if (scheme.type !== 'http' || scheme.scheme !== 'bearer') continue;
      const authCase = (id, title, authorization) => {
        const r = request(base);
        if (authorization === undefined) delete r.headers.authorization;
        else r.headers.authorization = authorization;
        cases.push({ id: `auth.${id}`, title, kind: 'auth', writes: false, request: r, expect: expect('not-2xx', AUTH_CODES) });
      };
      authCase('missing', `no Authorization header (${schemeName} is required)`, undefined);
      authCase('invalid-token', `${schemeName}: a token the server never issued`, 'Bearer t-conformance-invalid-token');
      authCase('wrong-scheme', `${schemeName}: credentials in a non-Bearer scheme`, 'Basic Y29uZm9ybWFuY2U6Y29uZm9ybWFuY2U=');
    }
  }

  const limit = operation['x-feishu-rate-limit'];
  const tooMany = operation.responses?.['429'] && deref(doc, operation.responses['429']);
  if (limit && tooMany) {
    cases.push({
      id: 'rate-limit.burst',
      title: `a burst above ${limit.requests}/${limit.per} is answered 429 with the documented headers`,
      kind: 'rate-limit',
      writes: false,
      optIn: 'checkRateLimit',
      request: request(invalid[0].body),
      burst: limit.requests * 3,
      expect: expect(429, 99991400, { headers: Object.keys(tooMany.headers ?? {}) }),
    });
  }

  const ids = new Set();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  return cases;
}
