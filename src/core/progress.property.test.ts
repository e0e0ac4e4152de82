/**
 * Properties of the progress view over generated histories: whatever the
 * patient logged, the figures add up, stay in range and do not depend on the
 * order the records arrive in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './dates';
import { type ProgressRecords, progressView } from './progress';
import { testPlan } from './testing/progress-fixtures';
import { weekStart } from './today';

const START = '2026-10-01';
const dayArb = fc.integer({ min: 0, max: 62 }).map((d) => addDays(START, d));
const score = fc.integer({ min: 0, max: 10 });

const recordsArb: fc.Arbitrary<ProgressRecords> = fc.record({
  checkins: fc
    .array(fc.record({ date: dayArb, painNow: score }), { maxLength: 60 })
    .map((xs) => [...xs].sort((a, b) => a.date.localeCompare(b.date))),
  sessions: fc.array(
    fc.record({
      date: dayArb,
      kind: fc.constantFrom('strength' as const, 'stretch' as const, 'movementBreak' as const),
      status: fc.constantFrom('completed', 'inProgress', 'abandoned'),
      painDuring: fc.option(score, { nil: null }),
      effort: fc.option(score, { nil: null }),
    }),
    { maxLength: 80 },
  ),
  activities: fc.array(fc.record({ date: dayArb, minutes: fc.integer({ min: 1, max: 600 }) }), {
    maxLength: 40,
  }),
  movementBreaks: fc.array(fc.record({ date: dayArb }), { maxLength: 60 }),
  plans: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 3 }).map((offsets) =>
    [...new Set(offsets)]
      .sort((a, b) => a - b)
      .map((o, i) => ({
        version: i + 1,
        from: addDays(START, o),
        source: i === 0 ? 'intake' : 'progression',
        reason: `change ${i}`,
        plan: testPlan(addDays(START, offsets[0] ?? 0), 6),
      })),
  ),
  functional: fc.record({
    baseline: fc.option(
      fc.record({
        date: fc.constant(START),
        ratings: fc.array(fc.record({ activity: fc.constantFrom('socks', 'stairs', 'car'), score }), {
          maxLength: 3,
        }),
      }),
      { nil: null },
    ),
    ratings: fc.array(
      fc.record({
        date: dayArb,
        ratings: fc.array(fc.record({ activity: fc.constantFrom('socks', 'stairs', 'car'), score }), {
          minLength: 1,
          maxLength: 3,
        }),
      }),
      { maxLength: 6 },
    ),
  }),
});
const todayArb = fc.integer({ min: 0, max: 70 }).map((d) => addDays(START, d));

describe('progressView properties', () => {
  it('keeps counts in range and minutes adding up to what was logged', () => {
    fc.assert(
      fc.property(recordsArb, todayArb, (records, today) => {
        const v = progressView(records, today);
        for (const w of v.weeks) {
          expect(w.adherence === null || (w.adherence >= 0 && w.adherence <= 1)).toBe(true);
          expect(w.stretch.planned).toBeLessThanOrEqual(7);
          expect(w.strength.planned).toBeLessThanOrEqual(7);
          expect(w.stretch.done).toBeLessThanOrEqual(7);
        }
        const first = v.weeks[0]?.weekStart ?? today;
        const logged = records.activities
          .filter((a) => a.date >= first && a.date <= today)
          .reduce((s, a) => s + a.minutes, 0);
        expect(v.weeks.reduce((s, w) => s + w.activityMinutes, 0)).toBe(logged);
        expect(v.weeks.at(-1)?.weekStart ?? weekStart(today)).toBe(weekStart(today));
        if (v.summary) {
          const inWeek = records.activities.filter(
            (a) => a.date >= v.summary!.weekStart && a.date <= v.summary!.weekEnd,
          );
          expect(v.summary.activity.minutes).toBe(inWeek.reduce((s, a) => s + a.minutes, 0));
          expect(daysBetween(v.summary.weekEnd, today)).toBeGreaterThanOrEqual(1);
          expect(daysBetween(v.summary.weekEnd, today)).toBeLessThanOrEqual(7);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('draws one point per day, each the last check-in of that day, never after today', () => {
    fc.assert(
      fc.property(recordsArb, todayArb, (records, today) => {
        const v = progressView(records, today);
        v.pain.days.forEach((d, i) => {
          if (i > 0) expect(daysBetween(v.pain.days[i - 1]!.date, d.date)).toBe(1);
          expect(d.date <= today).toBe(true);
          const last = records.checkins.filter((c) => c.date === d.date).at(-1);
          expect(d.painNow).toBe(last?.painNow ?? null);
        });
        if (v.pain.recent !== null) {
          expect(v.pain.recent).toBeGreaterThanOrEqual(0);
          expect(v.pain.recent).toBeLessThanOrEqual(10);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reaches each milestone at most once, in date order, never in the future', () => {
    fc.assert(
      fc.property(recordsArb, todayArb, (records, today) => {
        const v = progressView(records, today);
        const ids = v.milestones.map((m) => m.id);
        expect(new Set(ids).size).toBe(ids.length);
        v.milestones.forEach((m, i) => {
          expect(m.date <= today).toBe(true);
          if (i > 0) expect(v.milestones[i - 1]!.date <= m.date).toBe(true);
          expect(m.title.length).toBeGreaterThan(0);
        });
        expect(v.streaks.stretchCurrent).toBeLessThanOrEqual(v.streaks.stretchLongest);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of sessions, activities and breaks', () => {
    fc.assert(
      fc.property(recordsArb, todayArb, fc.integer(), (records, today, seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x, i) => ({ x, k: (Math.imul(i + 1, 2654435761) ^ seed) >>> 0 }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.x);
        const again: ProgressRecords = {
          ...records,
          sessions: shuffle(records.sessions),
          activities: shuffle(records.activities),
          movementBreaks: shuffle(records.movementBreaks),
        };
        expect(progressView(again, today)).toEqual(progressView(records, today));
      }),
      { numRuns: 200 },
    );
  });
});
