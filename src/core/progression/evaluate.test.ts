/**
 * Worked timelines for the adaptive plan, against the shipped library (its
 * bridge, squat and plank ladders are the §5.3 ladders).
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { loadLibrary } from '../../content/library';
import type { Precaution } from '../precautions/types';
import { evaluateProgression } from './evaluate';
import type {
  ExerciseSessionLog,
  MorningCheckIn,
  PlanItemState,
  ProgressionInput,
  ProgressionResult,
} from './types';

const LIB = loadLibrary();
const START = '2026-03-02';
const d = (n: number): string => addDays(START, n);

function item(slug: string, overrides: Partial<PlanItemState> = {}): PlanItemState {
  const ex = LIB.bySlug.get(slug);
  if (!ex) throw new Error(`no ${slug}`);
  return {
    id: `${ex.pillar}:${slug}`,
    pillar: ex.pillar as 'strength' | 'stretch',
    exercise: slug,
    dose: ex.defaultDose,
    since: START,
    ...overrides,
  };
}

function session(day: number, exercise: string, o: Partial<ExerciseSessionLog> = {}): ExerciseSessionLog {
  return {
    date: d(day),
    exercise,
    completed: true,
    painDuring: 2,
    feedback: 'right',
    control: 'good',
    symptomsSpread: false,
    ...o,
  };
}

/** One morning check-in per day from day `from` to day `to`, at `pain` (or pain(day)). */
function mornings(from: number, to: number, pain: number | ((day: number) => number)): MorningCheckIn[] {
  const out: MorningCheckIn[] = [];
  for (let i = from; i <= to; i++) {
    out.push({ date: d(i), painNow: typeof pain === 'number' ? pain : pain(i), warningSigns: [] });
  }
  return out;
}

function input(o: Partial<ProgressionInput> = {}): ProgressionInput {
  return {
    plan: { items: [item('glute-bridge')], activity: null },
    sessions: [],
    checkIns: [],
    activities: [],
    precautions: [],
    baselinePain: 5,
    startDate: START,
    ...o,
  };
}

const only = (r: ProgressionResult, id: string) => r.changes.filter((c) => c.itemId === id);
const kinds = (r: ProgressionResult) => r.escalations.map((e) => e.kind);

describe('pain-monitored progression of one exercise', () => {
  it('two green bridge sessions → level up to bridge-march', () => {
    const r = evaluateProgression(
      input({
        sessions: [session(0, 'glute-bridge'), session(2, 'glute-bridge')],
        checkIns: mornings(0, 3, 3),
      }),
      LIB,
      d(3),
    );
    expect(only(r, 'strength:glute-bridge')).toMatchObject([
      {
        kind: 'progress',
        from: { exercise: 'glute-bridge', level: 1 },
        to: { exercise: 'bridge-march', level: 2 },
      },
    ]);
    const c = r.changes[0]!;
    expect(c.ruleId).toBe('PROG-GREEN');
    expect(c.reason).toBe(
      'Your glute bridge moved up to bridge with march because your last two sessions felt comfortable (pain 3/10 or less) with good control, and your pain had settled by the next morning.',
    );
    expect(r.plan.items[0]).toMatchObject({ exercise: 'bridge-march', since: d(4) });
  });

  it('one green session is not enough: hold and say what is needed', () => {
    const r = evaluateProgression(
      input({ sessions: [session(0, 'glute-bridge')], checkIns: mornings(0, 1, 3) }),
      LIB,
      d(1),
    );
    expect(r.changes).toEqual([]);
    expect(r.decisions[0]).toMatchObject({ kind: 'hold', ruleId: 'PROG-HOLD-BUILDING', zone: 'green' });
  });

  it('does not step up without the next-morning check-in', () => {
    const r = evaluateProgression(
      input({
        sessions: [session(0, 'glute-bridge'), session(2, 'glute-bridge')],
        checkIns: mornings(0, 2, 3),
      }),
      LIB,
      d(3),
    );
    expect(r.changes).toEqual([]);
    expect(r.decisions[0]?.reason).toMatch(/no check-in from the next morning/);
  });

  it('amber pain during (4-5/10) → hold', () => {
    const r = evaluateProgression(
      input({
        sessions: [session(0, 'glute-bridge'), session(2, 'glute-bridge', { painDuring: 5 })],
        checkIns: mornings(0, 3, 3),
      }),
      LIB,
      d(3),
    );
    expect(r.changes).toEqual([]);
    expect(r.decisions[0]).toMatchObject({ kind: 'hold', ruleId: 'PROG-AMBER', zone: 'amber' });
  });

  it('next-morning pain up by 2 → regress', () => {
    const r = evaluateProgression(
      input({
        plan: { items: [item('bridge-march')], activity: null },
        sessions: [session(0, 'bridge-march')],
        checkIns: [...mornings(0, 0, 3), ...mornings(1, 1, 5)],
      }),
      LIB,
      d(1),
    );
    expect(r.changes).toMatchObject([
      { kind: 'regress', to: { exercise: 'glute-bridge' }, ruleId: 'PROG-RED' },
    ]);
    expect(r.changes[0]?.reason).toMatch(/next morning your pain was 2 points above your usual level/);
  });

  it('next-morning pain up by 1 → hold (amber)', () => {
    const r = evaluateProgression(
      input({
        plan: { items: [item('bridge-march')], activity: null },
        sessions: [session(0, 'bridge-march')],
        checkIns: [...mornings(0, 0, 3), ...mornings(1, 1, 4)],
      }),
      LIB,
      d(1),
    );
    expect(r.changes).toEqual([]);
    expect(r.decisions[0]?.zone).toBe('amber');
  });

  it('pain 7/10 during → regress', () => {
    const r = evaluateProgression(
      input({
        plan: { items: [item('single-leg-bridge')], activity: null },
        sessions: [session(0, 'single-leg-bridge', { painDuring: 7 })],
      }),
      LIB,
      d(0),
    );
    expect(r.changes).toMatchObject([
      { kind: 'regress', from: { level: 3 }, to: { exercise: 'bridge-march', level: 2 } },
    ]);
    expect(r.changes[0]?.reason).toMatch(/pain reached 7\/10 during the exercise/);
  });

  it('pain 7/10 on the lowest step → fewer reps first', () => {
    const r = evaluateProgression(
      input({ sessions: [session(0, 'glute-bridge', { painDuring: 7 })] }),
      LIB,
      d(0),
    );
    expect(r.changes).toMatchObject([
      { kind: 'doseDown', to: { exercise: 'glute-bridge', dose: { reps: 10 } } },
    ]);
  });

  it('symptoms spreading → regress and flag painSpreading', () => {
    const r = evaluateProgression(
      input({
        plan: { items: [item('bridge-march')], activity: null },
        sessions: [session(0, 'bridge-march', { symptomsSpread: true, painDuring: 3 })],
        checkIns: mornings(0, 0, 3),
      }),
      LIB,
      d(0),
    );
    expect(r.changes).toMatchObject([{ kind: 'regress', to: { exercise: 'glute-bridge' } }]);
    const e = r.escalations.find((x) => x.kind === 'painSpreading');
    expect(e).toMatchObject({ action: 'flag', severity: 'attention', since: d(0), ruleId: 'ESC-SPREADING' });
    expect(e?.patientMessage).toMatch(/book/);
    expect(e?.clinicianSummary).toMatch(/bridge-march/);
  });

  it("'hurts' on the lowest step → swap for a same-pillar, same-region exercise", () => {
    const r = evaluateProgression(
      input({ sessions: [session(0, 'glute-bridge', { feedback: 'hurts' })], checkIns: mornings(0, 0, 3) }),
      LIB,
      d(0),
    );
    expect(r.changes).toHaveLength(1);
    const c = r.changes[0]!;
    expect(c.kind).toBe('swap');
    const to = LIB.bySlug.get(c.to.exercise!)!;
    expect(to.pillar).toBe('strength');
    expect(to.regions).toContain('hip');
    expect(to.easier).toBeNull();
    expect(c.reason).toMatch(/already the easiest step/);
    expect(r.plan.items[0]?.avoid).toEqual(['glute-bridge']);
  });

  it("'too easy' twice → progress, even before the next-morning check-in", () => {
    const r = evaluateProgression(
      input({
        sessions: [
          session(0, 'glute-bridge', { feedback: 'tooEasy', painDuring: 1 }),
          session(2, 'glute-bridge', { feedback: 'tooEasy', painDuring: 0 }),
        ],
        checkIns: mornings(0, 2, 3),
      }),
      LIB,
      d(2),
    );
    expect(r.changes).toMatchObject([
      { kind: 'progress', ruleId: 'PROG-TOO-EASY', to: { exercise: 'bridge-march' } },
    ]);
  });

  it("'too hard' once → hold; twice → regress", () => {
    const once = evaluateProgression(
      input({
        plan: { items: [item('bridge-march')], activity: null },
        sessions: [session(0, 'bridge-march', { feedback: 'tooHard' })],
        checkIns: mornings(0, 1, 3),
      }),
      LIB,
      d(1),
    );
    expect(once.changes).toEqual([]);
    expect(once.decisions[0]?.ruleId).toBe('PROG-TOO-HARD-HOLD');
    const twice = evaluateProgression(
      input({
        plan: { items: [item('bridge-march')], activity: null },
        sessions: [
          session(0, 'bridge-march', { feedback: 'tooHard' }),
          session(2, 'bridge-march', { feedback: 'tooHard' }),
        ],
        checkIns: mornings(0, 3, 3),
      }),
      LIB,
      d(3),
    );
    expect(twice.changes).toMatchObject([
      { kind: 'regress', ruleId: 'PROG-TOO-HARD', to: { exercise: 'glute-bridge' } },
    ]);
  });

  it('poor control holds even when pain is green', () => {
    const r = evaluateProgression(
      input({
        sessions: [session(0, 'glute-bridge'), session(2, 'glute-bridge', { control: 'poor' })],
        checkIns: mornings(0, 3, 3),
      }),
      LIB,
      d(3),
    );
    expect(r.changes).toEqual([]);
    expect(r.decisions[0]?.ruleId).toBe('PROG-CONTROL');
  });

  it('green sessions without a form answer hold, and say what is missing; "ok" form counts as controlled', () => {
    const unknown = evaluateProgression(
      input({
        sessions: [session(0, 'glute-bridge', { control: null }), session(2, 'glute-bridge')],
        checkIns: mornings(0, 3, 3),
      }),
      LIB,
      d(3),
    );
    expect(unknown.changes).toEqual([]);
    expect(unknown.decisions[0]?.ruleId).toBe('PROG-CONTROL-UNKNOWN');
    expect(unknown.decisions[0]?.reason).toContain('whether you could keep good form');
    const ok = evaluateProgression(
      input({
        sessions: [
          session(0, 'glute-bridge', { control: 'ok' }),
          session(2, 'glute-bridge', { control: 'ok' }),
        ],
        checkIns: mornings(0, 3, 3),
      }),
      LIB,
      d(3),
    );
    expect(only(ok, 'strength:glute-bridge')).toMatchObject([{ kind: 'progress', ruleId: 'PROG-GREEN' }]);
  });

  it('a clinic threshold of one green session steps up after one session; the default needs two', () => {
    const oneSession = input({ sessions: [session(0, 'glute-bridge')], checkIns: mornings(0, 1, 3) });
    expect(evaluateProgression(oneSession, LIB, d(1)).changes).toEqual([]);
    const clinic = evaluateProgression(
      { ...oneSession, thresholds: { greenSessionsToProgress: 1 } },
      LIB,
      d(1),
    );
    expect(only(clinic, 'strength:glute-bridge')).toMatchObject([{ kind: 'progress' }]);
    expect(clinic.changes[0]?.reason).toContain('your last session felt comfortable');
  });

  it('at the top of the ladder, green sessions raise the dose (reps, then sets)', () => {
    const top = item('weighted-bridge', {
      dose: { ...LIB.bySlug.get('weighted-bridge')!.defaultDose, reps: 15, sets: 2 },
    });
    const r = evaluateProgression(
      input({
        plan: { items: [top], activity: null },
        sessions: [session(0, 'weighted-bridge'), session(2, 'weighted-bridge')],
        checkIns: mornings(0, 3, 3),
      }),
      LIB,
      d(3),
    );
    expect(r.changes).toMatchObject([
      { kind: 'doseUp', to: { exercise: 'weighted-bridge', dose: { reps: 15, sets: 3 } } },
    ]);
  });

  it('harder step forbidden by a posterior hip precaution → dose up instead, and says why', () => {
    const hip: Precaution = {
      kind: 'hipReplacement',
      side: 'left',
      approach: 'posterior',
      until: '2026-06-30',
    };
    const r = evaluateProgression(
      input({
        plan: { items: [item('sit-to-stand')], activity: null },
        sessions: [session(0, 'sit-to-stand'), session(2, 'sit-to-stand')],
        checkIns: mornings(0, 3, 3),
        precautions: [hip],
      }),
      LIB,
      d(3),
    );
    expect(r.changes).toMatchObject([
      { kind: 'doseUp', ruleId: 'PROG-SAFE-DOSE-UP', to: { exercise: 'sit-to-stand', dose: { reps: 12 } } },
    ]);
    expect(r.changes[0]?.reason).toMatch(
      /next step, sit to stand from a low chair, is not in your plan because it involves bending the hip further than a right angle/,
    );
    // Once the precaution has ended, the ladder is open again.
    const later = evaluateProgression(
      input({
        plan: { items: [item('sit-to-stand', { since: '2026-07-01' })], activity: null },
        sessions: [session(121, 'sit-to-stand'), session(123, 'sit-to-stand')],
        checkIns: mornings(121, 124, 3),
        precautions: [hip],
      }),
      LIB,
      d(124),
    );
    expect(later.changes).toMatchObject([{ kind: 'progress', to: { exercise: 'sit-to-stand-low' } }]);
  });

  it('an exercise that a new precaution forbids is swapped for an allowed one', () => {
    const r = evaluateProgression(
      input({
        plan: { items: [item('box-squat')], activity: null },
        precautions: [{ kind: 'hipReplacement', side: 'right', approach: 'posterior', until: '2026-06-30' }],
      }),
      LIB,
      d(0),
    );
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]).toMatchObject({ ruleId: 'PROG-PRECAUTION-NOW' });
    expect(LIB.bySlug.get(r.changes[0]!.to.exercise!)!.precautions).not.toContain('hipFlexionOver90');
  });

  it('locked exercise is never changed: the change becomes a suggestion for the PT', () => {
    const r = evaluateProgression(
      input({
        plan: { items: [item('glute-bridge', { locked: true })], activity: null },
        sessions: [session(0, 'glute-bridge'), session(2, 'glute-bridge')],
        checkIns: mornings(0, 3, 3),
      }),
      LIB,
      d(3),
    );
    expect(r.changes).toEqual([]);
    expect(r.plan.items[0]).toEqual(item('glute-bridge', { locked: true }));
    expect(r.suggestions).toMatchObject([{ kind: 'progress', to: { exercise: 'bridge-march' } }]);
    expect(r.decisions[0]).toMatchObject({ applied: false });
  });

  it('a whole-plan lock turns every change into a suggestion', () => {
    const r = evaluateProgression(
      input({
        plan: { items: [item('glute-bridge')], activity: null, locked: true },
        sessions: [session(0, 'glute-bridge', { painDuring: 8 })],
      }),
      LIB,
      d(0),
    );
    expect(r.changes).toEqual([]);
    expect(r.suggestions).toHaveLength(1);
  });

  it('after a regression, does not climb straight back within 7 days of the red session', () => {
    const sessions = [
      session(0, 'bridge-march', { painDuring: 7 }),
      session(2, 'glute-bridge'),
      session(4, 'glute-bridge'),
      session(8, 'glute-bridge'),
    ];
    const plan = { items: [item('glute-bridge', { since: d(1) })], activity: null };
    const soon = evaluateProgression(
      input({ plan, sessions: sessions.slice(0, 3), checkIns: mornings(0, 5, 3) }),
      LIB,
      d(5),
    );
    expect(soon.changes).toEqual([]);
    expect(soon.decisions[0]?.ruleId).toBe('PROG-RED-RECENT');
    const later = evaluateProgression(input({ plan, sessions, checkIns: mornings(0, 9, 3) }), LIB, d(9));
    expect(later.changes).toMatchObject([{ kind: 'progress', to: { exercise: 'bridge-march' } }]);
  });

  it('only sessions since the current prescription began count', () => {
    const r = evaluateProgression(
      input({
        plan: { items: [item('bridge-march', { since: d(4) })], activity: null },
        sessions: [session(0, 'bridge-march'), session(2, 'bridge-march'), session(4, 'bridge-march')],
        checkIns: mornings(0, 5, 3),
      }),
      LIB,
      d(5),
    );
    expect(r.changes).toEqual([]);
    expect(r.decisions[0]?.sessionsCounted).toBe(1);
  });
});

describe('a warning sign stops everything', () => {
  it('a warning sign stops every change and carries the triage result', () => {
    const r = evaluateProgression(
      input({
        sessions: [session(0, 'glute-bridge'), session(2, 'glute-bridge')],
        checkIns: [...mornings(0, 2, 3), { date: d(3), painNow: 4, warningSigns: ['weaknessOneLeg'] }],
      }),
      LIB,
      d(3),
    );
    expect(r.status).toBe('stopped');
    expect(r.changes).toEqual([]);
    expect(r.plan).toEqual(input().plan);
    expect(r.triage?.level).toBe('urgent');
    expect(r.escalations[0]).toMatchObject({
      kind: 'warningSign',
      action: 'flag',
      severity: 'urgent',
      triageLevel: 'urgent',
      since: d(3),
    });
    expect(r.escalations[0]?.patientMessage).toMatch(/Speak to a doctor today/);
  });

  it('bladder or bowel change is an emergency', () => {
    const r = evaluateProgression(
      input({ checkIns: [{ date: d(1), painNow: 6, warningSigns: ['newBladderOrBowelProblem'] }] }),
      LIB,
      d(1),
    );
    expect(r.escalations[0]).toMatchObject({ kind: 'warningSign', severity: 'emergency' });
  });

  it('signs known at intake, or already reviewed by the clinician, do not stop the plan', () => {
    const base = input({
      sessions: [session(0, 'glute-bridge'), session(2, 'glute-bridge')],
      checkIns: mornings(0, 3, 3).map((c) =>
        c.date === d(1) ? { ...c, warningSigns: ['cancerHistory' as const] } : c,
      ),
    });
    expect(evaluateProgression({ ...base, knownWarningSigns: ['cancerHistory'] }, LIB, d(3)).status).toBe(
      'adapted',
    );
    expect(evaluateProgression({ ...base, warningSignsReviewedThrough: d(1) }, LIB, d(3)).status).toBe(
      'adapted',
    );
    expect(evaluateProgression(base, LIB, d(3)).status).toBe('stopped');
  });
});

describe('escalation', () => {
  it('no improvement at 14 days → review suggested', () => {
    const r = evaluateProgression(input({ baselinePain: 6, checkIns: mornings(0, 14, 5) }), LIB, d(14));
    expect(r.escalations).toMatchObject([
      { kind: 'noImprovement2Weeks', action: 'reviewSuggested', severity: 'info', since: d(14) },
    ]);
    expect(r.escalations[0]?.patientMessage).toMatch(/book/);
  });

  it('no review at 13 days, nor when pain improved by 2 points', () => {
    expect(
      kinds(evaluateProgression(input({ baselinePain: 6, checkIns: mornings(0, 13, 5) }), LIB, d(13))),
    ).toEqual([]);
    expect(
      kinds(evaluateProgression(input({ baselinePain: 6, checkIns: mornings(0, 14, 4) }), LIB, d(14))),
    ).toEqual([]);
  });

  it('no improvement at 42 days → flag', () => {
    const r = evaluateProgression(input({ baselinePain: 6, checkIns: mornings(0, 42, 5) }), LIB, d(42));
    expect(r.escalations).toMatchObject([{ kind: 'noImprovement6Weeks', action: 'flag', since: d(42) }]);
  });

  it('pain clearly rising over several days → flag worsening, and no progression meanwhile', () => {
    const pain = (day: number) => (day < 10 ? 3 : 6);
    const r = evaluateProgression(
      input({
        baselinePain: 5,
        checkIns: mornings(0, 12, pain),
        sessions: [
          session(10, 'glute-bridge', { feedback: 'tooEasy', painDuring: 1 }),
          session(12, 'glute-bridge', { feedback: 'tooEasy', painDuring: 1 }),
        ],
      }),
      LIB,
      d(12),
    );
    expect(r.escalations.find((e) => e.kind === 'worsening')).toMatchObject({ action: 'flag', since: d(11) });
    expect(r.changes).toEqual([]);
    expect(r.decisions[0]?.ruleId).toBe('PROG-FLARE-HOLD');
  });

  it('3 days silent → nudge; 7 → flag', () => {
    const base = input({ checkIns: mornings(0, 2, 3) });
    expect(evaluateProgression(base, LIB, d(4)).escalations).toEqual([]);
    expect(evaluateProgression(base, LIB, d(5)).escalations).toMatchObject([
      { kind: 'quiet', action: 'nudge', severity: 'info', since: d(3) },
    ]);
    expect(evaluateProgression(base, LIB, d(9)).escalations).toMatchObject([
      { kind: 'silent', action: 'flag', severity: 'attention', since: d(3) },
    ]);
  });
});

describe('activity goal build-up', () => {
  const act = (days: number[], minutes: number, painDuring: number | null = 2) =>
    days.map((i) => ({ date: d(i), minutes, kind: 'walking', painDuring }));
  const withActivity = (o: Partial<ProgressionInput>) =>
    input({
      plan: { items: [], activity: { weeklyTargetMinutes: 50, since: START } },
      checkIns: mornings(0, 7, 3),
      ...o,
    });

  it('grows the weekly target by 20 % (rounded up to 5 min) when last week was met', () => {
    const r = evaluateProgression(withActivity({ activities: act([1, 2, 3, 4, 5], 10) }), LIB, d(7));
    expect(r.changes).toMatchObject([
      { kind: 'activityGoal', from: { weeklyMinutes: 50 }, to: { weeklyMinutes: 60 } },
    ]);
    expect(r.plan.activity).toEqual({ weeklyTargetMinutes: 60, since: d(8) });
  });

  it('holds when the target was not met, or when pain during activity was red', () => {
    expect(evaluateProgression(withActivity({ activities: act([1, 2, 3], 10) }), LIB, d(7)).changes).toEqual(
      [],
    );
    const red = evaluateProgression(withActivity({ activities: act([1, 2, 3, 4, 5], 10, 7) }), LIB, d(7));
    expect(red.changes).toEqual([]);
    expect(red.decisions.find((x) => x.itemId === 'activity')?.ruleId).toBe('ACT-HOLD-PAIN');
  });

  it('waits a full week at each target and never passes 150 minutes', () => {
    expect(
      evaluateProgression(withActivity({ activities: act([1, 2, 3, 4, 5], 10) }), LIB, d(6)).changes,
    ).toEqual([]);
    const r = evaluateProgression(
      input({
        plan: { items: [], activity: { weeklyTargetMinutes: 140, since: START } },
        checkIns: mornings(0, 7, 3),
        activities: act([1, 2, 3, 4, 5], 30),
      }),
      LIB,
      d(7),
    );
    expect(r.changes[0]?.to.weeklyMinutes).toBe(150);
  });
});
