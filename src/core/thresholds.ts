/**
 * Every clinical number hipback uses, in one place, as data.
 *
 * Each entry names its source with a key from `clinical-facts.md` §11 (and the
 * section where the fact is summarised). Entries marked `designProposal: true`
 * are our own choices built on those facts; a clinician must sign them off
 * before they are relied on (see docs/clinical-rules.md).
 *
 * To change a rule's number, change it here, update the row in
 * docs/clinical-rules.md, and run the tests: the worked-case tables will tell
 * you which behaviour moved.
 */

export interface Threshold {
  readonly value: number;
  readonly unit: string;
  /** Source key(s) from clinical-facts.md §11, with the section that summarises them. */
  readonly source: string;
  /** True when the number is our proposal and needs clinician sign-off. */
  readonly designProposal?: boolean;
  readonly note?: string;
}

export const THRESHOLDS = {
  // ── Outcome change (§3) ───────────────────────────────────────────────
  painMcidPoints: { value: 2, unit: 'points (0-10)', source: 'MCID1 Ostelo 2008 (clinical-facts §3.4)' },
  painMcidPercent: { value: 30, unit: '% of baseline', source: 'MCID1 Ostelo 2008 (clinical-facts §3.4)' },
  painScaleMax: { value: 10, unit: 'points', source: 'NPRS 0-10 (clinical-facts §3.4)' },
  psfsMdcAveragePoints: {
    value: 2,
    unit: 'points (0-10)',
    source: 'PSFS1 (clinical-facts §3.5, MDC 90 %)',
  },
  psfsMdcSingleActivityPoints: {
    value: 3,
    unit: 'points (0-10)',
    source: 'PSFS1 (clinical-facts §3.5, MDC 90 %)',
  },
  psfsMcidSmall: { value: 1.3, unit: 'points', source: 'MCID2 JOSPT 2014 (clinical-facts §3.5)' },
  psfsMcidMedium: { value: 2.3, unit: 'points', source: 'MCID2 JOSPT 2014 (clinical-facts §3.5)' },
  psfsMcidLarge: { value: 2.7, unit: 'points', source: 'MCID2 JOSPT 2014 (clinical-facts §3.5)' },
  psfsMaxActivities: { value: 5, unit: 'activities', source: 'PSFS1 (clinical-facts §3.5: up to 3-5)' },
  psfsItemMax: { value: 10, unit: 'points', source: 'PSFS1 (clinical-facts §3.5)' },

  startBackItems: { value: 9, unit: 'items', source: 'STB1 Hill 2008 (clinical-facts §3.1)' },
  startBackLowRiskMaxTotal: { value: 3, unit: 'positive items', source: 'STB1, STB2 (clinical-facts §3.1)' },
  startBackPsychosocialFirstItem: {
    value: 5,
    unit: 'item number',
    source: 'STB2 Keele scoring guide (clinical-facts §3.1: use items 5-9, not STB5)',
  },
  startBackHighRiskMinPsychosocial: {
    value: 4,
    unit: 'positive items',
    source: 'STB1, STB2 (clinical-facts §3.1)',
  },
  startBackItem9PositiveFromOption: {
    value: 3,
    unit: 'option index 0-4',
    source: 'STB2, STB3, STB4 (clinical-facts §3.1)',
    note: 'Item 9 has 5 options (index 0-4); only the top two (index 3 and 4) count as positive.',
  },

  odiSections: { value: 10, unit: 'sections', source: 'ODI1, ODI3 (clinical-facts §3.2)' },
  odiSectionMax: { value: 5, unit: 'points', source: 'ODI1, ODI3 (clinical-facts §3.2)' },
  odiBandMinimalMax: { value: 20, unit: '%', source: 'ODI2 (clinical-facts §3.2)' },
  odiBandModerateMax: { value: 40, unit: '%', source: 'ODI2 (clinical-facts §3.2)' },
  odiBandSevereMax: { value: 60, unit: '%', source: 'ODI2 (clinical-facts §3.2)' },
  odiBandVerySevereMax: { value: 80, unit: '%', source: 'ODI2 (clinical-facts §3.2)' },
  odiMcidPoints: { value: 10, unit: 'points (0-100)', source: 'MCID1 Ostelo 2008 (clinical-facts §3.2)' },
  odiMcidPercent: { value: 30, unit: '% of baseline', source: 'MCID1 Ostelo 2008 (clinical-facts §3.2)' },

  hoosItemMax: { value: 4, unit: 'points', source: 'HOOS1, HOOS2 (clinical-facts §3.6)' },
  hoosMinAnsweredFraction: {
    value: 0.5,
    unit: 'fraction of items per subscale',
    source: 'HOOS1 2013 missing-data rule (clinical-facts §3.6)',
  },

  // ── Review and escalation (§8) ────────────────────────────────────────
  firstReviewWeeks: {
    value: 2,
    unit: 'weeks',
    source: 'NH1, NH2, MCID1 (clinical-facts §8)',
    designProposal: true,
  },
  secondReviewWeeks: {
    value: 6,
    unit: 'weeks',
    source: 'NH1, NH4 (clinical-facts §8)',
    designProposal: true,
  },
  persistentPainWeeks: { value: 6, unit: 'weeks', source: 'NH4 CG88 definition (clinical-facts §8)' },

  // ── Pain monitoring during exercise (§5.1) ─────────────────────────────
  painDuringExerciseMax: { value: 5, unit: 'points (0-10)', source: 'PM1, PM1b, PM1c (clinical-facts §5.1)' },
  painZoneSafeMax: {
    value: 3,
    unit: 'points (0-10)',
    source: 'PM3 traffic light (clinical-facts §5.1)',
    note: 'Secondary sources differ (0-2 vs 0-3); we use the PM3 0-3 green zone.',
  },
  painZoneAcceptableMax: { value: 5, unit: 'points (0-10)', source: 'PM1b, PM3 (clinical-facts §5.1)' },

  // ── Dosing (§5.2, §6) ─────────────────────────────────────────────────
  activityGoalMinutesPerSession: {
    value: 30,
    unit: 'minutes',
    source: 'D1 Garber 2011, PA4 (clinical-facts §5.2, §6)',
  },
  activityGoalDaysPerWeek: {
    value: 5,
    unit: 'days/week',
    source: 'D1 Garber 2011, PA4 (clinical-facts §5.2, §6)',
  },
  activityGoalMinutesPerWeek: {
    value: 150,
    unit: 'minutes/week',
    source: 'D1, PA1, PA2 (clinical-facts §5.2, §6)',
  },
  activityStartMinutesPerSession: {
    value: 10,
    unit: 'minutes',
    source: 'PA1 "some is better than none", PA4 progressive walking (clinical-facts §6)',
    designProposal: true,
  },
  activityStartMinutesPerSessionHighPain: {
    value: 5,
    unit: 'minutes',
    source: 'PA1, PA2 "as much as abilities allow" (clinical-facts §6)',
    designProposal: true,
  },
  activityStepMinutesPerSession: {
    value: 5,
    unit: 'minutes added per session each week',
    source: 'PA4 WalkBack individualised progression (clinical-facts §6)',
    designProposal: true,
  },
  strengthDaysPerWeekMin: {
    value: 2,
    unit: 'days/week',
    source: 'D1, PA1, O1 (clinical-facts §5.2, §6, §4.4)',
  },
  strengthDaysPerWeekMax: { value: 3, unit: 'days/week', source: 'D1, D3 (clinical-facts §5.2)' },
  strengthRestHours: { value: 48, unit: 'hours', source: 'D1c (clinical-facts §5.2)' },
  strengthSetsHighPainMax: {
    value: 2,
    unit: 'sets',
    source: 'D1b "begin with fewer sets" (clinical-facts §5.2)',
    designProposal: true,
  },
  stretchHoldSecondsMin: { value: 10, unit: 'seconds', source: 'D1b ACSM (clinical-facts §5.2)' },
  stretchHoldSecondsMax: { value: 30, unit: 'seconds', source: 'D1b ACSM (clinical-facts §5.2)' },
  stretchSecondsPerExercise: {
    value: 60,
    unit: 'seconds accumulated',
    source: 'D1, D1c (clinical-facts §5.2)',
  },
  stretchDaysPerWeek: {
    value: 7,
    unit: 'days/week',
    source: 'Seed method "daily habit"; ACSM minimum is 2 days (D1, clinical-facts §5.2)',
    designProposal: true,
  },

  // ── Strength starting level (§5.3) ────────────────────────────────────
  highPainNow: {
    value: 7,
    unit: 'points (0-10), at or above',
    source: 'MCID4 baseline bands 8-10 / 5-7 (clinical-facts §3.4), §5.3 ladders',
    designProposal: true,
  },
  highPainWorst: {
    value: 8,
    unit: 'points (0-10), at or above',
    source: 'MCID4 baseline bands (clinical-facts §3.4), §5.3 ladders',
    designProposal: true,
  },
  moderatePainNow: {
    value: 4,
    unit: 'points (0-10), at or above',
    source: 'PM3 amber zone starts at 4 (clinical-facts §5.1)',
    designProposal: true,
  },
  moderatePainWorst: {
    value: 6,
    unit: 'points (0-10), at or above',
    source: 'PM3 red zone starts at 6 (clinical-facts §5.1)',
    designProposal: true,
  },
  activeMinutesForLevel3: {
    value: 150,
    unit: 'minutes/week',
    source: 'D1, PA1 (already meets the activity guideline; clinical-facts §6)',
    designProposal: true,
  },
  precautionLevelCap: {
    value: 2,
    unit: 'ladder level',
    source: 'O1b, D4 "progress only with good control" (clinical-facts §4.4, §5.2)',
    designProposal: true,
  },

  // ── Movement breaks (§7) ──────────────────────────────────────────────
  movementBreakIntervalMinutes: {
    value: 45,
    unit: 'minutes',
    source: 'PO5 Buckley 2015 "break up sitting" (clinical-facts §7); range 30-60',
    designProposal: true,
  },
  movementBreakDefaultStartMinute: {
    value: 9 * 60,
    unit: 'minutes after midnight (09:00)',
    source: 'Usual working day; PO5 targets work hours (clinical-facts §7)',
    designProposal: true,
  },
  movementBreakDefaultEndMinute: {
    value: 17 * 60,
    unit: 'minutes after midnight (17:00)',
    source: 'Usual working day; PO5 targets work hours (clinical-facts §7)',
    designProposal: true,
  },
  movementBreakIntervalMinutesHighPain: {
    value: 30,
    unit: 'minutes',
    source: 'PO5 (clinical-facts §7)',
    designProposal: true,
  },

  // ── Triage (§1) ───────────────────────────────────────────────────────
  cesNewWithinWeeks: { value: 2, unit: 'weeks', source: 'RF7, RF8 (clinical-facts §1.2)' },
  newBackPainAgeOver: { value: 50, unit: 'years', source: 'RF5, RF3 (clinical-facts §1.2, §1.4)' },
  newBackPainAgeUnder: { value: 20, unit: 'years', source: 'RF5 (clinical-facts §1.2)' },
  newBackPainMaxWeeks: {
    value: 12,
    unit: 'weeks since the pain started',
    source: 'RF5 "new-onset pain" (clinical-facts §1.2); 12 weeks is our reading of "new"',
    designProposal: true,
  },
  notImprovingAfterWeeks: {
    value: 4,
    unit: 'weeks',
    source: 'RF5 "failure to improve after 1 month" (clinical-facts §1.2)',
  },
  asasMinCriteria: { value: 4, unit: 'of 5 criteria', source: 'RF12 Sieper 2009 (clinical-facts §1.2)' },
  asasMinDurationWeeks: {
    value: 13,
    unit: 'weeks (more than 3 months)',
    source: 'RF12 Sieper 2009 (clinical-facts §1.2)',
  },
  asasOnsetAgeUnder: { value: 40, unit: 'years', source: 'RF12 Sieper 2009 (clinical-facts §1.2)' },

  // ── Precautions (§4) ──────────────────────────────────────────────────
  hipReplacementDefaultPrecautionWeeks: {
    value: 6,
    unit: 'weeks',
    source: 'T1 (6-12 weeks), T3 (6 weeks) (clinical-facts §4.1)',
    designProposal: true,
    note: 'Applied only when the person gives no end date; always marked as assumed.',
  },
  recentSurgeryDefaultPrecautionWeeks: {
    value: 6,
    unit: 'weeks',
    source: 'No general source (clinical-facts §4.4 recent surgery: UNCONFIRMED)',
    designProposal: true,
    note: 'Applied only when the person gives no end date; always marked as assumed.',
  },
  pregnancyNoLyingOnBackFromTrimester: {
    value: 2,
    unit: 'trimester',
    source: 'P1 ACOG 2002 (clinical-facts §4.4)',
  },

  // ── Self-check input ranges ───────────────────────────────────────────
  minAge: { value: 16, unit: 'years', source: 'N1 NICE NG59 covers over-16s (clinical-facts §2)' },
  maxAge: { value: 110, unit: 'years', source: 'Input sanity bound', designProposal: true },
  maxPainDurationWeeks: {
    value: 2600,
    unit: 'weeks (50 years)',
    source: 'Input sanity bound',
    designProposal: true,
  },
  maxActivityMinutesPerWeek: {
    value: 5040,
    unit: 'minutes (12 h a day)',
    source: 'Input sanity bound',
    designProposal: true,
  },

  // ── Adaptive plan: progression, regression, escalation (§5, §6, §8) ───
  progressionGreenSessions: {
    value: 2,
    unit: 'sessions in a row',
    source: 'PM1d, D4 (clinical-facts §5.1, §5.3: "about 2 sessions")',
    designProposal: true,
  },
  progressionTooEasySessions: {
    value: 2,
    unit: 'sessions in a row rated "too easy"',
    source: 'D4 progress with good control (clinical-facts §5.2, §5.3)',
    designProposal: true,
  },
  progressionTooHardSessions: {
    value: 2,
    unit: 'sessions in a row rated "too hard"',
    source: 'PM1d reduce load (clinical-facts §5.1)',
    designProposal: true,
  },
  nextMorningAmberRise: {
    value: 1,
    unit: 'points (0-10) above the usual morning pain',
    source: 'PM1b, PM1d 24-h response (clinical-facts §5.1)',
    designProposal: true,
  },
  nextMorningRedRise: {
    value: 2,
    unit: 'points (0-10) above the usual morning pain',
    source: 'PM1d, MCID1 (2 points; clinical-facts §5.1, §3.4)',
    designProposal: true,
  },
  progressionRedLookbackDays: {
    value: 7,
    unit: 'days without a red session before a step up',
    source: 'PM3 "seek review if worsening lasts several days" (clinical-facts §5.1)',
    designProposal: true,
  },
  progressionRepsStep: {
    value: 2,
    unit: 'reps added or removed per step',
    source: 'D1b 4-5 → 8-12 reps (clinical-facts §5.2)',
    designProposal: true,
  },
  progressionRepsMin: { value: 5, unit: 'reps', source: 'D1b "begin with 4-5 reps" (clinical-facts §5.2)' },
  progressionRepsMax: {
    value: 15,
    unit: 'reps',
    source: 'D2 10-15 for older people, D4 GLA:D 10-15 (clinical-facts §5.2)',
  },
  progressionSetsMax: { value: 3, unit: 'sets', source: 'D4 GLA:D 2-3 sets, D1b 2-4 (clinical-facts §5.2)' },
  progressionHoldStepSeconds: {
    value: 5,
    unit: 'seconds added or removed per step',
    source: 'D1b 10-30 s holds (clinical-facts §5.2)',
    designProposal: true,
  },
  strengthHoldSecondsMin: {
    value: 10,
    unit: 'seconds',
    source: 'D6 side plank 20 s steps (low authority; clinical-facts §5.3)',
    designProposal: true,
  },
  strengthHoldSecondsMax: {
    value: 60,
    unit: 'seconds',
    source: 'D6 "at 60 s, progress" (low authority; clinical-facts §5.3)',
    designProposal: true,
  },
  activityWeeklyIncreasePercent: {
    value: 20,
    unit: '% added to the weekly target when last week was met',
    source: 'PA4 WalkBack individualised progressive walking (clinical-facts §6)',
    designProposal: true,
  },
  activityWeeklyIncreaseMinMinutes: {
    value: 5,
    unit: 'minutes added at least',
    source: 'PA4 (clinical-facts §6)',
    designProposal: true,
  },
  worseningRisePoints: {
    value: 2,
    unit: 'points (0-10), mean morning pain above the reference',
    source: 'MCID1 2 points (clinical-facts §3.4), PM3 (§5.1)',
    designProposal: true,
  },
  worseningWindowDays: {
    value: 3,
    unit: 'morning check-ins averaged',
    source: 'PM3 "worsening lasts several days" (clinical-facts §5.1)',
    designProposal: true,
  },
  silenceNudgeDays: {
    value: 3,
    unit: 'days without a check-in or session',
    source: 'No source: engagement rule (PRODUCT.md journey 6)',
    designProposal: true,
  },
  silenceFlagDays: {
    value: 7,
    unit: 'days without a check-in or session',
    source: 'No source: engagement rule (PRODUCT.md journey 6)',
    designProposal: true,
  },
  spreadingLookbackDays: {
    value: 7,
    unit: 'days',
    source: '§4.4 peripheralisation stop rule, C1 (clinical-facts §4.4, §5.1)',
    designProposal: true,
  },

  // ── Progress view (issue 5) ───────────────────────────────────────────
  progressPainWindowCheckins: {
    value: 3,
    unit: 'latest morning check-ins averaged before comparing with the start',
    source: 'MCID1 (clinical-facts §3.4) compared on a short mean, as PM3 "several days" (§5.1)',
    designProposal: true,
    note: 'Smooths one good or bad morning out of the "meaningful change" test and the progress sentence.',
  },
} as const satisfies Record<string, Threshold>;

export type ThresholdName = keyof typeof THRESHOLDS;

/** The numeric value of a threshold, for use in rules. */
export function t(name: ThresholdName): number {
  return THRESHOLDS[name].value;
}
