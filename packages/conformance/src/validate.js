// Validates an HTTP response (status, headers, body) against what the spec documents for its status.
import { createSpecAjv } from '@feishu-hire/spec/ajv';
import { deref, responseFor } from './spec.js';

/** Id under which the validated document's component schemas are registered in Ajv. */
const DOC_ID = 'urn:feishu-hire:conformance:openapi';
/** Rewrites local component refs (`#/components/schemas/X`) of a schema to the registered document. */
const rewrite = (schema, id = DOC_ID) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${id}#/$defs/`));

/** Creates the spec's Ajv (2020-12, formats, OpenAPI annotations) with `doc`'s component schemas registered too. */
export function createDocAjv(doc) {
  const ajv = createSpecAjv();
  ajv.addSchema({ $id: DOC_ID, $defs: rewrite(doc.components?.schemas ?? {}) });
  return { ajv, compile: (schema) => ajv.compile(rewrite(schema)) };
}

/** Creates a validator bound to one OpenAPI document: `validate({ status, headers, body, contentType })` returns problems. */
export function createResponseValidator(doc) {
  const { compile: compileSchema } = createDocAjv(doc);
  const compiled = new Map();
  const compile = (schema) => {
    const key = JSON.stringify(schema);
    if (!compiled.has(key)) compiled.set(key, compileSchema(schema));
    return compiled.get(key);
  };
  const describe = (errors, where) =>
    (errors ?? []).map((e) => `${where}${e.instancePath || ''} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);

  /** Problems of a body that should be the component schema `name` (the expected envelope). */
  const envelope = (name, body) => {
    const check = compile({ $ref: `#/components/schemas/${name}` });
    return check(body) ? [] : describe(check.errors, `body (as ${name})`);
  };

  return Object.assign(function validate({ status, headers, body, contentType }) {
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
  }, { envelope });
}
