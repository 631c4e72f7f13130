// The one core every operation goes through, as openapi-fetch's coreFetch is for its methods: the token, the rate
// limiter of the operation, retries, the refresh of an invalid token, the envelope check, the deadline and the signal.
// An operation's method (`externalInterviews.update`) is a thin call of it; `client.request` exposes it.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import type { TokenSource } from './auth.js';
import { InvalidAccessToken, RateLimited, SystemError } from '../generated/error-codes.js';
import { HireApiError, HireValidationError } from './errors.js';
import { createLimiter, type Release } from './limiter.js';
import type { HireOperation } from './operation.js';
import { checkPositive, sleep, toApiError } from './util.js';

/** The underlying openapi-fetch client, typed by the spec. */
export type RawHireClient = Client<paths>;

/** A query parameter value; arrays are sent as repeated parameters (`a=1&a=2`). */
export type QueryValue = string | number | boolean;

/** What an operation is called with: its path parameters, query parameters and JSON body. */
export interface RequestInput {
  /** Values of the path template's parameters, each sent URL-encoded as one path segment. */
  path?: Record<string, string | number>;
  /** Query parameters, URL-encoded; undefined ones are left out. */
  query?: Record<string, QueryValue | readonly QueryValue[] | undefined>;
  /** The JSON request body (only for an operation with a `mediaType`). */
  body?: unknown;
}

/** Per-call options. */
export interface RequestOptions {
  /** Aborts the call, at any wait (limiter, token, backoff) or while the request is in flight. */
  signal?: AbortSignal;
  /** Deadline of this call in ms, retries and waits included (default: the client's `timeoutMs`). */
  timeoutMs?: number;
}

/** The checked settings of createHireClient the core runs with. */
export interface CoreSettings {
  baseUrl: string;
  fetchFn: typeof fetch;
  tokens: TokenSource;
  timeoutMs: number;
  /** Requests per second of every operation's limiter; undefined: each operation's own (spec) rate; false: none. */
  rateLimit: number | false | undefined;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
}

/** A successful call: the envelope's `data` and the response it came in. */
export interface CoreResult {
  data: unknown;
  response: Response;
}

/** Calls `operation`; `method` names the public method in error messages. */
export type CoreCall = (operation: HireOperation, input: RequestInput, options: RequestOptions | undefined, method: string) => Promise<CoreResult>;

type Acquire = (signal: AbortSignal) => Promise<Release>;
/** The input of a call with its body serialized once, for every attempt. */
type SerializedInput = RequestInput & { json: string | undefined };
type LooseRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** A limiter holding calls to `perSecond` (a fractional rate too: 0.5 is one call per 2 s), or undefined for none. */
function limiterFor(perSecond: number | false | undefined): Acquire | undefined {
  if (!perSecond) return undefined;
  const slots = Math.ceil(perSecond);
  return createLimiter(slots, (1000 * slots) / perSecond);
}

/** Throws HireValidationError naming `name` unless `value` (of one of `types`) can be sent as one path segment. */
export function assertPathSegment(name: string, value: unknown, types: string[]): void {
  const rule = !types.includes(typeof value) ? 'type' : value === '' ? 'minLength' : value === '.' || value === '..' ? 'pathSegment' : undefined;
  if (!rule) return;
  const what = rule === 'type' ? `must be a ${types.join(' or ')}, got ${typeof value}` : rule === 'minLength' ? 'must not be empty' : `must not be "${value}" (a dot segment cannot be sent in a URL path)`;
  throw new HireValidationError([{ path: name, rule, message: `${name} ${what}` }]);
}

/** A client's core: its settings, the raw client's request method and the limiters of the operations called so far. */
interface Core extends CoreSettings {
  sendRequest: LooseRequest;
  /** The params objects of the core's own requests: the core sets (or, for `auth: 'none'`, omits) their token itself. */
  fromCore: WeakSet<object>;
  limiters: Map<string, Acquire | undefined>;
}

/** Builds the raw openapi-fetch client (its own calls get the token from middleware) and the core call of a client. */
export function createCore(settings: CoreSettings): { raw: RawHireClient; call: CoreCall } {
  const { tokens } = settings;
  const fromCore = new WeakSet<object>();
  const raw: RawHireClient = createClient<paths>({ baseUrl: settings.baseUrl, fetch: settings.fetchFn });
  raw.use({
    async onRequest({ request, params }) {
      if (!fromCore.has(params) && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${await tokens.get(request.signal)}`);
      return request;
    },
  });
  const core: Core = { ...settings, sendRequest: raw.request as unknown as LooseRequest, fromCore, limiters: new Map() };
  return { raw, call: (operation, input, options, method) => call(core, operation, input, options, method) };
}

/** The limiter of the operation (one per operationId): the client's `rateLimit`, else the spec's rate. */
function limiterOf(core: Core, operation: HireOperation): Acquire | undefined {
  if (!core.limiters.has(operation.operationId)) {
    core.limiters.set(operation.operationId, limiterFor(core.rateLimit ?? operation.rateLimitPerSecond));
  }
  return core.limiters.get(operation.operationId);
}

/** Checks the input, sets up the deadline and signal, and runs the attempts of one call. */
async function call(core: Core, operation: HireOperation, input: RequestInput, options: RequestOptions = {}, method: string): Promise<CoreResult> {
  for (const [, name] of operation.path.matchAll(/\{([^}]+)\}/g)) assertPathSegment(`path.${name}`, input.path?.[name!], ['string', 'number']);
  if (input.body !== undefined && operation.mediaType === undefined) throw new TypeError(`${method}: operation ${operation.operationId} takes no request body`);
  const json = input.body === undefined ? undefined : JSON.stringify(input.body);
  const callTimeout = checkPositive(`${method}: options.timeoutMs`, options.timeoutMs ?? core.timeoutMs);
  const timeout = AbortSignal.timeout(callTimeout);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  return attempts(core, operation, { ...input, json }, signal, Date.now() + callTimeout);
}

/** Attempts the call until it succeeds, fails for good, or its deadline or signal ends it. */
async function attempts(core: Core, operation: HireOperation, input: SerializedInput, signal: AbortSignal, deadline: number): Promise<CoreResult> {
  const limit = limiterOf(core, operation);
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    let token: string | undefined;
    let authorized = operation.auth === 'none';
    try {
      if (!authorized) (token = await core.tokens.get(signal)), (authorized = true);
      const release = await limit?.(signal);
      try {
        return await send(core, operation, input, signal, token);
      } finally {
        release?.();
      }
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (!authorized && !core.tokens.retryable) throw error; // the caller's own auth function failed: as is, once
      if (error instanceof HireApiError && error.code === InvalidAccessToken && token && !refreshed && core.tokens.invalidate(token)) {
        refreshed = true;
        attempt--;
        continue;
      }
      const delay = attempt < core.retry.maxAttempts ? retryDelay(core.retry, error, attempt, operation.method) : undefined;
      if (delay === undefined || Date.now() + delay >= deadline) throw error;
      await sleep(delay, signal);
    }
  }
}

/**
 * Delay before the next attempt after `error`, or undefined when it must not be retried. A rate limit was refused, so
 * any call is retried; a 5xx or network failure may have been applied, so only an idempotent method is.
 */
function retryDelay(retry: CoreSettings['retry'], error: unknown, attempt: number, method: string): number | undefined {
  const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
  if (error instanceof HireApiError && (error.status === 429 || error.code === RateLimited)) {
    return error.rateLimitResetSeconds !== undefined ? error.rateLimitResetSeconds * 1000 : backoff;
  }
  // fetch rejects with TypeError on network failures
  const outcomeUnknown = error instanceof HireApiError ? error.status >= 500 || error.code === SystemError : error instanceof TypeError;
  return outcomeUnknown && method !== 'POST' && method !== 'PATCH' ? backoff : undefined;
}

/** Sends one request; resolves to the envelope's data or throws HireApiError / the fetch error. */
async function send(core: Core, operation: HireOperation, input: SerializedInput, signal: AbortSignal, token: string | undefined): Promise<CoreResult> {
  const params = { path: input.path, query: input.query };
  core.fromCore.add(params);
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  if (input.json !== undefined) headers['Content-Type'] = operation.mediaType!;
  const { data, error, response } = await core.sendRequest(operation.method, operation.path, {
    params,
    body: input.body,
    bodySerializer: () => input.json,
    headers,
    parseAs: 'text',
    // The signal goes to fetch, not into openapi-fetch's Request: fetch builds its own Request from that one, and
    // undici makes each Request follow its signal (a listener and a finalizer), so this way it is followed once.
    fetch: (request: Request) => core.fetchFn(request, { signal }),
  });
  let envelope: { code?: unknown; data?: unknown } | undefined;
  try {
    const payload: unknown = data ?? error; // openapi-fetch already parsed JSON error bodies
    envelope = typeof payload === 'string' ? JSON.parse(payload) : (payload as typeof envelope);
  } catch {
    // not JSON: toApiError reports it
  }
  if (response.ok && envelope?.code === 0) return { data: envelope.data, response };
  throw toApiError(response, envelope, core.tokens.secrets);
}
