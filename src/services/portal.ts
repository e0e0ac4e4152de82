import crypto from 'node:crypto';
import { addDays } from '../core/dates';
import type { Library } from '../core/library/library';
import type { Dose, PrecautionTag } from '../core/library/types';
import type { Plan, PlanItem, PlanSchedule } from '../core/plan/types';
import { carryStateIntoEdit } from '../core/progression';
import type { PlanState } from '../core/progression/types';
import { activePrecautions, conflicts } from '../core/precautions';
import type { ActivePrecaution, Precaution } from '../core/precautions/types';
import { painChange, psfsScore } from '../core/scoring';
import type { SelfCheckInput } from '../core/selfcheck/schema';
import { weekStart } from '../core/today';
import { checkLogo } from '../documents/images';
import { logoEmbeds } from '../documents/plan-pdf';
import type { Repositories } from '../storage';
import type { AdherenceBand, ListFilter, ListSort } from '../storage/repositories/patient-summary';
import type { Clinic, Intake, PlanVersion, User } from '../storage/schema';
import { type Actor, assertCanSeePatient, requireRole } from './access';
import { toPublicUser } from './auth';
import { documentLogoOf } from './clinic';
import { type Clock, iso } from './clock';
import { AppError, badRequest, conflict, forbidden, notFound } from './errors';
import { localDate } from './selfcheck';

// ---------------------------------------------------------------------------
// Types

export type { AdherenceBand, ListFilter, ListSort } from '../storage/repositories/patient-summary';

export interface PatientSummary {
  id: string;
  displayName: string;
  email: string;
  clinicianId: string | null;
  clinicianName: string | null;
  active: boolean;
  /** Latest day (YYYY-MM-DD) with a session, check-in, activity or movement break; null when none. */
  lastActiveOn: string | null;
  /** Share (0-1) of due stretch and strength sessions completed in the last 7 days; null when none were due. */
  adherence7d: number | null;
  pain: {
    recent: number | null;
    prior: number | null;
    trend: 'improved' | 'worsened' | 'noMeaningfulChange' | null;
  };
  openFlags: number;
  /** The most serious open flag's severity, or null without open flags. */
  mostSerious: 'emergency' | 'urgent' | 'attention' | 'info' | null;
  hasPlan: boolean;
}

/** A plan item as the PT editor sends it: a PlanItem, optionally locked or carrying an override. */
export interface EditItem extends Omit<PlanItem, 'dose'> {
  dose: (Omit<Dose, 'source'> & { source?: string | undefined }) | null;
  locked?: boolean | undefined;
  override?: { reason: string } | undefined;
}

/** What a saved item may carry beyond a PlanItem. */
export interface StoredOverride {
  reason: string;
  by: string;
  byName: string;
  at: string;
  conflicts: { tag: PrecautionTag; label: string; reason: string }[];
}
export type ClinicPlanItem = PlanItem & { locked?: boolean; override?: StoredOverride };
export type ClinicPlan = Omit<Plan, 'items'> & {
  items: ClinicPlanItem[];
  /** Lock the whole plan from automatic (progression) changes. */
  locked?: boolean;
  /** A personal note from the PT to the patient. */
  note?: string;
};

export interface PlanEdit {
  basedOnVersion: number | null;
  reason: string;
  items: EditItem[];
  locked?: boolean | undefined;
  note?: string | undefined;
}

export interface ClinicUpdate {
  name?: string | undefined;
  tagline?: string | undefined;
  primaryColor?: string | undefined;
  accentColor?: string | undefined;
  timezone?: string | undefined;
}

/** Flag severities by rank (the summaries' `flag_rank`): most serious first. */
const FLAG_SEVERITIES = ['emergency', 'urgent', 'attention', 'info'] as const;

/** A plan for a patient who has none yet (no intake, or an intake that gave no plan). */
function emptyPlan(today: string): ClinicPlan {
  return {
    engineVersion: 'clinician',
    generatedOn: today,
    triageLevel: 'selfCare',
    painBand: 'moderate',
    startLevel: 1,
    items: [],
    precautions: [],
    reviews: [],
    baseline: { painNow: 0, painWorstLastWeek: 0, psfs: null, activityMinutesLastWeek: 0 },
    goals: [],
  };
}

/**
 * The physical therapist's portal: the clinic's patients at a glance, one
 * patient's record, the plan editor with its precaution check, notes,
 * templates, handouts, the audit log and the clinic's settings.
 * Every method checks access first; every view or change of a patient's data
 * by staff is written to the audit log.
 */
export class PortalService {
  constructor(
    private readonly repos: Repositories,
    private readonly library: Library,
    private readonly clock: Clock,
  ) {}

  private async audit(
    staff: User,
    action: string,
    subjectType: string,
    subjectId: string | null,
    detail: Record<string, unknown> = {},
  ) {
    await this.repos.audit.append({
      clinicId: staff.clinic_id,
      actorId: staff.id,
      action,
      subjectType,
      subjectId,
      detail,
      at: iso(this.clock.now()),
    });
  }

  private async clinicOf(user: User): Promise<Clinic> {
    const clinic = await this.repos.clinics.findById(user.clinic_id);
    if (!clinic) throw notFound('Your clinic');
    return clinic;
  }

  /** Clinic staff, and a patient of their clinic (else "not found"). */
  private async staffAndPatient(actor: Actor, patientId: string): Promise<{ staff: User; patient: User }> {
    const staff = requireRole(actor, 'clinician', 'admin');
    const patient = await this.repos.users.findById(patientId);
    assertCanSeePatient(staff, patient);
    return { staff, patient };
  }

  // Patient list ------------------------------------------------------------

  /**
   * The patient list: a clinician's own patients, or (for an admin) the
   * whole clinic's, optionally one clinician's. Searched, filtered, sorted
   * and paged in the database from the per-patient summaries (migration
   * 0009), after recomputing any summary a write or the date has made stale.
   */
  async listPatients(
    actor: Actor,
    opts: {
      q?: string | undefined;
      sort?: ListSort | undefined;
      filter?: ListFilter | undefined;
      adherence?: AdherenceBand | undefined;
      clinicianId?: string | undefined;
      limit?: number | undefined;
      offset?: number | undefined;
    },
  ) {
    const viewer = requireRole(actor, 'clinician', 'admin');
    const clinic = await this.clinicOf(viewer);
    const now = this.clock.now();
    const today = localDate(now, clinic.timezone);
    let clinicianId: string | null = viewer.role === 'clinician' ? viewer.id : null;
    if (opts.clinicianId !== undefined && opts.clinicianId !== clinicianId) {
      const target = await this.repos.users.findById(opts.clinicianId);
      if (!target || target.clinic_id !== viewer.clinic_id || target.role === 'patient') {
        throw notFound('That clinician');
      }
      if (viewer.role === 'clinician') {
        throw forbidden("You see your own patients only. Ask a clinic admin to look at a colleague's list.");
      }
      clinicianId = target.id;
    }
    await this.repos.patientSummaries.refreshStale(clinic.id, clinic.timezone, clinicianId, now);
    const limit = opts.limit ?? 50;
    const offset = opts.offset ?? 0;
    const { total, rows } = await this.repos.patientSummaries.list({
      clinicId: clinic.id,
      clinicianId,
      q: opts.q?.trim() ? opts.q.trim() : null,
      filter: opts.filter ?? 'all',
      adherence: opts.adherence ?? null,
      sort: opts.sort ?? 'flags',
      limit,
      offset,
      today,
    });
    const invites = offset === 0 ? await this.repos.tokens.listOpenInvites(viewer.clinic_id, iso(now)) : [];
    return {
      total,
      offset,
      limit,
      patients: rows.map((r): PatientSummary => ({
        id: r.id,
        displayName: r.display_name,
        email: r.email,
        clinicianId: r.clinician_id,
        clinicianName: r.clinician_name,
        active: r.deactivated_at === null,
        lastActiveOn: r.last_active_on,
        adherence7d: r.adherence_7d,
        pain: {
          recent: r.pain_recent,
          prior: r.pain_prior,
          trend: (r.pain_trend as PatientSummary['pain']['trend']) ?? null,
        },
        openFlags: r.open_flags ?? 0,
        mostSerious: r.flag_rank === null ? null : (FLAG_SEVERITIES[r.flag_rank] ?? 'attention'),
        hasPlan: r.has_plan === 1,
      })),
      pendingInvites: invites
        .filter((t) => t.role === 'patient' && (viewer.role === 'admin' || t.created_by === viewer.id))
        .filter((t) => clinicianId === null || t.clinician_id === clinicianId || t.created_by === clinicianId)
        .map((t) => ({ email: t.email, displayName: t.display_name, expiresAt: t.expires_at })),
      adherenceDefinition:
        'Share of the stretch and strength sessions due in the last 7 days (from the current plan, pro-rated for plans younger than a week) that were completed.',
    };
  }

  /** Assigns a patient to a clinician of the same clinic. Admins: any patient; clinicians: their own. */
  async assign(actor: Actor, patientId: string, clinicianId: string) {
    const { staff, patient } = await this.staffAndPatient(actor, patientId);
    if (staff.role === 'clinician' && patient.clinician_id !== staff.id) {
      throw forbidden('You can only hand over your own patients. Ask a clinic admin to reassign this one.');
    }
    const target = await this.repos.users.findById(clinicianId);
    if (
      !target ||
      target.clinic_id !== staff.clinic_id ||
      (target.role !== 'clinician' && target.role !== 'admin') ||
      target.deactivated_at !== null
    ) {
      throw notFound('That clinician');
    }
    await this.repos.users.update(patient.id, { clinician_id: target.id });
    await this.audit(staff, 'patient.assign', 'patient', patient.id, {
      from: patient.clinician_id,
      to: target.id,
    });
    return { patient: toPublicUser({ ...patient, clinician_id: target.id }) };
  }

  /** The clinicians a patient can be assigned to (for the assign control). */
  async clinicians(actor: Actor) {
    const viewer = requireRole(actor, 'clinician', 'admin');
    const users = await this.repos.users.listByClinic(viewer.clinic_id, ['clinician']);
    return {
      clinicians: users
        .filter((u) => u.deactivated_at === null)
        .map((u) => ({ id: u.id, displayName: u.display_name })),
    };
  }

  // Precautions -------------------------------------------------------------

  /**
   * The precautions active today: the intake's precautions (which carry the
   * surgeon's restrictions), with an end date the person left out taken from
   * when the plan was made (so a default period does not move with today),
   * or, without an intake, the plan's own record of them.
   */
  private activeFor(intake: Intake | undefined, plan: ClinicPlan | null, today: string): ActivePrecaution[] {
    if (intake) {
      const answers = JSON.parse(intake.answers) as SelfCheckInput;
      const given: Precaution[] = answers.precautions.map((p, i) => {
        if ((p.kind === 'hipReplacement' || p.kind === 'recentSurgery') && p.until === undefined) {
          const applied = plan?.precautions.filter((a) => a.kind === p.kind)[0] ?? plan?.precautions[i];
          if (applied?.until) return { ...p, until: applied.until };
          return { ...p, until: addDays(intake.created_at.slice(0, 10), 7 * 12) };
        }
        return p;
      });
      return activePrecautions(given, today);
    }
    return (plan?.precautions ?? [])
      .filter((a) => a.until === null || a.until >= today)
      .map((a) => ({
        precaution: { kind: 'osteoporosis' },
        kind: a.kind,
        label: a.label,
        until: a.until,
        untilAssumed: a.untilAssumed,
        rulesAssumed: a.rulesAssumed,
        notes: a.notes,
        rules: [
          ...a.forbidden.map((tag) => ({
            tag,
            severity: 'forbidden' as const,
            precaution: a.kind,
            reason: `Avoid ${tag}: recorded with this patient's plan.`,
            assumed: a.rulesAssumed,
            source: 'plan record',
          })),
          ...a.cautions.map((tag) => ({
            tag,
            severity: 'caution' as const,
            precaution: a.kind,
            reason: `Take care with ${tag}: recorded with this patient's plan.`,
            assumed: a.rulesAssumed,
            source: 'plan record',
          })),
        ],
      }));
  }

  private async planContext(patient: User) {
    const clinic = await this.clinicOf(patient);
    const today = localDate(this.clock.now(), patient.timezone || clinic.timezone);
    const [row, intake] = await Promise.all([
      this.repos.patientDay.latestPlan(patient.id),
      this.repos.intakes.latestFor(patient.id),
    ]);
    const plan = row ? (JSON.parse(row.plan) as ClinicPlan) : null;
    return { clinic, today, row, intake, plan, active: this.activeFor(intake, plan, today) };
  }

  private precautionsOut(active: ActivePrecaution[], intake: Intake | undefined) {
    const answers = intake ? (JSON.parse(intake.answers) as SelfCheckInput) : null;
    return active.map((a) => ({
      kind: a.kind,
      label: a.label,
      until: a.until,
      untilAssumed: a.untilAssumed,
      rulesAssumed: a.rulesAssumed,
      surgeonRestrictions:
        a.precaution.kind === 'hipReplacement' ? (a.precaution.restrictions ?? []) : ([] as PrecautionTag[]),
      forbidden: a.rules
        .filter((r) => r.severity === 'forbidden')
        .map((r) => ({ tag: r.tag, reason: r.reason })),
      cautions: a.rules
        .filter((r) => r.severity === 'caution')
        .map((r) => ({ tag: r.tag, reason: r.reason })),
      notes: a.notes,
      fromIntake: answers !== null,
    }));
  }

  // Patient view ------------------------------------------------------------

  async patient(actor: Actor, patientId: string) {
    const { staff, patient } = await this.staffAndPatient(actor, patientId);
    const { today, intake, plan, active } = await this.planContext(patient);
    const from = addDays(today, -90);
    const [intakes, history, checkins, activity, sessions, notes, openFlags] = await Promise.all([
      this.repos.intakes.listFor(patient.id),
      this.repos.patientDay.planHistory(patient.id),
      this.repos.patientDay.checkinsBetween(patient.id, from, today),
      this.repos.portal.activityByDay(patient.id, addDays(weekStart(today), -7 * 11)),
      this.repos.portal.recentSessions(patient.id, 60),
      this.repos.portal.notesFor(patient.id),
      this.repos.portal.openFlagCount(patient.id),
    ]);
    const names = await this.repos.portal.namesOf(
      [...history.map((h) => h.created_by), patient.clinician_id].filter((x): x is string => x !== null),
    );
    const weeks = new Map<string, number>();
    for (let i = 11; i >= 0; i--) weeks.set(addDays(weekStart(today), -7 * i), 0);
    for (const a of activity) {
      const w = weekStart(a.date);
      if (weeks.has(w)) weeks.set(w, (weeks.get(w) ?? 0) + a.minutes);
    }
    const answers = intake ? (JSON.parse(intake.answers) as SelfCheckInput) : null;
    const psfsItems = answers?.activities ?? [];
    await this.audit(staff, 'patient.view', 'patient', patient.id);
    return {
      patient: {
        ...toPublicUser(patient),
        clinicianName: patient.clinician_id ? (names.get(patient.clinician_id) ?? null) : null,
        active: patient.deactivated_at === null,
        createdAt: patient.created_at,
      },
      today,
      openFlags,
      intakes: intakes.map((i) => ({
        id: i.id,
        createdAt: i.created_at,
        triageLevel: i.triage_level,
        painNow: (JSON.parse(i.answers) as SelfCheckInput).pain.now,
        reasons: (JSON.parse(i.result) as { triage: { reasons: { message: string }[] } }).triage.reasons.map(
          (r) => r.message,
        ),
      })),
      precautions: this.precautionsOut(active, intake),
      pain: checkins.map((c) => ({ date: c.date, painNow: c.pain_now, triageLevel: c.triage_level })),
      activityWeeks: [...weeks.entries()].map(([weekStartOn, minutes]) => ({
        weekStart: weekStartOn,
        minutes,
      })),
      sessions: sessions.map((s) => ({
        clientId: s.client_id,
        date: s.date,
        kind: s.kind,
        status: s.status,
        painDuring: s.pain_during,
        effort: s.effort,
        exercises: (JSON.parse(s.items) as { exercise: string }[]).map(
          (i) => this.library.bySlug.get(i.exercise)?.name ?? i.exercise,
        ),
      })),
      psfs: {
        items: psfsItems.map((a) => ({ name: a.name, score: a.score })),
        score: psfsItems.length > 0 ? Math.round(psfsScore(psfsItems.map((a) => a.score)) * 10) / 10 : null,
      },
      plan: plan
        ? { version: history[0]?.version ?? 0, locked: plan.locked === true, note: plan.note ?? '' }
        : null,
      planHistory: history.map((h: PlanVersion) => ({
        version: h.version,
        source: h.source,
        reason: h.reason,
        createdAt: h.created_at,
        createdBy: h.created_by ? (names.get(h.created_by) ?? null) : null,
      })),
      notes: notes.map((n) => ({
        id: n.id,
        text: n.text,
        authorName: n.author_name,
        createdAt: n.created_at,
      })),
    };
  }

  // Notes -------------------------------------------------------------------

  async addNote(actor: Actor, patientId: string, text: string) {
    const { staff, patient } = await this.staffAndPatient(actor, patientId);
    const note = {
      id: crypto.randomUUID(),
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      author_id: staff.id,
      text,
      created_at: iso(this.clock.now()),
    };
    await this.repos.portal.insertNote(note);
    await this.audit(staff, 'note.create', 'patient', patient.id, { noteId: note.id });
    return { note: { id: note.id, text, authorName: staff.display_name, createdAt: note.created_at } };
  }

  async note(actor: Actor, noteId: string) {
    const staff = requireRole(actor, 'clinician', 'admin');
    const note = await this.repos.portal.findNote(noteId);
    if (!note || note.clinic_id !== staff.clinic_id) throw notFound('That note');
    await this.audit(staff, 'note.view', 'patient', note.patient_id, { noteId: note.id });
    return {
      note: {
        id: note.id,
        patientId: note.patient_id,
        text: note.text,
        authorName: note.author_name,
        createdAt: note.created_at,
      },
    };
  }

  // Plan editor -------------------------------------------------------------

  async plan(actor: Actor, patientId: string) {
    const { staff, patient } = await this.staffAndPatient(actor, patientId);
    const { row, plan, active, intake, today } = await this.planContext(patient);
    await this.audit(staff, 'plan.view', 'patient', patient.id);
    return {
      version: row?.version ?? null,
      plan: plan ?? emptyPlan(today),
      precautions: this.precautionsOut(active, intake),
    };
  }

  /**
   * Checks every exercise of an edited plan against the patient's active
   * precautions. A forbidden conflict is refused (409 precaution_conflict,
   * naming the item) unless the item carries an override with a reason; the
   * override is then stored on the item with who, when and what it overrode.
   */
  private checkItems(
    staff: User,
    items: EditItem[],
    active: ActivePrecaution[],
    basePath: string,
    previous: ClinicPlanItem[],
  ): {
    items: ClinicPlanItem[];
    overrides: { path: string; exercise: string; reason: string }[];
    warnings: string[];
  } {
    const seen = new Set<string>();
    const overrides: { path: string; exercise: string; reason: string }[] = [];
    const warnings: string[] = [];
    const now = iso(this.clock.now());
    const out = items.map((item, i): ClinicPlanItem => {
      const path = `${basePath}[${i}]`;
      if (seen.has(item.id))
        throw badRequest('duplicate_item', `Two items share the id "${item.id}".`, `${path}.id`);
      seen.add(item.id);
      const { override, locked, dose, ...rest } = item;
      const base: ClinicPlanItem = {
        ...rest,
        dose: dose ? { ...dose, source: dose.source ?? 'Set by your physical therapist' } : null,
        ...(locked ? { locked: true } : {}),
      };
      if (item.exercise === null) return base;
      const exercise = this.library.bySlug.get(item.exercise);
      if (!exercise) {
        throw badRequest(
          'unknown_exercise',
          `There is no exercise "${item.exercise}" in the library.`,
          `${path}.exercise`,
        );
      }
      const found = conflicts(exercise, active);
      const forbiddenOnes = found.filter((c) => c.severity === 'forbidden');
      const cautions = found.filter((c) => c.severity === 'caution').map((c) => c.reason);
      for (const c of cautions) warnings.push(`${exercise.name}: ${c}`);
      const withCautions: ClinicPlanItem = { ...base, ...(cautions.length > 0 ? { cautions } : {}) };
      delete withCautions.override;
      if (forbiddenOnes.length === 0) {
        if (!cautions.length) delete withCautions.cautions;
        return withCautions;
      }
      const reason = override?.reason.trim() ?? '';
      if (!reason) {
        const first = forbiddenOnes[0]!;
        throw conflict(
          'precaution_conflict',
          `${exercise.name} conflicts with ${first.label}. ${first.reason} To prescribe it anyway, give a reason for the override.`,
          `${path}.exercise`,
        );
      }
      const earlier = previous.find((p) => p.id === item.id && p.exercise === item.exercise)?.override;
      if (earlier && earlier.reason === reason) {
        // The same override, saved again: it keeps who gave it and when.
        return { ...withCautions, override: earlier };
      }
      overrides.push({ path, exercise: exercise.slug, reason });
      return {
        ...withCautions,
        override: {
          reason,
          by: staff.id,
          byName: staff.display_name,
          at: now,
          conflicts: forbiddenOnes.map((c) => ({ tag: c.tag, label: c.label, reason: c.reason })),
        },
      };
    });
    return { items: out, overrides, warnings };
  }

  private async saveVersion(
    staff: User,
    patient: User,
    plan: ClinicPlan,
    reason: string,
    action: string,
    detail: Record<string, unknown>,
  ) {
    // The engine's memory (when each step began, what it swapped away from) survives a hand edit.
    const previous = await this.repos.patientDay.latestPlan(patient.id);
    const today = localDate(this.clock.now(), patient.timezone);
    const state = carryStateIntoEdit(
      previous?.state ? (JSON.parse(previous.state) as PlanState) : null,
      plan,
      today,
    );
    const saved = await this.repos.patientDay.addPlanVersion({
      id: crypto.randomUUID(),
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      plan: JSON.stringify(plan),
      source: 'clinician',
      reason,
      created_by: staff.id,
      created_at: iso(this.clock.now()),
      state: JSON.stringify(state),
      changes: null,
    });
    await this.audit(staff, action, 'patient', patient.id, { version: saved.version, reason, ...detail });
    await this.repos.patientSummaries.refresh(patient.id, this.clock.now());
    return saved.version;
  }

  async savePlan(actor: Actor, patientId: string, edit: PlanEdit) {
    const { staff, patient } = await this.staffAndPatient(actor, patientId);
    const { row, plan, active, today } = await this.planContext(patient);
    const current = row?.version ?? null;
    if (edit.basedOnVersion !== current) {
      throw conflict(
        'plan_changed',
        `The plan changed while you were editing it (now version ${current ?? 'none'}). Reload to see the latest, then make your change again.`,
        'basedOnVersion',
      );
    }
    const checked = this.checkItems(staff, edit.items, active, 'items', plan?.items ?? []);
    const base = plan ?? emptyPlan(today);
    const next: ClinicPlan = {
      ...base,
      // The precautions stay the patient's own: the editor cannot remove them.
      precautions: base.precautions,
      items: checked.items,
      ...(edit.locked ? { locked: true } : { locked: false }),
      ...(edit.note !== undefined ? { note: edit.note.trim() } : {}),
    };
    const version = await this.saveVersion(staff, patient, next, edit.reason, 'plan.update', {
      items: checked.items.length,
      overrides: checked.overrides,
      locked: next.locked === true,
    });
    for (const o of checked.overrides) {
      await this.audit(staff, 'plan.override', 'patient', patient.id, { version, ...o });
    }
    return { version, plan: next, warnings: checked.warnings };
  }

  // Templates ---------------------------------------------------------------

  async templates(actor: Actor) {
    const staff = requireRole(actor, 'clinician', 'admin');
    const rows = await this.repos.portal.templates(staff.clinic_id);
    return {
      templates: rows.map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        items: (JSON.parse(t.items) as PlanItem[]).length,
        createdAt: t.created_at,
      })),
    };
  }

  /** Saves a patient's current plan items as a clinic template (overrides and locks are left behind). */
  async saveTemplate(
    actor: Actor,
    input: { patientId: string; name: string; description?: string | undefined },
  ) {
    const { staff, patient } = await this.staffAndPatient(actor, input.patientId);
    const row = await this.repos.patientDay.latestPlan(patient.id);
    if (!row) throw conflict('no_plan', 'This patient has no plan yet to save as a template.');
    const plan = JSON.parse(row.plan) as ClinicPlan;
    const items: PlanItem[] = plan.items.map((item) => {
      const copy: ClinicPlanItem = { ...item };
      delete copy.override;
      delete copy.locked;
      delete copy.cautions;
      delete copy.substitutedFor;
      return copy;
    });
    const id = crypto.randomUUID();
    await this.repos.portal.insertTemplate({
      id,
      clinic_id: staff.clinic_id,
      name: input.name,
      description: input.description ?? '',
      items: JSON.stringify(items),
      created_by: staff.id,
      created_at: iso(this.clock.now()),
    });
    await this.audit(staff, 'template.create', 'template', id, { fromPatient: patient.id });
    return { template: { id, name: input.name, description: input.description ?? '', items: items.length } };
  }

  async template(actor: Actor, templateId: string) {
    const staff = requireRole(actor, 'clinician', 'admin');
    const t = await this.repos.portal.findTemplate(templateId);
    if (!t || t.clinic_id !== staff.clinic_id) throw notFound('That template');
    return {
      template: {
        id: t.id,
        name: t.name,
        description: t.description,
        items: JSON.parse(t.items) as PlanItem[],
      },
    };
  }

  /**
   * Starts a patient on a template: the template's items replace the plan's,
   * through the same precaution check as the editor (an override reason per
   * conflicting item, keyed by item id).
   */
  async applyTemplate(
    actor: Actor,
    patientId: string,
    input: {
      templateId: string;
      basedOnVersion: number | null;
      reason?: string | undefined;
      overrides?: Record<string, string> | undefined;
    },
  ) {
    const { staff, patient } = await this.staffAndPatient(actor, patientId);
    const t = await this.repos.portal.findTemplate(input.templateId);
    if (!t || t.clinic_id !== staff.clinic_id) throw notFound('That template');
    const items = (JSON.parse(t.items) as PlanItem[]).map((item): EditItem => {
      const reason = input.overrides?.[item.id];
      return { ...item, ...(reason ? { override: { reason } } : {}) };
    });
    const result = await this.savePlan(actor, patientId, {
      basedOnVersion: input.basedOnVersion,
      reason: input.reason ?? `Started from the clinic template "${t.name}".`,
      items,
    });
    await this.audit(staff, 'template.apply', 'patient', patient.id, {
      templateId: t.id,
      version: result.version,
    });
    return result;
  }

  // Handout -----------------------------------------------------------------

  /** The patient's current plan for the handout (with the PT's note as its first guidance item). */
  async handoutPlan(actor: Actor, patientId: string, action: 'handout.download' | 'handout.email') {
    const { staff, patient } = await this.staffAndPatient(actor, patientId);
    const { clinic, row, plan } = await this.planContext(patient);
    if (!row || !plan)
      throw conflict('no_plan', 'This patient has no plan yet. Build one in the plan editor first.');
    await this.audit(staff, action, 'patient', patient.id, { version: row.version });
    // The handout is from the patient's own physical therapist (or, if none, whoever prints it).
    const therapist =
      patient.clinician_id && patient.clinician_id !== staff.id
        ? await this.repos.users.findById(patient.clinician_id)
        : staff;
    const printable: Plan = {
      ...plan,
      items: [
        ...(plan.note
          ? [
              {
                id: 'guidance:pt-note',
                pillar: 'guidance' as const,
                exercise: null,
                title: `A note from ${staff.display_name}`,
                dose: null,
                schedule: { daysPerWeek: 0 } satisfies PlanSchedule,
                reason: plan.note,
              },
            ]
          : []),
        ...plan.items.map((item) =>
          // The self-check's account of the precautions no longer holds once the PT chose a conflicting exercise.
          item.id === 'guidance:precautions' && plan.items.some((i) => i.override)
            ? {
                ...item,
                reason: `${item.reason} Your physical therapist has since chosen one or more of these exercises for you on purpose, after checking them against your precautions; follow their instructions for those.`,
              }
            : item,
        ),
      ],
    };
    return {
      staff,
      patient,
      clinic,
      logo: await documentLogoOf(this.repos, clinic),
      therapistName: therapist?.display_name ?? staff.display_name,
      plan: printable,
      version: row.version,
      generatedOn: row.created_at.slice(0, 10),
    };
  }

  // Audit -------------------------------------------------------------------

  async auditLog(
    actor: Actor,
    opts: { limit?: number | undefined; patientId?: string | undefined; action?: string | undefined },
  ) {
    const admin = requireRole(actor, 'admin');
    const rows = await this.repos.portal.auditList(admin.clinic_id, {
      limit: opts.limit ?? 200,
      subjectId: opts.patientId,
      action: opts.action,
    });
    const subjectNames = await this.repos.portal.namesOf(
      rows.map((r) => r.subject_id).filter((x): x is string => x !== null),
    );
    return {
      entries: rows.map((r) => ({
        id: Number(r.id),
        at: r.at,
        action: r.action,
        actorId: r.actor_id,
        actorName: r.actor_name,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        subjectName: r.subject_id ? (subjectNames.get(r.subject_id) ?? null) : null,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      })),
    };
  }

  // Clinic admin ------------------------------------------------------------

  async deactivateStaff(actor: Actor, staffId: string) {
    const admin = requireRole(actor, 'admin');
    const target = await this.repos.users.findById(staffId);
    if (!target || target.clinic_id !== admin.clinic_id || target.role === 'patient') {
      throw notFound('That team member');
    }
    if (target.id === admin.id) {
      throw conflict('cannot_deactivate_self', 'You cannot deactivate your own account. Ask another admin.');
    }
    if (target.deactivated_at === null) {
      await this.repos.users.update(target.id, { deactivated_at: iso(this.clock.now()) });
      await this.repos.sessions.deleteForUser(target.id);
      await this.audit(admin, 'staff.deactivate', 'user', target.id);
    }
    return { staff: { ...toPublicUser(target), active: false } };
  }

  async updateClinic(actor: Actor, patch: ClinicUpdate) {
    const admin = requireRole(actor, 'admin');
    const update = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.tagline !== undefined ? { tagline: patch.tagline } : {}),
      ...(patch.primaryColor !== undefined ? { primary_color: patch.primaryColor.toLowerCase() } : {}),
      ...(patch.accentColor !== undefined ? { accent_color: patch.accentColor.toLowerCase() } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
    };
    if (Object.keys(update).length === 0)
      throw badRequest('validation_failed', 'Send at least one setting to change.');
    await this.repos.clinics.update(admin.clinic_id, update);
    await this.audit(admin, 'clinic.update', 'clinic', admin.clinic_id, { fields: Object.keys(patch) });
    return this.clinicOf(admin);
  }

  /**
   * Sets (or replaces) the clinic's logo, clinic admins only. The bytes must be
   * a PNG or JPEG whose header parses, within LOGO_LIMITS (src/documents/images.ts),
   * and one the handout can draw; what it is comes from the bytes, not the
   * Content-Type the browser sent.
   */
  async setLogo(actor: Actor, bytes: Uint8Array) {
    const admin = requireRole(actor, 'admin');
    const check = checkLogo(bytes);
    if (!check.ok) {
      const status = check.code === 'logo_too_large' ? 413 : 400;
      throw new AppError(status, check.code, check.message, 'logo');
    }
    const { mime, width, height } = check.image;
    if (!(await logoEmbeds(bytes, mime))) {
      throw badRequest(
        'logo_corrupt',
        `This ${mime === 'image/png' ? 'PNG' : 'JPEG'} file could not be read; it may be damaged. Save it again from your image editor and try again.`,
        'logo',
      );
    }
    const data = Buffer.from(bytes);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    await this.repos.clinics.setLogo({
      clinicId: admin.clinic_id,
      mime,
      width,
      height,
      sha256,
      bytes: data,
      updatedAt: iso(this.clock.now()),
      updatedBy: admin.id,
    });
    await this.audit(admin, 'clinic.logo.set', 'clinic', admin.clinic_id, {
      mime,
      width,
      height,
      bytes: data.length,
      sha256,
    });
    return this.clinicOf(admin);
  }

  /** Removes the clinic's logo, clinic admins only (removing none is fine: the result is the same). */
  async removeLogo(actor: Actor) {
    const admin = requireRole(actor, 'admin');
    const removed = await this.repos.clinics.deleteLogo(admin.clinic_id);
    if (removed) await this.audit(admin, 'clinic.logo.remove', 'clinic', admin.clinic_id);
    return this.clinicOf(admin);
  }

  // Outcomes ----------------------------------------------------------------

  /**
   * The clinic's outcomes: how many patients improved meaningfully by six
   * weeks (mean morning pain on days 36-49 after their first plan against the
   * plan's baseline, by `painChange`: ≥2 points or ≥30 %), the spread of
   * 7-day adherence, and flags raised per week over the last 12 weeks.
   */
  async outcomes(actor: Actor) {
    const viewer = requireRole(actor, 'clinician', 'admin');
    const clinic = await this.clinicOf(viewer);
    const now = this.clock.now();
    const today = localDate(now, clinic.timezone);
    const since = addDays(weekStart(today), -7 * 11);
    const clinicianId = viewer.role === 'clinician' ? viewer.id : null;
    await this.repos.patientSummaries.refreshStale(clinic.id, clinic.timezone, clinicianId, now);
    const [firsts, sixWeeks, rows, flagDays] = await Promise.all([
      this.repos.portal.firstPlans(viewer.clinic_id),
      this.repos.portal.painAfterStart(viewer.clinic_id, 36, 49),
      this.repos.patientSummaries.adherenceOf(clinic.id, clinicianId),
      this.repos.portal.flagsPerDay(viewer.clinic_id, since),
    ]);
    const summaries = rows.map((r) => ({
      id: r.id,
      adherence7d: r.adherence_7d === null ? null : Number(r.adherence_7d),
    }));
    const mine = new Set(summaries.map((s) => s.id));
    const current = new Map(sixWeeks.map((r) => [r.patient_id, r.pain]));
    const counts = { improved: 0, noMeaningfulChange: 0, worsened: 0 };
    let evaluable = 0;
    for (const f of firsts) {
      if (!mine.has(f.patient_id)) continue;
      const pain = current.get(f.patient_id);
      if (pain === undefined) continue;
      const baseline = (JSON.parse(f.plan) as Plan).baseline.painNow;
      evaluable++;
      counts[painChange(baseline, Math.min(10, Math.round(pain * 10) / 10)).category]++;
    }
    const buckets = [
      { label: '0–24 %', min: 0, max: 0.25, patients: 0 },
      { label: '25–49 %', min: 0.25, max: 0.5, patients: 0 },
      { label: '50–74 %', min: 0.5, max: 0.75, patients: 0 },
      { label: '75–100 %', min: 0.75, max: 1.01, patients: 0 },
    ];
    let noneDue = 0;
    for (const s of summaries) {
      if (s.adherence7d === null) {
        noneDue++;
        continue;
      }
      const b = buckets.find((x) => s.adherence7d! >= x.min && s.adherence7d! < x.max);
      if (b) b.patients++;
    }
    const weeks = new Map<string, number>();
    for (let i = 11; i >= 0; i--) weeks.set(addDays(weekStart(today), -7 * i), 0);
    for (const d of flagDays) {
      const w = weekStart(d.day);
      if (weeks.has(w)) weeks.set(w, (weeks.get(w) ?? 0) + d.n);
    }
    return {
      patients: summaries.length,
      pain6Weeks: {
        evaluable,
        ...counts,
        shareImproved: evaluable > 0 ? Math.round((counts.improved / evaluable) * 100) / 100 : null,
        definition:
          'Mean morning pain on days 36 to 49 after the first plan, compared with the pain at the start: a drop of at least 2 points or 30 % is a meaningful improvement.',
      },
      adherence: {
        buckets: buckets.map(({ label, patients }) => ({ label, patients })),
        nothingDue: noneDue,
      },
      flagsPerWeek: [...weeks.entries()].map(([weekStartOn, flags]) => ({ weekStart: weekStartOn, flags })),
    };
  }
}
