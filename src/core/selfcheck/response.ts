/**
 * The response contract of `POST /api/self-check`, as zod schemas so the
 * HTTP layer can publish it in the OpenAPI document. The compile-time checks
 * at the bottom keep these schemas and the core's TypeScript types in step.
 */
import { z } from 'zod';
import { WEEKDAYS } from '../dates';
import { PILLARS, PRECAUTION_TAGS } from '../library/types';
import type { SelfCheckResult } from '../plan/run';
import { PRECAUTION_KINDS } from '../precautions/types';
import { TRIAGE_LEVELS } from '../triage/signs';

/** One week of the activity build-up (`ActivityWeek`). */
export const activityWeekSchema = z.object({
  week: z.number(),
  minutesPerSession: z.number(),
  sessionsPerWeek: z.number(),
  weeklyMinutes: z.number(),
});

export const triageReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  level: z.enum(['emergency', 'urgent', 'soon']),
  source: z.string(),
});

export const triageResultSchema = z.object({
  level: z.enum(TRIAGE_LEVELS),
  reasons: z.array(triageReasonSchema),
  advice: z.string(),
});

const doseSchema = z.object({
  sets: z.number(),
  reps: z.number().optional(),
  holdSeconds: z.number().optional(),
  durationSeconds: z.number().optional(),
  restSeconds: z.number(),
  eachSide: z.boolean(),
  daysPerWeek: z.number(),
  source: z.string(),
});

export const planItemSchema = z.object({
  id: z.string(),
  pillar: z.enum(PILLARS),
  exercise: z.string().nullable(),
  title: z.string(),
  dose: doseSchema.nullable(),
  schedule: z.object({
    daysPerWeek: z.number(),
    days: z.array(z.enum(WEEKDAYS)).optional(),
    timesPerDay: z.number().optional(),
    times: z.array(z.string()).optional(),
    on: z.string().optional(),
    note: z.string().optional(),
  }),
  reason: z.string(),
  substitutedFor: z.object({ slug: z.string(), because: z.string() }).optional(),
  cautions: z.array(z.string()).optional(),
  checklist: z.array(z.string()).optional(),
  buildUp: z.array(activityWeekSchema).optional(),
  priority: z.literal('high').optional(),
});

export const planSchema = z.object({
  engineVersion: z.string(),
  generatedOn: z.string(),
  triageLevel: z.enum(['soon', 'selfCare']),
  painBand: z.enum(['low', 'moderate', 'high']),
  startLevel: z.number(),
  items: z.array(planItemSchema),
  precautions: z.array(
    z.object({
      kind: z.enum(PRECAUTION_KINDS),
      label: z.string(),
      until: z.string().nullable(),
      untilAssumed: z.boolean(),
      rulesAssumed: z.boolean(),
      forbidden: z.array(z.enum(PRECAUTION_TAGS)),
      cautions: z.array(z.enum(PRECAUTION_TAGS)),
      notes: z.array(z.string()),
    }),
  ),
  reviews: z.array(z.object({ week: z.number(), date: z.string() })),
  baseline: z.object({
    painNow: z.number(),
    painWorstLastWeek: z.number(),
    psfs: z.number().nullable(),
    activityMinutesLastWeek: z.number(),
  }),
  goals: z.array(z.object({ name: z.string(), score: z.number() })),
});

/** 200 response of `POST /api/self-check`. */
export const selfCheckResponseSchema = z.object({
  triage: triageResultSchema,
  plan: planSchema.nullable(),
});

/** 400 response of `POST /api/self-check`. */
export const selfCheckErrorResponseSchema = z.object({
  error: z.object({
    code: z.literal('validation_failed'),
    message: z.string(),
    path: z.string(),
  }),
});

// Compile-time checks: the schema describes exactly what runSelfCheck returns.
type Described = z.infer<typeof selfCheckResponseSchema>;
const _resultFitsSchema: (r: SelfCheckResult) => Described = (r) => r;
const _schemaFitsResult: (r: Described) => SelfCheckResult = (r) => r;
void _resultFitsSchema;
void _schemaFitsResult;
