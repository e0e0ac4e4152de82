import type { Kysely } from 'kysely';
import { addDays } from '../../core/dates';
import { type DayRecords, weekStart } from '../../core/today';
import type {
  ActivityLog,
  ActivityLogTable,
  Checkin,
  CheckinTable,
  Database,
  MovementBreak,
  MovementBreakTable,
  PlanVersion,
  PlanVersionTable,
  SessionLog,
  SessionLogTable,
} from '../schema';

/**
 * The patient's plan history and daily records. Writes that come from a
 * client are idempotent on (patient_id, client_id): the insert does nothing
 * when the record exists, and the stored record is returned either way, so
 * concurrent retries of one write store it exactly once.
 */
export class PatientDayRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * What Today is computed from (core `todayView`): this week's sessions and activity, today's
   * movement breaks, yesterday's and today's check-ins, and the days with a completed stretch.
   * The break and check-in rows come back too, for callers that need their times or triage.
   */
  async dayRecords(
    patientId: string,
    today: string,
  ): Promise<{ records: DayRecords; breaks: MovementBreak[]; checkins: Checkin[] }> {
    const from = weekStart(today);
    const [sessions, activities, breaks, checkins, stretchDates] = await Promise.all([
      this.sessionsBetween(patientId, from, today),
      this.activitiesBetween(patientId, from, today),
      this.movementBreaksBetween(patientId, today, today),
      this.checkinsBetween(patientId, addDays(today, -1), today),
      this.completedDates(patientId, 'stretch', 400),
    ]);
    return {
      records: {
        sessions: sessions.map((s) => ({
          date: s.date,
          kind: s.kind,
          status: s.status,
          clientId: s.client_id,
        })),
        activities: activities.map((a) => ({ date: a.date, minutes: a.minutes })),
        movementBreaks: breaks.map((b) => ({ date: b.date })),
        checkins: checkins.map((c) => ({ date: c.date, painNow: c.pain_now, triageLevel: c.triage_level })),
        stretchDates,
      },
      breaks,
      checkins,
    };
  }

  // Plans -------------------------------------------------------------------

  latestPlan(patientId: string): Promise<PlanVersion | undefined> {
    return this.db
      .selectFrom('plan_versions')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  planHistory(patientId: string): Promise<PlanVersion[]> {
    return this.db
      .selectFrom('plan_versions')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('version', 'desc')
      .execute();
  }

  /** Adds the next version; the unique (patient, version) index makes concurrent writers retry. */
  async addPlanVersion(row: Omit<PlanVersionTable, 'version'>): Promise<PlanVersion> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const latest = await this.latestPlan(row.patient_id);
      const version = (latest?.version ?? 0) + 1;
      const res = await this.db
        .insertInto('plan_versions')
        .values({ ...row, version })
        .onConflict((oc) => oc.columns(['patient_id', 'version']).doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) === 1) return { ...row, version };
    }
    throw new Error('could not add a plan version after 5 attempts');
  }

  // Sessions ----------------------------------------------------------------

  findSession(patientId: string, clientId: string): Promise<SessionLog | undefined> {
    return this.db
      .selectFrom('session_logs')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
  }

  /** Inserts the session if new; reports whether this call created it. */
  async insertSession(row: SessionLogTable): Promise<boolean> {
    const res = await this.db
      .insertInto('session_logs')
      .values(row)
      .onConflict((oc) => oc.columns(['patient_id', 'client_id']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Updates progress of a session that is not completed yet (a completed session is final). */
  async updateOpenSession(
    patientId: string,
    clientId: string,
    patch: Pick<
      SessionLogTable,
      'status' | 'progress' | 'items' | 'pain_during' | 'effort' | 'updated_at' | 'completed_at'
    >,
  ): Promise<void> {
    await this.db
      .updateTable('session_logs')
      .set(patch)
      .where('patient_id', '=', patientId)
      .where('client_id', '=', clientId)
      .where('status', '!=', 'completed')
      .execute();
  }

  sessionsBetween(patientId: string, from: string, to: string): Promise<SessionLog[]> {
    return this.db
      .selectFrom('session_logs')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('started_at')
      .execute();
  }

  /** Dates (descending) with a completed session of this kind, for streaks. */
  async completedDates(patientId: string, kind: SessionLogTable['kind'], limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('session_logs')
      .select('date')
      .distinct()
      .where('patient_id', '=', patientId)
      .where('kind', '=', kind)
      .where('status', '=', 'completed')
      .orderBy('date', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.date);
  }

  // Check-ins ---------------------------------------------------------------

  async insertCheckin(row: CheckinTable): Promise<boolean> {
    const res = await this.db
      .insertInto('checkins')
      .values(row)
      .onConflict((oc) => oc.columns(['patient_id', 'client_id']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  findCheckin(patientId: string, clientId: string): Promise<Checkin | undefined> {
    return this.db
      .selectFrom('checkins')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
  }

  checkinsBetween(patientId: string, from: string, to: string): Promise<Checkin[]> {
    return this.db
      .selectFrom('checkins')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('created_at')
      .execute();
  }

  // Activity ----------------------------------------------------------------

  async insertActivity(row: ActivityLogTable): Promise<boolean> {
    const res = await this.db
      .insertInto('activity_logs')
      .values(row)
      .onConflict((oc) => oc.columns(['patient_id', 'client_id']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  findActivity(patientId: string, clientId: string): Promise<ActivityLog | undefined> {
    return this.db
      .selectFrom('activity_logs')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
  }

  activitiesBetween(patientId: string, from: string, to: string): Promise<ActivityLog[]> {
    return this.db
      .selectFrom('activity_logs')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('created_at')
      .execute();
  }

  // Movement breaks ---------------------------------------------------------

  async insertMovementBreak(row: MovementBreakTable): Promise<boolean> {
    const res = await this.db
      .insertInto('movement_breaks')
      .values(row)
      .onConflict((oc) => oc.columns(['patient_id', 'client_id']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  findMovementBreak(patientId: string, clientId: string): Promise<MovementBreak | undefined> {
    return this.db
      .selectFrom('movement_breaks')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
  }

  movementBreaksBetween(patientId: string, from: string, to: string): Promise<MovementBreak[]> {
    return this.db
      .selectFrom('movement_breaks')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('created_at')
      .execute();
  }
}
