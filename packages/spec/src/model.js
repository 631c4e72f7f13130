// The operations model of the bundled spec (dist/openapi.json): `operations`, `errorCodes`, lookups by id.
import { openapi } from './ajv.js';
import { errorCodesOf, operationsOf } from './operations.js';

export { deref, errorCodeFor, errorCodesOf, expandPath, operationsOf, pathPattern } from './operations.js';
export { openapi };

/** Every operation of the bundled spec. */
export const operations = Object.freeze(operationsOf(openapi));
/** The platform error codes of the bundled spec (`x-feishu-error-codes`). */
export const errorCodes = Object.freeze(errorCodesOf(openapi));

/** The operation `operationId` of the bundled spec; throws naming it when the spec has none. */
export function operationById(operationId, list = operations) {
  const operation = list.find((o) => o.operationId === operationId);
  if (!operation) throw new Error(`the spec has no operation ${operationId} (it has ${list.map((o) => o.operationId).join(', ')})`);
  return operation;
}
