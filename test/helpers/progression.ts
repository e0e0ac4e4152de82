import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { Clock } from '../../src/services/clock';
import type { Requester } from './app';

/** A clock the test moves day by day; it reads 15:00 UTC on the day set (08:00 or 09:00 in Denver). */
export class TestClock implements Clock {
  constructor(private day: string) {}
  now() {
    return new Date(`${this.day}T15:00:00.000Z`);
  }
  set(day: string) {
    this.day = day;
  }
}

/**
 * Saves a completed strength session of every strength exercise in the patient's plan: two sets,
 * felt right, comfortable (pain 2, effort 4), with the form answer `control` (none when null).
 */
export async function logStrengthSession(as: Requester, control: 'good' | null = 'good'): Promise<void> {
  const plan = (await as({ method: 'GET', url: '/api/me/plan' })).json().plan.plan;
  const exercises = plan.items
    .filter((i: { pillar: string; exercise: string | null }) => i.pillar === 'strength' && i.exercise)
    .map((i: { exercise: string }) => i.exercise);
  const res = await as({
    method: 'PUT',
    url: `/api/me/sessions/${crypto.randomUUID()}`,
    payload: {
      kind: 'strength',
      status: 'completed',
      progress: {},
      items: exercises.map((exercise: string) => ({
        exercise,
        setsDone: 2,
        feedback: 'right',
        ...(control ? { control } : {}),
      })),
      painDuring: 2,
      effort: 4,
    },
  });
  expect(res.statusCode).toBe(201);
}
