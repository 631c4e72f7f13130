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
  /**
   * Seed records by resource name, e.g. `{ external_interview: [...] }`. Given (or `interviews`, or `seedFile`), it
   * replaces the default seed: the records the spec's examples show ({@link DEFAULT_SEED}). Each record is valid for
   * its resource's schema, with a non-empty `id` and its parent field; with `parentChecks`, each parent of the spec
   * it names is seeded too.
   */
  seed?: Record<string, Record<string, unknown>[]>;
  /** Seed external interviews (the first versions' option): added to `seed.external_interview`. */
  interviews?: MockInterview[];
  /**
   * JSON seed file: `{ "<resource>": [records], ... }`, or (the first versions' format) an array of external
   * interviews or `{ "interviews": [...] }`. Added to `seed` and `interviews`.
   */
  seedFile?: string;
  /** The store's limits (see {@link MockLimits}); each one given replaces its default ({@link DEFAULT_LIMITS}). */
  limits?: Partial<MockLimits>;
  /**
   * Referential checks (default `true`): a write naming a parent that is a resource of the spec must name a stored
   * one (else 400 invalid_parameter naming the field), a record is not deleted while records of the spec name it as
   * their parent, and a seed holds the parents its records name. `false` turns them off.
   */
  parentChecks?: boolean;
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
   * a construct it cannot handle rejects the start naming the operation). An operation of a resource gets the
   * default handler of its role; any other operation needs a handler.
   */
  spec?: Record<string, any>;
  /** Handlers by operationId, replacing the default handler of an operation's role or a built-in one. See {@link MockHandler}. */
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

/**
 * The store's limits, so that its memory stays bounded; reaching one is answered 400 with the operation's
 * invalid_parameter code, naming the limit. A bound the spec states (`maxItems`) is enforced by the validation.
 */
export interface MockLimits {
  /** Records of each resource. Default 100000. */
  records: number;
  /** Items of any list of one record (e.g. an interview's assessments), at any depth. Default 1000. */
  listItems: number;
  /** Ids of a list query's id list (the spec's `maxItems` of that list instead, when it states one). Default 1000. */
  idList: number;
  /** Idempotency keys of each resource within their window; a create needing one more is refused. Default 1000000. */
  idempotencyKeys: number;
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
  /** The store of every resource (`store.resource(name)`), with the first versions' interview methods. */
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

/**
 * Which records a store query returns: those matching every condition given (none given: all). The parent may also be
 * named by the resource's parent field (`external_application_id`) or its camelCase (`externalApplicationId`).
 */
export interface MockStoreFilter {
  /** Only the records of this parent (the value of the resource's parent field). */
  parent?: string;
  /** Only the interviews of this external application (the first versions' name of `parent`). */
  externalApplicationId?: string;
  /** Only the records with these ids (unknown ids are simply absent; a repeated id counts once). */
  ids?: readonly string[];
  [parentField: string]: string | readonly string[] | undefined;
}

/** One page of a store query. */
export interface MockStorePage<T = MockInterview> {
  /** The page's records, in creation order. */
  items: T[];
  /** The cursor of the page that follows; undefined on the last page. */
  next: number | undefined;
}

/**
 * The records of one resource of the spec (`mock.store.resource(name)`), in creation order, indexed by parent. Every
 * read and write copies; nothing is shared. A write throws a `StoreRefusal` (an Error) over a limit or naming a
 * missing parent, and changes nothing then.
 */
export interface MockResourceStore<T = Record<string, any>> {
  /** The resource's name. */
  readonly plan: { readonly name: string; readonly resource: Record<string, any> };
  /** A copy of the record, or undefined. */
  get(id: string): T | undefined;
  /** Whether the record exists. */
  has(id: string): boolean;
  /** How many records match `filter` (default: all). */
  count(filter?: MockStoreFilter): number;
  /** Copies of the records matching `filter` (default: all), in creation order. */
  list(filter?: MockStoreFilter): T[];
  /**
   * At most `size` (>= 1) records matching `filter`, in creation order, after `cursor` (a previous page's `next`;
   * default 0, the start). What a list operation answers; a cursor is a position, so deletes and creates shift no
   * page. Costs O(size + log n) by parent or id list.
   */
  page(filter: MockStoreFilter | undefined, options: { cursor?: number; size: number }): MockStorePage<T>;
  /**
   * The create the POST performs (the body must already be valid): a new id, each list item with a readOnly `id` a
   * new one. Undefined, storing nothing, when the body repeats the resource's idempotency key within its window.
   */
  create(body: Record<string, any>): T | undefined;
  /** The full overwrite (the body must already be valid): every list item a new id; undefined for an unknown id. */
  update(id: string, body: Record<string, any>): T | undefined;
  /** The partial update: the body's fields merged onto the record (a list sent replaces the stored one); undefined for an unknown id. */
  patch(id: string, body: Record<string, any>): T | undefined;
  /** Deletes a record; returns whether it existed. Refused (throws) while records of the spec name it as their parent. */
  delete(id: string): boolean;
  /** Inserts or replaces a record as is (list items keep their ids, missing ones are assigned); throws a TypeError naming a bad field. */
  set(record: T): T;
  /** How many idempotency keys are within their window. */
  keysTaken(): number;
}

/**
 * The in-memory store of a running mock, behind every operation: `resource(name)` gives one resource's records. The
 * other methods are the first versions' (which held external interviews only), each applied to
 * `resource('external_interview')`.
 */
export interface MockStore extends Omit<MockResourceStore<MockInterview>, 'plan' | 'count' | 'patch' | 'keysTaken' | 'create' | 'update'> {
  /** The records of resource `name` of the spec (throws naming it when the spec has none). */
  resource<T = Record<string, any>>(name: string): MockResourceStore<T>;
  /** The names of the spec's resources, parents first. */
  resources(): string[];
  /** Restores the seed state of every resource and forgets the idempotency keys creates took. */
  reset(): void;
  /** The create of an external interview; undefined when `body.external_id` was used by a create less than 24 hours ago. */
  create(body: Omit<MockInterview, 'id'>): MockInterview | undefined;
  /** The full overwrite of an external interview; undefined for an unknown id. */
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
 * operation of the spec of no resource without a handler (`mock-server: no handler for operation <id> (<METHOD> <path>)`).
 */
export declare function startMockServer(options?: MockServerOptions): Promise<MockServer>;

/** The default app credentials. */
export declare const DEFAULT_APPS: readonly MockApp[];
/** The default seed of the bundled spec by resource name: the records its examples show. */
export declare const DEFAULT_SEED: Readonly<Record<string, readonly Record<string, any>[]>>;
/**
 * The first versions' default interview (`6960663240925956660` with the update page's request example); no longer
 * the default seed ({@link DEFAULT_SEED} is), kept as an example interview for its callers.
 */
export declare const DEFAULT_INTERVIEWS: readonly MockInterview[];
/** The default limits of the store (see {@link MockLimits}). */
export declare const DEFAULT_LIMITS: Readonly<MockLimits>;
/** Path of the token endpoint (operation getTenantAccessToken of the spec). */
export declare const TOKEN_PATH: string;
/** The error codes of the spec by name (its `x-feishu-error-codes`), e.g. `Codes.InvalidParameter` (1002002). */
export declare const Codes: Readonly<
  Record<'InvalidParameter' | 'SystemError' | 'RateLimited' | 'MissingAccessToken' | 'InvalidAccessToken' | 'TokenInvalidParam' | 'AppSecretInvalid', number> &
    Record<string, number>
>;
