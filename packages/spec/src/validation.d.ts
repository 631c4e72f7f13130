import type Ajv2020 from 'ajv/dist/2020.js';
import type { ValidationIssue, ValidationLimits } from './messages.js';
import type { Operation, OperationParameter } from './operations.js';

export * from './messages.js';
/** The object schema of one parameter location. */
export declare function parameterSchema(parameters: readonly OperationParameter[]): Record<string, any>;
/** The first problem of a parsed JSON value that no schema states (nesting deeper than `maxDepth`, a non-finite number), or null. */
export declare function structureIssue(value: unknown, root: string, maxDepth?: number): ValidationIssue | null;
/**
 * The checks of one operation; each returns the issues (empty when valid). Parameter checks take each received name's
 * text (or every text, when it came more than once) and read them in place into their schema's type; undeclared
 * names are removed.
 */
export interface OperationValidators {
  path(values: Record<string, unknown>): ValidationIssue[];
  query(values: Record<string, unknown>): ValidationIssue[];
  header(values: Record<string, unknown>): ValidationIssue[];
  body: ((value: unknown) => ValidationIssue[]) | undefined;
}
/** A compiled check: `errors` holds at most `maxIssues + 1` Ajv errors after a failed call. */
export type BoundedCheck = ((value: unknown) => boolean) & { errors?: any[] | null };
/** The validators of a document (default: the bundled spec), within `limits` (default VALIDATION_LIMITS). */
export declare function createValidation(options?: { doc?: Record<string, any>; limits?: ValidationLimits }): {
  ajv: Ajv2020;
  compile(schema: Record<string, any>, coerce?: boolean): BoundedCheck;
  validate(schema: Record<string, any>, value: unknown, root: string, coerce?: boolean): ValidationIssue[];
  forOperation(operation: Operation): OperationValidators;
};
