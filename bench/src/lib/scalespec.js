// Pure helper: grows a bundled one-operation OpenAPI document into N operations shaped like the original.

const SCALED_KINDS = ['schemas', 'responses', 'parameters', 'requestBodies'];

/** Rewrites every `#/components/<kind>/<name>` $ref of a scaled kind in `node` to `<name>_<suffix>`; returns a copy. */
export function suffixRefs(node, suffix) {
  if (Array.isArray(node)) return node.map((v) => suffixRefs(v, suffix));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') {
      const m = v.match(/^#\/components\/([^/]+)\/(.+)$/);
      out[k] = m && SCALED_KINDS.includes(m[1]) ? `#/components/${m[1]}/${m[2]}_${suffix}` : v;
    } else out[k] = suffixRefs(v, suffix);
  }
  return out;
}

/**
 * Returns a copy of `openapi` (a bundled document with exactly one path) holding `count` operations: the original plus
 * count-1 copies with distinct paths, operationIds and component schemas/responses/parameters/requestBodies.
 */
export function scaleSpec(openapi, count) {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`scaleSpec: count must be a positive integer, got ${count}`);
  const paths = Object.entries(openapi.paths ?? {});
  if (paths.length !== 1) throw new Error(`scaleSpec: expected a document with exactly one path, got ${paths.length}`);
  const [[pathKey, pathItem]] = paths;
  const doc = structuredClone(openapi);
  const components = doc.components ?? {};
  for (let i = 1; i < count; i++) {
    const item = suffixRefs(pathItem, i);
    for (const op of Object.values(item)) {
      if (op && typeof op === 'object' && typeof op.operationId === 'string') op.operationId = `${op.operationId}${i}`;
    }
    doc.paths[pathKey.replace(/\/external_interviews\//, `/external_interviews_${i}/`)] = item;
    for (const kind of SCALED_KINDS) {
      for (const [name, value] of Object.entries(openapi.components?.[kind] ?? {})) {
        components[kind][`${name}_${i}`] = suffixRefs(value, i);
      }
    }
  }
  if (Object.keys(doc.paths).length !== count) throw new Error(`scaleSpec: path template ${pathKey} has no /external_interviews/ segment to vary`);
  return doc;
}

/** Counts the operations (method entries) of an OpenAPI document. */
export function countOperations(openapi) {
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  return Object.values(openapi.paths ?? {}).reduce((n, item) => n + methods.filter((m) => item[m]).length, 0);
}
