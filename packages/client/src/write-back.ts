// Sending a stored record back to an update that overwrites (全量覆盖更新), losing nothing: whatever the body leaves
// out is deleted on the server, so the body is the record itself minus the fields the server assigns. Which those are
// is the spec's `readOnly`, read by scripts/generate.js into generated/write-back.ts: nothing here names a field.
import { HireValidationError, type ValidationIssue } from './errors.js';

/** The fields of a record the server assigns (`readOnly` in the spec): `true`, or the mask of the field's value (of each item of a list). */
export interface ReadOnlyMask {
  readonly [field: string]: true | ReadOnlyMask;
}

/** What an update that overwrites needs of a stored record sent back (generated: `<operationId>WriteBack`). */
export interface WriteBack {
  /** The record's key in the operation's answer (`external_interview`). */
  readonly record: string;
  /** The body fields the update requires. */
  readonly required: readonly string[];
  /** The fields the server assigns, which a request does not carry. */
  readonly readOnly: ReadOnlyMask;
}

/**
 * A deep copy of `value` without the fields `mask` marks read-only, at any depth, and without undefined fields.
 * Everything else is kept as it is: fields the client does not know, and values it would not send itself.
 */
export function withoutReadOnly(value: unknown, mask: ReadOnlyMask | undefined): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => withoutReadOnly(item, mask));
  if (!value || typeof value !== 'object') return value;
  // Object.fromEntries defines own properties, so a field named `__proto__` stays a field.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([field, item]) => item !== undefined && !(mask && Object.hasOwn(mask, field) && mask[field] === true))
      .map(([field, item]) => [field, withoutReadOnly(item, mask && Object.hasOwn(mask, field) ? (mask[field] as ReadOnlyMask) : undefined)]),
  );
}

/**
 * The body that writes `record` (as read) back unchanged through the update of `writeBack`: the record without what
 * the server assigns. Throws HireValidationError naming `name` when `record` is not an object or lacks a field the
 * update requires.
 */
export function toWriteBody(record: unknown, writeBack: WriteBack, name: string): Record<string, unknown> {
  if (!record || typeof record !== 'object' || Array.isArray(record)) {
    throw new HireValidationError([{ path: name, rule: 'type', message: `${name} must be an object (a stored ${writeBack.record})` }]);
  }
  const missing = writeBack.required.filter((field) => (record as Record<string, unknown>)[field] === undefined);
  if (missing.length) {
    throw new HireValidationError(missing.map((field): ValidationIssue => ({ path: `${name}.${field}`, rule: 'required', message: `${name}.${field} is required (the update requires it)` })));
  }
  return withoutReadOnly(record, writeBack.readOnly) as Record<string, unknown>;
}
