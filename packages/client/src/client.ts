import type { components } from '../generated/schema.js';
import { createTokenSource, type HireAuth } from './auth.js';
import { createCore, type CoreSettings, type RawHireClient, type RequestInput, type RequestOptions } from './core.js';
import type { AssessmentDimensionInput } from './dimension.js';
import { externalInterviewMethods, type ExternalInterviewMethods } from './external-interviews.js';
import { HireValidationError } from './errors.js';
import type { HireOperation } from './operation.js';
import { checkPositive } from './util.js';

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

/** The client of createHireCore: the core call and the raw client, without the resource's methods. */
export type HireCore = Pick<HireClient, 'request' | 'raw'>;

/** Options of createHireClient. */
export interface HireClientOptions {
  /** A tenant_access_token, an (async) function returning one, or a self-built app's `{ appId, appSecret }`. */
  auth: HireAuth;
  /** `'feishu'` (default, https://open.feishu.cn), `'lark'` (https://open.larksuite.com) or any http(s) URL. */
  baseUrl?: 'feishu' | 'lark' | (string & {});
  /**
   * Client-side limit in requests per second of each operation (default: the operation's own limit from the spec);
   * `false` turns it off. A slot is reused one second after the response of its previous call, so the server never
   * sees more than this in any second.
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

/** The client returned by createHireClient. */
export interface HireClient {
  externalInterviews: ExternalInterviewMethods & {
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
  /**
   * Calls any operation, one the client has no method for yet included, with every guarantee of the methods: the
   * token, the operation's own rate limiter, retries, one token refresh after `ErrorCode.InvalidAccessToken`, the
   * envelope check, the deadline and the signal (and, with `validate: true`, the body check of an operation of this
   * client's spec). The methods are thin calls of it.
   *
   * Resolves to the envelope's `data` (type it with `T`). Rejects like the methods: HireApiError, HireValidationError
   * (a path parameter missing or not one path segment), or the abort/timeout reason.
   * @param operation A generated constant (`updateExternalInterview`, ...) or `operationFromModel(op)` of an operation
   *   of `@feishu-hire/spec/model`.
   * @param input `path` and `query` parameters and the JSON `body`.
   * @param options `signal` and `timeoutMs` of this call.
   */
  request<T = unknown>(operation: HireOperation, input?: RequestInput, options?: RequestOptions): Promise<T>;
  /** The underlying openapi-fetch client (auth added by middleware; no retries, limiter or envelope checks). */
  raw: RawHireClient;
}

const HOSTS: Record<string, string> = { feishu: 'https://open.feishu.cn', lark: 'https://open.larksuite.com' };

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

/** The settings of the core, checked, from the options of createHireClient. */
function coreSettings(options: HireClientOptions): CoreSettings {
  const auth = checkAuth(options.auth);
  const baseUrl = resolveBaseUrl(options.baseUrl ?? 'feishu');
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') throw new TypeError('createHireClient: fetch must be a function (no global fetch found)');
  const timeoutMs = checkPositive('timeoutMs', options.timeoutMs ?? 30_000);
  const rate = options.rateLimit;
  const rateLimit = rate === undefined ? undefined : rate === false || rate === 0 ? false : checkPositive('rateLimit', typeof rate === 'object' ? rate.requestsPerSecond : rate, true);
  const retry = options.retry === false ? { maxAttempts: 1 } : (options.retry ?? {});
  return {
    baseUrl,
    fetchFn,
    tokens: createTokenSource(auth, baseUrl, fetchFn, timeoutMs),
    timeoutMs,
    rateLimit,
    retry: {
      maxAttempts: checkPositive('retry.maxAttempts', retry.maxAttempts ?? 3, true),
      baseDelayMs: checkPositive('retry.baseDelayMs', retry.baseDelayMs ?? 500),
      maxDelayMs: checkPositive('retry.maxDelayMs', retry.maxDelayMs ?? 8_000),
    },
  };
}

/** Creates a client of the Hire API: `externalInterviews` with every method, `request` and `raw`. */
export function createHireClient(options: HireClientOptions): HireClient {
  const core = createHireCore(options);
  return { externalInterviews: externalInterviewMethods(core), ...core };
}

/**
 * A client without `externalInterviews`, `{ request, raw }`, for the functions `createInterview(core, body)`,
 * `updateInterview(core, id, body)`, ...: an app bundles only the functions it imports, while `createHireClient`'s
 * methods are all bundled with it (an object's methods cannot be tree-shaken). The options and guarantees of
 * createHireClient (its errors name createHireClient's options).
 */
export function createHireCore(options: HireClientOptions): HireCore {
  if (!options || typeof options !== 'object') throw new TypeError('createHireClient: options must be an object with at least `auth`');
  const { raw, call } = createCore(coreSettings(options));
  let validator: Promise<typeof import('./validate.js')> | undefined;
  /** Throws HireValidationError when `body` breaks the spec's schema of the operation (`validate: true` only). */
  const validateBody = async (operationId: string, body: unknown): Promise<void> => {
    const issues = options.validate === true ? (await (validator ??= import('./validate.js'))).bodyIssues(operationId, body) : [];
    if (issues.length) throw new HireValidationError(issues);
  };

  async function request<T = unknown>(operation: HireOperation, input: RequestInput = {}, callOptions?: RequestOptions): Promise<T> {
    if (input.body !== undefined) await validateBody(operation.operationId, input.body);
    return (await call(operation, input, callOptions, 'request')).data as T;
  }

  return { request, raw };
}
