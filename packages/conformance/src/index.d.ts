/** A generated conformance case (see generated/cases.json). */
export interface ConformanceCase {
  id: string;
  title: string;
  kind: 'valid' | 'invalid' | 'auth' | 'rate-limit';
  /** True when the case writes (overwrites) the interview; such cases need allowWrites and an explicit interviewId. */
  writes: boolean;
  /** `'checkRateLimit'` for the opt-in burst. */
  optIn?: 'checkRateLimit';
  /** Number of concurrent requests of a burst case. */
  burst?: number;
  request: {
    method: string;
    path: string;
    /** `'$interviewId'`: replaced by the run's interview id; path cases carry their own (invalid) value. */
    pathId: string;
    /** `authorization: '$token'` is replaced by `Bearer <token>`. */
    headers: Record<string, string>;
    body?: unknown;
    rawBody?: string;
  };
  /**
   * `envelope` names the spec's component schema of the expected response body; `field` (invalid cases) is what
   * the msg of the rejection must name, e.g. `interview_assessments[0].conclusion`, `Content-Type`, `external_interview_id`.
   */
  expect: { status: number | 'not-2xx'; envelope?: string; code?: number | number[]; echo?: boolean; headers?: string[]; field?: string };
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
  /** Require the msg of an expected 400/1002002 to name the field the case breaks (`expect.field`). Default true. */
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
  /** OpenAPI document to validate responses against (default: @feishu-hire/spec). */
  spec?: Record<string, any>;
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
/** The interview id used when none is given: the spec's example of the path parameter. */
export declare function dummyInterviewId(doc?: Record<string, any>): string;
/** A fresh interview id that cannot exist on any server (`conformance-nonexistent-<16 hex>`). */
export declare function nonexistentInterviewId(): string;
/** Joins a base URL (which may carry a path prefix) and an absolute API path. */
export declare function apiUrl(base: string, path: string): URL;
/** Throws a TypeError naming the option and the rule when options are invalid. */
export declare function checkOptions(options: ConformanceOptions): void;
/** Fetches a tenant_access_token with app credentials. */
export declare function fetchTenantToken(options: { baseUrl: string; appId: string; appSecret: string; fetch?: typeof globalThis.fetch; timeoutMs?: number }): Promise<string>;
/** Compares what was written with what the server returned; returns problems. */
export declare function echoProblems(sent: unknown, got: unknown, path?: string): string[];
/** Generates every conformance case of the operation from an OpenAPI document. */
export declare function generateCases(doc: Record<string, any>): ConformanceCase[];
/** Walks a request schema from a base body and returns one mutation per constraint. */
export declare function mutations(doc: Record<string, any>, schema: unknown, base: unknown): { rule: string; segments: (string | number)[]; field: string; title: string; body: unknown }[];
/** Flattens a schema ($ref, allOf) into one view with `properties`, `required` and `closed`; throws, naming `where`, on an unhandled keyword. */
export declare function flatten(doc: Record<string, any>, schema: unknown, where?: string): Record<string, any> & { properties: Record<string, unknown>; required: string[]; closed: boolean };
/** Builds a valid sample of a schema. */
export declare function sample(doc: Record<string, any>, schema: unknown, where?: string): unknown;
/** The schema keywords the generator understands; any other makes generateCases() throw. */
export declare const HANDLED_KEYWORDS: Readonly<{ constraints: readonly string[]; structure: readonly string[]; annotations: readonly string[] }>;
/** The `format` values the generator has mutations for. */
export declare const HANDLED_FORMATS: readonly string[];
export declare const GENERATED_COMMENT: string;
export declare const INTERVIEW_ID: '$interviewId';
export declare const TOKEN: '$token';
export declare const UNKNOWN_PROPERTY: string;
/** Creates a response validator for a document: returns problems as strings. */
export declare function createResponseValidator(doc: Record<string, any>): ((response: { status: number; headers: Headers; body: unknown; contentType?: string }) => string[]) & { envelope(name: string, body: unknown): string[] };
/** Creates the spec's Ajv with `doc`'s component schemas registered. */
export declare function createDocAjv(doc: Record<string, any>): { ajv: import('ajv').default; compile: (schema: unknown) => import('ajv').ValidateFunction };
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
