// Pure helper: grows a bundled OpenAPI document by copies of one of its operations, each on its own path, with its
// own operationId and its own copies of the components it uses. The operation is found through the spec's model.
import { operationsOf } from '@feishu-hire/spec/operations';

const SCALED_KINDS = ['schemas', 'responses', 'parameters', 'requestBodies'];
const COMPONENT_REF = /^#\/components\/([^/]+)\/(.+)$/;

/** Rewrites every `#/components/<kind>/<name>` $ref of a scaled kind in `node` to `<name>_<suffix>`; returns a copy. */
export function suffixRefs(node, suffix) {
  if (Array.isArray(node)) return node.map((v) => suffixRefs(v, suffix));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') {
      const m = v.match(COMPONENT_REF);
      out[k] = m && SCALED_KINDS.includes(m[1]) ? `#/components/${m[1]}/${m[2]}_${suffix}` : v;
    } else out[k] = suffixRefs(v, suffix);
  }
  return out;
}

/** Adds to `found` ($ref -> [kind, name]) the scaled-kind components `node` refers to, and theirs. */
function collectComponents(doc, node, found) {
  if (!node || typeof node !== 'object') return;
  const m = typeof node.$ref === 'string' && node.$ref.match(COMPONENT_REF);
  if (m && SCALED_KINDS.includes(m[1]) && !found.has(node.$ref)) {
    found.set(node.$ref, [m[1], m[2]]);
    collectComponents(doc, doc.components[m[1]][m[2]], found);
  }
  for (const value of Object.values(node)) collectComponents(doc, value, found);
}

/** The components of a scaled kind that `node` uses, directly or through other such components: `[kind, name]`s. */
export function usedComponents(doc, node) {
  const found = new Map();
  collectComponents(doc, node, found);
  return [...found.values()];
}

/** The path of copy `i`: the template with `_<i>` appended to its last fixed segment (`/a/b_3/{id}`). */
export function copyPath(template, i) {
  const segments = template.split('/');
  const last = segments.findLastIndex((s) => s !== '' && !s.includes('{'));
  if (last < 0) throw new Error(`scaleSpec: path template ${template} has no fixed segment to vary`);
  segments[last] = `${segments[last]}_${i}`;
  return segments.join('/');
}

/**
 * Returns a copy of `openapi` (a bundled document) with `count` operations shaped like `operationId`: the original
 * plus count-1 copies on distinct paths (copyPath), with operationIds `<operationId><i>` and the components they use
 * copied with the suffix `_<i>`. The document's other operations are kept as they are.
 */
export function scaleSpec(openapi, count, operationId) {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`scaleSpec: count must be a positive integer, got ${count}`);
  const op = operationsOf(openapi).find((o) => o.operationId === operationId);
  if (!op) throw new Error(`scaleSpec: the document has no operation ${operationId}`);
  const method = op.method.toLowerCase();
  const { parameters } = openapi.paths[op.path];
  const item = { ...(parameters ? { parameters } : {}), [method]: openapi.paths[op.path][method] };
  const used = usedComponents(openapi, item);
  const doc = structuredClone(openapi);
  for (let i = 1; i < count; i++) {
    const path = copyPath(op.path, i);
    if (doc.paths[path]) throw new Error(`scaleSpec: the document already has a path ${path}`);
    doc.paths[path] = suffixRefs(item, i);
    doc.paths[path][method].operationId = `${operationId}${i}`;
    for (const [kind, name] of used) doc.components[kind][`${name}_${i}`] = suffixRefs(openapi.components[kind][name], i);
  }
  return doc;
}
