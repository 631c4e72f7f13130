export { createHireClient, createHireCore } from './client.js';
export type { ExternalInterview, HireClient, HireClientOptions, HireCore, UpdateExternalInterviewAssessment, UpdateExternalInterviewBody } from './client.js';
export type { HireValidator, QueryValue, RequestInput, RequestOptions } from './core.js';
export type { HireAuth } from './auth.js';
export { ErrorCode, HireApiError, HireAuthError, HireConnectionError, HireError, HireTimeoutError, HireValidationError } from './errors.js';
export type { HireApiErrorInit, ValidationIssue } from './errors.js';
export { createMemoryRateLimiter } from './limiter.js';
export type { HireRateLimiter } from './limiter.js';
export type { HireHooks, HireRequestInfo, HireResponseInfo, HireRetryInfo } from './transport.js';
export { operationFromModel } from './operation.js';
export type { HireOperation, ModelOperation } from './operation.js';
export * from '../generated/operations.js';
export { AssessmentType, Conclusion, ParticipateStatus } from '../generated/enums.js';
export { dimension } from './dimension.js';
export type { AssessmentDimension, AssessmentDimensionInput, DescriptionDimension, DimensionInfo, MultipleChoiceDimension, ScoreDimension, SingleChoiceDimension } from './dimension.js';
export type { components, operations, paths } from '../generated/schema.js';
export {
  createInterview,
  deleteInterview,
  getInterview,
  listInterviews,
  listInterviewsPage,
  patchInterview,
  toUpdateBody,
  updateInterview,
} from './external-interviews.js';
export type {
  CreateExternalInterviewBody,
  ExternalInterviewChanges,
  ExternalInterviewUpdater,
  ExternalInterviewMethods,
  ExternalInterviewPage,
  HireRequester,
  ListExternalInterviewsInput,
  ListExternalInterviewsPageInput,
  PatchedExternalInterview,
} from './external-interviews.js';
export { HireNotFoundError } from './not-found.js';
export { syncExternalInterviews } from './sync.js';
export type { SyncAction, SyncCounts, SyncExternalInterview, SyncExternalInterviewsOptions, SyncItem, SyncResult, SyncStatus } from './sync.js';
