import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf, useTestApp } from '../helpers/app';
import { book, freezeBookingClock, setAvailability } from '../helpers/booking';
import { SlotTakenError } from '../../src/storage/repositories/consultations';
import type { User } from '../../src/storage/schema';

// Wednesday 10 March 2027, 10:00 in Denver.
const NOW = '2027-03-10T17:00:00.000Z';

describe('two people can never hold the same consultation slot', () => {
  const t = useTestApp();
  let first: User;
  let second: User;

  beforeAll(async () => {
    const clinic = await t.makeClinic('Race Clinic');
    first = await t.makeUser(clinic.id, 'clinician');
    second = await t.makeUser(clinic.id, 'clinician');
    await setAvailability(t, first);
    // The second clinician works Thursdays only.
    await setAvailability(t, second, [
      { weekday: 4, start: '13:00', end: '14:00', types: ['discovery-visit', 'phone-call'] },
    ]);
    freezeBookingClock(t, NOW);
  });

  const statuses = (results: { statusCode: number }[]) =>
    results.reduce<Record<number, number>>(
      (acc, r) => ({ ...acc, [r.statusCode]: (acc[r.statusCode] ?? 0) + 1 }),
      {},
    );

  it('gives 25 simultaneous bookings of one slot exactly one 201 and 24 × 409 slot_taken', async () => {
    const start = '2027-03-11T16:00:00.000Z'; // Thursday 09:00: only the first clinician
    // Count the bookings the database itself refused: the requests really raced past the availability check.
    const repo = t.ctx.repos.consultations;
    const insert = repo.insertBooking.bind(repo);
    let refusedByDatabase = 0;
    repo.insertBooking = async (...args) => {
      try {
        return await insert(...args);
      } catch (err) {
        refusedByDatabase++;
        throw err;
      }
    };
    let results;
    try {
      results = await Promise.all(
        Array.from({ length: 25 }, (_, i) => book(t, start, { email: `racer${i}@example.test` })),
      );
    } finally {
      repo.insertBooking = insert;
    }
    expect(statuses(results)).toEqual({ 201: 1, 409: 24 });
    // On PostgreSQL the requests run in parallel, so some get past the availability check and the database
    // refuses them; SQLite serialises writers, so there the check usually answers first.
    if (t.dialect === 'postgres') expect(refusedByDatabase).toBeGreaterThan(0);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(errorOf(r).code).toBe('slot_taken');
    const held = await t.ctx.repos.consultations.activeBetween(
      (await t.ctx.services.clinic.home()).id,
      start,
      '2027-03-11T16:30:00.000Z',
    );
    expect(held).toHaveLength(1);
  });

  it('is enforced by the database itself: a second active booking or an overlapping one is refused', async () => {
    const repo = t.ctx.repos.consultations;
    const clinicId = (await t.ctx.services.clinic.home()).id;
    const at = new Date().toISOString();
    const make = (start: string, end: string) => {
      const id = crypto.randomUUID();
      const requestId = crypto.randomUUID();
      const person = { name: 'Direct', email: `${id.slice(0, 6)}@example.test`, phone: '', reason: '' };
      return {
        booking: {
          ...person,
          id,
          clinic_id: clinicId,
          clinician_id: first.id,
          request_id: requestId,
          type_slug: 'discovery-visit',
          starts_at: start,
          ends_at: end,
          status: 'booked' as const,
          contact_preference: 'email' as const,
          consent_at: at,
          consent_version: 'test',
          manage_token_hash: crypto.randomUUID(),
          sequence: 0,
          rescheduled_to: null,
          reminder_sent_at: null,
          created_at: at,
          updated_at: at,
        },
        request: {
          ...person,
          id: requestId,
          clinic_id: clinicId,
          clinician_id: first.id,
          booking_id: id,
          contact_preference: 'email' as const,
          status: 'booked' as const,
          notes: '',
          created_at: at,
          updated_at: at,
        },
      };
    };
    const a = make('2027-04-01T16:00:00.000Z', '2027-04-01T16:30:00.000Z');
    await repo.insertBooking(a.booking, a.request);
    const same = make('2027-04-01T16:00:00.000Z', '2027-04-01T16:15:00.000Z');
    await expect(repo.insertBooking(same.booking, same.request)).rejects.toThrow(SlotTakenError);
    const overlapping = make('2027-04-01T16:15:00.000Z', '2027-04-01T16:30:00.000Z');
    await expect(repo.insertBooking(overlapping.booking, overlapping.request)).rejects.toThrow(
      SlotTakenError,
    );
    // A refused booking leaves no inbox entry behind.
    expect(await repo.findRequest(same.request.id)).toBeUndefined();
    // Cancelling frees the time for someone else.
    expect(await repo.cancel(a.booking.id, at)).toBe(true);
    const again = make('2027-04-01T16:00:00.000Z', '2027-04-01T16:30:00.000Z');
    await repo.insertBooking(again.booking, again.request);
    expect((await repo.findById(again.booking.id))?.status).toBe('booked');
  });

  it('never lets a visit and a call of different lengths overlap, even at once', async () => {
    // A 30-minute visit at 09:00 and 15-minute calls at 09:00 and 09:15 all want the same quarter hours.
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 3 === 0
          ? book(t, '2027-03-12T16:00:00.000Z', { email: `visit${i}@example.test` })
          : book(t, i % 3 === 1 ? '2027-03-12T16:00:00.000Z' : '2027-03-12T16:15:00.000Z', {
              type: 'phone-call',
              email: `call${i}@example.test`,
            }),
      ),
    );
    const won = results
      .filter((r) => r.statusCode === 201)
      .map((r) => r.json<{ booking: { type: { slug: string } } }>().booking);
    // Either the visit won alone, or calls won without overlapping each other.
    expect(
      won.length === 1 ||
        (won.length === 2 && won.every((b: { type: { slug: string } }) => b.type.slug === 'phone-call')),
    ).toBe(true);
    expect(results.filter((r) => r.statusCode !== 201).every((r) => r.statusCode === 409)).toBe(true);
    const held = await t.ctx.repos.consultations.activeBetween(
      (await t.ctx.services.clinic.home()).id,
      '2027-03-12T16:00:00.000Z',
      '2027-03-12T16:30:00.000Z',
    );
    for (const a of held)
      for (const b of held)
        if (a.id !== b.id) expect(a.starts_at < b.ends_at && b.starts_at < a.ends_at).toBe(false);
  });

  it('fills a time two clinicians offer with exactly two bookings, one each', async () => {
    await setAvailability(t, first, [
      { weekday: 4, start: '13:00', end: '14:00', types: ['discovery-visit'] },
    ]);
    const start = '2027-03-11T20:00:00.000Z'; // Thursday 13:00
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => book(t, start, { email: `pair${i}@example.test` })),
    );
    expect(statuses(results)).toEqual({ 201: 2, 409: 23 });
    const held = await t.ctx.repos.consultations.activeBetween(
      (await t.ctx.services.clinic.home()).id,
      start,
      '2027-03-11T20:30:00.000Z',
    );
    expect(held.map((b) => b.clinician_id).sort()).toEqual([first.id, second.id].sort());
  });
});
