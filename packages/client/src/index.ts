export { createHireClient } from './client.js';
export type { ExternalInterview, HireClient, HireClientOptions, RawHireClient, RequestOptions, UpdateExternalInterviewBody } from './client.js';
export type { HireAuth } from './auth.js';
export { ErrorCode, HireApiError, HireValidationError } from './errors.js';
export type { HireApiErrorInit, ValidationIssue } from './errors.js';
export { AssessmentType, Conclusion, ParticipateStatus } from '../generated/enums.js';
export { dimension } from './dimension.js';
export type { AssessmentDimension, AssessmentDimensionInput, DescriptionDimension, DimensionInfo, MultipleChoiceDimension, ScoreDimension, SingleChoiceDimension } from './dimension.js';
export type { components, operations, paths } from '../generated/schema.js';
