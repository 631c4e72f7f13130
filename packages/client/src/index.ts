export { createHireClient, createHireCore } from './client.js';
export type { ExternalInterview, HireClient, HireClientOptions, HireCore, UpdateExternalInterviewBody } from './client.js';
export type { QueryValue, RawHireClient, RequestInput, RequestOptions } from './core.js';
export type { HireAuth } from './auth.js';
export { ErrorCode, HireApiError, HireValidationError } from './errors.js';
export type { HireApiErrorInit, ValidationIssue } from './errors.js';
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
