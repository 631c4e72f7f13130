// `@feishu-hire/client/validate`: the spec's request validators, an entry point of its own that an app imports and
// passes to createHireClient({ validate: validateRequest }). Why not `validate: true` and a dynamic import: bundlers
// that do not split inline a dynamic import, and the CommonJS build loaded it eagerly; this way only apps that
// validate bundle or load it. It imports nothing of the client at run time.
import { describeError } from '@feishu-hire/spec/messages';
import { bodyValidators, type BodyValidator } from '../generated/validate-request.js';
import type { ValidationIssue } from './errors.js';

/**
 * Every rule of the spec that `body` of operation `operationId` breaks (none: valid), in the wording shared with the
 * mock server and the conformance suite. Throws a TypeError for an operation this package's spec does not have.
 */
export function validateRequest(operationId: string, body: unknown): ValidationIssue[] {
  const validate: BodyValidator | undefined = Object.hasOwn(bodyValidators, operationId) ? bodyValidators[operationId as keyof typeof bodyValidators] : undefined;
  if (!validate) throw new TypeError(`validateRequest: this client version has no body validator for operation ${operationId} (not in its spec)`);
  return validate(body) ? [] : (validate.errors ?? []).map((error) => describeError('body', error));
}
