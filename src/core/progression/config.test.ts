import { describe, expect, it } from 'vitest';
import {
  BOUNDS,
  DEFAULT_PROGRESSION_THRESHOLDS,
  THRESHOLD_INFO,
  checkThresholds,
  validateThresholds,
} from './config';
import type { ThresholdKey } from './config';

describe('validateThresholds', () => {
  it('keeps every default inside its own bounds', () => {
    for (const [k, b] of Object.entries(BOUNDS)) {
      const v = DEFAULT_PROGRESSION_THRESHOLDS[k as ThresholdKey];
      expect(v, k).toBeGreaterThanOrEqual(b.min);
      expect(v, k).toBeLessThanOrEqual(b.max);
    }
    expect(validateThresholds({})).toEqual({ thresholds: DEFAULT_PROGRESSION_THRESHOLDS, problems: [] });
  });

  it('accepts values inside the bounds', () => {
    const r = validateThresholds({ painDuringMax: 4, greenSessionsToProgress: 3, reviewAfterDays: 21 });
    expect(r.problems).toEqual([]);
    expect(r.thresholds).toMatchObject({ painDuringMax: 4, greenSessionsToProgress: 3, reviewAfterDays: 21 });
  });

  it('never lets pain during exercise go above 5/10: clamps and says so', () => {
    const r = validateThresholds({ painDuringMax: 7 });
    expect(r.thresholds.painDuringMax).toBe(5);
    expect(r.problems).toEqual(['painDuringMax: 7 is above the highest allowed value 5; set to 5.']);
  });

  it('clamps green sessions to 1-4, review day to 7-21 and silence to 2-14', () => {
    const r = validateThresholds({ greenSessionsToProgress: 0, reviewAfterDays: 30, silenceNudgeDays: 1 });
    expect(r.thresholds).toMatchObject({
      greenSessionsToProgress: 1,
      reviewAfterDays: 21,
      silenceNudgeDays: 2,
    });
    expect(r.problems).toHaveLength(3);
  });

  it('refuses non-numbers, fractions, unknown keys and contradictions, keeping the default', () => {
    const r = validateThresholds({
      painDuringMax: Number.NaN,
      greenSessionsToProgress: 2.5,
      bogus: 3,
      silenceNudgeDays: 8,
      silenceFlagDays: 5,
    });
    expect(r.thresholds.painDuringMax).toBe(5);
    expect(r.thresholds.greenSessionsToProgress).toBe(2);
    expect(r.thresholds.silenceNudgeDays).toBe(3);
    expect(r.thresholds.silenceFlagDays).toBe(7);
    expect(r.problems.join('\n')).toMatch(/must be a number/);
    expect(r.problems.join('\n')).toMatch(/whole number/);
    expect(r.problems.join('\n')).toMatch(/bogus: not a progression threshold/);
    expect(r.problems.join('\n')).toMatch(/silenceNudgeDays must be below silenceFlagDays/);
  });

  it('refuses a green zone that reaches the red limit', () => {
    const r = validateThresholds({ painDuringMax: 3 });
    expect(r.thresholds.painDuringMax).toBe(5);
    expect(r.problems[0]).toMatch(/painDuringGreenMax must be below painDuringMax/);
  });
});

describe('checkThresholds (what a clinic may store)', () => {
  it('accepts every bound itself and the defaults', () => {
    expect(checkThresholds({})).toEqual([]);
    expect(checkThresholds({ ...DEFAULT_PROGRESSION_THRESHOLDS })).toEqual([]);
    for (const [k, b] of Object.entries(BOUNDS)) {
      const key = k as ThresholdKey;
      // Each bound alone, with any partner in an ordering kept valid by the defaults where possible.
      for (const v of [b.min, b.max]) {
        const problems = checkThresholds({ [key]: v });
        for (const p of problems) expect(p.message, `${key}=${v}`).toMatch(/must be (below|at most)/);
      }
    }
  });

  it('refuses, never clamps, a value just outside each bound, naming the key and the range', () => {
    for (const [k, b] of Object.entries(BOUNDS)) {
      const step = b.integer ? 1 : 0.5;
      for (const v of [b.min - step, b.max + step]) {
        const problems = checkThresholds({ [k]: v });
        expect(problems, `${k}=${v}`).toHaveLength(1);
        expect(problems[0]!.key).toBe(k);
        expect(problems[0]!.message).toContain(`from ${b.min} to ${b.max}`);
      }
    }
  });

  it('never accepts pain during exercise above 5/10', () => {
    expect(checkThresholds({ painDuringMax: 6 })[0]?.message).toBe(
      'Highest acceptable pain during exercise: 6 is outside the allowed range, from 3 to 5 points out of 10.',
    );
  });

  it('refuses fractions, non-numbers, unknown keys and broken orderings', () => {
    expect(checkThresholds({ repsStep: 1.5 })[0]?.message).toMatch(/whole number/);
    expect(checkThresholds({ repsStep: '2' })[0]?.message).toMatch(/enter a number/);
    expect(checkThresholds({ bogus: 1 })[0]).toEqual({
      key: 'bogus',
      message: 'bogus is not a threshold a clinic can set.',
    });
    expect(checkThresholds({ reviewAfterDays: 21, reassessAfterDays: 28 })).toEqual([]);
    expect(checkThresholds({ nextMorningAmberRise: 2, nextMorningRedRise: 2 })[0]?.key).toBe(
      'nextMorningAmberRise',
    );
  });

  it('explains every threshold with a label, a unit and a source', () => {
    for (const k of Object.keys(BOUNDS) as ThresholdKey[]) {
      const i = THRESHOLD_INFO[k];
      expect(i.label.length, k).toBeGreaterThan(5);
      expect(i.explain.length, k).toBeGreaterThan(20);
      expect(i.unit.length, k).toBeGreaterThan(0);
      expect(i.source.length, k).toBeGreaterThan(3);
    }
  });
});
