// Small helpers to read the bundled OpenAPI document: $ref resolution and the one operation under test.

/** The path template of 更新外部面试 (Update external interview). */
export const OPERATION_PATH = '/open-apis/hire/v1/external_interviews/{external_interview_id}';
/** The HTTP method of the operation under test. */
export const OPERATION_METHOD = 'put';

/** Returns the node a local JSON pointer `#/a/b` points at, or throws naming the pointer. */
export function resolvePointer(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${JSON.stringify(ref)}`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node == null || !(key in node)) throw new Error(`unresolvable $ref ${ref}`);
    node = node[key];
  }
  return node;
}

/** Follows `$ref`s of a node; sibling keywords next to a `$ref` (OpenAPI 3.1) override the target's. */
export function deref(doc, node) {
  let current = node;
  for (let depth = 0; current && typeof current === 'object' && current.$ref; depth++) {
    if (depth > 32) throw new Error(`$ref cycle at ${current.$ref}`);
    const { $ref, ...siblings } = current;
    current = { ...resolvePointer(doc, $ref), ...siblings };
  }
  return current;
}

/** Returns the operation object of the operation under test, or throws when the spec lacks it. */
export function getOperation(doc) {
  const operation = doc.paths?.[OPERATION_PATH]?.[OPERATION_METHOD];
  if (!operation) throw new Error(`spec has no ${OPERATION_METHOD.toUpperCase()} ${OPERATION_PATH}`);
  return operation;
}

/** Returns the response object the spec documents for an HTTP status (exact, then `4XX`-style, then `default`). */
export function responseFor(doc, status) {
  const responses = getOperation(doc).responses ?? {};
  const node = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  return node ? deref(doc, node) : undefined;
}
