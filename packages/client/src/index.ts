export { createHireClient, createHireCore } from './client.js';
export type { HireClient, HireClientOptions, HireCore } from './client.js';
export type { HireValidator, QueryValue, RequestInput, RequestOptions } from './core.js';
export type { HireAuth } from './auth.js';
export { ErrorCode, HireApiError, HireAuthError, HireConnectionError, HireError, HireTimeoutError, HireValidationError } from './errors.js';
export type { HireApiErrorInit, ValidationIssue } from './errors.js';
export { createMemoryRateLimiter } from './limiter.js';
export type { HireRateLimiter } from './limiter.js';
export type { HireHooks, HireRequestInfo, HireResponseInfo, HireRetryInfo } from './transport.js';
export { operationFromModel } from './operation.js';
export type { HireOperation, ModelOperation } from './operation.js';
export type { OperationTypesOf, RequestArgs, RequestBodyOf, RequestInputOf, ResponseDataOf, TypedOperation, UntypedOperation } from './operation-types.js';
export * from '../generated/operations.js';
// Per resource of the spec: its types, one standalone function per method (createInterview, ...) and its namespace.
export * from '../generated/resources.js';
export type { BodyOf, DataOf, HireRequester, ItemOf, Page, PageInput, RecordOf } from './resource.js';
// Every enum of the spec with x-enum-varnames: a constant of its values by name, and its union type.
export * from '../generated/enums.js';
export { dimension } from './dimension.js';
export type { AssessmentDimension, AssessmentDimensionInput, ClientBody, DescriptionDimension, DimensionInfo, MultipleChoiceDimension, ScoreDimension, SingleChoiceDimension, UpdateExternalInterviewAssessment } from './dimension.js';
export type { components, operations, paths } from '../generated/schema.js';
export { patchInterview, syncExternalInterviews, toUpdateBody } from './external-interviews.js';
export type { ExternalInterviewChanges, ExternalInterviewMethods, ExternalInterviewUpdater, PatchedExternalInterview } from './external-interviews.js';
export type { SyncAction, SyncCounts, SyncExternalInterview, SyncExternalInterviewsOptions, SyncItem, SyncResult } from './external-interviews.js';
export type { FullOverwriteMethods, Patched, RecordChanges, RecordUpdater } from './full-overwrite.js';
export { HireNotFoundError } from './not-found.js';
export type { ResourceSyncAction, ResourceSyncCounts, ResourceSyncItem, ResourceSyncOptions, ResourceSyncResult, SyncRecord, SyncStatus } from './sync.js';
