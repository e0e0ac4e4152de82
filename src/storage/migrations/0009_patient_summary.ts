import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migrate';

/**
 * One row per patient with the figures the PT's patient list sorts and
 * filters by (last activity, 7-day adherence, pain trend, open flags and the
 * most serious one), so the list is one indexed query instead of an
 * aggregation over a year of records.
 *
 * Keeping it true: a patient's row is made at sign-up and follows their name
 * and clinician (trigger on users); every write to the records a figure
 * comes from (sessions, check-ins, activity, movement breaks, flags, plan
 * versions) bumps the patient's `changes` counter in the same statement, by
 * trigger, so a
 * summary can never silently miss a write. The figures were computed from
 * the records as of `computed_changes` and for the clinic's day `as_of`; a
 * row whose counter moved on or whose day has passed is stale and is
 * recomputed (right after the write, by the daily run, or at the latest by
 * the next list read) — see src/storage/repositories/patient-summary.ts.
 *
 * Backfill: a row for every patient, with last activity, open flags and plan
 * computed here, marked stale so the windowed figures (adherence, pain) are
 * computed on the clinic's next read or daily run.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('patient_summaries')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('changes', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('computed_changes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('as_of', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_active_on', 'text')
    .addColumn('adherence_7d', 'double precision')
    .addColumn('pain_recent', 'double precision')
    .addColumn('pain_prior', 'double precision')
    .addColumn('pain_delta', 'double precision')
    .addColumn('pain_trend', 'text')
    .addColumn('open_flags', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flag_rank', 'integer')
    .addColumn('has_plan', 'integer', (c) => c.notNull().defaultTo(0))
    // Copies of the patient's name (lower case, compared byte by byte on both
    // databases) and clinician, kept by trigger, so a page is one index range.
    .addColumn('name_key', 'text', (c) =>
      (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c).notNull().defaultTo(''),
    )
    .addColumn('email_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('clinician_id', 'text')
    // One sort key per order of the list, nulls placed as the list wants them:
    // flags (most serious rank, then most flags), adherence (lowest first, none
    // last), pain (rising most first, none last), last activity (never first).
    .addColumn('sort_flags', 'integer', (c) => c.notNull().defaultTo(9999))
    .addColumn('sort_adherence', 'double precision', (c) => c.notNull().defaultTo(2))
    .addColumn('sort_pain', 'double precision', (c) => c.notNull().defaultTo(99))
    .addColumn('sort_last', 'text', (c) =>
      (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c).notNull().defaultTo(''),
    )
    .addColumn('refreshed_at', 'text')
    .execute();
  // One index per sort of the list, each ending in the tie-breaks (name, id),
  // so a page is read in order without sorting the clinic.
  for (const [name, key] of [
    ['patient_summaries_by_name', null],
    ['patient_summaries_by_flags', 'sort_flags'],
    ['patient_summaries_by_adherence', 'sort_adherence'],
    ['patient_summaries_by_pain', 'sort_pain'],
    ['patient_summaries_by_last', 'sort_last'],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('patient_summaries')
      .columns(['clinic_id', ...(key ? [key] : []), 'name_key', 'patient_id'])
      .execute();
  }
  // Which rows are stale, read from the index alone.
  await db.schema
    .createIndex('patient_summaries_freshness')
    .on('patient_summaries')
    .columns(['clinic_id', 'as_of', 'changes', 'computed_changes', 'patient_id'])
    .execute();

  // Triggers: a write to any source table bumps the patient's counter, in the
  // write's own statement (and so its transaction).
  const sources: { table: string; events: string[] }[] = [
    { table: 'session_logs', events: ['insert', 'update'] },
    { table: 'checkins', events: ['insert', 'update'] },
    { table: 'activity_logs', events: ['insert', 'update'] },
    { table: 'movement_breaks', events: ['insert', 'update'] },
    { table: 'flags', events: ['insert', 'update'] },
    { table: 'plan_versions', events: ['insert'] },
  ];
  // A patient's row exists from sign-up on; a new name or clinician is copied
  // over (and counts as a change).
  if (dialect === 'postgres') {
    await sql`
      create function patient_summary_person() returns trigger language plpgsql as $$
      begin
        insert into patient_summaries (patient_id, clinic_id, name_key, email_key, clinician_id)
          values (new.id, new.clinic_id, lower(new.display_name), lower(new.email), new.clinician_id)
          on conflict (patient_id) do update set name_key = excluded.name_key,
            email_key = excluded.email_key, clinician_id = excluded.clinician_id,
            changes = patient_summaries.changes + 1;
        return null;
      end
      $$`.execute(db);
    await sql`create trigger users_summary after insert or update of display_name, email, clinician_id on users
      for each row when (new.role = 'patient') execute function patient_summary_person()`.execute(db);
  } else {
    await sql`create trigger users_summary_insert after insert on users when new.role = 'patient' begin
        insert or ignore into patient_summaries (patient_id, clinic_id, name_key, email_key, clinician_id)
          values (new.id, new.clinic_id, lower(new.display_name), lower(new.email), new.clinician_id);
      end`.execute(db);
    await sql`create trigger users_summary_update after update of display_name, email, clinician_id on users
      when new.role = 'patient' begin
        insert or ignore into patient_summaries (patient_id, clinic_id) values (new.id, new.clinic_id);
        update patient_summaries set name_key = lower(new.display_name), email_key = lower(new.email),
          clinician_id = new.clinician_id, changes = changes + 1 where patient_id = new.id;
      end`.execute(db);
  }

  if (dialect === 'postgres') {
    await sql`
      create function patient_summary_touch() returns trigger language plpgsql as $$
      begin
        insert into patient_summaries (patient_id, clinic_id) values (new.patient_id, new.clinic_id)
          on conflict (patient_id) do update set changes = patient_summaries.changes + 1;
        return null;
      end
      $$`.execute(db);
    for (const s of sources) {
      await sql
        .raw(
          `create trigger ${s.table}_summary after ${s.events.join(' or ')} on ${s.table} for each row execute function patient_summary_touch()`,
        )
        .execute(db);
    }
  } else {
    for (const s of sources) {
      for (const event of s.events) {
        await sql
          .raw(
            `create trigger ${s.table}_summary_${event} after ${event} on ${s.table} for each row begin
               insert or ignore into patient_summaries (patient_id, clinic_id, changes) values (new.patient_id, new.clinic_id, 0);
               update patient_summaries set changes = changes + 1 where patient_id = new.patient_id;
             end`,
          )
          .execute(db);
      }
    }
  }

  // Backfill.
  const latest = (table: string) => `(select max(x.date) from ${table} x where x.patient_id = u.id)`;
  const lastActive =
    dialect === 'postgres'
      ? `greatest(${['session_logs', 'checkins', 'activity_logs', 'movement_breaks'].map(latest).join(', ')})`
      : `(select max(d) from (${['session_logs', 'checkins', 'activity_logs', 'movement_breaks']
          .map((t) => `select max(x.date) as d from ${t} x where x.patient_id = u.id`)
          .join(' union all ')}))`;
  const openFlags = `from flags f where f.patient_id = u.id and f.action = 'flag' and f.status <> 'resolved'`;
  await sql
    .raw(
      `insert into patient_summaries (patient_id, clinic_id, name_key, email_key, clinician_id, changes, computed_changes, last_active_on, open_flags, flag_rank, has_plan)
       select u.id, u.clinic_id, lower(u.display_name), lower(u.email), u.clinician_id, 1, 0, ${lastActive},
         (select count(*) ${openFlags}),
         (select min(case f.severity when 'emergency' then 0 when 'urgent' then 1 when 'attention' then 2 else 3 end) ${openFlags}),
         case when exists (select 1 from plan_versions p where p.patient_id = u.id) then 1 else 0 end
       from users u where u.role = 'patient'`,
    )
    .execute(db);
}
