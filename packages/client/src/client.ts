import { resourceNamespaces, type ExternalInterview, type HireResources, type UpdateExternalInterviewBody } from '../generated/resources.js';
import { createTokenSource, type HireAuth, type TokenSource } from './auth.js';
import { callOperation, type CoreSettings, type HireValidator, type RequestInput, type RequestOptions } from './core.js';
import { sharedRateLimiter, type HireRateLimiter } from './limiter.js';
import type { HireOperation } from './operation.js';
import type { OperationTypesOf, RequestArgs, ResponseDataOf, TypedOperation, UntypedOperation } from './operation-types.js';
import { nodeSend } from './node-transport.js';
import type { HireHooks, SendFn, Transport } from './transport.js';
import { checkPositive } from './util.js';

/** The package version, set by the build (tsup) and the tests (vitest). */
declare const __CLIENT_VERSION__: string;
/** True in the package's `node` build (the `node` export condition), false in the build for every other runtime. */
declare const __NODE_BUILD__: boolean;

// Without a `fetch` option the Node build sends with node:http (a third of fetch's CPU per call, see node-transport.ts);
// the other build, and Node before getBuiltinModule (20.16), with the global fetch.
const defaultSend: SendFn | undefined = __NODE_BUILD__ ? nodeSend() : undefined;

// The types sync.ts and the full-overwrite helpers name the interview by (generated from the resource model).
export type { ExternalInterview, UpdateExternalInterviewBody };

/** The client of createHireCore: the core call, without the resource's methods. */
export type HireCore = Pick<HireClient, 'request'>;

/** Options of createHireClient and createHireCore. Every optional one may also be given as `undefined` (its default). */
export interface HireClientOptions {
  /** A tenant_access_token, an (async) function returning one, or a self-built app's `{ appId, appSecret }`. */
  auth: HireAuth;
  /** `'feishu'` (default, https://open.feishu.cn), `'lark'` (https://open.larksuite.com) or any http(s) URL. */
  baseUrl?: 'feishu' | 'lark' | (string & {}) | undefined;
  /**
   * The app this client calls as, for the rate limits shared between clients (default: `auth.appId`). Set it when
   * `auth` is a token or a token function and other clients or processes call as the same app.
   */
  appId?: string | undefined;
  /**
   * Client-side limit in requests per second of each operation (default: the operation's own limit from the spec);
   * `false` turns it off. A slot is reused one second after the response of its previous call, so the server never
   * sees more than this in any second.
   */
  rateLimit?: number | false | { requestsPerSecond: number } | undefined;
  /**
   * Where the rate limits are counted (default: one limiter shared by every client of this process, keyed by base URL,
   * app and operation). `createMemoryRateLimiter()` gives a client limits of its own; `bottleneckRateLimiter()` of
   * `@feishu-hire/client/bottleneck` shares them between processes through Redis; or any `HireRateLimiter`.
   */
  limiter?: HireRateLimiter | undefined;
  /** Retries of rate limits, 5xx, lost connections and attempt timeouts (default 3 attempts, backoff from 500 ms up to 8 s); `false`: one attempt. */
  retry?: false | { maxAttempts?: number | undefined; baseDelayMs?: number | undefined; maxDelayMs?: number | undefined } | undefined;
  /** Deadline of one attempt in ms, from its rate-limiter slot to the end of its response, token included (default 30000). */
  timeoutMs?: number | undefined;
  /** Deadline of a whole call in ms: the rate-limiter queue, every attempt and every wait (default: none). */
  totalTimeoutMs?: number | undefined;
  /**
   * Checks each body against the spec before sending, throwing HireValidationError naming the field and rule:
   * `validateRequest` of `@feishu-hire/client/validate` (its own entry point, loaded only by apps that import it).
   */
  validate?: HireValidator | false | undefined;
  /** The fetch to use (default globalThis.fetch); wrap it to add a proxy (see the README) or anything else. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Headers sent with every request, token requests included (a `user-agent` here replaces the client's). */
  headers?: Record<string, string> | undefined;
  /** Functions called for every attempt of every operation: `onRequest`, `onResponse`, `onRetry`. */
  hooks?: HireHooks | undefined;
}

/**
 * The client returned by createHireClient: a namespace per resource of the spec (`externalInterviews`), generated from
 * its roles, and `request`, the one core every method calls.
 */
export interface HireClient extends HireResources {
  /**
   * Calls any operation, one the client has no method for included, with every guarantee of the methods: the token,
   * the operation's own rate limiter, retries, one token refresh after `ErrorCode.InvalidAccessToken`, the envelope
   * check, the deadlines and the signal (and, with `validate`, the body check of an operation of this client's spec).
   * The methods are thin calls of it.
   *
   * With an operation constant of the spec (`updateExternalInterview`, ...), the input is typed by the spec (path and
   * query parameters, body) and the call resolves to the envelope's `data` as the spec types it: no type argument.
   * With an operation of another spec (`operationFromModel(op)`), it resolves to `T`.
   * Rejects like the methods (HireValidationError also for a path parameter missing or not one path segment).
   * @param operation A generated constant (`updateExternalInterview`, ...) or `operationFromModel(op)` of an operation
   *   of `@feishu-hire/spec/model`.
   * @param input `path` and `query` parameters and the JSON `body`.
   * @param options `signal`, `timeoutMs` and `totalTimeoutMs` of this call.
   */
  request<T = unknown>(operation: UntypedOperation, input?: RequestInput, options?: RequestOptions): Promise<T>;
  request<O extends TypedOperation<object>>(operation: O, ...args: RequestArgs<O>): Promise<ResponseDataOf<OperationTypesOf<O>>>;
}

/** What `createRawClient` of `@feishu-hire/client/raw` reads from a client. */
export interface RawTransport {
  baseUrl: string;
  fetch: typeof fetch;
  headers: Record<string, string>;
  token(signal: AbortSignal): Promise<string>;
}
/** The key of a client's RawTransport (a global symbol: the ESM and CommonJS builds share it). */
export const RAW_TRANSPORT = Symbol.for('@feishu-hire/client.raw');

const HOSTS: Record<string, string> = { feishu: 'https://open.feishu.cn', lark: 'https://open.larksuite.com' };

/** Throws the TypeError of a bad option: `createHireClient: <name> must be <what>`. */
function bad(name: string, what: string): never {
  throw new TypeError(`createHireClient: ${name} must be ${what}`);
}

/** Resolves `'feishu'`, `'lark'` or an http(s) URL to a base URL without a trailing slash. */
function resolveBaseUrl(baseUrl: string): string {
  const url = Object.hasOwn(HOSTS, baseUrl) ? HOSTS[baseUrl]! : baseUrl;
  if (!/^https?:\/\/[^/]/i.test(url) || !URL.canParse(url)) bad('baseUrl', `'feishu', 'lark' or an http(s) URL, got ${JSON.stringify(baseUrl)}`);
  return url.replace(/\/+$/, '');
}

/** Checks `auth` and returns it (never echoing a secret). */
function checkAuth(auth: unknown): HireAuth {
  if ((typeof auth === 'string' && auth) || typeof auth === 'function') return auth as HireAuth;
  if (!auth || typeof auth !== 'object') bad('auth', 'a non-empty token string, a function returning a token, or { appId, appSecret }');
  const { appId, appSecret } = auth as Record<string, unknown>;
  if (typeof appId === 'string' && appId && typeof appSecret === 'string' && appSecret) return { appId, appSecret };
  return bad('auth.appId and auth.appSecret', 'non-empty strings');
}

// Node, Deno and Bun let a request name its client; a browser sends its own User-Agent (and would preflight ours).
const USER_AGENT = typeof navigator !== 'undefined' && /^Mozilla\//.test(navigator.userAgent) ? undefined : `feishu-hire-client/${__CLIENT_VERSION__}`;

/** Headers of every request by lower-case name: the user-agent, then the `headers` option. */
function defaultHeaders(headers: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = USER_AGENT ? { 'user-agent': USER_AGENT } : {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string' || /^authorization$/i.test(name)) bad(`headers.${name}`, 'a string (and the token goes in auth)');
    out[name.toLowerCase()] = value;
  }
  return out;
}

// Ids of tokens and token functions. Why the map is bounded: clients made per request with ever new tokens or functions
// would grow it forever (after a clear they get new ids). A process that loads both the ESM and the CommonJS build has
// two maps: two apps may then get one id and share one quota, slower but never over it.
const ids = new Map<unknown, number>();
let lastId = 0;

/** The app part of the client's limiter keys: `appId`, `auth.appId`, or a process-wide id of the token or token function. */
function appOf(auth: HireAuth, appId: string | undefined): string {
  if (appId !== undefined) return typeof appId === 'string' && appId ? appId : bad('appId', 'a non-empty string');
  if (typeof auth === 'object') return auth.appId;
  // A token is never part of a key (keys reach limiters, and Redis): it gets an id.
  let id = ids.get(auth);
  if (id === undefined) {
    if (ids.size >= 1000) ids.clear();
    ids.set(auth, (id = ++lastId));
  }
  return `auth#${id}`;
}

/** Creates a client of the Hire API: a namespace per resource of the spec (`externalInterviews`), and `request`. */
export function createHireClient(options: HireClientOptions): HireClient {
  const core = createHireCore(options);
  return { ...resourceNamespaces(core), ...core };
}

/**
 * A client without the resources' namespaces, `{ request }`, for the functions `createInterview(core, body)`,
 * `updateInterview(core, id, body)`, ...: an app bundles only the functions it imports, while `createHireClient`'s
 * methods are all bundled with it (an object's methods cannot be tree-shaken). The options and guarantees of
 * createHireClient (its errors name createHireClient's options).
 */
export function createHireCore(options: HireClientOptions): HireCore {
  const auth = checkAuth(options?.auth);
  const baseUrl = resolveBaseUrl(options.baseUrl ?? 'feishu');
  const { fetch: fetchFn = globalThis.fetch, validate, limiter = sharedRateLimiter(), rateLimit: rate } = options;
  if (typeof fetchFn !== 'function') bad('fetch', 'a function (there is no global fetch)');
  const send = (__NODE_BUILD__ && !options.fetch && defaultSend) || fetchFn;
  if (validate && typeof validate !== 'function') bad('validate', "validateRequest of '@feishu-hire/client/validate'");
  if (typeof limiter?.schedule !== 'function') bad('limiter', 'a HireRateLimiter');
  const retry = options.retry === false ? { maxAttempts: 1 } : (options.retry ?? {});
  const transport: Transport = {
    fetchFn: send,
    headers: defaultHeaders(options.headers),
    hooks: options.hooks ?? {},
    timeoutMs: checkPositive('createHireClient: timeoutMs', options.timeoutMs ?? 30_000),
  };
  const tokens: TokenSource = createTokenSource(auth, baseUrl, transport);
  const settings: CoreSettings = {
    baseUrl,
    transport,
    tokens,
    totalTimeoutMs: options.totalTimeoutMs === undefined ? undefined : checkPositive('createHireClient: totalTimeoutMs', options.totalTimeoutMs),
    rateLimit: rate === undefined ? undefined : rate === false || rate === 0 ? false : checkPositive('createHireClient: rateLimit', typeof rate === 'object' ? rate.requestsPerSecond : rate, true),
    limiter,
    app: appOf(auth, options.appId),
    retry: {
      maxAttempts: checkPositive('createHireClient: retry.maxAttempts', retry.maxAttempts ?? 3, true),
      baseDelayMs: checkPositive('createHireClient: retry.baseDelayMs', retry.baseDelayMs ?? 500),
      maxDelayMs: checkPositive('createHireClient: retry.maxDelayMs', retry.maxDelayMs ?? 8_000),
    },
    validate: validate || undefined,
  };

  async function request<T = unknown>(operation: HireOperation, input: RequestInput = {}, callOptions?: RequestOptions): Promise<T> {
    return (await callOperation(settings, operation, input, callOptions)).data as T;
  }

  const raw: RawTransport = { baseUrl, fetch: fetchFn, headers: transport.headers, token: (signal) => tokens.get(signal) };
  return { request, [RAW_TRANSPORT]: raw } as unknown as HireCore;
}
