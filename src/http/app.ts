import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  type ZodTypeProvider,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config';
import { type Actor, anonymous } from '../services/access';
import type { Services } from '../services';
import type { Repositories } from '../storage';
import { errorBody, handleError } from './errors';
import { SESSION_COOKIE } from './session';
import { authRoutes } from './routes/auth';
import { clinicRoutes } from './routes/clinic';
import { clinicLogoRoutes } from './routes/clinic-logo';
import { consultationRoutes } from './routes/consultations';
import { frontDoorRoutes } from './routes/front-door';
import { devRoutes } from './routes/dev';
import { documentRoutes } from './routes/documents';
import { libraryRoutes } from './routes/library';
import { publicPageRoutes } from './routes/public-pages';
import { selfCheckRoutes } from './routes/selfcheck';
import { patientDayRoutes } from './routes/patient-day';
import { progressRoutes } from './routes/progress';
import { portalRoutes } from './routes/portal';
import { reminderRoutes } from './routes/reminders';
import { flagRoutes } from './routes/flags';
import { planReviewRoutes } from './routes/plan-review';
import { pageRoutes } from './routes/pages';
import { systemRoutes } from './routes/system';
import { renderNotFound } from '../web/server/pages';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    /** Every route the app registered (method and URL), for the OpenAPI completeness test. */
    routeList: { method: string; url: string; hidden: boolean }[];
  }
}

export interface AppDeps {
  config: Config;
  repos: Repositories;
  services: Services;
}

export type App = FastifyInstance;

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

/** Does an Origin header name the host this request was sent to? Default ports count as equal. */
export function sameHost(origin: string, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  try {
    const o = new URL(origin);
    const h = new URL(`${o.protocol}//${hostHeader}`);
    return o.host === h.host;
  } catch {
    return false;
  }
}

/** Builds the whole app (API and web UI) without listening, so tests can use app.inject(). */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // No personal data in logs: URLs are logged without their query strings.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
      },
    },
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  const routeList: { method: string; url: string; hidden: boolean }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routeList.push({
        method,
        url: route.url,
        hidden: Boolean(route.schema?.hide),
      });
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // The API speaks JSON only: other bodies get a clear 415.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('actor', null as never);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'data:', 'blob:'],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.production,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      ...errorBody(
        'rate_limited',
        `Too many requests. Please wait ${Math.ceil(ctx.ttl / 1000)} seconds and try again.`,
      ),
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'hipback API',
        version: '0.1.0',
        description:
          'The HTTP API of hipback. Errors are {"error":{"code","message","path"}}. State-changing requests from a browser must come from the same origin.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  // Who is asking: resolve the session cookie once per request.
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.actor = token ? await deps.services.auth.actorFromSession(token) : anonymous;
  });

  // CSRF defence in depth: SameSite cookies, plus refusing state-changing
  // requests that a browser marks as coming from another site.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    let allowed = true;
    if (origin) {
      allowed = origin === config.publicUrl || sameHost(origin, req.headers.host);
    } else if (site === 'cross-site') {
      allowed = false;
    }
    if (!allowed) {
      return reply
        .status(403)
        .send(errorBody('cross_site_request', 'This request came from another website and was refused.'));
    }
  });

  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/',
    wildcard: false,
    globIgnore: ['build/**'],
    index: false,
    maxAge: config.production ? '1h' : 0,
  });
  // The browser bundle (scripts/build-web.mjs): names carry a content hash, so browsers may keep them for a
  // year; each file is sent as its precompressed .br or .gz twin when the browser accepts it.
  await app.register(fastifyStatic, {
    root: `${PUBLIC_DIR}build/`,
    prefix: '/build/',
    decorateReply: false,
    index: false,
    preCompressed: true,
    setHeaders: (reply, file) => {
      reply.header(
        'cache-control',
        /-[A-Z0-9]{8}\.(js|css)(\.map|\.br|\.gz)?$/.test(file)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });

  await app.register(systemRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(clinicRoutes(deps));
  await app.register(clinicLogoRoutes(deps));
  await app.register(consultationRoutes(deps));
  await app.register(frontDoorRoutes(deps));
  await app.register(libraryRoutes(deps));
  await app.register(publicPageRoutes(deps));
  await app.register(selfCheckRoutes(deps));
  await app.register(patientDayRoutes(deps));
  await app.register(progressRoutes(deps));
  await app.register(portalRoutes(deps));
  await app.register(reminderRoutes(deps));
  await app.register(flagRoutes(deps));
  await app.register(planReviewRoutes(deps));
  await app.register(documentRoutes(deps));
  if (!config.production) await app.register(devRoutes(deps));
  await app.register(pageRoutes(deps));

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply
        .status(404)
        .send(errorBody('not_found', `There is no ${req.method} ${req.url.split('?')[0]} in the API.`));
    }
    return reply.status(404).type('text/html; charset=utf-8').send(renderNotFound());
  });

  return app;
}
