/** Error codes of Update external interview and of the platform, by readable name. */
export const ErrorCode = {
  /** `1002001` 系统异常: system error (HTTP 500). Retried with backoff. */
  SystemError: 1002001,
  /** `1002002` 参数错误: invalid parameter (HTTP 400). Check the type and size of each field. */
  InvalidParameter: 1002002,
  /** `99991400` request trigger frequency limit (HTTP 429, sometimes 400). Retried after `x-ogw-ratelimit-reset`. */
  RateLimited: 99991400,
  /** `99991663` invalid or expired tenant_access_token (HTTP 400). The token is refetched and the call retried once. */
  InvalidAccessToken: 99991663,
} as const;
/** One of the known error codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

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
  /** For rate limits (99991400), the `x-ogw-ratelimit-reset` header: seconds until the quota resets. */
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
