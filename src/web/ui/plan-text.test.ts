import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../content/library';
import type { PlanItem } from '../../core/plan/types';
import {
  doseType,
  emergencyNumberFor,
  formatClock,
  formatDate,
  scheduleLines,
  splitReason,
} from './plan-text';

const item = (over: Partial<PlanItem>): PlanItem => ({
  id: 'x',
  pillar: 'strength',
  exercise: null,
  title: 'X',
  dose: null,
  schedule: { daysPerWeek: 0 },
  reason: 'Because.',
  ...over,
});

describe('plan text', () => {
  it("reads every library exercise's type back from its dose", () => {
    for (const ex of loadLibrary().exercises) expect(doseType(ex.defaultDose), ex.slug).toBe(ex.type);
  });

  it('says when to do an item in plain words', () => {
    expect(
      scheduleLines(
        item({ schedule: { daysPerWeek: 3, days: ['mon', 'wed', 'fri'], note: 'Rest between.' } }),
      ),
    ).toEqual(['Mon, Wed and Fri', 'Rest between.']);
    expect(scheduleLines(item({ schedule: { daysPerWeek: 7, timesPerDay: 1 } }))).toEqual(['Every day']);
    expect(scheduleLines(item({ schedule: { daysPerWeek: 5, times: ['09:45', '12:00', '16:30'] } }))).toEqual(
      ['Any 5 days a week', 'Around 9:45 am, 12:00 pm and 4:30 pm'],
    );
    expect(scheduleLines(item({ schedule: { daysPerWeek: 0, on: '2027-03-01' } }))).toEqual([
      'On Monday, March 1, 2027',
    ]);
  });

  it('reads a date as a calendar day, whatever the time zone', () => {
    expect(formatDate('2026-12-31')).toBe('Thursday, December 31, 2026');
    expect(formatClock('00:05')).toBe('12:05 am');
  });

  it('separates the substitution note from the reason', () => {
    const { why, substitution } = splitReason(
      item({
        reason:
          'Bridges help. We chose this instead of Glute bridge because lying on your back is not advised.',
        substitutedFor: { slug: 'glute-bridge', because: 'lying on your back is not advised' },
      }),
    );
    expect(why).toBe('Bridges help.');
    expect(substitution).toBe(
      'We chose this instead of Glute bridge because lying on your back is not advised.',
    );
  });

  it('uses the emergency number of the clinic’s region', () => {
    expect(emergencyNumberFor('America/Denver')).toBe('911');
    expect(emergencyNumberFor('Europe/Berlin')).toBe('112');
  });
});
