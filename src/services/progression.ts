import crypto from 'node:crypto';
import { addDays } from '../core/dates';
import type { Library } from '../core/library/library';
import type { Plan } from '../core/plan/types';
import { withActivityTarget } from '../core/plan/activity';
import {
  type ExerciseSessionLog,
  type PlanChange,
  type PlanState,
  type ProgressionResult,
  type ProgressionThresholds,
  evaluateProgression,
  planStateFromPlan,
} from '../core/progression';
import type { SelfCheckInput } from '../core/selfcheck/schema';
import type { WarningSign } from '../core/triage/signs';
import type { Repositories } from '../storage';
import type { User } from '../storage/schema';
import { type Clock, iso } from './clock';
import { localDate } from './selfcheck';

/** How much history the engine reads. */
const LOOKBACK_DAYS = 60;

type ItemResult = {
  exercise: string;
  setsDone: number;
  feedback: string | null;
  control?: string;
  symptomsSpread?: boolean;
};

/** Locks a clinician set on the plan (JSON) carry into the engine's state. */
function withLocks(state: PlanState, plan: Plan): PlanState {
  const p = plan as Plan & { locked?: boolean };
  const lockedIds = new Set(plan.items.filter((i) => (i as { locked?: boolean }).locked).map((i) => i.id));
  return {
    ...state,
    locked: p.locked ?? state.locked ?? false,
    items: state.items.map((i) => ({ ...i, locked: lockedIds.has(i.id) || (i.locked ?? false) })),
  };
}

/** The engine's new state, written back into the plan the patient and PT read. */
export function applyState(plan: Plan, state: PlanState, library: Library): Plan {
  const byId = new Map(state.items.map((i) => [i.id, i]));
  const withGoal = state.activity
    ? withActivityTarget(plan, state.activity.weeklyTargetMinutes, state.activity.since)
    : plan;
  return {
    ...withGoal,
    items: withGoal.items.map((item) => {
      const s = byId.get(item.id);
      if (!s) return item;
      const ex = library.bySlug.get(s.exercise);
      return { ...item, exercise: s.exercise, title: ex?.name ?? item.title, dose: s.dose };
    }),
  };
}

/**
 * Runs the adaptive-plan engine for patients: when new data arrives and once
 * a day. Each evaluation is claimed in the database first (keyed on the day
 * and a fingerprint of the data), so with several app servers it runs once.
 */
export class ProgressionService {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly repos: Repositories,
    private readonly library: Library,
    private readonly clock: Clock,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Fire-and-forget after a patient's write; errors are logged, never shown to the writer. */
  trigger(patientId: string): void {
    const p = this.runForPatient(patientId)
      .catch(this.onError)
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Resolves when every triggered run has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** The daily pass over every patient with a plan. */
  async runDaily(): Promise<number> {
    let ran = 0;
    for (const id of await this.repos.flags.patientsWithPlans()) {
      if (await this.runForPatient(id)) ran++;
    }
    await this.repos.patientSummaries.refreshAll(this.clock.now());
    return ran;
  }

  /** Evaluates one patient; returns the result, or null when there was nothing to do or another server did it. */
  async runForPatient(patientId: string): Promise<ProgressionResult | null> {
    const patient = await this.repos.users.findById(patientId);
    if (!patient || patient.role !== 'patient' || patient.deactivated_at) return null;
    const latest = await this.repos.patientDay.latestPlan(patient.id);
    const intake = await this.repos.intakes.latestFor(patient.id);
    if (!latest || !intake) return null;
    const now = this.clock.now();
    const today = localDate(now, patient.timezone);
    const from = addDays(today, -LOOKBACK_DAYS);
    const [sessions, checkins, activities, history, resolvedSigns, clinicThresholds] = await Promise.all([
      this.repos.patientDay.sessionsBetween(patient.id, from, today),
      this.repos.patientDay.checkinsBetween(patient.id, from, today),
      this.repos.patientDay.activitiesBetween(patient.id, from, today),
      this.repos.patientDay.planHistory(patient.id),
      this.repos.flags.listForPatient(patient.id, ['resolved']),
      this.repos.planReview.findThresholds(patient.clinic_id),
    ]);
    // The clinic's own thresholds (stored already checked against the core's bounds; the engine clamps again).
    const thresholds = clinicThresholds ? parseThresholds(clinicThresholds.overrides) : {};

    // Claim this evaluation: the same day and the same data are evaluated once.
    const fingerprint = crypto
      .createHash('sha256')
      .update(
        JSON.stringify([
          latest.version,
          clinicThresholds?.updated_at ?? null,
          sessions.map((s) => [s.client_id, s.status, s.updated_at]),
          checkins.map((c) => c.client_id),
          activities.map((a) => a.client_id),
        ]),
      )
      .digest('hex')
      .slice(0, 24);
    if (!(await this.repos.flags.claimRun(patient.id, `${today}:${fingerprint}`, iso(now)))) return null;

    const plan = JSON.parse(latest.plan) as Plan;
    const first = history.at(-1);
    const startDate = first ? (JSON.parse(first.plan) as Plan).generatedOn : plan.generatedOn;
    const baselinePlan = first ? (JSON.parse(first.plan) as Plan) : plan;
    const state = withLocks(
      latest.state ? (JSON.parse(latest.state) as PlanState) : planStateFromPlan(plan, startDate),
      plan,
    );
    const answers = JSON.parse(intake.answers) as SelfCheckInput;
    const { warningSigns: knownSigns, ...person } = answers;
    const reviewed = resolvedSigns
      .filter((f) => f.kind === 'warningSign' && f.resolved_at)
      .map((f) => localDate(new Date(f.resolved_at as string), patient.timezone))
      .sort()
      .at(-1);

    const result = evaluateProgression(
      {
        plan: state,
        sessions: sessions
          .filter((s) => s.status === 'completed')
          .flatMap((s) => {
            const progress = JSON.parse(s.progress) as { control?: string };
            return (JSON.parse(s.items) as ItemResult[]).map((i): ExerciseSessionLog => ({
              date: s.date,
              exercise: i.exercise,
              completed: i.setsDone > 0 && i.feedback !== 'skipped',
              painDuring: s.pain_during,
              feedback:
                i.feedback === 'tooEasy' ||
                i.feedback === 'right' ||
                i.feedback === 'tooHard' ||
                i.feedback === 'hurts'
                  ? i.feedback
                  : null,
              control: asControl(i.control ?? progress.control),
              symptomsSpread: i.symptomsSpread === true,
            }));
          }),
        checkIns: checkins.map((c) => ({
          date: c.date,
          painNow: c.pain_now,
          ...(c.stiffness !== null ? { stiffness: c.stiffness } : {}),
          warningSigns: JSON.parse(c.warning_signs) as WarningSign[],
        })),
        activities: activities.map((a) => ({ date: a.date, minutes: a.minutes, kind: a.kind })),
        precautions: answers.precautions,
        baselinePain: baselinePlan.baseline.painNow,
        startDate,
        thresholds,
        knownWarningSigns: knownSigns,
        warningSignsReviewedThrough: reviewed ?? null,
        person,
      },
      this.library,
      today,
    );

    await this.record(patient, latest.version, plan, result, iso(now));
    return result;
  }

  /**
   * What the engine would have changed on locked items stays open for the PT
   * (one per item, updated to the newest); a suggestion the engine no longer
   * makes expires.
   */
  private async recordSuggestions(patient: User, version: number, result: ProgressionResult, at: string) {
    const suggested = new Set(result.suggestions.map((c) => c.itemId));
    for (const c of result.suggestions) {
      await this.repos.planReview.upsertOpenSuggestion({
        id: crypto.randomUUID(),
        clinic_id: patient.clinic_id,
        patient_id: patient.id,
        item_id: c.itemId,
        change: JSON.stringify(c),
        based_on_version: version,
        status: 'open',
        open_key: c.itemId,
        created_at: at,
        updated_at: at,
        decided_by: null,
        result_version: null,
      });
    }
    for (const open of await this.repos.planReview.suggestions(patient.id, ['open'])) {
      if (!suggested.has(open.item_id)) {
        await this.repos.planReview.closeSuggestion(open.id, {
          status: 'expired',
          decided_by: null,
          updated_at: at,
        });
      }
    }
  }

  private async record(patient: User, version: number, plan: Plan, result: ProgressionResult, at: string) {
    if (result.status === 'adapted' && result.changes.length > 0) {
      await this.repos.patientDay.addPlanVersion({
        id: crypto.randomUUID(),
        clinic_id: patient.clinic_id,
        patient_id: patient.id,
        plan: JSON.stringify(applyState(plan, result.plan, this.library)),
        source: 'progression',
        reason: summarise(result.changes),
        created_by: null,
        created_at: at,
        state: JSON.stringify(result.plan),
        changes: JSON.stringify(result.changes),
      });
      await this.repos.audit.append({
        clinicId: patient.clinic_id,
        actorId: null,
        action: 'plan.adapt',
        subjectType: 'patient',
        subjectId: patient.id,
        detail: { fromVersion: version, changes: result.changes.length },
        at,
      });
    }
    if (result.status === 'adapted') await this.recordSuggestions(patient, version, result, at);
    const current = new Set(result.escalations.map((e) => e.kind));
    for (const e of result.escalations) {
      const opened = await this.repos.flags.open({
        id: crypto.randomUUID(),
        clinic_id: patient.clinic_id,
        patient_id: patient.id,
        kind: e.kind,
        action: e.action,
        severity: e.severity,
        status: 'open',
        summary: e.clinicianSummary,
        patient_message: e.patientMessage,
        since: e.since,
        rule_id: e.ruleId,
        source: e.source,
        triage_level: e.triageLevel ?? null,
        open_key: e.kind,
        created_at: at,
        updated_at: at,
        acknowledged_by: null,
        acknowledged_at: null,
        resolved_by: null,
        resolved_at: null,
        resolution_note: null,
      });
      if (opened) {
        await this.repos.audit.append({
          clinicId: patient.clinic_id,
          actorId: null,
          action: 'flag.open',
          subjectType: 'patient',
          subjectId: patient.id,
          detail: { kind: e.kind, severity: e.severity },
          at,
        });
      }
    }
    // Notices for the patient (not the PT's flags) close by themselves once their condition has passed.
    for (const f of await this.repos.flags.listForPatient(patient.id, ['open', 'acknowledged'])) {
      if (f.action !== 'flag' && !current.has(f.kind as never)) {
        await this.repos.flags.setStatus(f.id, {
          status: 'resolved',
          open_key: null,
          resolved_at: at,
          resolution_note: 'Closed automatically: the condition no longer holds.',
          updated_at: at,
        });
      }
    }
    await this.repos.patientSummaries.refresh(patient.id, this.clock.now());
  }
}

function parseThresholds(json: string): Partial<ProgressionThresholds> {
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    const out: Partial<Record<string, number>> = {};
    for (const [k, x] of Object.entries(v)) if (typeof x === 'number') out[k] = x;
    return out;
  } catch {
    return {};
  }
}

function asControl(v: unknown): 'good' | 'ok' | 'poor' | null {
  return v === 'good' || v === 'ok' || v === 'poor' ? v : null;
}

function summarise(changes: PlanChange[]): string {
  const first = changes[0]?.reason ?? '';
  return changes.length === 1
    ? first
    : `${first} (and ${changes.length - 1} more change${changes.length > 2 ? 's' : ''})`;
}

/** Runs the daily pass every `intervalMs` (each patient once a day and once per new data, across servers). */
export function startProgressionWorker(
  service: ProgressionService,
  intervalMs: number,
  onError: (e: unknown) => void,
) {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = service.runDaily().catch(onError);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await service.idle();
    },
  };
}
