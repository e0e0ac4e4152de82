/**
 * The service worker: keeps the app shell and the exercise library on the
 * device so the patient's day opens with no connection.
 *
 * - On install it precaches the shell (/app, the stylesheet, the theme, the
 *   icons, the manifest) and every file of the browser bundle; the bundle's
 *   file list is written in at build time (scripts/build-web.mjs), so a new
 *   build means a new worker and a fresh cache.
 * - The bundle's files carry a content hash in their names (a new build means
 *   new names), so they are served from the cache first. Every other GET it
 *   handles is network-first, falling back to the cache, so an online person
 *   always gets the latest and an offline one the last copy.
 * - It handles only the shell, static files and the public exercise library;
 *   the person's own data (/api/me/...) is cached by the app per user, and
 *   writes never pass through here (they are queued by the app).
 * - Today posts it the exercises of the day ({type: 'warm', urls}); it keeps
 *   each exercise and its two pictures here, so a session can start with no
 *   connection. Doing this here, not in the page, keeps the phone's main
 *   thread free while Today first draws.
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
interface MessageEventLike extends ExtendableEvent {
  data: unknown;
}
interface SWScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', fn: (e: MessageEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}
const sw = self as unknown as SWScope;

const CACHE = `hipback-${__VERSION__}`;
const SHELL = [
  '/app',
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

/** Hashed bundle files never change: the cached copy is as good as the network's. */
const immutable = (url: URL) =>
  url.pathname.startsWith('/build/') && /-[A-Z0-9]{8}\.(js|css)$/.test(url.pathname);

async function cacheFirst(req: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(url.pathname);
  if (hit) return hit;
  return networkFirst(req, url);
}

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (!handled(url)) return;
  e.respondWith(immutable(url) ? cacheFirst(req, url) : networkFirst(req, url));
});

// ── Warming the cache with the day's exercises ──────────────────────────

/** An exercise's address in the public library: nothing else may be warmed. */
const EXERCISE = /^\/api\/exercises\/[a-z0-9-]{1,80}$/;
const isPicture = (p: string) => /^\/api\/exercises\/[a-z0-9-]{1,80}\/[a-z0-9.-]{1,40}$/.test(p);

/** Fetches one address into the cache unless it is there already; returns the response when fetched. */
async function keep(cache: Cache, path: string): Promise<Response | null> {
  if (await cache.match(path)) return null;
  try {
    const res = await fetch(path, { credentials: 'same-origin' });
    if (!res.ok || res.redirected) return null;
    await cache.put(path, res.clone());
    return res;
  } catch {
    return null; // offline or the server is away: warmed next time
  }
}

async function warm(urls: string[]): Promise<void> {
  const cache = await caches.open(CACHE);
  const queue = urls.filter((u) => EXERCISE.test(u)).slice(0, 60);
  // Three at a time, so the page's own requests are not kept waiting.
  const worker = async () => {
    for (let u = queue.shift(); u !== undefined; u = queue.shift()) {
      const res = await keep(cache, u);
      const pictures: string[] = [];
      try {
        const body = (await (res ?? (await cache.match(u)))?.json()) as {
          exercise?: { startImageUrl?: unknown; illustrationUrl?: unknown };
        } | null;
        for (const p of [body?.exercise?.startImageUrl, body?.exercise?.illustrationUrl]) {
          if (typeof p !== 'string') continue;
          const at = new URL(p, sw.location.origin);
          if (at.origin === sw.location.origin && isPicture(at.pathname))
            pictures.push(at.pathname + at.search);
        }
      } catch {
        // not JSON: nothing more to keep
      }
      for (const p of pictures) await keep(cache, p);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

sw.addEventListener('message', (e) => {
  const msg = e.data as { type?: unknown; urls?: unknown } | null;
  if (!msg || msg.type !== 'warm' || !Array.isArray(msg.urls)) return;
  const urls = msg.urls.filter((u): u is string => typeof u === 'string');
  e.waitUntil(warm(urls));
});

// ── Reminders by web push (src/services/reminders.ts) ───────────────────
// The server sends {id, kind, title, body, url}, encrypted for this browser.

interface PushEventLike extends ExtendableEvent {
  data: { json(): unknown } | null;
}
interface NotificationEventLike extends ExtendableEvent {
  notification: { close(): void; data: unknown };
}
interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}
interface PushScope {
  addEventListener(type: 'push', fn: (e: PushEventLike) => void): void;
  addEventListener(type: 'notificationclick', fn: (e: NotificationEventLike) => void): void;
  registration: {
    showNotification(title: string, options: Record<string, unknown>): Promise<void>;
  };
  clients: {
    matchAll(opts: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
}
const pushScope = self as unknown as PushScope;

pushScope.addEventListener('push', (e) => {
  let msg: { id?: string; kind?: string; title?: string; body?: string; url?: string } = {};
  try {
    const parsed = e.data?.json();
    if (parsed && typeof parsed === 'object') msg = parsed;
  } catch {
    // not JSON: show a plain reminder
  }
  const url = typeof msg.url === 'string' && msg.url.startsWith('/app') ? msg.url : '/app';
  e.waitUntil(
    pushScope.registration.showNotification(msg.title ?? 'A reminder from your program', {
      body: msg.body ?? '',
      icon: '/static/icons/icon-192.png',
      badge: '/static/icons/icon-192.png',
      // One notification per kind: a newer break reminder replaces the last one.
      tag: msg.kind ?? 'reminder',
      data: { url },
    }),
  );
});

pushScope.addEventListener('notificationclick', (e) => {
  e.notification.close();
  const data = e.notification.data as { url?: string } | null;
  const target = new URL(data?.url ?? '/app', sw.location.origin).href;
  e.waitUntil(
    (async () => {
      // Bring an open app window forward (showing the reminder's screen), or open one.
      const windows = await pushScope.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === sw.location.origin);
      if (open) {
        await open.focus();
        await open.navigate(target).catch(() => undefined);
        return;
      }
      await pushScope.clients.openWindow(target);
    })(),
  );
});
