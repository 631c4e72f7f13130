import type { Server } from 'node:http';
import type { Operation } from '@feishu-hire/spec/operations';

/** App credentials accepted by the token endpoint. */
export interface MockApp {
  appId: string;
  appSecret: string;
}

/** One assessment dimension as stored (see the spec's ExternalInterviewAssessmentDimension). */
export interface MockAssessmentDimension {
  score?: number;
  option?: string;
  options?: string[];
  content?: string;
  assessment_type?: 1 | 2 | 3 | 4;
  title?: string;
  description?: string;
}

/** One interview assessment as stored (see the spec's ExternalInterviewAssessment). */
export interface MockAssessment {
  id?: string;
  /** The external key sent with the assessment, kept as is. */
  external_id?: string;
  username?: string;
  conclusion?: 1 | 2 | 3;
  assessment_dimension_list?: MockAssessmentDimension[];
  content?: string;
  /** The id of the interview the assessment belongs to (set by create and update; seeds get it when they omit it). */
  external_interview_id?: string;
}

/** An external interview as stored (the spec's ExternalInterview, with `id` and `external_application_id`). */
export interface MockInterview {
  id: string;
  /** The external system's key: create refuses one a create used less than 24 hours ago. */
  external_id?: string;
  external_application_id: string;
  participate_status?: 1 | 2 | 3;
  begin_time?: number;
  end_time?: number;
  interview_assessments?: MockAssessment[];
  [field: string]: unknown;
}

/** A static token bound to an app: it shares that app's rate-limit quota with the tokens the endpoint issues to it. */
export interface MockStaticToken {
  token: string;
  /** The app it belongs to. Without it, the token counts as its own app. */
  appId?: string;
}

/** The kinds of {@link MockFault}. */
export type MockFaultKind = 'system-error' | 'rate-limit' | 'latency' | 'reset' | 'stall';

/**
 * A fault the mock injects, to test a client's retry and timeout code. It hits the requests of `operationId`
 * (default: every operation that needs a token, so not the token endpoint), counted after routing:
 * the next `times` of them, or each with probability `share`, or (neither given) every one.
 * - `system-error`: HTTP 500 with the operation's system_error code (1002001 系统异常); the operation does not run.
 * - `rate-limit`: HTTP 429 with the rate_limited code (99991400) and `x-ogw-ratelimit-limit` / `x-ogw-ratelimit-reset`
 *   (`resetSeconds`, default 1); the operation does not run.
 * - `latency`: waits `ms` before handling the request as usual (not run if the client went away meanwhile).
 * - `reset`: resets the connection (TCP RST) without answering; the operation does not run.
 * - `stall`: the operation runs, then its answer stops after the headers and half of the body, and never finishes.
 */
export interface MockFault {
  kind: MockFaultKind;
  /** The share of matching requests hit, 0..1 (drawn with the `random` option). Not with `times`. */
  share?: number;
  /** Hit the next N matching requests, then the fault is gone. Not with `share`. */
  times?: number;
  /** The operation hit (default: every operation that needs a token). */
  operationId?: string;
  /** `latency` only (required there): milliseconds added before the request is handled. */
  ms?: number;
  /** `rate-limit` only: the `x-ogw-ratelimit-reset` seconds (default 1). */
  resetSeconds?: number;
}

/** A fault added with `mock.faults.inject()`. */
export interface MockFaultHandle {
  readonly fault: Readonly<MockFault>;
  /** How many requests it has hit so far. */
  readonly fired: number;
  /** Removes the fault (no-op once it is gone). */
  remove(): void;
}

/** Options of {@link startMockServer}; every one is optional. */
export interface MockServerOptions {
  /** Address to listen on. Default `'127.0.0.1'`. */
  host?: string;
  /** Port; `0` (default) lets the OS pick one. */
  port?: number;
  /** App credentials the token endpoint accepts. Default `[{ appId: 'cli_mock_app', appSecret: 'mock_app_secret' }]`. */
  apps?: MockApp[];
  /**
   * Static tokens that are always valid (never expire), for tests. A string (or `{ token }`) counts as its own app for
   * rate limits; `{ token, appId }` shares the quota of app `appId`.
   */
  tokens?: (string | MockStaticToken)[];
  /** Lifetime of issued tokens in seconds (the `expire` answered), 1..7200. Default 7200. */
  tokenTtlSeconds?: number;
  /**
   * Requests per second per app for every operation the spec gives a rate limit (`x-feishu-rate-limit`), counted
   * per operation; `0` or `false` turns every limit off. Default: each operation's own limit (10/s for create, batch
   * query and update; none for delete and the token endpoint).
   */
  rateLimitPerSecond?: number | false;
  /** Seed interviews. Default: one interview `6960663240925956660` of application `6960663240925956437`. */
  interviews?: MockInterview[];
  /** JSON file with seed interviews: an array, or `{ "interviews": [...] }`. Added to `interviews`. */
  seedFile?: string;
  /** Largest accepted request body in bytes. Default 1 MiB (1048576). */
  maxBodyBytes?: number;
  /**
   * Milliseconds within which a whole request (headers and body) must arrive, else it is answered 408 in the envelope
   * and the connection closed; its headers must arrive within min(this, 60 s). `0` turns it off. Default 30000.
   */
  requestTimeoutMs?: number;
  /**
   * Reject body fields the operation's request schema does not declare (`body.x is not an allowed field`, HTTP 400
   * with the invalid_parameter code). Default `false`: they are dropped before the handler sees the body.
   */
  strictFields?: boolean;
  /** Faults injected from the start (see {@link MockFault}); `mock.faults` adds and clears them at run time. */
  faults?: MockFault[];
  /**
   * An OpenAPI document to serve instead of the bundled spec (read with `operationsOf` of `@feishu-hire/spec/model`;
   * a construct it cannot handle rejects the start naming the operation). Every operation needs a handler.
   */
  spec?: Record<string, any>;
  /** Handlers by operationId, added to the built-in ones (or replacing them). See {@link MockHandler}. */
  handlers?: Record<string, MockHandler>;
  /** Clock in milliseconds since the epoch (token expiry, rate-limit windows, the 24 hours of `external_id`). Default `Date.now`. */
  now?: () => number;
  /** Random numbers in [0, 1) for faults with a `share`. Default `Math.random`. */
  random?: () => number;
  /**
   * Receives one line per request, `disconnect ...` for a client that went away, `clientError ...` for a request
   * Node rejected (431, 400, 408), and stack traces of internal errors. Default: silent.
   */
  log?: (line: string) => void;
}

/** An answer of the mock: an HTTP status, a JSON body and extra headers. */
export interface MockReply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** What a handler gets: one authenticated, rate-limited and validated request, and the mock's state. */
export interface MockHandlerContext {
  /** The operation served (the model of `@feishu-hire/spec/model`). */
  operation: Operation;
  /** Path parameters, percent-decoded and validated. */
  path: Record<string, any>;
  /** Declared query parameters present in the URL, validated (read as their schema's type: `"20"` becomes `20`). */
  query: Record<string, any>;
  /** Declared header parameters present, validated and read as their schema's type, by lower-case name. */
  header: Record<string, any>;
  /** The parsed, validated JSON body; undefined when the operation takes none (or an optional one was not sent). */
  body: any;
  /** The request's tenant_access_token (undefined for an operation without security). */
  token: string | undefined;
  /** The interview store. */
  store: MockStore;
  /**
   * The mock's tokens: `issue(appId?)` mints a new one (lives `tokenTtlSeconds`; without `appId` it counts as its own
   * app); `grant(appId)` is the token endpoint's answer (the app's current token while it has more than 30 minutes
   * left, else a new one) as `{ token, expire }`.
   */
  tokens: { issue(appId?: string): string; grant(appId: string): { token: string; expire: number } };
  /** The mock's clock (the `now` option). */
  now: () => number;
  /** The resolved options (`apps`, `tokenTtlSeconds`, ...). */
  config: Record<string, any>;
  /** A failure of the operation's error code of `role` (`invalid_parameter`, ...), msg `<code msg>: <detail>`; throw it. */
  reject(role: string, detail?: string, headers?: Record<string, string>): MockReply;
  /** Any other answer (return or throw it), e.g. a success whose body is not `{ code, msg, data }`. */
  reply(status: number, body: unknown, headers?: Record<string, string>): MockReply;
}

/**
 * Implements one operation. Runs after the request was authenticated, rate-limited and validated against the spec;
 * returns the `data` of the success envelope (answered 200 `{ code: 0, msg: 'success', data }`) or a
 * {@link MockReply}, or throws `ctx.reject(role, detail)`. Anything else thrown answers 500 with the system error code.
 */
export type MockHandler = (context: MockHandlerContext) => unknown;

/** Which interviews a store query returns: those matching every condition given (none given: all). */
export interface MockStoreFilter {
  /** Only the interviews of this external application. */
  externalApplicationId?: string;
  /** Only the interviews with these ids (unknown ids are simply absent; a repeated id counts once). */
  ids?: readonly string[];
}

/** One page of a store query. */
export interface MockStorePage {
  /** The page's interviews, in creation order. */
  items: MockInterview[];
  /** The cursor of the page that follows; undefined on the last page. */
  next: number | undefined;
}

/** The in-memory interviews of a running mock, behind every operation. Every read and write copies; nothing is shared. */
export interface MockStore {
  /** A copy of the interview, or undefined. */
  get(id: string): MockInterview | undefined;
  /** Whether the interview exists. */
  has(id: string): boolean;
  /** Copies of the interviews matching `filter` (default: all), in creation order. */
  list(filter?: MockStoreFilter): MockInterview[];
  /**
   * At most `size` (>= 1) interviews matching `filter`, in creation order, after `cursor` (a previous page's `next`;
   * default 0, the start). What batch query answers; a cursor is a position, so deletes and creates shift no page.
   */
  page(filter: MockStoreFilter | undefined, options: { cursor?: number; size: number }): MockStorePage;
  /** Inserts or replaces an interview (assessments without id get one); throws a TypeError naming the bad field. */
  set(interview: MockInterview): MockInterview;
  /**
   * The create the POST performs (the body must already be valid): a new id, each assessment a new id and its
   * `external_interview_id`. Undefined, storing nothing, when `body.external_id` was used by a create less than
   * 24 hours ago (on the mock's clock).
   */
  create(body: Omit<MockInterview, 'id'>): MockInterview | undefined;
  /** Deletes an interview (its assessments with it); returns whether it existed. */
  delete(id: string): boolean;
  /** Restores the seed state and forgets the external_ids creates used. */
  reset(): void;
  /** The full overwrite the PUT performs (the body must already be valid); undefined for an unknown id. */
  update(id: string, body: Omit<MockInterview, 'id'>): MockInterview | undefined;
}

/** A running mock server. */
export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:54321` (use it as the SDK's `domain` or the client's `baseUrl`). */
  url: string;
  port: number;
  store: MockStore;
  /** The underlying node:http server. */
  server: Server;
  /** Fault injection at run time. */
  faults: {
    /** Adds a fault (tried after the ones before it); throws `Invalid fault: fault.<field> ...` on a bad one. */
    inject(fault: MockFault): MockFaultHandle;
    /** Removes every fault. */
    clear(): void;
    /** The active faults, in the order they are tried. */
    list(): Readonly<MockFault>[];
  };
  /** Stops the server and closes open connections (idempotent). */
  close(): Promise<void>;
}

/**
 * Starts the mock on 127.0.0.1 (an OS-picked port by default). Rejects with an Error naming a bad option, or an
 * operation of the spec without a handler (`mock-server: no handler for operation <id> (<METHOD> <path>)`).
 */
export declare function startMockServer(options?: MockServerOptions): Promise<MockServer>;

/** The default app credentials. */
export declare const DEFAULT_APPS: readonly MockApp[];
/** The default seed interviews. */
export declare const DEFAULT_INTERVIEWS: readonly MockInterview[];
/** Path of the token endpoint (operation getTenantAccessToken of the spec). */
export declare const TOKEN_PATH: string;
/** The error codes of the spec by name (its `x-feishu-error-codes`), e.g. `Codes.InvalidParameter` (1002002). */
export declare const Codes: Readonly<
  Record<'InvalidParameter' | 'SystemError' | 'RateLimited' | 'MissingAccessToken' | 'InvalidAccessToken' | 'TokenInvalidParam' | 'AppSecretInvalid', number> &
    Record<string, number>
>;
