/** One parameter of an operation. */
export interface OperationParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Record<string, any>;
  description?: string;
  example?: unknown;
  /** `x-feishu-server-issued`: a value only the server issues (a page token); tools never send its example. */
  serverIssued: boolean;
}
/** One platform error code (`x-feishu-error-codes`). */
export interface ErrorCodeEntry {
  code: number;
  /** The constant name (`InvalidParameter`). */
  name: string;
  /** What the code means to tools: invalid_parameter, system_error, rate_limited, missing_token, invalid_token, app_secret_invalid. */
  role: string;
  http_status: number;
  msg: string;
  meaning: string;
  action: string;
  retry?: boolean;
  /** `source`: a source document states it; `assumption`: none does. */
  basis: 'source' | 'assumption';
  source?: string;
}
/** An operation's rate limit (`x-feishu-rate-limit`); `perSecond` is undefined when no limit is known. */
export interface RateLimit {
  requests?: number;
  per?: 'second' | 'minute' | 'hour';
  basis: 'source' | 'assumption' | 'unknown';
  description?: string;
  perSecond: number | undefined;
}
/** One response of an operation. */
export interface OperationResponse {
  description?: string;
  headers: Record<string, { required: boolean; schema: Record<string, any> }>;
  content: Record<string, { schema: Record<string, any>; examples: Record<string, unknown> }>;
}
/** One operation of the model. */
export interface Operation {
  operationId: string;
  method: string;
  path: string;
  summary?: string;
  tags: string[];
  parameters: { path: OperationParameter[]; query: OperationParameter[]; header: OperationParameter[] };
  requestBody: { mediaType: string; schema: Record<string, any>; required: boolean; examples: Record<string, unknown> } | null;
  responses: Record<string, OperationResponse>;
  security: Array<{ name: string; type: string; scheme?: string; parameterName?: string; [key: string]: unknown }>;
  rateLimit: RateLimit;
  errorCodes: ErrorCodeEntry[];
  extensions: Record<string, unknown>;
}
/** Follows local `$ref`s of `doc`. */
export declare function deref<T = any>(doc: Record<string, any>, node: unknown): T;
/** The error-code list of the document, checked. */
export declare function errorCodesOf(doc: Record<string, any>): ErrorCodeEntry[];
/** Every operation of `doc`; throws naming the operation on anything the tools do not handle. */
export declare function operationsOf(doc: Record<string, any>): Operation[];
/** The operation's error code with `role`, or undefined. */
export declare function errorCodeFor(operation: Operation, role: string): ErrorCodeEntry | undefined;
/** A RegExp matching concrete paths of a template; groups are the (still encoded) path parameters. */
export declare function pathPattern(template: string): RegExp;
/** A concrete path from a template, each value URL-encoded as one segment. */
export declare function expandPath(template: string, values: Record<string, unknown>): string;
