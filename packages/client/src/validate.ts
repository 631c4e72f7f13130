// Loaded on demand (dynamic import) by `validate: true`, so the validators stay out of bundles that never validate.
// It imports nothing of the client, so the build shares no chunk between it and the code every app loads.
import { describeError } from '@feishu-hire/spec/messages';
import { bodyValidators, type BodyValidator } from '../generated/validate-request.js';
import type { ValidationIssue } from './errors.js';

/** Why an unknown field is refused: the validators are the spec's request schemas closed (see scripts/generate.js). */
const TYPO = ' (probably a typo: the spec has no such field, and in a full overwrite a misspelled field deletes the one it meant)';

/**
 * Every rule of the spec that `body` of operation `operationId` breaks (none: valid). The spec's request schemas are
 * open, the client's validators closed: an unknown field is reported as a probable typo.
 */
export function bodyIssues(operationId: string, body: unknown): ValidationIssue[] {
  const validate: BodyValidator | undefined = Object.hasOwn(bodyValidators, operationId) ? bodyValidators[operationId as keyof typeof bodyValidators] : undefined;
  if (!validate) throw new TypeError(`validate: true: this client version has no body validator for operation ${operationId} (not in its spec)`);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => {
    const issue = describeError('body', error);
    return error.keyword.endsWith('dditionalProperties') || error.keyword === 'unevaluatedProperties' ? { ...issue, message: issue.message + TYPO } : issue;
  });
}
