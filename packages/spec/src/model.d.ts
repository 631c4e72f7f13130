import type { ErrorCodeEntry, Operation, Resource } from './operations.js';

export * from './operations.js';
/** The bundled OpenAPI document. */
export declare const openapi: Record<string, any>;
/** Every operation of the bundled spec. */
export declare const operations: readonly Operation[];
/** The platform error codes of the bundled spec. */
export declare const errorCodes: readonly ErrorCodeEntry[];
/** The operation `operationId`; throws naming it when absent. */
export declare function operationById(operationId: string, list?: readonly Operation[]): Operation;
/** Every resource of the bundled spec, with its operations by role. */
export declare const resources: readonly Resource[];
/** The resource `name`; throws naming it when absent. */
export declare function resourceByName(name: string, list?: readonly Resource[]): Resource;
