import { expect } from 'vitest';
import { zonedTimeToUtc } from '../../src/core/booking/slots';
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
