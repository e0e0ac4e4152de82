import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app';
import { renderDevMail } from '../../web/server/pages';

/** Development only (never registered when NODE_ENV=production): read the mail the app has sent. */
export const devRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const list = async () => {
      const rows = await deps.repos.outbox.recent(50);
      return rows.map((m) => ({
        id: m.id,
        to: m.to_address,
        subject: m.subject,
        text: m.text_body,
        status: m.status,
        createdAt: m.created_at,
      }));
    };

    r.get(
      '/api/dev/mail',
      {
        schema: {
          summary: 'Development only: the 50 most recent emails',
          tags: ['development'],
          response: {
            200: z.object({
              messages: z.array(
                z.object({
                  id: z.string(),
                  to: z.string(),
                  subject: z.string(),
                  text: z.string(),
                  status: z.string(),
                  createdAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async () => ({ messages: await list() }),
    );

    r.get('/dev/mail', { schema: { hide: true } }, async (_req, reply) => {
      const clinic = await deps.services.clinic.home();
      return reply.type('text/html; charset=utf-8').send(renderDevMail(clinic, await list()));
    });
  };
