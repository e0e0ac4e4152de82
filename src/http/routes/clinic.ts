import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toPublicClinic } from '../../services/clinic';
import type { AppDeps } from '../app';
import { clinicSchema, errorResponses, role, userSchema } from '../schemas';

const inviteSchema = z.object({ email: z.string(), role, expiresAt: z.string() });

export const clinicRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { clinic } = deps.services;
    const tags = ['clinic'];

    r.get(
      '/api/clinic',
      {
        schema: {
          summary: "The clinic's public details and branding",
          tags,
          response: { 200: z.object({ clinic: clinicSchema }), ...errorResponses },
        },
      },
      async () => ({ clinic: toPublicClinic(await clinic.home()) }),
    );

    r.get(
      '/api/clinic/mine',
      {
        schema: {
          summary: "The logged-in clinician's or admin's own clinic (the one their settings change)",
          tags,
          security: [{ session: [] }],
          response: { 200: z.object({ clinic: clinicSchema }), ...errorResponses },
        },
      },
      async (req) => ({ clinic: toPublicClinic(await clinic.mine(req.actor)) }),
    );

    r.get(
      '/api/clinic/staff',
      {
        schema: {
          summary: "The clinic's clinicians and admins, and open staff invitations (clinic admins only)",
          tags,
          security: [{ session: [] }],
          response: {
            200: z.object({
              staff: z.array(userSchema.extend({ active: z.boolean() })),
              pendingInvites: z.array(inviteSchema),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => clinic.staff(req.actor),
    );

    r.get(
      '/api/patients',
      {
        schema: {
          summary: "A clinician's patients (an admin sees the whole clinic's), and open patient invitations",
          tags,
          security: [{ session: [] }],
          response: {
            200: z.object({ patients: z.array(userSchema), pendingInvites: z.array(inviteSchema) }),
            ...errorResponses,
          },
        },
      },
      async (req) => clinic.patients(req.actor),
    );
  };
