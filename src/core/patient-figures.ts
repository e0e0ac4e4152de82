/**
 * The figures a clinician's patient list shows for each patient: 7-day
 * adherence against the plan, the pain trend (this week's mean morning pain
 * against last week's, judged with the same meaningful-change rule as
 * everywhere else), and the adherence bands the list filters on. Pure: the
 * storage layer gathers the records and keeps the results for fast sorting.
 */
import { daysBetween } from './dates';
import type { Pillar } from './library/types';
import type { Plan } from './plan/types';
import { type ChangeCategory, painChange } from './scoring/scoring';

/** The window of the list's "7-day" figures, and of each pain window. */
export const DAY_WINDOW = 7;

/** Adherence bands of the list's filter: under 50 %, 50-79 %, 80 % and over (nothing due: no band). */
export const ADHERENCE_BANDS = { low: 0.5, high: 0.8 } as const;

export interface WeeklyTargets {
  stretch: number;
  strength: number;
}

/**
 * How many stretch and strength sessions a plan asks for per week: for each
 * kind, the highest `daysPerWeek` among its exercise items (a session does
 * all of that kind's exercises), at most 7.
 */
export function weeklyTargets(plan: Pick<Plan, 'items'>): WeeklyTargets {
  const of = (pillar: Pillar) =>
    Math.min(
      7,
      Math.max(
        0,
        ...plan.items
          .filter((i) => i.pillar === pillar && i.exercise !== null)
          .map((i) => i.schedule.daysPerWeek || 0),
      ),
    );
  return { stretch: of('stretch'), strength: of('strength') };
}

/**
 * 7-day adherence. Sessions due in the window [today-6, today] are, per
 * kind, the plan's weekly target pro-rated over the days the patient has had
 * a plan (all 7 once the plan is a week old), rounded; completed sessions
 * are distinct days with a completed session of that kind, counted up to
 * what was due. Adherence = completed ÷ due, or null when nothing was due.
 */
export function adherence(targets: WeeklyTargets, daysWithPlan: number, done: WeeklyTargets): number | null {
  const days = Math.max(0, Math.min(DAY_WINDOW, daysWithPlan));
  const dueStretch = Math.round((targets.stretch * days) / DAY_WINDOW);
  const dueStrength = Math.round((targets.strength * days) / DAY_WINDOW);
  const due = dueStretch + dueStrength;
  if (due === 0) return null;
  return (Math.min(done.stretch, dueStretch) + Math.min(done.strength, dueStrength)) / due;
}

export interface PatientFigures {
  adherence7d: number | null;
  painRecent: number | null;
  painPrior: number | null;
  painDelta: number | null;
  painTrend: ChangeCategory | null;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** One patient's list figures on `today` from their plan targets, sessions done and pain means. */
export function patientFigures(input: {
  today: string;
  /** The plan's weekly targets and the day the first plan started, or null without a plan. */
  plan: { targets: WeeklyTargets; start: string } | null;
  /** Distinct days with a completed session of each kind in the last 7 days. */
  done: WeeklyTargets;
  /** Mean morning pain over the last 7 days and the 7 before, or null without check-ins. */
  painRecent: number | null;
  painPrior: number | null;
}): PatientFigures {
  const adh = input.plan
    ? adherence(input.plan.targets, daysBetween(input.plan.start, input.today) + 1, input.done)
    : null;
  const painRecent = round1(input.painRecent);
  const painPrior = round1(input.painPrior);
  const both = painRecent !== null && painPrior !== null;
  return {
    adherence7d: adh === null ? null : Math.round(adh * 100) / 100,
    painRecent,
    painPrior,
    painDelta: both ? Math.round((painRecent - painPrior) * 10) / 10 : null,
    painTrend: both ? painChange(Math.min(10, painPrior), Math.min(10, painRecent)).category : null,
  };
}
