import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { selfCheckResponseSchema } from '../../core/selfcheck/response';
import { selfCheckInputSchema } from '../../core/selfcheck/schema';
import type { AppDeps } from '../app';
import { errorResponses } from '../schemas';

const intakeOut = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    answers: z.unknown(),
    result: selfCheckResponseSchema,
  })
  .meta({ id: 'Intake' });

export const selfCheckRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { selfCheck, clinic } = deps.services;
    const tags = ['self-check'];

    r.post(
      '/api/self-check',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          summary:
            'The free self-check: warning signs first (triage), then, when it is safe, a starter plan across the five pillars. Nothing is stored.',
          tags,
          body: selfCheckInputSchema,
          response: { 200: selfCheckResponseSchema, ...errorResponses },
        },
      },
      async (req) => selfCheck.run(req.body, (await clinic.home()).timezone),
    );

    r.post(
      '/api/me/intake',
      {
        schema: {
          summary: "Save the self-check as the logged-in patient's intake; their plan is built from it",
          tags,
          security: [{ session: [] }],
          body: selfCheckInputSchema,
          response: { 201: z.object({ intake: intakeOut }), ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ intake: await selfCheck.saveIntake(req.actor, req.body) }),
    );

    r.get(
      '/api/me/intake',
      {
        schema: {
          summary: "The logged-in patient's latest intake and the plan it produced (null before the first)",
          tags,
          security: [{ session: [] }],
          response: { 200: z.object({ intake: intakeOut.nullable() }), ...errorResponses },
        },
      },
      async (req) => ({ intake: await selfCheck.latestIntake(req.actor) }),
    );
  };
