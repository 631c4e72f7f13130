import type Ajv2020 from 'ajv/dist/2020.js';
import type { ValidationIssue } from './messages.js';
import type { Operation, OperationParameter } from './operations.js';

export * from './messages.js';
/** The object schema of one parameter location. */
export declare function parameterSchema(parameters: readonly OperationParameter[]): Record<string, any>;
/** Joins issues into one message, each phrase once. */
export declare function joinIssues(issues: readonly ValidationIssue[]): string;
/** The checks of one operation; each returns the issues (empty when valid). Parameter checks coerce in place. */
export interface OperationValidators {
  path(values: Record<string, unknown>): ValidationIssue[];
  query(values: Record<string, unknown>): ValidationIssue[];
  header(values: Record<string, unknown>): ValidationIssue[];
  body: ((value: unknown) => ValidationIssue[]) | undefined;
}
/** The validators of a document (default: the bundled spec). */
export declare function createValidation(options?: { doc?: Record<string, any> }): {
  ajv: Ajv2020;
  compile(schema: Record<string, any>, coerce?: boolean): ((value: unknown) => boolean) & { errors?: any[] | null };
  validate(schema: Record<string, any>, value: unknown, root: string, coerce?: boolean): ValidationIssue[];
  forOperation(operation: Operation): OperationValidators;
};
