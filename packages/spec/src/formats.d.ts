/** The integer formats of the spec and the rule each one enforces (`int64`: a safe integer, |v| <= 2^53 - 1). */
export declare const INTEGER_FORMATS: Readonly<Record<'int32' | 'int64', Readonly<{ rule: string; validate: (x: number) => boolean }>>>;
