/**
 * Clinic-tunable thresholds of the adaptive plan. Defaults come from
 * `THRESHOLDS` (src/core/thresholds.ts); `BOUNDS` says how far a clinic may
 * move each one. `validateThresholds` clamps out-of-range numbers to the
 * bound and refuses values that are not numbers, not whole where they must
 * be, or that contradict another threshold, always saying why.
 */
import { t } from '../thresholds';

export interface ProgressionThresholds {
  /** Pain during exercise up to this is the green (safe) zone. */
  painDuringGreenMax: number;
  /** Pain during exercise above this is red. Never above 5 (PM1). */
  painDuringMax: number;
  /** Next-morning rise over the usual level that makes a session amber. */
  nextMorningAmberRise: number;
  /** Next-morning rise over the usual level that makes a session red. */
  nextMorningRedRise: number;
  greenSessionsToProgress: number;
  tooEasySessionsToProgress: number;
  tooHardSessionsToRegress: number;
  /** No step up when a red session happened within this many days. */
  redLookbackDays: number;
  repsStep: number;
  repsMin: number;
  repsMax: number;
  setsMax: number;
  holdStepSeconds: number;
  strengthHoldSecondsMin: number;
  strengthHoldSecondsMax: number;
  stretchHoldSecondsMin: number;
  stretchHoldSecondsMax: number;
  activityGoalMinutesPerWeek: number;
  activityWeeklyIncreasePercent: number;
  activityWeeklyIncreaseMinMinutes: number;
  /** Days from the start without meaningful improvement before a PT review is suggested. */
  reviewAfterDays: number;
  /** Days from the start without meaningful improvement before the PT is flagged. */
  reassessAfterDays: number;
  worseningRisePoints: number;
  worseningWindowDays: number;
  silenceNudgeDays: number;
  silenceFlagDays: number;
  spreadingLookbackDays: number;
}

export type ThresholdKey = keyof ProgressionThresholds;

export const DEFAULT_PROGRESSION_THRESHOLDS: Readonly<ProgressionThresholds> = Object.freeze({
  painDuringGreenMax: t('painZoneSafeMax'),
  painDuringMax: t('painDuringExerciseMax'),
  nextMorningAmberRise: t('nextMorningAmberRise'),
  nextMorningRedRise: t('nextMorningRedRise'),
  greenSessionsToProgress: t('progressionGreenSessions'),
  tooEasySessionsToProgress: t('progressionTooEasySessions'),
  tooHardSessionsToRegress: t('progressionTooHardSessions'),
  redLookbackDays: t('progressionRedLookbackDays'),
  repsStep: t('progressionRepsStep'),
  repsMin: t('progressionRepsMin'),
  repsMax: t('progressionRepsMax'),
  setsMax: t('progressionSetsMax'),
  holdStepSeconds: t('progressionHoldStepSeconds'),
  strengthHoldSecondsMin: t('strengthHoldSecondsMin'),
  strengthHoldSecondsMax: t('strengthHoldSecondsMax'),
  stretchHoldSecondsMin: t('stretchHoldSecondsMin'),
  stretchHoldSecondsMax: t('stretchHoldSecondsMax'),
  activityGoalMinutesPerWeek: t('activityGoalMinutesPerWeek'),
  activityWeeklyIncreasePercent: t('activityWeeklyIncreasePercent'),
  activityWeeklyIncreaseMinMinutes: t('activityWeeklyIncreaseMinMinutes'),
  reviewAfterDays: t('firstReviewWeeks') * 7,
  reassessAfterDays: t('secondReviewWeeks') * 7,
  worseningRisePoints: t('worseningRisePoints'),
  worseningWindowDays: t('worseningWindowDays'),
  silenceNudgeDays: t('silenceNudgeDays'),
  silenceFlagDays: t('silenceFlagDays'),
  spreadingLookbackDays: t('spreadingLookbackDays'),
});

export interface Bound {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
}

const b = (min: number, max: number, integer = true): Bound => ({ min, max, integer });

/** How far a clinic may tune each threshold (inclusive). */
export const BOUNDS: Readonly<Record<ThresholdKey, Bound>> = Object.freeze({
  painDuringGreenMax: b(1, 3),
  painDuringMax: b(3, t('painDuringExerciseMax')),
  nextMorningAmberRise: b(1, 2),
  nextMorningRedRise: b(1, 3),
  greenSessionsToProgress: b(1, 4),
  tooEasySessionsToProgress: b(1, 4),
  tooHardSessionsToRegress: b(1, 4),
  redLookbackDays: b(0, 14),
  repsStep: b(1, 3),
  repsMin: b(4, 8),
  repsMax: b(8, 20),
  setsMax: b(2, 4),
  holdStepSeconds: b(5, 10),
  strengthHoldSecondsMin: b(5, 20),
  strengthHoldSecondsMax: b(20, 90),
  stretchHoldSecondsMin: b(t('stretchHoldSecondsMin'), t('stretchHoldSecondsMax')),
  stretchHoldSecondsMax: b(t('stretchHoldSecondsMin'), 60),
  activityGoalMinutesPerWeek: b(60, 300),
  activityWeeklyIncreasePercent: b(5, 25),
  activityWeeklyIncreaseMinMinutes: b(0, 15),
  reviewAfterDays: b(7, 21),
  reassessAfterDays: b(28, 84),
  worseningRisePoints: b(1, 4),
  worseningWindowDays: b(2, 7),
  silenceNudgeDays: b(2, 14),
  silenceFlagDays: b(2, 14),
  spreadingLookbackDays: b(1, 14),
});

/** Pairs that must keep their order: [smaller, larger, strictly smaller?]. */
const ORDER: readonly [ThresholdKey, ThresholdKey, boolean][] = [
  ['painDuringGreenMax', 'painDuringMax', true],
  ['nextMorningAmberRise', 'nextMorningRedRise', true],
  ['repsMin', 'repsMax', true],
  ['strengthHoldSecondsMin', 'strengthHoldSecondsMax', true],
  ['stretchHoldSecondsMin', 'stretchHoldSecondsMax', false],
  ['reviewAfterDays', 'reassessAfterDays', true],
  ['silenceNudgeDays', 'silenceFlagDays', true],
];

export interface ThresholdValidation {
  thresholds: ProgressionThresholds;
  /** One line per value clamped or refused, in plain words. Empty when all were accepted. */
  problems: string[];
}

/**
 * Merges clinic overrides into the defaults. A number outside its bound is
 * clamped to the bound; a non-number, a fraction where a whole number is
 * needed, an unknown key, or a value that breaks an ordering (e.g. the green
 * zone reaching the red limit) is refused and the default kept.
 */
export function validateThresholds(custom: Partial<Record<string, unknown>> = {}): ThresholdValidation {
  const out: ProgressionThresholds = { ...DEFAULT_PROGRESSION_THRESHOLDS };
  const problems: string[] = [];
  const set = new Set<ThresholdKey>();
  for (const key of Object.keys(custom).sort()) {
    const value = custom[key];
    if (value === undefined) continue;
    if (!(key in BOUNDS)) {
      problems.push(`${key}: not a progression threshold; ignored.`);
      continue;
    }
    const k = key as ThresholdKey;
    const bound = BOUNDS[k];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`${k}: must be a number; kept the default ${out[k]}.`);
      continue;
    }
    if (bound.integer && !Number.isInteger(value)) {
      problems.push(`${k}: must be a whole number (got ${value}); kept the default ${out[k]}.`);
      continue;
    }
    let v = value;
    if (v < bound.min) {
      problems.push(`${k}: ${value} is below the lowest allowed value ${bound.min}; set to ${bound.min}.`);
      v = bound.min;
    } else if (v > bound.max) {
      problems.push(`${k}: ${value} is above the highest allowed value ${bound.max}; set to ${bound.max}.`);
      v = bound.max;
    }
    out[k] = v;
    set.add(k);
  }
  for (const [lo, hi, strict] of ORDER) {
    const broken = strict ? out[lo] >= out[hi] : out[lo] > out[hi];
    if (!broken) continue;
    const rel = strict ? 'below' : 'at most';
    // Refuse the overridden value(s) and go back to the defaults, which are ordered.
    for (const k of [lo, hi]) {
      if (set.has(k)) {
        problems.push(
          `${k}: ${out[k]} breaks the rule "${lo} must be ${rel} ${hi}"; kept the default ${DEFAULT_PROGRESSION_THRESHOLDS[k]}.`,
        );
        out[k] = DEFAULT_PROGRESSION_THRESHOLDS[k];
      }
    }
  }
  return { thresholds: out, problems };
}
