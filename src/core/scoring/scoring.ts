/**
 * Outcome scoring: pure implementations of the published scoring rules.
 *
 * hipback ships no questionnaire item text (STarT Back, ODI and HOOS are
 * licensed; clinical-facts §3). Items are identified by number only, so a
 * clinic that holds a licence can load the instrument and score it here.
 *
 * Invalid input (out-of-range answers, wrong item counts) throws a
 * RangeError: callers validate at the boundary, and a silent wrong score is
 * worse than a loud one.
 */
import { t } from '../thresholds';

export type ChangeCategory = 'improved' | 'worsened' | 'noMeaningfulChange';

function assertRange(value: number, min: number, max: number, what: string): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${what} must be a number from ${min} to ${max} (got ${value})`);
  }
}

function assertWhole(value: number, min: number, max: number, what: string): void {
  assertRange(value, min, max, what);
  if (!Number.isInteger(value)) throw new RangeError(`${what} must be a whole number (got ${value})`);
}

/**
 * True when `drop` is at least `percent` % of `baseline`. Compared by
 * cross-multiplying, so whole-number inputs never hit floating-point edges
 * (e.g. a 3-point drop from 10 is exactly 30 %).
 */
function atLeastPercent(drop: number, baseline: number, percent: number): boolean {
  return baseline > 0 && drop * 100 >= percent * baseline;
}

// ── NPRS (0-10 pain) ─────────────────────────────────────────────────────

export interface PainChange {
  baseline: number;
  current: number;
  /** current − baseline: negative is better. */
  change: number;
  /** Change as a percentage of baseline (null when baseline is 0). */
  percentChange: number | null;
  category: ChangeCategory;
}

/**
 * Change on the 0-10 pain scale. A drop of ≥2 points OR ≥30 % of baseline is
 * a meaningful improvement; a rise of ≥2 points OR ≥30 % is a meaningful
 * worsening (MCID1 Ostelo 2008, clinical-facts §3.4).
 */
export function painChange(baseline: number, current: number): PainChange {
  assertRange(baseline, 0, t('painScaleMax'), 'baseline pain');
  assertRange(current, 0, t('painScaleMax'), 'current pain');
  const change = current - baseline;
  const drop = -change;
  const points = t('painMcidPoints');
  const percent = t('painMcidPercent');
  let category: ChangeCategory = 'noMeaningfulChange';
  if (drop >= points || atLeastPercent(drop, baseline, percent)) category = 'improved';
  else if (change >= points || atLeastPercent(change, baseline, percent)) category = 'worsened';
  return {
    baseline,
    current,
    change,
    percentChange: baseline === 0 ? null : (change / baseline) * 100,
    category,
  };
}

/**
 * The highest whole-number pain score that would count as a meaningful
 * improvement from `baseline`, or null when no lower score exists (baseline 0).
 */
export function painImprovementTarget(baseline: number): number | null {
  for (let score = baseline - 1; score >= 0; score--) {
    if (painChange(baseline, score).category === 'improved') return score;
  }
  return null;
}

// ── PSFS ─────────────────────────────────────────────────────────────────

/** Patient-Specific Functional Scale: the mean of 1-5 activity ratings, each 0-10 (PSFS1, clinical-facts §3.5). */
export function psfsScore(ratings: readonly number[]): number {
  if (ratings.length < 1 || ratings.length > t('psfsMaxActivities')) {
    throw new RangeError(
      `PSFS needs 1 to ${t('psfsMaxActivities')} activity ratings (got ${ratings.length})`,
    );
  }
  ratings.forEach((r, i) => assertRange(r, 0, t('psfsItemMax'), `PSFS rating ${i + 1}`));
  return ratings.reduce((a, b) => a + b, 0) / ratings.length;
}

export type PsfsMcidSize = 'none' | 'small' | 'medium' | 'large';

export interface PsfsChange {
  baseline: number;
  current: number;
  /** current − baseline: positive is better (PSFS rises as function improves). */
  change: number;
  /** |change| ≥ MDC of 2 points for the average score. */
  beyondMeasurementError: boolean;
  /** Size of improvement by the JOSPT 2014 MCIDs (1.3 / 2.3 / 2.7); 'none' below 1.3 or when worse. */
  improvementSize: PsfsMcidSize;
  category: ChangeCategory;
  /** Per activity: change and whether it exceeds the single-activity MDC of 3 points. */
  activities: { change: number; beyondMeasurementError: boolean }[];
}

/**
 * Change in PSFS between two ratings of the SAME activities, in the same
 * order (PSFS1: at follow-up the same activities are re-rated). Meaningful
 * change in either direction needs the MDC of 2 points (PSFS1); the size of
 * an improvement follows MCID2.
 */
export function psfsChange(
  baselineRatings: readonly number[],
  currentRatings: readonly number[],
): PsfsChange {
  if (baselineRatings.length !== currentRatings.length) {
    throw new RangeError('PSFS follow-up must re-rate the same activities as the baseline');
  }
  const baseline = psfsScore(baselineRatings);
  const current = psfsScore(currentRatings);
  const change = current - baseline;
  // Compare with a tiny tolerance: means of whole numbers can land a hair below 2.
  const eps = 1e-9;
  const beyond = Math.abs(change) + eps >= t('psfsMdcAveragePoints');
  let improvementSize: PsfsMcidSize = 'none';
  if (change + eps >= t('psfsMcidLarge')) improvementSize = 'large';
  else if (change + eps >= t('psfsMcidMedium')) improvementSize = 'medium';
  else if (change + eps >= t('psfsMcidSmall')) improvementSize = 'small';
  const category: ChangeCategory = !beyond ? 'noMeaningfulChange' : change > 0 ? 'improved' : 'worsened';
  return {
    baseline,
    current,
    change,
    beyondMeasurementError: beyond,
    improvementSize,
    category,
    activities: baselineRatings.map((b, i) => {
      const c = (currentRatings[i] ?? b) - b;
      return { change: c, beyondMeasurementError: Math.abs(c) >= t('psfsMdcSingleActivityPoints') };
    }),
  };
}

// ── STarT Back ───────────────────────────────────────────────────────────

export type StartBackRisk = 'low' | 'medium' | 'high';

export interface StartBackAnswers {
  /** Items 1-8, agree (true) / disagree (false), in item order. */
  items1to8: readonly boolean[];
  /** Item 9 (bothersomeness): index of the chosen option, 0 (first) to 4 (last). */
  item9: number;
}

export interface StartBackResult {
  /** Number of positive items, 0-9. */
  total: number;
  /** Positive items among 5-9, 0-5. */
  psychosocial: number;
  risk: StartBackRisk;
}

/**
 * Keele STarT Back scoring (STB1, STB2, clinical-facts §3.1): total ≤3 → low;
 * otherwise the psychosocial subscale (items 5-9) ≤3 → medium, 4-5 → high.
 * Item 9 counts only for its top two options.
 */
export function startBack(answers: StartBackAnswers): StartBackResult {
  if (answers.items1to8.length !== t('startBackItems') - 1) {
    throw new RangeError(`STarT Back needs ${t('startBackItems') - 1} answers for items 1-8`);
  }
  assertWhole(answers.item9, 0, 4, 'STarT Back item 9 option');
  const item9Positive = answers.item9 >= t('startBackItem9PositiveFromOption');
  const positives = [...answers.items1to8, item9Positive];
  const total = positives.filter(Boolean).length;
  const firstPsychosocialIndex = t('startBackPsychosocialFirstItem') - 1;
  const psychosocial = positives.slice(firstPsychosocialIndex).filter(Boolean).length;
  let risk: StartBackRisk;
  if (total <= t('startBackLowRiskMaxTotal')) risk = 'low';
  else if (psychosocial >= t('startBackHighRiskMinPsychosocial')) risk = 'high';
  else risk = 'medium';
  return { total, psychosocial, risk };
}

// ── Oswestry Disability Index ────────────────────────────────────────────

/**
 * ODI bands (developer interpretation, ODI2). Our codes are neutral words;
 * the developer's labels for the top two bands are "crippled" and
 * "bed-bound or exaggerating".
 */
export type OdiBand = 'minimal' | 'moderate' | 'severe' | 'verySevere' | 'extreme';

export interface OdiResult {
  /** 0-100 %. */
  percent: number;
  answeredSections: number;
  band: OdiBand;
}

export function odiBand(percent: number): OdiBand {
  if (percent <= t('odiBandMinimalMax')) return 'minimal';
  if (percent <= t('odiBandModerateMax')) return 'moderate';
  if (percent <= t('odiBandSevereMax')) return 'severe';
  if (percent <= t('odiBandVerySevereMax')) return 'verySevere';
  return 'extreme';
}

/**
 * Oswestry Disability Index (ODI1, ODI3, clinical-facts §3.2): 10 sections
 * scored 0-5; a missing section (null) lowers the denominator by 5.
 * Returns null when no section was answered.
 */
export function oswestry(sections: readonly (number | null)[]): OdiResult | null {
  if (sections.length !== t('odiSections')) {
    throw new RangeError(
      `ODI has ${t('odiSections')} sections (got ${sections.length}); use null for a skipped one`,
    );
  }
  let sum = 0;
  let answered = 0;
  sections.forEach((s, i) => {
    if (s === null) return;
    assertWhole(s, 0, t('odiSectionMax'), `ODI section ${i + 1}`);
    sum += s;
    answered += 1;
  });
  if (answered === 0) return null;
  const percent = (sum / (t('odiSectionMax') * answered)) * 100;
  return { percent, answeredSections: answered, band: odiBand(percent) };
}

/** ODI change: improvement of ≥10 points or ≥30 % of baseline is meaningful (MCID1); worsening likewise. */
export function odiChange(
  baselinePercent: number,
  currentPercent: number,
): { change: number; category: ChangeCategory } {
  assertRange(baselinePercent, 0, 100, 'baseline ODI');
  assertRange(currentPercent, 0, 100, 'current ODI');
  const change = currentPercent - baselinePercent;
  let category: ChangeCategory = 'noMeaningfulChange';
  if (-change >= t('odiMcidPoints') || atLeastPercent(-change, baselinePercent, t('odiMcidPercent'))) {
    category = 'improved';
  } else if (change >= t('odiMcidPoints') || atLeastPercent(change, baselinePercent, t('odiMcidPercent'))) {
    category = 'worsened';
  }
  return { change, category };
}

// ── HOOS ─────────────────────────────────────────────────────────────────

export const HOOS_SUBSCALES = ['pain', 'symptoms', 'adl', 'sportRec', 'qol'] as const;
export type HoosSubscale = (typeof HOOS_SUBSCALES)[number];

/** Items per HOOS subscale (HOOS1, HOOS2, clinical-facts §3.6). */
export const HOOS_ITEM_COUNTS: Readonly<Record<HoosSubscale, number>> = {
  pain: 10,
  symptoms: 5,
  adl: 17,
  sportRec: 4,
  qol: 4,
};

/**
 * One HOOS subscale: items scored 0 (none) to 4 (extreme), null for missing.
 * Score = 100 − mean/4 × 100 (100 = no problems). Returns null when fewer
 * than half the items are answered (2013 rule, HOOS1).
 */
export function hoosSubscale(subscale: HoosSubscale, items: readonly (number | null)[]): number | null {
  const expected = HOOS_ITEM_COUNTS[subscale];
  if (items.length !== expected) {
    throw new RangeError(
      `HOOS ${subscale} has ${expected} items (got ${items.length}); use null for a skipped one`,
    );
  }
  const answered: number[] = [];
  items.forEach((v, i) => {
    if (v === null) return;
    assertWhole(v, 0, t('hoosItemMax'), `HOOS ${subscale} item ${i + 1}`);
    answered.push(v);
  });
  if (answered.length < Math.ceil(expected * t('hoosMinAnsweredFraction'))) return null;
  const mean = answered.reduce((a, b) => a + b, 0) / answered.length;
  return 100 - (mean / t('hoosItemMax')) * 100;
}

/** All five HOOS subscales (no total score exists). */
export function hoos(
  answers: Readonly<Record<HoosSubscale, readonly (number | null)[]>>,
): Record<HoosSubscale, number | null> {
  return {
    pain: hoosSubscale('pain', answers.pain),
    symptoms: hoosSubscale('symptoms', answers.symptoms),
    adl: hoosSubscale('adl', answers.adl),
    sportRec: hoosSubscale('sportRec', answers.sportRec),
    qol: hoosSubscale('qol', answers.qol),
  };
}
