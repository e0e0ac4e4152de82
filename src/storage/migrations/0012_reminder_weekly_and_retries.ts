import { type Kysely, sql } from 'kysely';

/**
 * Columns for two things that were first kept in existing columns:
 *
 * - The weekly summary's on/off and Monday time move onto the patient's
 *   `reminder_settings` row (they were `app_secrets` rows named
 *   `weekly-summary:<patient id>`, which outlived the patient). The defaults
 *   are the product defaults of `DEFAULT_WEEKLY_SETTINGS` (on, 09:00).
 * - A push's retry state gets its own columns: `push_attempts` (attempts
 *   made) and `push_next_at` (when a pending push is next due: its creation
 *   time for a new one, the backoff's end for a retry; null when nothing is
 *   pending), so "pending pushes due now" is one range of the index
 *   `(push_status, push_next_at)`. `push_error` keeps only the last error, in
 *   words. The devices that already have a push, or refused it for good, are
 *   rows of `reminder_push_outcomes`, so a retry never sends to them again.
 *
 * Existing values are carried over: each weekly preference is copied onto the
 * settings row and its `app_secrets` row deleted; each pending push's retry
 * JSON (`{"retryAt","attempt","sent","gaveUp","error"}`) is split into the
 * new columns and outcome rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('reminder_settings')
    .addColumn('weekly_on', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('reminder_settings')
    .addColumn('weekly_time', 'text', (c) => c.notNull().defaultTo('09:00'))
    .execute();

  await db.schema
    .alterTable('reminders')
    .addColumn('push_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('reminders').addColumn('push_next_at', 'text').execute();
  // The old queue index ordered pending pushes by creation; due ones are now a range of push_next_at.
  await db.schema.dropIndex('reminders_push').execute();
  await db.schema
    .createIndex('reminders_push_due')
    .on('reminders')
    .columns(['push_status', 'push_next_at'])
    .execute();

  await db.schema
    .createTable('reminder_push_outcomes')
    .addColumn('reminder_id', 'text', (c) => c.notNull().references('reminders.id').onDelete('cascade'))
    // The device (push_subscriptions.id); no foreign key, as a device that is gone needs no row kept for it.
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    // sent | refused (a 4xx or an endpoint refused for good: not tried again)
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_push_outcomes_pk', ['reminder_id', 'subscription_id'])
    .execute();

  // Weekly-summary preferences: onto the settings row, then out of app_secrets.
  const weekly = await sql<{ name: string; value: string }>`
    select name, value from app_secrets where name like 'weekly-summary:%'`.execute(db);
  for (const row of weekly.rows) {
    const patientId = row.name.slice('weekly-summary:'.length);
    const stored = parseJson(row.value) as { on?: unknown; time?: unknown } | null;
    const on = typeof stored?.on === 'boolean' ? stored.on : true;
    const time =
      typeof stored?.time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(stored.time)
        ? stored.time
        : '09:00';
    await sql`update reminder_settings set weekly_on = ${on ? 1 : 0}, weekly_time = ${time}
      where patient_id = ${patientId}`.execute(db);
  }
  await sql`delete from app_secrets where name like 'weekly-summary:%'`.execute(db);

  // Pending pushes: due at creation, or when their retry state says.
  await sql`update reminders set push_next_at = created_at where push_status = 'pending'`.execute(db);
  const retrying = await sql<{ id: string; push_error: string; created_at: string }>`
    select id, push_error, created_at from reminders
    where push_status = 'pending' and push_error like '{"retryAt":%'`.execute(db);
  for (const r of retrying.rows) {
    const state = parseJson(r.push_error) as {
      retryAt?: unknown;
      attempt?: unknown;
      sent?: unknown;
      gaveUp?: unknown;
      error?: unknown;
    } | null;
    const retryAt = typeof state?.retryAt === 'string' ? state.retryAt : r.created_at;
    const attempts = typeof state?.attempt === 'number' ? state.attempt : 1;
    const error = typeof state?.error === 'string' && state.error !== '' ? state.error : null;
    await sql`update reminders set push_next_at = ${retryAt}, push_attempts = ${attempts}, push_error = ${error}
      where id = ${r.id}`.execute(db);
    for (const [outcome, ids] of [
      ['sent', state?.sent],
      ['refused', state?.gaveUp],
    ] as const) {
      for (const subscriptionId of Array.isArray(ids) ? ids : []) {
        if (typeof subscriptionId !== 'string') continue;
        await sql`insert into reminder_push_outcomes (reminder_id, subscription_id, outcome, created_at)
          values (${r.id}, ${subscriptionId}, ${outcome}, ${r.created_at})
          on conflict do nothing`.execute(db);
      }
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
