// A write the store refuses (a limit reached, a missing parent, children left): its message names the field and the
// rule, and the HTTP handlers answer it with the operation's invalid_parameter code.

/** A refused write of the store; nothing was changed. */
export class StoreRefusal extends Error {}
