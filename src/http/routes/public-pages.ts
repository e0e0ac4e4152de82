import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toPublicUser } from '../../services/auth';
import { AppError } from '../../services/errors';
import type { AppDeps } from '../app';
import {
  renderExercise,
  renderLearnIndex,
  renderLearnPage,
  renderLibrary,
} from '../../web/server/library-pages';
import { exerciseQuery } from './library';
import { renderNotFound } from '../../web/server/pages';
import { handleError } from '../errors';

/** Server-rendered public pages: fast, indexable, and readable without JavaScript. */
export const publicPageRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { clinic, content } = deps.services;
    const userOf = (req: FastifyRequest) => (req.actor.kind === 'user' ? toPublicUser(req.actor.user) : null);
    const html = 'text/html; charset=utf-8';
    const url = deps.config.publicUrl;

    // Empty form fields arrive as "": treat them as "not filtered".
    const pageQuery = z.preprocess(
      (q) =>
        Object.fromEntries(Object.entries((q ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '')),
      exerciseQuery,
    );

    r.get('/exercises', { schema: { hide: true, querystring: pageQuery } }, async (req, reply) =>
      reply
        .type(html)
        .send(renderLibrary(await clinic.home(), userOf(req), url, req.query, content.exercises(req.query))),
    );

    r.get(
      '/exercises/:slug',
      { schema: { hide: true, params: z.object({ slug: z.string().max(80) }) } },
      async (req, reply) => {
        const ex = content.exercise(req.params.slug);
        return reply
          .type(html)
          .send(
            renderExercise(await clinic.home(), userOf(req), url, ex, content.ladder(ex.slug), (s) =>
              content.library.bySlug.get(s),
            ),
          );
      },
    );

    r.get('/learn', { schema: { hide: true } }, async (req, reply) =>
      reply
        .type(html)
        .send(renderLearnIndex(await clinic.home(), userOf(req), url, content.educationPages())),
    );

    r.get(
      '/learn/:slug',
      { schema: { hide: true, params: z.object({ slug: z.string().max(80) }) } },
      async (req, reply) => {
        const pages = content.educationPages();
        const page = content.educationPage(req.params.slug);
        const next = pages[pages.indexOf(page) + 1];
        return reply.type(html).send(renderLearnPage(await clinic.home(), userOf(req), url, page, next));
      },
    );

    // These are pages, so problems are answered as pages: an unknown slug is the
    // HTML 404 page, and a malformed filter goes back to the unfiltered list.
    app.setErrorHandler((err, req, reply) => {
      if (err instanceof AppError && err.status === 404) {
        return reply.status(404).type(html).send(renderNotFound());
      }
      if (req.url.startsWith('/exercises?')) return reply.redirect('/exercises', 303);
      return handleError(err as Error, req, reply);
    });
  };
