/**
 * The self-check contract for `POST /api/self-check`: request schema and
 * parser, the whole check (`runSelfCheck`), and the response schemas/types.
 */
export {
  PAIN_AREAS,
  PAIN_TRENDS,
  PREFERRED_ACTIVITIES,
  inflammatoryAnswersSchema,
  precautionSchema,
  selfCheckInputSchema,
} from './schema';
export type {
  InflammatoryAnswers,
  PainArea,
  PainTrend,
  PreferredActivity,
  SelfCheckInput,
  SelfCheckRequest,
} from './schema';
export { allSelfCheckErrors, formatPath, issueToValidationError, parseSelfCheck } from './parse';
export type { ParseResult, ValidationError } from './parse';
export {
  planItemSchema,
  planSchema,
  selfCheckErrorResponseSchema,
  selfCheckResponseSchema,
  triageReasonSchema,
  triageResultSchema,
} from './response';
export { runSelfCheck } from '../plan/run';
export type { SelfCheckResult } from '../plan/run';
export type { Plan, PlanItem } from '../plan/types';
export type { TriageResult, TriageReason } from '../triage/triage';

import type { SelfCheckResult } from '../plan/run';
import type { ValidationError } from './parse';

/** 200 response body. */
export type SelfCheckResponse = SelfCheckResult;
/** 400 response body. */
export interface SelfCheckErrorResponse {
  error: ValidationError;
}
