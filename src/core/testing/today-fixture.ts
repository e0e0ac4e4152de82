import type { TodayView } from '../today';

/** A Wednesday with everything planned and nothing done yet. */
export function todayFixture(over: Partial<TodayView> = {}): TodayView {
  return {
    date: '2027-03-10',
    weekday: 'wed',
    planWeek: 2,
    checkin: { done: false, painNow: null, triageLevel: null },
    strength: {
      kind: 'strength',
      due: true,
      done: false,
      inProgressClientId: null,
      exercises: ['bridge'],
      title: 'Strength session',
    },
    stretch: {
      kind: 'stretch',
      due: true,
      done: false,
      inProgressClientId: null,
      exercises: ['hip-flexor-stretch'],
      title: 'Daily stretch routine',
    },
    movementBreaks: {
      exercises: ['standing-back-bend'],
      times: ['09:45', '10:30', '11:15', '12:00', '12:45', '13:30', '14:15', '15:00', '15:45', '16:30'],
      target: 10,
      done: 0,
    },
    activity: {
      weekMinutes: 40,
      weekGoal: 150,
      todayMinutes: 0,
      minutesPerSession: 30,
      sessionsPerWeek: 5,
      title: 'Walking',
    },
    stretchStreak: 3,
    nextReview: null,
    ...over,
  };
}
