/**
 * What the self-check says, in our own plain words. The codes come from the
 * clinical core; the `Record<Code, …>` types make the compiler insist that
 * every code has words here.
 */
import type { PrecautionTag } from '../../../core/library/types';
import type { HipApproach } from '../../../core/precautions/types';
import type {
  InflammatoryAnswers,
  PainArea,
  PainTrend,
  PreferredActivity,
} from '../../../core/selfcheck/schema';
import type { WarningSign } from '../../../core/triage/signs';

export const SIGN_GROUPS = ['nerves', 'infection', 'injury', 'other'] as const;
export type SignGroup = (typeof SIGN_GROUPS)[number];

export const SIGN_GROUP_LABELS: Record<SignGroup, string> = {
  nerves: 'Nerves, bladder and bowel',
  infection: 'Signs of infection',
  injury: 'Falls and injuries',
  other: 'Other things a doctor should check',
};

/** Each warning sign as a short checklist line, grouped so the list is easy to scan. */
export const SIGN_LABELS: Record<WarningSign, { group: SignGroup; label: string }> = {
  newBladderOrBowelProblem: {
    group: 'nerves',
    label:
      'New trouble with your bladder or bowel: hard to start peeing, not feeling when you need to go, or leaking',
  },
  saddleNumbness: {
    group: 'nerves',
    label: 'New numbness or tingling between your legs or around your bottom',
  },
  newSexualDysfunction: { group: 'nerves', label: 'A new change in sexual function or feeling' },
  sciaticaBothLegs: { group: 'nerves', label: 'Pain shooting down both legs' },
  weaknessBothLegs: { group: 'nerves', label: 'Both legs feel weak or give way' },
  weaknessRapidlyWorsening: {
    group: 'nerves',
    label: 'Weakness in a leg or foot that is getting worse quickly',
  },
  gaitDisturbance: { group: 'nerves', label: 'Your walking has newly become unsteady or clumsy' },
  weaknessOneLeg: {
    group: 'nerves',
    label: 'One leg or foot is newly weak, for example your foot slaps down or catches',
  },
  legNumbness: {
    group: 'nerves',
    label: 'New loss of feeling in part of a leg or foot (real numbness, not pins and needles)',
  },
  feverOrUnwell: {
    group: 'infection',
    label: 'A fever, chills or feeling generally unwell, along with the pain',
  },
  hotSwollenHip: { group: 'infection', label: 'Your hip is hot, red or swollen' },
  ivDrugUseOrImmunosuppressed: {
    group: 'infection',
    label:
      'You inject drugs, or have a condition or take medicine that weakens your immune system (such as chemotherapy or long-term steroids)',
  },
  cannotBearWeight: { group: 'injury', label: 'You suddenly cannot put weight on your leg' },
  legShortenedOrTurned: {
    group: 'injury',
    label: 'One leg looks shorter than the other, or turned outwards, since the pain began',
  },
  majorTrauma: {
    group: 'injury',
    label: 'The pain began after a serious accident, such as a car crash or a fall from a height',
  },
  minorFallWithOsteoporosisOrSteroids: {
    group: 'injury',
    label: 'The pain began after a small fall or knock, and you have thin bones or take steroid tablets',
  },
  cancerHistory: { group: 'other', label: 'You have had cancer at any time in the past' },
  unexplainedWeightLoss: { group: 'other', label: 'You have lost weight recently without trying' },
  nightPain: { group: 'other', label: 'Pain at night that does not ease in any position' },
  thoracicPain: { group: 'other', label: 'Pain in your middle or upper back as well' },
  severeUnrelentingPain: {
    group: 'other',
    label: 'Severe pain that is there all the time, or keeps getting worse even when you rest',
  },
  structuralDeformity: {
    group: 'other',
    label: 'A new change in the shape of your back, such as a new hump or curve',
  },
};

export const PAIN_AREA_LABELS: Record<PainArea, string> = {
  lowBack: 'Lower back',
  hipLeft: 'Left hip',
  hipRight: 'Right hip',
  buttockLeft: 'Left buttock',
  buttockRight: 'Right buttock',
  groin: 'Groin',
  legLeft: 'Left leg',
  legRight: 'Right leg',
};

export const TREND_LABELS: Record<PainTrend, string> = {
  better: 'Getting better',
  same: 'About the same',
  worse: 'Getting worse',
};

export const INFLAMMATORY_LABELS: Record<keyof InflammatoryAnswers, string> = {
  onsetBeforeAge40: 'It first began before you were 40',
  insidiousOnset: 'It came on slowly rather than all of a sudden',
  improvesWithExercise: 'It feels better when you move about or exercise',
  noImprovementWithRest: 'Resting does not make it better',
  nightPainImprovesOnGettingUp: 'It wakes you at night and eases once you get up',
};

export const APPROACH_LABELS: Record<HipApproach, string> = {
  posterior: 'From the back (posterior)',
  anterior: 'From the front (anterior)',
  lateral: 'From the side (lateral)',
  anterolateral: 'From the front and side (anterolateral)',
  unknown: 'I am not sure',
};

/** Restrictions a surgeon or PT commonly gives after a hip replacement, as "don't" lines. */
export const RESTRICTION_LABELS: Partial<Record<PrecautionTag, string>> = {
  hipFlexionOver90: 'Do not bend the hip past a right angle (for example, low chairs)',
  hipAdductionPastMidline: 'Do not cross your legs or bring the leg past the middle of your body',
  hipInternalRotation: 'Do not turn the knee or foot inwards',
  hipExternalRotation: 'Do not turn the leg outwards',
  hipExtensionWithExternalRotation: 'Do not take the leg behind you while it is turned outwards',
  hipAbductionActive: 'Do not lift the leg out to the side',
  lyingOnFront: 'Do not lie on your front',
  kneeling: 'Do not kneel',
  floorTransfer: 'Do not get down onto the floor',
};

export const TRIMESTER_LABELS: Record<'1' | '2' | '3', string> = {
  '1': 'First trimester (up to 13 weeks)',
  '2': 'Second trimester (14 to 27 weeks)',
  '3': 'Third trimester (28 weeks or more)',
};

export const ACTIVITY_LABELS: Record<PreferredActivity, string> = {
  walking: 'Walking',
  cycling: 'Cycling',
  swimming: 'Swimming',
};

export const STEP_TITLES = [
  'First, a few important signs',
  'About your pain',
  'Things we should know',
  'Your activity',
  'Check your answers',
] as const;

export const stepTitle = (step: 1 | 2 | 3 | 4 | 5): string => STEP_TITLES[step - 1] ?? '';
