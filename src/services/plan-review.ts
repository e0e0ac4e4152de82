/**
 * Clinic control over the adaptive plan: a PT approves or undoes each
 * automatic change, applies or dismisses what the engine suggested for
 * locked items, and a clinic admin tunes the engine's thresholds inside the
 * core's bounds. Every action is recorded in the audit log.
 */
import crypto from 'node:crypto';
import { addDays } from '../core/dates';
import type { Library } from '../core/library/library';
import type { Dose } from '../core/library/types';
import type { Plan } from '../core/plan/types';
import { activePrecautions, conflicts, isForbidden } from '../core/precautions';
import {
  BOUNDS,
  DEFAULT_PROGRESSION_THRESHOLDS,
  THRESHOLD_INFO,
  type PlanChange,
  type PlanState,
  type Prescription,
  type ProgressionThresholds,
  type ThresholdKey,
  checkThresholds,
  holds,
  planStateFromPlan,
  withPrescription,
} from '../core/progression';
import type { SelfCheckInput } from '../core/selfcheck/schema';
import type { Repositories } from '../storage';
import type { PlanVersion, User } from '../storage/schema';
import { type Actor, assertCanSeePatient, requireRole } from './access';
import { type Clock, iso } from './clock';
import { AppError, conflict, notFound } from './errors';
import { applyState } from './progression';
import { localDate } from './selfcheck';

/** A change as stored in plan_versions.changes (engine changes, and the PT's own). */
type StoredChange = Omit<PlanChange, 'kind'> & {
  /** The engine's kinds, or `undo` for a PT's undo of an automatic change. */
  kind: PlanChange['kind'] | 'undo';
  undoOf?: { version: number; itemId: string };
};

export type ChangeStatus = 'pending' | 'approved' | 'undone';

const THRESHOLD_KEYS = Object.keys(BOUNDS) as ThresholdKey[];

export function doseWords(dose: Dose | undefined): string {
  if (!dose) return '';
  const side = dose.eachSide ? ' each side' : '';
  if (dose.reps !== undefined)
    return `${dose.sets} ${dose.sets === 1 ? 'set' : 'sets'} of ${dose.reps}${dose.holdSeconds ? ` with a ${dose.holdSeconds}-second hold` : ''}${side}`;
  if (dose.durationSeconds !== undefined) return `${dose.sets} × ${dose.durationSeconds} seconds${side}`;
  return `${dose.sets} × ${dose.holdSeconds ?? 30}-second hold${side}`;
}

export class PlanReviewService {
  constructor(
    private readonly repos: Repositories,
    private readonly library: Library,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------------------
  // Thresholds

  /** The clinic's overrides, for the engine (values that are not numbers are dropped). */
  async overridesFor(
    clinicId: string,
  ): Promise<{ overrides: Partial<ProgressionThresholds>; updatedAt: string | null }> {
    const row = await this.repos.planReview.findThresholds(clinicId);
    return { overrides: row ? parseOverrides(row.overrides) : {}, updatedAt: row?.updated_at ?? null };
  }

  /** Every threshold with its default, allowed range, source and the clinic's value (clinic staff). */
  async thresholds(actor: Actor) {
    const staff = requireRole(actor, 'clinician', 'admin');
    const row = await this.repos.planReview.findThresholds(staff.clinic_id);
    const overrides = row ? parseOverrides(row.overrides) : {};
    return {
      canEdit: staff.role === 'admin',
      updatedAt: row?.updated_at ?? null,
      updatedBy: row?.updated_by_name ?? null,
      thresholds: THRESHOLD_KEYS.map((key) => {
        const b = BOUNDS[key];
        const i = THRESHOLD_INFO[key];
        const value = overrides[key] ?? DEFAULT_PROGRESSION_THRESHOLDS[key];
        return {
          key,
          label: i.label,
          explain: i.explain,
          unit: i.unit,
          group: i.group,
          source: i.source,
          designProposal: i.designProposal,
          default: DEFAULT_PROGRESSION_THRESHOLDS[key],
          min: b.min,
          max: b.max,
          wholeNumber: b.integer,
          value,
          changed: overrides[key] !== undefined,
        };
      }),
    };
  }

  /**
   * Replaces the clinic's overrides (clinic admins). Values equal to the
   * default are not stored; an empty object resets everything. A value
   * outside its bound is refused with 422, the field's path and the range.
   */
  async saveThresholds(actor: Actor, values: Partial<Record<string, number>>) {
    const admin = requireRole(actor, 'admin');
    const problems = checkThresholds(values);
    const first = problems[0];
    if (first) {
      throw new AppError(422, 'threshold_out_of_range', first.message, `thresholds.${first.key}`);
    }
    const before = (await this.overridesFor(admin.clinic_id)).overrides;
    const overrides: Partial<ProgressionThresholds> = {};
    for (const key of THRESHOLD_KEYS) {
      const v = values[key];
      if (v !== undefined && v !== DEFAULT_PROGRESSION_THRESHOLDS[key]) overrides[key] = v;
    }
    const at = iso(this.clock.now());
    await this.repos.planReview.saveThresholds(admin.clinic_id, JSON.stringify(overrides), admin.id, at);
    const changed: Record<string, { from: number; to: number }> = {};
    for (const key of THRESHOLD_KEYS) {
      const from = before[key] ?? DEFAULT_PROGRESSION_THRESHOLDS[key];
      const to = overrides[key] ?? DEFAULT_PROGRESSION_THRESHOLDS[key];
      if (from !== to) changed[key] = { from, to };
    }
    await this.repos.audit.append({
      clinicId: admin.clinic_id,
      actorId: admin.id,
      action: Object.keys(overrides).length === 0 ? 'thresholds.reset' : 'thresholds.update',
      subjectType: 'clinic',
      subjectId: admin.clinic_id,
      detail: { changed },
      at,
    });
    return this.thresholds(actor);
  }

  // ---------------------------------------------------------------------------
  // Plan history with reviews, and suggestions

  private async staffAndPatient(actor: Actor, patientId: string): Promise<{ staff: User; patient: User }> {
    const staff = requireRole(actor, 'clinician', 'admin');
    const patient = await this.repos.users.findById(patientId);
    assertCanSeePatient(staff, patient);
    return { staff, patient };
  }

  private exerciseName(slug: string | undefined): string {
    if (!slug) return '';
    return this.library.bySlug.get(slug)?.name ?? slug;
  }

  /** "Glute bridge, 2 sets of 10" or "60 minutes a week". */
  prescriptionWords(p: Prescription): string {
    if (p.weeklyMinutes !== undefined) return `${p.weeklyMinutes} minutes a week`;
    const dose = doseWords(p.dose);
    return `${this.exerciseName(p.exercise)}${dose ? `, ${dose}` : ''}`;
  }

  /** The plan history with each automatic change's review status, and open suggestions (clinic staff). */
  async review(actor: Actor, patientId: string) {
    const { patient } = await this.staffAndPatient(actor, patientId);
    const [history, reviews, suggestions] = await Promise.all([
      this.repos.patientDay.planHistory(patient.id),
      this.repos.planReview.reviewsFor(patient.id),
      this.repos.planReview.suggestions(patient.id, ['open']),
    ]);
    const names = new Map<string, string>();
    for (const id of new Set([
      ...history.map((h) => h.created_by).filter((x): x is string => x !== null),
      ...reviews.map((r) => r.actor_id),
    ])) {
      const u = await this.repos.users.findById(id);
      if (u && u.clinic_id === patient.clinic_id) names.set(id, u.display_name);
    }
    const latest = history[0];
    const current = latest ? this.stateOf(latest, history) : null;
    return {
      versions: history.map((h) => ({
        version: h.version,
        source: h.source,
        reason: h.reason,
        createdAt: h.created_at,
        createdBy: h.created_by ? (names.get(h.created_by) ?? null) : null,
        changes: parseChanges(h.changes).map((c) => {
          const mine = reviews.filter((r) => r.plan_version === h.version && r.item_id === c.itemId);
          const undo = mine.find((r) => r.action === 'undo');
          const approve = mine.find((r) => r.action === 'approve');
          const status: ChangeStatus = undo ? 'undone' : approve ? 'approved' : 'pending';
          const by = undo ?? approve;
          const automatic = h.source === 'progression';
          return {
            itemId: c.itemId,
            kind: c.kind,
            reason: c.reason,
            ruleId: c.ruleId,
            source: c.source,
            from: this.prescriptionWords(c.from),
            to: this.prescriptionWords(c.to),
            automatic,
            status: automatic ? status : null,
            reviewedBy: by ? (names.get(by.actor_id) ?? null) : null,
            reviewedAt: by?.created_at ?? null,
            reviewNote: by?.note ?? null,
            canUndo: automatic && !undo && current !== null && holds(current, c.itemId, c.to),
          };
        }),
      })),
      suggestions: suggestions.map((s) => {
        const c = JSON.parse(s.change) as PlanChange;
        return {
          id: s.id,
          itemId: s.item_id,
          kind: c.kind,
          reason: c.reason,
          from: this.prescriptionWords(c.from),
          to: this.prescriptionWords(c.to),
          createdAt: s.created_at,
          updatedAt: s.updated_at,
        };
      }),
    };
  }

  private stateOf(row: PlanVersion, history: PlanVersion[]): PlanState {
    if (row.state) return JSON.parse(row.state) as PlanState;
    const first = history.at(-1) ?? row;
    const start = (JSON.parse(first.plan) as Plan).generatedOn;
    return planStateFromPlan(JSON.parse(row.plan) as Plan, start);
  }

  private async changeOf(patient: User, version: number, itemId: string) {
    const history = await this.repos.patientDay.planHistory(patient.id);
    const row = history.find((h) => h.version === version);
    const change = row ? parseChanges(row.changes).find((c) => c.itemId === itemId) : undefined;
    if (!row || !change || row.source !== 'progression' || change.kind === 'undo')
      throw notFound('That automatic change');
    const latest = history[0] as PlanVersion;
    return { row, change: { ...change, kind: change.kind }, latest, history };
  }

  async approve(actor: Actor, patientId: string, version: number, itemId: string, note: string | undefined) {
    const { staff, patient } = await this.staffAndPatient(actor, patientId);
    const { change } = await this.changeOf(patient, version, itemId);
    const reviews = await this.repos.planReview.reviewsFor(patient.id);
    if (reviews.some((r) => r.plan_version === version && r.item_id === itemId && r.action === 'undo'))
      throw conflict('change_undone', 'This change was already undone, so it cannot be approved.');
    const at = iso(this.clock.now());
    const added = await this.repos.planReview.addReview({
      id: crypto.randomUUID(),
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      plan_version: version,
      item_id: itemId,
      action: 'approve',
      actor_id: staff.id,
      note: note?.trim() || null,
      result_version: null,
      created_at: at,
    });
    if (!added) throw conflict('change_approved', 'This change was already approved.');
    await this.repos.audit.append({
      clinicId: patient.clinic_id,
      actorId: staff.id,
      action: 'plan.change.approve',
      subjectType: 'patient',
      subjectId: patient.id,
      detail: { version, itemId, kind: change.kind, ruleId: change.ruleId },
      at,
    });
    return this.review(actor, patientId);
  }

  private precautionProblem(patient: User, slug: string | undefined, today: string): Promise<string | null> {
    return (async () => {
      if (!slug) return null;
      const ex = this.library.bySlug.get(slug);
      if (!ex) return `${slug} is no longer in the exercise library.`;
      const intake = await this.repos.intakes.latestFor(patient.id);
      if (!intake) return null;
      const answers = JSON.parse(intake.answers) as SelfCheckInput;
      const active = activePrecautions(answers.precautions, today);
      if (!isForbidden(ex, active)) return null;
      const labels = [
        ...new Set(
          conflicts(ex, active)
            .filter((c) => c.severity === 'forbidden')
            .map((c) => c.label.toLowerCase()),
        ),
      ];
      return `${ex.name} is not advised with the patient’s ${labels.join(' and ')}. To use it anyway, change the plan in the plan editor and give a reason.`;
    })();
  }

  /**
   * Undoes one automatic change: a new plan version restores the previous
   * exercise and dose for that item (or the previous activity target), with
   * a reason the patient reads. Optionally locks the item from further
   * automatic changes.
   */
  async undo(
    actor: Actor,
    patientId: string,
    version: number,
    itemId: string,
    opts: { note?: string | undefined; lock?: boolean | undefined },
  ) {
    const { staff, patient } = await this.staffAndPatient(actor, patientId);
    const { change, latest, history } = await this.changeOf(patient, version, itemId);
    const state = this.stateOf(latest, history);
    if (!holds(state, itemId, change.to)) {
      throw conflict(
        'plan_moved_on',
        'This part of the plan has changed since, so this change can no longer be undone here. Open the plan editor to set it directly.',
      );
    }
    const clinic = await this.repos.clinics.findById(patient.clinic_id);
    const today = localDate(this.clock.now(), patient.timezone || clinic?.timezone || 'UTC');
    const unsafe = await this.precautionProblem(patient, change.from.exercise, today);
    if (unsafe) throw conflict('precaution_conflict', unsafe);

    const at = iso(this.clock.now());
    const note = opts.note?.trim() || null;
    const reviewId = crypto.randomUUID();
    const added = await this.repos.planReview.addReview({
      id: reviewId,
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      plan_version: version,
      item_id: itemId,
      action: 'undo',
      actor_id: staff.id,
      note,
      result_version: null,
      created_at: at,
    });
    if (!added) throw conflict('change_undone', 'This change was already undone.');

    try {
      const since = addDays(today, 1);
      const plan = JSON.parse(latest.plan) as Plan & {
        items: (Plan['items'][number] & { locked?: boolean })[];
      };
      if (itemId === 'activity' && !state.activity) {
        throw conflict('plan_moved_on', 'This plan has no activity goal any more.');
      }
      const next = withPrescription(state, itemId, change.from, since, {
        lock: opts.lock === true,
        ...(change.from.exercise ? { allow: change.from.exercise } : {}),
      });
      const newPlan = applyState(plan, next, this.library) as typeof plan;
      if (opts.lock && itemId !== 'activity') {
        newPlan.items = newPlan.items.map((i) => (i.id === itemId ? { ...i, locked: true } : i));
      }
      const reason = this.undoReason(change, note);
      const undoChange: StoredChange = {
        itemId,
        ...(change.to.exercise ? { exercise: change.to.exercise } : {}),
        kind: 'undo',
        from: change.to,
        to: change.from,
        reason,
        ruleId: 'PT-UNDO',
        source: 'Decision of the patient’s physical therapist',
        undoOf: { version, itemId },
      };
      const saved = await this.repos.patientDay.addPlanVersion({
        id: crypto.randomUUID(),
        clinic_id: patient.clinic_id,
        patient_id: patient.id,
        plan: JSON.stringify(newPlan),
        source: 'clinician',
        reason,
        created_by: staff.id,
        created_at: at,
        state: JSON.stringify(next),
        changes: JSON.stringify([undoChange]),
      });
      await this.repos.planReview.setReviewResult(reviewId, saved.version);
      await this.repos.audit.append({
        clinicId: patient.clinic_id,
        actorId: staff.id,
        action: 'plan.change.undo',
        subjectType: 'patient',
        subjectId: patient.id,
        detail: { version, itemId, kind: change.kind, newVersion: saved.version, locked: opts.lock === true },
        at,
      });
    } catch (err) {
      await this.repos.planReview.removeReview(reviewId);
      throw err;
    }
    return this.review(actor, patientId);
  }

  /** What the patient reads about an undo. */
  undoReason(change: PlanChange, note: string | null): string {
    const tail = note ? ` A note from your therapist: ${note}` : '';
    if (change.itemId === 'activity') {
      return `Your therapist kept your weekly activity goal at ${change.from.weeklyMinutes ?? '?'} minutes, instead of the automatic change to ${change.to.weeklyMinutes ?? '?'} minutes.${tail}`;
    }
    const fromName = this.exerciseName(change.from.exercise).toLowerCase();
    const toName = this.exerciseName(change.to.exercise).toLowerCase();
    const what =
      change.from.exercise === change.to.exercise
        ? `at ${doseWords(change.from.dose)}, instead of the automatic change to ${doseWords(change.to.dose)}`
        : `(${doseWords(change.from.dose)}), instead of the automatic change to ${toName}`;
    return `Your therapist kept your ${fromName} ${what}.${tail}`;
  }

  /** Applies what the engine suggested for a locked item; the item stays locked. */
  async applySuggestion(actor: Actor, patientId: string, suggestionId: string) {
    const { staff, patient } = await this.staffAndPatient(actor, patientId);
    const s = await this.repos.planReview.findSuggestion(suggestionId);
    if (!s || s.patient_id !== patient.id) throw notFound('That suggestion');
    if (s.status !== 'open') throw conflict('suggestion_closed', 'This suggestion was already dealt with.');
    const change = JSON.parse(s.change) as PlanChange;
    const history = await this.repos.patientDay.planHistory(patient.id);
    const latest = history[0];
    if (!latest) throw notFound('That patient’s plan');
    const state = this.stateOf(latest, history);
    if (!holds(state, change.itemId, change.from)) {
      throw conflict(
        'plan_moved_on',
        'This part of the plan has changed since the suggestion was made. Open the plan editor to set it directly.',
      );
    }
    const clinic = await this.repos.clinics.findById(patient.clinic_id);
    const today = localDate(this.clock.now(), patient.timezone || clinic?.timezone || 'UTC');
    const unsafe = await this.precautionProblem(patient, change.to.exercise, today);
    if (unsafe) throw conflict('precaution_conflict', unsafe);
    const at = iso(this.clock.now());
    if (
      !(await this.repos.planReview.closeSuggestion(s.id, {
        status: 'applied',
        decided_by: staff.id,
        updated_at: at,
      }))
    ) {
      throw conflict('suggestion_closed', 'This suggestion was already dealt with.');
    }
    const since = addDays(today, 1);
    const next = withPrescription(state, change.itemId, change.to, since);
    const reason = `${change.reason} Your therapist reviewed this step and made it.`;
    const saved = await this.repos.patientDay.addPlanVersion({
      id: crypto.randomUUID(),
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      plan: JSON.stringify(applyState(JSON.parse(latest.plan) as Plan, next, this.library)),
      source: 'clinician',
      reason,
      created_by: staff.id,
      created_at: at,
      state: JSON.stringify(next),
      changes: JSON.stringify([{ ...change, reason, ruleId: 'PT-APPLY-SUGGESTION' }]),
    });
    await this.repos.planReview.setSuggestionResult(s.id, saved.version);
    await this.repos.audit.append({
      clinicId: patient.clinic_id,
      actorId: staff.id,
      action: 'plan.suggestion.apply',
      subjectType: 'patient',
      subjectId: patient.id,
      detail: { suggestion: s.id, itemId: change.itemId, kind: change.kind, newVersion: saved.version },
      at,
    });
    return this.review(actor, patientId);
  }

  async dismissSuggestion(actor: Actor, patientId: string, suggestionId: string) {
    const { staff, patient } = await this.staffAndPatient(actor, patientId);
    const s = await this.repos.planReview.findSuggestion(suggestionId);
    if (!s || s.patient_id !== patient.id) throw notFound('That suggestion');
    const at = iso(this.clock.now());
    if (
      !(await this.repos.planReview.closeSuggestion(s.id, {
        status: 'dismissed',
        decided_by: staff.id,
        updated_at: at,
      }))
    ) {
      throw conflict('suggestion_closed', 'This suggestion was already dealt with.');
    }
    await this.repos.audit.append({
      clinicId: patient.clinic_id,
      actorId: staff.id,
      action: 'plan.suggestion.dismiss',
      subjectType: 'patient',
      subjectId: patient.id,
      detail: { suggestion: s.id, itemId: s.item_id },
      at,
    });
    return this.review(actor, patientId);
  }
}

function parseChanges(json: string | null): StoredChange[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as StoredChange[]) : [];
  } catch {
    return [];
  }
}

function parseOverrides(json: string): Partial<ProgressionThresholds> {
  const out: Partial<ProgressionThresholds> = {};
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    for (const key of THRESHOLD_KEYS) {
      const x = v[key];
      if (typeof x === 'number' && Number.isFinite(x)) out[key] = x;
    }
  } catch {
    // a broken row means defaults
  }
  return out;
}
