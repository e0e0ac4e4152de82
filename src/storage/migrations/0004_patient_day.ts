import type { Kysely } from 'kysely';

/**
 * The patient's day: their plan and its history, guided sessions, morning
 * check-ins, activity and movement breaks. Every write from a client carries
 * a client-made id, unique per patient, so a retry or a second sync of the
 * same offline write is stored once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plan_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_versions_patient_version', ['patient_id', 'version'])
    .execute();

  await db.schema
    .createTable('session_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('plan_version', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('pain_during', 'integer')
    .addColumn('effort', 'integer')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addUniqueConstraint('session_logs_patient_client', ['patient_id', 'client_id'])
    .execute();
  await db.schema
    .createIndex('session_logs_patient_date')
    .on('session_logs')
    .columns(['patient_id', 'date'])
    .execute();

  await db.schema
    .createTable('checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('pain_now', 'integer', (c) => c.notNull())
    .addColumn('stiffness', 'integer')
    .addColumn('sleep', 'text')
    .addColumn('warning_signs', 'text', (c) => c.notNull())
    .addColumn('triage_level', 'text', (c) => c.notNull())
    .addColumn('triage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('checkins_patient_client', ['patient_id', 'client_id'])
    .execute();
  await db.schema
    .createIndex('checkins_patient_date')
    .on('checkins')
    .columns(['patient_id', 'date'])
    .execute();

  await db.schema
    .createTable('activity_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('effort', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('activity_logs_patient_client', ['patient_id', 'client_id'])
    .execute();
  await db.schema
    .createIndex('activity_logs_patient_date')
    .on('activity_logs')
    .columns(['patient_id', 'date'])
    .execute();

  await db.schema
    .createTable('movement_breaks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('exercise', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('movement_breaks_patient_client', ['patient_id', 'client_id'])
    .execute();
  await db.schema
    .createIndex('movement_breaks_patient_date')
    .on('movement_breaks')
    .columns(['patient_id', 'date'])
    .execute();
}
