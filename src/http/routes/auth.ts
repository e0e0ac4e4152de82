import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../services/access';
import { toPublicUser } from '../../services/auth';
import type { AppDeps } from '../app';
import {
  displayName,
  email,
  errorResponses,
  newPassword,
  okSchema,
  password,
  role,
  timezone,
  token,
  userSchema,
} from '../schemas';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie, userAgent } from '../session';

export const authRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { auth, clinic } = deps.services;
    const limited = { rateLimit: { max: deps.config.authRateLimitPerMinute, timeWindow: '1 minute' } };
    const tags = ['accounts'];

    r.post(
      '/api/auth/signup',
      {
        config: limited,
        schema: {
          summary: 'Create a patient account and log in',
          tags,
          body: z.strictObject({ email, password: newPassword, displayName, timezone: timezone.optional() }),
          response: { 201: z.object({ user: userSchema }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const home = await clinic.home();
        const { user, session } = await auth.signUpPatient(home, req.body, userAgent(req));
        setSessionCookie(req, reply, session.token);
        return reply.status(201).send({ user: toPublicUser(user) });
      },
    );

    r.post(
      '/api/auth/login',
      {
        config: limited,
        schema: {
          summary: 'Log in with email and password',
          tags,
          body: z.strictObject({ email, password }),
          response: { 200: z.object({ user: userSchema }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const { user, session } = await auth.login(req.body, userAgent(req));
        setSessionCookie(req, reply, session.token);
        return { user: toPublicUser(user) };
      },
    );

    r.post(
      '/api/auth/logout',
      {
        schema: {
          summary: 'Log out (ends this session)',
          tags,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      async (req, reply) => {
        await auth.logout(req.cookies[SESSION_COOKIE]);
        clearSessionCookie(req, reply);
        return { ok: true as const };
      },
    );

    r.get(
      '/api/auth/me',
      {
        schema: {
          summary: 'The logged-in user',
          tags,
          security: [{ session: [] }],
          response: { 200: z.object({ user: userSchema }), ...errorResponses },
        },
      },
      async (req) => ({ user: toPublicUser(requireUser(req.actor)) }),
    );

    r.post(
      '/api/auth/password-reset',
      {
        config: limited,
        schema: {
          summary: 'Email a password-reset link (the answer is the same whether or not the account exists)',
          tags,
          body: z.strictObject({ email }),
          response: { 202: z.object({ ok: z.literal(true), message: z.string() }), ...errorResponses },
        },
      },
      async (req, reply) => {
        await auth.requestPasswordReset(req.body.email);
        return reply.status(202).send({
          ok: true as const,
          message: 'If an account uses this address, we have sent it a link to choose a new password.',
        });
      },
    );

    r.post(
      '/api/auth/password-reset/confirm',
      {
        config: limited,
        schema: {
          summary: 'Choose a new password with the emailed link',
          tags,
          body: z.strictObject({ token, password: newPassword }),
          response: { 200: okSchema, ...errorResponses },
        },
      },
      async (req) => {
        await auth.resetPassword(req.body);
        return { ok: true as const };
      },
    );

    r.post(
      '/api/invites',
      {
        schema: {
          summary: 'Invite a patient (clinicians) or a staff member (clinic admins) by email',
          tags,
          security: [{ session: [] }],
          body: z.strictObject({ email, role, displayName: displayName.optional() }),
          response: {
            201: z.object({ email: z.string(), role, expiresAt: z.string() }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => reply.status(201).send(await auth.invite(req.actor, req.body)),
    );

    r.post(
      '/api/invites/describe',
      {
        config: limited,
        schema: {
          summary: 'What an invitation link is for',
          tags,
          body: z.strictObject({ token }),
          response: {
            200: z.object({
              email: z.string(),
              role,
              displayName: z.string().nullable(),
              clinicName: z.string(),
              inviterName: z.string().nullable(),
              expiresAt: z.string(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => auth.describeInvite(req.body.token),
    );

    r.post(
      '/api/invites/accept',
      {
        config: limited,
        schema: {
          summary: 'Accept an invitation: create the account and log in',
          tags,
          body: z.strictObject({ token, displayName, password: newPassword, timezone: timezone.optional() }),
          response: { 201: z.object({ user: userSchema }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const { user, session } = await auth.acceptInvite(req.body, userAgent(req));
        setSessionCookie(req, reply, session.token);
        return reply.status(201).send({ user: toPublicUser(user) });
      },
    );
  };
