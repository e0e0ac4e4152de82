import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedTimeToUtc } from '../../src/core/booking/slots';
import type { Context } from '../../src/context';
import type { WeeklySummary } from '../../src/core/progress';
import { oneDecimal } from '../../src/core/weekly-summary';
import { type Requester, useTestApp } from '../helpers/app';
import { TZ, patientWithPlan, putSettings, secondServer } from '../helpers/reminders';

/**
 * The weekly summary on a real database: its figures are the Progress
 * page's for the same patient and week, it comes once per week however many
 * servers run the scheduler, and never for a week before the patient began.
 * Time is the test's: Denver, November 2026 (after the change to standard time).
 */
const clock = { t: new Date('2026-11-04T17:00:00Z'), now: () => clock.t };
const at = (date: string, hhmm: string) => {
  const d = zonedTimeToUtc(date, hhmm, TZ);
  if (!d) throw new Error(`no ${hhmm} on ${date}`);
  clock.t = d;
  return d;
};

/** Only the weekly summary on (the daily kinds off), in the app and by email. */
const weeklyOnly = (extra: Record<string, unknown> = {}) => ({
  kinds: { checkin: false, stretch: false, session: false, activity: false, breaks: false, weekly: true },
  times: { checkin: '08:00', stretch: '19:30', session: '17:30', activity: '12:30', weekly: '09:00' },
  channels: { inApp: true, push: false, email: true },
  dailyCap: 10,
  quietHours: { start: '21:30', end: '07:30' },
  breakHours: null,
  ...extra,
});

const id = () => crypto.randomUUID();

async function checkin(as: Requester, date: string, painNow: number) {
  at(date, '07:45');
  const res = await as({
    method: 'POST',
    url: '/api/me/checkins',
    payload: { clientId: id(), painNow, warningSigns: [] },
  });
  expect(res.statusCode, res.body).toBe(201);
}
async function session(as: Requester, date: string, kind: 'stretch' | 'strength') {
  at(date, '18:00');
  const res = await as({
    method: 'PUT',
    url: `/api/me/sessions/${id()}`,
    payload: { kind, status: 'completed', progress: {}, items: [], painDuring: 2, effort: 4 },
  });
  expect(res.statusCode, res.body).toBe(201);
}
async function activity(as: Requester, date: string, minutes: number) {
  at(date, '12:00');
  const res = await as({
    method: 'POST',
    url: '/api/me/activities',
    payload: { clientId: id(), kind: 'walking', minutes },
  });
  expect(res.statusCode, res.body).toBe(201);
}

describe('the weekly summary', () => {
  const t = useTestApp({}, { clock });
  let clinicId: string;
  let p: Awaited<ReturnType<typeof patientWithPlan>>;
  let second: Context;

  beforeAll(async () => {
    clinicId = (await t.makeClinic('Weekly Clinic')).id;
    // Starts on Wednesday 4 November; the week summarised is Monday 9 – Sunday 15 November.
    at('2026-11-04', '10:00');
    p = await patientWithPlan(t, clinicId);
    await putSettings(p.as, weeklyOnly());
    for (const [date, pain] of [
      ['2026-11-05', 6],
      ['2026-11-06', 6],
      ['2026-11-07', 5],
      ['2026-11-09', 4],
      ['2026-11-10', 3],
      ['2026-11-12', 3],
      ['2026-11-14', 4],
    ] as const) {
      await checkin(p.as, date, pain);
    }
    for (const date of ['2026-11-09', '2026-11-10', '2026-11-12', '2026-11-12'])
      await session(p.as, date, 'stretch');
    await session(p.as, '2026-11-11', 'strength');
    await activity(p.as, '2026-11-10', 30);
    await activity(p.as, '2026-11-13', 40);
    // Sunday evening after the week: nothing is due yet (it is not Monday).
    expect(await t.ctx.services.reminders.runDue(at('2026-11-15', '21:00'))).toBe(0);
    second = await secondServer(t);
  });
  afterAll(async () => second?.close());

  const weeklyRows = async (patientId: string) =>
    (await t.ctx.repos.reminders.deliveredOn(patientId, '2026-11-16')).filter((r) => r.kind === 'weekly');

  it('waits for the chosen time on Monday', async () => {
    expect(await t.ctx.services.reminders.runDue(at('2026-11-16', '08:59'))).toBe(0);
    expect(await weeklyRows(p.user.id)).toEqual([]);
  });

  it('is made once on Monday however many servers race, and its figures are the Progress page’s', async () => {
    const now = at('2026-11-16', '09:04');
    const servers = [t.ctx.services.reminders, second.services.reminders];
    const results = await Promise.all([...servers, ...servers, ...servers].map((s) => s.runDue(now)));
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    // Later passes the same day, and the next day, make nothing more.
    expect(await t.ctx.services.reminders.runDue(at('2026-11-16', '15:00'))).toBe(0);
    expect(await second.services.reminders.runDue(at('2026-11-17', '09:30'))).toBe(0);
    const rows = await weeklyRows(p.user.id);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.slot).toBe('2026-11-09');

    // The Progress API for the same patient on the same Monday.
    at('2026-11-16', '09:05');
    const res = await p.as({ method: 'GET', url: '/api/me/progress' });
    expect(res.statusCode).toBe(200);
    const summary = res.json<{ progress: { summary: WeeklySummary } }>().progress.summary;
    expect(summary.weekStart).toBe('2026-11-09');
    expect(summary.weekEnd).toBe('2026-11-15');
    // What was logged, counted by hand: three stretch days (one day twice), 70 minutes,
    // morning pain 3.5 this week against 5.7 (6, 6, 5) the week before.
    expect(summary.sessions.stretch.done).toBe(3);
    expect(summary.sessions.strength.done).toBe(1);
    expect(summary.activity.minutes).toBe(70);
    expect(summary.pain.mean).toBe(3.5);
    expect(summary.pain.previousMean).toBeCloseTo(17 / 3);
    expect(summary.pain.category).toBe('improved');

    const { stretch, strength } = summary.sessions;
    const lines = [
      `Strength sessions: ${strength.done} of ${strength.planned} planned.`,
      `Stretch days: ${stretch.done} of ${stretch.planned} planned.`,
      summary.activity.minutes >= summary.activity.goal
        ? `Activity: ${summary.activity.minutes} minutes, reaching your weekly goal of ${summary.activity.goal}.`
        : `Activity: ${summary.activity.minutes} of your ${summary.activity.goal} goal minutes.`,
      `Morning pain: 3.5 out of 10 on average, down from ${oneDecimal(summary.pain.previousMean!)} the week before.`,
    ];
    expect(row.body.split('\n').slice(0, -1)).toEqual(lines);
    expect(row.title).toBe('Your week, 9–15 November');
    expect(row.url).toBe('/app/progress');

    // In the app ...
    const inbox = (await p.as({ method: 'GET', url: '/api/me/reminders/inbox' })).json().reminders;
    expect(inbox.map((r: { kind: string }) => r.kind)).toEqual(['weekly']);
    // ... and by email, once, with links to Progress and to the settings.
    // (runDue queued it; queueing again on either server adds nothing.)
    expect(await t.ctx.services.reminders.queuePendingEmails()).toBe(0);
    expect(await second.services.reminders.queuePendingEmails()).toBe(0);
    const outbox = (await t.ctx.repos.outbox.recent(100)).filter((m) => m.to_address === p.user.email);
    expect(outbox).toHaveLength(1);
    const queued = await t.ctx.repos.outbox.findById(row.id);
    expect(queued?.to_address).toBe(p.user.email);
    for (const line of lines) expect(queued?.text_body).toContain(line);
    expect(queued?.text_body).toContain('http://hipback.test/app/progress');
    expect(queued?.text_body).toContain('http://hipback.test/app/reminders');
    expect(queued?.html_body).toContain('Stretch days: 3 of');
    // The encouragement line matches the figures: not every planned session was done here.
    expect(queued?.text_body).not.toContain('every session you planned');
    await t.flushMail();
    const mails = t.smtp.received.filter((m) => m.to.includes(p.user.email));
    expect(mails).toHaveLength(1);
    expect(queued?.subject).toBe('Your week, 9–15 November: your weekly summary from Weekly Clinic');
  });

  it('comes again the next Monday for the next week', async () => {
    expect(await t.ctx.services.reminders.runDue(at('2026-11-23', '09:10'))).toBeGreaterThanOrEqual(1);
    const next = (await t.ctx.repos.reminders.deliveredOn(p.user.id, '2026-11-23')).filter(
      (r) => r.kind === 'weekly',
    );
    expect(next.map((r) => r.slot)).toEqual(['2026-11-16']);
  });

  it('sends no email when email reminders are off, and nothing when the summary is switched off', async () => {
    at('2026-11-04', '10:00');
    const inAppOnly = await patientWithPlan(t, clinicId);
    await putSettings(inAppOnly.as, weeklyOnly({ channels: { inApp: true, push: false, email: false } }));
    const off = await patientWithPlan(t, clinicId);
    await putSettings(off.as, weeklyOnly({ kinds: { ...weeklyOnly().kinds, weekly: false } }));
    // Leaving `weekly` out of a later save keeps it as it was.
    const { kinds, times, ...rest } = weeklyOnly();
    const { weekly: _k, ...dailyKinds } = kinds;
    const { weekly: _t, ...dailyTimes } = times;
    const kept = await putSettings(off.as, { ...rest, kinds: dailyKinds, times: dailyTimes });
    expect((kept.kinds as Record<string, boolean>).weekly).toBe(false);
    // Kept on the patient's settings row (which goes with the patient), not in app_secrets.
    expect(await t.ctx.repos.reminders.findSettings(off.user.id)).toMatchObject({
      weekly_on: 0,
      weekly_time: '09:00',
    });
    const secrets = await t.ctx.database.db.selectFrom('app_secrets').select('name').execute();
    expect(secrets.filter((s) => s.name.startsWith('weekly-summary:'))).toEqual([]);

    await t.ctx.services.reminders.runDue(at('2026-11-30', '09:30'));
    const rowsOf = async (who: string) =>
      (await t.ctx.repos.reminders.deliveredOn(who, '2026-11-30')).filter((r) => r.kind === 'weekly');
    const [inApp] = await rowsOf(inAppOnly.user.id);
    expect(inApp?.email_status).toBe('none');
    expect(inApp?.in_app).toBe(1);
    expect(await rowsOf(off.user.id)).toEqual([]);
  });

  it('makes no summary of a week that ended before the patient started, nor for someone without a plan', async () => {
    at('2026-12-07', '08:00');
    const fresh = await patientWithPlan(t, clinicId);
    await putSettings(fresh.as, weeklyOnly());
    const noPlan = await t.makeUser(clinicId, 'patient', { timezone: TZ });
    await t.ctx.services.reminders.runDue(at('2026-12-07', '10:00'));
    const weekly = async (who: string) =>
      (await t.ctx.repos.reminders.deliveredOn(who, '2026-12-07')).filter((r) => r.kind === 'weekly');
    expect(await weekly(fresh.user.id)).toEqual([]);
    expect(await weekly(noPlan.id)).toEqual([]);
    // Their first full week is summarised the Monday after.
    await t.ctx.services.reminders.runDue(at('2026-12-14', '09:00'));
    const next = (await t.ctx.repos.reminders.deliveredOn(fresh.user.id, '2026-12-14')).filter(
      (r) => r.kind === 'weekly',
    );
    expect(next.map((r) => r.slot)).toEqual(['2026-12-07']);
  });

  it('holds the summary through quiet hours that cover the chosen time', async () => {
    at('2026-11-04', '10:00');
    const late = await patientWithPlan(t, clinicId);
    await putSettings(
      late.as,
      weeklyOnly({
        times: { ...weeklyOnly().times, weekly: '06:00' },
        quietHours: { start: '22:00', end: '07:00' },
      }),
    );
    const weekly = async () =>
      (await t.ctx.repos.reminders.deliveredOn(late.user.id, '2026-12-21')).filter(
        (r) => r.kind === 'weekly',
      );
    await t.ctx.services.reminders.runForPatient(late.user.id, at('2026-12-21', '06:30'));
    expect(await weekly()).toEqual([]);
    await t.ctx.services.reminders.runForPatient(late.user.id, at('2026-12-21', '07:00'));
    expect((await weekly()).map((r) => r.slot)).toEqual(['2026-12-14']);
  });
});
