import type Ajv2020 from 'ajv/dist/2020.js';
import type { Options } from 'ajv';

/** The bundled OpenAPI document (dist/openapi.json). */
export declare const openapi: Record<string, any>;
/** The id under which the spec's components are registered in Ajv. */
export declare const SPEC_ID: string;
/** Returns the component schema `<name>` as an absolute `$ref` usable with `ajv.getSchema`. */
export declare function schemaRef(name: string): string;
/** Creates an Ajv instance with every component schema of the spec registered under SPEC_ID. */
export declare function createSpecAjv(options?: Options): Ajv2020;
