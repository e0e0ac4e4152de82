/**
 * Safety properties of the whole self-check (triage + plan), checked over
 * 10,000 generated answer sets per property against the shipped exercise
 * library and the hand-tagged fixture. Seeds are fixed so a failure
 * reproduces; fast-check prints the smallest failing answer set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import type { Library } from '../library/library';
import { PRECAUTION_TAGS } from '../library/types';
import { activePrecautions, forbiddenTags } from '../precautions/precautions';
import { HIP_APPROACHES } from '../precautions/types';
import type { Precaution } from '../precautions/types';
import { selfCheckInputSchema, PAIN_AREAS, PAIN_TRENDS, PREFERRED_ACTIVITIES } from '../selfcheck/schema';
import type { SelfCheckInput } from '../selfcheck/schema';
import { loadLibrary } from '../../content/library';
import { fixtureLibrary } from '../testing/fixture-library';
import { EMERGENCY_SIGNS, WARNING_SIGNS } from '../triage/signs';
import type { WarningSign } from '../triage/signs';
import { runSelfCheck } from './run';

const RUNS = 10_000;
const SEED = 20_260_302;

/**
 * The shipped library gets the full 10,000 runs per property; the fixture,
 * whose tags are chosen to force substitutions, gets 2,000 more.
 */
const LIBRARIES: [string, Library, number][] = [
  ['shipped library', loadLibrary(), RUNS],
  ['fixture library', fixtureLibrary(), 2_000],
];

// ── Arbitraries: valid self-check answers ────────────────────────────────

const dateArb = fc.integer({ min: 0, max: 6 * 365 }).map((d) => addDays('2025-01-01', d));

const precautionArb: fc.Arbitrary<Precaution> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('hipReplacement' as const),
      side: fc.constantFrom('left' as const, 'right' as const),
      approach: fc.constantFrom(...HIP_APPROACHES),
      restrictions: fc.subarray([...PRECAUTION_TAGS], { maxLength: 4 }),
      until: dateArb,
    },
    { requiredKeys: ['kind', 'side', 'approach'] },
  ),
  fc.record({
    kind: fc.constant('pregnancy' as const),
    trimester: fc.constantFrom(1 as const, 2 as const, 3 as const),
  }),
  fc.constant({ kind: 'osteoporosis' as const }),
  fc.constant({ kind: 'vertebralFracture' as const }),
  fc.record({ kind: fc.constant('recentSurgery' as const), until: dateArb }, { requiredKeys: ['kind'] }),
);

const warningSignsArb: fc.Arbitrary<WarningSign[]> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<WarningSign[]>([]) },
  { weight: 3, arbitrary: fc.subarray([...WARNING_SIGNS], { minLength: 1, maxLength: 3 }) },
);

const painArb = fc
  .tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }))
  .map(([a, b]) => ({ now: Math.min(a, b), worstLastWeek: Math.max(a, b) }));

const hoursArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 23 * 60 + 59 }), { minLength: 2, maxLength: 2 })
  .map((pair) => {
    const [start, end] = [...pair].sort((x, y) => x - y) as [number, number];
    const fmt = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { start: fmt(start), end: fmt(end) };
  });

const inflammatoryArb = fc.record({
  onsetBeforeAge40: fc.boolean(),
  insidiousOnset: fc.boolean(),
  improvesWithExercise: fc.boolean(),
  noImprovementWithRest: fc.boolean(),
  nightPainImprovesOnGettingUp: fc.boolean(),
});

const answersArb: fc.Arbitrary<SelfCheckInput> = fc.record(
  {
    age: fc.integer({ min: 16, max: 110 }),
    painAreas: fc.subarray([...PAIN_AREAS], { minLength: 1 }),
    painStartedWeeksAgo: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2600 })),
    pain: painArb,
    warningSigns: warningSignsArb,
    precautions: fc.uniqueArray(precautionArb, {
      maxLength: 4,
      selector: (p) => (p.kind === 'hipReplacement' ? `hip-${p.side}` : p.kind),
    }),
    activityMinutesLastWeek: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 5040 })),
    activities: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom('socks', 'stairs', 'gardening', 'lifting a child', 'driving', 'running'),
        score: fc.integer({ min: 0, max: 10 }),
      }),
      { maxLength: 5, selector: (a) => a.name },
    ),
    movementBreakHours: hoursArb,
    preferredActivity: fc.constantFrom(...PREFERRED_ACTIVITIES),
    trend: fc.constantFrom(...PAIN_TRENDS),
    hadSimilarPainBefore: fc.boolean(),
    inflammatory: inflammatoryArb,
  },
  {
    requiredKeys: [
      'age',
      'painAreas',
      'painStartedWeeksAgo',
      'pain',
      'warningSigns',
      'precautions',
      'activityMinutesLastWeek',
      'activities',
    ],
  },
);

describe('the generated answer sets', () => {
  it('are all accepted by the request schema (so the properties below test real requests)', () => {
    fc.assert(
      fc.property(answersArb, (input) => {
        expect(selfCheckInputSchema.safeParse(input).success).toBe(true);
      }),
      { numRuns: 2_000, seed: SEED },
    );
  });
});

// 10,000 runs take several seconds each; the unit project's timeout (vitest.config.ts) leaves room for a busy machine.
describe.each(LIBRARIES)('self-check properties with the %s', (_name, library, numRuns) => {
  const PARAMS = { numRuns, seed: SEED };

  it('never gives a plan to an emergency or urgent result, and always to soon or self-care', () => {
    fc.assert(
      fc.property(answersArb, dateArb, (input, today) => {
        const { triage, plan } = runSelfCheck(input, library, today);
        if (triage.level === 'emergency' || triage.level === 'urgent') expect(plan).toBeNull();
        else expect(plan).not.toBeNull();
      }),
      PARAMS,
    );
  });

  it('makes any emergency-tier warning sign an emergency, whatever else is true', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...EMERGENCY_SIGNS), dateArb, (input, sign, today) => {
        const withSign = { ...input, warningSigns: [...new Set([...input.warningSigns, sign])] };
        const { triage, plan } = runSelfCheck(withSign, library, today);
        expect(triage.level).toBe('emergency');
        expect(plan).toBeNull();
        expect(triage.reasons.map((r) => r.code)).toContain(sign);
      }),
      PARAMS,
    );
  });

  it('never puts an exercise in a plan whose tags meet a forbidden tag of an active precaution', () => {
    fc.assert(
      fc.property(answersArb, dateArb, (input, today) => {
        const { plan } = runSelfCheck(input, library, today);
        if (!plan) return;
        const forbidden = forbiddenTags(activePrecautions(input.precautions, today));
        for (const item of plan.items) {
          if (item.exercise === null) continue;
          const exercise = library.bySlug.get(item.exercise);
          expect(exercise, `unknown slug ${item.exercise}`).toBeDefined();
          const clash = exercise?.precautions.filter((tag) => forbidden.has(tag)) ?? [];
          expect(clash, `${item.exercise} clashes with ${clash.join(', ')}`).toEqual([]);
        }
      }),
      PARAMS,
    );
  });

  it('gives every self-care plan all five pillars', () => {
    fc.assert(
      fc.property(answersArb, dateArb, (input, today) => {
        const { triage, plan } = runSelfCheck(input, library, today);
        if (triage.level !== 'selfCare') return;
        const pillars = new Set(plan?.items.map((i) => i.pillar));
        expect([...pillars].sort()).toEqual([
          'activity',
          'guidance',
          'movementBreaks',
          'strength',
          'stretch',
        ]);
      }),
      PARAMS,
    );
  });

  it('is deterministic: the same answers twice give deep-equal results', () => {
    fc.assert(
      fc.property(answersArb, dateArb, (input, today) => {
        const first = runSelfCheck(input, library, today);
        const second = runSelfCheck(structuredClone(input), library, today);
        // Results are plain JSON data, so equal serialisations mean deep-equal results
        // (even stricter: same key order), and comparing strings is fast over 10,000 runs.
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      PARAMS,
    );
  });

  it('gives every item a non-empty reason, a unique id and no exercise twice', () => {
    fc.assert(
      fc.property(answersArb, dateArb, (input, today) => {
        const { triage, plan } = runSelfCheck(input, library, today);
        expect(triage.advice.length).toBeGreaterThan(0);
        if (!plan) return;
        for (const item of plan.items) expect(item.reason.trim().length).toBeGreaterThan(0);
        const ids = plan.items.map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        const exercises = plan.items.flatMap((i) => (i.exercise ? [i.exercise] : []));
        expect(new Set(exercises).size).toBe(exercises.length);
        if (plan.triageLevel === 'soon') expect(plan.items[0]?.priority).toBe('high');
      }),
      PARAMS,
    );
  });
});
