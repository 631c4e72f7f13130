import type { ErrorCodeEntry, Operation, Resource, ResourceFilter, ResourceRole } from './operations.js';

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
/** One method of a resource's client namespace (`client.externalInterviews.get`) and the operation it calls. */
export interface ClientMethod {
  /** The namespace method: `create`, `get`, `list`, `listPage`, `update`, `patch`, `delete`, `toUpdateBody` or `sync`. */
  method: string;
  /** The role of the operation it calls (`get` without a read role is a list by the ids filter). */
  role: ResourceRole;
  operationId: string;
  /** The standalone function of the method (`createInterview(client, body)`); none for `toUpdateBody`. */
  functionName?: string;
  /** `get` through the list's ids filter. */
  byIds?: true;
  /** `listPage`: one page of a paged list. */
  page?: true;
  /** `patch` (read, change, write back whole) and `toUpdateBody`: the helpers of an update that overwrites. */
  fullOverwrite?: true;
  /** `sync(parentId, records)`: lists one parent's records and writes what differs, keyed by the idempotency key. */
  sync?: true;
  /** A standalone function only (`sync`): not a method of the namespace, so that a bundle that does not call it leaves it out. */
  standalone?: true;
  /** `sync` only: the parent's id as the client's arguments name it (`externalApplicationId`). */
  parentArgument?: string;
  /** `sync` only: the records' argument (`interviews`, `backgroundChecks`). */
  recordsArgument?: string;
  /** `sync` only: the namespace methods it writes through (`create`, and `update`, `delete` where the resource has them). */
  writes?: Array<'create' | 'update' | 'delete'>;
}
/** The methods of a resource's client namespace, in lifecycle order. */
export declare function clientMethodsOf(resource: Resource, operations: readonly Operation[]): ClientMethod[];
/** The key of a list's filter in the client's filter object: `ids`, or the camelCase name of the parent field. */
export declare function filterKey(kind: 'parent' | 'ids', filter: ResourceFilter): string;
/** The camelCase name of a resource's id in the client's arguments and messages (`externalInterviewId`). */
export declare function idArgument(resource: Pick<Resource, 'idParameter'>): string;
