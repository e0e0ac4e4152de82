import ICAL from 'ical.js';
import type { TestApp } from './app';
import type { User } from '../../src/storage/schema';

/** Weekdays 09:00–12:00, both consultation types. */
export const WEEKDAY_MORNINGS = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  start: '09:00',
  end: '12:00',
  types: ['discovery-visit', 'phone-call'],
}));

/** Freezes the booking service's clock (the mail outbox keeps the real one). */
export function freezeBookingClock(t: TestApp, at: string | Date) {
  const d = typeof at === 'string' ? new Date(at) : at;
  t.ctx.services.booking.clock = { now: () => d };
}

export async function setAvailability(t: TestApp, clinician: User, windows = WEEKDAY_MORNINGS) {
  const cookie = await t.login(clinician.email);
  const res = await t.as(cookie)({ method: 'PUT', url: '/api/clinic/availability', payload: { windows } });
  if (res.statusCode !== 200) throw new Error(`availability: ${res.statusCode} ${res.body}`);
  return cookie;
}

export function bookingBody(start: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'discovery-visit',
    start,
    name: 'Ada Visitor',
    email: 'ada@example.test',
    phone: '+1 303 555 0100',
    reason: 'My right hip and lower back ache after sitting.',
    contactPreference: 'email',
    consent: true,
    website: '',
    ...extra,
  };
}

export async function book(t: TestApp, start: string, extra: Record<string, unknown> = {}) {
  return t.ctx.app.inject({
    method: 'POST',
    url: '/api/consultations/bookings',
    payload: bookingBody(start, extra),
  });
}

export async function slotStarts(t: TestApp, type = 'discovery-visit', from?: string): Promise<string[]> {
  const res = await t.ctx.app.inject({
    method: 'GET',
    url: `/api/consultations/slots?type=${type}${from ? `&from=${from}` : ''}`,
  });
  if (res.statusCode !== 200) throw new Error(`slots: ${res.statusCode} ${res.body}`);
  return res
    .json<{ days: { slots: { start: string }[] }[] }>()
    .days.flatMap((d) => d.slots.map((s) => s.start));
}

/** The text/calendar part of a raw MIME message (as received by the test SMTP server), decoded. */
export function calendarPart(raw: string): string {
  const idx = raw.search(/Content-Type: text\/calendar/i);
  if (idx < 0) throw new Error('no text/calendar part');
  const rest = raw.slice(idx);
  const headerEnd = rest.search(/\r?\n\r?\n/);
  const headers = rest.slice(0, headerEnd);
  const bodyStart = rest.slice(headerEnd).replace(/^\r?\n\r?\n/, '');
  const body = bodyStart.split(/\r?\n--/)[0] ?? '';
  const enc = /Content-Transfer-Encoding:\s*(\S+)/i.exec(headers)?.[1]?.toLowerCase();
  // The SMTP helper undoes quoted-printable soft breaks, which can join base64 padding to the boundary line.
  if (enc === 'base64')
    return Buffer.from((body.split('-')[0] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** Parses an iCalendar text with ical.js and returns its first event's essentials. */
export function parseIcs(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  const vevent = comp.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  return {
    method: comp.getFirstPropertyValue('method'),
    uid: event.uid,
    summary: event.summary,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status'),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    startZone: event.startDate.zone?.tzid ?? null,
  };
}
