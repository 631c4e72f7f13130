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
  /** The resource the operation belongs to and its lifecycle role (`x-feishu-role`); undefined for an operation of no resource (the token endpoint). */
  resource: OperationResource | undefined;
  extensions: Record<string, unknown>;
}
/** A lifecycle role of an operation (`x-feishu-role`). */
export type ResourceRole = 'create' | 'read' | 'list' | 'update' | 'patch' | 'delete';
/** Where a filter of a list or read operation is sent (`x-feishu-filters`). */
export interface ResourceFilter {
  in: 'query' | 'body';
  name: string;
}
/** What an operation is to its resource. */
export interface OperationResource {
  /** The resource's name: its tag (`external_interview`). */
  name: string;
  role: ResourceRole;
  /** `full`: the update replaces the whole record (全量覆盖更新); `partial`: it changes what it is sent (a patch). */
  overwrite?: 'full' | 'partial';
  /** Of a list or read: the filter by parent and the filter by a list of ids (when sent, the only condition). */
  filters?: { parent?: ResourceFilter; ids?: ResourceFilter };
}
/** A resource of the spec: a tag with `x-feishu-resource`. */
export interface Resource {
  name: string;
  /** The tag's `x-displayName`. */
  displayName: string;
  /** The name of its id: the path parameter of update, patch and delete. */
  idParameter: string;
  /** The client's namespace of it: camelCase plural of the name (`externalInterviews`). */
  namespace: string;
  /**
   * The record it belongs to; `inSpec` false when the parent has no operations in the spec (a talent). `cascade`, when
   * present: deleting the parent deletes these records (on that basis); absent: the parent is kept while they name it.
   */
  parent?: { resource: string; field: string; required: 'source' | 'assumption'; cascade?: 'source' | 'assumption'; inSpec: boolean };
  /** The body field whose repetition by a create within `windowMs` is refused. */
  idempotency?: { key: string; windowMs: number; basis: 'source' | 'assumption' };
  /** Its operations' ids by role. */
  operations: Partial<Record<ResourceRole, string>>;
  /** The key of the record in the `data` of a create, update or patch answer (`external_interview`). */
  recordKey?: string;
  /** Whether its list operation pages (query `page_size` and `page_token`). */
  paged: boolean;
}
/** Follows local `$ref`s of `doc`. */
export declare function deref<T = any>(doc: Record<string, any>, node: unknown): T;
/** The error-code list of the document, checked. */
export declare function errorCodesOf(doc: Record<string, any>): ErrorCodeEntry[];
/** The roles of `x-feishu-role`, in lifecycle order. */
export declare const ROLES: readonly ResourceRole[];
/** Every resource of `doc`, checked against its operations; throws listing every problem. */
export declare function resourcesOf(doc: Record<string, any>, operations: readonly Operation[]): Resource[];
/** Whether the operation only reads (role read or list): repeating it after any failure changes nothing. */
export declare function isReadOnly(operation: Pick<Operation, 'resource'>): boolean;
/** The problems of a tag's `x-feishu-resource` (shape only). */
export declare function resourceExtensionProblems(extension: unknown): string[];
/** The problems of an operation's `x-feishu-role`, `x-feishu-overwrite` and `x-feishu-filters` (shape only). */
export declare function roleExtensionProblems(operation: Record<string, unknown>): string[];
/** Every operation of `doc`; throws naming the operation on anything the tools do not handle. */
export declare function operationsOf(doc: Record<string, any>): Operation[];
/** The operation's error code with `role`, or undefined. */
export declare function errorCodeFor(operation: Operation, role: string): ErrorCodeEntry | undefined;
/** A RegExp matching concrete paths of a template; groups are the (still encoded) path parameters. */
export declare function pathPattern(template: string): RegExp;
/** A concrete path from a template, each value URL-encoded as one segment. */
export declare function expandPath(template: string, values: Record<string, unknown>): string;
