import crypto from 'node:crypto';
import { addDays, daysBetween } from '../core/dates';
import type { Plan } from '../core/plan/types';
import type { SelfCheckInput } from '../core/selfcheck/schema';
import { type TodayView, todayView } from '../core/today';
import { withOwnBreakHours } from '../core/reminders';
import { type TriageResult, triage } from '../core/triage/triage';
import type { WarningSign } from '../core/triage/signs';
import type { Repositories } from '../storage';
import type { SessionKind, SessionLog, SessionStatus, User } from '../storage/schema';
import { type Actor, requireRole } from './access';
import { type Clock, iso } from './clock';
import { AppError, badRequest, conflict, notFound } from './errors';
import { breakHoursOf } from './reminders';
import { localDate } from './selfcheck';

/** How far back an offline write may be dated. */
const MAX_BACKDATE_DAYS = 7;

export interface PlanOut {
  version: number;
  createdAt: string;
  source: string;
  reason: string;
  plan: Plan;
}

export interface SessionInput {
  kind: SessionKind;
  date?: string | undefined;
  status: SessionStatus;
  progress: Record<string, unknown>;
  items: {
    exercise: string;
    setsDone: number;
    feedback: 'tooEasy' | 'right' | 'tooHard' | 'hurts' | 'skipped' | null;
    control?: 'good' | 'ok' | 'poor' | undefined;
    symptomsSpread?: boolean | undefined;
  }[];
  painDuring?: number | null | undefined;
  effort?: number | null | undefined;
}

const sessionOut = (s: SessionLog) => ({
  clientId: s.client_id,
  kind: s.kind,
  date: s.date,
  status: s.status,
  progress: JSON.parse(s.progress) as Record<string, unknown>,
  items: JSON.parse(s.items) as SessionInput['items'],
  painDuring: s.pain_during,
  effort: s.effort,
  startedAt: s.started_at,
  updatedAt: s.updated_at,
  completedAt: s.completed_at,
});
export type SessionOut = ReturnType<typeof sessionOut>;

/**
 * The patient's everyday records. Every method is for the patient
 * themself (clinicians read these through the clinic's services), and every
 * write is idempotent on the client-made id.
 */
export class PatientDayService {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
  ) {}

  private localToday(patient: User): string {
    return localDate(this.clock.now(), patient.timezone);
  }

  /** Offline writes may carry the day they happened, up to a week back, never in the future. */
  private checkDate(patient: User, date: string | undefined, path = 'date'): string {
    const today = this.localToday(patient);
    if (date === undefined) return today;
    if (date > today)
      throw badRequest('date_out_of_range', `${path} cannot be in the future (today is ${today}).`, path);
    if (daysBetween(date, today) > MAX_BACKDATE_DAYS) {
      throw badRequest('date_out_of_range', `${path} can be at most ${MAX_BACKDATE_DAYS} days ago.`, path);
    }
    return date;
  }

  /** Called after each new record, so the plan adapts when data arrives. */
  onNewData: (patientId: string) => void = () => {};

  async planHistory(actor: Actor) {
    const patient = requireRole(actor, 'patient');
    const rows = await this.repos.patientDay.planHistory(patient.id);
    return rows.map((r) => ({
      version: r.version,
      createdAt: r.created_at,
      source: r.source,
      reason: r.reason,
      changes: r.changes
        ? (JSON.parse(r.changes) as { itemId: string; kind: string; reason: string; ruleId: string }[])
        : [],
    }));
  }

  async plan(actor: Actor): Promise<PlanOut | null> {
    const patient = requireRole(actor, 'patient');
    const row = await this.repos.patientDay.latestPlan(patient.id);
    if (!row) return null;
    return {
      version: row.version,
      createdAt: row.created_at,
      source: row.source,
      reason: row.reason,
      plan: JSON.parse(row.plan) as Plan,
    };
  }

  async today(actor: Actor): Promise<{ today: TodayView | null; triageLevel: string | null }> {
    const patient = requireRole(actor, 'patient');
    const row = await this.repos.patientDay.latestPlan(patient.id);
    const today = this.localToday(patient);
    const { records, checkins } = await this.repos.patientDay.dayRecords(patient.id, today);
    const latestCheckin = checkins.at(-1);
    const triageLevel = latestCheckin && latestCheckin.date === today ? latestCheckin.triage_level : null;
    if (!row) return { today: null, triageLevel };
    const view = todayView(JSON.parse(row.plan) as Plan, today, records);
    // The break hours the patient chose in their reminder settings, if any, decide today's break times.
    const settings = await this.repos.reminders.findSettings(patient.id);
    return { today: withOwnBreakHours(view, breakHoursOf(settings)), triageLevel };
  }

  async session(actor: Actor, clientId: string): Promise<SessionOut> {
    const patient = requireRole(actor, 'patient');
    const row = await this.repos.patientDay.findSession(patient.id, clientId);
    if (!row) throw notFound('That session');
    return sessionOut(row);
  }

  /**
   * Saves a session's progress (as it goes, so a reload resumes) or its
   * completion. The first write creates it; later writes update it until it
   * is completed, after which it is final and further writes change nothing.
   */
  async saveSession(
    actor: Actor,
    clientId: string,
    input: SessionInput,
  ): Promise<{ session: SessionOut; created: boolean }> {
    const patient = requireRole(actor, 'patient');
    const date = this.checkDate(patient, input.date);
    if (input.status === 'completed' && (input.painDuring === undefined || input.painDuring === null)) {
      throw badRequest(
        'validation_failed',
        'painDuring is required to complete a session (0 to 10).',
        'painDuring',
      );
    }
    const now = iso(this.clock.now());
    const plan = await this.repos.patientDay.latestPlan(patient.id);
    const fields = {
      status: input.status,
      progress: JSON.stringify(input.progress),
      items: JSON.stringify(input.items),
      pain_during: input.painDuring ?? null,
      effort: input.effort ?? null,
      updated_at: now,
      completed_at: input.status === 'completed' ? now : null,
    };
    const created = await this.repos.patientDay.insertSession({
      id: crypto.randomUUID(),
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      client_id: clientId,
      date,
      kind: input.kind,
      plan_version: plan?.version ?? null,
      started_at: now,
      ...fields,
    });
    if (!created) {
      const existing = await this.repos.patientDay.findSession(patient.id, clientId);
      if (existing && existing.kind !== input.kind) {
        throw conflict(
          'client_id_reused',
          'This session id already belongs to another kind of session.',
          'kind',
        );
      }
      await this.repos.patientDay.updateOpenSession(patient.id, clientId, fields);
    }
    await this.repos.patientSummaries.refresh(patient.id, this.clock.now());
    const row = await this.repos.patientDay.findSession(patient.id, clientId);
    if (!row) throw new AppError(409, 'conflict', 'The session could not be saved; please try again.');
    if (row.status === 'completed') this.onNewData(patient.id);
    return { session: sessionOut(row), created };
  }

  /**
   * The morning check-in. Warning signs go through the same triage as the
   * self-check, with the rest of the person's intake answers.
   */
  async checkin(
    actor: Actor,
    clientId: string,
    input: {
      date?: string | undefined;
      painNow: number;
      stiffness?: number | undefined;
      sleep?: string | undefined;
      warningSigns: WarningSign[];
    },
  ) {
    const patient = requireRole(actor, 'patient');
    const date = this.checkDate(patient, input.date);
    const intake = await this.repos.intakes.latestFor(patient.id);
    if (!intake) {
      throw conflict('no_intake', 'Take the self-check first, so we know your starting point.');
    }
    const answers = JSON.parse(intake.answers) as SelfCheckInput;
    const weeksSince = Math.floor(daysBetween(intake.created_at.slice(0, 10), date) / 7);
    const result: TriageResult = triage({
      ...answers,
      painStartedWeeksAgo: Math.min(answers.painStartedWeeksAgo + Math.max(0, weeksSince), 520),
      // History signs from the intake (e.g. a past cancer) stay in play, so combinations
      // such as "cancer plus new leg weakness" are caught at every check-in.
      warningSigns: [...new Set([...answers.warningSigns, ...input.warningSigns])],
    });
    const now = iso(this.clock.now());
    const created = await this.repos.patientDay.insertCheckin({
      id: crypto.randomUUID(),
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      client_id: clientId,
      date,
      pain_now: input.painNow,
      stiffness: input.stiffness ?? null,
      sleep: input.sleep ?? null,
      warning_signs: JSON.stringify(input.warningSigns),
      triage_level: result.level,
      triage: JSON.stringify(result),
      created_at: now,
    });
    await this.repos.patientSummaries.refresh(patient.id, this.clock.now());
    const row = await this.repos.patientDay.findCheckin(patient.id, clientId);
    if (!row) throw new AppError(409, 'conflict', 'The check-in could not be saved; please try again.');
    if (created) this.onNewData(patient.id);
    return {
      created,
      checkin: {
        clientId: row.client_id,
        date: row.date,
        painNow: row.pain_now,
        stiffness: row.stiffness,
        sleep: row.sleep,
        warningSigns: JSON.parse(row.warning_signs) as WarningSign[],
        triage: JSON.parse(row.triage) as TriageResult,
        createdAt: row.created_at,
      },
    };
  }

  async checkins(actor: Actor, days: number) {
    const patient = requireRole(actor, 'patient');
    const today = this.localToday(patient);
    const rows = await this.repos.patientDay.checkinsBetween(patient.id, addDays(today, -(days - 1)), today);
    return rows.map((r) => ({
      clientId: r.client_id,
      date: r.date,
      painNow: r.pain_now,
      stiffness: r.stiffness,
      sleep: r.sleep,
      triageLevel: r.triage_level,
    }));
  }

  async logActivity(
    actor: Actor,
    clientId: string,
    input: { date?: string | undefined; kind: string; minutes: number; effort?: number | undefined },
  ) {
    const patient = requireRole(actor, 'patient');
    const date = this.checkDate(patient, input.date);
    const created = await this.repos.patientDay.insertActivity({
      id: crypto.randomUUID(),
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      client_id: clientId,
      date,
      kind: input.kind,
      minutes: input.minutes,
      effort: input.effort ?? null,
      created_at: iso(this.clock.now()),
    });
    await this.repos.patientSummaries.refresh(patient.id, this.clock.now());
    const row = await this.repos.patientDay.findActivity(patient.id, clientId);
    if (!row) throw new AppError(409, 'conflict', 'The activity could not be saved; please try again.');
    if (created) this.onNewData(patient.id);
    return {
      created,
      activity: {
        clientId: row.client_id,
        date: row.date,
        kind: row.kind,
        minutes: row.minutes,
        effort: row.effort,
      },
    };
  }

  async activities(actor: Actor, days: number) {
    const patient = requireRole(actor, 'patient');
    const today = this.localToday(patient);
    const rows = await this.repos.patientDay.activitiesBetween(
      patient.id,
      addDays(today, -(days - 1)),
      today,
    );
    return rows.map((r) => ({
      clientId: r.client_id,
      date: r.date,
      kind: r.kind,
      minutes: r.minutes,
      effort: r.effort,
    }));
  }

  async movementBreak(
    actor: Actor,
    clientId: string,
    input: { date?: string | undefined; exercise?: string | undefined },
  ) {
    const patient = requireRole(actor, 'patient');
    const date = this.checkDate(patient, input.date);
    const created = await this.repos.patientDay.insertMovementBreak({
      id: crypto.randomUUID(),
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      client_id: clientId,
      date,
      exercise: input.exercise ?? null,
      created_at: iso(this.clock.now()),
    });
    await this.repos.patientSummaries.refresh(patient.id, this.clock.now());
    const row = await this.repos.patientDay.findMovementBreak(patient.id, clientId);
    if (!row) throw new AppError(409, 'conflict', 'The movement break could not be saved; please try again.');
    return { created, movementBreak: { clientId: row.client_id, date: row.date, exercise: row.exercise } };
  }
}
