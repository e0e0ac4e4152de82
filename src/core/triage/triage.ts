/**
 * Self-check triage: turns the answers into one of four levels and says what
 * to do and how fast. Follows the tier table in clinical-facts.md §1.4
 * (itself a DESIGN PROPOSAL built from RF5-RF14); rules that go beyond that
 * table are marked in docs/clinical-rules.md.
 *
 * The highest tier always wins, and every positive reason is listed.
 */
import type { SelfCheckInput } from '../selfcheck/schema';
import { t } from '../thresholds';
import {
  CANCER_SPINAL_FEATURE_SIGNS,
  CES_SIGNS,
  LEVEL_RANK,
  NEUROLOGICAL_SIGNS,
  WARNING_SIGNS,
  WARNING_SIGN_DEFINITIONS,
} from './signs';
import type { TriageLevel, WarningSign } from './signs';

export interface TriageReason {
  /** A warning-sign code, or a combination code such as "cancerWithNeurologicalSymptoms". */
  code: string;
  message: string;
  /** The tier this reason triggers on its own. */
  level: Exclude<TriageLevel, 'selfCare'>;
  /** Source keys, clinical-facts.md §11. */
  source: string;
}

export interface TriageResult {
  level: TriageLevel;
  /** Every positive reason, most urgent first. Empty for `selfCare`. */
  reasons: TriageReason[];
  /** What to do and how fast, in plain words. Says once that hipback is not a diagnosis. */
  advice: string;
}

/** The subset of the self-check the triage reads. */
export type TriageInput = Pick<
  SelfCheckInput,
  | 'age'
  | 'painAreas'
  | 'painStartedWeeksAgo'
  | 'warningSigns'
  | 'trend'
  | 'hadSimilarPainBefore'
  | 'inflammatory'
>;

const NOT_A_DIAGNOSIS: Record<TriageLevel, string> = {
  emergency:
    'hipback is not a diagnosis: your answers cannot tell what is causing your symptoms, only that a doctor should see you quickly.',
  urgent:
    'hipback is not a diagnosis: your answers cannot tell what is causing your symptoms, only that a doctor should check you today.',
  soon: 'hipback is not a diagnosis: these signs usually turn out to have an ordinary cause, but a doctor should rule out anything else.',
  selfCare:
    'hipback is not a diagnosis: it cannot tell what is causing your pain, but nothing in your answers says you need to see a doctor before you start.',
};

const SAFETY_NET =
  'Go to an emergency department straight away if you notice new problems controlling your bladder or bowel, numbness around your bottom or genitals, weakness in both legs, or pain with a fever and feeling unwell.';

function adviceFor(level: TriageLevel, reasons: readonly TriageReason[]): string {
  const parts: string[] = [];
  switch (level) {
    case 'emergency': {
      parts.push(
        'Go to an emergency department now, or call your local emergency number if you cannot get there safely. Please do not wait to see whether it settles, and do not start any exercises.',
      );
      const ces = reasons.some((r) => (CES_SIGNS as readonly string[]).includes(r.code));
      if (ces) {
        parts.push(
          'Tell the staff you have back pain together with the changes listed here; these need to be checked within hours, usually with a scan.',
        );
      } else {
        parts.push('Show the staff the list of what you told us.');
      }
      break;
    }
    case 'urgent':
      parts.push(
        'Speak to a doctor today, within 24 hours at the latest: ask your GP practice for a same-day appointment, or use an urgent care or out-of-hours service. Tell them about the signs listed here.',
        'Pause the exercises until you have been checked.',
        SAFETY_NET,
      );
      break;
    case 'soon':
      parts.push(
        'Book an appointment with your doctor within the next few days (within a week) and mention the signs listed here.',
        'Until then, keep moving gently: your starter plan begins at the easiest level, and a PT can adjust it once you have been seen.',
        SAFETY_NET,
      );
      break;
    case 'selfCare':
      parts.push(
        'Nothing in your answers needs urgent medical care. Most hip and back pain eases over the coming weeks, and staying active helps it settle.',
        `Your starter plan is below. See a PT or doctor if the pain has not eased after ${t('firstReviewWeeks')} weeks or keeps getting worse.`,
        SAFETY_NET,
      );
      break;
  }
  parts.push(NOT_A_DIAGNOSIS[level]);
  return parts.join(' ');
}

function signReason(sign: WarningSign): TriageReason {
  const d = WARNING_SIGN_DEFINITIONS[sign];
  return { code: sign, message: d.message, level: d.tier, source: d.source };
}

/** Reasons that come from combinations of answers rather than one sign. */
function combinationReasons(input: TriageInput, has: (s: WarningSign) => boolean): TriageReason[] {
  const out: TriageReason[] = [];
  const cancer = has('cancerHistory');
  const neuro = NEUROLOGICAL_SIGNS.some(has);
  const legPain = input.painAreas.includes('legLeft') || input.painAreas.includes('legRight');

  if (cancer && neuro) {
    out.push({
      code: 'cancerWithNeurologicalSymptoms',
      level: 'emergency',
      message:
        'With a history of cancer, new nerve symptoms (weakness, numbness, walking, bladder or bowel changes) need checking at once for pressure on the spinal cord.',
      source: 'RF11 NICE CG75',
    });
  }
  if (cancer && CANCER_SPINAL_FEATURE_SIGNS.some(has)) {
    out.push({
      code: 'cancerWithSpinalPainFeatures',
      level: 'urgent',
      message:
        'With a history of cancer, back pain of this kind (upper or middle back, at night, or constant and worsening) should be checked by a doctor within 24 hours.',
      source: 'RF11 NICE CG75',
    });
  }
  if (cancer && legPain && !neuro) {
    out.push({
      code: 'cancerWithLegPain',
      level: 'urgent',
      message:
        'With a history of cancer, pain spreading into a leg can come from a nerve in the spine; a doctor should check today whether nerves are involved.',
      source: 'RF11 NICE CG75 (radicular pain); DESIGN PROPOSAL',
    });
  }
  if (has('ivDrugUseOrImmunosuppressed') && has('feverOrUnwell')) {
    out.push({
      code: 'feverWithInfectionRisk',
      level: 'emergency',
      message:
        'Fever together with a weaker immune system or injecting drugs makes a spine or joint infection more likely.',
      source: 'RF5, RF10',
    });
  }

  const backPain = input.painAreas.includes('lowBack');
  const newPain =
    input.painStartedWeeksAgo <= t('newBackPainMaxWeeks') && input.hadSimilarPainBefore !== true;
  if (backPain && newPain && input.age > t('newBackPainAgeOver')) {
    out.push({
      code: 'newBackPainOver50',
      level: 'soon',
      message: `Back pain that starts for the first time after the age of ${t('newBackPainAgeOver')} should be checked by a doctor.`,
      source: 'RF5, RF3',
    });
  }
  if (backPain && newPain && input.age < t('newBackPainAgeUnder')) {
    out.push({
      code: 'newBackPainUnder20',
      level: 'soon',
      message: `Back pain that starts before the age of ${t('newBackPainAgeUnder')} should be checked by a doctor.`,
      source: 'RF5',
    });
  }

  const notImproving =
    input.painStartedWeeksAgo >= t('notImprovingAfterWeeks') &&
    (input.trend === 'same' || input.trend === 'worse');
  const malignancyRisk =
    input.age > t('newBackPainAgeOver') || cancer || has('unexplainedWeightLoss') || has('nightPain');
  if (notImproving && malignancyRisk) {
    out.push({
      code: 'notImprovingWithRiskFactor',
      level: 'soon',
      message:
        'Pain that has not improved after a month, together with your other answers, should be checked by a doctor.',
      source: 'RF5, RF3; combination rule is a DESIGN PROPOSAL',
    });
  }

  const ibp = input.inflammatory;
  if (ibp && input.painStartedWeeksAgo >= t('asasMinDurationWeeks')) {
    const count = Object.values(ibp).filter(Boolean).length;
    if (count >= t('asasMinCriteria')) {
      out.push({
        code: 'inflammatoryBackPainPattern',
        level: 'soon',
        message:
          'Your answers match a pattern of inflammatory back pain; a doctor can check for it and refer you to a rheumatologist if needed. Exercise is still good for it.',
        source: 'RF12 ASAS (Sieper 2009), RF10',
      });
    }
  }
  return out;
}

/**
 * Triage of a self-check.
 *
 * - emergency: emergency department now (hours)
 * - urgent: a doctor the same day, within 24 h
 * - soon: a doctor within days; a gentle plan is still offered
 * - selfCare: no warning signs; the starter plan
 */
export function triage(input: TriageInput): TriageResult {
  const signs = new Set<WarningSign>(input.warningSigns);
  const has = (s: WarningSign): boolean => signs.has(s);
  const reasons = [...WARNING_SIGNS.filter(has).map(signReason), ...combinationReasons(input, has)];
  // Most urgent first; stable within a level (sign order, then combinations).
  reasons.sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
  const level: TriageLevel = reasons[0]?.level ?? 'selfCare';
  return { level, reasons, advice: adviceFor(level, reasons) };
}

/** True when the level allows a self-managed plan (with a prominent doctor item for `soon`). */
export function allowsPlan(level: TriageLevel): level is 'soon' | 'selfCare' {
  return level === 'soon' || level === 'selfCare';
}
