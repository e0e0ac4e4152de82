/**
 * Safety properties of the adaptive plan, each over 2,000 generated
 * histories against the shipped exercise library. The seed is fixed so a
 * failure reproduces; fast-check prints the smallest failing history.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import { loadLibrary } from '../../content/library';
import type { Exercise } from '../library/types';
import { activePrecautions, isForbidden } from '../precautions/precautions';
import type { Precaution } from '../precautions/types';
import { WARNING_SIGNS } from '../triage/signs';
import type { WarningSign } from '../triage/signs';
import { evaluateProgression } from './evaluate';
import { BOUNDS } from './config';
import type { ThresholdKey } from './config';
import type {
  ExerciseSessionLog,
  MorningCheckIn,
  PlanItemState,
  ProgressionInput,
  ProgressionResult,
} from './types';
import { MOVEMENT_CONTROL, SESSION_FEEDBACK } from './types';

const LIB = loadLibrary();
const RUNS = 2_000;
const SEED = 20_261_128;
const START = '2026-03-02';
const ADAPTABLE = LIB.exercises.filter((e) => e.pillar === 'strength' || e.pillar === 'stretch');

const precautionArb: fc.Arbitrary<Precaution> = fc.oneof(
  fc.record({
    kind: fc.constant('hipReplacement' as const),
    side: fc.constantFrom('left' as const, 'right' as const),
    approach: fc.constantFrom(
      'posterior' as const,
      'anterior' as const,
      'lateral' as const,
      'unknown' as const,
    ),
    until: fc.constant('2026-12-31'),
  }),
  fc.record({
    kind: fc.constant('pregnancy' as const),
    trimester: fc.constantFrom(1 as const, 2 as const, 3 as const),
  }),
  fc.constant({ kind: 'osteoporosis' as const }),
  fc.constant({ kind: 'vertebralFracture' as const }),
  fc.constant({ kind: 'recentSurgery' as const, until: '2026-12-31' }),
);

const pain = fc.integer({ min: 0, max: 10 });

function itemArb(ex: Exercise): fc.Arbitrary<PlanItemState> {
  const d = ex.defaultDose;
  return fc
    .record({
      reps: fc.integer({ min: 4, max: 16 }),
      hold: fc.integer({ min: 5, max: 70 }),
      sets: fc.integer({ min: 1, max: 4 }),
      since: fc.integer({ min: 0, max: 10 }),
      locked: fc.boolean(),
      variedDose: fc.boolean(),
    })
    .map((r) => ({
      id: `${ex.pillar}:${ex.slug}`,
      pillar: ex.pillar as 'strength' | 'stretch',
      exercise: ex.slug,
      dose: r.variedDose
        ? {
            ...d,
            sets: r.sets,
            ...(d.reps !== undefined ? { reps: r.reps } : {}),
            ...(d.holdSeconds !== undefined ? { holdSeconds: r.hold } : {}),
          }
        : d,
      since: addDays(START, r.since),
      ...(r.locked ? { locked: true } : {}),
    }));
}

const itemsArb: fc.Arbitrary<PlanItemState[]> = fc
  .uniqueArray(fc.constantFrom(...ADAPTABLE), { minLength: 1, maxLength: 5, selector: (e) => e.slug })
  .chain((exs) => fc.tuple(...exs.map(itemArb)));

function historyArb(withSigns: boolean): fc.Arbitrary<Case> {
  return fc
    .record({
      items: itemsArb,
      planLocked: fc.boolean(),
      days: fc.integer({ min: 0, max: 50 }),
      precautions: fc.array(precautionArb, { maxLength: 2 }),
      baselinePain: pain,
      weeklyTarget: fc.integer({ min: 0, max: 200 }),
      thresholds: fc.option(
        fc.dictionary(
          fc.constantFrom(...(Object.keys(BOUNDS) as ThresholdKey[])),
          fc.integer({ min: -2, max: 100 }),
          {
            maxKeys: 4,
          },
        ),
        { nil: undefined },
      ),
      seedSessions: fc.array(
        fc.record({
          day: fc.integer({ min: 0, max: 50 }),
          which: fc.nat(),
          completed: fc.boolean(),
          painDuring: fc.option(pain, { nil: null }),
          feedback: fc.option(fc.constantFrom(...SESSION_FEEDBACK), { nil: null }),
          control: fc.option(fc.constantFrom(...MOVEMENT_CONTROL), { nil: null }),
          symptomsSpread: fc.boolean(),
        }),
        { maxLength: 30 },
      ),
      checkIns: fc.array(
        fc.record({
          day: fc.integer({ min: 0, max: 50 }),
          painNow: pain,
          usualPain: fc.option(pain, { nil: undefined }),
          legSymptomsSpread: fc.boolean(),
          warningSigns: withSigns
            ? fc.uniqueArray(fc.constantFrom(...WARNING_SIGNS), { maxLength: 2 })
            : fc.constant([] as WarningSign[]),
        }),
        { maxLength: 40 },
      ),
      activities: fc.array(
        fc.record({
          day: fc.integer({ min: 0, max: 50 }),
          minutes: fc.integer({ min: 0, max: 90 }),
          p: fc.option(pain),
        }),
        { maxLength: 20 },
      ),
    })
    .map((r) => {
      const sessions: ExerciseSessionLog[] = r.seedSessions.map((s) => ({
        date: addDays(START, s.day),
        exercise: r.items[s.which % r.items.length]!.exercise,
        completed: s.completed,
        painDuring: s.painDuring,
        feedback: s.feedback,
        control: s.control,
        symptomsSpread: s.symptomsSpread,
      }));
      const checkIns: MorningCheckIn[] = r.checkIns.map((c) => ({
        date: addDays(START, c.day),
        painNow: c.painNow,
        ...(c.usualPain !== undefined ? { usualPain: c.usualPain } : {}),
        legSymptomsSpread: c.legSymptomsSpread,
        warningSigns: c.warningSigns,
      }));
      const input: ProgressionInput = {
        plan: {
          items: r.items,
          activity: { weeklyTargetMinutes: r.weeklyTarget, since: START },
          ...(r.planLocked ? { locked: true } : {}),
        },
        sessions,
        checkIns,
        activities: r.activities.map((a) => ({
          date: addDays(START, a.day),
          minutes: a.minutes,
          kind: 'walking',
          painDuring: a.p,
        })),
        precautions: r.precautions,
        baselinePain: r.baselinePain,
        startDate: START,
        ...(r.thresholds ? { thresholds: r.thresholds } : {}),
      };
      const c: Case = { ...input, today: addDays(START, r.days) };
      return c;
    });
}

/**
 * Calm histories: a check-in every day and a session every other day per
 * item, mostly in the green zone, so progressions and dose steps happen too;
 * a few sessions are perturbed at random.
 */
function calmArb(withSigns: boolean): fc.Arbitrary<Case> {
  return fc
    .record({
      base: historyArb(withSigns),
      morning: fc.integer({ min: 0, max: 6 }),
      days: fc.integer({ min: 2, max: 21 }),
      easy: fc.boolean(),
      noise: fc.array(fc.record({ at: fc.nat(), painDuring: pain, spread: fc.boolean() }), { maxLength: 3 }),
    })
    .map(({ base, morning, days, easy, noise }) => {
      const today = addDays(START, days);
      const checkIns: MorningCheckIn[] = [];
      for (let i = 0; i <= days; i++)
        checkIns.push({ date: addDays(START, i), painNow: morning, warningSigns: [] });
      const sessions: ExerciseSessionLog[] = [];
      for (const item of base.plan.items) {
        for (let i = 0; i <= days; i += 2) {
          const date = addDays(START, i);
          if (date < item.since) continue;
          sessions.push({
            date,
            exercise: item.exercise,
            completed: true,
            painDuring: easy ? 0 : 2,
            feedback: easy ? 'tooEasy' : 'right',
            control: 'good',
            symptomsSpread: false,
          });
        }
      }
      for (const n of noise) {
        const s = sessions[n.at % Math.max(1, sessions.length)];
        if (s) Object.assign(s, { painDuring: n.painDuring, symptomsSpread: n.spread });
      }
      const signs = base.checkIns.filter((c) => c.warningSigns.length > 0).slice(0, 1);
      return { ...base, today, checkIns: [...checkIns, ...signs], sessions };
    });
}

type Case = ProgressionInput & { today: string };
const run = (c: Case): ProgressionResult => evaluateProgression(c, LIB, c.today);
const histories: fc.Arbitrary<Case> = fc.oneof(historyArb(false), calmArb(false));
const anyHistories: fc.Arbitrary<Case> = fc.oneof(
  historyArb(false),
  historyArb(true),
  calmArb(false),
  calmArb(true),
);
const params = { numRuns: RUNS, seed: SEED };

// Each property runs 2,000 evaluations; the unit project's timeout (vitest.config.ts) allows for a busy machine.
describe('adaptive plan safety properties (shipped library, 2,000 histories each)', () => {
  it('never moves an exercise into one an active precaution forbids', () => {
    fc.assert(
      fc.property(histories, (c) => {
        const active = activePrecautions(c.precautions, c.today);
        for (const ch of [...run(c).changes, ...run(c).suggestions]) {
          if (ch.to.exercise === undefined || ch.to.exercise === ch.from.exercise) continue;
          expect(isForbidden(LIB.bySlug.get(ch.to.exercise)!, active)).toBe(false);
        }
      }),
      params,
    );
  });

  it('never moves an exercise more than one step per evaluation', () => {
    fc.assert(
      fc.property(anyHistories, (c) => {
        const r = run(c);
        const ids = r.changes.map((x) => x.itemId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const ch of r.changes) {
          if (ch.kind === 'activityGoal') continue;
          const from = LIB.bySlug.get(ch.from.exercise!)!;
          if (ch.kind === 'progress') expect(ch.to.exercise).toBe(from.harder);
          if (ch.kind === 'regress') expect(ch.to.exercise).toBe(from.easier);
          if (ch.kind === 'swap') {
            const to = LIB.bySlug.get(ch.to.exercise!)!;
            expect(to.pillar).toBe(from.pillar);
            expect(to.level).toBeLessThanOrEqual(from.level);
          }
          if (ch.kind === 'doseUp' || ch.kind === 'doseDown') {
            expect(ch.to.exercise).toBe(ch.from.exercise);
            const a = ch.from.dose!;
            const b = ch.to.dose!;
            const moved = [
              Math.abs((b.reps ?? 0) - (a.reps ?? 0)),
              Math.abs((b.holdSeconds ?? 0) - (a.holdSeconds ?? 0)),
              Math.abs(b.sets - a.sets),
            ].filter((x) => x > 0);
            expect(moved).toHaveLength(1);
            expect(Math.abs(b.sets - a.sets)).toBeLessThanOrEqual(1);
            expect(Math.abs((b.reps ?? 0) - (a.reps ?? 0))).toBeLessThanOrEqual(r.thresholds.repsStep);
            expect(Math.abs((b.holdSeconds ?? 0) - (a.holdSeconds ?? 0))).toBeLessThanOrEqual(
              r.thresholds.holdStepSeconds,
            );
          }
        }
      }),
      params,
    );
  });

  it('a new warning sign means zero changes, and an emergency/urgent escalation when triage says so', () => {
    fc.assert(
      fc.property(fc.oneof(historyArb(true), calmArb(true)), (c) => {
        const r = run(c);
        const signed = c.checkIns.some((x) => x.date <= c.today && x.warningSigns.length > 0);
        if (!signed) return;
        expect(r.status).toBe('stopped');
        expect(r.changes).toEqual([]);
        expect(r.suggestions).toEqual([]);
        expect(r.plan).toEqual(c.plan);
        const e = r.escalations.find((x) => x.kind === 'warningSign');
        expect(e?.triageLevel).toBe(r.triage?.level);
        if (r.triage?.level === 'emergency') expect(e?.severity).toBe('emergency');
        if (r.triage?.level === 'urgent') expect(e?.severity).toBe('urgent');
      }),
      params,
    );
  });

  it('is deterministic and does not touch its input', () => {
    fc.assert(
      fc.property(anyHistories, (c) => {
        const copy = structuredClone(c);
        const a = run(c);
        expect(c).toEqual(copy);
        expect(run(copy)).toEqual(a);
      }),
      params,
    );
  });

  it('never changes a locked item (or anything in a locked plan)', () => {
    fc.assert(
      fc.property(anyHistories, (c) => {
        const r = run(c);
        for (const item of c.plan.items) {
          if (!(item.locked || c.plan.locked)) continue;
          expect(r.plan.items.find((x) => x.id === item.id)).toEqual(item);
          expect(r.changes.some((x) => x.itemId === item.id)).toBe(false);
        }
        if (c.plan.locked) {
          expect(r.changes).toEqual([]);
          expect(r.plan.activity).toEqual(c.plan.activity);
        }
      }),
      params,
    );
  });

  it('explains every change, suggestion, decision and escalation with a reason and a source', () => {
    fc.assert(
      fc.property(anyHistories, (c) => {
        const r = run(c);
        for (const x of [...r.changes, ...r.suggestions]) {
          expect(x.reason.length).toBeGreaterThan(20);
          expect(x.source).not.toBe('');
          expect(x.ruleId).toMatch(/^(PROG|ACT)-/);
        }
        for (const x of r.decisions) {
          expect(x.reason).not.toBe('');
          expect(x.source).not.toBe('');
        }
        for (const e of r.escalations) {
          expect(e.patientMessage).not.toBe('');
          expect(e.clinicianSummary).not.toBe('');
          expect(e.source).not.toBe('');
        }
        // Holds are derivable: one decision per adaptable item unless stopped.
        if (r.status === 'adapted') {
          expect(r.decisions.filter((x) => x.itemId !== 'activity')).toHaveLength(c.plan.items.length);
        }
      }),
      params,
    );
  });
});

describe('the generated histories are not vacuous', () => {
  it('produce every kind of change, locked suggestions and stopped evaluations', () => {
    const results = fc.sample(anyHistories, { numRuns: RUNS, seed: SEED }).map(run);
    const kinds = new Set(results.flatMap((r) => r.changes.map((c) => c.kind)));
    expect([...kinds].sort()).toEqual(['activityGoal', 'doseDown', 'doseUp', 'progress', 'regress', 'swap']);
    const rules = new Set(results.flatMap((r) => r.decisions.map((c) => c.ruleId)));
    expect(rules).toContain('PROG-SAFE-DOSE-UP');
    expect(rules).toContain('PROG-PRECAUTION-NOW');
    expect(results.some((r) => r.suggestions.length > 0)).toBe(true);
    expect(results.filter((r) => r.status === 'stopped').length).toBeGreaterThan(RUNS / 10);
  });
});
