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
    /** `'$interviewId'`: replaced by the run's interview id. */
    pathId: string;
    /** `authorization: '$token'` is replaced by `Bearer <token>`. */
    headers: Record<string, string>;
    body?: unknown;
    rawBody?: string;
  };
  /** `envelope` names the spec's component schema of the expected response body. */
  expect: { status: number | 'not-2xx'; envelope?: string; code: number | number[]; echo?: boolean; headers?: string[] };
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
  /** Interview id for the path (default: the spec's example id, a dummy). Required with allowWrites. */
  interviewId?: string;
  /** Run the cases that overwrite the interview. Default false. */
  allowWrites?: boolean;
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

/** Runs the conformance cases against `baseUrl` and resolves to per-case results. */
export declare function runConformance(options: ConformanceOptions): Promise<ConformanceRun>;
/** Loads the generated cases (generated/cases.json). */
export declare function loadCases(): ConformanceCase[];
/** The bundled spec the cases were generated from. */
export declare function loadSpec(): Record<string, any>;
/** The interview id used when none is given: the spec's example of the path parameter. */
export declare function dummyInterviewId(doc?: Record<string, any>): string;
/** Throws a TypeError naming the option and the rule when options are invalid. */
export declare function checkOptions(options: ConformanceOptions): void;
/** Fetches a tenant_access_token with app credentials. */
export declare function fetchTenantToken(options: { baseUrl: string; appId: string; appSecret: string; fetch?: typeof globalThis.fetch; timeoutMs?: number }): Promise<string>;
/** Compares what was written with what the server returned; returns problems. */
export declare function echoProblems(sent: unknown, got: unknown, path?: string): string[];
/** Generates every conformance case of the operation from an OpenAPI document. */
export declare function generateCases(doc: Record<string, any>): ConformanceCase[];
/** Walks a request schema from a base body and returns one mutation per constraint. */
export declare function mutations(doc: Record<string, any>, schema: unknown, base: unknown): { rule: string; segments: (string | number)[]; title: string; body: unknown }[];
/** Flattens a schema ($ref, allOf) into one view with `properties`, `required` and `closed`. */
export declare function flatten(doc: Record<string, any>, schema: unknown): Record<string, any> & { properties: Record<string, unknown>; required: string[]; closed: boolean };
/** Builds a valid sample of a schema. */
export declare function sample(doc: Record<string, any>, schema: unknown): unknown;
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
/** Runs the CLI with argv and resolves to the exit code. */
export declare function main(argv: string[], io?: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream }): Promise<number>;
/** Parses CLI flags into options; throws naming the bad flag. */
export declare function parseCli(argv: string[]): (ConformanceOptions & { junit?: string }) | { help: true };
/** The --help text. */
export declare const USAGE: string;
