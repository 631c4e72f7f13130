// Checks of a caller's input before any request: each failure is a HireValidationError naming the field and the rule.
import { HireValidationError, type ValidationIssue } from './errors.js';

/** Throws HireValidationError unless `value` is a plain object (not null, not an array). */
export function checkObject(name: string, value: unknown, what: string): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new HireValidationError([{ path: name, rule: 'type', message: `${name} must be an object (${what})` }]);
  }
}

/** The issue of `value` unless it is a non-empty string. */
export function stringIssue(name: string, value: unknown): ValidationIssue | undefined {
  if (typeof value !== 'string') return { path: name, rule: 'type', message: `${name} must be a string, got ${value === null ? 'null' : typeof value}` };
  if (value === '') return { path: name, rule: 'minLength', message: `${name} must not be empty` };
  return undefined;
}

/** Throws HireValidationError naming each issue, if any. */
export function throwIssues(issues: Array<ValidationIssue | undefined>): void {
  const found = issues.filter((i): i is ValidationIssue => i !== undefined);
  if (found.length) throw new HireValidationError(found);
}
