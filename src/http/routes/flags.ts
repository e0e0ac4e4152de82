import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { errorResponses } from '../schemas';

const flagSchema = z
  .object({
    id: z.string(),
    patientId: z.string(),
    patientName: z.string().nullable(),
    kind: z.string(),
    action: z.string(),
    severity: z.string(),
    status: z.enum(['open', 'acknowledged', 'resolved']),
    summary: z.string(),
    patientMessage: z.string(),
    since: z.string(),
    triageLevel: z.string().nullable(),
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolutionNote: z.string().nullable(),
  })
  .meta({ id: 'Flag' });

const idParam = z.strictObject({ id: z.string().max(64) });
const note = z.string().trim().max(2000, { error: 'Notes can be at most 2,000 characters.' });

export const flagRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { flags, patientDay } = deps.services;
    const tags = ['flags'];
    const security = [{ session: [] }];

    r.get(
      '/api/clinic/flags',
      {
        schema: {
          summary:
            "Flags for the clinician's patients (an admin: the clinic's), most serious and newest first",
          tags,
          security,
          querystring: z.strictObject({
            status: z.enum(['open', 'acknowledged', 'resolved', 'active', 'all']).default('active'),
          }),
          response: { 200: z.object({ flags: z.array(flagSchema) }), ...errorResponses },
        },
      },
      async (req) => {
        const s = req.query.status;
        const statuses =
          s === 'active'
            ? (['open', 'acknowledged'] as const)
            : s === 'all'
              ? (['open', 'acknowledged', 'resolved'] as const)
              : ([s] as const);
        return { flags: await flags.queue(req.actor, [...statuses]) };
      },
    );

    r.get(
      '/api/clinic/flags/:id',
      {
        schema: {
          summary: 'One flag with everything done about it',
          tags,
          security,
          params: idParam,
          response: {
            200: z.object({
              flag: flagSchema,
              events: z.array(
                z.object({
                  action: z.string(),
                  note: z.string().nullable(),
                  at: z.string(),
                  actor_name: z.string().nullable(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => flags.history(req.actor, req.params.id),
    );

    r.post(
      '/api/clinic/flags/:id/acknowledge',
      {
        schema: {
          summary: 'Acknowledge a flag (someone is on it)',
          tags,
          security,
          params: idParam,
          body: z.strictObject({ note: note.optional() }),
          response: { 200: z.object({ flag: flagSchema }), ...errorResponses },
        },
      },
      async (req) => ({ flag: await flags.acknowledge(req.actor, req.params.id, req.body.note) }),
    );

    r.post(
      '/api/clinic/flags/:id/resolve',
      {
        schema: {
          summary: 'Resolve a flag with a note saying what was done',
          tags,
          security,
          params: idParam,
          body: z.strictObject({ note: note.min(1, { error: 'Say in a few words what was done.' }) }),
          response: { 200: z.object({ flag: flagSchema }), ...errorResponses },
        },
      },
      async (req) => ({ flag: await flags.resolve(req.actor, req.params.id, req.body.note) }),
    );

    r.get(
      '/api/me/flags',
      {
        schema: {
          summary: "The patient's open notices: what to do next (book, call, urgent care) and gentle nudges",
          tags,
          security,
          response: { 200: z.object({ flags: z.array(flagSchema) }), ...errorResponses },
        },
      },
      async (req) => ({ flags: await flags.mine(req.actor) }),
    );

    r.get(
      '/api/me/plan/history',
      {
        schema: {
          summary: "The patient's plan history, newest first, with the reason for each change",
          tags: ['patient day'],
          security,
          response: {
            200: z.object({
              versions: z.array(
                z.object({
                  version: z.number(),
                  createdAt: z.string(),
                  source: z.string(),
                  reason: z.string(),
                  changes: z.array(
                    z
                      .object({
                        itemId: z.string(),
                        kind: z.string(),
                        reason: z.string(),
                        ruleId: z.string(),
                      })
                      .passthrough(),
                  ),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({ versions: await patientDay.planHistory(req.actor) }),
    );
  };
