import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exerciseSchema } from '../../core/library/schema';
import { BODY_REGIONS, EQUIPMENT, PILLARS, type Exercise } from '../../core/library/types';
import type { AppDeps } from '../app';
import { errorResponses } from '../schemas';

export const illustrationUrl = (slug: string, frame: 'start' | 'end' | 'animated' = 'animated') =>
  `/api/exercises/${slug}/illustration.svg${frame === 'animated' ? '' : `?frame=${frame}`}`;

const exerciseOut = exerciseSchema
  .extend({ illustrationUrl: z.string(), startImageUrl: z.string(), endImageUrl: z.string() })
  .meta({ id: 'Exercise' });

const withUrls = (e: Exercise) => ({
  ...e,
  illustrationUrl: illustrationUrl(e.slug),
  startImageUrl: illustrationUrl(e.slug, 'start'),
  endImageUrl: illustrationUrl(e.slug, 'end'),
});

export const exerciseQuery = z.strictObject({
  pillar: z.enum(PILLARS).optional(),
  region: z.enum(BODY_REGIONS).optional(),
  equipment: z.enum(EQUIPMENT).optional(),
  level: z.coerce
    .number({ error: 'level must be a whole number from 1 to 5.' })
    .int({ error: 'level must be a whole number from 1 to 5.' })
    .min(1, { error: 'level must be a whole number from 1 to 5.' })
    .max(5, { error: 'level must be a whole number from 1 to 5.' })
    .optional(),
  q: z.string().trim().max(100, { error: 'Search text can be at most 100 characters.' }).optional(),
});

const slugParam = z.strictObject({ slug: z.string().max(80) });

const pageSummary = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  order: z.number(),
  sources: z.array(z.string()),
});

export const libraryRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { content } = deps.services;
    const tags = ['library'];

    r.get(
      '/api/exercises',
      {
        schema: {
          summary: 'The exercise library, filtered by pillar, body region, equipment, level or text',
          tags,
          querystring: exerciseQuery,
          response: { 200: z.object({ exercises: z.array(exerciseOut) }), ...errorResponses },
        },
      },
      async (req) => ({ exercises: content.exercises(req.query).map(withUrls) }),
    );

    r.get(
      '/api/exercises/:slug',
      {
        schema: {
          summary: 'One exercise, with its ladder from easiest to hardest',
          tags,
          params: slugParam,
          response: {
            200: z.object({
              exercise: exerciseOut,
              ladder: z.array(z.object({ slug: z.string(), name: z.string(), level: z.number() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({
        exercise: withUrls(content.exercise(req.params.slug)),
        ladder: content.ladder(req.params.slug).map((e) => ({ slug: e.slug, name: e.name, level: e.level })),
      }),
    );

    r.get(
      '/api/exercises/:slug/illustration.svg',
      {
        schema: {
          summary:
            "An exercise's illustration as SVG: animated between its start and end positions, or one frame",
          tags,
          params: slugParam,
          querystring: z.strictObject({ frame: z.enum(['start', 'end', 'animated']).default('animated') }),
          produces: ['image/svg+xml'],
        },
      },
      async (req, reply) => {
        const svg = content.illustration(req.params.slug, req.query.frame);
        return reply
          .type('image/svg+xml; charset=utf-8')
          .header('cache-control', 'public, max-age=3600')
          .send(svg);
      },
    );

    r.get(
      '/api/education',
      {
        schema: {
          summary: 'The education pages, in reading order',
          tags,
          response: { 200: z.object({ pages: z.array(pageSummary) }) },
        },
      },
      async () => ({
        pages: content.educationPages().map(({ slug, title, description, order, sources }) => ({
          slug,
          title,
          description,
          order,
          sources,
        })),
      }),
    );

    r.get(
      '/api/education/:slug',
      {
        schema: {
          summary: 'One education page, as Markdown and as HTML',
          tags,
          params: slugParam,
          response: {
            200: z.object({ page: pageSummary.extend({ markdown: z.string(), html: z.string() }) }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const { slug, title, description, order, sources, markdown, html } = content.educationPage(
          req.params.slug,
        );
        return { page: { slug, title, description, order, sources, markdown, html } };
      },
    );
  };
