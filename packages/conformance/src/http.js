// The requests of a run: URLs under the base URL, one request of a case, its answer, and tenant tokens.
import { expandPath, operationsOf } from '@feishu-hire/spec/model';
import { BARE_TOKEN, EXPIRED_TOKEN, OTHER_SCHEME_TOKEN, TOKEN } from './generate.js';
import { semanticsOf } from './semantics.js';

/** Joins `base` (which may carry a path prefix, e.g. `http://host/proxy/`) and an absolute API path. */
export function apiUrl(base, path) {
  const url = new URL(base);
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  return url;
}

// Error codes of a request that never reached the server (as opposed to a server that answered badly or slowly).
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Turns a fetch error that means "the server cannot be reached" into `cannot reach <url>: <reason>`; rethrows others. */
export function rethrowUnreachable(error, baseUrl) {
  const cause = error?.cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (UNREACHABLE.has(code)) throw new Error(`cannot reach ${baseUrl}: ${cause.message || cause.errors?.[0]?.message || code}`, { cause: error });
  throw error;
}

/** Parses a response text as JSON (undefined when it is not). */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The header value of a placeholder: `$token` and `$expiredToken` become `Bearer <token>`. */
function headerValue(run, value) {
  if (value === TOKEN) return `Bearer ${run.token}`;
  if (value === EXPIRED_TOKEN) return `Bearer ${run.expiredTokenValue}`;
  if (value === BARE_TOKEN) return run.token;
  if (value === OTHER_SCHEME_TOKEN) return `Basic ${run.token}`;
  return value;
}

/**
 * Sends `request` (a case's, with path values `path` and body text `text`) and resolves to the answer
 * `{ status, headers, contentType, body, code, msg }` (body: parsed JSON or undefined).
 */
export async function send(run, request, path, text) {
  const url = apiUrl(run.baseUrl, expandPath(request.path, path));
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.append(name, value);
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k, headerValue(run, v)]));
  const init = { method: request.method, headers, body: text, signal: AbortSignal.timeout(run.timeoutMs) };
  const res = await run.fetch(url, init).catch((error) => rethrowUnreachable(error, run.baseUrl));
  const body = parseJson(await res.text());
  return { status: res.status, headers: res.headers, contentType: res.headers.get('content-type') ?? '', body, code: body?.code, msg: typeof body?.msg === 'string' ? body.msg : undefined };
}

/** The operation that issues tenant tokens (the one whose semantics entry has `token`) and that entry. */
export function tokenOperation(doc, semantics) {
  const operation = operationsOf(doc).find((o) => Object.hasOwn(semantics, o.operationId) && semantics[o.operationId].token);
  if (!operation) throw new Error('the spec has no operation whose response semantics (src/semantics.js) issue a tenant token');
  return { operation, entry: semantics[operation.operationId] };
}

/** Asks the spec's token operation under `baseUrl` for a tenant token; resolves to `{ token, expire }` (expire in seconds). */
export async function issueToken({ baseUrl, appId, appSecret, fetch = globalThis.fetch, timeoutMs = 10_000, spec, semantics }) {
  const { operation, entry } = tokenOperation(spec, semanticsOf(spec, semantics));
  const res = await fetch(apiUrl(baseUrl, expandPath(operation.path, {})), {
    method: operation.method,
    headers: { 'content-type': operation.requestBody.mediaType },
    body: JSON.stringify(entry.token.request({ appId, appSecret })),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error) => rethrowUnreachable(error, baseUrl));
  const body = parseJson(await res.text()) ?? {};
  const token = entry.token.read(body);
  if (body.code !== 0 || typeof token !== 'string') {
    throw new Error(`tenant_access_token request failed: HTTP ${res.status}, code ${body.code}, msg ${JSON.stringify(body.msg)}`);
  }
  return { token, expire: Number.isInteger(body.expire) ? body.expire : undefined };
}
