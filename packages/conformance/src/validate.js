// Validates an HTTP response (status, headers, body) against what its operation documents for that status, with the
// spec package's validation (its Ajv, its $ref handling, its one wording of a broken rule).
import { createValidation, parameterSchema } from '@feishu-hire/spec/validation';

/** The response an operation of the model documents for an HTTP status (exact, then `4XX`-style, then `default`). */
export function responseFor(operation, status) {
  const { responses } = operation;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

/** The object schema of a response's declared headers (lower-case names), as the spec validates parameters. */
function headersSchema(response) {
  return parameterSchema(Object.entries(response.headers).map(([name, h]) => ({ name, in: 'header', required: h.required, schema: h.schema })));
}

/**
 * Creates a validator bound to one OpenAPI document: `validate(operation, { status, headers, body, contentType })`
 * returns problems as strings; `validate.envelope(name, body)` those of a body that should be component schema `name`.
 */
export function createResponseValidator(doc) {
  const { validate: check } = createValidation({ doc });
  const messages = (issues) => issues.map((issue) => issue.message);

  const headerProblems = (response, headers) => {
    const values = Object.fromEntries(Object.keys(response.headers).map((name) => [name, headers.get(name)]).filter(([, v]) => v !== null));
    return messages(check(headersSchema(response), values, 'header', true));
  };
  const bodyProblems = (response, { status, body, contentType }) => {
    const media = Object.entries(response.content);
    if (media.length === 0) return [];
    const [type, entry] = media.find(([t]) => contentType?.startsWith(t.split(';')[0])) ?? [];
    if (!entry) return [`content-type ${JSON.stringify(contentType)} is not documented for HTTP ${status} (${media.map(([t]) => t).join(', ')})`];
    if (body === undefined) return [`body is not valid ${type}`];
    return messages(check(entry.schema, body, 'body'));
  };

  const validate = (operation, answer) => {
    const response = responseFor(operation, answer.status);
    if (!response) return [`HTTP ${answer.status} is not a documented response of ${operation.operationId}`];
    return [...headerProblems(response, answer.headers), ...bodyProblems(response, answer)];
  };
  const envelope = (name, body) => messages(check({ $ref: `#/components/schemas/${name}` }, body, 'body'));
  return Object.assign(validate, { envelope });
}
