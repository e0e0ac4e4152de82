export { ENGINE_VERSION, activityBuildUp, generatePlan, planFor } from './generate';
export { runSelfCheck } from './run';
export type { SelfCheckResult } from './run';
export type * from './types';
export { activityWeekOn, planWeekOn, withActivityTarget } from './activity';
