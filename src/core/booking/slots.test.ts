import { describe, expect, it } from 'vitest';
import { addDays, computeSlots, gridCells, localParts, weekdayOf, zonedTimeToUtc } from './slots';

const DENVER = 'America/Denver';

describe('local wall time to UTC', () => {
  it('follows daylight saving: 09:00 in Denver is 16:00Z in winter and 15:00Z in summer', () => {
    expect(zonedTimeToUtc('2027-03-12', '09:00', DENVER)?.toISOString()).toBe('2027-03-12T16:00:00.000Z');
    expect(zonedTimeToUtc('2027-03-15', '09:00', DENVER)?.toISOString()).toBe('2027-03-15T15:00:00.000Z');
    expect(zonedTimeToUtc('2027-11-08', '09:00', DENVER)?.toISOString()).toBe('2027-11-08T16:00:00.000Z');
  });

  it('gives no instant for a wall time skipped in spring', () => {
    expect(zonedTimeToUtc('2027-03-14', '02:30', DENVER)).toBeNull();
  });

  it('picks the first of a wall time repeated in autumn', () => {
    expect(zonedTimeToUtc('2027-11-07', '01:30', DENVER)?.toISOString()).toBe('2027-11-07T07:30:00.000Z');
  });

  it('handles zones with half-hour offsets and the southern hemisphere', () => {
    expect(zonedTimeToUtc('2027-01-05', '09:00', 'Asia/Kolkata')?.toISOString()).toBe(
      '2027-01-05T03:30:00.000Z',
    );
    expect(zonedTimeToUtc('2027-01-05', '09:00', 'Australia/Sydney')?.toISOString()).toBe(
      '2027-01-04T22:00:00.000Z',
    );
  });

  it('reads an instant back as local parts', () => {
    expect(localParts(new Date('2027-03-15T15:00:00Z'), DENVER)).toEqual({
      date: '2027-03-15',
      time: '09:00',
      weekday: 1,
    });
  });

  it('does calendar arithmetic on dates', () => {
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
    expect(weekdayOf('2027-03-14')).toBe(0);
  });
});

describe('computeSlots', () => {
  const windows = [1, 2, 3, 4, 5].map((weekday) => ({
    clinicianId: 'pt-1',
    weekday,
    start: '09:00',
    end: '10:00',
    types: ['discovery-visit', 'phone-call'],
  }));
  const type = { slug: 'discovery-visit', durationMinutes: 30 };

  it('keeps the same local times across a DST change', () => {
    const slots = computeSlots({
      windows,
      type,
      timeZone: DENVER,
      now: new Date('2027-03-11T12:00:00Z'),
      days: 5,
      minNoticeMinutes: 120,
      busy: [],
    });
    expect(slots.map((s) => `${s.localDate} ${s.localTime} ${s.start}`)).toEqual([
      '2027-03-11 09:00 2027-03-11T16:00:00.000Z',
      '2027-03-11 09:30 2027-03-11T16:30:00.000Z',
      '2027-03-12 09:00 2027-03-12T16:00:00.000Z',
      '2027-03-12 09:30 2027-03-12T16:30:00.000Z',
      '2027-03-15 09:00 2027-03-15T15:00:00.000Z',
      '2027-03-15 09:30 2027-03-15T15:30:00.000Z',
    ]);
  });

  it('leaves out times inside the minimum notice and times taken by a booking', () => {
    const slots = computeSlots({
      windows,
      type,
      timeZone: DENVER,
      now: new Date('2027-03-11T14:10:00Z'), // 07:10 local: 09:00 is under 2 hours away
      days: 1,
      minNoticeMinutes: 120,
      busy: [],
    });
    expect(slots.map((s) => s.localTime)).toEqual(['09:30']);
    const busy = computeSlots({
      windows,
      type: { slug: 'phone-call', durationMinutes: 15 },
      timeZone: DENVER,
      now: new Date('2027-03-10T12:00:00Z'),
      fromDate: '2027-03-11',
      days: 1,
      minNoticeMinutes: 120,
      busy: [{ clinicianId: 'pt-1', start: '2027-03-11T16:00:00.000Z', end: '2027-03-11T16:30:00.000Z' }],
    });
    expect(busy.map((s) => s.localTime)).toEqual(['09:30', '09:45']);
  });

  it('only offers a type in windows that offer it, and merges clinicians at the same time', () => {
    const slots = computeSlots({
      windows: [
        { clinicianId: 'b', weekday: 4, start: '09:00', end: '09:30', types: ['discovery-visit'] },
        { clinicianId: 'a', weekday: 4, start: '09:00', end: '09:30', types: ['discovery-visit'] },
        { clinicianId: 'c', weekday: 4, start: '09:00', end: '09:30', types: ['phone-call'] },
      ],
      type,
      timeZone: DENVER,
      now: new Date('2027-03-10T12:00:00Z'),
      days: 2,
      minNoticeMinutes: 0,
      busy: [],
    });
    expect(slots).toHaveLength(1);
    expect(slots[0]?.clinicianIds).toEqual(['a', 'b']);
  });

  it('splits an appointment into 15-minute grid cells', () => {
    expect(gridCells('2027-03-11T16:00:00.000Z', '2027-03-11T16:30:00.000Z')).toEqual([
      '2027-03-11T16:00:00.000Z',
      '2027-03-11T16:15:00.000Z',
    ]);
  });
});
