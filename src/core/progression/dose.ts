/**
 * One dose step up or down within the §5.2 limits. Intensity per set moves
 * first (reps or hold), then the number of sets. Returns null when the dose
 * cannot move further in that direction.
 */
import type { Dose, Exercise } from '../library/types';
import type { ProgressionThresholds } from './config';

export interface DoseStep {
  dose: Dose;
  /** Plain words: "12 to 14 reps". */
  what: string;
}

function holdLimits(ex: Pick<Exercise, 'pillar'>, th: ProgressionThresholds): [number, number] {
  return ex.pillar === 'stretch'
    ? [th.stretchHoldSecondsMin, th.stretchHoldSecondsMax]
    : [th.strengthHoldSecondsMin, th.strengthHoldSecondsMax];
}

/** The largest number of sets allowed: the clinic maximum, or more when the library's own dose has more. */
function setsCeiling(ex: Pick<Exercise, 'defaultDose'>, th: ProgressionThresholds): number {
  return Math.max(th.setsMax, ex.defaultDose.sets);
}

export function doseUp(
  ex: Pick<Exercise, 'type' | 'pillar' | 'defaultDose'>,
  dose: Dose,
  th: ProgressionThresholds,
): DoseStep | null {
  if (ex.type === 'timed') return null;
  if (ex.type === 'reps' && dose.reps !== undefined && dose.reps < th.repsMax) {
    const reps = Math.min(th.repsMax, dose.reps + th.repsStep);
    return { dose: { ...dose, reps }, what: `${dose.reps} to ${reps} repetitions` };
  }
  if (ex.type === 'hold' && dose.holdSeconds !== undefined) {
    const [, max] = holdLimits(ex, th);
    if (dose.holdSeconds < max) {
      const holdSeconds = Math.min(max, dose.holdSeconds + th.holdStepSeconds);
      return {
        dose: { ...dose, holdSeconds },
        what: `a ${dose.holdSeconds}-second to a ${holdSeconds}-second hold`,
      };
    }
  }
  // Stretches stop at the ACSM hold; more sets add nothing (60 s accumulated is the target, D1).
  if (ex.pillar === 'stretch') return null;
  if (dose.sets < setsCeiling(ex, th)) {
    return { dose: { ...dose, sets: dose.sets + 1 }, what: `${dose.sets} to ${dose.sets + 1} sets` };
  }
  return null;
}

export function doseDown(
  ex: Pick<Exercise, 'type' | 'pillar' | 'defaultDose'>,
  dose: Dose,
  th: ProgressionThresholds,
): DoseStep | null {
  if (ex.type === 'timed') return null;
  if (ex.type === 'reps' && dose.reps !== undefined && dose.reps > th.repsMin) {
    const reps = Math.max(th.repsMin, dose.reps - th.repsStep);
    return { dose: { ...dose, reps }, what: `${dose.reps} to ${reps} repetitions` };
  }
  if (ex.type === 'hold' && dose.holdSeconds !== undefined) {
    const [min] = holdLimits(ex, th);
    if (dose.holdSeconds > min) {
      const holdSeconds = Math.max(min, dose.holdSeconds - th.holdStepSeconds);
      return {
        dose: { ...dose, holdSeconds },
        what: `a ${dose.holdSeconds}-second to a ${holdSeconds}-second hold`,
      };
    }
  }
  if (dose.sets > 1) {
    return { dose: { ...dose, sets: dose.sets - 1 }, what: `${dose.sets} to ${dose.sets - 1} sets` };
  }
  return null;
}
