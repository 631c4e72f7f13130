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
/** Turns an Ajv instance path into "root.a[0].b". */
export declare function fieldPath(root: string, instancePath: string): string;
/** One Ajv error as `{ path, rule, message }`. */
export declare function describeError(root: string, error: AjvErrorLike): ValidationIssue;
/** Every Ajv error as one "; "-joined message, each phrase once. */
export declare function describeErrors(root: string, errors: readonly AjvErrorLike[] | null | undefined): string;
