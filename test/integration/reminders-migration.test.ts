import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/storage/db';
import { migrate, migrationFiles } from '../../src/storage/migrate';
import { ReminderRepository } from '../../src/storage/repositories/reminders';
import { freshDatabase } from '../helpers/db';

/**
 * 0012_reminder_weekly_and_retries on a database written before it: the
 * weekly-summary choice kept in app_secrets and a push's retry state kept as
 * JSON in push_error are carried into their own columns, and what belongs to
 * a patient goes when the patient's row goes.
 */
describe('migration 0012: weekly summary and push retries get their own columns', () => {
  let database: Db;
  let cleanup: () => Promise<void> = async () => {};
  let repo: ReminderRepository;
  const created = '2026-11-28T08:00:00.000Z';
  const retryAt = '2026-11-28T08:05:00.000Z';

  beforeAll(async () => {
    const fresh = await freshDatabase();
    cleanup = fresh.cleanup;
    database = openDatabase(fresh.options);
    const db = database.db;
    const before = migrationFiles().filter((f) => f.name < '0012');
    expect(before.length).toBeGreaterThan(0);
    await migrate(db, database.dialect, before);

    // A clinic, two patients with reminder settings, and the values as the code before 0012 kept them.
    await sql`insert into clinics (id, slug, name, primary_color, accent_color, timezone, created_at)
      values ('c1', 'c1', 'Clinic', '#000000', '#ffffff', 'America/Denver', ${created})`.execute(db);
    for (const id of ['p1', 'p2']) {
      await sql`insert into users (id, clinic_id, email, display_name, role, password_hash, timezone, created_at)
        values (${id}, 'c1', ${`${id}@example.test`}, ${id}, 'patient', 'x', 'America/Denver', ${created})`.execute(
        db,
      );
      await sql`insert into reminder_settings (patient_id, clinic_id, checkin_on, checkin_time, stretch_on,
          stretch_time, session_on, session_time, activity_on, activity_time, breaks_on, channel_in_app,
          channel_push, channel_email, daily_cap, calendar_secret, created_at, updated_at)
        values (${id}, 'c1', 1, '08:00', 1, '19:30', 1, '17:30', 1, '12:30', 1, 1, 1, 0, 4,
          ${`secret-${id}`}, ${created}, ${created})`.execute(db);
    }
    await sql`insert into app_secrets (name, value, created_at) values
      ('weekly-summary:p1', '{"on":false,"time":"06:30"}', ${created}),
      ('weekly-summary:no-such-patient', '{"on":true,"time":"10:00"}', ${created}),
      ('vapid-keys', '{"publicKey":"pub","privateKey":"priv"}', ${created})`.execute(db);
    const reminder = (id: string, slot: string, status: string, error: string | null) =>
      sql`insert into reminders (id, clinic_id, patient_id, kind, local_date, slot, title, body, url, in_app,
          push_status, push_error, email_status, created_at)
        values (${id}, 'c1', 'p1', 'checkin', '2026-11-28', ${slot}, 'T', 'B', '/app', 1, ${status}, ${error},
          'none', ${created})`.execute(db);
    await reminder(
      'r-retry',
      'day',
      'pending',
      JSON.stringify({
        retryAt,
        attempt: 1,
        sent: ['sub-a'],
        gaveUp: ['sub-b'],
        error: 'push service answered 503',
      }),
    );
    await reminder('r-new', '09:00', 'pending', null);
    await reminder('r-sent', '10:00', 'sent', 'push service answered 503');

    const after = await migrate(db, database.dialect);
    expect(after.applied).toContain('0012_reminder_weekly_and_retries');
    repo = new ReminderRepository(db);
  });
  afterAll(async () => {
    await database?.close();
    await cleanup();
  });

  it('copies the weekly-summary choice onto the settings row, and the default where none was made', async () => {
    expect(await repo.findSettings('p1')).toMatchObject({ weekly_on: 0, weekly_time: '06:30' });
    expect(await repo.findSettings('p2')).toMatchObject({ weekly_on: 1, weekly_time: '09:00' });
  });

  it('leaves no weekly-summary rows in app_secrets, and keeps the app’s own secrets', async () => {
    const names = await database.db.selectFrom('app_secrets').select('name').orderBy('name').execute();
    expect(names.map((n) => n.name)).toEqual(['vapid-keys']);
  });

  it('splits a waiting retry into its columns and the devices already done', async () => {
    const r = await repo.findReminder('p1', 'r-retry');
    expect(r).toMatchObject({
      push_status: 'pending',
      push_attempts: 1,
      push_next_at: retryAt,
      push_error: 'push service answered 503',
    });
    const outcomes = await repo.pushOutcomes('r-retry');
    expect(outcomes.sort((a, b) => a.subscription_id.localeCompare(b.subscription_id))).toEqual([
      { subscription_id: 'sub-a', outcome: 'sent' },
      { subscription_id: 'sub-b', outcome: 'refused' },
    ]);
    expect(await repo.findReminder('p1', 'r-new')).toMatchObject({
      push_attempts: 0,
      push_next_at: created,
      push_error: null,
    });
    expect(await repo.findReminder('p1', 'r-sent')).toMatchObject({
      push_status: 'sent',
      push_next_at: null,
      push_error: 'push service answered 503',
    });
  });

  it('finds the pushes due now by their next time: a retry only once its wait is over', async () => {
    const ids = async (now: string) => (await repo.pendingPushes(10, now)).map((r) => r.id);
    expect(await ids('2026-11-28T07:59:59.999Z')).toEqual([]);
    expect(await ids('2026-11-28T08:04:59.999Z')).toEqual(['r-new']);
    expect(await ids(retryAt)).toEqual(['r-new', 'r-retry']);
  });

  it('reads the due pushes from the (push_status, push_next_at) index on SQLite', async () => {
    if (database.dialect !== 'sqlite') return;
    const plan = await sql<{ detail: string }>`explain query plan
      select * from reminders where push_status = 'pending' and push_next_at <= ${retryAt}
      order by push_next_at limit 50`.execute(database.db);
    const details = plan.rows.map((r) => r.detail).join('\n');
    expect(details).toContain('reminders_push_due');
    expect(details).not.toContain('TEMP B-TREE');
  });

  it('deleting a patient deletes their reminder settings (weekly choice included), reminders and push outcomes', async () => {
    await database.db.deleteFrom('users').where('id', '=', 'p1').execute();
    expect(await repo.findSettings('p1')).toBeUndefined();
    expect(await repo.findReminder('p1', 'r-retry')).toBeUndefined();
    expect(await repo.pushOutcomes('r-retry')).toEqual([]);
    const left = await database.db.selectFrom('app_secrets').select('name').execute();
    expect(left.some((r) => r.name.includes('p1'))).toBe(false);
    // The other patient's are untouched.
    expect(await repo.findSettings('p2')).toMatchObject({ weekly_on: 1 });
  });
});
