import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isIsoDate } from '../../core/dates';
import { planSchema, triageResultSchema } from '../../core/selfcheck/response';
import { WARNING_SIGNS } from '../../core/triage/signs';
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
const score = (what: string) =>
  z
    .number({ error: `${what} must be a whole number from 0 to 10.` })
    .int({ error: `${what} must be a whole number from 0 to 10.` })
    .min(0, { error: `${what} must be a whole number from 0 to 10.` })
    .max(10, { error: `${what} must be a whole number from 0 to 10.` });

const sessionBody = z.strictObject({
  kind: z.enum(['strength', 'stretch', 'movementBreak']),
  date: date.optional(),
  status: z.enum(['inProgress', 'completed', 'abandoned']),
  progress: z.record(z.string(), z.unknown()).refine((p) => JSON.stringify(p).length <= 8000, {
    error: 'progress is too large.',
  }),
  items: z
    .array(
      z.strictObject({
        exercise: z.string().max(80),
        setsDone: z.number().int().min(0).max(20),
        feedback: z.enum(['tooEasy', 'right', 'tooHard', 'hurts', 'skipped']).nullable(),
        /** How steady the movement felt: progression needs good or ok control. */
        control: z.enum(['good', 'ok', 'poor']).optional(),
        /** Pain or tingling spread further down the leg during or after this exercise. */
        symptomsSpread: z.boolean().optional(),
      }),
    )
    .max(40),
  painDuring: score('painDuring').nullable().optional(),
  effort: score('effort').nullable().optional(),
});

const sessionOut = z.object({
  clientId: z.string(),
  kind: z.string(),
  date: z.string(),
  status: z.string(),
  progress: z.record(z.string(), z.unknown()),
  items: z.array(
    z.object({
      exercise: z.string(),
      setsDone: z.number(),
      feedback: z.string().nullable(),
      control: z.string().optional(),
      symptomsSpread: z.boolean().optional(),
    }),
  ),
  painDuring: z.number().nullable(),
  effort: z.number().nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});

const sessionDue = z.object({
  kind: z.string(),
  due: z.boolean(),
  done: z.boolean(),
  inProgressClientId: z.string().nullable(),
  exercises: z.array(z.string()),
  title: z.string(),
});

const todaySchema = z
  .object({
    date: z.string(),
    weekday: z.string(),
    planWeek: z.number(),
    checkin: z.object({
      done: z.boolean(),
      painNow: z.number().nullable(),
      triageLevel: z.string().nullable(),
    }),
    strength: sessionDue,
    stretch: sessionDue,
    movementBreaks: z.object({
      exercises: z.array(z.string()),
      times: z.array(z.string()),
      target: z.number(),
      done: z.number(),
    }),
    activity: z.object({
      weekMinutes: z.number(),
      weekGoal: z.number(),
      todayMinutes: z.number(),
      minutesPerSession: z.number(),
      sessionsPerWeek: z.number(),
      title: z.string(),
    }),
    stretchStreak: z.number(),
    nextReview: z.object({ date: z.string(), title: z.string() }).nullable(),
  })
  .meta({ id: 'Today' });

const days = z.strictObject({
  days: z.coerce
    .number()
    .int()
    .min(1, { error: 'days must be from 1 to 366.' })
    .max(366, { error: 'days must be from 1 to 366.' })
    .default(28),
});

export const patientDayRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const day = deps.services.patientDay;
    const tags = ['patient day'];
    const security = [{ session: [] }];
    const idempotent =
      'Idempotent on clientId: the first write answers 201, a repeat of the same clientId answers 200 with the stored record and changes nothing.';

    r.get(
      '/api/me/plan',
      {
        schema: {
          summary: "The logged-in patient's current plan (null before the first self-check)",
          tags,
          security,
          response: {
            200: z.object({
              plan: z
                .object({
                  version: z.number(),
                  createdAt: z.string(),
                  source: z.string(),
                  reason: z.string(),
                  plan: planSchema,
                })
                .nullable(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({ plan: await day.plan(req.actor) }),
    );

    r.get(
      '/api/me/today',
      {
        schema: {
          summary:
            "What is due today across the pillars, what is done, the stretch streak and the week's activity",
          tags,
          security,
          response: {
            200: z.object({ today: todaySchema.nullable(), triageLevel: z.string().nullable() }),
            ...errorResponses,
          },
        },
      },
      async (req) => day.today(req.actor),
    );

    r.get(
      '/api/me/sessions/:clientId',
      {
        schema: {
          summary: 'A guided session as saved so far (to resume after a reload)',
          tags,
          security,
          params: z.strictObject({ clientId }),
          response: { 200: z.object({ session: sessionOut }), ...errorResponses },
        },
      },
      async (req) => ({ session: await day.session(req.actor, req.params.clientId) }),
    );

    r.put(
      '/api/me/sessions/:clientId',
      {
        schema: {
          summary: `Save a guided session's progress or its completion. ${idempotent} A completed session is final.`,
          tags,
          security,
          params: z.strictObject({ clientId }),
          body: sessionBody,
          response: {
            200: z.object({ session: sessionOut }),
            201: z.object({ session: sessionOut }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const { session, created } = await day.saveSession(req.actor, req.params.clientId, req.body);
        return reply.status(created ? 201 : 200).send({ session });
      },
    );

    const checkinOut = z.object({
      clientId: z.string(),
      date: z.string(),
      painNow: z.number(),
      stiffness: z.number().nullable(),
      sleep: z.string().nullable(),
      warningSigns: z.array(z.string()),
      triage: triageResultSchema,
      createdAt: z.string(),
    });
    r.post(
      '/api/me/checkins',
      {
        schema: {
          summary: `Morning check-in: pain now, stiffness, sleep and a warning-sign recheck (triaged like the self-check). ${idempotent}`,
          tags,
          security,
          body: z.strictObject({
            clientId,
            date: date.optional(),
            painNow: score('painNow'),
            stiffness: score('stiffness').optional(),
            sleep: z.enum(['good', 'ok', 'poor']).optional(),
            warningSigns: z
              .array(z.enum(WARNING_SIGNS, { error: 'is not a known warning sign.' }))
              .max(WARNING_SIGNS.length),
          }),
          response: {
            200: z.object({ checkin: checkinOut }),
            201: z.object({ checkin: checkinOut }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const { clientId: id, ...input } = req.body;
        const { checkin, created } = await day.checkin(req.actor, id, input);
        return reply.status(created ? 201 : 200).send({ checkin });
      },
    );

    r.get(
      '/api/me/checkins',
      {
        schema: {
          summary: 'Recent check-ins, oldest first',
          tags,
          security,
          querystring: days,
          response: {
            200: z.object({
              checkins: z.array(
                z.object({
                  clientId: z.string(),
                  date: z.string(),
                  painNow: z.number(),
                  stiffness: z.number().nullable(),
                  sleep: z.string().nullable(),
                  triageLevel: z.string(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({ checkins: await day.checkins(req.actor, req.query.days) }),
    );

    const activityOut = z.object({
      clientId: z.string(),
      date: z.string(),
      kind: z.string(),
      minutes: z.number(),
      effort: z.number().nullable(),
    });
    r.post(
      '/api/me/activities',
      {
        schema: {
          summary: `Log walking, cycling, swimming or other activity. ${idempotent}`,
          tags,
          security,
          body: z.strictObject({
            clientId,
            date: date.optional(),
            kind: z.enum(['walking', 'cycling', 'swimming', 'other']),
            minutes: z
              .number({ error: 'minutes must be a whole number from 1 to 600.' })
              .int({ error: 'minutes must be a whole number from 1 to 600.' })
              .min(1, { error: 'minutes must be a whole number from 1 to 600.' })
              .max(600, { error: 'minutes must be a whole number from 1 to 600.' }),
            effort: score('effort').optional(),
          }),
          response: {
            200: z.object({ activity: activityOut }),
            201: z.object({ activity: activityOut }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const { clientId: id, ...input } = req.body;
        const { activity, created } = await day.logActivity(req.actor, id, input);
        return reply.status(created ? 201 : 200).send({ activity });
      },
    );

    r.get(
      '/api/me/activities',
      {
        schema: {
          summary: 'Recent activity, oldest first',
          tags,
          security,
          querystring: days,
          response: { 200: z.object({ activities: z.array(activityOut) }), ...errorResponses },
        },
      },
      async (req) => ({ activities: await day.activities(req.actor, req.query.days) }),
    );

    const breakOut = z.object({ clientId: z.string(), date: z.string(), exercise: z.string().nullable() });
    r.post(
      '/api/me/movement-breaks',
      {
        schema: {
          summary: `Count a movement break as done. ${idempotent}`,
          tags,
          security,
          body: z.strictObject({ clientId, date: date.optional(), exercise: z.string().max(80).optional() }),
          response: {
            200: z.object({ movementBreak: breakOut }),
            201: z.object({ movementBreak: breakOut }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const { clientId: id, ...input } = req.body;
        const { movementBreak, created } = await day.movementBreak(req.actor, id, input);
        return reply.status(created ? 201 : 200).send({ movementBreak });
      },
    );
  };
