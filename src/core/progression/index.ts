export * from './types';
export { BOUNDS, DEFAULT_PROGRESSION_THRESHOLDS, validateThresholds } from './config';
export type { Bound, ProgressionThresholds, ThresholdKey, ThresholdValidation } from './config';
export { doseDown, doseUp } from './dose';
export { sessionZone, usualPainBefore } from './history';
export { PROGRESSION_ENGINE_VERSION, evaluateProgression, planStateFromPlan } from './evaluate';
