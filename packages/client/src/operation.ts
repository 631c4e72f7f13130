// What the client's core needs to know of an operation, and the one mapping from @feishu-hire/spec's operations model
// to it. No imports: scripts/generate.js loads this file to write generated/operations.ts with this same mapping.

/** An operation as `client.request` takes it: the generated constants (`updateExternalInterview`, ...) have this shape. */
export interface HireOperation {
  /** The spec's operationId; operations with the same id share one client-side rate limiter. */
  readonly operationId: string;
  /** HTTP method, upper case. */
  readonly method: string;
  /** Path template, e.g. `/open-apis/hire/v1/external_interviews/{external_interview_id}`. */
  readonly path: string;
  /** Media type of the JSON request body, or undefined when the operation takes no body. */
  readonly mediaType: string | undefined;
  /** The spec's rate limit in requests per second (`x-feishu-rate-limit`), or undefined when none is known. */
  readonly rateLimitPerSecond: number | undefined;
  /** `'tenantAccessToken'`: sent with `Authorization: Bearer <tenant_access_token>`; `'none'`: sent without. */
  readonly auth: 'tenantAccessToken' | 'none';
  /**
   * Whether a call may be repeated when its outcome is unknown (a 5xx, a lost connection, a timeout): it only reads,
   * or writes the same state again (update, delete). A call of an operation that is not (a create; left out: not) is
   * retried only where nothing can have been applied: a rate limit, a refused connection, an invalid token refreshed.
   */
  readonly idempotent?: boolean | undefined;
}

/** The fields of an operation of `@feishu-hire/spec/model` (`operations`, `operationsOf(doc)`) that the client reads. */
export interface ModelOperation {
  operationId: string;
  method: string;
  path: string;
  requestBody: { mediaType: string } | null;
  rateLimit: { perSecond?: number | undefined };
  security: ReadonlyArray<{ name: string }>;
  /** The operation's resource and lifecycle role (`x-feishu-role`), if it has one. */
  resource?: { role: string } | undefined;
}

/** The security scheme of the spec whose token the client manages. */
const TOKEN_SCHEME: HireOperation['auth'] = 'tenantAccessToken';
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE'];
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\b/i;
// What an operation is, from its role: repeating a read, a list (the model's isReadOnly), an update (the same body
// again) or a delete changes nothing more than the first did. A create or a patch may apply twice.
const REPEATABLE_ROLES = ['read', 'list', 'update', 'delete'];
// An operation of no resource (the token endpoint): what its method says (RFC 9110's idempotent methods).
const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'];

/** Returns `operation` if the core can call it; otherwise throws a TypeError naming the operation and the field. */
function checkOperation(operation: HireOperation): HireOperation {
  const { operationId, method, path, mediaType, rateLimitPerSecond: rate, idempotent } = operation;
  const broken =
    typeof operationId !== 'string' || !operationId ? 'operationId must be a non-empty string'
    : !METHODS.includes(method) ? `method must be one of ${METHODS.join(', ')}`
    : typeof path !== 'string' || !path.startsWith('/') ? 'path must start with /'
    : mediaType !== undefined && !JSON_MEDIA_TYPE.test(mediaType) ? `mediaType ${mediaType} is not JSON (the client sends JSON bodies only)`
    : rate !== undefined && !(typeof rate === 'number' && rate > 0 && Number.isFinite(rate)) ? 'rateLimitPerSecond must be a positive number or undefined'
    : idempotent !== undefined && typeof idempotent !== 'boolean' ? 'idempotent must be a boolean or undefined'
    : undefined;
  if (broken) throw new TypeError(`operation ${String(operationId)}: ${broken}`);
  return operation;
}

/** The client's shape of an operation of the spec's model; throws naming the operation when the client cannot call it. */
export function operationFromModel(model: ModelOperation): HireOperation {
  const schemes = model.security.map((s) => s.name);
  if (schemes.length > 1 || (schemes[0] !== undefined && schemes[0] !== TOKEN_SCHEME)) {
    throw new TypeError(`operation ${model.operationId}: security ${schemes.join(' + ')} is not handled (the client sends a ${TOKEN_SCHEME} or nothing)`);
  }
  return checkOperation({
    operationId: model.operationId,
    method: model.method,
    path: model.path,
    mediaType: model.requestBody?.mediaType,
    rateLimitPerSecond: model.rateLimit.perSecond,
    auth: schemes.length ? TOKEN_SCHEME : 'none',
    ...((model.resource ? REPEATABLE_ROLES.includes(model.resource.role) : IDEMPOTENT_METHODS.includes(model.method)) && { idempotent: true }),
  });
}
