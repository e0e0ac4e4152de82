/**
 * Three weeks of life for the demo patient (patient@demo.hipback.test), so
 * Today, Progress, the plan and the PT's record have something to show:
 * morning pain easing from about 6 to about 3 with day-to-day noise and one
 * bad day, most stretch routines and strength sessions done (with pain
 * during and control), walking and cycling building up, movement breaks on
 * workdays, three ratings of her own everyday activities, and the adaptive
 * plan engine run after each day, so the plan history has explained changes.
 *
 * Deterministic: a seeded pseudo-random generator, dates relative to `now`
 * in the patient's time zone. Today itself is left open (no check-in yet).
 */
import crypto from 'node:crypto';
import { addDays, weekdayOf } from '../core/dates';
import type { Library } from '../core/library/library';
import { ENGINE_VERSION } from '../core/plan';
import { runSelfCheck } from '../core/plan/run';
import type { Plan } from '../core/plan/types';
import type { SelfCheckInput } from '../core/selfcheck/schema';
import { ProgressionService } from '../services/progression';
import { localDate } from '../services/selfcheck';
import type { Repositories } from '../storage';
import type { User } from '../storage/schema';

export const DEMO_HISTORY_DAYS = 21;

const ANSWERS: SelfCheckInput = {
  age: 47,
  painAreas: ['lowBack', 'hipLeft', 'buttockLeft'],
  painStartedWeeksAgo: 7,
  pain: { now: 6, worstLastWeek: 7 },
  warningSigns: [],
  precautions: [],
  activityMinutesLastWeek: 40,
  activities: [
    { name: 'Putting on socks', score: 4 },
    { name: 'Walking the dog for 30 minutes', score: 3 },
    { name: 'Sitting through a work meeting', score: 5 },
  ],
  preferredActivity: 'walking',
  trend: 'same',
  hadSimilarPainBefore: true,
};

/** Ratings of the three activities on days 7, 14 and 20: each a little easier. */
const RATINGS: [day: number, socks: number, dog: number, meeting: number][] = [
  [7, 5, 4, 5],
  [14, 6, 5, 6],
  [20, 7, 6, 7],
];

/** mulberry32: a small, seeded pseudo-random generator (the same history every time). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** The UTC instant of a local wall time in a time zone (exact outside the hour a DST change skips). */
export function zonedInstant(date: string, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(wall));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const seen = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(wall - (seen - wall));
}

export async function seedDemoPatientHistory(
  repos: Repositories,
  library: Library,
  patient: User,
  now: Date,
): Promise<void> {
  const tz = patient.timezone;
  const today = localDate(now, tz);
  const start = addDays(today, -DEMO_HISTORY_DAYS);
  const at = (date: string, hour: number, minute = 0) => zonedInstant(date, hour, minute, tz);
  const rnd = random(20261128);
  const base = { clinic_id: patient.clinic_id, patient_id: patient.id };

  const intakeAt = at(start, 7, 40).toISOString();
  const result = runSelfCheck(ANSWERS, library, start);
  if (!result.plan) return;
  await repos.intakes.insert({
    id: crypto.randomUUID(),
    ...base,
    answers: JSON.stringify(ANSWERS),
    triage_level: result.triage.level,
    result: JSON.stringify(result),
    engine_version: ENGINE_VERSION,
    created_at: intakeAt,
  });
  await repos.patientDay.addPlanVersion({
    id: crypto.randomUUID(),
    ...base,
    plan: JSON.stringify(result.plan),
    source: 'intake',
    reason: 'Built from your self-check answers.',
    created_by: patient.id,
    created_at: intakeAt,
    state: null,
    changes: null,
  });

  // The engine runs as if each evening had come: the clock is moved day by day.
  let clockNow = new Date(intakeAt);
  const engine = new ProgressionService(repos, library, { now: () => clockNow });

  const missedStretch = new Set([4, 12, 17]);
  const missedStrength = new Set([9]);
  const badDay = 11;
  for (let d = 0; d < DEMO_HISTORY_DAYS; d++) {
    const date = addDays(start, d);
    const weekday = weekdayOf(date);
    const workday = weekday !== 'sat' && weekday !== 'sun';
    const latest = await repos.patientDay.latestPlan(patient.id);
    const plan = JSON.parse(latest?.plan ?? JSON.stringify(result.plan)) as Plan;

    // Morning check-in: from about 6 down to about 3, noise of about a point, one bad day.
    const trend = 6 - (3 * d) / (DEMO_HISTORY_DAYS - 1);
    const noise = Math.round((rnd() - 0.5) * 1.6);
    const painNow = d === badDay ? 7 : Math.min(8, Math.max(1, Math.round(trend + noise)));
    await repos.patientDay.insertCheckin({
      id: crypto.randomUUID(),
      ...base,
      client_id: `demo-checkin-${date}`,
      date,
      pain_now: painNow,
      stiffness: Math.max(0, Math.min(10, painNow - 1 + Math.round(rnd()))),
      sleep: d === badDay ? 'poor' : rnd() < 0.7 ? 'good' : 'ok',
      warning_signs: '[]',
      triage_level: 'selfCare',
      triage: JSON.stringify({ level: 'selfCare', reasons: [], advice: '' }),
      created_at: at(date, 7, 10 + Math.floor(rnd() * 40)).toISOString(),
    });

    const session = async (kind: 'stretch' | 'strength', hour: number) => {
      const items = plan.items.filter((i) => i.pillar === kind && i.exercise);
      if (items.length === 0) return;
      // Early on everything feels about right; later the first two strength exercises feel easy.
      const easy = (index: number) => kind === 'strength' && d >= 10 && d !== badDay && index < 2;
      const painDuring = d === badDay ? 4 : Math.max(0, Math.min(5, Math.round(painNow / 2 + (rnd() - 0.5))));
      const started = at(date, hour, Math.floor(rnd() * 30));
      const finished = new Date(started.getTime() + (kind === 'stretch' ? 9 : 22) * 60_000);
      await repos.patientDay.insertSession({
        id: crypto.randomUUID(),
        ...base,
        client_id: `demo-${kind}-${date}`,
        date,
        kind,
        plan_version: latest?.version ?? 1,
        status: 'completed',
        progress: JSON.stringify({ index: items.length, control: 'good' }),
        items: JSON.stringify(
          items.map((i, index) => ({
            exercise: i.exercise,
            setsDone: i.dose?.sets ?? 1,
            feedback: easy(index) ? 'tooEasy' : 'right',
            control: d === badDay ? 'ok' : 'good',
          })),
        ),
        pain_during: painDuring,
        effort: Math.max(2, Math.min(8, Math.round(kind === 'stretch' ? 3 + rnd() : 6 - d / 10 + rnd()))),
        started_at: started.toISOString(),
        updated_at: finished.toISOString(),
        completed_at: finished.toISOString(),
      });
    };
    if (!missedStretch.has(d)) await session('stretch', workday ? 7 : 9);
    const strengthDays = plan.items.find((i) => i.pillar === 'strength' && i.schedule.days)?.schedule.days;
    if (strengthDays?.includes(weekday) && !missedStrength.has(d)) await session('strength', 18);

    // Walking (and a bike ride on Saturdays), building up week by week.
    const week = Math.floor(d / 7);
    const walks = [
      [0, 2, 3, 5],
      [0, 1, 2, 4, 5, 6],
      [0, 1, 2, 3, 5, 6],
    ][week] as number[];
    if (walks.includes(d % 7) && d !== badDay) {
      const minutes = [12, 18, 27][week]! + Math.round(rnd() * 6);
      const cycling = weekday === 'sat' && week > 0;
      await repos.patientDay.insertActivity({
        id: crypto.randomUUID(),
        ...base,
        client_id: `demo-activity-${date}`,
        date,
        kind: cycling ? 'cycling' : 'walking',
        minutes: cycling ? minutes + 10 : minutes,
        effort: Math.round(3 + rnd() * 2),
        created_at: at(date, cycling ? 10 : 12, 30).toISOString(),
      });
    }

    // Movement breaks on workdays: a few, more as the habit sets in.
    if (workday) {
      const count = Math.min(7, 2 + week + Math.floor(rnd() * 3));
      for (let b = 0; b < count; b++) {
        await repos.patientDay.insertMovementBreak({
          id: crypto.randomUUID(),
          ...base,
          client_id: `demo-break-${date}-${b}`,
          date,
          exercise: null,
          created_at: at(date, 9 + b, 45).toISOString(),
        });
      }
    }

    for (const [day, socks, dog, meeting] of RATINGS) {
      if (day !== d) continue;
      await repos.progress.insertFunctionalRating({
        id: crypto.randomUUID(),
        ...base,
        client_id: `demo-functional-${date}`,
        date,
        ratings: JSON.stringify([
          { activity: 'Putting on socks', score: socks },
          { activity: 'Walking the dog for 30 minutes', score: dog },
          { activity: 'Sitting through a work meeting', score: meeting },
        ]),
        created_at: at(date, 20, 5).toISOString(),
      });
    }

    clockNow = at(date, 21, 0);
    await engine.runForPatient(patient.id);
  }
}

/** A second demo patient who has not started yet: for the first-run screens (no self-check, no history). */
export const DEMO_NEW_PATIENT = 'new@demo.hipback.test';

export async function seedDemoNewPatient(repos: Repositories, like: User, now: Date): Promise<void> {
  await repos.users.insert({
    ...like,
    id: crypto.randomUUID(),
    email: DEMO_NEW_PATIENT,
    display_name: 'Sam Reed',
    created_at: now.toISOString(),
  });
}
