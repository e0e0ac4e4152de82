/**
 * A simulated 12-week patient, generated deterministically (seeded PRNG):
 * morning pain falls from 6/10 to about 3 in two weeks, flares for two weeks
 * in weeks 6-7, then settles to about 2. Strength sessions Mon/Wed/Fri,
 * stretches daily, walks on weekdays. The engine runs every day after that
 * day's data has arrived; the plan history is printed week by week.
 */
import { describe, expect, it } from 'vitest';
import { addDays, weekdayOf } from '../dates';
import { loadLibrary } from '../../content/library';
import { runSelfCheck } from '../plan/run';
import { evaluateProgression, planStateFromPlan } from './evaluate';
import type {
  ActivityLog,
  EscalationKind,
  ExerciseSessionLog,
  MorningCheckIn,
  PlanChange,
  PlanState,
  SessionFeedback,
} from './types';

const LIB = loadLibrary();
const START = '2026-03-02'; // a Monday
const DAYS = 84;
const FLARE_FROM = 35;
const FLARE_TO = 48;

/** mulberry32: a tiny seeded PRNG, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const clamp = (x: number): number => Math.max(0, Math.min(10, Math.round(x)));
const inFlare = (day: number): boolean => day >= FLARE_FROM && day <= FLARE_TO;

/** The patient's underlying morning pain on a day (before noise). */
function trueMorningPain(day: number): number {
  if (day <= 14) return 6 - (3 * day) / 14;
  if (day < FLARE_FROM) return 3 - (0.5 * (day - 14)) / (FLARE_FROM - 14);
  if (day <= FLARE_FROM + 3) return 2.5 + (4.5 * (day - FLARE_FROM + 1)) / 4; // onset over 4 days, up to 7
  if (day <= 44) return 7;
  if (day <= FLARE_TO) return 7 - (3 * (day - 44)) / 4;
  return 4 - (2 * (day - FLARE_TO)) / (DAYS - FLARE_TO);
}

/** The ladder level the patient can handle comfortably: grows a level every 18 days, drops in the flare. */
function capacity(day: number): number {
  return 1 + day / 18 - (inFlare(day) ? 1.5 : 0);
}

/** Day 37 (Wednesday of week 6): symptoms spread down the leg during the bridge. */
const SPREAD_DAY = 37;

interface WeekRow {
  week: number;
  meanPain: number;
  levels: string;
  activityTarget: number;
  changes: string;
  flags: EscalationKind[];
}

function simulate(): {
  rows: WeekRow[];
  history: PlanState[];
  changes: { day: number; c: PlanChange }[];
  flags: { day: number; kind: EscalationKind }[];
} {
  const rnd = prng(20_260_302);
  const self = runSelfCheck(
    {
      age: 45,
      painAreas: ['lowBack', 'hipLeft'],
      painStartedWeeksAgo: 8,
      pain: { now: 6, worstLastWeek: 7 },
      warningSigns: [],
      precautions: [],
      activityMinutesLastWeek: 40,
      activities: [],
    },
    LIB,
    START,
  );
  if (!self.plan) throw new Error('expected a plan');
  let plan = planStateFromPlan(self.plan, START);
  const checkIns: MorningCheckIn[] = [];
  const sessions: ExerciseSessionLog[] = [];
  const activities: ActivityLog[] = [];
  const history: PlanState[] = [plan];
  const allChanges: { day: number; c: PlanChange }[] = [];
  const flags: { day: number; kind: EscalationKind }[] = [];
  const rows: WeekRow[] = [];
  let weekChanges: PlanChange[] = [];
  let weekFlags = new Set<EscalationKind>();
  let weekPain: number[] = [];

  for (let day = 0; day < DAYS; day++) {
    const date = addDays(START, day);
    const morning = clamp(trueMorningPain(day) + rnd() - 0.5);
    checkIns.push({ date, painNow: morning, warningSigns: [] });
    weekPain.push(morning);
    const weekday = weekdayOf(date);
    for (const item of plan.items) {
      const ex = LIB.bySlug.get(item.exercise)!;
      const strengthDay = weekday === 'mon' || weekday === 'wed' || weekday === 'fri';
      if (item.pillar === 'strength' && !strengthDay) continue;
      const gap = item.pillar === 'strength' ? ex.level - capacity(day) : -2;
      const during = clamp(0.5 * morning + 2 * Math.max(0, gap) + rnd() * 1.5 - 0.5);
      let feedback: SessionFeedback = 'right';
      if (during >= 6) feedback = rnd() < 0.3 ? 'hurts' : 'tooHard';
      else if (gap < -1 && during <= 2) feedback = rnd() < 0.5 ? 'tooEasy' : 'right';
      sessions.push({
        date,
        exercise: item.exercise,
        completed: true,
        painDuring: during,
        feedback,
        control: gap <= 0 ? 'good' : gap <= 0.75 ? 'ok' : 'poor',
        symptomsSpread: day === SPREAD_DAY && item.id === 'strength:bridge',
      });
    }
    const target = plan.activity?.weeklyTargetMinutes ?? 0;
    if (weekday !== 'sat' && weekday !== 'sun') {
      const share = inFlare(day) ? 0.6 : 1;
      activities.push({
        date,
        minutes: Math.ceil((target / 5) * share) + Math.floor(rnd() * 3),
        kind: 'walking',
        painDuring: clamp(0.4 * morning),
      });
    }

    const r = evaluateProgression(
      { plan, sessions, checkIns, activities, precautions: [], baselinePain: 6, startDate: START },
      LIB,
      date,
    );
    plan = r.plan;
    weekChanges.push(...r.changes);
    r.changes.forEach((c) => allChanges.push({ day, c }));
    for (const e of r.escalations) {
      weekFlags.add(e.kind);
      flags.push({ day, kind: e.kind });
    }

    if (day % 7 === 6) {
      history.push(plan);
      const count = (k: string) => weekChanges.filter((c) => c.kind === k).length;
      const summary = ['progress', 'doseUp', 'regress', 'doseDown', 'swap', 'activityGoal']
        .filter((k) => count(k) > 0)
        .map((k) => `${k}×${count(k)}`)
        .join(' ');
      rows.push({
        week: (day + 1) / 7,
        meanPain: Math.round((weekPain.reduce((a, b) => a + b, 0) / weekPain.length) * 10) / 10,
        levels: plan.items
          .filter((i) => i.pillar === 'strength')
          .map((i) => `${i.exercise}:${LIB.bySlug.get(i.exercise)!.level}`)
          .join(' '),
        activityTarget: plan.activity?.weeklyTargetMinutes ?? 0,
        changes: summary || '—',
        flags: [...weekFlags].sort(),
      });
      weekChanges = [];
      weekFlags = new Set();
      weekPain = [];
    }
  }
  return { rows, history, changes: allChanges, flags };
}

const levelSum = (p: PlanState): number =>
  p.items.filter((i) => i.pillar === 'strength').reduce((s, i) => s + LIB.bySlug.get(i.exercise)!.level, 0);

describe('a simulated 12-week patient with a flare-up in weeks 6-7', () => {
  const sim = simulate();

  it('prints the plan history week by week', () => {
    const lines = sim.rows.map(
      (r) =>
        `week ${String(r.week).padStart(2)} | pain ${r.meanPain.toFixed(1)} | activity ${String(r.activityTarget).padStart(3)} min | ${r.changes.padEnd(42)} | flags: ${r.flags.join(', ') || '—'}\n          levels: ${r.levels}`,
    );
    console.log(
      `Simulated 12-week plan history (level sum at start ${levelSum(sim.history[0]!)})\n${lines.join('\n')}`,
    );
    expect(sim.rows).toHaveLength(12);
  });

  it('raises strength levels over the first weeks', () => {
    expect(levelSum(sim.history[4]!)).toBeGreaterThan(levelSum(sim.history[0]!) + 2);
  });

  it('regresses during the flare and recovers afterwards', () => {
    const flareDown = sim.changes.filter(
      ({ day, c }) =>
        day >= FLARE_FROM && day <= FLARE_TO + 3 && ['regress', 'doseDown', 'swap'].includes(c.kind),
    );
    expect(flareDown.length).toBeGreaterThan(0);
    const flareLow = Math.min(levelSum(sim.history[6]!), levelSum(sim.history[7]!));
    expect(flareLow).toBeLessThan(levelSum(sim.history[5]!));
    expect(levelSum(sim.history[12]!)).toBeGreaterThan(flareLow);
  });

  it('never steps up during the worst of the flare', () => {
    const up = sim.changes.filter(
      ({ day, c }) => day >= FLARE_FROM + 2 && day <= 44 && ['progress', 'doseUp'].includes(c.kind),
    );
    expect(up).toEqual([]);
  });

  it('builds the activity target towards 150 minutes a week', () => {
    const targets = sim.history.map((p) => p.activity?.weeklyTargetMinutes ?? 0);
    expect(targets[12]).toBeGreaterThanOrEqual(120);
    expect(targets[12]).toBeLessThanOrEqual(150);
  });

  it('suggests no review while the patient is improving, and flags worsening during the flare', () => {
    const improvingFlags = sim.flags.filter(({ day, kind }) => day < FLARE_FROM && kind !== 'quiet');
    expect(improvingFlags).toEqual([]);
    expect(sim.flags.some(({ day, kind }) => inFlare(day) && kind === 'worsening')).toBe(true);
    expect(sim.flags.some(({ day, kind }) => day > FLARE_TO + 7 && kind === 'worsening')).toBe(false);
  });
});
