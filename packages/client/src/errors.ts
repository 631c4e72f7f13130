export { ErrorCode } from '../generated/error-codes.js';

/** What the API answered: its envelope `code`/`msg`, the HTTP status and headers of interest. */
export interface HireApiErrorInit {
  code: number;
  msg: string;
  status: number;
  logId?: string | undefined;
  rateLimitResetSeconds?: number | undefined;
}

/**
 * A call the Feishu/Lark API answered with a non-zero `code` (whatever the HTTP status) or with a
 * body that is not its `{code, msg}` envelope (then `code` is -1). Never carries the token.
 */
export class HireApiError extends Error {
  override readonly name = 'HireApiError';
  /** The envelope's `code` (non-zero), or -1 when the response was not a Feishu envelope. */
  readonly code: number;
  /** The envelope's `msg` (错误描述). */
  readonly msg: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** The `x-tt-logid` response header: quote it to Feishu support. */
  readonly logId: string | undefined;
  /** For rate limits (`ErrorCode.RateLimited`), the `x-ogw-ratelimit-reset` header: seconds until the quota resets. */
  readonly rateLimitResetSeconds: number | undefined;

  /** Builds the error from the answer's fields; `msg` must already be free of secrets. */
  constructor(init: HireApiErrorInit) {
    super(`${init.msg} (code ${init.code}, HTTP ${init.status}${init.logId ? `, log id ${init.logId}` : ''})`);
    this.code = init.code;
    this.msg = init.msg;
    this.status = init.status;
    this.logId = init.logId;
    this.rateLimitResetSeconds = init.rateLimitResetSeconds;
  }
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

/** A request rejected before it was sent: bad path id, or (with `validate: true`) a body that breaks the spec. */
export class HireValidationError extends TypeError {
  override readonly name = 'HireValidationError';
  /** Every broken rule found. */
  readonly issues: readonly ValidationIssue[];

  /** Builds the error from the broken rules; the message lists them all. */
  constructor(issues: ValidationIssue[]) {
    super(`Invalid request: ${issues.map((i) => i.message).join('; ')}`);
    this.issues = issues;
  }
}
