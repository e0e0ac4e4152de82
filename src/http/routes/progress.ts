import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isIsoDate } from '../../core/dates';
import { t } from '../../core/thresholds';
import type { AppDeps } from '../app';
import { errorResponses } from '../schemas';

const clientId = z
  .string({ error: 'clientId is required: a unique id the app makes for each record (a UUID).' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, {
    error: 'clientId must be 8 to 64 letters, digits, "-" or "_" (a UUID works).',
  });
const date = z
  .string()
  .refine(isIsoDate, { error: 'must be a date written as YYYY-MM-DD.' })
  .meta({ description: "The patient's local calendar day; defaults to today" });
const max = t('psfsItemMax');
const scoreError = `score must be a whole number from 0 to ${max}.`;

const ratingIn = z.strictObject({
  activity: z
    .string({ error: 'activity must be the name of one of your activities.' })
    .trim()
    .min(1, { error: 'activity must not be empty.' })
    .max(100, { error: 'activity can be at most 100 characters.' }),
  score: z
    .number({ error: scoreError })
    .int({ error: scoreError })
    .min(0, { error: scoreError })
    .max(max, { error: scoreError }),
});

const ratingOut = z.object({
  clientId: z.string(),
  date: z.string(),
  ratings: z.array(z.object({ activity: z.string(), score: z.number() })),
});

const weekCount = z.object({ done: z.number(), planned: z.number() });
const milestone = z.object({ id: z.string(), date: z.string(), title: z.string(), detail: z.string() });
const category = z.enum(['improved', 'worsened', 'noMeaningfulChange']);

const progressSchema = z
  .object({
    today: z.string(),
    startDate: z.string().nullable(),
    pain: z.object({
      days: z.array(z.object({ date: z.string(), painNow: z.number().nullable() })),
      baseline: z.number().nullable(),
      recent: z.number().nullable(),
      change: z
        .object({
          baseline: z.number(),
          current: z.number(),
          change: z.number(),
          percentChange: z.number().nullable(),
          category,
        })
        .nullable(),
      sentence: z.string(),
    }),
    weeks: z.array(
      z.object({
        weekStart: z.string(),
        partial: z.boolean(),
        activityMinutes: z.number(),
        activityGoal: z.number(),
        stretch: weekCount,
        strength: weekCount,
        adherence: z.number().nullable(),
        movementBreaks: z.number(),
      }),
    ),
    activitySentence: z.string(),
    adherenceSentence: z.string(),
    functional: z.object({
      activities: z.array(
        z.object({
          activity: z.string(),
          points: z.array(z.object({ date: z.string(), score: z.number() })),
          baseline: z.number().nullable(),
          latest: z.number().nullable(),
          change: z.number().nullable(),
          beyondMeasurementError: z.boolean(),
        }),
      ),
      score: z.object({ baseline: z.number(), current: z.number(), change: z.number(), category }).nullable(),
      sentence: z.string(),
    }),
    streaks: z.object({ stretchCurrent: z.number(), stretchLongest: z.number(), sentence: z.string() }),
    milestones: z.array(milestone),
    planChanges: z.array(
      z.object({ version: z.number(), date: z.string(), source: z.string(), reason: z.string() }),
    ),
    summary: z
      .object({
        weekStart: z.string(),
        weekEnd: z.string(),
        sessions: z.object({
          stretch: weekCount,
          strength: weekCount,
          painDuringMean: z.number().nullable(),
          sentence: z.string(),
        }),
        activity: z.object({ minutes: z.number(), goal: z.number(), sentence: z.string() }),
        pain: z.object({
          mean: z.number().nullable(),
          previousMean: z.number().nullable(),
          category: category.nullable(),
          sentence: z.string(),
        }),
        movementBreaks: z.object({ count: z.number(), sentence: z.string() }),
        milestones: z.array(milestone),
        milestonesSentence: z.string(),
      })
      .nullable(),
    activities: z.array(
      z.object({ name: z.string(), latest: z.number().nullable(), lastRatedOn: z.string().nullable() }),
    ),
    maxActivities: z.number(),
  })
  .meta({ id: 'Progress' });

export const progressRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const progress = deps.services.progress;
    const tags = ['patient day'];
    const security = [{ session: [] }];

    r.get(
      '/api/me/progress',
      {
        schema: {
          summary:
            "The logged-in patient's progress: daily pain, weekly activity against the goal, adherence, functional activities, streaks, milestones and last week's summary, each with a sentence in plain words",
          tags,
          security,
          response: { 200: z.object({ progress: progressSchema }), ...errorResponses },
        },
      },
      async (req) => ({ progress: await progress.progress(req.actor) }),
    );

    r.post(
      '/api/me/functional-ratings',
      {
        schema: {
          summary: `Rate how well you can do your own everyday activities, 0 (cannot) to ${max} (as before the pain). A new activity name is added while you have fewer than ${t('psfsMaxActivities')}. Idempotent on clientId: the first write answers 201, a repeat answers 200 with the stored rating and changes nothing.`,
          tags,
          security,
          body: z.strictObject({
            clientId,
            date: date.optional(),
            ratings: z
              .array(ratingIn, { error: 'ratings must be a list of { activity, score }.' })
              .min(1, { error: 'Rate at least one activity.' })
              .max(t('psfsMaxActivities'), {
                error: `Rate at most ${t('psfsMaxActivities')} activities at once.`,
              }),
          }),
          response: {
            200: z.object({ rating: ratingOut }),
            201: z.object({ rating: ratingOut }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const { clientId: id, ...input } = req.body;
        const { rating, created } = await progress.rateFunctional(req.actor, id, input);
        return reply.status(created ? 201 : 200).send({ rating });
      },
    );
  };
