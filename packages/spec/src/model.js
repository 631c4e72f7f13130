// The operations model of the bundled spec (dist/openapi.json): `operations`, `errorCodes`, lookups by id.
import { openapi } from './ajv.js';
import { errorCodesOf, operationsOf } from './operations.js';
import { resourcesOf } from './resources.js';

export { deref, errorCodeFor, errorCodesOf, expandPath, operationsOf, pathPattern } from './operations.js';
export { isReadOnly, resourceExtensionProblems, resourcesOf, roleExtensionProblems, ROLES } from './resources.js';
export { clientMethodsOf, filterKey, idArgument } from './client-names.js';
export { openapi };

/** Every operation of the bundled spec. */
export const operations = Object.freeze(operationsOf(openapi));
/** Every resource of the bundled spec (tags with `x-feishu-resource`), with its operations by role. */
export const resources = Object.freeze(resourcesOf(openapi, operations));
/** The platform error codes of the bundled spec (`x-feishu-error-codes`). */
export const errorCodes = Object.freeze(errorCodesOf(openapi));

/** The operation `operationId` of the bundled spec; throws naming it when the spec has none. */
export function operationById(operationId, list = operations) {
  const operation = list.find((o) => o.operationId === operationId);
  if (!operation) throw new Error(`the spec has no operation ${operationId} (it has ${list.map((o) => o.operationId).join(', ')})`);
  return operation;
}

/** The resource `name` of the bundled spec; throws naming it when the spec has none. */
export function resourceByName(name, list = resources) {
  const resource = list.find((r) => r.name === name);
  if (!resource) throw new Error(`the spec has no resource ${name} (it has ${list.map((r) => r.name).join(', ') || 'none'})`);
  return resource;
}
