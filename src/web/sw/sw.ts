/**
 * The service worker: keeps the app shell and the exercise library on the
 * device so the patient's day opens with no connection.
 *
 * - On install it precaches the shell (/app, the stylesheet, the theme, the
 *   icons, the manifest) and every file of the browser bundle; the bundle's
 *   file list is written in at build time (scripts/build-web.mjs), so a new
 *   build means a new worker and a fresh cache.
 * - Every GET it handles is network-first, falling back to the cache, so an
 *   online person always gets the latest and an offline one the last copy.
 * - It handles only the shell, static files and the public exercise library;
 *   the person's own data (/api/me/...) is cached by the app per user, and
 *   writes never pass through here (they are queued by the app).
 */

declare const __PRECACHE__: string[];
declare const __VERSION__: string;

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Promise<Response> | Response): void;
}
interface SWScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}
const sw = self as unknown as SWScope;

const CACHE = `hipback-${__VERSION__}`;
const SHELL = [
  '/app',
  '/static/app.css',
  '/theme.css',
  '/static/icon.svg',
  '/static/icons/icon-192.png',
  '/static/icons/icon-512.png',
  '/manifest.webmanifest',
  ...__PRECACHE__,
];

sw.addEventListener('install', (e) => {
  e.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // One by one, so one missing file does not stop the rest.
      await Promise.all(
        SHELL.map(async (url) => {
          try {
            const res = await fetch(url, { credentials: 'same-origin' });
            if (res.ok && !res.redirected) await cache.put(url, res);
          } catch {
            // offline during install: cached on first use instead
          }
        }),
      );
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('hipback-') && key !== CACHE) await caches.delete(key);
      }
      await sw.clients.claim();
    })(),
  );
});

const isApp = (p: string) => p === '/app' || p.startsWith('/app/');
const handled = (url: URL) =>
  url.origin === sw.location.origin &&
  (isApp(url.pathname) ||
    url.pathname.startsWith('/build/') ||
    url.pathname.startsWith('/static/') ||
    url.pathname === '/theme.css' ||
    url.pathname === '/manifest.webmanifest' ||
    url.pathname.startsWith('/api/exercises/'));

async function networkFirst(req: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE);
  const key = isApp(url.pathname) ? url.pathname : url.pathname + url.search;
  try {
    const res = await fetch(req);
    if (res.ok && !res.redirected && res.type === 'basic') await cache.put(key, res.clone());
    return res;
  } catch (err) {
    const hit = (await cache.match(key)) ?? (isApp(url.pathname) ? await cache.match('/app') : undefined);
    if (hit) return hit;
    throw err;
  }
}

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (!handled(url)) return;
  e.respondWith(networkFirst(req, url));
});
