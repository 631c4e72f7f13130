import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../generated/schema.js';
import { createTokenSource, type HireAuth } from './auth.js';
import type { AssessmentDimensionInput } from './dimension.js';
import { ErrorCode, HireApiError, HireValidationError } from './errors.js';
import { createLimiter } from './limiter.js';
import { sleep, toApiError } from './util.js';

type SpecBody = components['schemas']['UpdateExternalInterviewRequest'];
type SpecAssessment = components['schemas']['ExternalInterviewAssessmentInput'];
/**
 * The request body of Update external interview: the complete new state of the interview (full overwrite).
 * The spec's request schema, except that each assessment dimension must put its answer in the field its
 * `assessment_type` uses (see `dimension`); `client.raw` takes the spec's looser type.
 */
export type UpdateExternalInterviewBody = Omit<SpecBody, 'interview_assessments'> & {
  interview_assessments?: Array<Omit<SpecAssessment, 'assessment_dimension_list'> & { assessment_dimension_list?: AssessmentDimensionInput[] }>;
};
/** The external interview as stored after the update (`data.external_interview`). */
export type ExternalInterview = components['schemas']['ExternalInterview'];
/** The underlying openapi-fetch client, typed by the spec. */
export type RawHireClient = Client<paths>;

/** Options of createHireClient. */
export interface HireClientOptions {
  /** A tenant_access_token, an (async) function returning one, or a self-built app's `{ appId, appSecret }`. */
  auth: HireAuth;
  /** `'feishu'` (default, https://open.feishu.cn), `'lark'` (https://open.larksuite.com) or any http(s) URL. */
  baseUrl?: 'feishu' | 'lark' | (string & {});
  /**
   * Client-side limit in requests per second (default 10, the API's limit); `false` turns it off. A slot is reused
   * one second after the response of its previous call, so the server never sees more than this in any second.
   */
  rateLimit?: number | false | { requestsPerSecond: number };
  /** Retries of rate limits, 5xx and network errors (default 3 attempts, backoff from 500 ms up to 8 s); `false`: one attempt. */
  retry?: false | { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Deadline of a whole call, retries and waits included, in ms (default 30000). */
  timeoutMs?: number;
  /** Check each body against the spec before sending and throw HireValidationError naming the field and rule. */
  validate?: boolean;
  /** The fetch to use (default globalThis.fetch). */
  fetch?: typeof globalThis.fetch;
}

/** Per-call options. */
export interface RequestOptions {
  /** Aborts the call, at any wait (limiter, token, backoff) or while the request is in flight. */
  signal?: AbortSignal;
  /** Deadline of this call in ms, retries and waits included (default: the client's `timeoutMs`). */
  timeoutMs?: number;
}

/** The client returned by createHireClient. */
export interface HireClient {
  externalInterviews: {
    /**
     * Update external interview (更新外部面试): `PUT /open-apis/hire/v1/external_interviews/{external_interview_id}`.
     *
     * **Full overwrite (全量覆盖更新).** `body` replaces the whole stored interview *and all of its interview
     * assessments*: any field, assessment or dimension you leave out is deleted, and every assessment gets a
     * new id. Read the current interview first and send it complete.
     *
     * Resolves to the stored `external_interview`. Rejects with HireApiError (non-zero `code`, whatever the
     * HTTP status), HireValidationError (bad id, or bad body with `validate: true`), or the abort/timeout reason.
     * Rate limits, 5xx and network errors are retried; an expired token is refetched once.
     * @param externalInterviewId External interview ID (外部面试 ID); sent URL-encoded as one path segment.
     * @param body The complete new state of the interview.
     * @param options `signal` and `timeoutMs` of this call.
     */
    update(externalInterviewId: string, body: UpdateExternalInterviewBody, options?: RequestOptions): Promise<ExternalInterview>;
  };
  /** The underlying openapi-fetch client (auth added by middleware; no retries, limiter or envelope checks). */
  raw: RawHireClient;
}

const PATH = '/open-apis/hire/v1/external_interviews/{external_interview_id}';
const CONTENT_TYPE = 'application/json; charset=utf-8';
const HOSTS: Record<string, string> = { feishu: 'https://open.feishu.cn', lark: 'https://open.larksuite.com' };

/** Throws a TypeError naming the option unless `value` is a positive number (an integer if `integer`). */
function checkPositive(name: string, value: unknown, integer = false): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new TypeError(`${name.includes(':') ? name : `createHireClient: ${name}`} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

/** Resolves `'feishu'`, `'lark'` or an http(s) URL to a base URL without a trailing slash. */
function resolveBaseUrl(baseUrl: string): string {
  const url = Object.hasOwn(HOSTS, baseUrl) ? HOSTS[baseUrl]! : baseUrl;
  if (!/^https?:\/\/[^/]/i.test(url) || !URL.canParse(url)) {
    throw new TypeError(`createHireClient: baseUrl must be 'feishu', 'lark' or an http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  return url.replace(/\/+$/, '');
}

/** Checks `auth` and returns it (never echoing a secret). */
function checkAuth(auth: unknown): HireAuth {
  if (typeof auth === 'string' && auth !== '') return auth;
  if (typeof auth === 'function') return auth as HireAuth;
  if (auth && typeof auth === 'object') {
    const { appId, appSecret } = auth as Record<string, unknown>;
    if (typeof appId === 'string' && appId && typeof appSecret === 'string' && appSecret) return { appId, appSecret };
    throw new TypeError('createHireClient: auth.appId and auth.appSecret must be non-empty strings');
  }
  throw new TypeError('createHireClient: auth must be a non-empty token string, a function returning a token, or { appId, appSecret }');
}

/** Throws HireValidationError unless the id is one non-empty path segment. */
function assertValidId(id: unknown): asserts id is string {
  const rule = typeof id !== 'string' ? 'type' : id === '' ? 'minLength' : id === '.' || id === '..' ? 'pathSegment' : undefined;
  if (!rule) return;
  const what = rule === 'type' ? `must be a string, got ${typeof id}` : rule === 'minLength' ? 'must not be empty' : `must not be "${id}" (a dot segment cannot be sent in a URL path)`;
  throw new HireValidationError([{ path: 'externalInterviewId', rule, message: `externalInterviewId ${what}` }]);
}

/** Creates a client of the Hire API Update external interview. */
export function createHireClient(options: HireClientOptions): HireClient {
  if (!options || typeof options !== 'object') throw new TypeError('createHireClient: options must be an object with at least `auth`');
  const auth = checkAuth(options.auth);
  const baseUrl = resolveBaseUrl(options.baseUrl ?? 'feishu');
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') throw new TypeError('createHireClient: fetch must be a function (no global fetch found)');
  const timeoutMs = checkPositive('timeoutMs', options.timeoutMs ?? 30_000);
  const rate = options.rateLimit ?? 10;
  const perSecond = rate === false || rate === 0 ? 0 : checkPositive('rateLimit', typeof rate === 'object' ? rate.requestsPerSecond : rate, true);
  const retry = options.retry === false ? { maxAttempts: 1 } : (options.retry ?? {});
  const maxAttempts = checkPositive('retry.maxAttempts', retry.maxAttempts ?? 3, true);
  const baseDelayMs = checkPositive('retry.baseDelayMs', retry.baseDelayMs ?? 500);
  const maxDelayMs = checkPositive('retry.maxDelayMs', retry.maxDelayMs ?? 8_000);
  const validate = options.validate === true;
  let validator: Promise<typeof import('./validate.js')> | undefined;

  const tokens = createTokenSource(auth, baseUrl, fetchFn, timeoutMs);
  const limit = perSecond ? createLimiter(perSecond) : undefined;
  const raw: RawHireClient = createClient<paths>({ baseUrl, fetch: fetchFn });
  raw.use({
    async onRequest({ request }) {
      if (!request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${await tokens.get(request.signal)}`);
      return request;
    },
  });

  /** Sends one PUT; resolves to the interview or throws HireApiError / the fetch error. */
  async function send(id: string, body: UpdateExternalInterviewBody, json: string, signal: AbortSignal, token: string): Promise<ExternalInterview> {
    const { data, error, response } = await raw.PUT(PATH, {
      params: { path: { external_interview_id: id } },
      body,
      bodySerializer: () => json,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': CONTENT_TYPE },
      parseAs: 'text',
      // The signal goes to fetch, not into openapi-fetch's Request: fetch builds its own Request from that one, and
      // undici makes each Request follow its signal (a listener and a finalizer), so this way it is followed once.
      fetch: (request: Request) => fetchFn(request, { signal }),
    });
    let envelope: { code?: unknown; data?: { external_interview?: ExternalInterview } } | undefined;
    try {
      const payload: unknown = data ?? error; // openapi-fetch already parsed JSON error bodies
      envelope = typeof payload === 'string' ? JSON.parse(payload) : (payload as typeof envelope);
    } catch {
      // not JSON: toApiError reports it
    }
    if (response.ok && envelope?.code === 0) {
      const interview = envelope.data?.external_interview;
      if (interview && typeof interview === 'object') return interview;
      throw new HireApiError({ code: -1, msg: 'success envelope without data.external_interview', status: response.status, logId: response.headers.get('x-tt-logid') ?? undefined });
    }
    throw toApiError(response, envelope, tokens.secrets);
  }

  /** Delay before the next attempt after `error`, or undefined when it must not be retried. */
  function retryDelay(error: unknown, attempt: number): number | undefined {
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
    if (error instanceof HireApiError) {
      if (error.status === 429 || error.code === ErrorCode.RateLimited) {
        return error.rateLimitResetSeconds !== undefined ? error.rateLimitResetSeconds * 1000 : backoff;
      }
      return error.status >= 500 || error.code === ErrorCode.SystemError ? backoff : undefined;
    }
    return error instanceof TypeError ? backoff : undefined; // fetch rejects with TypeError on network failures
  }

  async function update(externalInterviewId: string, body: UpdateExternalInterviewBody, options: RequestOptions = {}): Promise<ExternalInterview> {
    assertValidId(externalInterviewId);
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new HireValidationError([{ path: 'body', rule: 'type', message: 'body must be an object (the complete interview)' }]);
    }
    if (validate) (await (validator ??= import('./validate.js'))).assertValidBody(body);
    const json = JSON.stringify(body);
    const callTimeout = checkPositive('update: options.timeoutMs', options.timeoutMs ?? timeoutMs);
    const deadline = Date.now() + callTimeout;
    const timeout = AbortSignal.timeout(callTimeout);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      let token: string | undefined;
      try {
        token = await tokens.get(signal);
        const release = await limit?.(signal);
        try {
          return await send(externalInterviewId, body, json, signal, token);
        } finally {
          release?.();
        }
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (token === undefined && !tokens.retryable) throw error; // the caller's own auth function failed: as is, once
        if (error instanceof HireApiError && error.code === ErrorCode.InvalidAccessToken && token && !refreshed && tokens.invalidate(token)) {
          refreshed = true;
          attempt--;
          continue;
        }
        const delay = attempt < maxAttempts ? retryDelay(error, attempt) : undefined;
        if (delay === undefined || Date.now() + delay >= deadline) throw error;
        await sleep(delay, signal);
      }
    }
  }

  return { externalInterviews: { update }, raw };
}
