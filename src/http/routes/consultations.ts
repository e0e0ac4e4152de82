import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../services/errors';
import type { AppDeps } from '../app';
import { displayName, email, errorResponses, role, token } from '../schemas';

const typeSlug = z.string().trim().min(1).max(40);
const isoInstant = z
  .string({ error: 'Choose a time from the list.' })
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s), {
    error: 'Choose a time from the list.',
  });
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date like 2026-12-01.' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: 'Use a date like 2026-12-01.' });
const gridTime = z.string().regex(/^([01]\d|2[0-3]):(00|15|30|45)$/, {
  error: 'Use a time on the quarter hour, like 09:00 or 13:30.',
});
const contactPreference = z.enum(['email', 'phone', 'text']);
const requestStatus = z.enum(['new', 'contacted', 'booked', 'converted', 'closed']);

const typeOut = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  durationMinutes: z.number(),
  mode: z.enum(['inClinic', 'phone', 'video']),
});

const bookingOut = z
  .object({
    id: z.string(),
    status: z.enum(['booked', 'cancelled', 'rescheduled']),
    type: typeOut.omit({ description: true }),
    start: z.string(),
    end: z.string(),
    timezone: z.string(),
    timezoneLabel: z.string(),
    name: z.string(),
    email: z.string(),
    clinic: z.object({ name: z.string(), address: z.string(), phone: z.string(), email: z.string() }),
    canChange: z.boolean(),
    contactPreference,
  })
  .meta({ id: 'Booking' });

const inboxEntry = z
  .object({
    id: z.string(),
    status: requestStatus,
    name: z.string(),
    email: z.string(),
    phone: z.string(),
    reason: z.string(),
    contactPreference,
    notes: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    clinician: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    booking: z
      .object({
        id: z.string(),
        status: z.enum(['booked', 'cancelled', 'rescheduled']),
        type: z.string(),
        typeName: z.string(),
        start: z.string(),
        end: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'ConsultationRequest' });

const windowSchema = z.strictObject({
  weekday: z.number().int().min(0).max(6),
  start: gridTime,
  end: gridTime,
  types: z.array(typeSlug).min(1, { error: 'Choose at least one consultation type for this time.' }).max(10),
});

const availabilityOut = z.object({
  timezone: z.string(),
  timezoneLabel: z.string(),
  types: z.array(z.object({ slug: z.string(), name: z.string(), durationMinutes: z.number() })),
  clinicians: z.array(z.object({ id: z.string(), displayName: z.string() })),
  clinicianId: z.string().nullable(),
  windows: z.array(
    z.object({ weekday: z.number(), start: z.string(), end: z.string(), types: z.array(z.string()) }),
  ),
});

const idParam = z.strictObject({ id: z.string().max(64) });

/** Free consultations: public booking and the manage link; the clinic's inbox and availability. */
export const consultationRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { booking, clinic } = deps.services;
    const limited = { rateLimit: { max: deps.config.authRateLimitPerMinute, timeWindow: '1 minute' } };
    const tags = ['consultations'];
    const staffTags = ['clinic'];

    r.get(
      '/api/consultations/types',
      {
        schema: {
          summary: 'The free consultation types the clinic offers',
          tags,
          response: { 200: z.object({ types: z.array(typeOut) }), ...errorResponses },
        },
      },
      async () => ({ types: await booking.types(await clinic.home()) }),
    );

    r.get(
      '/api/consultations/slots',
      {
        schema: {
          summary: "Open times for a consultation type, grouped by day in the clinic's time zone",
          tags,
          querystring: z.strictObject({ type: typeSlug, from: localDate.optional() }),
          response: {
            200: z.object({
              timezone: z.string(),
              timezoneLabel: z.string(),
              type: z.string(),
              minNoticeMinutes: z.number(),
              days: z.array(
                z.object({
                  date: z.string(),
                  label: z.string(),
                  slots: z.array(z.object({ start: z.string(), end: z.string(), label: z.string() })),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return booking.slots(await clinic.home(), req.query.type, req.query.from);
      },
    );

    r.post(
      '/api/consultations/bookings',
      {
        config: limited,
        schema: {
          summary:
            'Book a free consultation (a confirmation with a calendar file and a manage link is emailed)',
          tags,
          body: z.strictObject({
            type: typeSlug,
            name: displayName,
            email,
            phone: z
              .string()
              .trim()
              .max(40, { error: 'Phone numbers can be at most 40 characters.' })
              .regex(/^[0-9+()\-. ]*$/, { error: 'Use digits, spaces and + ( ) - only.' })
              .optional(),
            reason: z
              .string()
              .trim()
              .max(500, { error: 'Please keep this to 500 characters; you can tell us more when we talk.' })
              .optional(),
            contactPreference,
            consent: z.boolean({ error: 'Please tick the consent box.' }),
            /** Left empty by people; filled in by bots. */
            website: z.string().max(200).optional(),
            // Last, so that a missing field above is the one an error names first.
            start: isoInstant,
          }),
          response: { 201: z.object({ booking: bookingOut }), ...errorResponses },
        },
      },
      async (req, reply) => {
        if (req.body.website) {
          throw badRequest(
            'rejected',
            'We could not accept this form. Please call or email the clinic instead.',
          );
        }
        const result = await booking.book(await clinic.home(), req.body);
        return reply.status(201).send({ booking: result });
      },
    );

    r.post(
      '/api/consultations/manage/describe',
      {
        config: limited,
        schema: {
          summary: 'The booking a manage link is for',
          tags,
          body: z.strictObject({ token }),
          response: { 200: z.object({ booking: bookingOut }), ...errorResponses },
        },
      },
      async (req) => ({ booking: await booking.describe(req.body.token) }),
    );

    r.post(
      '/api/consultations/manage/preferences',
      {
        config: limited,
        schema: {
          summary: 'Change how the clinic should contact you (email, phone or text), with the manage link',
          tags,
          body: z.strictObject({ token, contactPreference }),
          response: { 200: z.object({ booking: bookingOut }), ...errorResponses },
        },
      },
      async (req) => ({
        booking: await booking.setContactPreference(req.body.token, req.body.contactPreference),
      }),
    );

    r.post(
      '/api/consultations/manage/cancel',
      {
        config: limited,
        schema: {
          summary: 'Cancel a booking with its manage link (the time is freed)',
          tags,
          body: z.strictObject({ token }),
          response: { 200: z.object({ booking: bookingOut }), ...errorResponses },
        },
      },
      async (req) => ({ booking: await booking.cancel(req.body.token) }),
    );

    r.post(
      '/api/consultations/manage/reschedule',
      {
        config: limited,
        schema: {
          summary: 'Move a booking to another open time with its manage link',
          tags,
          body: z.strictObject({ token, start: isoInstant }),
          response: { 200: z.object({ booking: bookingOut }), ...errorResponses },
        },
      },
      async (req) => ({ booking: await booking.reschedule(req.body.token, req.body.start) }),
    );

    r.get(
      '/api/clinic/consultations',
      {
        schema: {
          summary:
            "Consultation requests and bookings (a clinician's own and unassigned ones; an admin's whole clinic)",
          tags: staffTags,
          security: [{ session: [] }],
          querystring: z.strictObject({ status: requestStatus.optional() }),
          response: {
            200: z.object({ timezone: z.string(), entries: z.array(inboxEntry) }),
            ...errorResponses,
          },
        },
      },
      async (req) => booking.inbox(req.actor, { status: req.query.status }),
    );

    r.patch(
      '/api/clinic/consultations/:id',
      {
        schema: {
          summary: "Change a consultation request's status or notes",
          tags: staffTags,
          security: [{ session: [] }],
          params: idParam,
          body: z
            .strictObject({
              status: requestStatus.optional(),
              notes: z.string().max(2000, { error: 'Notes can be at most 2000 characters.' }).optional(),
            })
            .refine((b) => b.status !== undefined || b.notes !== undefined, {
              error: 'Send a status, notes, or both.',
            }),
          response: { 200: z.object({ entry: inboxEntry }), ...errorResponses },
        },
      },
      async (req) => ({ entry: await booking.updateRequest(req.actor, req.params.id, req.body) }),
    );

    r.post(
      '/api/clinic/consultations/:id/invite',
      {
        schema: {
          summary:
            'Invite the person behind a consultation request as a patient (name and email carried over)',
          tags: staffTags,
          security: [{ session: [] }],
          params: idParam,
          response: {
            201: z.object({ email: z.string(), role, expiresAt: z.string() }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => reply.status(201).send(await booking.inviteAsPatient(req.actor, req.params.id)),
    );

    r.get(
      '/api/clinic/availability',
      {
        schema: {
          summary: "A clinician's weekly consultation availability (their own; an admin any clinician's)",
          tags: staffTags,
          security: [{ session: [] }],
          querystring: z.strictObject({ clinicianId: z.string().max(64).optional() }),
          response: { 200: availabilityOut, ...errorResponses },
        },
      },
      async (req) => booking.availability(req.actor, req.query.clinicianId),
    );

    r.put(
      '/api/clinic/availability',
      {
        schema: {
          summary:
            "Replace a clinician's weekly consultation availability (local times in the clinic's zone)",
          tags: staffTags,
          security: [{ session: [] }],
          body: z.strictObject({
            clinicianId: z.string().max(64).optional(),
            windows: z.array(windowSchema).max(50, { error: 'At most 50 time ranges.' }),
          }),
          response: { 200: availabilityOut, ...errorResponses },
        },
      },
      async (req) => booking.setAvailability(req.actor, req.body),
    );
  };
