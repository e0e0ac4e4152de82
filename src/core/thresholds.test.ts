import { describe, expect, it } from 'vitest';
import { THRESHOLDS } from './thresholds';

describe('thresholds', () => {
  it.each(Object.entries(THRESHOLDS))('%s names a source and a unit', (_name, th) => {
    expect(Number.isFinite(th.value)).toBe(true);
    expect(th.unit.length).toBeGreaterThan(0);
    expect(th.source.length).toBeGreaterThan(0);
  });

  it('keeps the published MCIDs as in clinical-facts §3', () => {
    expect(THRESHOLDS.painMcidPoints.value).toBe(2);
    expect(THRESHOLDS.painMcidPercent.value).toBe(30);
    expect(THRESHOLDS.odiMcidPoints.value).toBe(10);
    expect(THRESHOLDS.psfsMdcAveragePoints.value).toBe(2);
  });

  it('adds up: 30 minutes on 5 days is the 150-minute weekly goal', () => {
    expect(THRESHOLDS.activityGoalMinutesPerSession.value * THRESHOLDS.activityGoalDaysPerWeek.value).toBe(
      THRESHOLDS.activityGoalMinutesPerWeek.value,
    );
  });

  it('marks every number that is not straight from a source as a design proposal', () => {
    for (const th of Object.values(THRESHOLDS)) {
      if (th.source.includes('DESIGN') || th.source.includes('sanity')) {
        expect('designProposal' in th && th.designProposal).toBe(true);
      }
    }
  });
});
