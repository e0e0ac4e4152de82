import type { Kysely } from 'kysely';

/**
 * Reminders the patient controls: their settings (kinds, channels, daily cap,
 * quiet hours, movement-break hours, snooze, calendar-feed secret), the web
 * push subscriptions of their devices, every reminder made (which is also the
 * in-app inbox), and the app's own VAPID keys.
 *
 * A reminder is made exactly once, however many app servers run the
 * scheduler: (patient, kind, local date, slot) is unique, and the row is
 * written with INSERT … ON CONFLICT DO NOTHING. One server at a time works on
 * a patient (a short lease on the settings row, taken by a conditional
 * update), so the daily cap holds too. Its push is sent by the one server
 * that claims it (push_status pending → sending, a conditional update); its
 * email goes into the outbox under the reminder's own id, so a retry cannot
 * queue it twice. Every step is one statement: no transaction is held open.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reminder_settings')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    // Per kind on/off and, for the once-a-day kinds, the local time (HH:MM).
    .addColumn('checkin_on', 'integer', (c) => c.notNull())
    .addColumn('checkin_time', 'text', (c) => c.notNull())
    .addColumn('stretch_on', 'integer', (c) => c.notNull())
    .addColumn('stretch_time', 'text', (c) => c.notNull())
    .addColumn('session_on', 'integer', (c) => c.notNull())
    .addColumn('session_time', 'text', (c) => c.notNull())
    .addColumn('activity_on', 'integer', (c) => c.notNull())
    .addColumn('activity_time', 'text', (c) => c.notNull())
    .addColumn('breaks_on', 'integer', (c) => c.notNull())
    .addColumn('channel_in_app', 'integer', (c) => c.notNull())
    .addColumn('channel_push', 'integer', (c) => c.notNull())
    .addColumn('channel_email', 'integer', (c) => c.notNull())
    .addColumn('daily_cap', 'integer', (c) => c.notNull())
    // Null: no quiet hours.
    .addColumn('quiet_start', 'text')
    .addColumn('quiet_end', 'text')
    // The patient's own movement-break hours; null follows the plan's break times.
    .addColumn('break_start', 'text')
    .addColumn('break_end', 'text')
    .addColumn('break_days', 'text')
    .addColumn('break_interval', 'integer')
    .addColumn('snooze_until', 'text')
    .addColumn('paused_on', 'text')
    // The secret in the calendar-feed URL (random, 32 bytes); a new one makes the old URL stop working.
    .addColumn('calendar_secret', 'text', (c) => c.notNull().unique())
    // The scheduler's lease on this patient: which server, until when.
    .addColumn('lock_owner', 'text')
    .addColumn('lock_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // One browser, one endpoint: subscribing again (or as another person on that device) moves it.
    .addColumn('endpoint', 'text', (c) => c.notNull().unique())
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('push_subscriptions_patient')
    .on('push_subscriptions')
    .column('patient_id')
    .execute();

  await db.schema
    .createTable('reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // The patient's local date and the slot ("day", or the break time HH:MM).
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    // Shown in the app's inbox (the in-app channel was on when it was made).
    .addColumn('in_app', 'integer', (c) => c.notNull())
    // none | pending | sending | sent | failed
    .addColumn('push_status', 'text', (c) => c.notNull())
    .addColumn('push_error', 'text')
    // none | pending | queued (the outbox row has the reminder's id)
    .addColumn('email_status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('dismissed_at', 'text')
    .addUniqueConstraint('reminders_once', ['patient_id', 'kind', 'local_date', 'slot'])
    .execute();
  await db.schema
    .createIndex('reminders_inbox')
    .on('reminders')
    .columns(['patient_id', 'local_date', 'created_at'])
    .execute();
  await db.schema
    .createIndex('reminders_push')
    .on('reminders')
    .columns(['push_status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('reminders_email')
    .on('reminders')
    .columns(['email_status', 'created_at'])
    .execute();

  // Small named values the app generates once and shares between servers (the VAPID key pair).
  await db.schema
    .createTable('app_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
