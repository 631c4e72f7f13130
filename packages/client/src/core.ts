// The one core every operation goes through: the body check, the rate limiter of the operation, then per attempt the
// token and one exchange, retries, the refresh of an invalid token, and the deadlines and the signal. An operation's
// method (`externalInterviews.update`) is a thin call of it; `client.request` exposes it.
import type { TokenSource } from './auth.js';
import { InvalidAccessToken, RateLimited, SystemError } from '../generated/error-codes.js';
import { HireApiError, HireConnectionError, HireTimeoutError, HireValidationError, type HireError, type ValidationIssue } from './errors.js';
import type { HireRateLimiter } from './limiter.js';
import type { HireOperation } from './operation.js';
import { exchange, withTimeout, type ResponseLike, type Transport } from './transport.js';
import { checkPositive, sleep } from './util.js';

/** A query parameter value; arrays are sent as repeated parameters (`a=1&a=2`). */
export type QueryValue = string | number | boolean;

/** What an operation is called with: its path parameters, query parameters and JSON body. */
export interface RequestInput {
  /** Values of the path template's parameters, each sent URL-encoded as one path segment. */
  path?: Record<string, string | number> | undefined;
  /** Query parameters, URL-encoded; undefined ones are left out. */
  query?: Record<string, QueryValue | readonly QueryValue[] | undefined> | undefined;
  /** The JSON request body (only for an operation with a `mediaType`). */
  body?: unknown;
}

/** Per-call options. */
export interface RequestOptions {
  /** Aborts the call, at any wait (limiter, token, backoff) or while the request is in flight; its reason is rethrown. */
  signal?: AbortSignal | undefined;
  /** Deadline of each attempt of this call in ms, from its limiter slot to the end of its response (default: the client's `timeoutMs`). */
  timeoutMs?: number | undefined;
  /** Deadline of this whole call in ms: queue, attempts and waits (default: the client's `totalTimeoutMs`). */
  totalTimeoutMs?: number | undefined;
}

/**
 * Checks a request body against the spec's schema of an operation: the rules it breaks (none: valid). The one of this
 * package is `validateRequest` of `@feishu-hire/client/validate`.
 */
export type HireValidator = (operationId: string, body: unknown) => readonly ValidationIssue[];

/** The checked settings of createHireClient the core runs with. */
export interface CoreSettings {
  baseUrl: string;
  transport: Transport;
  tokens: TokenSource;
  /** Deadline of a whole call, or undefined for none. */
  totalTimeoutMs: number | undefined;
  /** Requests per second of every operation; undefined: each operation's own (spec) rate; false: no limiter. */
  rateLimit: number | false | undefined;
  limiter: HireRateLimiter;
  /** The app part of the limiter keys: clients with the same base URL and app share a quota. */
  app: string;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  validate: HireValidator | undefined;
}

/** A successful call: the envelope's `data` and the response it came in. */
export interface CoreResult {
  data: unknown;
  response: ResponseLike;
}

// After a 429 each waiting call adds up to one rate window to `x-ogw-ratelimit-reset`, so a burst that hit the limit
// comes back spread over a window (and through the limiter again), not as a herd at the reset instant.
const RESET_JITTER_MS = 1000;

/** Throws HireValidationError naming `name` unless `value` (of one of `types`) can be sent as one path segment. */
export function assertPathSegment(name: string, value: unknown, types: string[]): void {
  const [rule, what] =
    !types.includes(typeof value) ? ['type', `be a ${types.join(' or ')}, got ${typeof value}`]
    : value === '' ? ['minLength', 'not be empty']
    : value === '.' || value === '..' ? ['pathSegment', `not be "${value}" (a dot segment cannot be sent in a URL path)`]
    : [];
  if (rule) throw new HireValidationError([{ path: name, rule, message: `${name} must ${what}` }]);
}

/** The URL of `operation` with its path parameters (checked) and query parameters encoded. */
function urlOf(baseUrl: string, operation: HireOperation, input: RequestInput): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = input.path?.[name];
    assertPathSegment(`path.${name}`, value, ['string', 'number']);
    return encodeURIComponent(value!);
  });
  const query: string[] = [];
  for (const [name, value] of Object.entries(input.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined) query.push(`${encodeURIComponent(name)}=${encodeURIComponent(item)}`);
  }
  return baseUrl + path + (query.length ? `?${query.join('&')}` : '');
}

/**
 * Calls `operation` for `client.request` (every method calls that): checks the input and options, serializes the body
 * once, sets up the call's deadline and runs its attempts.
 */
export async function callOperation(core: CoreSettings, operation: HireOperation, input: RequestInput, options: RequestOptions = {}): Promise<CoreResult> {
  const url = urlOf(core.baseUrl, operation, input);
  let json: string | undefined;
  if (input.body !== undefined) {
    const fail = (rule: string, what: string) => new HireValidationError([{ path: 'body', rule, message: `body ${what}` }]);
    if (operation.mediaType === undefined) throw fail('requestBody', `must be left out: ${operation.operationId} takes none`);
    const issues = core.validate?.(operation.operationId, input.body);
    if (issues?.length) throw new HireValidationError([...issues]);
    try {
      json = JSON.stringify(input.body);
    } catch (error) {
      throw fail('json', `cannot be sent as JSON (${(error as Error).message})`);
    }
  }
  const timeoutMs = options.timeoutMs === undefined ? core.transport.timeoutMs : checkPositive('request: options.timeoutMs', options.timeoutMs);
  const total = options.totalTimeoutMs === undefined ? core.totalTimeoutMs : checkPositive('request: options.totalTimeoutMs', options.totalTimeoutMs);
  if (total === undefined) return attempts(core, operation, url, json, options.signal, timeoutMs, Infinity);
  const { signal, done } = withTimeout(options.signal, total, 'call');
  try {
    return await attempts(core, operation, url, json, signal, timeoutMs, Date.now() + total);
  } finally {
    done();
  }
}

/** Attempts the call until it succeeds, fails for good, or its deadline or signal ends it. */
async function attempts(core: CoreSettings, operation: HireOperation, url: string, json: string | undefined, signal: AbortSignal | undefined, timeoutMs: number, deadline: number): Promise<CoreResult> {
  const { tokens, transport, retry } = core;
  const { operationId, method } = operation;
  const rate = core.rateLimit === false ? undefined : (core.rateLimit ?? operation.rateLimitPerSecond);
  const key = `${core.baseUrl} ${core.app} ${operationId}`;
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    let token: string | undefined;
    // One attempt, run once its limiter slot is granted. Why the token is taken here and not before the slot: a call
    // may queue for long, and a token taken before the wait can expire while it waits.
    const run = async (): Promise<CoreResult> => {
      const bound = withTimeout(signal, timeoutMs, 'attempt');
      try {
        if (operation.auth !== 'none') token = await tokens.get(bound.signal);
        const { envelope, response } = await exchange(transport, operation, url, json, token, attempt, bound.signal, tokens.secrets);
        return { data: envelope.data, response };
      } finally {
        bound.done();
      }
    };
    try {
      return await (rate ? core.limiter.schedule(key, rate, run, signal) : run());
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof HireApiError && error.code === InvalidAccessToken && token && !refreshed && tokens.invalidate(token)) {
        refreshed = true;
        attempt--;
        continue;
      }
      const delayMs = attempt < retry.maxAttempts ? retryDelay(retry, error, attempt, operation.idempotent || refused(error)) : undefined;
      if (delayMs === undefined || Date.now() + delayMs >= deadline) throw error;
      await transport.hooks.onRetry?.({ operationId, method, url, attempt, error: error as HireError, delayMs }); // retryDelay retries HireErrors only
      await sleep(delayMs, signal);
    }
  }
}

/**
 * Whether `error` is a refused connection: nothing was sent. Read from the message, which quotes what the transport
 * threw and its cause (`connect ECONNREFUSED 127.0.0.1:80`, from node:http and from fetch alike).
 */
const refused = (error: unknown): boolean => error instanceof HireConnectionError && /ECONNREFUSED/.test(error.message);

/** Whether `error` is a rate limit: the request was refused, so any call may repeat it. */
export const isRateLimit = (error: HireApiError): boolean => error.status === 429 || error.code === RateLimited;

/**
 * Whether the outcome of a request that failed with `error` is unknown: a 5xx, a system error, a lost connection or a
 * timeout. Another attempt may pass, but the first may have been applied.
 */
export const outcomeUnknown = (error: unknown): boolean =>
  error instanceof HireApiError ? error.status >= 500 || error.code === SystemError : error instanceof HireConnectionError || error instanceof HireTimeoutError;

/**
 * Delay before the next attempt after `error`, or undefined when it must not be retried. A rate limit was refused, so
 * any call is retried; a 5xx, a lost connection or an attempt's timeout may have been applied, so only a call that
 * may be repeated is (`repeatable`: the operation is idempotent, or the connection was refused). Anything else
 * (validation, auth function, a hook's own error) is final.
 */
function retryDelay(retry: CoreSettings['retry'], error: unknown, attempt: number, repeatable: boolean): number | undefined {
  const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
  if (error instanceof HireApiError && isRateLimit(error)) {
    return error.rateLimitResetSeconds !== undefined ? error.rateLimitResetSeconds * 1000 + Math.random() * RESET_JITTER_MS : backoff;
  }
  return outcomeUnknown(error) && repeatable ? backoff : undefined;
}
