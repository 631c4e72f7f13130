// What an update sends and whether one is needed, field by field: a record of the export gives the fields it gives;
// a field it leaves out is kept as stored (a full-overwrite update sends the stored value back, so the import never
// deletes a field). A given field equals the stored one when every value it gives equals the stored value at the same
// place: objects compare by the keys given (the platform may add its own, such as ids), lists item by item in order,
// and an empty list equals an absent one.

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isEmpty = (v) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/** Whether the `given` value is already what `stored` holds (see above). */
export function sameValue(given, stored) {
  if (isEmpty(given)) return isEmpty(stored);
  if (Array.isArray(given)) return Array.isArray(stored) && given.length === stored.length && given.every((g, i) => sameValue(g, stored[i]));
  if (isObject(given)) return isObject(stored) && Object.keys(given).every((k) => given[k] === undefined || sameValue(given[k], stored[k]));
  return given === stored;
}

/** The fields of `record` whose value differs from `stored` (a stored record or a body), sorted; `skip` excepted. */
export function changedFields(record, stored, skip = []) {
  return Object.keys(record).filter((f) => !skip.includes(f) && !sameValue(record[f], stored?.[f])).sort();
}

/** `value` with only the fields `schema` (inlined) declares, at every level; a schema without properties keeps all. */
export function project(schema, value) {
  if (Array.isArray(value)) return schema?.items ? value.map((v) => project(schema.items, v)) : value;
  if (!isObject(value) || !isObject(schema?.properties)) return value;
  const out = {};
  for (const [field, sub] of Object.entries(schema.properties)) if (value[field] !== undefined) out[field] = project(sub, value[field]);
  return out;
}

/**
 * The body of an update of a stored record to `record`'s values. `full` (a full overwrite): the stored record as the
 * update takes it (`schema`, inlined) with the record's fields over it, so nothing the record leaves out is lost;
 * otherwise (a partial update or patch) only the `changed` fields, plus those the update requires.
 */
export function updateBody({ full, schema, record, stored, changed }) {
  const merged = { ...project(schema, stored ?? {}), ...record };
  if (full) return project(schema, merged);
  const fields = new Set([...changed, ...(schema?.required ?? [])]);
  return Object.fromEntries(Object.entries(merged).filter(([f]) => fields.has(f)));
}
