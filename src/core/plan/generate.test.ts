/**
 * Worked plans on the hand-tagged fixture library, so each expectation
 * follows from tags we can see (src/core/testing/fixture-library.ts).
 */
import { describe, expect, it } from 'vitest';
import type { SelfCheckInput } from '../selfcheck/schema';
import { fixtureLibrary } from '../testing/fixture-library';
import { activityBuildUp, generatePlan } from './generate';
import { selfCheckResponseSchema } from '../selfcheck/response';
import { runSelfCheck } from './run';
import type { Plan, PlanItem } from './types';

const TODAY = '2026-03-02';
const LIB = fixtureLibrary();

function answers(overrides: Partial<SelfCheckInput> = {}): SelfCheckInput {
  return {
    age: 40,
    painAreas: ['lowBack', 'hipLeft'],
    painStartedWeeksAgo: 3,
    pain: { now: 3, worstLastWeek: 5 },
    warningSigns: [],
    precautions: [],
    activityMinutesLastWeek: 60,
    activities: [],
    ...overrides,
  };
}

function plan(overrides: Partial<SelfCheckInput> = {}): Plan {
  const p = generatePlan(answers(overrides), LIB, TODAY);
  if (!p) throw new Error('expected a plan');
  return p;
}

function item(p: Plan, id: string): PlanItem {
  const found = p.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id} in ${p.items.map((i) => i.id).join(', ')}`);
  return found;
}

const slugs = (p: Plan): (string | null)[] => p.items.map((i) => i.exercise);

describe('generatePlan', () => {
  it('builds all five pillars for someone with no precautions', () => {
    const p = plan();
    expect(new Set(p.items.map((i) => i.pillar))).toEqual(
      new Set(['strength', 'stretch', 'movementBreaks', 'activity', 'guidance']),
    );
    expect(p.items.filter((i) => i.pillar === 'strength').map((i) => i.exercise)).toEqual([
      'kneeling-plank',
      'side-plank',
      'bird-dog',
      'bridge-march',
      'clamshell',
      'sit-to-stand-low',
      'split-squat',
    ]);
    expect(p.items.filter((i) => i.pillar === 'stretch').map((i) => i.exercise)).toEqual([
      'hip-flexor-stretch-kneeling',
      'seated-hamstring-stretch',
      'piriformis-stretch-lying',
      'cat-cow',
    ]);
  });

  it('starts every ladder at level 1 when pain is high', () => {
    const p = plan({ pain: { now: 7, worstLastWeek: 8 } });
    expect(p.painBand).toBe('high');
    expect(p.startLevel).toBe(1);
    expect(slugs(p)).toEqual(
      expect.arrayContaining([
        'wall-plank',
        'side-plank-knees',
        'glute-bridge',
        'sit-to-stand',
        'supported-split-stance',
      ]),
    );
    // High pain: strength on 2 days with at most 2 sets.
    const bridge = item(p, 'strength:bridge');
    expect(bridge.schedule.daysPerWeek).toBe(2);
    expect(bridge.dose?.sets).toBe(2);
    expect(bridge.reason).toMatch(/step 1 of 4/);
    expect(bridge.reason).toMatch(/7\/10 now/);
  });

  it('starts at level 3 when pain is low and the person already meets the activity goal', () => {
    const p = plan({ pain: { now: 1, worstLastWeek: 3 }, activityMinutesLastWeek: 200 });
    expect(p.startLevel).toBe(3);
    expect(item(p, 'strength:squat').exercise).toBe('box-squat');
  });

  it('caps the starting level at 2 when a precaution is active', () => {
    const p = plan({
      pain: { now: 1, worstLastWeek: 3 },
      activityMinutesLastWeek: 200,
      precautions: [{ kind: 'osteoporosis' }],
    });
    expect(p.startLevel).toBe(2);
  });

  it('never prescribes a flexion-past-90° exercise after a posterior hip replacement, and says what it replaced', () => {
    const p = plan({ precautions: [{ kind: 'hipReplacement', side: 'left', approach: 'posterior' }] });
    const glute = item(p, 'stretch:gluteal');
    expect(glute.exercise).not.toMatch(/piriformis|figure-4/);
    expect(glute.substitutedFor?.slug).toBe('piriformis-stretch-lying');
    expect(glute.substitutedFor?.because).toMatch(/bending the hip further than a right angle/);
    expect(glute.reason).toMatch(/instead of Piriformis stretch lying/);
    // Level 2 squat (low chair) flexes past 90°: the engine steps down the ladder to sit-to-stand.
    const squat = item(p, 'strength:squat');
    expect(squat.exercise).toBe('sit-to-stand');
    expect(squat.substitutedFor?.slug).toBe('sit-to-stand-low');
  });

  it('replaces lying-on-the-back exercises from the second trimester', () => {
    const p = plan({ precautions: [{ kind: 'pregnancy', trimester: 2 }] });
    const bridge = item(p, 'strength:bridge');
    expect(bridge.exercise).not.toMatch(/bridge/);
    expect(bridge.substitutedFor?.because).toMatch(/lying flat on your back/);
    for (const i of p.items) {
      const e = i.exercise ? LIB.bySlug.get(i.exercise) : undefined;
      expect(e?.precautions ?? []).not.toContain('lyingOnBack');
    }
  });

  it('keeps lying on the back in the first trimester', () => {
    const p = plan({ precautions: [{ kind: 'pregnancy', trimester: 1 }] });
    expect(item(p, 'strength:bridge').exercise).toBe('bridge-march');
  });

  it('walks instead of swimming while a surgical wound heals, and says so', () => {
    const p = plan({
      preferredActivity: 'swimming',
      precautions: [{ kind: 'recentSurgery', until: '2026-04-01' }],
    });
    const activity = p.items.find((i) => i.pillar === 'activity');
    expect(activity?.exercise).toBe('walking');
    expect(activity?.substitutedFor).toEqual({
      slug: 'swimming',
      because: 'it involves swimming or other activity in water, which your recent surgery rules out',
    });
  });

  it('uses the chosen activity when it is allowed', () => {
    const p = plan({ preferredActivity: 'swimming' });
    expect(p.items.find((i) => i.pillar === 'activity')?.exercise).toBe('swimming');
  });

  it('notes a caution without removing the exercise (osteoporosis and weights)', () => {
    const p = plan({
      pain: { now: 0, worstLastWeek: 1 },
      activityMinutesLastWeek: 300,
      precautions: [{ kind: 'osteoporosis' }],
    });
    // Capped at level 2: weights are not reached, so no caution on strength items.
    expect(p.items.some((i) => i.cautions && i.cautions.length > 0)).toBe(false);
  });

  it('keeps an exercise that only meets a caution, and shows the caution (anterior approach, turning out)', () => {
    const p = plan({ precautions: [{ kind: 'hipReplacement', side: 'left', approach: 'anterior' }] });
    const clam = item(p, 'strength:hipAbduction');
    expect(clam.exercise).toBe('clamshell');
    expect(clam.cautions?.[0]).toMatch(/turning the hip outwards/);
  });

  it('never hard-fails when preferred slugs are missing from the library', () => {
    const lib = fixtureLibrary([
      'glute-bridge',
      'bridge-march',
      'walking',
      'cat-cow',
      'desk-walk-break',
      'bird-dog',
    ]);
    const p = generatePlan(answers(), lib, TODAY);
    expect(p).not.toBeNull();
    const pillars = new Set(p?.items.map((i) => i.pillar));
    expect(pillars.size).toBe(5);
    expect(p?.items.find((i) => i.id === 'strength:bridge')?.exercise).toBe('single-leg-bridge');
    expect(p?.items.find((i) => i.pillar === 'activity')?.exercise).toBe('stationary-cycling');
  });

  it('still fills every pillar with an empty library', () => {
    const p = generatePlan(answers(), { exercises: [], bySlug: new Map() }, TODAY);
    expect(new Set(p?.items.map((i) => i.pillar)).size).toBe(5);
    expect(p?.items.filter((i) => i.exercise !== null)).toEqual([]);
  });

  it('gives a soon result a gentle plan led by a "see your doctor" item', () => {
    const p = plan({ warningSigns: ['unexplainedWeightLoss'], pain: { now: 1, worstLastWeek: 2 } });
    expect(p.triageLevel).toBe('soon');
    expect(p.items[0]?.id).toBe('guidance:seeDoctor');
    expect(p.items[0]?.priority).toBe('high');
    expect(p.items[0]?.reason).toMatch(/Losing weight without trying/);
    expect(p.startLevel).toBe(1);
  });

  it('gives no plan for emergency or urgent results', () => {
    expect(generatePlan(answers({ warningSigns: ['saddleNumbness'] }), LIB, TODAY)).toBeNull();
    expect(generatePlan(answers({ warningSigns: ['weaknessOneLeg'] }), LIB, TODAY)).toBeNull();
    const r = runSelfCheck(answers({ warningSigns: ['hotSwollenHip'] }), LIB, TODAY);
    expect(r.triage.level).toBe('emergency');
    expect(r.plan).toBeNull();
  });

  it('sets review points at 2 and 6 weeks, with the person’s own pain target', () => {
    const p = plan({ pain: { now: 6, worstLastWeek: 7 } });
    expect(p.reviews).toEqual([
      { week: 2, date: '2026-03-16' },
      { week: 6, date: '2026-04-13' },
    ]);
    expect(item(p, 'guidance:review2').reason).toMatch(/drop to 4\/10 or lower from today's 6\/10/);
    expect(item(p, 'guidance:review6').schedule.on).toBe('2026-04-13');
  });

  it('explains assumed precautions in a guidance item', () => {
    const p = plan({ precautions: [{ kind: 'hipReplacement', side: 'right', approach: 'anterior' }] });
    expect(p.precautions[0]).toMatchObject({
      kind: 'hipReplacement',
      untilAssumed: true,
      rulesAssumed: true,
      until: '2026-04-13',
    });
    expect(item(p, 'guidance:precautions').reason).toMatch(/did not tell us your surgeon's restrictions/);
  });

  it('places movement breaks in the chosen hours, taking turns', () => {
    const p = plan({ movementBreakHours: { start: '08:00', end: '12:00' } });
    const breaks = p.items.filter((i) => i.pillar === 'movementBreaks' && i.exercise !== null);
    expect(breaks).toHaveLength(3);
    const times = breaks.flatMap((b) => b.schedule.times ?? []).sort();
    expect(times).toEqual(['08:45', '09:30', '10:15', '11:00', '11:45']);
    expect(item(p, 'movementBreaks:workstation').checklist?.length).toBeGreaterThan(3);
  });

  it('makes breaks more frequent when pain is high', () => {
    const p = plan({
      pain: { now: 8, worstLastWeek: 9 },
      movementBreakHours: { start: '09:00', end: '11:00' },
    });
    const times = p.items
      .flatMap((i) => (i.pillar === 'movementBreaks' ? (i.schedule.times ?? []) : []))
      .sort();
    expect(times).toEqual(['09:30', '10:00', '10:30']);
  });

  it('records the baseline and the goals to measure progress against', () => {
    const p = plan({
      activities: [
        { name: ' putting on socks ', score: 4 },
        { name: 'stairs', score: 6 },
      ],
    });
    expect(p.baseline).toEqual({ painNow: 3, painWorstLastWeek: 5, psfs: 5, activityMinutesLastWeek: 60 });
    expect(p.goals).toEqual([
      { name: 'putting on socks', score: 4 },
      { name: 'stairs', score: 6 },
    ]);
  });
});

describe('activityBuildUp', () => {
  it('builds from 40 minutes a week to 30 minutes on 5 days in 5 weeks', () => {
    expect(activityBuildUp(40, 'moderate').map((w) => w.minutesPerSession)).toEqual([10, 15, 20, 25, 30]);
  });

  it('starts at 5 minutes when pain is high and the person is inactive', () => {
    const weeks = activityBuildUp(0, 'high');
    expect(weeks[0]).toEqual({ week: 1, minutesPerSession: 5, sessionsPerWeek: 5, weeklyMinutes: 25 });
    expect(weeks.at(-1)?.weeklyMinutes).toBe(150);
  });

  it('starts from what the person already does', () => {
    expect(activityBuildUp(110, 'low').map((w) => w.minutesPerSession)).toEqual([20, 25, 30]);
  });

  it('keeps someone who already meets the goal at the goal', () => {
    expect(activityBuildUp(400, 'low')).toEqual([
      { week: 1, minutesPerSession: 30, sessionsPerWeek: 5, weeklyMinutes: 150 },
    ]);
  });
});

describe('the response contract', () => {
  it.each([
    [
      'self-care with precautions',
      { precautions: [{ kind: 'pregnancy', trimester: 3 }, { kind: 'osteoporosis' }] },
    ],
    ['soon', { warningSigns: ['nightPain'] }],
    ['emergency', { warningSigns: ['saddleNumbness'] }],
  ] as [string, Partial<SelfCheckInput>][])('describes a %s result exactly', (_name, overrides) => {
    const result = runSelfCheck(answers(overrides), LIB, TODAY);
    expect(selfCheckResponseSchema.parse(result)).toEqual(result);
  });
});
