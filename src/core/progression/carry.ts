/**
 * When a clinician saves a plan by hand, the engine's memory should survive
 * the edit: an exercise the PT left as it was keeps the day its current step
 * started and the exercises it was swapped away from; only what the PT
 * changed starts afresh on the day of the edit. The activity target carries
 * over unless the PT set a different weekly goal for this week.
 */
import { activityWeekOn } from '../plan/activity';
import type { Plan } from '../plan/types';
import { planStateFromPlan } from './evaluate';
import type { PlanItemState, PlanState } from './types';

const sameDose = (a: PlanItemState['dose'], b: PlanItemState['dose']) =>
  JSON.stringify(a) === JSON.stringify(b);

export function carryStateIntoEdit(previous: PlanState | null, plan: Plan, today: string): PlanState {
  const fresh = planStateFromPlan(plan, today);
  if (!previous) return fresh;
  const before = new Map(previous.items.map((i) => [i.id, i]));
  // Item locks are the PT's, written on the plan they just saved.
  const lockedIds = new Set(plan.items.filter((i) => (i as { locked?: boolean }).locked).map((i) => i.id));
  const items = fresh.items.map((item): PlanItemState => {
    const was = before.get(item.id);
    if (!was) return item;
    if (was.exercise === item.exercise && sameDose(was.dose, item.dose))
      return { ...was, locked: lockedIds.has(item.id) };
    // Changed by hand: counts from today; what it was swapped away from stays avoided.
    return was.avoid ? { ...item, avoid: was.avoid } : item;
  });
  const goal = activityWeekOn(plan, today)?.weeklyMinutes;
  const activity =
    goal === undefined
      ? null
      : previous.activity && previous.activity.weeklyTargetMinutes === goal
        ? previous.activity
        : { weeklyTargetMinutes: goal, since: today, ...(previous.activity?.locked ? { locked: true } : {}) };
  return { ...previous, items, activity };
}
