import type { Kysely } from 'kysely';

/** Self-check answers a patient saved, with the triage and plan they produced at the time. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('intakes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('triage_level', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('intakes_patient')
    .on('intakes')
    .columns(['patient_id', 'created_at'])
    .execute();
}
