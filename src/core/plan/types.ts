import type { Weekday } from '../dates';
import type { Dose, Pillar, PrecautionTag } from '../library/types';
import type { PrecautionKind } from '../precautions/types';

/** The exercise library as the engine receives it (src/core/library/library.ts). */
export type { Library } from '../library/library';

/** When and how often an item is done. */
export interface PlanSchedule {
  daysPerWeek: number;
  /** Suggested days; absent means "any days you like". */
  days?: Weekday[];
  timesPerDay?: number;
  /** Clock times (HH:MM), for movement-break reminders. */
  times?: string[];
  /** A one-off date (YYYY-MM-DD), for review points. */
  on?: string;
  note?: string;
}

/** One week of the activity build-up. */
export interface ActivityWeek {
  week: number;
  minutesPerSession: number;
  sessionsPerWeek: number;
  weeklyMinutes: number;
}

export interface PlanItem {
  /** Stable within a plan, e.g. "strength:bridge". */
  id: string;
  pillar: Pillar;
  /** Library slug, or null for guidance and checklist items. */
  exercise: string | null;
  title: string;
  dose: Dose | null;
  schedule: PlanSchedule;
  /** Why THIS is in THIS person's plan, in plain words. */
  reason: string;
  /** Set when the engine chose something else than its first choice because of a precaution. */
  substitutedFor?: { slug: string; because: string };
  /** Caution-level precaution notes that apply to this exercise. */
  cautions?: string[];
  /** Checklist lines (workstation check). */
  checklist?: string[];
  /** Week-by-week build-up (activity). */
  buildUp?: ActivityWeek[];
  /** `high` for the item a person must see first (e.g. "see your doctor within days"). */
  priority?: 'high';
}

export interface AppliedPrecaution {
  kind: PrecautionKind;
  label: string;
  until: string | null;
  untilAssumed: boolean;
  rulesAssumed: boolean;
  forbidden: PrecautionTag[];
  cautions: PrecautionTag[];
  notes: string[];
}

export type PainBand = 'low' | 'moderate' | 'high';

export interface Plan {
  /** Version of the rules that made this plan; bump when a rule changes. */
  engineVersion: string;
  generatedOn: string;
  triageLevel: 'soon' | 'selfCare';
  painBand: PainBand;
  /** The ladder level strength work starts at (1 = easiest). */
  startLevel: number;
  items: PlanItem[];
  precautions: AppliedPrecaution[];
  /** Review points (clinical-facts §8). */
  reviews: { week: number; date: string }[];
  /** What we measured at the start, to compare against later. */
  baseline: {
    painNow: number;
    painWorstLastWeek: number;
    /** Patient-Specific Functional Scale mean, or null when no activities were named. */
    psfs: number | null;
    activityMinutesLastWeek: number;
  };
  /** The activities the person wants to get back to (PSFS items). */
  goals: { name: string; score: number }[];
}
