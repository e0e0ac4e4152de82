import { sql, type Kysely } from 'kysely';
import type { Database, Flag, FlagStatus, FlagTable } from '../schema';

export interface FlagRow extends Flag {
  patient_name: string;
  clinician_id: string | null;
}

const SEVERITY_RANK = sql<number>`case flags.severity when 'emergency' then 0 when 'urgent' then 1 when 'attention' then 2 else 3 end`;

/** Escalations and what was done about them. */
export class FlagRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Opens a flag unless one of that kind is already open for the patient
   * (the unique (patient_id, open_key) index decides, also across servers).
   * Returns true when this call opened it.
   */
  async open(row: FlagTable): Promise<boolean> {
    const res = await this.db
      .insertInto('flags')
      .values(row)
      .onConflict((oc) => oc.columns(['patient_id', 'open_key']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  findById(id: string): Promise<Flag | undefined> {
    return this.db.selectFrom('flags').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The clinic's flags, most serious then newest first; optionally only one clinician's patients. */
  listForClinic(
    clinicId: string,
    opts: { clinicianId?: string | undefined; statuses: FlagStatus[]; action?: string; limit: number },
  ): Promise<FlagRow[]> {
    let q = this.db
      .selectFrom('flags')
      .innerJoin('users', 'users.id', 'flags.patient_id')
      .selectAll('flags')
      .select(['users.display_name as patient_name', 'users.clinician_id as clinician_id'])
      .where('flags.clinic_id', '=', clinicId)
      .where('flags.status', 'in', opts.statuses);
    if (opts.clinicianId) q = q.where('users.clinician_id', '=', opts.clinicianId);
    if (opts.action) q = q.where('flags.action', '=', opts.action);
    return q
      .orderBy(SEVERITY_RANK)
      .orderBy('flags.created_at', 'desc')
      .orderBy('flags.id')
      .limit(opts.limit)
      .execute();
  }

  listForPatient(patientId: string, statuses: FlagStatus[]): Promise<Flag[]> {
    return this.db
      .selectFrom('flags')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('status', 'in', statuses)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async setStatus(
    id: string,
    patch: Partial<
      Pick<
        FlagTable,
        | 'status'
        | 'open_key'
        | 'acknowledged_by'
        | 'acknowledged_at'
        | 'resolved_by'
        | 'resolved_at'
        | 'resolution_note'
      >
    > & { updated_at: string },
  ): Promise<void> {
    await this.db.updateTable('flags').set(patch).where('id', '=', id).execute();
  }

  async addEvent(e: {
    id: string;
    flag_id: string;
    actor_id: string | null;
    action: string;
    note: string | null;
    at: string;
  }) {
    await this.db.insertInto('flag_events').values(e).execute();
  }

  events(flagId: string) {
    return this.db
      .selectFrom('flag_events')
      .leftJoin('users', 'users.id', 'flag_events.actor_id')
      .select([
        'flag_events.action',
        'flag_events.note',
        'flag_events.at',
        'users.display_name as actor_name',
      ])
      .where('flag_id', '=', flagId)
      .orderBy('flag_events.at')
      .execute();
  }

  /** Claims one evaluation for one server: true when this call recorded the run. */
  async claimRun(patientId: string, runKey: string, now: string): Promise<boolean> {
    const res = await this.db
      .insertInto('progression_runs')
      .values({ patient_id: patientId, run_key: runKey, created_at: now })
      .onConflict((oc) => oc.columns(['patient_id', 'run_key']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Patients who have a plan: the daily run's worklist. */
  async patientsWithPlans(): Promise<string[]> {
    const rows = await this.db.selectFrom('plan_versions').select('patient_id').distinct().execute();
    return rows.map((r) => r.patient_id);
  }
}
