import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GUIDES, guideBySlug, guideExercises, renderGuidePdf } from '../../documents/guides';
import { toPublicUser } from '../../services/auth';
import { CONSENT_VERSION } from '../../services/booking';
import type { Clinic } from '../../storage/schema';
import { renderAppShell, renderNotFound } from '../../web/server/pages';
import { renderPrivacy, renderResources } from '../../web/server/front-door-pages';
import type { AppDeps } from '../app';
import { errorResponses } from '../schemas';

/** The clinic's front door: free resources, printable guides, the privacy notice, and the booking pages. */
export const frontDoorRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { clinic, content } = deps.services;
    const userOf = (req: FastifyRequest) => (req.actor.kind === 'user' ? toPublicUser(req.actor.user) : null);
    const html = 'text/html; charset=utf-8';
    const hide = { schema: { hide: true } };

    const listing = () =>
      GUIDES.map((g) => ({
        slug: g.slug,
        title: g.title,
        summary: g.summary,
        url: `/guides/${g.slug}.pdf`,
        exercises: guideExercises(g, content.library).map((e) => e.name),
      }));

    // Client pages: the server sends the shell, the app renders the page.
    const shell = (title: string) => async (req: FastifyRequest, reply: FastifyReply) =>
      reply
        .type(html)
        .header('cache-control', 'no-store')
        .send(renderAppShell(await clinic.home(), userOf(req), title, req.url.split('?')[0] ?? '/'));
    app.get('/book', hide, shell('Book a free consultation'));
    app.get('/consultation/manage', hide, shell('Your consultation'));

    app.get('/resources', hide, async (req, reply) =>
      reply
        .type(html)
        .send(renderResources(await clinic.home(), userOf(req), deps.config.publicUrl, listing())),
    );
    app.get('/privacy', hide, async (req, reply) =>
      reply
        .type(html)
        .send(renderPrivacy(await clinic.home(), userOf(req), deps.config.publicUrl, CONSENT_VERSION)),
    );

    r.get(
      '/api/guides',
      {
        schema: {
          summary: 'The free printable guides (PDF), generated from the exercise library',
          tags: ['library'],
          response: {
            200: z.object({
              guides: z.array(
                z.object({
                  slug: z.string(),
                  title: z.string(),
                  summary: z.string(),
                  url: z.string(),
                  exercises: z.array(z.string()),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async () => ({ guides: listing() }),
    );

    // Generated once per clinic branding and kept: the guides only change when the library or clinic does.
    const cache = new Map<string, Uint8Array>();
    const keyOf = (c: Clinic, slug: string) =>
      [c.id, slug, c.name, c.contact_phone, c.contact_email, c.address, c.primary_color, c.timezone].join(
        '|',
      );

    r.get(
      '/guides/:file',
      { schema: { hide: true, params: z.object({ file: z.string().max(100) }) } },
      async (req, reply) => {
        const slug = /^([a-z0-9-]+)\.pdf$/.exec(req.params.file)?.[1];
        const guide = slug ? guideBySlug(slug) : undefined;
        if (!guide) return reply.status(404).type(html).send(renderNotFound());
        const home = await clinic.home();
        const key = keyOf(home, guide.slug);
        let bytes = cache.get(key);
        if (!bytes) {
          bytes = await renderGuidePdf(guide, content.library, {
            name: home.name,
            contactPhone: home.contact_phone,
            contactEmail: home.contact_email,
            address: home.address,
            primaryColor: home.primary_color,
            timezone: home.timezone,
          });
          cache.set(key, bytes);
        }
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${guide.slug}.pdf"`)
          .header('cache-control', 'public, max-age=3600')
          .send(Buffer.from(bytes));
      },
    );
  };
