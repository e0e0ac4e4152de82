import type { Kysely } from 'kysely';

/**
 * The plan that adapts: escalations (flags for the PT, notices for the
 * patient), the actions taken on them, the engine's state alongside each plan
 * version, and a run table that lets one server claim each evaluation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('plan_versions').addColumn('state', 'text').execute();
  await db.schema.alterTable('plan_versions').addColumn('changes', 'text').execute();

  await db.schema
    .createTable('flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** nudge | reviewSuggested (the patient's) or flag (the PT's queue). */
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('patient_message', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('triage_level', 'text')
    /** Equal to kind while the flag is open; null once resolved, so a kind can be open once per patient. */
    .addColumn('open_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    .addColumn('resolution_note', 'text')
    .addUniqueConstraint('flags_one_open_per_kind', ['patient_id', 'open_key'])
    .execute();
  await db.schema
    .createIndex('flags_clinic_status')
    .on('flags')
    .columns(['clinic_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('flag_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('flag_id', 'text', (c) => c.notNull().references('flags.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('flag_events_flag').on('flag_events').column('flag_id').execute();

  await db.schema
    .createTable('progression_runs')
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** What the run covers: the day and a fingerprint of the data it saw. */
    .addColumn('run_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('progression_runs_pk', ['patient_id', 'run_key'])
    .execute();
}
