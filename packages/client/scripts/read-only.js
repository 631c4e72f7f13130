// What the generators read of the spec's `readOnly` marks: the fields of a record the server assigns, as a mask.
import { deref } from '@feishu-hire/spec/model';

/** The composition keywords: a schema with one of them needs more than the simple walks of the generators. */
export const COMPOSITION = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas'];

/**
 * The fields of `schema` (of `doc`) the spec marks `readOnly` (the server assigns them), as a mask: `true` for such a
 * field, the mask of its value (of each item, for a list) for a field with such fields below it; fields without any
 * are absent. `where` names the schema in the error of a construct it cannot read.
 */
export function readOnlyMask(doc, schema, where, stack = []) {
  const node = deref(doc, schema);
  if (!node || typeof node !== 'object' || stack.includes(node)) return {};
  const composed = COMPOSITION.find((k) => node[k] !== undefined);
  if (composed) throw new Error(`${where}: a record schema with ${composed}; scripts/read-only.js cannot read its readOnly fields yet (readOnlyMask)`);
  if (node.items) return readOnlyMask(doc, node.items, `${where}[]`, [...stack, node]);
  const mask = {};
  for (const [name, property] of Object.entries(node.properties ?? {})) {
    if (property.readOnly === true || deref(doc, property).readOnly === true) mask[name] = true;
    else {
      const below = readOnlyMask(doc, property, `${where}.${name}`, [...stack, node]);
      if (Object.keys(below).length) mask[name] = below;
    }
  }
  return mask;
}
