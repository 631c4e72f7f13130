import type { Server } from 'node:http';

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
  username?: string;
  conclusion?: 1 | 2 | 3;
  assessment_dimension_list?: MockAssessmentDimension[];
  content?: string;
}

/** An external interview as stored (the spec's ExternalInterview, with `id` and `external_application_id`). */
export interface MockInterview {
  id: string;
  external_application_id: string;
  participate_status?: 1 | 2 | 3;
  begin_time?: number;
  end_time?: number;
  interview_assessments?: MockAssessment[];
  [field: string]: unknown;
}

/** Options of {@link startMockServer}; every one is optional. */
export interface MockServerOptions {
  /** Address to listen on. Default `'127.0.0.1'`. */
  host?: string;
  /** Port; `0` (default) lets the OS pick one. */
  port?: number;
  /** App credentials the token endpoint accepts. Default `[{ appId: 'cli_mock_app', appSecret: 'mock_app_secret' }]`. */
  apps?: MockApp[];
  /** Static tokens that are always valid (never expire), for tests. */
  tokens?: string[];
  /** Lifetime of issued tokens in seconds (the `expire` answered), 1..7200. Default 7200. */
  tokenTtlSeconds?: number;
  /** Requests per second per token on the Hire API; `0` or `false` turns the limit off. Default 10. */
  rateLimitPerSecond?: number | false;
  /** Seed interviews. Default: one interview `6960663240925956660` of application `6960663240925956437`. */
  interviews?: MockInterview[];
  /** JSON file with seed interviews: an array, or `{ "interviews": [...] }`. Added to `interviews`. */
  seedFile?: string;
  /** Largest accepted request body in bytes. Default 1 MiB (1048576). */
  maxBodyBytes?: number;
  /** Clock in milliseconds since the epoch (token expiry, rate-limit windows). Default `Date.now`. */
  now?: () => number;
  /** Receives one line per request (and stack traces of internal errors). Default: silent. */
  log?: (line: string) => void;
}

/** The in-memory interviews of a running mock. Every read and write copies; nothing is shared. */
export interface MockStore {
  /** A copy of the interview, or undefined. */
  get(id: string): MockInterview | undefined;
  /** Whether the interview exists. */
  has(id: string): boolean;
  /** Copies of every stored interview, in insertion order. */
  list(): MockInterview[];
  /** Inserts or replaces an interview (assessments without id get one); throws a TypeError naming the bad field. */
  set(interview: MockInterview): MockInterview;
  /** Deletes an interview; returns whether it existed. */
  delete(id: string): boolean;
  /** Restores the seed state. */
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
  /** Stops the server and closes open connections (idempotent). */
  close(): Promise<void>;
}

/** Starts the mock on 127.0.0.1 (an OS-picked port by default). Rejects with an Error naming a bad option. */
export declare function startMockServer(options?: MockServerOptions): Promise<MockServer>;

/** The default app credentials. */
export declare const DEFAULT_APPS: readonly MockApp[];
/** The default seed interviews. */
export declare const DEFAULT_INTERVIEWS: readonly MockInterview[];
/** Path of the token endpoint. */
export declare const TOKEN_PATH: '/open-apis/auth/v3/tenant_access_token/internal';
/** Error codes the mock answers with. */
export declare const Codes: {
  readonly InvalidParameter: 1002002;
  readonly SystemError: 1002001;
  readonly RateLimited: 99991400;
  readonly MissingAccessToken: 99991661;
  readonly InvalidAccessToken: 99991663;
  readonly TokenInvalidParam: 10003;
  readonly AppSecretInvalid: 10014;
};
