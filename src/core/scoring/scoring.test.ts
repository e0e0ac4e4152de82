import { describe, expect, it } from 'vitest';
import {
  hoos,
  hoosSubscale,
  odiChange,
  oswestry,
  painChange,
  painImprovementTarget,
  psfsChange,
  psfsScore,
  startBack,
} from './scoring';

describe('painChange (NPRS, MCID 2 points or 30 %)', () => {
  it.each<[number, number, string, string]>([
    [6, 4, 'improved', 'a 2-point drop'],
    [8, 6, 'improved', 'a 2-point (25 %) drop still counts by points'],
    [3, 2, 'improved', 'a 1-point drop from 3 is 33 %'],
    [10, 7, 'improved', 'exactly 30 % counts'],
    [10, 8, 'improved', '2 points'],
    [6, 5, 'noMeaningfulChange', '1 point, 17 %'],
    [5, 5, 'noMeaningfulChange', 'no change'],
    [4, 6, 'worsened', 'a 2-point rise'],
    [3, 4, 'worsened', 'a 1-point rise from 3 is 33 %'],
    [7, 8, 'noMeaningfulChange', 'a 1-point rise from 7 is 14 %'],
    [0, 1, 'noMeaningfulChange', 'from 0, only points count'],
    [0, 2, 'worsened', 'from 0, a 2-point rise'],
  ])('%i → %i is %s (%s)', (baseline, current, category) => {
    expect(painChange(baseline, current).category).toBe(category);
  });

  it('reports the change and the percentage', () => {
    expect(painChange(8, 6)).toEqual({
      baseline: 8,
      current: 6,
      change: -2,
      percentChange: -25,
      category: 'improved',
    });
    expect(painChange(0, 0).percentChange).toBeNull();
  });

  it('refuses a score outside 0-10', () => {
    expect(() => painChange(11, 3)).toThrow(RangeError);
  });

  it('finds the highest score that would be a meaningful improvement', () => {
    expect(painImprovementTarget(5)).toBe(3);
    expect(painImprovementTarget(10)).toBe(8);
    expect(painImprovementTarget(3)).toBe(2);
    expect(painImprovementTarget(0)).toBeNull();
  });
});

describe('PSFS', () => {
  it('is the mean of the activity ratings', () => {
    expect(psfsScore([4, 6, 5])).toBe(5);
    expect(psfsScore([3])).toBe(3);
  });

  it('refuses more than 5 activities or a rating outside 0-10', () => {
    expect(() => psfsScore([1, 2, 3, 4, 5, 6])).toThrow(RangeError);
    expect(() => psfsScore([])).toThrow(RangeError);
    expect(() => psfsScore([11])).toThrow(RangeError);
  });

  it('counts a 2-point rise in the mean as real improvement, sized by the MCIDs', () => {
    // (3+4+2)/3 = 3 → (6+6+3)/3 = 5: +2 → beyond MDC, "small" (≥1.3, <2.3)
    const c = psfsChange([3, 4, 2], [6, 6, 3]);
    expect(c.change).toBe(2);
    expect(c.category).toBe('improved');
    expect(c.improvementSize).toBe('small');
    expect(c.activities.map((a) => a.beyondMeasurementError)).toEqual([true, false, false]);
  });

  it('calls a 1.5-point rise not beyond measurement error, though a small MCID', () => {
    const c = psfsChange([4, 4], [5, 6]);
    expect(c.change).toBe(1.5);
    expect(c.category).toBe('noMeaningfulChange');
    expect(c.improvementSize).toBe('small');
  });

  it('calls a 3-point rise a large improvement and a 2-point fall a worsening', () => {
    expect(psfsChange([2, 2, 2], [5, 5, 5]).improvementSize).toBe('large');
    expect(psfsChange([6, 6], [4, 4]).category).toBe('worsened');
  });

  it('refuses a follow-up that rates different activities', () => {
    expect(() => psfsChange([1, 2], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('STarT Back', () => {
  const no8 = [false, false, false, false, false, false, false, false];

  it('is low risk with 3 or fewer positive items', () => {
    expect(startBack({ items1to8: [true, true, false, false, true, false, false, false], item9: 0 })).toEqual(
      {
        total: 3,
        psychosocial: 1,
        risk: 'low',
      },
    );
  });

  it('is medium risk with 4+ positive items but 3 or fewer psychosocial (items 5-9)', () => {
    expect(startBack({ items1to8: [true, true, true, true, false, false, false, false], item9: 4 })).toEqual({
      total: 5,
      psychosocial: 1,
      risk: 'medium',
    });
  });

  it('is high risk when 4 or more of items 5-9 are positive', () => {
    expect(startBack({ items1to8: [false, false, false, false, true, true, true, true], item9: 0 })).toEqual({
      total: 4,
      psychosocial: 4,
      risk: 'high',
    });
  });

  it('counts item 9 only for its top two options', () => {
    const withItems5to8 = [false, false, false, false, true, true, true, false];
    expect(startBack({ items1to8: withItems5to8, item9: 2 }).risk).toBe('low');
    expect(startBack({ items1to8: withItems5to8, item9: 3 })).toMatchObject({
      total: 4,
      psychosocial: 4,
      risk: 'high',
    });
    expect(startBack({ items1to8: no8, item9: 4 }).total).toBe(1);
  });

  it('refuses the wrong number of answers or an item-9 option out of range', () => {
    expect(() => startBack({ items1to8: [true], item9: 0 })).toThrow(RangeError);
    expect(() => startBack({ items1to8: no8, item9: 5 })).toThrow(RangeError);
  });
});

describe('Oswestry Disability Index', () => {
  it('doubles the sum when all 10 sections are answered', () => {
    // sum 17 → 34 %
    expect(oswestry([2, 1, 3, 2, 2, 1, 2, 0, 2, 2])).toEqual({
      percent: 34,
      answeredSections: 10,
      band: 'moderate',
    });
  });

  it('lowers the denominator by 5 for each section left out', () => {
    // 9 sections (sex life skipped), sum 18 → 18 / 45 = 40 %
    const r = oswestry([2, 2, 2, 2, 2, 2, 2, null, 2, 2]);
    expect(r?.answeredSections).toBe(9);
    expect(r?.percent).toBe(40);
    expect(r?.band).toBe('moderate');
    // 8 sections, sum 13 → 13 / 40 = 32.5 %
    expect(oswestry([3, 1, 2, 1, null, 2, 1, null, 2, 1])?.percent).toBe(32.5);
  });

  it.each([
    [0, 'minimal'],
    [20, 'minimal'],
    [22, 'moderate'],
    [40, 'moderate'],
    [42, 'severe'],
    [60, 'severe'],
    [62, 'verySevere'],
    [80, 'verySevere'],
    [82, 'extreme'],
    [100, 'extreme'],
  ] as const)('places %i %% in band %s', (percent, band) => {
    const sum = percent / 2;
    const sections = Array.from({ length: 10 }, (_, i) => Math.min(5, Math.max(0, sum - i * 5)));
    expect(oswestry(sections)?.band).toBe(band);
  });

  it('returns null when no section is answered and refuses bad input', () => {
    expect(oswestry(Array.from({ length: 10 }, () => null))).toBeNull();
    expect(() => oswestry([1, 2, 3])).toThrow(RangeError);
    expect(() => oswestry([6, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toThrow(RangeError);
  });

  it('calls a 10-point or 30 % drop a meaningful improvement', () => {
    expect(odiChange(40, 30).category).toBe('improved');
    expect(odiChange(20, 14).category).toBe('improved');
    expect(odiChange(50, 42).category).toBe('noMeaningfulChange');
    expect(odiChange(30, 40).category).toBe('worsened');
  });
});

describe('HOOS subscales', () => {
  it('scores 100 − mean/4 × 100', () => {
    expect(hoosSubscale('qol', [0, 0, 0, 0])).toBe(100);
    expect(hoosSubscale('qol', [4, 4, 4, 4])).toBe(0);
    expect(hoosSubscale('qol', [1, 2, 3, 2])).toBe(50);
    // Pain: mean of (1,1,2,2,1,1,2,2,1,1) = 1.4 → 65
    expect(hoosSubscale('pain', [1, 1, 2, 2, 1, 1, 2, 2, 1, 1])).toBeCloseTo(65, 10);
  });

  it('scores a subscale with half its items answered and refuses fewer', () => {
    // Symptoms has 5 items: 3 needed.
    expect(hoosSubscale('symptoms', [2, 2, 2, null, null])).toBe(50);
    expect(hoosSubscale('symptoms', [2, 2, null, null, null])).toBeNull();
    // ADL has 17 items: 9 needed.
    const adl9 = [...Array.from({ length: 9 }, () => 1), ...Array.from({ length: 8 }, () => null)];
    expect(hoosSubscale('adl', adl9)).toBe(75);
    expect(hoosSubscale('adl', [null, ...adl9.slice(1)])).toBeNull();
  });

  it('scores all five subscales independently, with no total', () => {
    const r = hoos({
      pain: Array.from({ length: 10 }, () => 0),
      symptoms: Array.from({ length: 5 }, () => 4),
      adl: Array.from({ length: 17 }, () => 2),
      sportRec: [null, null, null, 1],
      qol: [1, 1, 1, 1],
    });
    expect(r).toEqual({ pain: 100, symptoms: 0, adl: 50, sportRec: null, qol: 75 });
  });

  it('refuses the wrong item count or an answer outside 0-4', () => {
    expect(() => hoosSubscale('qol', [1, 2, 3])).toThrow(RangeError);
    expect(() => hoosSubscale('qol', [1, 2, 3, 5])).toThrow(RangeError);
  });
});
