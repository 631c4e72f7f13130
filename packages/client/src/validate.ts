// Loaded on demand (dynamic import) by `validate: true`, so the validators stay out of bundles that never validate.
// It imports nothing of the client, so the build shares no chunk between it and the code every app loads.
import { describeError } from '@feishu-hire/spec/messages';
import { bodyValidators, type BodyValidator } from '../generated/validate-request.js';
import type { ValidationIssue } from './errors.js';

/** Every rule of the spec that `body` of operation `operationId` breaks (none: valid). */
export function bodyIssues(operationId: string, body: unknown): ValidationIssue[] {
  const validate: BodyValidator | undefined = Object.hasOwn(bodyValidators, operationId) ? bodyValidators[operationId as keyof typeof bodyValidators] : undefined;
  if (!validate) throw new TypeError(`validate: true: this client version has no body validator for operation ${operationId} (not in its spec)`);
  return validate(body) ? [] : (validate.errors ?? []).map((error) => describeError('body', error));
}
