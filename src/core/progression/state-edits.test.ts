import { describe, expect, it } from 'vitest';
import type { Dose } from '../library/types';
import type { Plan } from '../plan/types';
import { testPlan } from '../testing/progress-fixtures';
import { carryStateIntoEdit, holds, sameDose, withPrescription } from './state-edits';
import type { PlanState } from './types';

const START = '2027-01-04';
const DOSE: Dose = { sets: 2, reps: 10, restSeconds: 30, eachSide: false, daysPerWeek: 3, source: 'test' };
const EDIT_DAY = '2027-01-20';

function planWithDoses(): Plan {
  const plan = testPlan(START);
  return {
    ...plan,
    items: plan.items.map((i) => (i.pillar === 'activity' ? i : { ...i, dose: DOSE })),
  };
}

const engineState: PlanState = {
  items: [
    {
      id: 'strength:a',
      pillar: 'strength',
      exercise: 'glute-bridge',
      dose: DOSE,
      since: '2027-01-12',
      avoid: ['clamshell'],
    },
    {
      id: 'stretch:a',
      pillar: 'stretch',
      exercise: 'hip-flexor-stretch',
      dose: DOSE,
      since: '2027-01-15',
    },
  ],
  activity: { weeklyTargetMinutes: 150, since: '2027-01-18', locked: true },
};

describe('carrying the engine state through a clinician edit', () => {
  it('keeps when each untouched step began, what it was swapped away from, and the activity target', () => {
    const state = carryStateIntoEdit(engineState, planWithDoses(), EDIT_DAY);
    const bridge = state.items.find((i) => i.id === 'strength:a');
    expect(bridge?.since).toBe('2027-01-12');
    expect(bridge?.avoid).toEqual(['clamshell']);
    expect(state.activity).toEqual(engineState.activity);
  });

  it('an exercise the PT changed counts from the edit day but still avoids what the engine swapped away from', () => {
    const plan = planWithDoses();
    const edited: Plan = {
      ...plan,
      items: plan.items.map((i) =>
        i.id === 'strength:a' ? { ...i, dose: { ...DOSE, sets: 3, reps: 12 }, locked: true } : i,
      ),
    };
    const state = carryStateIntoEdit(engineState, edited, EDIT_DAY);
    const bridge = state.items.find((i) => i.id === 'strength:a');
    expect(bridge).toMatchObject({ since: EDIT_DAY, avoid: ['clamshell'], dose: { sets: 3, reps: 12 } });
    expect(state.items.find((i) => i.id === 'stretch:a')?.since).toBe('2027-01-15');
  });

  it('a new weekly goal from the PT starts on the edit day; no earlier state means a fresh start', () => {
    const plan = planWithDoses();
    const changedGoal: Plan = {
      ...plan,
      items: plan.items.map((i) =>
        i.pillar === 'activity'
          ? { ...i, buildUp: [{ week: 1, minutesPerSession: 20, sessionsPerWeek: 5, weeklyMinutes: 100 }] }
          : i,
      ),
    };
    expect(carryStateIntoEdit(engineState, changedGoal, EDIT_DAY).activity).toEqual({
      weeklyTargetMinutes: 100,
      since: EDIT_DAY,
      locked: true,
    });
    const fresh = carryStateIntoEdit(null, plan, EDIT_DAY);
    expect(fresh.items.every((i) => i.since === EDIT_DAY)).toBe(true);
  });
});

describe('setting one prescription in the state (undo, applied suggestion)', () => {
  it('moves only that item, from the given day, and can lock it and allow the exercise it returns to', () => {
    const next = withPrescription(
      engineState,
      'strength:a',
      { exercise: 'clamshell', dose: { ...DOSE, sets: 1 } },
      '2027-01-21',
      { lock: true, allow: 'clamshell' },
    );
    const bridge = next.items.find((i) => i.id === 'strength:a');
    expect(bridge).toMatchObject({ exercise: 'clamshell', since: '2027-01-21', locked: true, avoid: [] });
    expect(next.items.find((i) => i.id === 'stretch:a')).toEqual(engineState.items[1]);
    expect(holds(next, 'strength:a', { exercise: 'clamshell', dose: { ...DOSE, sets: 1 } })).toBe(true);
    expect(holds(next, 'strength:a', { exercise: 'glute-bridge', dose: DOSE })).toBe(false);
  });

  it('sets the activity goal, and compares doses whatever order their fields were written in', () => {
    const next = withPrescription(engineState, 'activity', { weeklyMinutes: 120 }, '2027-01-21');
    expect(next.activity).toEqual({ weeklyTargetMinutes: 120, since: '2027-01-21', locked: true });
    expect(holds(next, 'activity', { weeklyMinutes: 120 })).toBe(true);
    const reordered = Object.fromEntries(Object.entries(DOSE).reverse()) as unknown as Dose;
    expect(sameDose(DOSE, reordered)).toBe(true);
    expect(sameDose(DOSE, { ...DOSE, reps: 12 })).toBe(false);
  });
});
