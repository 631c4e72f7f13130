import type { Operation } from '@feishu-hire/spec/model';

/** A generated conformance case (see generated/cases.json). */
export interface ConformanceCase {
  /** Starts with the operationId, e.g. `updateExternalInterview.invalid.enum:/participate_status`. */
  id: string;
  /** The operation of the spec the case exercises. */
  operationId: string;
  title: string;
  kind: 'valid' | 'invalid' | 'auth' | 'rate-limit';
  /** True when the case writes (overwrites) data; such cases need allowWrites and an explicit interviewId. */
  writes: boolean;
  /** `'checkRateLimit'` for the opt-in bursts. */
  optIn?: 'checkRateLimit';
  /** Number of concurrent requests of a burst case. */
  burst?: number;
  request: {
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
    /** `authorization: '$token'` is replaced by `Bearer <token>`. */
    headers: Record<string, string>;
    body?: unknown;
    rawBody?: string;
  };
  /**
   * `envelope` names the spec's component schema of the expected response body; `field` (invalid cases) is what
   * the msg of the rejection must name, e.g. `interview_assessments[0].conclusion`, `Content-Type`,
   * `query.page_size`; `semantics` (valid cases): a success must also pass the operation's entry in `SEMANTICS`.
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
  /** The body a valid case sends, or why it cannot run in this run. */
  prepare?(body: unknown, run: ConformanceOptions): { body: unknown } | { skip: string };
  /** The problems of a success answer `body` to a valid case that sent `sent` to the path parameters `path`. */
  check(answer: { sent: unknown; body: any; path: Record<string, string> }): string[];
  /** The token endpoint only: its request body from app credentials, and the token of its answer. */
  token?: { request(credentials: { appId?: string; appSecret?: string }): unknown; read(body: any): unknown };
}

/** The outcome of one case. */
export interface CaseResult {
  id: string;
  title: string;
  kind: ConformanceCase['kind'];
  status: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped ('' when passed). */
  reason: string;
  problems: string[];
  durationMs: number;
  response?: { status: number; code?: number; logId?: string };
}

/** The outcome of a run. */
export interface ConformanceRun {
  results: CaseResult[];
  passed: number;
  failed: number;
  skipped: number;
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
  /** Require the msg of an expected invalid-parameter rejection to name the field the case breaks (`expect.field`). Default true. */
  checkMsg?: boolean;
  /** Run the opt-in rate-limit burst. Default false. */
  checkRateLimit?: boolean;
  /** Requests per second (paced); 0 = unpaced. Default 8. */
  rate?: number;
  /** Per-request timeout in ms. Default 10000. */
  timeoutMs?: number;
  /** Top-level fields merged into the bodies of write cases (e.g. `{ external_application_id }`). */
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
/** Runs the CLI with argv (credentials also from `env`, default process.env) and resolves to the exit code. */
export declare function main(argv: string[], io?: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream; env?: Record<string, string | undefined> }): Promise<number>;
/** Parses CLI flags (and, with --base-url, the credentials of `env`) into options; throws naming the bad flag or variable. */
export declare function parseCli(argv: string[], env?: Record<string, string | undefined>): (ConformanceOptions & { junit?: string }) | { help: true };
/** The environment variables read for credentials: FEISHU_TENANT_ACCESS_TOKEN, FEISHU_APP_ID, FEISHU_APP_SECRET. */
export declare const CREDENTIAL_ENV: { token: 'FEISHU_TENANT_ACCESS_TOKEN'; appId: 'FEISHU_APP_ID'; appSecret: 'FEISHU_APP_SECRET' };
/** The --help text. */
export declare const USAGE: string;
