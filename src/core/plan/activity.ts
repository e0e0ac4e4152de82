/**
 * The activity pillar's weekly goal over time. A generated plan carries a
 * build-up table (week 1, 2, 3 …); once the adaptive engine runs, its target
 * (which rises only when the person reaches it) replaces the table from the
 * week it takes effect, so Today, Progress, the plan page and the handout all
 * show the same number the engine's explanation names.
 */
import { daysBetween } from '../dates';
import type { ActivityWeek, Plan } from './types';

/** 1 for the plan's first seven days, 2 for the next seven, and so on. */
export function planWeekOn(plan: Pick<Plan, 'generatedOn'>, date: string): number {
  return Math.max(1, Math.floor(daysBetween(plan.generatedOn, date) / 7) + 1);
}

/** The build-up row in force on `date` (the last row once the table runs out), or null without one. */
export function activityWeekOn(plan: Plan, date: string): ActivityWeek | null {
  const buildUp = plan.items.find((i) => i.pillar === 'activity')?.buildUp ?? [];
  if (buildUp.length === 0) return null;
  const index = Math.min(planWeekOn(plan, date), buildUp.length) - 1;
  return buildUp[index] ?? buildUp[buildUp.length - 1] ?? null;
}

/**
 * Writes a weekly target into the build-up from the week holding `since`
 * onwards; earlier weeks keep their history. Sessions per week stay as
 * planned; minutes per session are the target shared out over them.
 */
export function withActivityTarget(plan: Plan, weeklyMinutes: number, since: string): Plan {
  const from = planWeekOn(plan, since);
  const target = (week: ActivityWeek): ActivityWeek => ({
    ...week,
    weeklyMinutes,
    minutesPerSession: Math.ceil(weeklyMinutes / Math.max(1, week.sessionsPerWeek)),
  });
  return {
    ...plan,
    items: plan.items.map((item) => {
      const table = item.buildUp;
      const last = table?.[table.length - 1];
      if (item.pillar !== 'activity' || !table || !last) return item;
      if (from <= table.length) {
        return { ...item, buildUp: table.map((week, i) => (i < from - 1 ? week : target(week))) };
      }
      // The table ran out before the target's week: its last row held for the weeks in
      // between, so write those out as they were, then the target from its own week.
      const between = Array.from({ length: from - 1 - table.length }, (_, i) => ({
        ...last,
        week: table.length + 1 + i,
      }));
      return { ...item, buildUp: [...table, ...between, target({ ...last, week: from })] };
    }),
  };
}
