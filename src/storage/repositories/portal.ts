import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { DialectName } from '../db';
import type {
  ClinicTemplate,
  ClinicTemplateTable,
  ClinicalNote,
  ClinicalNoteTable,
  Database,
} from '../schema';

/**
 * The PT portal's reads and its own tables (clinical notes, templates).
 * The patient list is built from a handful of set-based queries, each one
 * answering for the whole clinic at once (no query per patient).
 */
export class PortalRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  // Patient list ------------------------------------------------------------

  /**
   * Per patient, between two dates: the latest day with a session, activity
   * or movement break, and the distinct days with a completed stretch and
   * strength session. `scope` is a whole clinic (range scans of
   * (clinic_id, date, …) indexes that cover every column read) or a page of
   * patient ids (ranges of each patient's (patient_id, date) index).
   */
  async recentFigures(
    scope: { clinicId: string } | { ids: readonly string[] },
    from: string,
    to: string,
  ): Promise<Map<string, { last: string; stretch: number; strength: number }>> {
    const out = new Map<string, { last: string; stretch: number; strength: number }>();
    const add = (patientId: string, last: string, stretch = 0, strength = 0) => {
      const cur = out.get(patientId);
      if (!cur) out.set(patientId, { last, stretch, strength });
      else {
        if (last > cur.last) cur.last = last;
        cur.stretch += stretch;
        cur.strength += strength;
      }
    };
    for (const where of this.scopes(scope)) {
      // Distinct (patient, kind, day) first, then counted per patient: cheaper than count(distinct …).
      const days = this.db
        .selectFrom('session_logs')
        .select(['patient_id', 'kind', 'date'])
        .select(sql<number>`max(case when status = 'completed' then 1 else 0 end)`.as('done'))
        .where(where)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .groupBy(['patient_id', 'kind', 'date'])
        .as('d');
      const [sessions, activity, breaks] = await Promise.all([
        this.db
          .selectFrom(days)
          .select('d.patient_id')
          .select([
            sql<string>`max(d.date)`.as('last'),
            sql<number>`sum(case when d.done = 1 and d.kind = 'stretch' then 1 else 0 end)`.as('stretch'),
            sql<number>`sum(case when d.done = 1 and d.kind = 'strength' then 1 else 0 end)`.as('strength'),
          ])
          .groupBy('d.patient_id')
          .execute(),
        this.lastDates('activity_logs', where, from, to),
        this.lastDates('movement_breaks', where, from, to),
      ]);
      for (const r of sessions) add(r.patient_id, r.last, Number(r.stretch), Number(r.strength));
      for (const r of [...activity, ...breaks]) add(r.patient_id, r.last);
    }
    return out;
  }

  /** A clinic, or chunks of patient ids, as where-clauses. */
  private scopes(scope: { clinicId: string } | { ids: readonly string[] }) {
    type Where = (
      eb: ExpressionBuilder<Database, 'session_logs' | 'checkins' | 'activity_logs' | 'movement_breaks'>,
    ) => Expression<SqlBool>;
    if ('clinicId' in scope) return [((eb) => eb('clinic_id', '=', scope.clinicId)) as Where];
    const out: Where[] = [];
    for (let i = 0; i < scope.ids.length; i += 500) {
      const chunk = scope.ids.slice(i, i + 500);
      out.push((eb) => eb('patient_id', 'in', chunk));
    }
    return out;
  }

  private lastDates(
    table: 'activity_logs' | 'movement_breaks',
    where: (
      eb: ExpressionBuilder<Database, 'session_logs' | 'checkins' | 'activity_logs' | 'movement_breaks'>,
    ) => Expression<SqlBool>,
    from: string,
    to: string,
  ): Promise<{ patient_id: string; last: string }[]> {
    return this.db
      .selectFrom(table)
      .select('patient_id')
      .select(sql<string>`max(date)`.as('last'))
      .where(where as never)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .groupBy('patient_id')
      .execute();
  }

  /**
   * The latest day with any record, for patients with nothing recent (the
   * list asks only for those): one entry of each (patient_id, date) index
   * per patient, newest first.
   */
  async lastActiveOn(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      if (chunk.length === 0) continue;
      const rows = await this.db
        .selectFrom('users as u')
        .select('u.id')
        .select((eb) => [
          eb
            .selectFrom('session_logs as s')
            .select('s.date')
            .whereRef('s.patient_id', '=', 'u.id')
            .orderBy('s.date', 'desc')
            .limit(1)
            .as('a'),
          eb
            .selectFrom('checkins as k')
            .select('k.date')
            .whereRef('k.patient_id', '=', 'u.id')
            .orderBy('k.date', 'desc')
            .limit(1)
            .as('b'),
          eb
            .selectFrom('activity_logs as l')
            .select('l.date')
            .whereRef('l.patient_id', '=', 'u.id')
            .orderBy('l.date', 'desc')
            .limit(1)
            .as('c'),
          eb
            .selectFrom('movement_breaks as m')
            .select('m.date')
            .whereRef('m.patient_id', '=', 'u.id')
            .orderBy('m.date', 'desc')
            .limit(1)
            .as('d'),
        ])
        .where('u.id', 'in', chunk)
        .execute();
      for (const r of rows) {
        const last = [r.a, r.b, r.c, r.d]
          .filter((x): x is string => x !== null)
          .sort()
          .at(-1);
        if (last) out.set(r.id, last);
      }
    }
    return out;
  }

  /** Mean morning pain per patient in two adjacent windows, [from, mid) and [mid, to], and their latest check-in day in them. */
  async painWindows(
    scope: { clinicId: string } | { ids: readonly string[] },
    from: string,
    mid: string,
    to: string,
  ): Promise<{ patient_id: string; prior: number | null; recent: number | null; last: string }[]> {
    const out: { patient_id: string; prior: number | null; recent: number | null; last: string }[] = [];
    const num = (v: string | number | null) => (v === null ? null : Number(v));
    for (const where of this.scopes(scope)) {
      const rows = await this.db
        .selectFrom('checkins')
        .select('patient_id')
        .select([
          sql<string | number | null>`avg(case when date < ${mid} then pain_now end)`.as('prior'),
          sql<string | number | null>`avg(case when date >= ${mid} then pain_now end)`.as('recent'),
          sql<string>`max(date)`.as('last'),
        ])
        .where(where as never)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .groupBy('patient_id')
        .execute();
      for (const r of rows)
        out.push({ patient_id: r.patient_id, prior: num(r.prior), recent: num(r.recent), last: r.last });
    }
    return out;
  }

  async openFlagCount(patientId: string): Promise<number> {
    const row = await this.db
      .selectFrom('flags')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('patient_id', '=', patientId)
      .where('action', '=', 'flag')
      .where('status', '!=', 'resolved')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Flags raised per day (YYYY-MM-DD) since a date. */
  async flagsPerDay(clinicId: string, since: string): Promise<{ day: string; n: number }[]> {
    const rows = await this.db
      .selectFrom('flags')
      .select(sql<string>`substr(created_at, 1, 10)`.as('day'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('clinic_id', '=', clinicId)
      .where('action', '=', 'flag')
      .where('created_at', '>=', since)
      .groupBy(sql`substr(created_at, 1, 10)`)
      .execute();
    return rows.map((r) => ({ day: r.day, n: Number(r.n) }));
  }

  /** Plan JSON of the given versions (for the ones the service has not parsed yet). */
  async plansById(ids: readonly string[]): Promise<{ id: string; plan: string }[]> {
    const out: { id: string; plan: string }[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      if (chunk.length === 0) continue;
      out.push(
        ...(await this.db
          .selectFrom('plan_versions')
          .select(['id', 'plan'])
          .where('id', 'in', chunk)
          .execute()),
      );
    }
    return out;
  }

  /** Each patient's first plan (its baseline), for the clinic's outcomes. */
  async firstPlans(
    clinicId: string,
  ): Promise<{ patient_id: string; clinician_id: string | null; plan: string; created_at: string }[]> {
    return this.db
      .selectFrom('plan_versions as p')
      .innerJoin('users as u', 'u.id', 'p.patient_id')
      .select(['p.patient_id', 'u.clinician_id', 'p.plan', 'p.created_at'])
      .where('p.clinic_id', '=', clinicId)
      .where('p.version', '=', 1)
      .execute();
  }

  /**
   * Mean morning pain per patient between `fromDays` and `toDays` days after
   * their first plan (the "6 weeks" outcome window).
   */
  async painAfterStart(
    clinicId: string,
    fromDays: number,
    toDays: number,
  ): Promise<{ patient_id: string; pain: number; n: number }[]> {
    const day = (offset: number) =>
      this.dialect === 'postgres'
        ? sql`to_char(substr(p.created_at, 1, 10)::date + ${sql.lit(offset)}, 'YYYY-MM-DD')`
        : sql`date(substr(p.created_at, 1, 10), ${sql.lit(`+${offset} days`)})`;
    const rows = await this.db
      .selectFrom('checkins as c')
      .innerJoin('plan_versions as p', (j) =>
        j.onRef('p.patient_id', '=', 'c.patient_id').on('p.version', '=', 1),
      )
      .select('c.patient_id')
      .select([sql<string | number>`avg(c.pain_now)`.as('pain'), sql<string | number>`count(*)`.as('n')])
      .where('c.clinic_id', '=', clinicId)
      .where(sql<boolean>`c.date >= ${day(fromDays)}`)
      .where(sql<boolean>`c.date <= ${day(toDays)}`)
      .groupBy('c.patient_id')
      .execute();
    return rows.map((r) => ({ patient_id: r.patient_id, pain: Number(r.pain), n: Number(r.n) }));
  }

  // Notes -------------------------------------------------------------------

  async insertNote(note: ClinicalNoteTable): Promise<void> {
    await this.db.insertInto('clinical_notes').values(note).execute();
  }

  notesFor(patientId: string) {
    return this.db
      .selectFrom('clinical_notes as n')
      .leftJoin('users as a', 'a.id', 'n.author_id')
      .selectAll('n')
      .select('a.display_name as author_name')
      .where('n.patient_id', '=', patientId)
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id')
      .execute();
  }

  findNote(id: string): Promise<(ClinicalNote & { author_name: string | null }) | undefined> {
    return this.db
      .selectFrom('clinical_notes as n')
      .leftJoin('users as a', 'a.id', 'n.author_id')
      .selectAll('n')
      .select('a.display_name as author_name')
      .where('n.id', '=', id)
      .executeTakeFirst();
  }

  // Templates ---------------------------------------------------------------

  async insertTemplate(t: ClinicTemplateTable): Promise<void> {
    await this.db.insertInto('clinic_templates').values(t).execute();
  }

  templates(clinicId: string): Promise<ClinicTemplate[]> {
    return this.db
      .selectFrom('clinic_templates')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .orderBy('name')
      .orderBy('id')
      .execute();
  }

  findTemplate(id: string): Promise<ClinicTemplate | undefined> {
    return this.db.selectFrom('clinic_templates').selectAll().where('id', '=', id).executeTakeFirst();
  }

  // Patient detail ----------------------------------------------------------

  /** Minutes of activity per ISO week start (Monday), from a date on. */
  async activityByDay(patientId: string, from: string): Promise<{ date: string; minutes: number }[]> {
    const rows = await this.db
      .selectFrom('activity_logs')
      .select('date')
      .select((eb) => eb.fn.sum<number>('minutes').as('minutes'))
      .where('patient_id', '=', patientId)
      .where('date', '>=', from)
      .groupBy('date')
      .orderBy('date')
      .execute();
    return rows.map((r) => ({ date: r.date, minutes: Number(r.minutes) }));
  }

  recentSessions(patientId: string, limit: number) {
    return this.db
      .selectFrom('session_logs')
      .select(['client_id', 'date', 'kind', 'status', 'pain_during', 'effort', 'items', 'plan_version'])
      .where('patient_id', '=', patientId)
      .orderBy('date', 'desc')
      .orderBy('started_at', 'desc')
      .limit(limit)
      .execute();
  }

  /** Staff names by id (plan authors, note authors). */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', 'in', unique)
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  // Audit -------------------------------------------------------------------

  auditList(
    clinicId: string,
    opts: { limit: number; subjectId?: string | undefined; action?: string | undefined },
  ) {
    let q = this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .select([
        'audit_log.id',
        'audit_log.action',
        'audit_log.subject_type',
        'audit_log.subject_id',
        'audit_log.detail',
        'audit_log.at',
        'audit_log.actor_id',
        'users.display_name as actor_name',
      ])
      .where('audit_log.clinic_id', '=', clinicId);
    if (opts.subjectId) q = q.where('audit_log.subject_id', '=', opts.subjectId);
    if (opts.action) q = q.where('audit_log.action', '=', opts.action);
    return q.orderBy('audit_log.id', 'desc').limit(opts.limit).execute();
  }
}
