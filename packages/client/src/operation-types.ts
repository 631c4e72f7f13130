// The types of an operation of the spec, read from openapi-typescript's `operations['<operationId>']`: each generated
// operation constant carries them (as a type only, nothing at run time), so that `client.request(constant, input)`
// checks the path, query and body it is given and resolves to the success `data` type, with no type argument.
import type { RequestOptions } from './core.js';
import type { HireOperation } from './operation.js';

declare const OPERATION_TYPES: unique symbol;

/** An operation constant of the spec (generated): a HireOperation that carries openapi-typescript's `operations[id]`. */
export interface TypedOperation<Op = unknown> extends HireOperation {
  /** Type only, never set: openapi-typescript's types of the operation. */
  readonly [OPERATION_TYPES]?: Op;
}

/** An operation without the spec's types (`operationFromModel(op)` of another spec, or written by hand). */
export type UntypedOperation = HireOperation & { readonly [OPERATION_TYPES]?: undefined };

/** openapi-typescript's types of a typed operation constant. */
export type OperationTypesOf<O> = O extends TypedOperation<infer Op> ? Op : never;

/** The type of the one entry of a content map (`{ content: { 'application/json': T } }` → T). */
type ContentOf<T> = T extends { content: infer C } ? C[keyof C] : never;
/** `T[K]` without undefined, or never when T has no K. */
type FieldOf<T, K extends PropertyKey> = K extends keyof T ? NonNullable<T[K]> : never;
/** Whether T may leave K out. */
type OptionalIn<T, K extends PropertyKey> = K extends keyof T ? ({} extends Pick<T, K> ? true : false) : true;
/** `{ [K]: V }` (optional when `Optional`), or `{ [K]?: undefined }` when there is no V. */
type Slot<K extends string, V, Optional> = [V] extends [never] ? { [_ in K]?: undefined } : Optional extends true ? { [_ in K]?: V } : { [_ in K]: V };
/** One object type of an intersection, for readable hovers. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ParametersOf<Op> = Op extends { parameters: infer P } ? P : {};

/** What an operation is called with: its path and query parameters and its request body, as the spec types them. */
export type RequestInputOf<Op> = Simplify<
  Slot<'path', FieldOf<ParametersOf<Op>, 'path'>, OptionalIn<ParametersOf<Op>, 'path'>> &
    Slot<'query', FieldOf<ParametersOf<Op>, 'query'>, OptionalIn<ParametersOf<Op>, 'query'>> &
    Slot<'body', ContentOf<FieldOf<Op, 'requestBody'>>, OptionalIn<Op, 'requestBody'>>
>;

/** The request body of an operation as the spec types it (never when it takes none). */
export type RequestBodyOf<Op> = ContentOf<FieldOf<Op, 'requestBody'>>;

type SuccessStatus = 200 | 201 | 202 | 204 | '200' | '201' | '202' | '204' | '2XX';
/** The success answer (the envelope) of an operation. */
type SuccessBodyOf<Op> = Op extends { responses: infer R } ? ContentOf<R[Extract<keyof R, SuccessStatus>]> : never;

/** The envelope's `data` of an operation's success answer: what `client.request` resolves to (undefined without one). */
export type ResponseDataOf<Op> = SuccessBodyOf<Op> extends infer B ? ('data' extends keyof B ? B['data'] : undefined) : never;

/** The arguments after the operation of `client.request(operation, ...)`: the input is optional when nothing in it is required. */
export type RequestArgs<O> = {} extends RequestInputOf<OperationTypesOf<O>>
  ? [input?: RequestInputOf<OperationTypesOf<O>>, options?: RequestOptions]
  : [input: RequestInputOf<OperationTypesOf<O>>, options?: RequestOptions];
