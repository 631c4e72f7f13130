// The integer formats of the spec and the rule each one enforces. No imports: the client bundles this file.

/**
 * The integer formats of the spec and the rule each one enforces, shared by every validator built from the spec
 * (Ajv, the client's standalone validator). `int64` is limited to safe integers (|v| <= 2^53 - 1): a larger
 * JSON number cannot be represented exactly once parsed by JavaScript, so it is rejected rather than silently rounded.
 */
export const INTEGER_FORMATS = Object.freeze({
  int32: Object.freeze({ rule: 'a 32-bit integer', validate: (x) => Number.isInteger(x) && x >= -2147483648 && x <= 2147483647 }),
  int64: Object.freeze({ rule: 'a safe integer', validate: (x) => Number.isSafeInteger(x) }),
});
