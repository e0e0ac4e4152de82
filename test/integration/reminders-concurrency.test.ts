import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { type Context, createContext } from '../../src/context';
import { useTestApp } from '../helpers/app';
import { freshDatabase } from '../helpers/db';
import { denverToday, onlyCheckin, patientWithPlan, putSettings } from '../helpers/reminders';
import { browserKeys, startPushService } from '../helpers/webpush';

/**
 * Two app servers on one database run the scheduler at the same moments,
 * many times over: every reminder is stored once, emailed once and pushed
 * once. (SQLite: two connections to one file; PostgreSQL: two pools.)
 */
describe('the reminder scheduler on several app servers', () => {
  const t = useTestApp();
  let second: Context;
  let push: Awaited<ReturnType<typeof startPushService>>;
  const patients: { id: string; email: string }[] = [];

  beforeAll(async () => {
    push = await startPushService();
    // The second server: its own connection(s) to the same database as the test app.
    const sameDb =
      t.dialect === 'postgres'
        ? {
            databaseUrl: process.env.DATABASE_URL as string,
            pgSchema: await currentSchema(),
            pgPoolSize: 10,
          }
        : { databaseUrl: null, sqliteFile: await currentSqliteFile() };
    second = await createContext(
      loadConfig({
        NODE_ENV: 'test',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'silent',
        PUBLIC_URL: 'http://hipback.test',
      }),
      { db: sameDb },
    );
    const clinicId = (await t.makeClinic('Busy Clinic')).id;
    for (let i = 0; i < 6; i++) {
      const p = await patientWithPlan(t, clinicId);
      // Check-in at 08:00 and their own movement breaks every 20 minutes from 08:00, every day.
      await putSettings(
        p.as,
        onlyCheckin('08:00', {
          kinds: { checkin: true, stretch: false, session: false, activity: false, breaks: true },
          channels: { inApp: true, push: true, email: true },
          breakHours: {
            start: '08:00',
            end: '10:00',
            days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
            intervalMinutes: 20,
          },
        }),
      );
      const sub = await p.as({
        method: 'POST',
        url: '/api/me/push/subscriptions',
        payload: { endpoint: push.url(`/push/p${i}`), keys: browserKeys().json },
      });
      expect(sub.statusCode).toBe(201);
      patients.push({ id: p.user.id, email: p.user.email });
    }
  });
  afterAll(async () => {
    await second?.close();
    await push?.close();
  });

  async function currentSchema(): Promise<string> {
    const { sql } = await import('kysely');
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.database.db);
    return r.rows[0]!.s;
  }
  async function currentSqliteFile(): Promise<string> {
    const { sql } = await import('kysely');
    const r = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(
      t.ctx.database.db,
    );
    return r.rows[0]!.file;
  }

  it('stores, emails and pushes each reminder exactly once while both servers race', async () => {
    // Every five minutes from 08:00 to 09:59, both servers run at once, three times each.
    const servers = [t.ctx.services.reminders, second.services.reminders];
    // Count what the database refused: the servers really raced for the same patients and slots.
    let refused = 0;
    for (const repo of [t.ctx.repos.reminders, second.repos.reminders]) {
      const claim = repo.claimPatient.bind(repo);
      const insert = repo.insertReminder.bind(repo);
      repo.claimPatient = async (...args) => (await claim(...args)) || (refused++, false);
      repo.insertReminder = async (...args) => (await insert(...args)) || (refused++, false);
    }
    let made = 0;
    for (let minute = 0; minute < 120; minute += 5) {
      const now = denverToday(
        `${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
      );
      const results = await Promise.all([...servers, ...servers, ...servers].map((s) => s.runDue(now)));
      made += results.reduce((a, b) => a + b, 0);
    }
    // Per patient: the check-in and five break slots (08:20 … 09:40).
    const expected = patients.length * 6;
    expect(made).toBe(expected);
    expect(refused).toBeGreaterThan(0);
    const { sql } = await import('kysely');
    const rows = await sql<{ patient_id: string; kind: string; slot: string; n: number }>`
      select patient_id, kind, slot, count(*) as n from reminders group by patient_id, kind, slot`.execute(
      t.ctx.database.db,
    );
    expect(rows.rows).toHaveLength(expected);
    for (const r of rows.rows) expect(Number(r.n)).toBe(1);
    for (const p of patients) {
      expect(
        rows.rows
          .filter((r) => r.patient_id === p.id)
          .map((r) => `${r.kind}@${r.slot}`)
          .sort(),
      ).toEqual([
        'breaks@08:20',
        'breaks@08:40',
        'breaks@09:00',
        'breaks@09:20',
        'breaks@09:40',
        'checkin@day',
      ]);
    }
    const mail = await sql<{ to_address: string }>`select to_address from outbox`.execute(t.ctx.database.db);
    expect(mail.rows).toHaveLength(expected);
    expect(push.hits).toHaveLength(expected);
    expect(new Set(push.hits.map((h) => h.body.toString('hex'))).size).toBe(expected);
  });

  it('generates the VAPID key pair once, whichever server asks first', async () => {
    const fresh = await freshDatabase();
    const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
    const a = await createContext(config, { db: fresh.options });
    const b = await createContext(config, { db: fresh.options });
    try {
      const keyOf = (ctx: Context) =>
        (ctx.services.reminders as unknown as { keys(): Promise<{ publicKey: string }> }).keys();
      const keys = await Promise.all([keyOf(a), keyOf(b), keyOf(a), keyOf(b)]);
      expect(new Set(keys.map((k) => k.publicKey)).size).toBe(1);
    } finally {
      await a.close();
      await b.close();
      await fresh.cleanup();
    }
  });
});
