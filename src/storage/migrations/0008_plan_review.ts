import type { Kysely } from 'kysely';

/**
 * Clinic control over the adaptive plan: each clinic's threshold overrides
 * (inside the core's bounds), a PT's approve / undo of each automatic change,
 * and the engine's suggestions for locked items, kept until a PT applies or
 * dismisses them or the engine stops suggesting them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clinic_thresholds')
    .addColumn('clinic_id', 'text', (c) => c.primaryKey().references('clinics.id'))
    /** Partial<ProgressionThresholds> as JSON: only the values the clinic changed. */
    .addColumn('overrides', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plan_change_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** The plan version the automatic change made, and the item it changed. */
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    /** approve | undo */
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('note', 'text')
    /** The plan version an undo created. */
    .addColumn('result_version', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_change_reviews_once', ['patient_id', 'plan_version', 'item_id', 'action'])
    .execute();

  await db.schema
    .createTable('plan_suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    /** The PlanChange the engine would have made (JSON). */
    .addColumn('change', 'text', (c) => c.notNull())
    /** The plan version the suggestion was computed on. */
    .addColumn('based_on_version', 'integer', (c) => c.notNull())
    /** open | applied | dismissed | expired */
    .addColumn('status', 'text', (c) => c.notNull())
    /** Equal to item_id while open, null after: one open suggestion per item. */
    .addColumn('open_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('result_version', 'integer')
    .addUniqueConstraint('plan_suggestions_one_open', ['patient_id', 'open_key'])
    .execute();
  await db.schema
    .createIndex('plan_suggestions_patient')
    .on('plan_suggestions')
    .columns(['patient_id', 'status'])
    .execute();
}
