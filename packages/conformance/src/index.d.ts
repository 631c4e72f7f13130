import type { Operation } from '@feishu-hire/spec/model';

/** A generated conformance case (see generated/cases.json). */
export interface ConformanceCase {
  /** Starts with the operationId, e.g. `updateExternalInterview.invalid.enum:/participate_status`. */
  id: string;
  /** The operation of the spec the case exercises. */
  operationId: string;
  title: string;
  /** `state`: the read-back of a writing operation (sends nothing of its own, has no `request`). */
  kind: 'valid' | 'invalid' | 'auth' | 'rate-limit' | 'state';
  /** True when the case writes (overwrites) data; such cases need allowWrites and an explicit interviewId. */
  writes: boolean;
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
     * run's interview id (or a non-existent one) for the parameter a writing operation overwrites, else the run's
     * `pathParams` or the parameter's example; path cases carry their own (invalid) value.
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

/** What a success of one operation must echo or change (one entry per operationId; see src/semantics.js). */
export interface SemanticsEntry {
  /** Its valid cases change data: they run only with allowWrites and an explicit interviewId. */
  writes: boolean;
  /** Writing operations: the path parameter naming what is overwritten (the run's interviewId, or a non-existent id). */
  target?: string;
  /** What a success does, appended to the titles of its valid cases. */
  success?: string;
  /**
   * The body case `c` (or the operation's control request, `kind: 'control'`) sends, or why the case cannot run; it
   * puts the run's own values into every field the case does not break.
   */
  prepare?(body: unknown, run: ConformanceOptions, c: Pick<ConformanceCase, 'id' | 'kind' | 'expect'> | { kind: 'control'; expect: {} }): { body: unknown } | { skip: string };
  /** The problems of a success answer `body` to a valid case that sent `sent` to the path parameters `path`. */
  check(answer: { sent: unknown; body: any; path: Record<string, string>; doc: Record<string, any>; operation: Operation }): string[];
  /** Writing operations: the stored state of the run's target, or why it cannot be read. */
  readBack?(context: ReadBackContext): { state: unknown } | { unavailable: string } | Promise<{ state: unknown } | { unavailable: string }>;
  /** The problems of the state read back after an accepted write of `sent`. */
  stateProblems?(context: { sent: unknown; state: any; targetId: string; doc: Record<string, any>; operation: Operation }): string[];
  /** The token endpoint only: its request body from app credentials, the token of its answer, its wrong-secret case. */
  token?: {
    request(credentials: { appId?: string; appSecret?: string }): unknown;
    read(body: any): unknown;
    wrongSecret?: { field: string; value: string; role: string };
  };
}

/** What a semantics entry's readBack gets. */
export interface ReadBackContext {
  /** The id the run writes to (its interviewId). */
  targetId: string;
  operation: Operation;
  /** The run's readState option (the embedded mock's store), if any. */
  readState?: (targetId: string) => unknown;
  /** Sends a request of another operation of the spec with the run's token (e.g. a batch query). */
  send(operationId: string, parts?: { path?: Record<string, string>; query?: Record<string, string>; body?: unknown }): Promise<Answer>;
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
   * Interview id the write cases overwrite: required with allowWrites and refused without it (a TypeError), since a
   * reject-only run sends every case to a random non-existent id (`conformance-nonexistent-<hex>`).
   */
  interviewId?: string;
  /** Run the cases that overwrite the interview. Default false. */
  allowWrites?: boolean;
  /** Use the msg as evidence (a msg differing from the controls', or naming the broken field). It is never required. Default true. */
  checkMsg?: boolean;
  /** Run the rate-limit check (both sides of the documented limit). Default: allowWrites. */
  checkRateLimit?: boolean;
  /** A token that has expired, or a function resolving to one (the expired-token cases are skipped without it). */
  expiredToken?: string | (() => Promise<string>);
  /** Reads the stored state under an id (e.g. the embedded mock's store): state is then read back after every case of a writing run. */
  readState?: (targetId: string) => unknown;
  /** The clock the run waits on (pacing, rate-limit windows): default the real one; createVirtualClock() for a server on the same clock. */
  clock?: Clock;
  /** Called when an operation's control answers are learnt. */
  onControl?: (control: ControlAnswer) => void;
  /** Requests per second (paced); 0 = unpaced. Default 8. */
  rate?: number;
  /** Per-request timeout in ms. Default 10000. */
  timeoutMs?: number;
  /** Top-level fields put into every body that has them, except where the case breaks that field (e.g. `{ external_application_id }`). */
  bodyOverrides?: Record<string, unknown>;
  /** Cases to run (default: generated/cases.json). */
  cases?: ConformanceCase[];
  /** OpenAPI document the cases come from, to validate responses against (default: @feishu-hire/spec). */
  spec?: Record<string, any>;
  /** Entries added to (or replacing those of) the response semantics, e.g. for a test's extra operation. */
  semantics?: Record<string, SemanticsEntry>;
  /** Values of path parameters by name (default: each parameter's example; the interview id comes from interviewId). */
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
export declare function clearedProblems(doc: Record<string, any>, schema: unknown, sent: unknown, got: unknown, where: string): string[];
export declare const EXPIRED_TOKEN: '$expiredToken';

/** Runs the conformance cases against `baseUrl` and resolves to per-case results; rejects with `cannot reach <url>: ...` at the first connection failure. */
export declare function runConformance(options: ConformanceOptions): Promise<ConformanceRun>;
/** Loads the generated cases (generated/cases.json). */
export declare function loadCases(): ConformanceCase[];
/** The bundled spec the cases were generated from. */
export declare function loadSpec(): Record<string, any>;
/** The interview id used when none is given: the spec's example of the path parameter that write cases overwrite. */
export declare function dummyInterviewId(doc?: Record<string, any>, semantics?: Record<string, SemanticsEntry>): string;
/** A fresh interview id that cannot exist on any server (`conformance-nonexistent-<16 hex>`). */
export declare function nonexistentInterviewId(): string;
/** Joins a base URL (which may carry a path prefix) and an absolute API path. */
export declare function apiUrl(base: string, path: string): URL;
/** Throws a TypeError naming the option and the rule when options are invalid. */
export declare function checkOptions(options: ConformanceOptions): void;
/** Fetches a tenant_access_token with app credentials from the spec's token operation. */
export declare function fetchTenantToken(options: { baseUrl: string; appId: string; appSecret: string; fetch?: typeof globalThis.fetch; timeoutMs?: number; spec?: Record<string, any>; semantics?: Record<string, SemanticsEntry> }): Promise<string>;
/** Compares what was written with what the server returned; returns problems. */
export declare function echoProblems(sent: unknown, got: unknown, path?: string): string[];
/**
 * Generates the conformance cases of every operation of an OpenAPI document; `semantics` adds entries. Throws naming
 * the operation when it cannot (no semantics entry, a non-bearer security scheme, an unhandled schema keyword, ...).
 */
export declare function generateCases(doc: Record<string, any>, options?: { semantics?: Record<string, SemanticsEntry> }): ConformanceCase[];
/** The placeholder of a path parameter in `request.pathParams` (`$path.<name>`). */
export declare function pathPlaceholder(name: string): string;
/** The response semantics of the spec's operations, by operationId. */
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
export declare function main(argv: string[], io?: { stdout?: { write(text: string): unknown }; stderr?: { write(text: string): unknown }; env?: Record<string, string | undefined>; startMock?: (options: { now: () => number }) => Promise<{ url: string; store: { get(id: string): unknown }; close(): Promise<void> }> }): Promise<number>;
/** Parses CLI flags (and, with --base-url, the credentials of `env`) into options; throws naming the bad flag or variable. */
export declare function parseCli(argv: string[], env?: Record<string, string | undefined>): (ConformanceOptions & { junit?: string; acceptUnconfirmed: boolean }) | { help: true };
/** The environment variables read for credentials: FEISHU_TENANT_ACCESS_TOKEN, FEISHU_APP_ID, FEISHU_APP_SECRET. */
export declare const CREDENTIAL_ENV: { token: 'FEISHU_TENANT_ACCESS_TOKEN'; appId: 'FEISHU_APP_ID'; appSecret: 'FEISHU_APP_SECRET' };
/** The --help text. */
export declare const USAGE: string;
