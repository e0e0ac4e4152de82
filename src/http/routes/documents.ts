import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SelfCheckResult } from '../../core/plan/run';
import { selfCheckInputSchema } from '../../core/selfcheck/schema';
import { renderPlanPdf } from '../../documents/plan-pdf';
import { requireRole } from '../../services/access';
import { AppError } from '../../services/errors';
import { localDate } from '../../services/selfcheck';
import type { Clinic } from '../../storage/schema';
import { emergencyNumberFor, paperFor } from '../../web/ui/plan-text';
import type { AppDeps } from '../app';
import { errorResponses } from '../schemas';

const pdfResponse = z.string().meta({
  description: 'The self-check result and starter plan as a PDF document',
  format: 'binary',
});

/** Printable documents: the self-check result and starter plan as a PDF. */
export const documentRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { selfCheck, clinic, content, clock } = deps.services;
    const tags = ['documents'];

    const sendPdf = async (
      reply: FastifyReply,
      home: Clinic,
      result: SelfCheckResult,
      generatedOn: string,
    ): Promise<FastifyReply> => {
      // The clinic's logo heads the first page, as on a therapist's handout.
      const logo = await clinic.documentLogo(home);
      const bytes = await renderPlanPdf({
        clinic: {
          name: home.name,
          contactPhone: home.contact_phone,
          contactEmail: home.contact_email,
          address: home.address,
          primaryColor: home.primary_color,
          logo,
        },
        result,
        library: content.library,
        generatedOn,
        paper: paperFor(home.timezone),
        emergencyNumber: emergencyNumberFor(home.timezone),
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="hipback-plan.pdf"')
        .header('cache-control', 'no-store')
        .send(Buffer.from(bytes));
    };

    r.post(
      '/api/self-check/pdf',
      {
        // The same per-address limit as the self-check itself.
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          summary:
            'The free self-check as a printable PDF: the triage advice first, then (when it is safe) the starter plan. Nothing is stored.',
          tags,
          body: selfCheckInputSchema,
          produces: ['application/pdf'],
          response: { 200: pdfResponse, ...errorResponses },
        },
      },
      async (req, reply) => {
        const home = await clinic.home();
        const result = selfCheck.run(req.body, home.timezone);
        const generatedOn = result.plan?.generatedOn ?? localDate(clock.now(), home.timezone);
        return sendPdf(reply, home, result, generatedOn);
      },
    );

    r.get(
      '/api/me/plan.pdf',
      {
        schema: {
          summary: "The logged-in patient's latest self-check result and plan as a printable PDF",
          tags,
          security: [{ session: [] }],
          produces: ['application/pdf'],
          response: { 200: pdfResponse, ...errorResponses },
        },
      },
      async (req, reply) => {
        const patient = requireRole(req.actor, 'patient');
        const intake = await selfCheck.latestIntake(req.actor);
        if (!intake) {
          throw new AppError(
            404,
            'not_found',
            'You have not taken the self-check yet. Take it to build your plan, then download it.',
          );
        }
        // The patient's own clinic brands their handout.
        const home = await clinic.ofPatient(req.actor);
        // The current plan: after a PT's edit or an automatic change, the latest version.
        const current = await deps.services.patientDay.plan(req.actor);
        const result =
          current && intake.result.plan ? { ...intake.result, plan: current.plan } : intake.result;
        const generatedOn =
          result.plan?.generatedOn ?? localDate(new Date(intake.createdAt), patient.timezone);
        return sendPdf(reply, home, result, generatedOn);
      },
    );
  };
