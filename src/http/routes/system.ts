import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app';

export const systemRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/health',
      {
        schema: {
          summary: 'Is the app up, and which database does it use?',
          tags: ['system'],
          response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) },
        },
      },
      async () => ({ status: 'ok' as const, database: deps.repos.dialect }),
    );

    r.get(
      '/api/openapi.json',
      { schema: { summary: 'This API described as an OpenAPI 3 document', tags: ['system'] } },
      async () => app.swagger(),
    );
  };
