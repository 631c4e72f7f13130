import type { ErrorCodeEntry, Operation } from './operations.js';

export * from './operations.js';
/** The bundled OpenAPI document. */
export declare const openapi: Record<string, any>;
/** Every operation of the bundled spec. */
export declare const operations: readonly Operation[];
/** The platform error codes of the bundled spec. */
export declare const errorCodes: readonly ErrorCodeEntry[];
/** The operation `operationId`; throws naming it when absent. */
export declare function operationById(operationId: string, list?: readonly Operation[]): Operation;
