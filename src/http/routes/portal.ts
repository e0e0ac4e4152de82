import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WEEKDAYS } from '../../core/dates';
import { PILLARS } from '../../core/library/types';
import { activityWeekSchema, planItemSchema, planSchema } from '../../core/selfcheck/response';
import { renderPlanPdf } from '../../documents/plan-pdf';
import type { Actor } from '../../services/access';
import { toPublicClinic } from '../../services/clinic';
import type { MailAttachment } from '../../services/mail';
import { emergencyNumberFor, paperFor } from '../../web/ui/plan-text';
import type { AppDeps } from '../app';
import { clinicSchema, errorResponses, timezone, userSchema } from '../schemas';

const id = z.string().min(1).max(64);
const idParams = z.object({ id });

const whole = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a whole number from ${min} to ${max}.` })
    .int({ error: `${what} must be a whole number from ${min} to ${max}.` })
    .min(min, { error: `${what} must be a whole number from ${min} to ${max}.` })
    .max(max, { error: `${what} must be a whole number from ${min} to ${max}.` });

const hex = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'Use a colour written as #rrggbb, for example #0f6466.' });

const editDose = z.strictObject({
  sets: whole(1, 10, 'Sets'),
  reps: whole(1, 50, 'Reps').optional(),
  holdSeconds: whole(0, 300, 'Hold (seconds)').optional(),
  durationSeconds: whole(1, 7200, 'Duration (seconds)').optional(),
  restSeconds: whole(0, 600, 'Rest (seconds)'),
  eachSide: z.boolean(),
  daysPerWeek: whole(1, 7, 'Days per week'),
  source: z.string().max(300).optional(),
});

const editItem = z.strictObject({
  id: z.string().min(1).max(80),
  pillar: z.enum(PILLARS),
  exercise: z.string().max(80).nullable(),
  title: z.string().trim().min(1).max(120),
  dose: editDose.nullable(),
  schedule: z.strictObject({
    daysPerWeek: whole(0, 7, 'Days per week'),
    days: z.array(z.enum(WEEKDAYS)).max(7).optional(),
    timesPerDay: whole(1, 24, 'Times per day').optional(),
    times: z
      .array(z.string().regex(/^\d{2}:\d{2}$/))
      .max(24)
      .optional(),
    on: z.string().optional(),
    note: z.string().max(300).optional(),
  }),
  reason: z.string().max(1000),
  substitutedFor: z.object({ slug: z.string(), because: z.string() }).optional(),
  cautions: z.array(z.string()).optional(),
  checklist: z.array(z.string().max(300)).max(20).optional(),
  buildUp: z.array(activityWeekSchema).max(26).optional(),
  priority: z.literal('high').optional(),
  locked: z
    .boolean()
    .optional()
    .meta({ description: 'Keep this item out of automatic (progression) changes' }),
  // Not strict: an item read back from the plan carries the stored override (who, when); only the reason is read.
  override: z
    .object({
      reason: z
        .string()
        .trim()
        .max(500)
        .meta({ description: 'Why a conflicting exercise is prescribed anyway' }),
    })
    .optional(),
});

const storedItem = planItemSchema
  .extend({
    locked: z.boolean().optional(),
    override: z
      .object({
        reason: z.string(),
        by: z.string(),
        byName: z.string(),
        at: z.string(),
        conflicts: z.array(z.object({ tag: z.string(), label: z.string(), reason: z.string() })),
      })
      .optional(),
  })
  .meta({ description: 'A PlanItem, plus `locked` and `override` when set' });
const clinicPlanSchema = planSchema
  .extend({
    items: z.array(storedItem),
    locked: z.boolean().optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'ClinicPlan' });

const precautionOut = z.object({
  kind: z.string(),
  label: z.string(),
  until: z.string().nullable(),
  untilAssumed: z.boolean(),
  rulesAssumed: z.boolean(),
  surgeonRestrictions: z.array(z.string()),
  forbidden: z.array(z.object({ tag: z.string(), reason: z.string() })),
  cautions: z.array(z.object({ tag: z.string(), reason: z.string() })),
  notes: z.array(z.string()),
  fromIntake: z.boolean(),
});

const summarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string(),
  clinicianId: z.string().nullable(),
  clinicianName: z.string().nullable(),
  active: z.boolean(),
  lastActiveOn: z.string().nullable(),
  adherence7d: z.number().nullable(),
  pain: z.object({
    recent: z.number().nullable(),
    prior: z.number().nullable(),
    trend: z.enum(['improved', 'worsened', 'noMeaningfulChange']).nullable(),
  }),
  openFlags: z.number(),
  mostSerious: z.enum(['emergency', 'urgent', 'attention', 'info']).nullable(),
  hasPlan: z.boolean(),
});

const patientListQuery = z.strictObject({
  q: z.string().max(100).optional(),
  sort: z.enum(['name', 'lastActive', 'adherence', 'pain', 'flags']).optional(),
  filter: z.enum(['all', 'flagged', 'inactive', 'lowAdherence', 'worsening', 'noPlan']).optional(),
  adherence: z.enum(['low', 'mid', 'high', 'none']).optional().meta({
    description: '7-day adherence band: under 50 %, 50–79 %, 80 % and over, or nothing due',
  }),
  clinicianId: id
    .optional()
    .meta({ description: "Only this clinician's patients (admins; a clinician may give only their own id)" }),
  limit: z.coerce.number().int().min(1).max(500).optional().meta({ description: 'Page size (default 50)' }),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
/** The patient list's search, filters, sort and page, for the client. */
export type PatientListQuery = z.infer<typeof patientListQuery>;

const patientListSchema = z.object({
  total: z.number().meta({ description: 'Patients matching the search and filters, on all pages' }),
  offset: z.number(),
  limit: z.number(),
  patients: z.array(summarySchema),
  pendingInvites: z.array(
    z.object({ email: z.string(), displayName: z.string().nullable(), expiresAt: z.string() }),
  ),
  adherenceDefinition: z.string(),
});

/** The patient list's answer, for the client (one definition: this schema). */
export type PatientListResponse = z.infer<typeof patientListSchema>;
export type PatientListRow = z.infer<typeof summarySchema>;

const noteOut = z.object({
  id: z.string(),
  text: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});

const planSaved = z.object({ version: z.number(), plan: clinicPlanSchema, warnings: z.array(z.string()) });

const pdfResponse = z
  .string()
  .meta({ description: "The patient's current plan as a PDF handout", format: 'binary' });

function sendPdf(reply: FastifyReply, bytes: Uint8Array): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', 'attachment; filename="home-program.pdf"')
    .header('cache-control', 'no-store')
    .send(Buffer.from(bytes));
}

/** The physical therapist's portal (clinic staff only). */
export const portalRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { portal, content, mail } = deps.services;
    const tags = ['portal'];
    const security = [{ session: [] }];

    r.get(
      '/api/clinic/patients',
      {
        schema: {
          summary:
            "The patient list: a clinician's own patients (an admin's whole clinic) with last activity, 7-day adherence, pain trend and open flags",
          tags,
          security,
          querystring: patientListQuery,
          response: {
            200: patientListSchema,
            ...errorResponses,
          },
        },
      },
      async (req) => portal.listPatients(req.actor, req.query),
    );

    r.get(
      '/api/clinic/clinicians',
      {
        schema: {
          summary: 'The clinic’s active clinicians (to assign a patient to)',
          tags,
          security,
          response: {
            200: z.object({ clinicians: z.array(z.object({ id: z.string(), displayName: z.string() })) }),
            ...errorResponses,
          },
        },
      },
      async (req) => portal.clinicians(req.actor),
    );

    r.post(
      '/api/clinic/patients/:id/assign',
      {
        schema: {
          summary:
            'Assign a patient to a clinician of the same clinic (admins: any patient; clinicians: their own)',
          tags,
          security,
          params: idParams,
          body: z.strictObject({ clinicianId: id }),
          response: { 200: z.object({ patient: userSchema }), ...errorResponses },
        },
      },
      async (req) => portal.assign(req.actor, req.params.id, req.body.clinicianId),
    );

    r.get(
      '/api/clinic/patients/:id',
      {
        schema: {
          summary:
            "One patient's record for their clinic: intakes, precautions, pain, activity, sessions, functional goals, plan history and private notes",
          tags,
          security,
          params: idParams,
          response: {
            200: z.object({
              patient: userSchema.extend({
                clinicianName: z.string().nullable(),
                active: z.boolean(),
                createdAt: z.string(),
              }),
              today: z.string(),
              openFlags: z.number(),
              intakes: z.array(
                z.object({
                  id: z.string(),
                  createdAt: z.string(),
                  triageLevel: z.string(),
                  painNow: z.number(),
                  reasons: z.array(z.string()),
                }),
              ),
              precautions: z.array(precautionOut),
              pain: z.array(z.object({ date: z.string(), painNow: z.number(), triageLevel: z.string() })),
              activityWeeks: z.array(z.object({ weekStart: z.string(), minutes: z.number() })),
              sessions: z.array(
                z.object({
                  clientId: z.string(),
                  date: z.string(),
                  kind: z.string(),
                  status: z.string(),
                  painDuring: z.number().nullable(),
                  effort: z.number().nullable(),
                  exercises: z.array(z.string()),
                }),
              ),
              psfs: z.object({
                items: z.array(z.object({ name: z.string(), score: z.number() })),
                score: z.number().nullable(),
              }),
              plan: z.object({ version: z.number(), locked: z.boolean(), note: z.string() }).nullable(),
              planHistory: z.array(
                z.object({
                  version: z.number(),
                  source: z.string(),
                  reason: z.string(),
                  createdAt: z.string(),
                  createdBy: z.string().nullable(),
                }),
              ),
              notes: z.array(noteOut),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => portal.patient(req.actor, req.params.id),
    );

    r.post(
      '/api/clinic/patients/:id/notes',
      {
        schema: {
          summary: 'Add a private clinical note (clinic staff only; never shown to the patient)',
          tags,
          security,
          params: idParams,
          body: z.strictObject({
            text: z
              .string({ error: 'Write the note first.' })
              .trim()
              .min(1, { error: 'Write the note first.' })
              .max(5000, { error: 'Notes can be at most 5000 characters.' }),
          }),
          response: { 201: z.object({ note: noteOut }), ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await portal.addNote(req.actor, req.params.id, req.body.text)),
    );

    r.get(
      '/api/clinic/notes/:id',
      {
        schema: {
          summary: 'One private clinical note',
          tags,
          security,
          params: idParams,
          response: { 200: z.object({ note: noteOut.extend({ patientId: z.string() }) }), ...errorResponses },
        },
      },
      async (req) => portal.note(req.actor, req.params.id),
    );

    r.get(
      '/api/clinic/patients/:id/plan',
      {
        schema: {
          summary: "The patient's current plan for the editor, with their active precautions",
          tags,
          security,
          params: idParams,
          response: {
            200: z.object({
              version: z.number().nullable(),
              plan: clinicPlanSchema,
              precautions: z.array(precautionOut),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => portal.plan(req.actor, req.params.id),
    );

    r.put(
      '/api/clinic/patients/:id/plan',
      {
        schema: {
          summary:
            'Save an edited plan as a new version. Every exercise is checked against the patient’s active precautions: a conflict is refused (409 precaution_conflict) unless the item carries override.reason.',
          tags,
          security,
          params: idParams,
          body: z.strictObject({
            basedOnVersion: z.number().int().nullable(),
            reason: z
              .string({ error: 'Say briefly why you changed the plan.' })
              .trim()
              .min(1, { error: 'Say briefly why you changed the plan.' })
              .max(300),
            items: z.array(editItem).max(60),
            locked: z.boolean().optional(),
            note: z.string().max(2000).optional(),
          }),
          response: { 200: planSaved, ...errorResponses },
        },
      },
      async (req) => portal.savePlan(req.actor, req.params.id, req.body),
    );

    r.get(
      '/api/clinic/templates',
      {
        schema: {
          summary: "The clinic's plan templates",
          tags,
          security,
          response: {
            200: z.object({
              templates: z.array(
                z.object({
                  id: z.string(),
                  name: z.string(),
                  description: z.string(),
                  items: z.number(),
                  createdAt: z.string(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => portal.templates(req.actor),
    );

    r.post(
      '/api/clinic/templates',
      {
        schema: {
          summary: "Save a patient's current plan as a clinic template",
          tags,
          security,
          body: z.strictObject({
            patientId: id,
            name: z.string().trim().min(1, { error: 'Name the template.' }).max(100),
            description: z.string().max(500).optional(),
          }),
          response: {
            201: z.object({
              template: z.object({
                id: z.string(),
                name: z.string(),
                description: z.string(),
                items: z.number(),
              }),
            }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => reply.status(201).send(await portal.saveTemplate(req.actor, req.body)),
    );

    r.get(
      '/api/clinic/templates/:id',
      {
        schema: {
          summary: 'One clinic template with its items',
          tags,
          security,
          params: idParams,
          response: {
            200: z.object({
              template: z.object({
                id: z.string(),
                name: z.string(),
                description: z.string(),
                items: z.array(storedItem),
              }),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => portal.template(req.actor, req.params.id),
    );

    r.post(
      '/api/clinic/patients/:id/plan/from-template',
      {
        schema: {
          summary:
            'Start a patient from a clinic template (the precaution check applies; give override reasons by item id)',
          tags,
          security,
          params: idParams,
          body: z.strictObject({
            templateId: id,
            basedOnVersion: z.number().int().nullable(),
            reason: z.string().trim().min(1).max(300).optional(),
            overrides: z.record(z.string(), z.string().trim().min(1).max(500)).optional(),
          }),
          response: { 200: planSaved, ...errorResponses },
        },
      },
      async (req) => portal.applyTemplate(req.actor, req.params.id, req.body),
    );

    const handout = async (actor: Actor, patientId: string, action: 'handout.download' | 'handout.email') => {
      const h = await portal.handoutPlan(actor, patientId, action);
      const bytes = await renderPlanPdf({
        clinic: {
          name: h.clinic.name,
          contactPhone: h.clinic.contact_phone,
          contactEmail: h.clinic.contact_email,
          address: h.clinic.address,
          primaryColor: h.clinic.primary_color,
          logo: h.logo,
        },
        result: {
          triage: {
            level: h.plan.triageLevel,
            reasons: [],
            advice: `Your home program from ${h.clinic.name}, made for you by your physical therapist. Some discomfort while you exercise is fine; stop and call us if pain becomes sharp or spreads down your leg.`,
          },
          plan: h.plan,
        },
        library: content.library,
        generatedOn: h.generatedOn,
        paper: paperFor(h.clinic.timezone),
        emergencyNumber: emergencyNumberFor(h.clinic.timezone),
        handout: { patientName: h.patient.display_name, therapistName: h.therapistName },
      });
      return { ...h, bytes };
    };

    r.get(
      '/api/clinic/patients/:id/handout.pdf',
      {
        schema: {
          summary: "The patient's current plan as a printable PDF handout in the clinic's branding",
          tags,
          security,
          params: idParams,
          produces: ['application/pdf'],
          response: { 200: pdfResponse, ...errorResponses },
        },
      },
      async (req, reply) => {
        const h = await handout(req.actor, req.params.id, 'handout.download');
        return sendPdf(reply, h.bytes);
      },
    );

    r.post(
      '/api/clinic/patients/:id/handout/email',
      {
        schema: {
          summary: 'Email the handout PDF to the patient',
          tags,
          security,
          params: idParams,
          response: { 202: z.object({ ok: z.literal(true), to: z.string() }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const h = await handout(req.actor, req.params.id, 'handout.email');
        const first = h.patient.display_name.split(' ')[0] ?? '';
        const text = `Hello ${first},\n\n${h.staff.display_name} at ${h.clinic.name} has attached your home program (version ${h.version}) as a PDF you can print.\n\nYou can always see your latest plan in the app.\n\n${h.clinic.name}`;
        const attachment = {
          filename: 'home-program.pdf',
          contentType: 'application/pdf',
          content: Buffer.from(h.bytes).toString('base64'),
          // nodemailer reads the stored attachment as given: the PDF travels base64-encoded.
          encoding: 'base64',
        } as MailAttachment;
        await mail.enqueue({
          clinicId: h.clinic.id,
          to: h.patient.email,
          subject: `Your home program from ${h.clinic.name}`,
          text,
          html: text
            .split('\n\n')
            .map(
              (p) => `<p>${p.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, '<br>')}</p>`,
            )
            .join(''),
          attachments: [attachment],
        });
        return reply.status(202).send({ ok: true as const, to: h.patient.email });
      },
    );

    r.get(
      '/api/clinic/audit',
      {
        schema: {
          summary: "The clinic's audit log, newest first (clinic admins only; append-only)",
          tags,
          security,
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(1000).optional(),
            patientId: id.optional(),
            action: z.string().max(60).optional(),
          }),
          response: {
            200: z.object({
              entries: z.array(
                z.object({
                  id: z.number(),
                  at: z.string(),
                  action: z.string(),
                  actorId: z.string().nullable(),
                  actorName: z.string().nullable(),
                  subjectType: z.string(),
                  subjectId: z.string().nullable(),
                  subjectName: z.string().nullable(),
                  detail: z.record(z.string(), z.unknown()),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => portal.auditLog(req.actor, req.query),
    );

    r.post(
      '/api/clinic/staff/:id/deactivate',
      {
        schema: {
          summary:
            'Deactivate a clinician or admin: their sessions end and they can no longer log in (clinic admins only)',
          tags,
          security,
          params: idParams,
          response: {
            200: z.object({ staff: userSchema.extend({ active: z.boolean() }) }),
            ...errorResponses,
          },
        },
      },
      async (req) => portal.deactivateStaff(req.actor, req.params.id),
    );

    r.patch(
      '/api/clinic',
      {
        schema: {
          summary: "Change the clinic's name, tagline, colours or time zone (clinic admins only)",
          tags,
          security,
          body: z.strictObject({
            name: z.string().trim().min(1, { error: 'The clinic needs a name.' }).max(100).optional(),
            tagline: z.string().trim().max(160).optional(),
            primaryColor: hex.optional(),
            accentColor: hex.optional(),
            timezone: timezone.optional(),
          }),
          response: { 200: z.object({ clinic: clinicSchema }), ...errorResponses },
        },
      },
      async (req) => ({ clinic: toPublicClinic(await portal.updateClinic(req.actor, req.body)) }),
    );

    r.get(
      '/api/clinic/outcomes',
      {
        schema: {
          summary:
            'Clinic outcomes: meaningful pain improvement by 6 weeks, 7-day adherence spread, flags per week (a clinician sees their own patients)',
          tags,
          security,
          response: {
            200: z.object({
              patients: z.number(),
              pain6Weeks: z.object({
                evaluable: z.number(),
                improved: z.number(),
                noMeaningfulChange: z.number(),
                worsened: z.number(),
                shareImproved: z.number().nullable(),
                definition: z.string(),
              }),
              adherence: z.object({
                buckets: z.array(z.object({ label: z.string(), patients: z.number() })),
                nothingDue: z.number(),
              }),
              flagsPerWeek: z.array(z.object({ weekStart: z.string(), flags: z.number() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => portal.outcomes(req.actor),
    );
  };
