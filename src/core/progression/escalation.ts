/**
 * Escalation rules (clinical-facts §8 DESIGN PROPOSAL, §1.4, §4.4, §5.1):
 * new warning signs, worsening morning pain, spreading symptoms, no
 * meaningful improvement at 2 and 6 weeks, and silence.
 */
import { addDays, daysBetween } from '../dates';
import { painChange } from '../scoring/scoring';
import { triage } from '../triage/triage';
import type { TriageResult } from '../triage/triage';
import type { WarningSign } from '../triage/signs';
import type { ProgressionThresholds } from './config';
import type { Escalation, MorningCheckIn, ProgressionInput } from './types';

const URGENT_SAFETY_NET =
  'If you notice new numbness or weakness in a leg, numbness around the back passage or genitals, or a change in bladder or bowel control, go to an emergency department now.';

export interface NewWarningSigns {
  signs: WarningSign[];
  since: string;
  triage: TriageResult;
}

/**
 * Warning signs ticked in check-ins up to `today` that are new: not already
 * known (intake, or cleared by a clinician) and dated after the day the
 * clinician last reviewed check-in signs. Null when there are none.
 */
export function newWarningSigns(input: ProgressionInput, today: string): NewWarningSigns | null {
  const known = new Set<WarningSign>(input.knownWarningSigns ?? []);
  const reviewed = input.warningSignsReviewedThrough ?? null;
  const signs = new Set<WarningSign>();
  let since: string | null = null;
  for (const c of input.checkIns) {
    if (c.date > today || (reviewed !== null && c.date <= reviewed)) continue;
    const fresh = c.warningSigns.filter((s) => !known.has(s));
    if (fresh.length === 0) continue;
    fresh.forEach((s) => signs.add(s));
    if (since === null || c.date < since) since = c.date;
  }
  if (since === null) return null;
  const p = input.person;
  const list = [...signs].sort();
  const result = triage({
    age: p?.age ?? 40,
    painAreas: p?.painAreas ?? [],
    painStartedWeeksAgo: p?.painStartedWeeksAgo ?? 0,
    trend: p?.trend,
    hadSimilarPainBefore: p?.hadSimilarPainBefore,
    inflammatory: p?.inflammatory,
    warningSigns: list,
  });
  return { signs: list, since, triage: result };
}

/** Warning signs in plain clinical words, for the PT's flag summary (never the raw code). */
export const WARNING_SIGN_SUMMARY_LABELS: Readonly<Record<WarningSign, string>> = {
  newBladderOrBowelProblem: 'new bladder or bowel change',
  saddleNumbness: 'saddle numbness',
  newSexualDysfunction: 'new change in sexual function',
  sciaticaBothLegs: 'sciatica in both legs',
  weaknessBothLegs: 'weakness in both legs',
  weaknessRapidlyWorsening: 'rapidly worsening leg weakness',
  gaitDisturbance: 'new unsteady walking',
  weaknessOneLeg: 'new weakness in one leg',
  legNumbness: 'new numbness in a leg',
  feverOrUnwell: 'fever or feeling unwell',
  hotSwollenHip: 'hot, swollen hip',
  ivDrugUseOrImmunosuppressed: 'injected drug use or weakened immune system',
  cannotBearWeight: 'cannot bear weight',
  legShortenedOrTurned: 'leg shortened or turned',
  majorTrauma: 'major trauma',
  minorFallWithOsteoporosisOrSteroids: 'minor fall with osteoporosis or steroid use',
  cancerHistory: 'history of cancer',
  unexplainedWeightLoss: 'unexplained weight loss',
  nightPain: 'pain at night',
  thoracicPain: 'upper (thoracic) back pain',
  severeUnrelentingPain: 'severe, unrelenting pain',
  structuralDeformity: 'visible change in the shape of the spine',
};

const TRIAGE_LEVEL_WORDS: Readonly<Record<string, string>> = {
  emergency: 'emergency',
  urgent: 'urgent (same day)',
  soon: 'see a doctor within days',
  selfCare: 'self-care',
};

/**
 * A stored flag summary with any raw warning-sign code or triage level
 * replaced by its plain label (summaries written before labels were used).
 */
export function plainFlagSummary(text: string): string {
  return text
    .replace(/\b([a-zA-Z]+)\b/g, (w) =>
      Object.hasOwn(WARNING_SIGN_SUMMARY_LABELS, w) ? WARNING_SIGN_SUMMARY_LABELS[w as WarningSign] : w,
    )
    .replace(
      /Triage level: (emergency|urgent|soon|selfCare)\./,
      (_m, l: string) => `Triage level: ${TRIAGE_LEVEL_WORDS[l] ?? l}.`,
    );
}

export function warningSignEscalation(found: NewWarningSigns): Escalation {
  const level = found.triage.level;
  const severity = level === 'emergency' ? 'emergency' : level === 'urgent' ? 'urgent' : 'attention';
  return {
    kind: 'warningSign',
    action: 'flag',
    severity,
    patientMessage: `${found.triage.advice} Your plan is paused and will not change until your PT has seen this.`,
    clinicianSummary: `New warning sign${found.signs.length === 1 ? '' : 's'} in the morning check-in since ${found.since}: ${found.signs.map((s) => WARNING_SIGN_SUMMARY_LABELS[s] ?? s).join(', ')}. Triage level: ${TRIAGE_LEVEL_WORDS[level] ?? level}. All automatic plan changes are stopped until the signs are reviewed.`,
    since: found.since,
    triageLevel: level,
    ruleId: 'ESC-WARNING-SIGN',
    source: 'RF5-RF14 (clinical-facts §1.4), §8',
  };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const round1 = (x: number): number => Math.round(x * 10) / 10;

interface WorseningAt {
  mean: number;
  reference: number;
}

/**
 * Rule ESC-WORSENING on day `d`: the last `worseningWindowDays` morning
 * check-ins (all within that many days plus two) average at least
 * `worseningRisePoints` above the reference, which is the lower of the
 * baseline and the best (lowest) rolling average of the 21 days before.
 */
function worseningOn(
  d: string,
  list: readonly MorningCheckIn[],
  baselinePain: number,
  th: ProgressionThresholds,
): WorseningAt | null {
  const upTo = list.filter((c) => c.date <= d);
  const w = th.worseningWindowDays;
  if (upTo.length < w) return null;
  const window = upTo.slice(-w);
  const first = window[0] as MorningCheckIn;
  if (daysBetween(first.date, d) > w + 1) return null;
  const m = mean(window.map((c) => c.painNow));
  const prior = upTo.filter((c) => c.date < first.date && c.date >= addDays(first.date, -21));
  let reference = baselinePain;
  for (let i = 0; i + w <= prior.length; i++) {
    reference = Math.min(reference, mean(prior.slice(i, i + w).map((c) => c.painNow)));
  }
  return m >= reference + th.worseningRisePoints ? { mean: m, reference } : null;
}

export interface EscalationContext {
  input: ProgressionInput;
  today: string;
  th: ProgressionThresholds;
  /** Check-ins up to today, one per date, sorted. */
  checkIns: readonly MorningCheckIn[];
}

export function worseningEscalation(ctx: EscalationContext): Escalation | null {
  const { today, th, checkIns, input } = ctx;
  const now = worseningOn(today, checkIns, input.baselinePain, th);
  if (!now) return null;
  let since = today;
  for (let d = addDays(today, -1); d >= input.startDate; d = addDays(d, -1)) {
    if (!worseningOn(d, checkIns, input.baselinePain, th)) break;
    since = d;
  }
  return {
    kind: 'worsening',
    action: 'flag',
    severity: 'attention',
    patientMessage: `Your morning pain has been clearly higher than your usual level for several days. Your plan will not step up until it settles. Please book a call or visit with your PT in the next few days. ${URGENT_SAFETY_NET}`,
    clinicianSummary: `Morning pain worsening since ${since}: mean of the last ${th.worseningWindowDays} check-ins ${round1(now.mean)}/10 vs reference ${round1(now.reference)}/10 (lower of baseline ${input.baselinePain} and the best recent ${th.worseningWindowDays}-check-in average); threshold +${th.worseningRisePoints}. Progressions are held.`,
    since,
    ruleId: 'ESC-WORSENING',
    source: 'PM3, MCID1 (clinical-facts §5.1, §3.4), §8',
  };
}

export function spreadingEscalation(ctx: EscalationContext): Escalation | null {
  const { input, today, th } = ctx;
  const from = addDays(today, -(th.spreadingLookbackDays - 1));
  const dates = [
    ...input.sessions.filter((s) => s.symptomsSpread).map((s) => s.date),
    ...ctx.checkIns.filter((c) => c.legSymptomsSpread === true).map((c) => c.date),
  ].filter((d) => d >= from && d <= today);
  if (dates.length === 0) return null;
  const since = dates.sort()[0] as string;
  const exercises = [
    ...new Set(
      input.sessions
        .filter((s) => s.symptomsSpread && s.date >= from && s.date <= today)
        .map((s) => s.exercise),
    ),
  ].sort();
  return {
    kind: 'painSpreading',
    action: 'flag',
    severity: 'attention',
    patientMessage: `You told us your symptoms spread further down your leg. Stop any exercise that makes this happen, and book a visit or call with your PT within the next few days. ${URGENT_SAFETY_NET}`,
    clinicianSummary: `Symptoms spreading down the leg (peripheralisation) reported on ${dates.length} occasion(s) since ${since}${exercises.length > 0 ? ` during: ${exercises.join(', ')}` : ' (morning check-in)'}. The exercise was regressed or swapped.`,
    since,
    ruleId: 'ESC-SPREADING',
    source: '§4.4 peripheralisation, C1 (clinical-facts §4.4, §5.1)',
  };
}

/**
 * Rules ESC-NO-IMPROVEMENT-2W / -6W: from `reviewAfterDays` after the start,
 * the mean of the last three morning check-ins (within the last 7 days) is
 * compared with the baseline using `painChange` (≥ 2 points or ≥ 30 %).
 */
export function improvementEscalation(ctx: EscalationContext): Escalation | null {
  const { input, today, th } = ctx;
  const day = daysBetween(input.startDate, today);
  if (day < th.reviewAfterDays) return null;
  if (input.baselinePain <= 0) return null; // nothing to improve on
  const recent = ctx.checkIns.filter((c) => c.date >= addDays(today, -6)).slice(-3);
  if (recent.length === 0) return null; // silence rules cover this
  const current = mean(recent.map((c) => c.painNow));
  const change = painChange(input.baselinePain, current);
  if (change.category === 'improved') return null;
  const summary = `Morning pain ${round1(current)}/10 (mean of last ${recent.length} check-ins) vs baseline ${input.baselinePain}/10 on day ${day}: change ${round1(change.change)} points${change.percentChange === null ? '' : ` (${Math.round(change.percentChange)} %)`}, below the MCID (2 points or 30 %).`;
  if (day >= th.reassessAfterDays) {
    return {
      kind: 'noImprovement6Weeks',
      action: 'flag',
      severity: 'attention',
      patientMessage:
        'After six weeks your pain has not improved as much as we hoped. That is not dangerous, but it is time for your PT to look at it again with you: please book an assessment.',
      clinicianSummary: `${summary} Formal reassessment suggested (§8: not improving by 6 weeks).`,
      since: addDays(input.startDate, th.reassessAfterDays),
      ruleId: 'ESC-NO-IMPROVEMENT-6W',
      source: 'NH1, NH3, NH4, MCID1 (clinical-facts §8, §3.4)',
    };
  }
  return {
    kind: 'noImprovement2Weeks',
    action: 'reviewSuggested',
    severity: 'info',
    patientMessage:
      'Your pain has not yet improved as much as we hoped since you started. Many people need longer, but a short review with your PT can help adjust the plan: please book one.',
    clinicianSummary: `${summary} PT review suggested (§8: no meaningful improvement after 2 weeks).`,
    since: addDays(input.startDate, th.reviewAfterDays),
    ruleId: 'ESC-NO-IMPROVEMENT-2W',
    source: 'NH1, NH2, MCID1 (clinical-facts §8, §3.4)',
  };
}

/** Rules ESC-QUIET / ESC-SILENT: days since the last check-in, session or activity log. */
export function silenceEscalation(ctx: EscalationContext): Escalation | null {
  const { input, today, th } = ctx;
  let last = input.startDate;
  for (const d of [
    ...ctx.checkIns.map((c) => c.date),
    ...input.sessions.map((s) => s.date),
    ...input.activities.map((a) => a.date),
  ]) {
    if (d <= today && d > last) last = d;
  }
  const gap = daysBetween(last, today);
  const since = addDays(last, 1);
  if (gap >= th.silenceFlagDays) {
    return {
      kind: 'silent',
      action: 'flag',
      severity: 'attention',
      patientMessage:
        'We have not heard from you for a week. Your PT will get in touch; you can also send a message or do a quick check-in at any time.',
      clinicianSummary: `No check-in, session or activity logged for ${gap} days (last: ${last}).`,
      since,
      ruleId: 'ESC-SILENT',
      source: 'No source: engagement rule (DESIGN PROPOSAL)',
    };
  }
  if (gap >= th.silenceNudgeDays) {
    return {
      kind: 'quiet',
      action: 'nudge',
      severity: 'info',
      patientMessage:
        'We have not heard from you for a few days. A one-minute morning check-in keeps your plan right for you, even on days you do not exercise.',
      clinicianSummary: `No check-in, session or activity logged for ${gap} days (last: ${last}); patient nudged.`,
      since,
      ruleId: 'ESC-QUIET',
      source: 'No source: engagement rule (DESIGN PROPOSAL)',
    };
  }
  return null;
}
