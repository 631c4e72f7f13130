// One HTTP exchange of an operation, the same for API calls and token requests: the client's headers, the hooks, one
// fetch with the attempt's signal, the body read and the envelope check. No openapi-fetch here: fetch gets a URL and a
// plain init, so it builds one Request, not a copy of another (see bench/BENCHMARKS.md, CPU per call).
import { HireConnectionError, HireTimeoutError, type HireApiError, type HireError } from './errors.js';
import type { HireOperation } from './operation.js';
import { toApiError, unref } from './util.js';

/** What `onRequest` sees of each attempt; change `headers` to add or replace request headers. */
export interface HireRequestInfo {
  /** The operation's operationId, e.g. `updateExternalInterview` (`getTenantAccessToken` for the client's token requests). */
  operationId: string;
  method: string;
  /** The full URL, query included. */
  url: string;
  /** 1 for the first attempt of a call, 2 for its first retry, ... */
  attempt: number;
  /** Request headers by lower-case name, without `authorization` (the token is added after the hook and never shown). */
  headers: Record<string, string>;
}

/** What `onResponse` sees of each response, whatever its status or code. */
export interface HireResponseInfo {
  operationId: string;
  method: string;
  url: string;
  attempt: number;
  /** HTTP status. */
  status: number;
  /** The response headers. */
  headers: Headers;
  /** From just before `fetch` to the end of the body. */
  durationMs: number;
  /** The HireApiError this response becomes (a non-zero code or no envelope), or undefined for a success. */
  error: HireApiError | undefined;
}

/** What `onRetry` sees before the wait of each retry. */
export interface HireRetryInfo {
  operationId: string;
  method: string;
  url: string;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** Why it failed: a HireApiError (rate limit, 5xx), HireConnectionError or HireTimeoutError. */
  error: HireError;
  /** How long the client waits before the next attempt (which then waits for the rate limiter too). */
  delayMs: number;
}

/**
 * Functions called for every attempt of every operation, the client's token requests included. They may be async
 * (awaited). An error thrown by a hook fails the call with that error, not retried.
 */
export interface HireHooks {
  /** Before each attempt is sent (after its rate-limiter slot and its token). */
  onRequest?: ((request: HireRequestInfo) => void | Promise<void>) | undefined;
  /** After each response has been read. */
  onResponse?: ((response: HireResponseInfo) => void | Promise<void>) | undefined;
  /** After an attempt failed and before the wait for the next one. */
  onRetry?: ((retry: HireRetryInfo) => void | Promise<void>) | undefined;
}

/** What the client reads of a response: fetch's Response has it, and so has the Node transport's. */
export type ResponseLike = Pick<Response, 'ok' | 'status' | 'statusText' | 'headers' | 'text'>;

/** Sends one request: `fetch` (called with a URL and a plain init) or the Node transport. */
export type SendFn = (url: string, init: { method: string; headers: Record<string, string>; body: string | null; signal: AbortSignal }) => Promise<ResponseLike>;

/** How a client sends requests. */
export interface Transport {
  fetchFn: SendFn;
  /** Headers of every request by lower-case name (the user-agent and the `headers` option). */
  headers: Record<string, string>;
  hooks: HireHooks;
  /** Deadline of one attempt in ms. */
  timeoutMs: number;
}

/** A Feishu answer envelope. */
export type Envelope = { code: 0; msg?: string; data?: unknown } & Record<string, unknown>;

/**
 * A signal that aborts when `outer` does (with its reason) or after `ms` (with a HireTimeoutError of `scope`). Call
 * `done()` when the work is over: it drops the timer and the listener.
 */
export function withTimeout(outer: AbortSignal | undefined, ms: number, scope: 'attempt' | 'call'): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer!.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  // Why unref: a deadline alone must not keep a Node process alive; the request or the wait it bounds does.
  const timer = setTimeout(() => controller.abort(new HireTimeoutError(scope, ms)), ms);
  unref(timer);
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Sends one request of `operation` to `url` with `body` (JSON text) and the token, if any. Resolves to the success
 * envelope and its response; rejects with HireApiError (non-zero code, or no envelope), HireConnectionError (no
 * response) or the signal's reason.
 */
export async function exchange(
  transport: Transport,
  operation: Pick<HireOperation, 'operationId' | 'method' | 'mediaType'>,
  url: string,
  body: string | undefined,
  token: string | undefined,
  attempt: number,
  signal: AbortSignal,
  secrets: readonly string[],
): Promise<{ envelope: Envelope; response: ResponseLike }> {
  const { operationId, method } = operation;
  const { hooks } = transport;
  const headers = { ...transport.headers };
  if (body !== undefined) headers['content-type'] = operation.mediaType!;
  if (hooks.onRequest) await hooks.onRequest({ operationId, method, url, attempt, headers });
  const started = Date.now();
  let response: ResponseLike;
  let text: string;
  try {
    // A copy with the token, so that a hook keeping its `headers` never sees it.
    response = await transport.fetchFn(url, { method, headers: token === undefined ? headers : { ...headers, authorization: `Bearer ${token}` }, body: body ?? null, signal });
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new HireConnectionError(`no response: ${error}${(error as Error | undefined)?.cause ? ` (${(error as Error).cause})` : ''}`, { cause: error });
  }
  let envelope: Envelope | undefined;
  try {
    envelope = JSON.parse(text);
  } catch {
    // not JSON: toApiError reports it
  }
  const error = response.ok && envelope?.code === 0 ? undefined : toApiError(response, envelope, text, secrets);
  if (hooks.onResponse) await hooks.onResponse({ operationId, method, url, attempt, status: response.status, headers: response.headers, durationMs: Date.now() - started, error });
  if (error) throw error;
  return { envelope: envelope!, response };
}
