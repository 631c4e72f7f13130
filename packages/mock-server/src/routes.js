// Routing: every path template of the spec with its operations by method, each prepared once, at start, with its
// handler, validators, rate limit and error codes. An operation the mock cannot serve stops the start, named.
import { errorCodeFor, pathPattern } from '@feishu-hire/spec/model';
import { operationHandlers } from './operations.js';
import { ROLE_HANDLERS } from './roles.js';
import { limitOf } from './rate-limit.js';
import { createFieldFilter } from './fields.js';
import { errorReply, Reply } from './reply.js';
import { isJsonMediaType } from './request.js';

/** "operation <id> (<METHOD> <path>)", as errors name an operation. */
const label = (operation) => `operation ${operation.operationId} (${operation.method} ${operation.path})`;

/** Throws naming every operation without a handler and every custom handler that names no operation. */
function checkHandlers(operations, handlers, custom) {
  const missing = operations.filter((op) => typeof handlers[op.operationId] !== 'function');
  if (missing.length) throw new Error(`mock-server: no handler for ${missing.map(label).join(', ')}`);
  const unknown = Object.keys(custom).filter((id) => !operations.some((op) => op.operationId === id));
  if (unknown.length) {
    throw new Error(`mock-server: options.handlers names no operation of the spec: ${unknown.join(', ')} (it has ${operations.map((op) => op.operationId).join(', ')})`);
  }
}

/** Throws naming the operation when the mock cannot serve its security or request body. */
function checkServable(operation) {
  for (const { name, type, scheme } of operation.security) {
    if (type !== 'http' || String(scheme).toLowerCase() !== 'bearer') throw new Error(`mock-server: ${label(operation)}: security scheme ${name} (${type} ${scheme}) is not handled (only http bearer)`);
  }
  const mediaType = operation.requestBody?.mediaType;
  if (mediaType && !isJsonMediaType(mediaType)) throw new Error(`mock-server: ${label(operation)}: request body ${mediaType} is not handled (only JSON)`);
}

/** One operation ready to serve: its handler, checks, body field filter, limit and `reject(role, detail?, headers?)` Reply builder. */
function prepare(operation, spec, handler, config) {
  checkServable(operation);
  const limit = limitOf(operation, config.rateLimitPerSecond);
  const platformSystemError = spec.errorCodes.find((e) => e.role === 'system_error');
  // Any operation can fail internally: the platform's system_error serves one that lists none of its own.
  const codeOf = (role) => errorCodeFor(operation, role) ?? (role === 'system_error' ? platformSystemError : undefined);
  const roles = ['invalid_parameter', 'system_error', ...(operation.security.length ? ['missing_token', 'invalid_token'] : []), ...(limit ? ['rate_limited'] : [])];
  for (const role of roles) if (!codeOf(role)) throw new Error(`mock-server: ${label(operation)} lists no error code with role ${role} (x-feishu-error-codes)`);
  /** The operation's error answer of `role`: msg "<the code's msg>: <detail>", or the code's msg alone. */
  const reject = (role, detail, headers) => {
    const entry = codeOf(role);
    if (!entry) throw new Error(`mock-server: ${label(operation)} lists no error code with role ${role}`);
    return errorReply(entry, detail === undefined ? entry.msg : `${entry.msg}: ${detail}`, headers);
  };
  const fields = operation.requestBody ? createFieldFilter(spec.doc, operation.requestBody.schema) : undefined;
  return { operation, handler, checks: spec.checks.get(operation.operationId), fields, limit, codeOf, reject };
}

/** The number of templated segments of a path template (a concrete path matches before a templated one). */
const templated = (path) => (path.match(/\{[^}]+\}/g) ?? []).length;

/**
 * The handler of each operation of `operations`, by operationId: the default of its role for an operation of a
 * resource, then the hand-written ones (operations.js), then `custom` (the handlers option), each replacing the one before.
 */
export function handlerTable(operations, custom = {}) {
  const byRole = operations.filter((op) => op.resource).map((op) => [op.operationId, ROLE_HANDLERS[op.resource.role]]);
  return { ...Object.fromEntries(byRole), ...operationHandlers, ...custom };
}

/**
 * The routes of a loaded spec; `handlers` add to or override the built-in table. `match(method, path)` returns the
 * prepared operation and the path's match groups, or throws a 404 Reply (unknown path) or 405 Reply (with `Allow`).
 */
export function createRoutes(spec, handlers, config) {
  const table = handlerTable(spec.operations, handlers);
  checkHandlers(spec.operations, table, handlers);
  const byPath = new Map();
  for (const op of spec.operations) {
    if (!byPath.has(op.path)) byPath.set(op.path, { pattern: pathPattern(op.path), served: new Map() });
    byPath.get(op.path).served.set(op.method, prepare(op, spec, table[op.operationId], config));
  }
  const routes = [...byPath.keys()].sort((a, b) => templated(a) - templated(b)).map((path) => byPath.get(path));
  return {
    match(method, path) {
      const route = routes.find((r) => r.pattern.test(path));
      if (!route) throw new Reply(404, { code: 404, msg: `404 page not found: ${method} ${path}` });
      const served = route.served.get(method);
      if (served) return { served, groups: route.pattern.exec(path).slice(1) };
      const allow = [...route.served.keys()].join(', ');
      throw new Reply(405, { code: 405, msg: `method ${method} is not allowed on ${path} (use ${allow})` }, { allow });
    },
  };
}
