/**
 * The request contract of `POST /api/self-check`: what a visitor or patient
 * tells us, validated. Ranges and contradictions are checked here, so the
 * triage and the plan engine can trust their input.
 *
 * Every message is written to be acted on ("pain.now must be a whole number
 * from 0 to 10"); `parseSelfCheck` (./parse.ts) prefixes the field path.
 */
import { z } from 'zod';
import { isIsoDate } from '../dates';
import { PRECAUTION_TAGS } from '../library/types';
import { HIP_APPROACHES, SIDES } from '../precautions/types';
import type { Precaution } from '../precautions/types';
import { t } from '../thresholds';
import { WARNING_SIGNS } from '../triage/signs';

export const PAIN_AREAS = [
  'lowBack',
  'hipLeft',
  'hipRight',
  'buttockLeft',
  'buttockRight',
  'groin',
  'legLeft',
  'legRight',
] as const;
export type PainArea = (typeof PAIN_AREAS)[number];

export const PREFERRED_ACTIVITIES = ['walking', 'cycling', 'swimming'] as const;
export type PreferredActivity = (typeof PREFERRED_ACTIVITIES)[number];

export const PAIN_TRENDS = ['better', 'same', 'worse'] as const;
export type PainTrend = (typeof PAIN_TRENDS)[number];

/** Error option: "is required" when the field is missing, `text` otherwise. */
function requiredOr(text: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : text) };
}

function wholeNumber(min: number, max: number) {
  const text = `must be a whole number from ${min} to ${max}`;
  return z.number(requiredOr(text)).int({ error: text }).min(min, { error: text }).max(max, { error: text });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, requiredOr(`must be one of: ${values.join(', ')}`));
}

const isoDate = z
  .string(requiredOr('must be a date written as YYYY-MM-DD, e.g. 2027-02-01'))
  .refine(isIsoDate, { error: 'must be a real date written as YYYY-MM-DD, e.g. 2027-02-01' });

const hhmm = z
  .string(requiredOr('must be a time written as HH:MM, e.g. 09:00'))
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time written as HH:MM (24-hour), e.g. 09:00' });

const bool = z.boolean(requiredOr('must be true or false'));

const hipReplacementSchema = z.strictObject({
  kind: z.literal('hipReplacement'),
  side: oneOf(SIDES),
  approach: oneOf(HIP_APPROACHES),
  restrictions: z.array(oneOf(PRECAUTION_TAGS), requiredOr('must be a list of precaution tags')).optional(),
  until: isoDate.optional(),
});

const pregnancySchema = z.strictObject({
  kind: z.literal('pregnancy'),
  trimester: z.literal([1, 2, 3], requiredOr('must be 1, 2 or 3')),
});

const osteoporosisSchema = z.strictObject({ kind: z.literal('osteoporosis') });
const vertebralFractureSchema = z.strictObject({ kind: z.literal('vertebralFracture') });
const recentSurgerySchema = z.strictObject({
  kind: z.literal('recentSurgery'),
  until: isoDate.optional(),
});

export const precautionSchema = z.discriminatedUnion(
  'kind',
  [hipReplacementSchema, pregnancySchema, osteoporosisSchema, vertebralFractureSchema, recentSurgerySchema],
  requiredOr('must be one of: hipReplacement, pregnancy, osteoporosis, vertebralFracture, recentSurgery'),
);

/** The five ASAS inflammatory-back-pain questions (RF12), answered yes/no. */
export const inflammatoryAnswersSchema = z.strictObject({
  /** The back pain first began before the age of 40. */
  onsetBeforeAge40: bool,
  /** It came on gradually rather than suddenly. */
  insidiousOnset: bool,
  /** It gets better with exercise. */
  improvesWithExercise: bool,
  /** It does not get better with rest. */
  noImprovementWithRest: bool,
  /** Pain at night that gets better when getting up. */
  nightPainImprovesOnGettingUp: bool,
});
export type InflammatoryAnswers = z.infer<typeof inflammatoryAnswersSchema>;

const baseSchema = z.strictObject({
  age: wholeNumber(t('minAge'), t('maxAge')),
  painAreas: z
    .array(oneOf(PAIN_AREAS), requiredOr('must be a list of pain areas'))
    .min(1, { error: 'must name at least one place where you feel pain' }),
  painStartedWeeksAgo: wholeNumber(0, t('maxPainDurationWeeks')),
  pain: z.strictObject(
    {
      now: wholeNumber(0, t('painScaleMax')),
      worstLastWeek: wholeNumber(0, t('painScaleMax')),
    },
    requiredOr('must be an object with "now" and "worstLastWeek"'),
  ),
  warningSigns: z.array(
    z.enum(
      WARNING_SIGNS,
      requiredOr(`is not a known warning sign; known codes are: ${WARNING_SIGNS.join(', ')}`),
    ),
    requiredOr('must be a list of warning-sign codes (an empty list when none apply)'),
  ),
  precautions: z
    .array(precautionSchema, requiredOr('must be a list (an empty list when none apply)'))
    .max(10, { error: 'must list at most 10 precautions' }),
  activityMinutesLastWeek: wholeNumber(0, t('maxActivityMinutesPerWeek')),
  /** Patient-Specific Functional Scale baseline: activities that are hard, each rated 0-10. */
  activities: z
    .array(
      z.strictObject({
        name: z
          .string(requiredOr('must be the name of an activity'))
          .max(100, { error: 'must be at most 100 characters' })
          .refine((s) => s.trim().length > 0, { error: 'must not be empty' }),
        score: wholeNumber(0, t('psfsItemMax')),
      }),
      requiredOr('must be a list of activities'),
    )
    .max(t('psfsMaxActivities'), { error: `must list at most ${t('psfsMaxActivities')} activities` })
    .default([]),
  /** Hours in which movement-break reminders fall (default 09:00-17:00). */
  movementBreakHours: z.strictObject({ start: hhmm, end: hhmm }).optional(),
  preferredActivity: oneOf(PREFERRED_ACTIVITIES).optional(),
  /** How the pain has changed since it started. */
  trend: oneOf(PAIN_TRENDS).optional(),
  /** Whether the person has had similar back pain before (so new pain at >50 is less likely a first episode). */
  hadSimilarPainBefore: bool.optional(),
  inflammatory: inflammatoryAnswersSchema.optional(),
});

type BaseInput = z.infer<typeof baseSchema>;

function checkContradictions(value: BaseInput, ctx: z.RefinementCtx): void {
  if (value.pain.now > value.pain.worstLastWeek) {
    ctx.addIssue({
      code: 'custom',
      path: ['pain', 'now'],
      message: `(${value.pain.now}) cannot be higher than pain.worstLastWeek (${value.pain.worstLastWeek}): the worst pain in the last week includes today`,
    });
  }
  const duplicate = <T>(list: readonly T[], key: (x: T) => string, path: string, what: string) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) {
        ctx.addIssue({ code: 'custom', path: [path, i], message: `lists ${what} "${k}" more than once` });
      }
      seen.add(k);
    });
  };
  duplicate(value.painAreas, (a) => a, 'painAreas', 'the pain area');
  duplicate(value.warningSigns, (s) => s, 'warningSigns', 'the warning sign');
  duplicate(value.activities, (a) => a.name.trim().toLowerCase(), 'activities', 'the activity');

  const once = new Set(['pregnancy', 'osteoporosis', 'vertebralFracture']);
  const seenKinds = new Set<string>();
  value.precautions.forEach((p, i) => {
    const key = p.kind === 'hipReplacement' ? `hipReplacement:${p.side}` : p.kind;
    if ((once.has(p.kind) || p.kind === 'hipReplacement') && seenKinds.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: ['precautions', i],
        message:
          p.kind === 'hipReplacement'
            ? `is a second ${p.side} hip replacement: list each hip once`
            : `lists ${p.kind} a second time: list it once`,
      });
    }
    seenKinds.add(key);
    if (p.kind === 'hipReplacement' && p.restrictions) {
      const seen = new Set<string>();
      p.restrictions.forEach((r, j) => {
        if (seen.has(r)) {
          ctx.addIssue({
            code: 'custom',
            path: ['precautions', i, 'restrictions', j],
            message: `lists "${r}" more than once`,
          });
        }
        seen.add(r);
      });
    }
  });

  const hours = value.movementBreakHours;
  if (hours && hours.end <= hours.start) {
    ctx.addIssue({
      code: 'custom',
      path: ['movementBreakHours', 'end'],
      message: `(${hours.end}) must be later than movementBreakHours.start (${hours.start})`,
    });
  }
}

/** The self-check request body, with its range checks and contradiction checks. */
export const selfCheckInputSchema = baseSchema.superRefine(checkContradictions);

/** A validated self-check. */
export type SelfCheckInput = z.output<typeof selfCheckInputSchema>;
/** A self-check body as a client may send it (optional lists may be left out). */
export type SelfCheckRequest = z.input<typeof selfCheckInputSchema>;

// Compile-time check: the schema's precaution shape is the core's Precaution type.
type ParsedPrecaution = z.output<typeof precautionSchema>;
const _schemaMatchesCore: (p: ParsedPrecaution) => Precaution = (p) => p;
const _coreMatchesSchema: (p: Precaution) => ParsedPrecaution = (p) => p;
void _schemaMatchesCore;
void _coreMatchesSchema;
