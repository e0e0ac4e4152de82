import type { Kysely } from 'kysely';

/**
 * Functional activities over time: the patient re-rates the everyday
 * activities they named (putting on socks, a walk to the shops…) from 0 to
 * 10, now and then. One row per rating, holding every activity rated then as
 * JSON. Like the other patient-day writes, each carries a client-made id,
 * unique per patient, so a retry or a second offline sync is stored once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('functional_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('ratings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('functional_ratings_patient_client', ['patient_id', 'client_id'])
    .execute();
  await db.schema
    .createIndex('functional_ratings_patient_date')
    .on('functional_ratings')
    .columns(['patient_id', 'date'])
    .execute();
}
