// Generated interviews for the property tests (fast-check), and a mock platform that stores every field it is sent.
// Known fields follow the spec's schemas (enums read from it); unknown fields (prefix `x_`) hold any JSON value, at
// every level; every dimension may carry every answer field whatever its type; strings are unicode; lists may be
// empty or long.
import fc from 'fast-check';
import { deref, openapi } from '@feishu-hire/spec/model';
import { updateExternalInterviewWriteBack } from '../../generated/write-back.js';
import { withoutReadOnly } from '../../src/write-back.js';
import type { ExternalInterview } from '../../src/index.js';
import { afterAll, beforeAll } from 'vitest';
import { mockClient, startMock, type Mock, type Sent } from './mock.js';

type Schema = Record<string, any>;
const RECORD = 'ExternalInterview';

/** The spec's schema of the stored record: where each known field's enum (if any) is read from. */
export const recordSchema: Schema = openapi.components.schemas[RECORD];

/** The enum of the known field `name` of `schema` (followed through `$ref`s), or undefined. */
export function enumOf(schema: Schema | undefined, name: string): unknown[] | undefined {
  const property = schema && deref(openapi, deref(openapi, schema).properties?.[name]);
  return property?.enum ?? property?.items?.enum;
}
/** The schema of the known field `name` of `schema` (of each item, for a list), or undefined for an unknown field. */
export function fieldSchema(schema: Schema | undefined, name: string): Schema | undefined {
  const property = schema && deref(openapi, deref(openapi, schema).properties?.[name]);
  return property?.type === 'array' ? deref(openapi, property.items) : property;
}

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const int64 = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
/** A list of `item`: mostly short (empty included), sometimes long. */
const list = <T>(item: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: fc.array(item, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(item, { minLength: 40, maxLength: 80 }) });
/** Fields the client does not know, with any JSON value (as it comes back from JSON: no -0). */
const unknownFields = fc
  .dictionary(fc.stringMatching(/^x_[a-z0-9]{1,6}$/), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 })
  .map((fields) => JSON.parse(JSON.stringify(fields)) as Record<string, unknown>);
/** `fields` (each optional) plus unknown fields. */
const withUnknown = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.tuple(fc.record(fields, { requiredKeys: [] }), unknownFields).map(([known, unknown]) => ({ ...unknown, ...known }));
const oneOfEnum = (schema: Schema, name: string) => fc.constantFrom(...enumOf(schema, name)!);

const assessmentSchema = fieldSchema(recordSchema, 'interview_assessments')!;
const dimensionSchema = fieldSchema(assessmentSchema, 'assessment_dimension_list')!;

/** A dimension: any type, any of the four answer fields, unknown fields. */
export const dimension = withUnknown({
  assessment_type: oneOfEnum(dimensionSchema, 'assessment_type'),
  score: int32,
  option: text,
  options: list(text),
  content: text,
  title: text,
  description: text,
});

/** An assessment (no ids: the platform assigns them). */
export const assessment = withUnknown({
  external_id: text,
  username: text,
  conclusion: oneOfEnum(assessmentSchema, 'conclusion'),
  assessment_dimension_list: list(dimension),
  content: text,
});

/** An interview of application `application`, without the fields the platform assigns; its assessment list is always there (the mock stores one). */
export function interviewOf(application: string) {
  return fc
    .tuple(
      withUnknown({ external_id: text, participate_status: oneOfEnum(recordSchema, 'participate_status'), begin_time: int64, end_time: int64 }),
      fc.oneof({ weight: 6, arbitrary: fc.array(assessment, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(assessment, { minLength: 20, maxLength: 30 }) }),
    )
    .map(([fields, assessments]) => ({ ...fields, external_application_id: application, interview_assessments: assessments }) as ExternalInterview);
}

/** `interview` without what the platform assigns: the fields the spec marks readOnly. */
export const content = (interview: unknown) => withoutReadOnly(interview, updateExternalInterviewWriteBack.readOnly);

/**
 * The bundled spec with every object schema open (`additionalProperties: true`): served by the mock, it stores every
 * field a request sends (by default it drops fields the spec does not declare, as no source says the platform keeps
 * them). The platform the client must lose nothing against is one that keeps them.
 */
function keepingSpec(): Schema {
  const spec = structuredClone(openapi) as Schema;
  for (const schema of Object.values<Schema>(spec.components.schemas)) {
    if ((schema.type === 'object' || schema.properties) && schema.additionalProperties === undefined) schema.additionalProperties = true;
  }
  return spec;
}

/**
 * The mock serving keepingSpec(), without rate limits (the property tests send hundreds of requests), started before
 * the file's tests and closed after them, and a client of it (rate limiter off) recording what it sends in `sent`.
 */
export function useKeepingMock(): { readonly mock: Mock; readonly client: ReturnType<typeof mockClient>; sent: Sent[] } {
  const state = { mock: undefined as unknown as Mock, client: undefined as unknown as ReturnType<typeof mockClient>, sent: [] as Sent[] };
  beforeAll(async () => {
    state.mock = await startMock([], { spec: keepingSpec(), rateLimitPerSecond: 0 });
    state.client = mockClient(state.mock, state.sent, { rateLimit: false });
  });
  afterAll(() => state.mock.close());
  return state;
}
