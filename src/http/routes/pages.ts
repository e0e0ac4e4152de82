import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { toPublicUser } from '../../services/auth';
import type { AppDeps } from '../app';
import { renderAppShell, renderHome, themeCss } from '../../web/server/pages';

/** Pages of the client app: the server sends the shell, the app renders the page. */
const APP_PAGES: Record<string, string> = {
  '/login': 'Log in',
  '/signup': 'Create your account',
  '/forgot': 'Forgot your password',
  '/reset': 'Choose a new password',
  '/invite': 'Accept your invitation',
  '/app': 'Home',
  '/check': 'Free self-check',
};

export const pageRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    const { clinic } = deps.services;
    const userOf = (req: FastifyRequest) => (req.actor.kind === 'user' ? toPublicUser(req.actor.user) : null);
    const hide = { schema: { hide: true } };

    app.get('/', hide, async (req, reply) => {
      const home = await clinic.home();
      return reply
        .type('text/html; charset=utf-8')
        .send(renderHome(home, userOf(req), deps.config.publicUrl));
    });

    app.get('/theme.css', hide, async (_req, reply) => {
      const home = await clinic.home();
      return reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(themeCss(home));
    });

    const shell = (title: string) => async (req: FastifyRequest, reply: FastifyReply) => {
      const home = await clinic.home();
      const path = req.url.split('?')[0] ?? '/';
      const user = userOf(req);
      // Logged-in people skip the log-in and sign-up pages; logged-out people are sent to log in.
      if (user && (path === '/login' || path === '/signup')) return reply.redirect('/app');
      if (!user && path.startsWith('/app')) return reply.redirect(`/login?next=${encodeURIComponent(path)}`);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderAppShell(home, user, title, path));
    };
    for (const [path, title] of Object.entries(APP_PAGES)) {
      app.get(path, hide, shell(title));
    }
    app.get('/app/*', hide, shell('hipback'));
    app.get('/robots.txt', hide, async (_req, reply) =>
      reply.type('text/plain').send('User-agent: *\nDisallow: /app\nDisallow: /api\nDisallow: /dev\n'),
    );
  };
