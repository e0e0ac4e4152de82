import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, useTestApp } from '../helpers/app';
import {
  book,
  bookingBody,
  calendarPart,
  freezeBookingClock,
  parseIcs,
  setAvailability,
  slotStarts,
} from '../helpers/booking';
import type { User } from '../../src/storage/schema';

// Wednesday 10 March 2027, 10:00 in Denver (MST). US daylight saving starts on Sunday 14 March.
const NOW = '2027-03-10T17:00:00.000Z';
const THU_0900 = '2027-03-11T16:00:00.000Z'; // 09:00 MST
const THU_0930 = '2027-03-11T16:30:00.000Z';
const MON_0900 = '2027-03-15T15:00:00.000Z'; // 09:00 MDT

describe('free consultation booking', () => {
  const t = useTestApp();
  let clinician: User;

  beforeAll(async () => {
    const clinic = await t.makeClinic('Booking Clinic');
    clinician = await t.makeUser(clinic.id, 'clinician');
    await setAvailability(t, clinician);
    freezeBookingClock(t, NOW);
  });

  const manageToken = (to: string) => {
    const mail = t.smtp.to(to).at(-1);
    if (!mail) throw new Error(`no mail to ${to}`);
    return new URL(mail.link('/consultation/manage')).searchParams.get('token') ?? '';
  };
  const manage = (
    action: 'describe' | 'cancel' | 'reschedule' | 'preferences',
    payload: Record<string, unknown>,
  ) => t.ctx.app.inject({ method: 'POST', url: `/api/consultations/manage/${action}`, payload });

  it('offers the default consultation types', async () => {
    const res = await t.ctx.app.inject({ method: 'GET', url: '/api/consultations/types' });
    expect(res.statusCode).toBe(200);
    expect(
      res.json().types.map((x: { slug: string; durationMinutes: number }) => [x.slug, x.durationMinutes]),
    ).toEqual([
      ['discovery-visit', 30],
      ['phone-call', 15],
    ]);
  });

  it("offers slots from availability in the clinic's time zone, across a DST change, after the minimum notice", async () => {
    const res = await t.ctx.app.inject({
      method: 'GET',
      url: '/api/consultations/slots?type=discovery-visit',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.timezone).toBe('America/Denver');
    expect(body.timezoneLabel).toBe('Mountain Time');
    // Wednesday's mornings are within the 2-hour notice, so the first day is Thursday.
    expect(body.days[0].date).toBe('2027-03-11');
    expect(body.days[0].label).toBe('Thursday, March 11');
    expect(body.days[0].slots.map((s: { label: string }) => s.label)).toEqual([
      '9:00 AM',
      '9:30 AM',
      '10:00 AM',
      '10:30 AM',
      '11:00 AM',
      '11:30 AM',
    ]);
    const starts: string[] = body.days.flatMap((d: { slots: { start: string }[] }) =>
      d.slots.map((s) => s.start),
    );
    expect(starts).toContain(THU_0900);
    // After the change, 09:00 local is an hour earlier in UTC.
    expect(starts).toContain(MON_0900);
    // No weekends.
    expect(body.days.map((d: { date: string }) => d.date)).not.toContain('2027-03-13');
    // 21 days ahead at most.
    expect(body.days.at(-1).date <= '2027-03-30').toBe(true);
  });

  it('respects the minimum notice as time passes', async () => {
    freezeBookingClock(t, '2027-03-11T14:29:00.000Z'); // 07:29 MST: 09:00 is less than 2 hours away, 09:30 is not
    try {
      const starts = await slotStarts(t);
      expect(starts).not.toContain(THU_0900);
      expect(starts).toContain(THU_0930);
    } finally {
      freezeBookingClock(t, NOW);
    }
  });

  it('books a slot, emails a confirmation with a calendar file that parses, and takes the slot off the list', async () => {
    const res = await book(t, THU_0900, { email: 'ada@example.test' });
    expect(res.statusCode, res.body).toBe(201);
    const { booking } = res.json();
    expect(booking).toMatchObject({
      status: 'booked',
      start: THU_0900,
      end: '2027-03-11T16:30:00.000Z',
      timezone: 'America/Denver',
      canChange: true,
      type: { slug: 'discovery-visit', durationMinutes: 30 },
    });
    expect(JSON.stringify(res.json())).not.toContain('token');
    expect(await slotStarts(t)).not.toContain(THU_0900);
    // A 15-minute call cannot overlap the visit either.
    expect(await slotStarts(t, 'phone-call')).not.toContain('2027-03-11T16:15:00.000Z');

    await t.flushMail();
    const mail = t.smtp.to('ada@example.test').at(-1)!;
    expect(mail.subject).toMatch(/Booked: Free discovery visit in clinic/);
    expect(mail.raw).toMatch(/Thursday, March 11 at 9:00 AM \(Mountain Time\)/);
    expect(mail.link('/consultation/manage')).toMatch(
      /^http:\/\/hipback\.test\/consultation\/manage\?token=/,
    );
    const ics = parseIcs(calendarPart(mail.raw));
    expect(ics).toMatchObject({
      method: 'PUBLISH',
      start: THU_0900,
      end: '2027-03-11T16:30:00.000Z',
      startZone: 'UTC',
      status: 'CONFIRMED',
      sequence: 0,
    });
    expect(ics.summary).toContain('Free discovery visit in clinic');
    // The consent was recorded with its version; the token only as a hash.
    const stored = await t.ctx.repos.consultations.findById(booking.id);
    expect(stored?.consent_version).toBe('privacy-2026-11');
    expect(stored?.consent_at).toBe(NOW);
    expect(stored?.manage_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.manage_token_hash).not.toBe(manageToken('ada@example.test'));
  });

  it('refuses a slot that is taken, in the past, outside availability or too soon, with slot_taken', async () => {
    for (const start of [
      THU_0900,
      '2027-03-09T16:00:00.000Z',
      '2027-03-11T22:00:00.000Z',
      '2027-03-10T17:30:00.000Z',
    ]) {
      const res = await book(t, start, { email: 'late@example.test' });
      expect(res.statusCode, start).toBe(409);
      expect(errorOf(res)).toMatchObject({ code: 'slot_taken', path: 'start' });
      expect(errorOf(res).message).toMatch(/pick another time/);
    }
  });

  it('lets the person change how they want to be contacted later, through the manage link', async () => {
    const token = manageToken('ada@example.test');
    expect((await manage('describe', { token })).json().booking.contactPreference).toBe('email');
    const changed = await manage('preferences', { token, contactPreference: 'text' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().booking.contactPreference).toBe('text');
    expect((await manage('describe', { token })).json().booking.contactPreference).toBe('text');
    const inbox = await t.as(await t.login(clinician.email))({
      method: 'GET',
      url: '/api/clinic/consultations',
    });
    expect(JSON.stringify(inbox.json())).toContain('"contactPreference":"text"');
    const bad = await manage('preferences', { token, contactPreference: 'pigeon' });
    expect(errorOf(bad)).toMatchObject({ code: 'validation_failed', path: 'contactPreference' });
    const stranger = await manage('preferences', { token: 'x'.repeat(43), contactPreference: 'phone' });
    expect(stranger.statusCode).toBe(404);
    await manage('preferences', { token, contactPreference: 'email' });
  });

  it('lets the manage link describe, reschedule and cancel the booking, freeing the slot', async () => {
    const token = manageToken('ada@example.test');
    const described = await manage('describe', { token });
    expect(described.statusCode).toBe(200);
    expect(described.json().booking.start).toBe(THU_0900);

    const moved = await manage('reschedule', { token, start: MON_0900 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().booking).toMatchObject({ start: MON_0900, status: 'booked' });
    const starts = await slotStarts(t);
    expect(starts).toContain(THU_0900);
    expect(starts).not.toContain(MON_0900);
    await t.flushMail();
    const mail = t.smtp.to('ada@example.test').at(-1)!;
    expect(mail.subject).toMatch(/^New time:/);
    const ics = parseIcs(calendarPart(mail.raw));
    expect(ics).toMatchObject({ start: MON_0900, sequence: 1 });

    // The same link keeps working for the new time.
    expect((await manage('describe', { token })).json().booking.start).toBe(MON_0900);
    const cancelled = await manage('cancel', { token });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().booking).toMatchObject({ status: 'cancelled', canChange: false });
    expect(await slotStarts(t)).toContain(MON_0900);
    await t.flushMail();
    const cancelMail = t.smtp.to('ada@example.test').at(-1)!;
    expect(cancelMail.subject).toMatch(/^Cancelled:/);
    expect(parseIcs(calendarPart(cancelMail.raw))).toMatchObject({ method: 'CANCEL', status: 'CANCELLED' });

    const again = await manage('cancel', { token });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('booking_closed');
    // The freed slot can be booked by someone else.
    expect((await book(t, MON_0900, { email: 'next@example.test' })).statusCode).toBe(201);
  });

  it("never lets one booking's manage link touch another booking", async () => {
    const a = await book(t, '2027-03-12T16:00:00.000Z', { email: 'a@example.test' });
    const b = await book(t, '2027-03-12T16:30:00.000Z', { email: 'b@example.test' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    await t.flushMail();
    const tokenA = manageToken('a@example.test');
    expect((await manage('cancel', { token: tokenA })).json().booking.id).toBe(a.json().booking.id);
    const bStored = await t.ctx.repos.consultations.findById(b.json().booking.id);
    expect(bStored?.status).toBe('booked');
    const fake = await manage('describe', { token: 'x'.repeat(43) });
    expect(fake.statusCode).toBe(404);
    expect(errorOf(fake).code).toBe('not_found');
    // The token goes in the body, never the query string.
    const inQuery = await t.ctx.app.inject({
      method: 'POST',
      url: `/api/consultations/manage/describe?token=${tokenA}`,
      payload: {},
    });
    expect(inQuery.statusCode).toBe(400);
  });

  it('refuses bots, oversized fields, unknown fields and missing consent with the error shape', async () => {
    const cases: [Record<string, unknown>, string, string | null][] = [
      [{ website: 'http://spam.example' }, 'rejected', null],
      [{ reason: 'x'.repeat(501) }, 'validation_failed', 'reason'],
      [{ name: 'n'.repeat(81) }, 'validation_failed', 'name'],
      [{ email: 'not-an-email' }, 'validation_failed', 'email'],
      [{ phone: '<script>' }, 'validation_failed', 'phone'],
      [{ isAdmin: true }, 'validation_failed', 'isAdmin'],
      [{ consent: false }, 'consent_required', 'consent'],
      [{ type: 'massage' }, 'unknown_type', 'type'],
      [{ contactPreference: 'pigeon' }, 'validation_failed', 'contactPreference'],
    ];
    for (const [extra, code, path] of cases) {
      const res = await book(t, '2027-03-16T16:00:00.000Z', extra);
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(errorOf(res), JSON.stringify(extra)).toMatchObject({ code, path });
    }
    const huge = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/consultations/bookings',
      payload: bookingBody('2027-03-16T16:00:00.000Z', { reason: 'x'.repeat(300_000) }),
    });
    expect(huge.statusCode).toBe(413);
    const badFrom = await t.ctx.app.inject({
      method: 'GET',
      url: '/api/consultations/slots?type=phone-call&from=soon',
    });
    expect(badFrom.statusCode).toBe(400);
    expect(errorOf(badFrom).path).toBe('from');
    expect(await slotStarts(t)).toContain('2027-03-16T16:00:00.000Z');
  });

  it('sends the day-before reminder exactly once', async () => {
    const start = '2027-03-17T15:00:00.000Z'; // 09:00 MDT
    expect((await book(t, start, { email: 'remind@example.test' })).statusCode).toBe(201);
    const booking = t.ctx.services.booking;
    expect(await booking.processDueReminders(new Date('2027-03-16T14:00:00.000Z'))).toBe(0); // 25 hours before
    expect(await booking.processDueReminders(new Date('2027-03-16T16:00:00.000Z'))).toBe(1); // 23 hours before
    expect(await booking.processDueReminders(new Date('2027-03-16T17:00:00.000Z'))).toBe(0);
    expect(await booking.processDueReminders(new Date('2027-03-17T14:00:00.000Z'))).toBe(0);
    await t.flushMail();
    const reminders = t.smtp.to('remind@example.test').filter((m) => m.subject.startsWith('Reminder:'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.raw).toMatch(/Wednesday, March 17 at 9:00 AM/);
  });

  it('sends no separate reminder when the booking is made within a day of the start', async () => {
    freezeBookingClock(t, '2027-03-17T20:00:00.000Z');
    try {
      expect((await book(t, '2027-03-18T15:00:00.000Z', { email: 'soon@example.test' })).statusCode).toBe(
        201,
      );
      expect(await t.ctx.services.booking.processDueReminders(new Date('2027-03-17T20:05:00.000Z'))).toBe(0);
    } finally {
      freezeBookingClock(t, NOW);
    }
  });
});
