import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../services/auth';

/** Shared request/response schemas. Declared once: they validate, type the handlers, and feed /api/openapi.json. */

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: z.string().meta({ description: 'What went wrong, in words a person can act on' }),
      path: z
        .string()
        .nullable()
        .meta({ description: 'The offending field, e.g. "pain.now"; null when not about one field' }),
    }),
  })
  .meta({ id: 'Error' });

export const email = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .max(254, { error: 'That email address is too long.' })
  .check(z.email({ error: 'Enter a valid email address, like name@example.com.' }));

export const password = z
  .string({ error: 'Enter a password.' })
  .min(1, { error: 'Enter a password.' })
  .max(PASSWORD_MAX, { error: `Passwords can be at most ${PASSWORD_MAX} characters.` })
  .meta({ description: `At least ${PASSWORD_MIN} characters for new passwords` });

export const newPassword = z
  .string({ error: 'Choose a password.' })
  .min(PASSWORD_MIN, { error: `Choose a password of at least ${PASSWORD_MIN} characters.` })
  .max(PASSWORD_MAX, { error: `Passwords can be at most ${PASSWORD_MAX} characters.` });

export const displayName = z
  .string({ error: 'Tell us your name.' })
  .trim()
  .min(1, { error: 'Tell us your name.' })
  .max(80, { error: 'Names can be at most 80 characters.' });

/** IANA time zone, e.g. "America/Denver". */
export const timezone = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'Use a time zone name such as "America/Denver".' },
  );

export const token = z.string({ error: 'The link is missing its code.' }).min(10).max(100);

export const role = z.enum(['patient', 'clinician', 'admin']);

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role,
    clinicId: z.string(),
    clinicianId: z.string().nullable(),
    timezone: z.string(),
  })
  .meta({ id: 'User' });

export const clinicSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    tagline: z.string(),
    primaryColor: z.string(),
    accentColor: z.string(),
    hasLogo: z.boolean(),
    logoUrl: z.string().nullable().meta({ description: "The logo's address (with its version), or null" }),
    timezone: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string(),
    address: z.string(),
  })
  .meta({ id: 'Clinic' });

export const okSchema = z.object({ ok: z.literal(true) });

/** The 4xx answers every JSON route can give. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  410: errorSchema,
  413: errorSchema,
  415: errorSchema,
  429: errorSchema,
};
