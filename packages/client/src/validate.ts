// Loaded on demand (dynamic import) by `validate: true`, so the validator stays out of bundles that never validate.
import { validateBody, type RequestValidationError } from '../generated/validate-request.js';
import { HireValidationError, type ValidationIssue } from './errors.js';

/** Throws HireValidationError listing every rule of the spec's UpdateExternalInterviewRequest that `body` breaks. */
export function assertValidBody(body: unknown): void {
  if (validateBody(body)) return;
  throw new HireValidationError((validateBody.errors ?? []).map(toIssue));
}

/** Turns one ajv error into a path (`body.a[0].b`) and a sentence naming the rule. */
function toIssue(e: RequestValidationError): ValidationIssue {
  let path = 'body' + e.instancePath.split('/').slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`))
    .join('');
  let rule: string;
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      path += `.${p.missingProperty}`;
      rule = 'is required';
      break;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      path += `.${p.additionalProperty ?? p.unevaluatedProperty}`;
      rule = 'is not a field of this request (no other fields allowed)';
      break;
    case 'enum':
      rule = `must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
      break;
    case 'type':
      rule = `must be of type ${p.type}`;
      break;
    case 'format':
      rule = p.format === 'int32' ? 'must be a 32-bit integer (format int32)'
        : p.format === 'int64' ? 'must be a safe integer, at most 2^53 - 1 in magnitude (format int64)'
        : `must match format ${p.format}`;
      break;
    default:
      rule = `${e.message ?? 'is invalid'} (${e.keyword})`;
  }
  return { path, rule: e.keyword, message: `${path} ${rule}` };
}
