import type Ajv2020 from 'ajv/dist/2020.js';
import type { Options } from 'ajv';

/** The bundled OpenAPI document (dist/openapi.json). */
export declare const openapi: Record<string, any>;
/** The id under which the document's components are registered in Ajv. */
export declare const SPEC_ID: string;
/** The integer formats of the spec and the rule each one enforces (`int64`: a safe integer, |v| <= 2^53 - 1). */
export declare const INTEGER_FORMATS: Readonly<Record<'int32' | 'int64', Readonly<{ rule: string; validate: (x: number) => boolean }>>>;
/** Returns the component schema `<name>` as an absolute `$ref` usable with `ajv.getSchema`. */
export declare function schemaRef(name: string): string;
/** Rewrites a schema of the document so that its `#/components/schemas/X` refs point into the Ajv registry. */
export declare function toAjvSchema<T>(schema: T, base?: string): T;
/** The keyword limitIssues() adds to every subschema: past its value of issues, validation stops. */
export declare const ISSUE_LIMIT_KEYWORD: 'x-issue-limit';
/** The property of what a stopped validator throws: the Ajv errors found so far. */
export declare const ISSUES_FOUND: 'issuesFound';
/** A copy of `schema` with ISSUE_LIMIT_KEYWORD `max` in each of its subschemas. */
export declare function limitIssues<T>(schema: T, max: number): T;
/**
 * Creates an Ajv instance with every component schema of `doc` (default: the bundled spec) registered under SPEC_ID;
 * with `maxIssues`, validators of limitIssues() schemas throw `{ issuesFound }` past that many issues.
 */
export declare function createSpecAjv(options?: Options & { doc?: Record<string, any>; maxIssues?: number }): Ajv2020;
