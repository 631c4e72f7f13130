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
/** Creates an Ajv instance with every component schema of `doc` (default: the bundled spec) registered under SPEC_ID. */
export declare function createSpecAjv(options?: Options & { doc?: Record<string, any> }): Ajv2020;
