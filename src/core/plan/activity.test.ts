import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { testPlan } from '../testing/progress-fixtures';
import { activityWeekOn, planWeekOn, withActivityTarget } from './activity';
import { todayView } from '../today';

const START = '2027-01-04';

describe('activity goal over the plan weeks', () => {
  it('follows the build-up table week by week until the engine sets a target', () => {
    const plan = testPlan(START);
    const table = plan.items.find((i) => i.pillar === 'activity')?.buildUp ?? [];
    expect(table.length).toBeGreaterThan(1);
    expect(planWeekOn(plan, START)).toBe(1);
    expect(planWeekOn(plan, addDays(START, 7))).toBe(2);
    expect(activityWeekOn(plan, addDays(START, 7))?.weeklyMinutes).toBe(table[1]?.weeklyMinutes);
    expect(activityWeekOn(plan, addDays(START, 7 * 60))?.weeklyMinutes).toBe(table.at(-1)?.weeklyMinutes);
  });

  it("an engine target replaces the table from its week on, and Today shows the engine's number", () => {
    const plan = testPlan(START);
    const before = activityWeekOn(plan, START)?.weeklyMinutes;
    const adapted = withActivityTarget(plan, 75, addDays(START, 15));
    expect(activityWeekOn(adapted, START)?.weeklyMinutes).toBe(before);
    expect(activityWeekOn(adapted, addDays(START, 15))?.weeklyMinutes).toBe(75);
    expect(activityWeekOn(adapted, addDays(START, 200))?.weeklyMinutes).toBe(75);
    const today = todayView(adapted, addDays(START, 16), emptyRecords());
    expect(today.activity.weekGoal).toBe(75);
  });

  it('property: from the week the target starts, every later day shows it; earlier weeks keep their rows', () => {
    const plan = testPlan(START);
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 300 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 200 }),
        (minutes, sinceDay, laterDays) => {
          const since = addDays(START, sinceDay);
          const adapted = withActivityTarget(plan, minutes, since);
          const week = activityWeekOn(adapted, addDays(since, laterDays));
          expect(week?.weeklyMinutes).toBe(minutes);
          expect((week?.minutesPerSession ?? 0) * (week?.sessionsPerWeek ?? 0)).toBeGreaterThanOrEqual(
            minutes,
          );
          for (let d = 0; d < (planWeekOn(plan, since) - 1) * 7; d += 7) {
            // Same minutes as before; a row written out for a week past the table carries its own number.
            expect({ ...activityWeekOn(adapted, addDays(START, d)), week: 0 }).toEqual({
              ...activityWeekOn(plan, addDays(START, d)),
              week: 0,
            });
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

function emptyRecords() {
  return { sessions: [], activities: [], movementBreaks: [], checkins: [], stretchDates: [] };
}
