/**
 * Edits to the engine's plan state made outside an engine run: a clinician's
 * hand edit, undoing an automatic change, applying a suggestion.
 *
 * When a clinician saves a plan by hand, the engine's memory should survive
 * the edit: an exercise the PT left as it was keeps the day its current step
 * started and the exercises it was swapped away from; only what the PT
 * changed starts afresh on the day of the edit. The activity target carries
 * over unless the PT set a different weekly goal for this week.
 */
import { activityWeekOn } from '../plan/activity';
import type { Plan } from '../plan/types';
import { planStateFromPlan } from './evaluate';
import type { Dose } from '../library/types';
import type { PlanItemState, PlanState, Prescription } from './types';

const canonical = (d: Dose | undefined) =>
  d ? JSON.stringify(Object.entries(d).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : 'null';
/** The same dose, whatever order its fields were written in. */
export const sameDose = (a: Dose | undefined, b: Dose | undefined) => canonical(a) === canonical(b);

/** Does the state still hold `p` for this item ("activity" for the weekly goal)? */
export function holds(state: PlanState, itemId: string, p: Prescription): boolean {
  if (itemId === 'activity') return state.activity?.weeklyTargetMinutes === p.weeklyMinutes;
  const item = state.items.find((i) => i.id === itemId);
  return !!item && item.exercise === p.exercise && sameDose(item.dose, p.dose);
}

/**
 * Sets one item (or the activity goal) to `p` from `since`. `lock` keeps the engine off it
 * afterwards; `allow` takes an exercise off the item's never-swap-back list (an undo back to it).
 */
export function withPrescription(
  state: PlanState,
  itemId: string,
  p: Prescription,
  since: string,
  opts: { lock?: boolean; allow?: string } = {},
): PlanState {
  const lock = opts.lock ? { locked: true } : {};
  if (itemId === 'activity') {
    if (!state.activity) return state;
    return {
      ...state,
      activity: {
        ...state.activity,
        weeklyTargetMinutes: p.weeklyMinutes ?? state.activity.weeklyTargetMinutes,
        since,
        ...lock,
      },
    };
  }
  return {
    ...state,
    items: state.items.map((i) =>
      i.id !== itemId
        ? i
        : {
            ...i,
            exercise: p.exercise ?? i.exercise,
            dose: p.dose ?? i.dose,
            since,
            ...(i.avoid && opts.allow ? { avoid: i.avoid.filter((s) => s !== opts.allow) } : {}),
            ...lock,
          },
    ),
  };
}

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
