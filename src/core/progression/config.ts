/**
 * Clinic-tunable thresholds of the adaptive plan. Defaults come from
 * `THRESHOLDS` (src/core/thresholds.ts); `BOUNDS` says how far a clinic may
 * move each one. `validateThresholds` clamps out-of-range numbers to the
 * bound and refuses values that are not numbers, not whole where they must
 * be, or that contradict another threshold, always saying why.
 */
import { THRESHOLDS, type Threshold, type ThresholdName, t } from '../thresholds';

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

export interface ThresholdProblem {
  key: string;
  message: string;
}

/**
 * Strict check of a clinic's overrides before they are stored: nothing is
 * clamped. Every value outside its bound, not a number, a fraction where a
 * whole number is needed, an unknown key, or a broken ordering is one
 * problem naming the key and the allowed range in plain words.
 */
export function checkThresholds(custom: Partial<Record<string, unknown>>): ThresholdProblem[] {
  const problems: ThresholdProblem[] = [];
  const merged: ProgressionThresholds = { ...DEFAULT_PROGRESSION_THRESHOLDS };
  for (const key of Object.keys(custom).sort()) {
    const value = custom[key];
    if (value === undefined) continue;
    if (!(key in BOUNDS)) {
      problems.push({ key, message: `${key} is not a threshold a clinic can set.` });
      continue;
    }
    const k = key as ThresholdKey;
    const bound = BOUNDS[k];
    const label = THRESHOLD_INFO[k].label;
    const range = `from ${bound.min} to ${bound.max} ${THRESHOLD_INFO[k].unit}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push({ key, message: `${label}: enter a number ${range}.` });
      continue;
    }
    if (bound.integer && !Number.isInteger(value)) {
      problems.push({ key, message: `${label}: enter a whole number ${range} (${value} is not whole).` });
      continue;
    }
    if (value < bound.min || value > bound.max) {
      problems.push({ key, message: `${label}: ${value} is outside the allowed range, ${range}.` });
      continue;
    }
    merged[k] = value;
  }
  if (problems.length > 0) return problems;
  for (const [lo, hi, strict] of ORDER) {
    const broken = strict ? merged[lo] >= merged[hi] : merged[lo] > merged[hi];
    if (!broken) continue;
    const key = lo in custom ? lo : hi;
    problems.push({
      key,
      message: `${THRESHOLD_INFO[lo].label} (${merged[lo]}) must be ${strict ? 'below' : 'at most'} ${THRESHOLD_INFO[hi].label.toLowerCase()} (${merged[hi]}).`,
    });
  }
  return problems;
}

export interface ThresholdInfo {
  /** Short name for a settings page. */
  label: string;
  /** What the number does, in plain words for clinic staff. */
  explain: string;
  unit: string;
  /** Source keys (clinical-facts §11) and whether the default is a design proposal. */
  source: string;
  designProposal: boolean;
  group: 'Pain limits' | 'Moving up and down' | 'Doses' | 'Activity' | 'Reviews and alerts';
}

const info = (
  name: ThresholdName,
  group: ThresholdInfo['group'],
  label: string,
  explain: string,
  unit: string,
): ThresholdInfo => {
  const th: Threshold = THRESHOLDS[name];
  return { label, explain, unit, source: th.source, designProposal: th.designProposal === true, group };
};

/** Labels, plain explanations, units and sources for the clinic settings page. */
export const THRESHOLD_INFO: Readonly<Record<ThresholdKey, ThresholdInfo>> = Object.freeze({
  painDuringGreenMax: info(
    'painZoneSafeMax',
    'Pain limits',
    'Comfortable pain during exercise',
    'Pain during an exercise up to this counts as comfortable (green). Only green sessions count towards a step up.',
    'points out of 10',
  ),
  painDuringMax: info(
    'painDuringExerciseMax',
    'Pain limits',
    'Highest acceptable pain during exercise',
    'Pain above this during an exercise is too much (red): the exercise is made easier or swapped. It can never be set above 5.',
    'points out of 10',
  ),
  nextMorningAmberRise: info(
    'nextMorningAmberRise',
    'Pain limits',
    'Next-morning rise that holds',
    'If morning pain the day after a session is this much above the usual level, the exercise stays where it is.',
    'points out of 10',
  ),
  nextMorningRedRise: info(
    'nextMorningRedRise',
    'Pain limits',
    'Next-morning rise that steps down',
    'If morning pain the day after a session is this much above the usual level, the exercise is made easier.',
    'points out of 10',
  ),
  greenSessionsToProgress: info(
    'progressionGreenSessions',
    'Moving up and down',
    'Comfortable sessions before a step up',
    'How many sessions in a row must be comfortable, with good form and pain settled by the next morning, before an exercise moves up.',
    'sessions',
  ),
  tooEasySessionsToProgress: info(
    'progressionTooEasySessions',
    'Moving up and down',
    '"Too easy" sessions before a step up',
    'How many sessions in a row rated "too easy" without pain move an exercise up.',
    'sessions',
  ),
  tooHardSessionsToRegress: info(
    'progressionTooHardSessions',
    'Moving up and down',
    '"Too hard" sessions before a step down',
    'How many sessions in a row rated "too hard" make an exercise easier.',
    'sessions',
  ),
  redLookbackDays: info(
    'progressionRedLookbackDays',
    'Moving up and down',
    'Wait after a flare',
    'No step up for an exercise family while a too-painful session happened within this many days.',
    'days',
  ),
  repsStep: info(
    'progressionRepsStep',
    'Doses',
    'Repetitions added per step',
    'How many repetitions a dose step adds or removes.',
    'repetitions',
  ),
  repsMin: info(
    'progressionRepsMin',
    'Doses',
    'Fewest repetitions',
    'A dose step down never goes below this many repetitions.',
    'repetitions',
  ),
  repsMax: info(
    'progressionRepsMax',
    'Doses',
    'Most repetitions',
    'A dose step up never goes above this many repetitions; beyond it, sets go up.',
    'repetitions',
  ),
  setsMax: info(
    'progressionSetsMax',
    'Doses',
    'Most sets',
    'Dose steps up never add sets beyond this.',
    'sets',
  ),
  holdStepSeconds: info(
    'progressionHoldStepSeconds',
    'Doses',
    'Seconds added to a hold per step',
    'How many seconds a dose step adds to or removes from a hold.',
    'seconds',
  ),
  strengthHoldSecondsMin: info(
    'strengthHoldSecondsMin',
    'Doses',
    'Shortest strength hold',
    'Strength holds (planks, side planks) never step down below this.',
    'seconds',
  ),
  strengthHoldSecondsMax: info(
    'strengthHoldSecondsMax',
    'Doses',
    'Longest strength hold',
    'Strength holds never step up beyond this; at the top the exercise moves up its ladder instead.',
    'seconds',
  ),
  stretchHoldSecondsMin: info(
    'stretchHoldSecondsMin',
    'Doses',
    'Shortest stretch hold',
    'Stretch holds never step down below this.',
    'seconds',
  ),
  stretchHoldSecondsMax: info(
    'stretchHoldSecondsMax',
    'Doses',
    'Longest stretch hold',
    'Stretch holds never step up beyond this.',
    'seconds',
  ),
  activityGoalMinutesPerWeek: info(
    'activityGoalMinutesPerWeek',
    'Activity',
    'Weekly activity goal',
    'The weekly target for walking, cycling or swimming builds up to this and stops there.',
    'minutes a week',
  ),
  activityWeeklyIncreasePercent: info(
    'activityWeeklyIncreasePercent',
    'Activity',
    'Weekly increase',
    'When a week’s target was met without too much pain, the next week’s target grows by this share.',
    '%',
  ),
  activityWeeklyIncreaseMinMinutes: info(
    'activityWeeklyIncreaseMinMinutes',
    'Activity',
    'Smallest weekly increase',
    'The target grows by at least this many minutes when it grows.',
    'minutes',
  ),
  reviewAfterDays: info(
    'firstReviewWeeks',
    'Reviews and alerts',
    'Suggest a review after',
    'Days from the start without a meaningful improvement in pain (2 points or 30 %) before the patient is asked to book a review.',
    'days',
  ),
  reassessAfterDays: info(
    'secondReviewWeeks',
    'Reviews and alerts',
    'Flag for reassessment after',
    'Days from the start without a meaningful improvement before the patient is flagged to their PT.',
    'days',
  ),
  worseningRisePoints: info(
    'worseningRisePoints',
    'Reviews and alerts',
    'Rise that counts as worsening',
    'Morning pain this much above the patient’s reference level, on average, flags worsening pain.',
    'points out of 10',
  ),
  worseningWindowDays: info(
    'worseningWindowDays',
    'Reviews and alerts',
    'Check-ins averaged for worsening',
    'How many recent morning check-ins are averaged to decide that pain is worsening.',
    'check-ins',
  ),
  silenceNudgeDays: info(
    'silenceNudgeDays',
    'Reviews and alerts',
    'Gentle nudge after',
    'Days without a check-in, session or activity before the patient gets a friendly reminder.',
    'days',
  ),
  silenceFlagDays: info(
    'silenceFlagDays',
    'Reviews and alerts',
    'Flag a silent patient after',
    'Days without a check-in, session or activity before the patient is flagged to their PT.',
    'days',
  ),
  spreadingLookbackDays: info(
    'spreadingLookbackDays',
    'Reviews and alerts',
    'Spreading symptoms looked back',
    'How many days back a report of symptoms spreading down the leg still raises the spreading-symptoms flag.',
    'days',
  ),
});
