// `@feishu-hire/client/validate`: the spec's request validators, an entry point of its own that an app imports and
// passes to createHireClient({ validate: validateRequest }). Why not `validate: true` and a dynamic import: bundlers
// that do not split inline a dynamic import, and the CommonJS build loaded it eagerly; this way only apps that
// validate bundle or load it. It imports nothing of the client at run time.
import { describeError } from '@feishu-hire/spec/messages';
import { bodyValidators, type BodyValidator } from '../generated/validate-request.js';
import type { ValidationIssue } from './errors.js';

/** Why an unknown field is refused: the validators are the spec's request schemas closed (see scripts/generate.js). */
const TYPO = ' (probably a typo: the spec has no such field, and in a full overwrite a misspelled field deletes the one it meant)';

/**
 * Every rule of the spec that `body` of operation `operationId` breaks (none: valid), in the wording shared with the
 * mock server and the conformance suite. The spec's request schemas are open, the client's validators closed: an
 * unknown field is reported as a probable typo. Throws a TypeError for an operation this package's spec does not have.
 */
export function validateRequest(operationId: string, body: unknown): ValidationIssue[] {
  const validate: BodyValidator | undefined = Object.hasOwn(bodyValidators, operationId) ? bodyValidators[operationId as keyof typeof bodyValidators] : undefined;
  if (!validate) throw new TypeError(`validateRequest: this client version has no body validator for operation ${operationId} (not in its spec)`);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => {
    const issue = describeError('body', error);
    return error.keyword.endsWith('dditionalProperties') || error.keyword === 'unevaluatedProperties' ? { ...issue, message: issue.message + TYPO } : issue;
  });
}
