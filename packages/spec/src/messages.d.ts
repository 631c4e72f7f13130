/** One broken rule: the field path (`body.interview_assessments[0].conclusion`), the JSON Schema keyword, the sentence. */
export interface ValidationIssue {
  path: string;
  rule: string;
  message: string;
}
/** The parts of an Ajv error the wording reads. */
export interface AjvErrorLike {
  instancePath?: string;
  keyword: string;
  params?: Record<string, any>;
  message?: string;
}
/** The bounds of a validation report: nesting levels, issues listed, characters of a joined message. */
export interface ValidationLimits {
  maxDepth: number;
  maxIssues: number;
  maxMessageLength: number;
}
/** The bounds every validator of the spec applies (maxDepth 32, maxIssues 20, maxMessageLength 2000). */
export declare const VALIDATION_LIMITS: Readonly<ValidationLimits>;
/** `text` cut to at most `max` characters, ending with "…" when cut. */
export declare function capMessage(text: string, max?: number): string;
/** Turns an Ajv instance path into "root.a[0].b". */
export declare function fieldPath(root: string, instancePath: string): string;
/** One Ajv error as `{ path, rule, message }`. */
export declare function describeError(root: string, error: AjvErrorLike): ValidationIssue;
/** Joins issues into one message, each phrase once, at most `maxIssues` phrases and `maxMessageLength` characters. */
export declare function joinIssues(issues: Iterable<ValidationIssue>, limits?: Pick<ValidationLimits, 'maxIssues' | 'maxMessageLength'>): string;
/** Every Ajv error as one "; "-joined message, each phrase once, bounded as joinIssues() bounds it. */
export declare function describeErrors(root: string, errors: readonly AjvErrorLike[] | null | undefined, limits?: Pick<ValidationLimits, 'maxIssues' | 'maxMessageLength'>): string;
