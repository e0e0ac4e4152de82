/**
 * Warning signs (red flags) the self-check asks about, as a fixed vocabulary.
 *
 * The codes are part of the public API (`POST /api/self-check`): never rename
 * one, only add. Each sign has a plain-language question (our own words) and
 * the tier it triggers when it is the only positive answer. Combinations are
 * handled in ./triage.ts. Sources: clinical-facts.md §1.2-§1.4.
 */

export const WARNING_SIGNS = [
  // Possible cauda equina syndrome (emergency): RF7, RF8, RF9
  'newBladderOrBowelProblem',
  'saddleNumbness',
  'newSexualDysfunction',
  'sciaticaBothLegs',
  'weaknessBothLegs',
  'weaknessRapidlyWorsening',
  'gaitDisturbance',
  // Nerve signs in one leg (urgent): RF10
  'weaknessOneLeg',
  'legNumbness',
  // Possible infection (emergency / risk factor): RF5, RF6, RF10
  'feverOrUnwell',
  'hotSwollenHip',
  'ivDrugUseOrImmunosuppressed',
  // Possible fracture or dislocation (emergency): RF6, RF14, RF18
  'cannotBearWeight',
  'legShortenedOrTurned',
  'majorTrauma',
  // Possible fracture after minor trauma (soon): RF2, RF5
  'minorFallWithOsteoporosisOrSteroids',
  // Possible cancer (soon, or urgent/emergency in combination): RF2, RF3, RF5, RF11
  'cancerHistory',
  'unexplainedWeightLoss',
  'nightPain',
  'thoracicPain',
  'severeUnrelentingPain',
  'structuralDeformity',
] as const;

export type WarningSign = (typeof WARNING_SIGNS)[number];

export const TRIAGE_LEVELS = ['emergency', 'urgent', 'soon', 'selfCare'] as const;
export type TriageLevel = (typeof TRIAGE_LEVELS)[number];

/** Lower number = more urgent. */
export const LEVEL_RANK: Readonly<Record<TriageLevel, number>> = {
  emergency: 0,
  urgent: 1,
  soon: 2,
  selfCare: 3,
};

export interface WarningSignDefinition {
  /** The question as the self-check asks it (our own words). */
  readonly question: string;
  /** What we tell the person when they answer yes (our own words). */
  readonly message: string;
  /** The tier this sign triggers on its own. */
  readonly tier: Exclude<TriageLevel, 'selfCare'>;
  /** Source keys, clinical-facts.md §11. */
  readonly source: string;
  /** True when the tier is our proposal rather than a row of the §1.4 table. */
  readonly designProposal?: boolean;
}

export const WARNING_SIGN_DEFINITIONS: Readonly<Record<WarningSign, WarningSignDefinition>> = {
  newBladderOrBowelProblem: {
    question:
      'In the last 2 weeks, has anything changed with your bladder or bowel, such as trouble starting to pee, a weak or unfelt flow, leaking, or not feeling when you need to go?',
    message:
      'A new change in bladder or bowel control together with back pain can mean the nerves at the base of the spine are being squeezed.',
    tier: 'emergency',
    source: 'RF7, RF8, RF9',
  },
  saddleNumbness: {
    question:
      'Is there numbness, tingling or a strange feeling around your bottom, genitals or inner thighs (the area that would touch a saddle)?',
    message: 'Numbness in the saddle area can mean the nerves at the base of the spine are being squeezed.',
    tier: 'emergency',
    source: 'RF5, RF7, RF8',
  },
  newSexualDysfunction: {
    question: 'In the last 2 weeks, have you noticed a new change in sexual function or sensation?',
    message:
      'A new change in sexual function together with back pain can be a sign of nerve compression at the base of the spine.',
    tier: 'emergency',
    source: 'RF7, RF8',
  },
  sciaticaBothLegs: {
    question:
      'Do you have pain shooting down BOTH legs, or has pain that was in one leg spread to the other?',
    message: 'Nerve pain in both legs can mean the nerves at the base of the spine are being squeezed.',
    tier: 'emergency',
    source: 'RF8, RF7',
  },
  weaknessBothLegs: {
    question: 'Are BOTH legs weak, or giving way?',
    message: 'Weakness in both legs needs a doctor to check your nerves straight away.',
    tier: 'emergency',
    source: 'RF5, RF7, RF8',
  },
  weaknessRapidlyWorsening: {
    question: 'Is weakness in a leg or foot getting worse quickly, over hours or days?',
    message: 'Leg weakness that is getting worse quickly needs a doctor to check your nerves straight away.',
    tier: 'emergency',
    source: 'RF5, RF8',
  },
  gaitDisturbance: {
    question: 'Has your walking become unsteady or clumsy in a way that is new or getting worse?',
    message:
      'A new change in the way you walk can be a sign that nerves are affected and should be checked straight away.',
    tier: 'emergency',
    source: 'RF5',
  },
  weaknessOneLeg: {
    question: 'Is one leg or foot newly weak, for example your foot slaps down or catches when you walk?',
    message:
      'New weakness in one leg means a nerve may be under pressure; a clinician should examine you today.',
    tier: 'urgent',
    source: 'RF10',
  },
  legNumbness: {
    question:
      'Have you lost feeling (real numbness, not just pins and needles) in part of a leg or foot, and is this new?',
    message:
      'New loss of feeling in a leg means a nerve may be under pressure; a clinician should examine you today.',
    tier: 'urgent',
    source: 'RF10 (new neurological deficit: same day), clinical-facts §8',
    designProposal: true,
  },
  feverOrUnwell: {
    question: 'Along with your pain, do you have a fever, shivers or chills, or feel generally unwell?',
    message:
      'Pain with fever or feeling unwell can be a sign of infection in the spine or joint, which needs treatment quickly.',
    tier: 'emergency',
    source: 'RF5, RF6, RF14',
  },
  hotSwollenHip: {
    question: 'Is your hip hot, red or swollen?',
    message: 'A hot, swollen hip can be a sign of infection in the joint, which needs treatment quickly.',
    tier: 'emergency',
    source: 'RF6, RF14',
  },
  ivDrugUseOrImmunosuppressed: {
    question:
      'Do you inject drugs, or take medicines or have a condition that weakens your immune system (for example chemotherapy, steroids or transplant medicines)?',
    message:
      'A weaker immune system makes infections more likely and harder to notice; a doctor should check your pain.',
    tier: 'soon',
    source: 'RF5 (infection risk factor)',
    designProposal: true,
  },
  cannotBearWeight: {
    question: 'Have you suddenly become unable to put weight on your leg or stand on it?',
    message: 'Suddenly being unable to take weight on a leg can mean a broken bone or a dislocated joint.',
    tier: 'emergency',
    source: 'RF6, RF13, RF14',
  },
  legShortenedOrTurned: {
    question: 'Does one leg look shorter than the other, or turned outwards, since the pain started?',
    message: 'A leg that looks shorter or turned out can mean a broken hip or a dislocated hip replacement.',
    tier: 'emergency',
    source: 'RF14, RF18, RF6',
  },
  majorTrauma: {
    question: 'Did the pain start after a major accident, such as a car crash or a fall from a height?',
    message: 'Back or hip pain after a major accident needs checking for a broken bone.',
    tier: 'emergency',
    source: 'RF2, RF5, RF6',
  },
  minorFallWithOsteoporosisOrSteroids: {
    question:
      'Did the pain start after a minor fall or knock, and do you have osteoporosis (thin bones) or take steroid tablets long term?',
    message:
      'With thinner bones, even a small fall can crack a bone; a doctor should check whether you need an X-ray.',
    tier: 'soon',
    source: 'RF2, RF5, RF10',
  },
  cancerHistory: {
    question: 'Have you ever been treated for cancer?',
    message:
      'With a history of cancer, new back or hip pain should be checked by a doctor, even though it is usually something else.',
    tier: 'soon',
    source: 'RF2, RF3, RF4, RF5',
  },
  unexplainedWeightLoss: {
    question: 'Have you lost weight recently without trying?',
    message: 'Losing weight without trying should be checked by a doctor.',
    tier: 'soon',
    source: 'RF3, RF5',
  },
  nightPain: {
    question: 'Do you have pain at night that does not ease whatever position you lie in?',
    message: 'Pain at night that no position eases should be checked by a doctor.',
    tier: 'soon',
    source: 'RF5, RF6, RF13',
  },
  thoracicPain: {
    question: 'Do you also have pain in the middle or upper back (between or around the shoulder blades)?',
    message:
      'Pain in the upper or middle back is outside what this program covers and should be checked by a doctor.',
    tier: 'soon',
    source: 'RF3, RF11',
    designProposal: true,
  },
  severeUnrelentingPain: {
    question:
      'Is your pain severe and constant, or getting steadily worse, even when you rest or change position?',
    message: 'Pain that is constant and does not ease with rest should be checked by a doctor.',
    tier: 'soon',
    source: 'RF6, RF11',
    designProposal: true,
  },
  structuralDeformity: {
    question: 'Have you noticed a new change in the shape of your back, such as a new hump or curve?',
    message: 'A new change in the shape of your back should be checked by a doctor.',
    tier: 'soon',
    source: 'RF5',
  },
};

/** Signs that count as new neurological symptoms for someone with known cancer (NICE CG75, RF11). */
export const NEUROLOGICAL_SIGNS: readonly WarningSign[] = [
  'newBladderOrBowelProblem',
  'saddleNumbness',
  'newSexualDysfunction',
  'sciaticaBothLegs',
  'weaknessBothLegs',
  'weaknessRapidlyWorsening',
  'gaitDisturbance',
  'weaknessOneLeg',
  'legNumbness',
];

/** Signs that, with known cancer, call for same-day contact (CG75 spinal features, RF11). */
export const CANCER_SPINAL_FEATURE_SIGNS: readonly WarningSign[] = [
  'thoracicPain',
  'nightPain',
  'severeUnrelentingPain',
];

/** Signs that point towards possible cauda equina syndrome (RF7, RF8). */
export const CES_SIGNS: readonly WarningSign[] = [
  'newBladderOrBowelProblem',
  'saddleNumbness',
  'newSexualDysfunction',
  'sciaticaBothLegs',
  'weaknessBothLegs',
];

/** Signs whose own tier is emergency: any one of them makes the result an emergency. */
export const EMERGENCY_SIGNS: readonly WarningSign[] = WARNING_SIGNS.filter(
  (s) => WARNING_SIGN_DEFINITIONS[s].tier === 'emergency',
);
