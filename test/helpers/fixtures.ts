/**
 * Self-check answers for a patient with no warning signs: ordinary low back and left hip pain.
 * Taken as an intake it gives a plan in all five pillars.
 */
export const INTAKE = {
  age: 47,
  painAreas: ['lowBack', 'hipLeft'],
  painStartedWeeksAgo: 3,
  pain: { now: 4, worstLastWeek: 6 },
  warningSigns: [],
  precautions: [],
  activityMinutesLastWeek: 40,
  activities: [],
};

/** INTAKE with some answers changed. */
export function intakeAnswers(changes: Partial<Record<keyof typeof INTAKE, unknown>> = {}) {
  return { ...INTAKE, ...changes };
}
