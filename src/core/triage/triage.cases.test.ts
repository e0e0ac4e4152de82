/**
 * Worked cases: one row per warning sign, per precaution and for the
 * combinations in clinical-facts §1.4, each with the expected result and the
 * source it rests on. A clinician reviewing the rules can read this table.
 */
import { describe, expect, it } from 'vitest';
import type { PrecautionTag } from '../library/types';
import { activePrecautions, forbiddenTags } from '../precautions/precautions';
import type { Precaution } from '../precautions/types';
import type { SelfCheckInput } from '../selfcheck/schema';
import { WARNING_SIGNS } from './signs';
import type { TriageLevel, WarningSign } from './signs';
import { triage } from './triage';

const TODAY = '2026-03-02';

/** A 40-year-old with 3 weeks of hip and back pain, no warning signs. */
function answers(overrides: Partial<SelfCheckInput> = {}): SelfCheckInput {
  return {
    age: 40,
    painAreas: ['lowBack', 'hipLeft'],
    painStartedWeeksAgo: 3,
    pain: { now: 4, worstLastWeek: 6 },
    warningSigns: [],
    precautions: [],
    activityMinutesLastWeek: 60,
    activities: [],
    ...overrides,
  };
}

describe('one warning sign on its own', () => {
  const rows: [WarningSign, TriageLevel, string][] = [
    ['newBladderOrBowelProblem', 'emergency', 'RF7, RF8, RF9'],
    ['saddleNumbness', 'emergency', 'RF5, RF7, RF8'],
    ['newSexualDysfunction', 'emergency', 'RF7, RF8'],
    ['sciaticaBothLegs', 'emergency', 'RF7, RF8'],
    ['weaknessBothLegs', 'emergency', 'RF5, RF7, RF8'],
    ['weaknessRapidlyWorsening', 'emergency', 'RF5, RF8'],
    ['gaitDisturbance', 'emergency', 'RF5'],
    ['weaknessOneLeg', 'urgent', 'RF10'],
    ['legNumbness', 'urgent', 'RF10, clinical-facts §8 (DESIGN PROPOSAL)'],
    ['feverOrUnwell', 'emergency', 'RF5, RF6, RF14'],
    ['hotSwollenHip', 'emergency', 'RF6, RF14'],
    ['ivDrugUseOrImmunosuppressed', 'soon', 'RF5 (DESIGN PROPOSAL)'],
    ['cannotBearWeight', 'emergency', 'RF6, RF13, RF14'],
    ['legShortenedOrTurned', 'emergency', 'RF14, RF18'],
    ['majorTrauma', 'emergency', 'RF2, RF5, RF6'],
    ['minorFallWithOsteoporosisOrSteroids', 'soon', 'RF2, RF5, RF10'],
    ['cancerHistory', 'soon', 'RF2, RF3, RF4, RF5'],
    ['unexplainedWeightLoss', 'soon', 'RF3, RF5'],
    ['nightPain', 'soon', 'RF5, RF6, RF13'],
    ['thoracicPain', 'soon', 'RF3 (DESIGN PROPOSAL)'],
    ['severeUnrelentingPain', 'soon', 'RF6, RF11 (DESIGN PROPOSAL)'],
    ['structuralDeformity', 'soon', 'RF5'],
  ];

  it('covers every warning sign', () => {
    expect(rows.map((r) => r[0]).sort()).toEqual([...WARNING_SIGNS].sort());
  });

  it.each(rows)('%s alone → %s (%s)', (sign, level) => {
    // Hip pain only, so no leg pain, and no age rule applies.
    const result = triage(answers({ warningSigns: [sign], painAreas: ['hipLeft'] }));
    expect(result.level).toBe(level);
    expect(result.reasons.map((r) => r.code)).toEqual([sign]);
  });
});

describe('combinations (clinical-facts §1.4)', () => {
  const rows: [string, Partial<SelfCheckInput>, TriageLevel, string[], string][] = [
    [
      'cancer + new one-leg weakness',
      { warningSigns: ['cancerHistory', 'weaknessOneLeg'] },
      'emergency',
      ['cancerWithNeurologicalSymptoms'],
      'RF11 CG75: neurological symptoms → immediately',
    ],
    [
      'cancer + new leg numbness',
      { warningSigns: ['cancerHistory', 'legNumbness'] },
      'emergency',
      ['cancerWithNeurologicalSymptoms'],
      'RF11',
    ],
    [
      'cancer + thoracic pain',
      { warningSigns: ['cancerHistory', 'thoracicPain'] },
      'urgent',
      ['cancerWithSpinalPainFeatures'],
      'RF11 CG75: within 24 h',
    ],
    [
      'cancer + night pain',
      { warningSigns: ['cancerHistory', 'nightPain'] },
      'urgent',
      ['cancerWithSpinalPainFeatures'],
      'RF11',
    ],
    [
      'cancer + severe unremitting pain',
      { warningSigns: ['cancerHistory', 'severeUnrelentingPain'] },
      'urgent',
      ['cancerWithSpinalPainFeatures'],
      'RF11',
    ],
    [
      'cancer + pain down a leg',
      { warningSigns: ['cancerHistory'], painAreas: ['lowBack', 'legRight'] },
      'urgent',
      ['cancerWithLegPain'],
      'RF11 radicular pain (DESIGN PROPOSAL)',
    ],
    [
      'fever + immunosuppression',
      { warningSigns: ['feverOrUnwell', 'ivDrugUseOrImmunosuppressed'] },
      'emergency',
      ['feverWithInfectionRisk'],
      'RF5, RF10',
    ],
    ['age 51, back pain started 3 weeks ago', { age: 51 }, 'soon', ['newBackPainOver50'], 'RF5'],
    ['age 18, new back pain', { age: 18 }, 'soon', ['newBackPainUnder20'], 'RF5'],
    ['age 50 exactly, new back pain', { age: 50 }, 'selfCare', [], 'RF5 (>50)'],
    [
      'age 60, back pain for a year',
      { age: 60, painStartedWeeksAgo: 52 },
      'selfCare',
      [],
      'RF5 (new-onset only)',
    ],
    [
      'age 60, new episode of a known back problem',
      { age: 60, hadSimilarPainBefore: true },
      'selfCare',
      [],
      'RF5 (new-onset only; DESIGN PROPOSAL)',
    ],
    [
      'age 60, new hip pain only',
      { age: 60, painAreas: ['hipRight'] },
      'selfCare',
      [],
      'RF5 is a spinal flag',
    ],
    [
      'not improving after 8 weeks, age 40, no risk factor',
      { painStartedWeeksAgo: 8, trend: 'same' },
      'selfCare',
      [],
      'RF5 (only in combination)',
    ],
    [
      'not improving after 8 weeks + weight loss',
      { painStartedWeeksAgo: 8, trend: 'worse', warningSigns: ['unexplainedWeightLoss'] },
      'soon',
      ['unexplainedWeightLoss', 'notImprovingWithRiskFactor'],
      'RF3, RF5',
    ],
    [
      'ASAS 4 of 5 for 6 months',
      {
        painStartedWeeksAgo: 26,
        inflammatory: {
          onsetBeforeAge40: true,
          insidiousOnset: true,
          improvesWithExercise: true,
          noImprovementWithRest: true,
          nightPainImprovesOnGettingUp: false,
        },
      },
      'soon',
      ['inflammatoryBackPainPattern'],
      'RF12',
    ],
    [
      'ASAS 3 of 5 for 6 months',
      {
        painStartedWeeksAgo: 26,
        inflammatory: {
          onsetBeforeAge40: true,
          insidiousOnset: true,
          improvesWithExercise: true,
          noImprovementWithRest: false,
          nightPainImprovesOnGettingUp: false,
        },
      },
      'selfCare',
      [],
      'RF12 (≥4 needed)',
    ],
    [
      'ASAS 5 of 5 but only 8 weeks',
      {
        painStartedWeeksAgo: 8,
        inflammatory: {
          onsetBeforeAge40: true,
          insidiousOnset: true,
          improvesWithExercise: true,
          noImprovementWithRest: true,
          nightPainImprovesOnGettingUp: true,
        },
      },
      'selfCare',
      [],
      'RF12 (>3 months needed)',
    ],
    [
      'emergency wins over urgent and soon, all reasons listed',
      { warningSigns: ['nightPain', 'weaknessOneLeg', 'saddleNumbness'] },
      'emergency',
      ['saddleNumbness', 'weaknessOneLeg', 'nightPain'],
      'highest tier wins',
    ],
  ];

  it.each(rows)('%s → %s', (_name, overrides, level, codes) => {
    const result = triage(answers(overrides));
    expect(result.level).toBe(level);
    for (const code of codes) expect(result.reasons.map((r) => r.code)).toContain(code);
    if (level === 'selfCare') expect(result.reasons).toEqual([]);
  });
});

describe('precautions forbid the expected tags (clinical-facts §4)', () => {
  const rows: [string, Precaution, PrecautionTag[], string][] = [
    [
      'posterior hip replacement, no surgeon restrictions',
      { kind: 'hipReplacement', side: 'left', approach: 'posterior' },
      ['hipFlexionOver90', 'hipAdductionPastMidline', 'hipInternalRotation'],
      'T1, T4',
    ],
    [
      'anterior hip replacement',
      { kind: 'hipReplacement', side: 'right', approach: 'anterior' },
      ['hipExtensionWithExternalRotation'],
      'T2, T3',
    ],
    [
      'lateral hip replacement',
      { kind: 'hipReplacement', side: 'right', approach: 'lateral' },
      ['hipFlexionOver90', 'hipAdductionPastMidline', 'hipInternalRotation', 'hipAbductionActive'],
      'T2',
    ],
    [
      'anterolateral hip replacement',
      { kind: 'hipReplacement', side: 'left', approach: 'anterolateral' },
      ['hipFlexionOver90', 'hipAdductionPastMidline', 'hipInternalRotation', 'hipAbductionActive'],
      'T2',
    ],
    [
      'hip replacement, approach unknown',
      { kind: 'hipReplacement', side: 'left', approach: 'unknown' },
      [
        'hipFlexionOver90',
        'hipAdductionPastMidline',
        'hipInternalRotation',
        'hipExtensionWithExternalRotation',
        'hipAbductionActive',
      ],
      'T1-T4 (DESIGN PROPOSAL: union)',
    ],
    [
      'hip replacement with surgeon restrictions: only those',
      { kind: 'hipReplacement', side: 'left', approach: 'posterior', restrictions: ['hipFlexionOver90'] },
      ['hipFlexionOver90'],
      'T2 follow the surgeon, §4.2',
    ],
    [
      'pregnancy, trimester 1',
      { kind: 'pregnancy', trimester: 1 },
      ['fallRisk', 'impact', 'highAbdominalPressure'],
      'P1',
    ],
    [
      'pregnancy, trimester 2',
      { kind: 'pregnancy', trimester: 2 },
      ['fallRisk', 'impact', 'highAbdominalPressure', 'lyingOnBack', 'lyingOnFront'],
      'P1',
    ],
    [
      'pregnancy, trimester 3',
      { kind: 'pregnancy', trimester: 3 },
      ['fallRisk', 'impact', 'highAbdominalPressure', 'lyingOnBack', 'lyingOnFront'],
      'P1',
    ],
    [
      'osteoporosis',
      { kind: 'osteoporosis' },
      ['spinalFlexionEndRange', 'spinalRotationEndRange', 'fallRisk'],
      'O1',
    ],
    [
      'vertebral fracture',
      { kind: 'vertebralFracture' },
      ['spinalFlexionEndRange', 'spinalRotationEndRange', 'externalLoad', 'impact', 'fallRisk'],
      'O1, O1b',
    ],
    [
      'recent surgery',
      { kind: 'recentSurgery', until: '2026-04-01' },
      ['floorTransfer', 'externalLoad', 'highAbdominalPressure', 'waterImmersion', 'impact'],
      'DESIGN PROPOSAL (§4.4 UNCONFIRMED)',
    ],
    [
      'recent surgery that ended yesterday',
      { kind: 'recentSurgery', until: '2026-03-01' },
      [],
      'until is inclusive',
    ],
    [
      'hip replacement whose end date was yesterday',
      { kind: 'hipReplacement', side: 'left', approach: 'posterior', until: '2026-03-01' },
      [],
      'until is inclusive',
    ],
  ];

  it.each(rows)('%s → forbids %j (%s)', (_name, precaution, tags) => {
    const forbidden = forbiddenTags(activePrecautions([precaution], TODAY));
    expect([...forbidden].sort()).toEqual([...tags].sort());
  });
});
