import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WEEKDAYS } from '../../core/dates';
import { REMINDER_BOUNDS, REMINDER_KINDS } from '../../core/reminders';
import type { AppDeps } from '../app';
import { errorResponses } from '../schemas';

/** HH:MM; the format is checked by the service (so a missing field is still the first thing named). */
const clock = (what: string) =>
  z
    .string({ error: `${what} must be a time written as HH:MM (24-hour), like 07:30.` })
    .max(20, { error: `${what} must be a time written as HH:MM (24-hour), like 07:30.` })
    .meta({ description: 'Local time, HH:MM (24-hour)', examples: ['07:30'] });
const flag = (what: string) => z.boolean({ error: `${what} must be true or false.` });
const id = z.string().min(1).max(64);

const kinds = z.strictObject({
  ...(Object.fromEntries(REMINDER_KINDS.map((k) => [k, flag(`kinds.${k}`)])) as Record<
    (typeof REMINDER_KINDS)[number],
    z.ZodBoolean
  >),
  weekly: flag('kinds.weekly').optional().meta({
    description:
      'The Monday summary of last week (in the app; by email when email is on). Left out: unchanged',
  }),
});
const times = z.strictObject({
  checkin: clock('times.checkin'),
  stretch: clock('times.stretch'),
  session: clock('times.session'),
  activity: clock('times.activity'),
  weekly: clock('times.weekly')
    .optional()
    .meta({ description: 'When on Mondays the weekly summary comes (local HH:MM). Left out: unchanged' }),
});
const channels = z.strictObject({
  inApp: flag('channels.inApp'),
  push: flag('channels.push'),
  email: flag('channels.email'),
});
const { dailyCap: cap, breakIntervalMinutes: interval } = REMINDER_BOUNDS;
const settingsBody = z.strictObject({
  kinds,
  times,
  channels,
  dailyCap: z
    .number({ error: `dailyCap must be a whole number from ${cap.min} to ${cap.max}.` })
    .int({ error: `dailyCap must be a whole number from ${cap.min} to ${cap.max}.` })
    .min(cap.min, { error: `dailyCap must be a whole number from ${cap.min} to ${cap.max}.` })
    .max(cap.max, { error: `dailyCap must be a whole number from ${cap.min} to ${cap.max}.` }),
  quietHours: z
    .strictObject({ start: clock('quietHours.start'), end: clock('quietHours.end') })
    .nullable()
    .meta({ description: 'No reminders from start to end (may run past midnight); null for none' }),
  breakHours: z
    .strictObject({
      start: clock('breakHours.start'),
      end: clock('breakHours.end'),
      days: z.array(z.enum(WEEKDAYS)).max(7),
      intervalMinutes: z
        .number({ error: `intervalMinutes must be a whole number from ${interval.min} to ${interval.max}.` })
        .int()
        .min(interval.min, {
          error: `intervalMinutes must be a whole number from ${interval.min} to ${interval.max}.`,
        })
        .max(interval.max, {
          error: `intervalMinutes must be a whole number from ${interval.min} to ${interval.max}.`,
        }),
    })
    .nullable()
    .meta({ description: "The patient's own movement-break hours; null follows the plan's break times" }),
});

const settingsOut = z
  .object({
    kinds: z.record(z.string(), z.boolean()),
    times: z.object({
      checkin: z.string(),
      stretch: z.string(),
      session: z.string(),
      activity: z.string(),
      weekly: z.string(),
    }),
    channels: z.object({ inApp: z.boolean(), push: z.boolean(), email: z.boolean() }),
    dailyCap: z.number(),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    breakHours: z
      .object({ start: z.string(), end: z.string(), days: z.array(z.string()), intervalMinutes: z.number() })
      .nullable(),
    planBreakTimes: z.array(z.string()),
    snoozedUntil: z.string().nullable(),
    pausedToday: z.boolean(),
    calendarUrl: z.string(),
    timezone: z.string(),
    devices: z.array(
      z.object({
        id: z.string(),
        userAgent: z.string(),
        createdAt: z.string(),
        lastSuccessAt: z.string().nullable(),
        lastError: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ReminderSettings' });

const reminderOut = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  url: z.string(),
  createdAt: z.string(),
});

const base64url = (what: string) =>
  z
    .string({ error: `${what} is required (base64url, as the browser's PushSubscription gives it).` })
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+=*$/, { error: `${what} must be base64url text.` });

/** Reminders the patient controls, web push devices, the in-app inbox, snooze and the calendar feed. */
export const reminderRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const reminders = deps.services.reminders;
    const tags = ['reminders'];
    const security = [{ session: [] }];

    r.get(
      '/api/me/reminders/settings',
      {
        schema: {
          summary: "The patient's reminder settings, their push devices and their calendar-feed URL",
          tags,
          security,
          response: { 200: z.object({ settings: settingsOut }), ...errorResponses },
        },
      },
      async (req) => ({ settings: await reminders.settings(req.actor) }),
    );

    r.put(
      '/api/me/reminders/settings',
      {
        schema: {
          summary: 'Change which reminders come, when, how, and how many a day',
          tags,
          security,
          body: settingsBody,
          response: { 200: z.object({ settings: settingsOut }), ...errorResponses },
        },
      },
      async (req) => ({ settings: await reminders.updateSettings(req.actor, req.body) }),
    );

    r.post(
      '/api/me/reminders/snooze',
      {
        schema: {
          summary: `Pause reminders for ${REMINDER_BOUNDS.snoozeMinutes.join(', ')} minutes, or for the rest of today`,
          tags,
          security,
          body: z.strictObject({
            minutes: z
              .number({ error: `minutes must be one of ${REMINDER_BOUNDS.snoozeMinutes.join(', ')}.` })
              .int()
              .optional(),
            restOfToday: z.literal(true, { error: 'restOfToday can only be true.' }).optional(),
          }),
          response: { 200: z.object({ settings: settingsOut }), ...errorResponses },
        },
      },
      async (req) => ({ settings: await reminders.snooze(req.actor, req.body) }),
    );

    r.delete(
      '/api/me/reminders/snooze',
      {
        schema: {
          summary: 'Resume reminders now (ends a snooze or a pause for today)',
          tags,
          security,
          response: { 200: z.object({ settings: settingsOut }), ...errorResponses },
        },
      },
      async (req) => ({ settings: await reminders.resume(req.actor) }),
    );

    r.post(
      '/api/me/reminders/calendar/rotate',
      {
        schema: {
          summary: 'Make a new calendar-feed URL; the old one stops working at once',
          tags,
          security,
          response: { 200: z.object({ settings: settingsOut }), ...errorResponses },
        },
      },
      async (req) => ({ settings: await reminders.rotateCalendar(req.actor) }),
    );

    r.get(
      '/api/me/reminders/inbox',
      {
        schema: {
          summary: "Today's in-app reminders that are still open (not dismissed, not done since)",
          tags,
          security,
          response: { 200: z.object({ reminders: z.array(reminderOut) }), ...errorResponses },
        },
      },
      async (req) => ({ reminders: await reminders.inbox(req.actor) }),
    );

    r.post(
      '/api/me/reminders/:id/dismiss',
      {
        schema: {
          summary: 'Dismiss one in-app reminder',
          tags,
          security,
          params: z.strictObject({ id }),
          response: { 200: z.object({ dismissed: z.literal(true) }), ...errorResponses },
        },
      },
      async (req) => {
        await reminders.dismiss(req.actor, req.params.id);
        return { dismissed: true as const };
      },
    );

    r.get(
      '/api/me/push/key',
      {
        schema: {
          summary: "The app's VAPID public key, for PushManager.subscribe (applicationServerKey)",
          tags,
          security,
          response: { 200: z.object({ publicKey: z.string() }), ...errorResponses },
        },
      },
      async (req) => ({ publicKey: await reminders.publicKey(req.actor) }),
    );

    r.post(
      '/api/me/push/subscriptions',
      {
        schema: {
          summary:
            "Turn on push reminders on this device (the browser's PushSubscription). The endpoint must be an https push service whose host resolves only to public addresses (422 push_endpoint_refused otherwise).",
          tags,
          security,
          body: z.object({
            endpoint: z
              .string({ error: 'endpoint is required: the push service URL the browser gave.' })
              .min(1)
              .max(1000),
            // Browsers include expirationTime; it is accepted and not needed.
            expirationTime: z.number().nullable().optional(),
            keys: z.strictObject({ p256dh: base64url('keys.p256dh'), auth: base64url('keys.auth') }),
          }),
          response: { 201: z.object({ id: z.string(), createdAt: z.string() }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const sub = await reminders.subscribe(req.actor, req.body, req.headers['user-agent'] ?? '');
        return reply.status(201).send(sub);
      },
    );

    r.delete(
      '/api/me/push/subscriptions/:id',
      {
        schema: {
          summary: 'Turn off push reminders on one device',
          tags,
          security,
          params: z.strictObject({ id }),
          response: { 200: z.object({ deleted: z.literal(true) }), ...errorResponses },
        },
      },
      async (req) => {
        await reminders.unsubscribe(req.actor, req.params.id);
        return { deleted: true as const };
      },
    );

    r.get(
      '/api/calendar/:file',
      {
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: {
          summary:
            "A patient's planned sessions for the coming weeks as an iCalendar feed. No login: the long secret in the URL (<secret>.ics) is the key; a new link makes the old one answer 404.",
          tags,
          params: z.strictObject({ file: z.string().max(120) }),
          response: {
            200: z.string().meta({ description: 'text/calendar (RFC 5545)' }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const secret = req.params.file.replace(/\.ics$/, '');
        const text = await reminders.calendarFeed(secret);
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .header('x-robots-tag', 'noindex')
          .send(text);
      },
    );
  };
