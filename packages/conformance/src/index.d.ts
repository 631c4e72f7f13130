import type { Operation, Resource, ResourceRole } from '@feishu-hire/spec/model';

/** A generated conformance case (see generated/cases.json). */
export interface ConformanceCase {
  /** Starts with the operationId, e.g. `updateExternalInterview.invalid.enum:/participate_status`. */
  id: string;
  /** The operation of the spec the case exercises. */
  operationId: string;
  title: string;
  /**
   * `state`: the read-back of an operation that writes to a target record (sends nothing of its own, has no
   * `request`); `lifecycle`: a resource's lifecycle (several requests, see `lifecycle`).
   */
  kind: 'valid' | 'invalid' | 'auth' | 'rate-limit' | 'state' | 'lifecycle' | 'not-found' | 'paging' | 'idempotency' | 'token';
  /** True when the case writes data; such cases run only with allowWrites. */
  writes: boolean;
  /** The lifecycle case's resource (its steps come from the roles of the resource's operations). */
  lifecycle?: { resource: string };
  /** `'checkRateLimit'`: the rate-limit check (on by default with writes); `'expiredToken'`: needs an expired token. */
  optIn?: 'checkRateLimit' | 'expiredToken';
  /** Number of concurrent requests of a burst case. */
  burst?: number;
  request?: {
    method: string;
    /** The operation's path template, expanded at run time with `pathParams`. */
    path: string;
    /**
     * One value per path parameter: a placeholder `$path.<name>` (see `pathPlaceholder`), filled at run time with the
     * run's target of the resource (or a non-existent id) for the resource's id parameter, else the run's `pathParams`
     * or the parameter's example; path cases carry their own (invalid) value.
     */
    pathParams: Record<string, string>;
    /** Query parameters, as sent. */
    query: Record<string, string>;
    /** `authorization: '$token'` is replaced by `Bearer <token>`, `'$expiredToken'` by `Bearer <an expired token>`. */
    headers: Record<string, string>;
    body?: unknown;
    rawBody?: string;
  };
  /**
   * `envelope` names the spec's component schema of the expected response body; `field` (rejection cases) is the
   * field the case breaks, e.g. `interview_assessments[1].conclusion`, `Content-Type`, `query.page_size`: a msg naming
   * it as a whole token is extra evidence, never required; `semantics` (valid cases): a success must also pass the
   * operation's entry in `SEMANTICS`.
   */
  expect: { status: number | 'not-2xx'; envelope?: string; code?: number | number[]; semantics?: boolean; headers?: string[]; field?: string };
}

/**
 * What a success of one operation must echo or change (see src/semantics.js): derived from the operation's role in
 * its resource for every operation of a resource; named (by operationId) for an operation of no resource.
 */
export interface SemanticsEntry {
  /** Its valid cases change data: they run only with allowWrites. */
  writes: boolean;
  /** The operation's role in its resource's lifecycle, and that resource (derived entries). */
  role?: ResourceRole;
  resource?: Resource;
  /** By-id writes: the path parameter naming the record written to (the run's target, or a non-existent id). */
  target?: string;
  /** With `target`: its rejections go to a non-existent id even in a writing run (a delete). */
  nonexistentTarget?: boolean;
  /** With `target`: each valid case goes to a record the run creates for it (a delete). */
  freshTarget?: boolean;
  /** What a success does, appended to the titles of its valid cases. */
  success?: string;
  /**
   * The body case `c` (or the operation's control request, `kind: 'control'`) sends, or why the case cannot run; the
   * run's own values (a parent, an idempotency key) are already in every field the case does not break.
   */
  prepare?(body: unknown, run: ConformanceOptions, c: Pick<ConformanceCase, 'id' | 'kind' | 'expect' | 'request'> | { kind: 'control'; expect: {}; request: ConformanceCase['request'] }): { body: unknown } | { skip: string };
  /** The problems of a success answer `body` to a valid case that sent `sent` to the path parameters `path` and query `query`. */
  check(answer: { sent: unknown; body: any; path: Record<string, string>; query?: Record<string, string>; doc: Record<string, any>; operation: Operation }): string[];
  /** The problems of the state read back after an accepted write of `sent` (`before`: the state before it). */
  stateProblems?(context: { sent: unknown; state: any; before?: any; targetId?: string; doc: Record<string, any>; operation: Operation }): string[];
  /** A create: the id its success answer assigns. */
  createdId?(body: any): unknown;
  /** The token endpoint only: its request body from app credentials, the token of its answer, its wrong-secret case. */
  token?: {
    request(credentials: { appId?: string; appSecret?: string }): unknown;
    read(body: any): unknown;
    wrongSecret?: { field: string; value: string; role: string };
    /** A second request answers the same token while the first has more than this many seconds left. */
    reuse?: { whileSecondsLeft: number };
  };
}

/** One answer of the server. */
export interface Answer {
  status: number;
  headers: Headers;
  contentType: string;
  body: any;
  code?: unknown;
  msg?: string;
}

/** How the server answered an operation's valid control requests (sent once per run, to the run's target). */
export interface ControlAnswer {
  operationId: string;
  /** The id the controls went to (a writing operation's target), if any. */
  target?: string;
  /** Why no control was sent (a writing operation without a target, in a reject-only run): only a msg naming the field confirms. */
  unsent?: string;
  base?: Answer;
  alt?: Answer;
  /** The base control got a success: any expected rejection is then confirmed. */
  accepted: boolean;
  /** Both controls got the same status, code and msg: a rejection with another msg is then confirmed. */
  msgStable: boolean;
}

/** The outcome of one case. */
export interface CaseResult {
  id: string;
  title: string;
  kind: ConformanceCase['kind'];
  /** `unconfirmed`: it ran, but its answer cannot tell a correct server from a broken one (see `reason`). */
  status: 'passed' | 'failed' | 'unconfirmed' | 'skipped';
  /** Why it failed, is unconfirmed or was skipped ('' when passed). */
  reason: string;
  problems: string[];
  /** Passed rejection and rate-limit cases: what tells a correct server from a broken one. */
  evidence?: string;
  durationMs: number;
  response?: { status: number; code?: number; logId?: string };
}

/** The outcome of a run. */
export interface ConformanceRun {
  results: CaseResult[];
  passed: number;
  failed: number;
  unconfirmed: number;
  skipped: number;
  /** How the server answered each operation's valid control requests. */
  controls: ControlAnswer[];
  /** The records a writing run created and could not delete at its end (`<resource> <id>`). */
  leftovers: string[];
  durationMs: number;
}

export interface ConformanceOptions {
  /** Server to test, e.g. `https://open.feishu.cn` or the mock's URL. */
  baseUrl: string;
  /** tenant_access_token; or give appId and appSecret to fetch one. */
  token?: string;
  appId?: string;
  appSecret?: string;
  /**
   * The records a writing run writes to, by name: a resource's id parameter (the record its updates and patches write
   * to) or the field naming a resource's parent (the record its creates go under). Without one, the run creates the
   * record (and deletes it at the end). Only with allowWrites (a TypeError otherwise): a reject-only run sends every
   * by-id case to a random non-existent id (`conformance-nonexistent-<hex>`). See `targetNames()`.
   */
  targets?: Record<string, string>;
  /** Run the cases that write: creates, updates (overwrite), patches, deletes, lifecycles. Default false. */
  allowWrites?: boolean;
  /** Use the msg as evidence (a msg differing from the controls', or naming the broken field). It is never required. Default true. */
  checkMsg?: boolean;
  /** Run the rate-limit check (both sides of the documented limit). Default: allowWrites. */
  checkRateLimit?: boolean;
  /** A token that has expired, or a function resolving to one (the expired-token cases are skipped without it). */
  expiredToken?: string | (() => Promise<string>);
  /** Reads a stored record of a resource the spec gives no way to read over HTTP (e.g. a mock's store). */
  readState?: (id: string, resourceName: string) => unknown;
  /** The clock the run waits on (pacing, rate-limit windows): default the real one; createVirtualClock() for a server on the same clock. */
  clock?: Clock;
  /** Called when an operation's control answers are learnt. */
  onControl?: (control: ControlAnswer) => void;
  /**
   * The most requests per second of each operation. Default 8. Each operation is also paced at 80% of its own
   * documented limit, and operations run side by side. 0 = unpaced.
   */
  rate?: number;
  /** Per-request timeout in ms. Default 10000. */
  timeoutMs?: number;
  /** Cases to run (default: generated from `spec` when given, else generated/cases.json). */
  cases?: ConformanceCase[];
  /** Run only the cases whose id this matches (`--only`). */
  only?: RegExp;
  /** OpenAPI document the cases come from, to validate responses against (default: @feishu-hire/spec). */
  spec?: Record<string, any>;
  /** Entries added to (or replacing those of) the response semantics, by operationId, e.g. for an operation of no resource. */
  semantics?: Record<string, SemanticsEntry>;
  /** Values of path parameters by name (default: each parameter's example; a resource's id comes from its target). */
  pathParams?: Record<string, string>;
  /** Called after each case. */
  onResult?: (result: CaseResult) => void;
  fetch?: typeof globalThis.fetch;
}

/** A clock: `now()` in ms and `sleep(ms)`. */
export interface Clock {
  virtual: boolean;
  now(): number;
  sleep(ms: number): Promise<void>;
}
/** A virtual clock: sleeping and advance() move it on at once (give its `now` to the mock's `now` option). */
export declare function createVirtualClock(start?: number): Clock & { advance(ms: number): void };
/** The real clock. */
export declare const REAL_CLOCK: Clock;
/** Asks the spec's token operation for a tenant token; resolves to the token and its `expire` (seconds). */
export declare function issueToken(options: { baseUrl: string; appId: string; appSecret: string; fetch?: typeof globalThis.fetch; timeoutMs?: number; spec: Record<string, any>; semantics?: Record<string, SemanticsEntry> }): Promise<{ token: string; expire?: number }>;
/** Whether a msg names a field as a whole token (not part of a longer name, not an echoed JSON key). */
export declare function namesField(msg: unknown, field: string): boolean;
/** Whether a received Content-Type is exactly a documented one. */
export declare function mediaTypeMatches(documented: string, received: string | undefined): boolean;
/** A one-line description of a control answer. */
export declare function describeControl(control: ControlAnswer): string;
/** The control requests of every operation (`base`: the request every rejection case breaks in one place; `alt`: the required fields only). */
export declare function generateControls(doc: Record<string, any>, options?: { semantics?: Record<string, SemanticsEntry> }): Record<string, { base: NonNullable<ConformanceCase['request']>; alt: NonNullable<ConformanceCase['request']> }>;
/** One probe per JSON type a flattened schema does not allow. */
export declare function typeProbes(schema: Record<string, any>, valid: unknown): { rule: string; title: string; value: unknown }[];
/** The values outside an enum: below, between (a gap) and above a numeric enum, else a string it does not hold. */
export declare function enumProbes(values: unknown[], baseType?: string): { rule: string; title: string; value: unknown }[];
/** A copy of a valid value where every list holds at least two items. */
export declare function withListsOfTwo(doc: Record<string, any>, schema: unknown, value: unknown, where?: string): unknown;
/** The fields of the request schema not sent but still present in `got` (a full overwrite clears them). */
export declare function clearedProblems(doc: Record<string, any>, schema: unknown, sent: unknown, got: unknown, where: string, assigned?: Set<string>): string[];
export declare const EXPIRED_TOKEN: '$expiredToken';
export declare const BARE_TOKEN: '$bareToken';
export declare const OTHER_SCHEME_TOKEN: '$otherSchemeToken';

/** Runs the conformance cases against `baseUrl` and resolves to per-case results; rejects with `cannot reach <url>: ...` at the first connection failure. */
export declare function runConformance(options: ConformanceOptions): Promise<ConformanceRun>;
/** Loads the generated cases (generated/cases.json). */
export declare function loadCases(): ConformanceCase[];
/** The bundled spec the cases were generated from. */
export declare function loadSpec(): Record<string, any>;
/** The names a target can be given by: each resource's id parameter and the field naming each resource's parent. */
export declare function targetNames(doc?: Record<string, any>): string[];
/** A fresh id that cannot exist on any server (`conformance-nonexistent-<16 hex>`). */
export declare function nonexistentId(): string;
/** The requests per second an operation is paced at: 80% of its documented limit, at most `rate` (0: unpaced). */
export declare function paceOf(operation: Pick<Operation, 'rateLimit'>, rate: number): number;
/** The share of an operation's documented rate limit it is paced at (0.8). */
export declare const PACE_SHARE: number;
/** The response semantics of every operation of a document, by operationId: from its role, or named, plus `extra`. */
export declare function semanticsOf(doc: Record<string, any>, extra?: Record<string, SemanticsEntry>): Record<string, SemanticsEntry>;
/** Joins a base URL (which may carry a path prefix) and an absolute API path. */
export declare function apiUrl(base: string, path: string): URL;
/** Throws a TypeError naming the option and the rule when options are invalid. */
export declare function checkOptions(options: ConformanceOptions): void;
/** Fetches a tenant_access_token with app credentials from the spec's token operation. */
export declare function fetchTenantToken(options: { baseUrl: string; appId: string; appSecret: string; fetch?: typeof globalThis.fetch; timeoutMs?: number; spec?: Record<string, any>; semantics?: Record<string, SemanticsEntry> }): Promise<string>;
/** Compares what was written with what the server returned (`path` names it, default `data`); returns problems. */
export declare function echoProblems(sent: unknown, got: unknown, path?: string): string[];
/**
 * Generates the conformance cases of every operation of an OpenAPI document; `semantics` adds entries. Throws naming
 * the operation when it cannot (no semantics entry, a non-bearer security scheme, an unhandled schema keyword, ...).
 */
export declare function generateCases(doc: Record<string, any>, options?: { semantics?: Record<string, SemanticsEntry> }): ConformanceCase[];
/** The placeholder of a path parameter in `request.pathParams` (`$path.<name>`). */
export declare function pathPlaceholder(name: string): string;
/** The named response semantics: the operations of no resource, by operationId (the token endpoint). */
export declare const SEMANTICS: Readonly<Record<string, SemanticsEntry>>;
/** Walks a request schema from a base body and returns one mutation per constraint. */
export declare function mutations(doc: Record<string, any>, schema: unknown, base: unknown): { rule: string; segments: (string | number)[]; field: string; title: string; body: unknown }[];
/** Flattens a schema ($ref, allOf) into one view with `properties`, `required`, `closed`, `baseType` and `nullable`; throws, naming `where`, on an unhandled keyword. */
export declare function flatten(doc: Record<string, any>, schema: unknown, where?: string): Record<string, any> & { properties: Record<string, unknown>; required: string[]; closed: boolean; baseType?: string; nullable: boolean };
/** Builds a valid sample of a schema. */
export declare function sample(doc: Record<string, any>, schema: unknown, where?: string): unknown;
/** The schema keywords (and Parameter Object fields) the generator understands; any other makes generateCases() throw. */
export declare const HANDLED_KEYWORDS: Readonly<{ constraints: readonly string[]; structure: readonly string[]; annotations: readonly string[]; parameter: readonly string[] }>;
/** The `format` values the generator has mutations for. */
export declare const HANDLED_FORMATS: readonly string[];
export declare const GENERATED_COMMENT: string;
export declare const TOKEN: '$token';
export declare const UNKNOWN_PROPERTY: string;
/** Creates a response validator for a document: `validate(operation, response)` returns problems as strings. */
export declare function createResponseValidator(doc: Record<string, any>): ((operation: Operation, response: { status: number; headers: Headers; body: unknown; contentType?: string }) => string[]) & { envelope(name: string, body: unknown): string[] };
/** The response an operation documents for an HTTP status (exact, then `4XX`-style, then `default`). */
export declare function responseFor(operation: Operation, status: number): Operation['responses'][string] | undefined;
/** Renders a run as JUnit XML. */
export declare function toJUnit(run: { results: CaseResult[]; durationMs?: number }, options?: { name?: string; timestamp?: Date }): string;
/** Escapes text for XML. */
export declare function escapeXml(value: unknown): string;
/**
 * Runs the CLI with argv and resolves to the exit code (0 passed, 1 failed, 2 bad command line, 3 unconfirmed results
 * not accepted). Credentials also come from `env` (default process.env). `startMock` starts the embedded server
 * (default: @feishu-hire/mock-server's startMockServer).
 */
export declare function main(argv: string[], io?: { stdout?: { write(text: string): unknown }; stderr?: { write(text: string): unknown }; env?: Record<string, string | undefined>; startMock?: (options: { now: () => number; spec?: Record<string, any> }) => Promise<{ url: string; close(): Promise<void> }> }): Promise<number>;
/** Parses CLI flags (and, with --base-url, the credentials of `env`) into options; throws naming the bad flag or variable. */
export declare function parseCli(argv: string[], env?: Record<string, string | undefined>): (ConformanceOptions & { junit?: string; acceptUnconfirmed: boolean }) | { help: true };
/** The environment variables read for credentials: FEISHU_TENANT_ACCESS_TOKEN, FEISHU_APP_ID, FEISHU_APP_SECRET. */
export declare const CREDENTIAL_ENV: { token: 'FEISHU_TENANT_ACCESS_TOKEN'; appId: 'FEISHU_APP_ID'; appSecret: 'FEISHU_APP_SECRET' };
/** The --help text. */
export declare const USAGE: string;
