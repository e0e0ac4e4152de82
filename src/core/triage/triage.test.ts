import { describe, expect, it } from 'vitest';
import type { SelfCheckInput } from '../selfcheck/schema';
import { EMERGENCY_SIGNS, WARNING_SIGN_DEFINITIONS, WARNING_SIGNS } from './signs';
import type { WarningSign } from './signs';
import { triage } from './triage';

function answers(overrides: Partial<SelfCheckInput> = {}): SelfCheckInput {
  return {
    age: 40,
    painAreas: ['lowBack'],
    painStartedWeeksAgo: 3,
    pain: { now: 4, worstLastWeek: 6 },
    warningSigns: [],
    precautions: [],
    activityMinutesLastWeek: 60,
    activities: [],
    ...overrides,
  };
}

const NOT_A_DIAGNOSIS = /hipback is not a diagnosis/g;

describe('triage advice', () => {
  it('tells an emergency to go to an emergency department now', () => {
    const r = triage(answers({ warningSigns: ['saddleNumbness'] }));
    expect(r.advice).toMatch(/emergency department now/);
    expect(r.advice).toMatch(/within hours/);
  });

  it('tells an urgent case to speak to a doctor today, within 24 hours', () => {
    const r = triage(answers({ warningSigns: ['weaknessOneLeg'] }));
    expect(r.advice).toMatch(/today, within 24 hours/);
    expect(r.advice).toMatch(/Pause the exercises/);
  });

  it('tells a soon case to book a doctor within days and keeps a safety net', () => {
    const r = triage(answers({ warningSigns: ['unexplainedWeightLoss'] }));
    expect(r.advice).toMatch(/within the next few days/);
    expect(r.advice).toMatch(/emergency department straight away/);
  });

  it('reassures a self-care case and still gives the safety net', () => {
    const r = triage(answers());
    expect(r.level).toBe('selfCare');
    expect(r.advice).toMatch(/emergency department straight away/);
  });

  it.each(['emergency', 'urgent', 'soon', 'selfCare'] as const)(
    'says exactly once, at level %s, that hipback is not a diagnosis',
    (level) => {
      const signs: Record<typeof level, WarningSign | null> = {
        emergency: 'majorTrauma',
        urgent: 'weaknessOneLeg',
        soon: 'nightPain',
        selfCare: null,
      };
      const sign = signs[level];
      const r = triage(answers({ warningSigns: sign ? [sign] : [] }));
      expect(r.level).toBe(level);
      expect(r.advice.match(NOT_A_DIAGNOSIS)).toHaveLength(1);
    },
  );

  it('lists reasons most urgent first', () => {
    const r = triage(answers({ warningSigns: ['structuralDeformity', 'weaknessOneLeg', 'hotSwollenHip'] }));
    expect(r.reasons.map((x) => x.level)).toEqual(['emergency', 'urgent', 'soon']);
  });

  it('gives every reason a message and a source', () => {
    const r = triage(
      answers({ warningSigns: [...WARNING_SIGNS], age: 70, painAreas: ['lowBack', 'legLeft'] }),
    );
    for (const reason of r.reasons) {
      expect(reason.message.length).toBeGreaterThan(10);
      expect(reason.source.length).toBeGreaterThan(1);
    }
  });

  it('has a question, message and source for every warning sign', () => {
    for (const sign of WARNING_SIGNS) {
      const d = WARNING_SIGN_DEFINITIONS[sign];
      expect(d.question.endsWith('?')).toBe(true);
      expect(d.message.length).toBeGreaterThan(10);
      expect(d.source).toMatch(/RF\d+/);
    }
  });

  it('treats the cauda equina, infection and fracture signs as emergency signs', () => {
    expect([...EMERGENCY_SIGNS].sort()).toEqual(
      [
        'newBladderOrBowelProblem',
        'saddleNumbness',
        'newSexualDysfunction',
        'sciaticaBothLegs',
        'weaknessBothLegs',
        'weaknessRapidlyWorsening',
        'gaitDisturbance',
        'feverOrUnwell',
        'hotSwollenHip',
        'cannotBearWeight',
        'legShortenedOrTurned',
        'majorTrauma',
      ].sort(),
    );
  });
});
