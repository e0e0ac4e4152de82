import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { toPublicUser } from '../../services/auth';
import type { AppDeps } from '../app';
import { renderAppShell, renderHome, themeCss } from '../../web/server/pages';
import { patientShellRoute, renderPatientShell } from '../../web/server/patient-shell';

const SERVICE_WORKER = new URL('../../../public/build/sw.js', import.meta.url);

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

    // Installable app (PWA): the manifest carries the clinic's name and colour; the service worker
    // (bundled to public/build/sw.js by scripts/build-web.mjs) is served from the root so it can control /app.
    app.get('/manifest.webmanifest', hide, async (_req, reply) => {
      const home = await clinic.home();
      const color = /^#[0-9a-fA-F]{6}$/.test(home.primary_color) ? home.primary_color : '#0f6466';
      return reply
        .type('application/manifest+json; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(
          JSON.stringify({
            name: home.name,
            short_name:
              home.name.length > 12 ? home.name.split(/\s+/)[0]?.slice(0, 12) || 'hipback' : home.name,
            description: `${home.name}: your hip and lower back program.`,
            start_url: '/app',
            scope: '/',
            display: 'standalone',
            background_color: '#f5f8f7',
            theme_color: color,
            icons: [
              { src: '/static/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
              { src: '/static/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
              {
                src: '/static/icons/icon-maskable-512.png',
                sizes: '512x512',
                type: 'image/png',
                purpose: 'maskable',
              },
              { src: '/static/icon.svg', sizes: 'any', type: 'image/svg+xml' },
            ],
          }),
        );
    });
    app.get('/sw.js', hide, async (_req, reply) => {
      let js: string;
      try {
        js = await readFile(SERVICE_WORKER, 'utf8');
      } catch {
        return reply.status(404).type('text/plain').send('Not built: run npm run build:web.');
      }
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('service-worker-allowed', '/')
        .send(js);
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
      // The patient's Today and session player: their first screenful in the HTML, and what they load first
      // preloaded (the session's exercises come from the current plan).
      const patientRoute = user?.role === 'patient' ? patientShellRoute(path) : null;
      if (user && patientRoute) {
        const day = deps.services.patientDay;
        const current = await day.plan(req.actor);
        // Today is drawn whole, from the same answers /api/me/today and /api/me/plan give.
        const today =
          patientRoute.page === 'today'
            ? { today: await day.today(req.actor), plan: { plan: current } }
            : null;
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(renderPatientShell(home, user, patientRoute, path, current?.plan ?? null, new Date(), today));
      }
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
