/** A hand-made plan for the progress-view tests (src/core/progress*.test.ts). */
import type { Plan, PlanItem } from '../plan/types';

/** A small plan: stretch every day, strength Mon/Wed/Fri, activity built up 60 → 90 → 150 a week. */
export function testPlan(generatedOn: string, painNow = 6): Plan {
  const item = (p: Partial<PlanItem> & Pick<PlanItem, 'id' | 'pillar'>): PlanItem => ({
    exercise: null,
    title: p.id,
    dose: null,
    schedule: { daysPerWeek: 7 },
    reason: '',
    ...p,
  });
  return {
    engineVersion: 'test',
    generatedOn,
    triageLevel: 'selfCare',
    painBand: 'moderate',
    startLevel: 1,
    items: [
      item({ id: 'stretch:a', pillar: 'stretch', exercise: 'hip-flexor-stretch' }),
      item({
        id: 'strength:a',
        pillar: 'strength',
        exercise: 'glute-bridge',
        schedule: { daysPerWeek: 3, days: ['mon', 'wed', 'fri'] },
      }),
      item({
        id: 'activity',
        pillar: 'activity',
        buildUp: [
          { week: 1, minutesPerSession: 10, sessionsPerWeek: 6, weeklyMinutes: 60 },
          { week: 2, minutesPerSession: 15, sessionsPerWeek: 6, weeklyMinutes: 90 },
          { week: 3, minutesPerSession: 30, sessionsPerWeek: 5, weeklyMinutes: 150 },
        ],
      }),
    ],
    precautions: [],
    reviews: [],
    baseline: { painNow, painWorstLastWeek: 7, psfs: 4, activityMinutesLastWeek: 40 },
    goals: [],
  };
}
