// Validates an HTTP response (status, headers, body) against what the spec documents for its status.
import { createSpecAjv, SPEC_ID } from '@feishu-hire/spec/ajv';
import { deref, responseFor } from './spec.js';

/** Creates a validator bound to one OpenAPI document: `validate({ status, headers, body }) -> string[]` of problems. */
export function createResponseValidator(doc) {
  const ajv = createSpecAjv();
  const compiled = new Map();
  // Schemas in the document point at #/components/schemas/X; in Ajv those live under SPEC_ID#/$defs/X.
  const compile = (schema) => {
    const key = JSON.stringify(schema);
    if (!compiled.has(key)) {
      compiled.set(key, ajv.compile(JSON.parse(key.replaceAll('"#/components/schemas/', `"${SPEC_ID}#/$defs/`))));
    }
    return compiled.get(key);
  };
  const describe = (errors, where) =>
    (errors ?? []).map((e) => `${where}${e.instancePath || ''} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);

  return function validate({ status, headers, body, contentType }) {
    const response = responseFor(doc, status);
    if (!response) return [`HTTP ${status} is not a documented response of the operation`];
    const problems = [];
    for (const [name, node] of Object.entries(response.headers ?? {})) {
      const header = deref(doc, node);
      const raw = headers.get(name);
      if (raw === null) {
        if (header.required) problems.push(`missing required header ${name}`);
        continue;
      }
      const schema = deref(doc, header.schema ?? {});
      const value = ['integer', 'number'].includes(schema.type) && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      const check = compile(header.schema ?? {});
      if (!check(value)) problems.push(...describe(check.errors, `header ${name}`));
    }
    const media = Object.entries(response.content ?? {});
    if (media.length > 0) {
      const [type, entry] = media.find(([t]) => contentType?.startsWith(t.split(';')[0])) ?? [];
      if (!entry) {
        problems.push(`content-type ${JSON.stringify(contentType)} is not documented for HTTP ${status} (${media.map(([t]) => t).join(', ')})`);
      } else if (body === undefined) {
        problems.push(`body is not valid ${type}`);
      } else if (entry.schema) {
        const check = compile(entry.schema);
        if (!check(body)) problems.push(...describe(check.errors, 'body'));
      }
    }
    return problems;
  };
}
