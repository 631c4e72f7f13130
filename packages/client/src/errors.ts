export { ErrorCode } from '../generated/error-codes.js';

/** The class of HireError (see there). */
class HireErrorClass extends Error {
  // Why `: string` and not the literal: each subclass sets its own name. (The other fields are `declare`d: set in the
  // constructors, not emitted a second time as class fields.)
  override readonly name: string = 'HireError';
}

/**
 * The base of every error the client throws for a call: branch on `instanceof HireError` for "the client failed",
 * then on the subclass. Not thrown itself. The one exception is your own `AbortSignal`: its reason is rethrown as is.
 *
 * One class per process, shared through a global symbol (as the default rate limiter is): an app that loads both the
 * ESM and the CommonJS build of this package (or two copies of it) gets errors of either that are `instanceof
 * HireError` of both. Their subclasses are each copy's own: check those by `name` across copies.
 */
export const HireError: typeof HireErrorClass = ((globalThis as Record<symbol, typeof HireErrorClass | undefined>)[Symbol.for('@feishu-hire/client.error')] ??= HireErrorClass);
/** An error of the client: see the class. */
export type HireError = HireErrorClass;

/** What the API answered: its envelope `code`/`msg`, the HTTP status and what came with it. */
export interface HireApiErrorInit {
  code: number;
  msg: string;
  status: number;
  logId?: string | undefined;
  rateLimitResetSeconds?: number | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  rawBody?: string | undefined;
}

/**
 * A call the Feishu/Lark API answered with a non-zero `code` (whatever the HTTP status) or with a
 * body that is not its `{code, msg}` envelope (then `code` is -1). Never carries the token or the app secret.
 */
export class HireApiError extends HireError {
  override readonly name: string = 'HireApiError';
  /** The envelope's `code` (non-zero), or -1 when the response was not a Feishu envelope. */
  declare readonly code: number;
  /** The envelope's `msg` (错误描述). */
  declare readonly msg: string;
  /** HTTP status of the response. */
  declare readonly status: number;
  /** The `x-tt-logid` response header: quote it to Feishu support. */
  declare readonly logId: string | undefined;
  /** For rate limits (`ErrorCode.RateLimited`), the `x-ogw-ratelimit-reset` header: seconds until the quota resets. */
  declare readonly rateLimitResetSeconds: number | undefined;
  /** Every response header, by lower-case name. */
  declare readonly headers: Readonly<Record<string, string>>;
  /** The response body as received (`''` when there was none). */
  declare readonly rawBody: string;

  /** Builds the error from the answer's fields (a HireApiError is one too); they must already be free of secrets. */
  constructor(init: HireApiErrorInit) {
    super(`${init.msg} (code ${init.code}, HTTP ${init.status}${init.logId ? `, log id ${init.logId}` : ''})`);
    // Every field of `init` (a HireApiError is one: a subclass of your own keeps them all), with the defaults.
    Object.assign(this, init, { headers: init.headers ?? {}, rawBody: init.rawBody ?? '' });
  }
}

/** No response: the connection failed or dropped (DNS, refused, reset, TLS). `cause` is what `fetch` threw. */
export class HireConnectionError extends HireError {
  override readonly name: string = 'HireConnectionError';
}

/**
 * A deadline passed: `timeoutMs` of one attempt (`scope: 'attempt'`, retried like a connection error, for idempotent
 * methods) or `totalTimeoutMs` of the whole call (`scope: 'call'`, final).
 */
export class HireTimeoutError extends HireError {
  override readonly name: string = 'HireTimeoutError';
  /** Which deadline passed: one attempt's, or the whole call's. */
  declare readonly scope: 'attempt' | 'call';
  /** The deadline in ms. */
  declare readonly timeoutMs: number;

  /** `scope` and the deadline that passed. */
  constructor(scope: 'attempt' | 'call', timeoutMs: number) {
    super(`${scope === 'call' ? 'totalTimeoutMs' : 'timeoutMs'} (${timeoutMs} ms) passed`);
    this.scope = scope;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * No token could be had for a reason another attempt would not change: the token endpoint refused the app's
 * credentials (`cause`: its HireApiError, e.g. `ErrorCode.AppSecretInvalid` 10014 for a wrong app secret), or your
 * token function (`auth: () => token`) threw (`cause` is what it threw) or resolved to no token. Never retried.
 */
export class HireAuthError extends HireError {
  override readonly name: string = 'HireAuthError';
}

/** One broken rule of a request: the field path (`body.interview_assessments[0].conclusion`) and the rule. */
export interface ValidationIssue {
  /** Where, as a JS path from `body` (or `externalInterviewId`). */
  path: string;
  /** The JSON Schema keyword that failed (`enum`, `required`, `type`, `additionalProperties`, ...). */
  rule: string;
  /** `path` followed by what the rule requires. */
  message: string;
}

/**
 * A request rejected before anything was sent: a bad path id, a body that is not JSON (a BigInt, a cycle), or (with
 * the `validate` option) a body that breaks the spec. Not a TypeError, so a retry on TypeError never repeats it.
 */
export class HireValidationError extends HireError {
  override readonly name: string = 'HireValidationError';
  /** Every broken rule found. */
  declare readonly issues: readonly ValidationIssue[];

  /** Builds the error from the broken rules; the message lists them all. */
  constructor(issues: ValidationIssue[]) {
    super(`Invalid request: ${issues.map((i) => i.message).join('; ')}`);
    this.issues = issues;
  }
}
