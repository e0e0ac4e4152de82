export * from './types';
export {
  BOUNDS,
  DEFAULT_PROGRESSION_THRESHOLDS,
  THRESHOLD_INFO,
  checkThresholds,
  validateThresholds,
} from './config';
export type {
  Bound,
  ProgressionThresholds,
  ThresholdInfo,
  ThresholdKey,
  ThresholdProblem,
  ThresholdValidation,
} from './config';
export { doseDown, doseUp } from './dose';
export { sessionZone, usualPainBefore } from './history';
export { PROGRESSION_ENGINE_VERSION, evaluateProgression, planStateFromPlan } from './evaluate';
export { WARNING_SIGN_SUMMARY_LABELS, plainFlagSummary } from './escalation';
export { carryStateIntoEdit, holds, sameDose, withPrescription } from './state-edits';
