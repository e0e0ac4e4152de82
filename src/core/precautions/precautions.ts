/**
 * Precautions: which exercise tags each situation rules out, for how long,
 * and why. Pure functions; `today` is always passed in.
 *
 * Sources: clinical-facts.md §4 (hip arthroplasty T1-T4, pregnancy P1,
 * osteoporosis O1). The mapping from a situation to tags is partly our own
 * proposal; docs/clinical-rules.md marks which rows need clinician sign-off.
 */
import type { Exercise, PrecautionTag } from '../library/types';
import { PRECAUTION_TAGS } from '../library/types';
import { addDays } from '../dates';
import { t } from '../thresholds';
import type {
  ActivePrecaution,
  Conflict,
  HipApproach,
  HipReplacementPrecaution,
  Precaution,
  PregnancyPrecaution,
  Severity,
  TagRule,
} from './types';

/** What each tag means, in words a patient reads ("avoid …"). */
export const TAG_PHRASES: Readonly<Record<PrecautionTag, string>> = {
  hipFlexionOver90: 'bending the hip further than a right angle',
  hipAdductionPastMidline: 'bringing the leg across the middle of the body',
  hipInternalRotation: 'turning the hip inwards',
  hipExtensionWithExternalRotation: 'taking the leg behind you while it is turned outwards',
  hipExternalRotation: 'turning the hip outwards',
  hipAbductionActive: 'lifting the leg out to the side against gravity',
  lyingOnBack: 'lying flat on your back',
  lyingOnFront: 'lying on your front',
  spinalFlexionEndRange: 'rounding the back fully forwards',
  spinalRotationEndRange: 'twisting the back as far as it goes',
  kneeling: 'kneeling',
  impact: 'jumping, running or other jarring impact',
  externalLoad: 'lifting or carrying weights',
  highAbdominalPressure: 'hard bracing or straining through the tummy',
  fallRisk: 'positions where you could lose your balance and fall',
  floorTransfer: 'getting down to and up from the floor',
  waterImmersion: 'swimming or other activity in water',
};

interface RuleSpec {
  tag: PrecautionTag;
  severity: Severity;
  why: string;
  source: string;
}

const POSTERIOR_RULES: readonly RuleSpec[] = [
  {
    tag: 'hipFlexionOver90',
    severity: 'forbidden',
    why: 'the usual precaution after a posterior-approach hip replacement',
    source: 'T1, T4 (clinical-facts §4.1)',
  },
  {
    tag: 'hipAdductionPastMidline',
    severity: 'forbidden',
    why: 'the usual precaution after a posterior-approach hip replacement',
    source: 'T1, T4 (clinical-facts §4.1)',
  },
  {
    tag: 'hipInternalRotation',
    severity: 'forbidden',
    why: 'the usual precaution after a posterior-approach hip replacement',
    source: 'T1, T4 (clinical-facts §4.1)',
  },
];

const ANTERIOR_RULES: readonly RuleSpec[] = [
  {
    tag: 'hipExtensionWithExternalRotation',
    severity: 'forbidden',
    why: 'the usual precaution after an anterior-approach hip replacement',
    source: 'T2, T3 (clinical-facts §4.1)',
  },
  {
    tag: 'hipExternalRotation',
    severity: 'caution',
    why: 'some surgeons ask people to avoid this for the first weeks after an anterior-approach hip replacement',
    source: 'T3 (clinical-facts §4.1, §4.3)',
  },
];

const LATERAL_EXTRA_RULES: readonly RuleSpec[] = [
  {
    tag: 'hipAbductionActive',
    severity: 'forbidden',
    why: 'the usual precaution after a lateral or anterolateral hip replacement',
    source: 'T2 (clinical-facts §4.1)',
  },
];

/** The usual restrictions for each surgical approach (clinical-facts §4.1). */
function approachRules(approach: HipApproach): readonly RuleSpec[] {
  switch (approach) {
    case 'posterior':
      return POSTERIOR_RULES;
    case 'anterior':
      return ANTERIOR_RULES;
    case 'lateral':
    case 'anterolateral':
      return [...POSTERIOR_RULES, ...LATERAL_EXTRA_RULES];
    case 'unknown':
      // When the approach is not known, apply every approach's usual set (our design choice: safest).
      return [
        ...POSTERIOR_RULES.map((r) => ({
          ...r,
          why: 'a usual hip-replacement precaution (surgical approach not known)',
        })),
        ...ANTERIOR_RULES.map((r) => ({
          ...r,
          why: 'a usual hip-replacement precaution (surgical approach not known)',
        })),
        ...LATERAL_EXTRA_RULES.map((r) => ({
          ...r,
          why: 'a usual hip-replacement precaution (surgical approach not known)',
        })),
      ];
  }
}

function pregnancyRules(p: PregnancyPrecaution): RuleSpec[] {
  const rules: RuleSpec[] = [
    {
      tag: 'fallRisk',
      severity: 'forbidden',
      why: 'activities with a risk of falling are best avoided in pregnancy',
      source: 'P1 ACOG 2002 (clinical-facts §4.4)',
    },
    {
      tag: 'impact',
      severity: 'forbidden',
      why: 'we keep a starter program in pregnancy free of jarring impact (a design choice to check with your midwife or PT)',
      source: 'P1 (clinical-facts §4.4); DESIGN PROPOSAL',
    },
    {
      tag: 'highAbdominalPressure',
      severity: 'forbidden',
      why: 'hard bracing through the tummy is best avoided while the tummy muscles stretch in pregnancy (a design choice to check with your midwife or PT)',
      source: 'P1 (clinical-facts §4.4); DESIGN PROPOSAL',
    },
  ];
  if (p.trimester >= t('pregnancyNoLyingOnBackFromTrimester')) {
    rules.push(
      {
        tag: 'lyingOnBack',
        severity: 'forbidden',
        why: 'lying flat on your back is advised against after the first three months of pregnancy',
        source: 'P1 ACOG 2002 (clinical-facts §4.4)',
      },
      {
        tag: 'lyingOnFront',
        severity: 'forbidden',
        why: 'lying on your front is uncomfortable and unsuitable once the bump grows (a design choice)',
        source: 'P1 (clinical-facts §4.4); DESIGN PROPOSAL',
      },
    );
  }
  return rules;
}

const OSTEOPOROSIS_RULES: readonly RuleSpec[] = [
  {
    tag: 'spinalFlexionEndRange',
    severity: 'forbidden',
    why: 'rounding the spine fully forwards loads the front of the vertebrae, which is advised against with osteoporosis',
    source: 'O1 Too Fit To Fracture (clinical-facts §4.4)',
  },
  {
    tag: 'spinalRotationEndRange',
    severity: 'forbidden',
    why: 'twisting to the end of range is advised against with osteoporosis',
    source: 'O1 Too Fit To Fracture (clinical-facts §4.4)',
  },
  {
    tag: 'fallRisk',
    severity: 'forbidden',
    why: 'a fall is what most often breaks a bone with osteoporosis, so a home program avoids positions where you could fall (a design choice)',
    source: 'O1 (clinical-facts §4.4); DESIGN PROPOSAL',
  },
  {
    tag: 'externalLoad',
    severity: 'caution',
    why: 'moderate weights are fine and build bone, but avoid lifting as much as you possibly can',
    source: 'O1, O1b (clinical-facts §4.4, §5.2)',
  },
];

const VERTEBRAL_FRACTURE_RULES: readonly RuleSpec[] = [
  {
    tag: 'spinalFlexionEndRange',
    severity: 'forbidden',
    why: 'rounding the spine fully forwards is advised against after a spinal fracture',
    source: 'O1 Too Fit To Fracture (clinical-facts §4.4)',
  },
  {
    tag: 'spinalRotationEndRange',
    severity: 'forbidden',
    why: 'twisting to the end of range is advised against after a spinal fracture',
    source: 'O1 Too Fit To Fracture (clinical-facts §4.4)',
  },
  {
    tag: 'externalLoad',
    severity: 'forbidden',
    why: 'after a spinal fracture, talk to a PT before using weights',
    source: 'O1b (clinical-facts §4.4)',
  },
  {
    tag: 'impact',
    severity: 'forbidden',
    why: 'after a spinal fracture, moderate rather than vigorous activity is advised',
    source: 'O1b (clinical-facts §4.4)',
  },
  {
    tag: 'fallRisk',
    severity: 'forbidden',
    why: 'a fall could cause another fracture, so a home program avoids positions where you could fall (a design choice)',
    source: 'O1 (clinical-facts §4.4); DESIGN PROPOSAL',
  },
  {
    tag: 'floorTransfer',
    severity: 'caution',
    why: 'getting down to the floor can be hard after a spinal fracture; use a bed or a firm sofa if that is easier (a design choice)',
    source: 'DESIGN PROPOSAL',
  },
];

const RECENT_SURGERY_WHY: ReadonlyArray<readonly [PrecautionTag, string]> = [
  ['floorTransfer', 'getting down to the floor and up again is hard to do safely soon after surgery'],
  ['externalLoad', 'lifting weights soon after surgery is usually restricted by the surgeon'],
  ['highAbdominalPressure', 'straining through the tummy soon after surgery can stress healing tissue'],
  ['waterImmersion', 'wounds need to be fully healed before swimming'],
  ['impact', 'jarring impact is usually restricted soon after surgery'],
];

const RECENT_SURGERY_RULES: readonly RuleSpec[] = RECENT_SURGERY_WHY.map(([tag, why]) => ({
  tag,
  severity: 'forbidden',
  why: `${why} (a design choice: your surgeon's instructions come first)`,
  source: 'No general source (clinical-facts §4.4 recent surgery, UNCONFIRMED); DESIGN PROPOSAL',
}));

function toRules(specs: readonly RuleSpec[], precaution: Precaution, assumed: boolean): TagRule[] {
  return specs.map((s) => ({
    tag: s.tag,
    severity: s.severity,
    precaution: precaution.kind,
    reason: `Avoid ${TAG_PHRASES[s.tag]}: ${s.why}.`,
    assumed,
    source: s.source,
  }));
}

function sideWord(p: HipReplacementPrecaution): string {
  return p.side === 'left' ? 'Left' : 'Right';
}

function approachWord(a: HipApproach): string {
  return a === 'unknown' ? 'approach not known' : `${a} approach`;
}

function listTags(rules: readonly TagRule[]): string {
  return rules.map((r) => TAG_PHRASES[r.tag]).join('; ');
}

function resolveHipReplacement(p: HipReplacementPrecaution, today: string): ActivePrecaution {
  const label = `${sideWord(p)} hip replacement (${approachWord(p.approach)})`;
  const given = p.restrictions ?? [];
  const rulesAssumed = given.length === 0;
  const rules = rulesAssumed
    ? toRules(approachRules(p.approach), p, true)
    : toRules(
        // Keep the vocabulary order so output is stable whatever order the surgeon's list came in.
        PRECAUTION_TAGS.filter((tag) => given.includes(tag)).map((tag) => ({
          tag,
          severity: 'forbidden' as const,
          why: 'your surgeon asked you to avoid this',
          source: 'T2 "always follow the operating surgeon" (clinical-facts §4.1, §4.2)',
        })),
        p,
        false,
      );
  const notes: string[] = [];
  if (rulesAssumed) {
    notes.push(
      `You did not tell us your surgeon's restrictions, so we applied the usual ones for this operation (${approachWord(p.approach)}): avoid ${listTags(rules.filter((r) => r.severity === 'forbidden'))}. Ask your surgeon or PT which apply to you; many people are now given fewer.`,
    );
  }
  const untilAssumed = p.until === undefined;
  const until = p.until ?? addDays(today, 7 * t('hipReplacementDefaultPrecautionWeeks'));
  if (untilAssumed) {
    notes.push(
      `You did not give an end date, so we apply these precautions for ${t('hipReplacementDefaultPrecautionWeeks')} weeks, until ${until}. Your surgeon's advice on how long to keep them comes first.`,
    );
  }
  return { precaution: p, kind: p.kind, label, until, untilAssumed, rulesAssumed, rules, notes };
}

function resolve(p: Precaution, today: string): ActivePrecaution {
  switch (p.kind) {
    case 'hipReplacement':
      return resolveHipReplacement(p, today);
    case 'pregnancy':
      return {
        precaution: p,
        kind: p.kind,
        label: `Pregnancy (trimester ${p.trimester})`,
        until: null,
        untilAssumed: false,
        rulesAssumed: true,
        rules: toRules(pregnancyRules(p), p, true),
        notes: [
          'If your midwife or doctor has advised you not to exercise, follow their advice instead of this plan.',
          'Stop and contact your midwife or doctor if you have bleeding, fluid leaking, dizziness or fainting, chest pain, breathlessness before you start, calf pain or swelling, regular painful tightenings, or fewer baby movements.',
        ],
      };
    case 'osteoporosis':
      return {
        precaution: p,
        kind: p.kind,
        label: 'Osteoporosis',
        until: null,
        untilAssumed: false,
        rulesAssumed: true,
        rules: toRules(OSTEOPOROSIS_RULES, p, true),
        notes: [
          'Strength and balance work are good for bones. Bend at the hips rather than rounding your back when you pick things up.',
        ],
      };
    case 'vertebralFracture':
      return {
        precaution: p,
        kind: p.kind,
        label: 'Spinal (vertebral) fracture',
        until: null,
        untilAssumed: false,
        rulesAssumed: true,
        rules: toRules(VERTEBRAL_FRACTURE_RULES, p, true),
        notes: ['Talk to a PT before you use weights, and keep aerobic activity at a moderate effort.'],
      };
    case 'recentSurgery': {
      const untilAssumed = p.until === undefined;
      const until = p.until ?? addDays(today, 7 * t('recentSurgeryDefaultPrecautionWeeks'));
      const notes = [
        "Your surgeon's instructions come first; tell your PT what they are so your plan can match them.",
      ];
      if (untilAssumed) {
        notes.push(
          `You did not give an end date, so we apply these precautions for ${t('recentSurgeryDefaultPrecautionWeeks')} weeks, until ${until}.`,
        );
      }
      return {
        precaution: p,
        kind: p.kind,
        label: 'Recent surgery',
        until,
        untilAssumed,
        rulesAssumed: true,
        rules: toRules(RECENT_SURGERY_RULES, p, true),
        notes,
      };
    }
  }
}

/**
 * The precautions that apply on `today` (YYYY-MM-DD), each with its tag rules.
 * A precaution whose end date has passed is left out; the end date itself is
 * still covered. Order follows the input order.
 */
export function activePrecautions(precautions: readonly Precaution[], today: string): ActivePrecaution[] {
  return precautions.map((p) => resolve(p, today)).filter((a) => a.until === null || a.until >= today);
}

/** Every tag rule of the active precautions (forbidden and caution). */
export function tagRules(active: readonly ActivePrecaution[]): TagRule[] {
  return active.flatMap((a) => a.rules);
}

/** The tags no exercise in the plan may have. */
export function forbiddenTags(active: readonly ActivePrecaution[]): Set<PrecautionTag> {
  return new Set(
    tagRules(active)
      .filter((r) => r.severity === 'forbidden')
      .map((r) => r.tag),
  );
}

/** For each forbidden tag, which precaution(s) forbid it and why. */
export function forbiddenTagReasons(active: readonly ActivePrecaution[]): Map<PrecautionTag, TagRule[]> {
  const out = new Map<PrecautionTag, TagRule[]>();
  for (const rule of tagRules(active)) {
    if (rule.severity !== 'forbidden') continue;
    const list = out.get(rule.tag) ?? [];
    list.push(rule);
    out.set(rule.tag, list);
  }
  return out;
}

/**
 * Where an exercise meets the active precautions: every matching rule, the
 * forbidden ones first. An empty list means no conflict. The PT plan editor
 * calls this to refuse (forbidden) or warn (caution).
 */
export function conflicts(
  exercise: Pick<Exercise, 'precautions'>,
  active: readonly ActivePrecaution[],
): Conflict[] {
  const out: Conflict[] = [];
  for (const a of active) {
    for (const r of a.rules) {
      if (!exercise.precautions.includes(r.tag)) continue;
      out.push({
        tag: r.tag,
        severity: r.severity,
        precaution: r.precaution,
        label: a.label,
        reason: r.reason,
        assumed: r.assumed,
        source: r.source,
      });
    }
  }
  const rank = (s: Severity): number => (s === 'forbidden' ? 0 : 1);
  // Stable sort: forbidden first, input order otherwise.
  return out.sort((x, y) => rank(x.severity) - rank(y.severity));
}

/** True when any active precaution forbids one of the exercise's tags. */
export function isForbidden(
  exercise: Pick<Exercise, 'precautions'>,
  active: readonly ActivePrecaution[],
): boolean {
  return conflicts(exercise, active).some((c) => c.severity === 'forbidden');
}
