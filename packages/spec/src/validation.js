// The one validation module: compiles the schemas of any operation's parameters and body with Ajv and reports every
// broken rule in one wording (messages.js), within the bounds of VALIDATION_LIMITS whatever the input's depth or
// size. The mock, the conformance suite and the client's generator use it.
import { createSpecAjv, ISSUES_FOUND, limitIssues, openapi, toAjvSchema } from './ajv.js';
import { describeError, fieldPath, VALIDATION_LIMITS } from './messages.js';
import { deref } from './operations.js';

export { capMessage, describeError, describeErrors, fieldPath, joinIssues, VALIDATION_LIMITS } from './messages.js';

/** The object schema of one parameter location (`path`, `query`, `header`; header names in lower case). */
export function parameterSchema(parameters) {
  const name = (p) => (p.in === 'header' ? p.name.toLowerCase() : p.name);
  return {
    type: 'object',
    required: parameters.filter((p) => p.required).map(name),
    properties: Object.fromEntries(parameters.map((p) => [name(p), p.schema])),
  };
}

/** A property name or array index as one JSON Pointer segment. */
const segment = (key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;

/** The issue `<root><path of entry> <rule>` of an entry of structureIssue()'s walk (the path built only now). */
function issueAt(root, entry, rule, sentence) {
  const keys = [];
  for (let e = entry; e.parent; e = e.parent) keys.push(e.key);
  const path = fieldPath(root, keys.reverse().map(segment).join(''));
  return { path, rule, message: `${path} ${sentence}` };
}

/** What structureIssue() says of a number that is not finite. */
const NOT_FINITE = 'must be a finite number (got a number too large for JSON to be read, such as 1e400)';

/**
 * A problem of a parsed JSON value that no schema states, or null: objects and arrays nested deeper than
 * `maxDepth` levels, or a number that is not finite (JSON.parse turns 1e400 into Infinity). Walks with a stack of
 * its own, not by recursion, so no depth overflows the call stack; stops at the first problem.
 */
export function structureIssue(value, root, maxDepth = VALIDATION_LIMITS.maxDepth) {
  if (typeof value === 'number' && !Number.isFinite(value)) return issueAt(root, {}, 'finite', NOT_FINITE);
  if (value === null || typeof value !== 'object') return null;
  /** @type {{ node: any, depth: number, key?: string | number, parent?: any }[]} */
  const stack = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const entry = /** @type {any} */ (stack.pop());
    if (entry.depth > maxDepth) return issueAt(root, entry, 'maxDepth', `nests objects and arrays deeper than ${maxDepth} levels (the most a request may nest)`);
    const keys = Array.isArray(entry.node) ? undefined : Object.keys(entry.node);
    // Last to first, so that the walk meets the containers in document order.
    for (let i = (keys ?? entry.node).length - 1; i >= 0; i--) {
      const key = keys ? keys[i] : i;
      const node = entry.node[key];
      if (node !== null && typeof node === 'object') stack.push({ node, depth: entry.depth + 1, key, parent: entry });
      else if (typeof node === 'number' && !Number.isFinite(node)) return issueAt(root, { key, parent: entry }, 'finite', NOT_FINITE);
    }
  }
  return null;
}

/**
 * How a parameter value of a number type must be written to be read: plain decimal, so that no value means two
 * things. `0x10`, ` 5`, `1e1`, `+5`, `05`, `-0` and `Infinity`, which JavaScript would read as numbers, are refused.
 */
const PLAIN_FORMS = Object.freeze({
  integer: {
    pattern: /^(?:0|-?[1-9][0-9]*)$/,
    valid: Number.isSafeInteger,
    rule: 'of type integer, in plain decimal within ±(2^53 - 1): digits and an optional leading "-", no "+", leading zero, space, exponent, hex or Infinity',
  },
  number: {
    pattern: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/,
    valid: Number.isFinite,
    rule: 'of type number, in plain decimal: digits, an optional leading "-" and fraction, no "+", leading zero, space, exponent, hex or Infinity',
  },
});

/** A received text quoted for a message, cut to 40 characters. */
const quoted = (text) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Whether JavaScript would read `text` as a value of `type` although it is not written plainly (`0x10`, `1e1`). */
function readableAnyway(type, text) {
  const n = Number(text);
  return !Number.isNaN(n) && (type === 'number' || !Number.isFinite(n) || Number.isInteger(n));
}

/**
 * `{ value }` of one parameter text of JSON type `type`, or `{ issue }`. A text of a number type in plain decimal
 * becomes its number, one that is a number in some other way is refused here, explained; any other text stays as
 * it is for the schema to judge (`"abc"` for an integer: "must be of type integer"), as does `true`/`false`.
 */
function readScalar(type, text, path) {
  if (type === 'boolean' && (text === 'true' || text === 'false')) return { value: text === 'true' };
  const form = PLAIN_FORMS[type];
  if (!form) return { value: text };
  if (form.pattern.test(text) && form.valid(Number(text))) return { value: Number(text) };
  if (!readableAnyway(type, text)) return { value: text };
  return { issue: { path, rule: 'type', message: `${path} must be ${form.rule} (got ${quoted(text)})` } };
}

/** `{ value }` of a parameter from its received texts (one per occurrence), or `{ issue }`; only an array repeats. */
function readParameter(doc, parameter, texts, path) {
  const schema = deref(doc, parameter.schema ?? {});
  if (schema.type === 'array') {
    const itemType = deref(doc, schema.items ?? {}).type;
    const items = texts.map((text, i) => readScalar(itemType, text, `${path}[${i}]`));
    return items.find((item) => item.issue) ?? { value: items.map((item) => item.value) };
  }
  if (texts.length > 1) {
    return { issue: { path, rule: 'repeated', message: `${path} is given ${texts.length} times (give it once: which value counts would be a guess)` } };
  }
  return readScalar(schema.type, texts[0], path);
}

/** The issue of an undeclared name that is an array-shaped form of a declared one (`page_token[]`), or undefined. */
function arrayShapedIssue(key, declared, location) {
  const base = /^([^[\]]+)\[/.exec(key)?.[1];
  if (base === undefined || !declared.has(base)) return undefined;
  const path = fieldPath(location, segment(key));
  return { path, rule: 'arrayShaped', message: `${path} is not a parameter (send ${base}=<value> once: an array-shaped name is ambiguous)` };
}

/**
 * Reads the received parameters of one location in place: `values` maps each received name to its text, or to
 * every text when the name came more than once. Declared ones become values of their schema's type, the others are
 * removed. Returns the issues (repeated, array-shaped, not plainly written) and the paths of the values not read.
 */
function readParameters(doc, parameters, values, location) {
  const keyOf = (p) => (location === 'header' ? p.name.toLowerCase() : p.name);
  const declared = new Map(parameters.map((p) => [keyOf(p), p]));
  const issues = [];
  const unread = new Set();
  for (const key of Object.keys(values)) {
    const parameter = declared.get(key);
    const result = parameter ? readParameter(doc, parameter, [values[key]].flat(), fieldPath(location, segment(key))) : { issue: arrayShapedIssue(key, declared, location) };
    if (result.issue) issues.push(result.issue);
    if (!parameter || result.issue) {
      if (parameter) unread.add(fieldPath(location, segment(key)));
      delete values[key];
    } else values[key] = result.value;
  }
  return { issues, unread };
}

/**
 * Creates the validators of a document (default: the bundled spec) within `limits` (default VALIDATION_LIMITS).
 * `validate(schema, value, root)` returns the issues `[{ path, rule, message }]` (empty when valid; more than
 * `maxIssues` of them means that validation stopped there); `compile(schema)` the check itself, whose `errors` are
 * Ajv's, as many. `forOperation(op)` gives `path`, `query`, `header` and `body` checks of one operation of the
 * model. Parameters arrive as strings (or lists of them when repeated), so their checks read them in place (`"20"`
 * becomes `20` for an integer). `coerce` compiles with Ajv's own coercion and no bound, for small string maps only.
 */
export function createValidation({ doc = openapi, limits = VALIDATION_LIMITS } = {}) {
  const { maxIssues, maxDepth } = limits;
  const bounded = createSpecAjv({ doc, maxIssues });
  const failFast = createSpecAjv({ doc, allErrors: false });
  const coercing = createSpecAjv({ doc, coerceTypes: true });
  const cache = new Map();
  const compile = (schema, coerce = false) => {
    const key = `${coerce}:${JSON.stringify(schema)}`;
    if (!cache.has(key)) cache.set(key, coerce ? coercing.compile(toAjvSchema(schema)) : boundedCheck(bounded, failFast, schema, maxIssues));
    return cache.get(key);
  };
  const validate = (schema, value, root, coerce = false) => {
    const check = compile(schema, coerce);
    return check(value) ? [] : check.errors.slice(0, maxIssues + 1).map((e) => describeError(root, e));
  };
  const forOperation = (operation) => {
    const params = (location) => {
      const declared = operation.parameters[location];
      const schema = parameterSchema(declared);
      compile(schema); // compiled now, so that a schema Ajv rejects fails at start-up, not at the first request
      return (values) => {
        const { issues, unread } = readParameters(doc, declared, values, location);
        return [...issues, ...validate(schema, values, location).filter((issue) => !unread.has(issue.path))];
      };
    };
    const body = operation.requestBody && operation.requestBody.schema;
    if (body) compile(body);
    const checkBody = (value) => {
      const issue = structureIssue(value, 'body', maxDepth);
      return issue ? [issue] : validate(body, value, 'body');
    };
    return { path: params('path'), query: params('query'), header: params('header'), body: body ? checkBody : undefined };
  };
  return { ajv: bounded, compile, validate, forOperation };
}

/**
 * The check of `schema` that stops after `maxIssues` issues: Ajv with allErrors and the issue limit, whose `errors`
 * then hold the first maxIssues + 1 issues. A stop inside a branch whose errors do not count (anyOf, not, if) is
 * settled by a fail-fast Ajv (no allErrors), which gives the verdict in one pass.
 */
function boundedCheck(bounded, failFast, schema, maxIssues) {
  const full = bounded.compile(limitIssues(toAjvSchema(schema), maxIssues));
  let quick;
  const check = (value) => {
    try {
      const valid = full(value);
      check.errors = full.errors?.slice(0, maxIssues + 1) ?? null;
      return valid;
    } catch (stop) {
      if (!stop || !Object.hasOwn(stop, ISSUES_FOUND)) throw stop;
      quick ??= failFast.compile(toAjvSchema(schema));
      const valid = quick(value);
      check.errors = valid ? null : stop[ISSUES_FOUND].slice(0, maxIssues + 1);
      return valid;
    }
  };
  check.errors = /** @type {any[] | null} */ (null);
  return check;
}
