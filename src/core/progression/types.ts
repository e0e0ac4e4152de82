/**
 * Plain-data input and output types of the adaptive-plan engine
 * (`evaluateProgression`). Dates are YYYY-MM-DD strings; the storage layer
 * adapts its rows to these shapes.
 */
import type { Dose } from '../library/types';
import type { Precaution } from '../precautions/types';
import type { TriageInput, TriageResult } from '../triage/triage';
import type { TriageLevel, WarningSign } from '../triage/signs';
import type { ProgressionThresholds } from './config';

// ── Logs the patient produces ────────────────────────────────────────────

export const SESSION_FEEDBACK = ['tooEasy', 'right', 'tooHard', 'hurts'] as const;
export type SessionFeedback = (typeof SESSION_FEEDBACK)[number];

export const MOVEMENT_CONTROL = ['good', 'ok', 'poor'] as const;
export type MovementControl = (typeof MOVEMENT_CONTROL)[number];

/** One exercise done (or attempted) on one day. */
export interface ExerciseSessionLog {
  date: string;
  /** Library slug of the exercise as it was done. */
  exercise: string;
  /** Ladder level of that exercise (informational; the slug is authoritative). */
  level?: number;
  completed: boolean;
  /** Pain during the exercise, 0-10, or null when not rated. */
  painDuring: number | null;
  feedback: SessionFeedback | null;
  control: MovementControl | null;
  /** Symptoms spread further down the leg during or after the exercise (peripheralisation). */
  symptomsSpread: boolean;
}

/** The morning check-in (one per day; a later entry for the same date replaces an earlier one). */
export interface MorningCheckIn {
  date: string;
  /** Pain right now, 0-10. */
  painNow: number;
  /** What the person calls their usual morning pain, 0-10, when they say. */
  usualPain?: number;
  /** Morning stiffness, 0-10. */
  stiffness?: number;
  /** Symptoms have spread further down the leg since yesterday. */
  legSymptomsSpread?: boolean;
  /** Warning signs ticked in this check-in (same codes as the self-check). */
  warningSigns: WarningSign[];
}

/** Walking, cycling, swimming… */
export interface ActivityLog {
  date: string;
  minutes: number;
  kind: string;
  /** Pain during the activity, 0-10, when rated. */
  painDuring?: number | null;
}

// ── The plan as the engine sees it ───────────────────────────────────────

/** One strength or stretch item the engine may adapt. */
export interface PlanItemState {
  /** Plan item id, e.g. "strength:bridge" (stable across changes). */
  id: string;
  pillar: 'strength' | 'stretch';
  /** Current library slug. */
  exercise: string;
  /** Current dose. */
  dose: Dose;
  /** First day the current exercise and dose apply; only sessions from this day count. */
  since: string;
  /** Locked by the PT: the engine never changes it, it only suggests. */
  locked?: boolean;
  /** Slugs this item was swapped away from; never swapped back to automatically. */
  avoid?: string[];
}

export interface ActivityState {
  /** Weekly target in minutes. */
  weeklyTargetMinutes: number;
  /** First day the current target applies. */
  since: string;
  locked?: boolean;
}

export interface PlanState {
  items: PlanItemState[];
  activity: ActivityState | null;
  /** The whole plan is locked by the PT: suggestions only. */
  locked?: boolean;
}

export interface ProgressionInput {
  plan: PlanState;
  sessions: readonly ExerciseSessionLog[];
  checkIns: readonly MorningCheckIn[];
  activities: readonly ActivityLog[];
  /** The person's precautions as entered; the engine resolves which are active on `today`. */
  precautions: readonly Precaution[];
  /** Pain now (0-10) at the start of the program (Plan.baseline.painNow). */
  baselinePain: number;
  /** First day of the program. */
  startDate: string;
  /** Clinic overrides; validated with `validateThresholds` (out-of-bounds values are clamped or refused). */
  thresholds?: Partial<ProgressionThresholds>;
  /** Warning signs already known and assessed (at intake, or cleared by a clinician): not new. */
  knownWarningSigns?: readonly WarningSign[];
  /** A clinician has reviewed check-in warning signs up to and including this date. */
  warningSignsReviewedThrough?: string | null;
  /** Self-check answers used to triage check-in warning signs in combination (age, pain areas…). */
  person?: Omit<TriageInput, 'warningSigns'>;
}

// ── Output ───────────────────────────────────────────────────────────────

export type ChangeKind = 'progress' | 'hold' | 'regress' | 'swap' | 'doseUp' | 'doseDown' | 'activityGoal';

/** One side of a change: an exercise with its dose, or an activity target. */
export interface Prescription {
  exercise?: string;
  level?: number;
  dose?: Dose;
  weeklyMinutes?: number;
}

export interface PlanChange {
  /** Plan item id ("activity" for the activity goal). */
  itemId: string;
  /** Slug of the item's exercise before the change. */
  exercise?: string;
  kind: ChangeKind;
  from: Prescription;
  to: Prescription;
  /** Plain words for the patient. */
  reason: string;
  /** Rule id from docs/clinical-rules.md. */
  ruleId: string;
  /** Source keys (clinical-facts §11). */
  source: string;
}

/** How one session went, by the pain-monitoring model. */
export type Zone = 'green' | 'amber' | 'red' | 'unknown';

/** The engine's decision for one item (holds included), so every outcome is explained. */
export interface ItemDecision {
  itemId: string;
  exercise: string;
  kind: ChangeKind;
  /** Zone of the most recent counted session, or null when none. */
  zone: Zone | null;
  /** Sessions counted (since the item's `since` date). */
  sessionsCounted: number;
  reason: string;
  ruleId: string;
  source: string;
  /** False when the item (or plan) is locked: the change is a suggestion for the PT. */
  applied: boolean;
}

export const ESCALATION_KINDS = [
  'warningSign',
  'worsening',
  'painSpreading',
  'noImprovement2Weeks',
  'noImprovement6Weeks',
  'quiet',
  'silent',
] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export type EscalationAction = 'nudge' | 'reviewSuggested' | 'flag';
export type EscalationSeverity = 'info' | 'attention' | 'urgent' | 'emergency';

export interface Escalation {
  kind: EscalationKind;
  /** nudge: a message to the patient only; reviewSuggested: the patient is asked to book; flag: the PT's queue. */
  action: EscalationAction;
  severity: EscalationSeverity;
  patientMessage: string;
  clinicianSummary: string;
  /** First day the condition held. */
  since: string;
  ruleId: string;
  source: string;
  /** For warning signs: the triage level. */
  triageLevel?: TriageLevel;
}

export interface ProgressionResult {
  engineVersion: string;
  evaluatedOn: string;
  /** `stopped`: a new warning sign; nothing changed. */
  status: 'adapted' | 'stopped';
  /** The plan after the applied changes (identical to the input plan when stopped). */
  plan: PlanState;
  /** Applied changes (holds are in `decisions`). */
  changes: PlanChange[];
  /** Changes the engine would have made to locked items: for the PT to accept or not. */
  suggestions: PlanChange[];
  /** One decision per adaptable item, holds included. */
  decisions: ItemDecision[];
  escalations: Escalation[];
  /** Triage of new check-in warning signs, or null when there are none. */
  triage: TriageResult | null;
  /** The thresholds used, after validation. */
  thresholds: ProgressionThresholds;
  /** Problems with the clinic's threshold overrides (values clamped or refused). */
  thresholdProblems: string[];
}
