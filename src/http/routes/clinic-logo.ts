import type { FastifyError, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOGO_LIMITS } from '../../documents/images';
import { requireRole } from '../../services/access';
import { toPublicClinic } from '../../services/clinic';
import { AppError } from '../../services/errors';
import type { AppDeps } from '../app';
import { handleError } from '../errors';
import { clinicSchema, errorResponses } from '../schemas';

const LOGO_TYPES = ['image/png', 'image/jpeg'];

const logoResponse = z.string().meta({ description: "The clinic's logo (PNG or JPEG)", format: 'binary' });

/** Sends raw bytes (the typed reply only knows the JSON schemas). */
const sendBytes = (reply: FastifyReply, mime: string, bytes: Buffer) => reply.type(mime).send(bytes);

const tooLarge = () =>
  new AppError(
    413,
    'logo_too_large',
    `The logo is larger than ${LOGO_LIMITS.maxBytes / 1024} KB, the most we accept. Save it smaller (for example 600 px wide) and try again.`,
    'logo',
  );

/**
 * The clinic's logo: admins upload it as the raw image (PUT, Content-Type
 * image/png or image/jpeg) or remove it; anyone may fetch it, as the public
 * website shows it in the header. Only PNG and JPEG, never SVG (see
 * src/documents/images.ts).
 */
export const clinicLogoRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { clinic, portal } = deps.services;
    const tags = ['clinic'];
    const security = [{ session: [] }];

    r.get(
      '/api/clinic/logo',
      {
        schema: {
          summary:
            "A clinic's logo, for anyone (the website shows it): the public clinic's, or the one named by `clinic`",
          tags,
          querystring: z.strictObject({
            clinic: z.string().min(1).max(64).optional().meta({ description: 'A clinic id' }),
            v: z.string().max(64).optional().meta({
              description: "The logo's version (from logoUrl): a matching version may be cached for good",
            }),
          }),
          produces: LOGO_TYPES,
          response: { 200: logoResponse, 304: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        const logo = await clinic.logo(req.query.clinic);
        const etag = `"${logo.version}"`;
        void reply
          .header('etag', etag)
          .header('x-content-type-options', 'nosniff')
          // An address that names this version never changes; without it, ask each time (the ETag makes that cheap).
          .header(
            'cache-control',
            req.query.v === logo.version ? 'public, max-age=31536000, immutable' : 'public, no-cache',
          )
          .header('content-disposition', 'inline; filename="logo"');
        const match = req.headers['if-none-match'];
        if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
          return reply.status(304).send(null);
        }
        return sendBytes(reply, logo.mime, logo.bytes);
      },
    );

    r.delete(
      '/api/clinic/logo',
      {
        schema: {
          summary: "Remove the clinic's logo (clinic admins only)",
          tags,
          security,
          response: { 200: z.object({ clinic: clinicSchema }), ...errorResponses },
        },
      },
      async (req) => ({ clinic: toPublicClinic(await portal.removeLogo(req.actor)) }),
    );

    // The upload reads raw image bytes: its own parsers (PNG and JPEG only, up to the size limit) live in
    // this inner plugin, so no other route accepts images, and any other body type gets a logo-specific 415.
    await app.register(async (upload) => {
      // Access first, before a byte of the body is read.
      upload.addHook('onRequest', async (req) => {
        requireRole(req.actor, 'admin');
      });
      upload.removeAllContentTypeParsers();
      upload.addContentTypeParser(
        LOGO_TYPES,
        { parseAs: 'buffer', bodyLimit: LOGO_LIMITS.maxBytes },
        (_req, body, done) => done(null, body),
      );
      upload.addContentTypeParser('*', (_req, _payload, done) =>
        done(
          new AppError(
            415,
            'logo_unsupported_type',
            'Upload the logo as a PNG or JPEG image (Content-Type image/png or image/jpeg).',
            'logo',
          ),
        ),
      );
      upload.setErrorHandler((err: FastifyError, req, reply) =>
        handleError(err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? tooLarge() : err, req, reply),
      );
      upload.withTypeProvider<ZodTypeProvider>().put(
        '/api/clinic/logo',
        {
          schema: {
            summary: `Set or replace the clinic's logo (clinic admins only): the raw PNG or JPEG as the body, at most ${LOGO_LIMITS.maxBytes / 1024} KB, each side ${LOGO_LIMITS.minSide}–${LOGO_LIMITS.maxSide} px`,
            tags,
            security,
            consumes: LOGO_TYPES,
            response: { 200: z.object({ clinic: clinicSchema }), ...errorResponses },
          },
        },
        async (req) => {
          const body = req.body;
          const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
          return { clinic: toPublicClinic(await portal.setLogo(req.actor, bytes)) };
        },
      );
    });
  };
