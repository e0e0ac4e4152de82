import { describe, expect, it } from 'vitest';
import { BOUNDS, DEFAULT_PROGRESSION_THRESHOLDS, validateThresholds } from './config';
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
