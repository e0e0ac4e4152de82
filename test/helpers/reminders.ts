import { expect } from 'vitest';
import { loadConfig } from '../../src/config';
import { type Context, createContext } from '../../src/context';
import { zonedTimeToUtc } from '../../src/core/booking/slots';
import type { PushRequest, ReminderService } from '../../src/services/reminders';
import { localDate } from '../../src/services/selfcheck';
import type { Requester, TestApp } from './app';
import { INTAKE } from './fixtures';

export { INTAKE };

export const TZ = 'America/Denver';

/** Today's date in Denver at a given wall time: the records the API writes (real clock) fall on this date. */
export function denverToday(hhmm: string): Date {
  const date = localDate(new Date(), TZ);
  const at = zonedTimeToUtc(date, hhmm, TZ);
  if (!at) throw new Error(`no ${hhmm} on ${date}`);
  return at;
}

/** Settings with only the morning check-in on, at `time`, shown in the app; no quiet hours. */
export function onlyCheckin(time = '08:00', extra: Record<string, unknown> = {}) {
  return {
    kinds: { checkin: true, stretch: false, session: false, activity: false, breaks: false },
    times: { checkin: time, stretch: '19:30', session: '17:30', activity: '12:30' },
    channels: { inApp: true, push: false, email: false },
    dailyCap: 10,
    quietHours: null,
    breakHours: null,
    ...extra,
  };
}

/** A patient (logged in) who has taken the self-check, so they have a plan. */
export async function patientWithPlan(t: TestApp, clinicId: string, clinicianId: string | null = null) {
  const user = await t.makeUser(clinicId, 'patient', { clinician_id: clinicianId, timezone: TZ });
  const as: Requester = t.as(await t.login(user.email));
  const res = await as({ method: 'POST', url: '/api/me/intake', payload: INTAKE });
  expect(res.statusCode).toBe(201);
  return { user, as };
}

export async function putSettings(as: Requester, body: object) {
  const res = await as({ method: 'PUT', url: '/api/me/reminders/settings', payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ settings: Record<string, unknown> & { calendarUrl: string } }>().settings;
}

/**
 * An address the push-endpoint policy takes as public. Tests resolve their
 * made-up push hosts (*.example.test) to it; `guardPushNetwork` makes sure no
 * request to it ever leaves the machine.
 */
export const PUBLIC_TEST_ADDRESS = '93.184.216.34';

/**
 * Answers DNS for the reminder service without asking real DNS: names in
 * `answers`, then any *.example.test name → PUBLIC_TEST_ADDRESS, anything
 * else "not found". Pushes to PUBLIC_TEST_ADDRESS are recorded and answered
 * with `status` instead of being sent; loopback pushes go to the real
 * transport (the local receiver). Returns the recorded requests.
 */
export function guardPushNetwork(
  service: ReminderService,
  answers: Record<string, string[]> = {},
  status: (endpoint: string) => number = () => 201,
) {
  const recorded: PushRequest[] = [];
  service.resolveHost = async (host) => {
    const known = answers[host];
    if (known) return known;
    if (host.endsWith('.example.test')) return [PUBLIC_TEST_ADDRESS];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  };
  const real = service.push;
  service.push = async (req) => {
    const url = new URL(req.endpoint);
    if (req.address === null && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return real(req);
    // Anything else would leave this machine: record it and answer as a push service would.
    recorded.push(req);
    return status(req.endpoint);
  };
  return recorded;
}

/** A second app server on the test app's database (SQLite: another connection to the file; PostgreSQL: another pool). */
export async function secondServer(t: TestApp): Promise<Context> {
  const { sql } = await import('kysely');
  let db: NonNullable<Parameters<typeof createContext>[1]>['db'];
  if (t.dialect === 'postgres') {
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.database.db);
    db = { databaseUrl: process.env.DATABASE_URL as string, pgSchema: r.rows[0]!.s, pgPoolSize: 10 };
  } else {
    const r = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(
      t.ctx.database.db,
    );
    db = { databaseUrl: null, sqliteFile: r.rows[0]!.file };
  }
  return createContext(
    loadConfig({
      NODE_ENV: 'test',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'http://hipback.test',
    }),
    { db },
  );
}
