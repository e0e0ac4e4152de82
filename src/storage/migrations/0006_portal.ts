import type { Kysely } from 'kysely';

/**
 * The physical therapist's portal: private clinical notes, clinic plan
 * templates, and the indexes the clinic-wide patient list needs to answer
 * from a few set-based queries (recent sessions and check-ins of a whole
 * clinic by date).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clinical_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('clinical_notes_patient')
    .on('clinical_notes')
    .columns(['patient_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('clinic_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clinic_templates_clinic').on('clinic_templates').column('clinic_id').execute();

  // The patient list reads one clinic's recent sessions and check-ins in one
  // range scan each; the indexes cover every column those queries read.
  await db.schema
    .createIndex('session_logs_clinic_date')
    .on('session_logs')
    .columns(['clinic_id', 'date', 'status', 'kind', 'patient_id'])
    .execute();
  await db.schema
    .createIndex('checkins_clinic_date')
    .on('checkins')
    .columns(['clinic_id', 'date', 'patient_id', 'pain_now'])
    .execute();
  await db.schema
    .createIndex('activity_logs_clinic_date')
    .on('activity_logs')
    .columns(['clinic_id', 'date', 'patient_id'])
    .execute();
  await db.schema
    .createIndex('movement_breaks_clinic_date')
    .on('movement_breaks')
    .columns(['clinic_id', 'date', 'patient_id'])
    .execute();
  // Each patient's current and first plan version without reading the (large) plan text.
  await db.schema
    .createIndex('plan_versions_patient_cover')
    .on('plan_versions')
    .columns(['patient_id', 'version', 'id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('audit_log_subject')
    .on('audit_log')
    .columns(['clinic_id', 'subject_id'])
    .execute();
}
