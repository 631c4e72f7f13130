// The operations model: every operation of an OpenAPI document in one plain shape, with its platform facts
// (rate limit, error codes) read from the spec's vendor extensions. Every package reads operations from here.
// It fails closed: a construct the tools do not handle is an error naming the operation and the construct.
import { resourceOfOperation } from './resources.js';

/** The HTTP methods an OpenAPI path item can hold. */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Seconds in each `per` of `x-feishu-rate-limit`. */
const PERIOD_SECONDS = Object.freeze({ second: 1, minute: 60, hour: 3600 });
/** The parameter locations the tools handle (a cookie parameter is an error). */
const LOCATIONS = ['path', 'query', 'header'];

/** Follows local `$ref`s (`#/a/b`) of `doc`; sibling keywords next to a `$ref` override the target's (OpenAPI 3.1). */
export function deref(doc, node) {
  let current = node;
  for (let depth = 0; current && typeof current === 'object' && typeof current.$ref === 'string'; depth++) {
    if (depth > 32) throw new Error(`$ref cycle at ${current.$ref}`);
    const { $ref, ...siblings } = current;
    if (!$ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${JSON.stringify($ref)}`);
    const target = $ref.slice(2).split('/').reduce((o, raw) => o?.[raw.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
    if (target === undefined) throw new Error(`unresolvable $ref ${$ref}`);
    current = { ...target, ...siblings };
  }
  return current;
}

/** The error-code list of the document (`x-feishu-error-codes`), checked: unique codes and names. */
export function errorCodesOf(doc) {
  const list = doc['x-feishu-error-codes'];
  if (!Array.isArray(list)) throw new Error('spec: x-feishu-error-codes (the platform error codes) is missing or not a list');
  for (const [i, entry] of list.entries()) {
    for (const key of ['code', 'name', 'role', 'http_status', 'msg', 'meaning', 'action', 'basis']) {
      if (entry?.[key] === undefined) throw new Error(`spec: x-feishu-error-codes[${i}].${key} is required`);
    }
    if (list.findIndex((e) => e.code === entry.code || e.name === entry.name) !== i) throw new Error(`spec: x-feishu-error-codes[${i}] repeats code ${entry.code} or name ${entry.name}`);
  }
  return list;
}

/** The rate limit of an operation: its `x-feishu-rate-limit` plus `perSecond` (undefined when no limit is known). */
function rateLimitOf(where, limit) {
  if (!limit || typeof limit !== 'object') throw new Error(`${where}: x-feishu-rate-limit is required (give requests and per, or basis: unknown)`);
  if (!['source', 'assumption', 'unknown'].includes(limit.basis)) throw new Error(`${where}: x-feishu-rate-limit.basis must be source, assumption or unknown`);
  if (limit.basis === 'unknown') return { ...limit, perSecond: undefined };
  const seconds = PERIOD_SECONDS[limit.per];
  if (!(Number.isInteger(limit.requests) && limit.requests > 0) || !seconds) {
    throw new Error(`${where}: x-feishu-rate-limit needs requests (a positive integer) and per (${Object.keys(PERIOD_SECONDS).join(', ')})`);
  }
  return { ...limit, perSecond: limit.requests / seconds };
}

/** The parameters of an operation (path item's and operation's, the latter winning) grouped by location. */
function parametersOf(doc, where, path, pathItem, operation) {
  const byKey = new Map();
  for (const node of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const p = deref(doc, node);
    if (!LOCATIONS.includes(p.in)) throw new Error(`${where}: parameter ${p.name} in ${p.in} is not handled (only ${LOCATIONS.join(', ')})`);
    const serverIssued = p['x-feishu-server-issued'] === true;
    byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: p.required === true, schema: p.schema ?? {}, description: p.description, example: p.example, serverIssued });
  }
  const grouped = Object.fromEntries(LOCATIONS.map((l) => [l, [...byKey.values()].filter((p) => p.in === l)]));
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const declared = grouped.path.map((p) => p.name);
  if (templated.join() !== declared.join()) throw new Error(`${where}: path parameters ${JSON.stringify(declared)} do not match the template's ${JSON.stringify(templated)}`);
  return grouped;
}

/** The request body of an operation: `{ mediaType, schema, required, examples }`, or null. */
function requestBodyOf(doc, where, operation) {
  if (!operation.requestBody) return null;
  const body = deref(doc, operation.requestBody);
  const media = Object.entries(body.content ?? {});
  if (media.length !== 1) throw new Error(`${where}: the request body must have exactly one media type, got ${media.length}`);
  const [[mediaType, entry]] = media;
  const examples = Object.fromEntries(Object.entries(entry.examples ?? {}).map(([name, ex]) => [name, deref(doc, ex).value]));
  if (entry.example !== undefined) examples.example = entry.example;
  return { mediaType, schema: entry.schema ?? {}, required: body.required === true, examples };
}

/** The responses of an operation by status: `{ description, headers, content }` with headers and refs resolved. */
function responsesOf(doc, operation) {
  return Object.fromEntries(Object.entries(operation.responses ?? {}).map(([status, node]) => {
    const r = deref(doc, node);
    const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([name, h]) => {
      const header = deref(doc, h);
      return [name.toLowerCase(), { required: header.required === true, schema: header.schema ?? {} }];
    }));
    const content = Object.fromEntries(Object.entries(r.content ?? {}).map(([type, m]) => [type, { schema: m.schema ?? {}, examples: Object.fromEntries(Object.entries(m.examples ?? {}).map(([n, ex]) => [n, deref(doc, ex).value])) }]));
    return [status, { description: r.description, headers, content }];
  }));
}

/** The security schemes an operation requires (its own `security`, else the document's): `[{ name, ...scheme }]`. */
function securityOf(doc, where, operation) {
  const requirements = operation.security ?? doc.security ?? [];
  if (requirements.length > 1) throw new Error(`${where}: alternative security requirements are not handled (give one)`);
  return Object.keys(requirements[0] ?? {}).map((name) => {
    const scheme = doc.components?.securitySchemes?.[name];
    if (!scheme) throw new Error(`${where}: security scheme ${name} is not defined`);
    // An apiKey scheme's own `name` is its header or query name: kept apart, so it cannot replace the scheme's name.
    const { name: parameterName, ...rest } = deref(doc, scheme);
    return { ...rest, name, ...(parameterName === undefined ? {} : { parameterName }) };
  });
}

/** The error codes an operation names in `x-feishu-error-codes`, as entries of the document's list. */
function errorCodesOfOperation(where, operation, codes) {
  const listed = operation['x-feishu-error-codes'];
  if (!Array.isArray(listed)) throw new Error(`${where}: x-feishu-error-codes (the codes it can answer) is required`);
  return listed.map((code) => codes.find((e) => e.code === code) ?? fail(`${where}: error code ${code} is not in the spec's x-feishu-error-codes`));
}

const fail = (message) => {
  throw new Error(message);
};

/** One operation of the model. */
function operationOf(doc, path, method, pathItem, codes) {
  const operation = pathItem[method];
  const where = `${method.toUpperCase()} ${path}`;
  if (!operation.operationId) throw new Error(`${where}: operationId is required`);
  const label = `operation ${operation.operationId} (${where})`;
  return Object.freeze({
    operationId: operation.operationId,
    method: method.toUpperCase(),
    path,
    summary: operation.summary,
    tags: operation.tags ?? [],
    parameters: parametersOf(doc, label, path, pathItem, operation),
    requestBody: requestBodyOf(doc, label, operation),
    responses: responsesOf(doc, operation),
    security: securityOf(doc, label, operation),
    rateLimit: rateLimitOf(label, operation['x-feishu-rate-limit']),
    errorCodes: errorCodesOfOperation(label, operation, codes),
    resource: resourceOfOperation(doc, label, operation, operation.tags ?? []),
    extensions: Object.fromEntries(Object.entries(operation).filter(([k]) => k.startsWith('x-'))),
  });
}

/**
 * Every operation of `doc`, in document order. Throws naming the operation on anything the tools do not handle: one
 * error listing every operation's first problem, so that one run shows them all.
 */
export function operationsOf(doc) {
  const codes = errorCodesOf(doc);
  const operations = [];
  const problems = [];
  for (const [path, node] of Object.entries(doc.paths ?? {})) {
    const pathItem = deref(doc, node);
    for (const method of METHODS) {
      if (!pathItem[method]) continue;
      try {
        operations.push(operationOf(doc, path, method, pathItem, codes));
      } catch (error) {
        problems.push(error.message);
      }
    }
  }
  if (problems.length === 1) throw new Error(problems[0]);
  if (problems.length) throw new Error(`spec: ${problems.length} operations cannot be handled:\n- ${problems.join('\n- ')}`);
  const ids = operations.map((o) => o.operationId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new Error(`spec: operationId ${repeated} is used twice`);
  return operations;
}

/** The operation's error code with `role` (invalid_parameter, rate_limited, ...), or undefined. */
export function errorCodeFor(operation, role) {
  return operation.errorCodes.find((e) => e.role === role);
}

/** A RegExp matching concrete paths of a path template; its groups are the path parameters, still percent-encoded. */
export function pathPattern(template) {
  const escaped = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('([^/]*)')}$`);
}

/** A concrete path from a template and its parameter values, each URL-encoded as one path segment. */
export function expandPath(template, values) {
  return template.replace(/\{([^}]+)\}/g, (_m, name) => {
    if (values?.[name] === undefined) throw new TypeError(`path parameter ${name} is required`);
    return encodeURIComponent(String(values[name]));
  });
}
