/**
 * Offline-first data for the patient's day.
 *
 * - Reads (`cachedGet`) go to the network and keep the last good answer in
 *   localStorage, per user, so Today, the plan, the exercises and the activity
 *   log still open with no connection.
 * - Writes (`queueWrite`) are first stored in a queue in localStorage (per
 *   user), then sent. Every write carries its client-made id (`clientId`), and
 *   the server is idempotent on it, so a retry or a second sync never
 *   duplicates anything. The queue is drained on app start, on the `online`
 *   event, after each successful request, and every 30 seconds while it is
 *   not empty.
 * - A tiny store tells the UI whether we are online and how many writes wait.
 */
import { api, ApiFailure } from '../api';
import { dateIn, timeIn } from '../../ui/patient-shell';

export interface QueuedWrite {
  /** The clientId of the record; also the queue key (a later write for the same record replaces an earlier one). */
  key: string;
  method: 'POST' | 'PUT';
  url: string;
  body: Record<string, unknown>;
  queuedAt: string;
  /** This queue entry (a record can be written more than once, e.g. a session's progress). */
  id: string;
}

export interface SyncState {
  online: boolean;
  queued: number;
  syncing: boolean;
  /** Writes the server refused (bad input); dropped from the queue, kept here so the UI can say so. */
  refused: number;
}

let userId = 'anon';
let state: SyncState = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  queued: 0,
  syncing: false,
  refused: 0,
};
const listeners = new Set<(s: SyncState) => void>();

const qKey = () => `hb:${userId}:queue`;
const cKey = (url: string) => `hb:${userId}:get:${url}`;

function set(patch: Partial<SyncState>) {
  // Nothing changed: no one needs to draw again (this runs after every request).
  if ((Object.keys(patch) as (keyof SyncState)[]).every((k) => state[k] === patch[k])) return;
  state = { ...state, ...patch };
  for (const l of listeners) l(state);
}

export function subscribe(fn: (s: SyncState) => void): () => void {
  listeners.add(fn);
  fn(state);
  return () => listeners.delete(fn);
}

export function readQueue(): QueuedWrite[] {
  try {
    const raw = localStorage.getItem(qKey());
    return raw ? (JSON.parse(raw) as QueuedWrite[]) : [];
  } catch {
    return [];
  }
}

function writeQueue(q: QueuedWrite[]) {
  try {
    localStorage.setItem(qKey(), JSON.stringify(q));
  } catch {
    // storage full or blocked: the write still goes out while online
  }
  set({ queued: q.length });
}

/** True for failures worth retrying later (no connection, server busy or down, logged out). */
const retryable = (e: unknown) =>
  e instanceof ApiFailure
    ? e.error.status === 0 || e.error.status === 429 || e.error.status === 401 || e.error.status >= 500
    : true;

let draining: Promise<void> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelay = 1000;

/** While online with writes waiting, try again soon (1 s, doubling up to 30 s). */
function retryLater() {
  if (retryTimer || !navigator.onLine) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void syncNow();
  }, retryDelay);
  retryDelay = Math.min(30_000, retryDelay * 2);
}

/** Sends queued writes in order; stops at the first one that cannot be sent now. Safe to call any time. */
export function syncNow(): Promise<void> {
  if (draining) return draining;
  // Nothing waiting (the usual case, after every read): no "syncing" flicker, nothing redrawn.
  if (readQueue().length === 0) {
    retryDelay = 1000;
    if (state.online !== navigator.onLine) set({ online: navigator.onLine });
    return Promise.resolve();
  }
  draining = (async () => {
    set({ syncing: true });
    try {
      for (;;) {
        const next = readQueue()[0];
        if (!next) {
          retryDelay = 1000;
          break;
        }
        try {
          await api(next.method, next.url, next.body);
        } catch (e) {
          if (retryable(e)) {
            retryLater();
            break;
          }
          set({ refused: state.refused + 1 });
        }
        // Sent (or refused for good): remove it, unless a newer write for the same record replaced it meanwhile.
        writeQueue(readQueue().filter((w) => w.id !== next.id));
      }
    } finally {
      set({ syncing: false, online: navigator.onLine });
    }
  })().finally(() => {
    // Cleared after the assignment above, even when the queue was empty and the run finished at once.
    draining = null;
  });
  return draining;
}

/**
 * Stores a write in the queue and tries to send it. Resolves with the server's
 * answer when it went through, or `null` when it is queued for later.
 */
export async function queueWrite<T>(
  key: string,
  method: 'POST' | 'PUT',
  url: string,
  body: Record<string, unknown>,
): Promise<T | null> {
  const entry: QueuedWrite = {
    key,
    method,
    url,
    body,
    queuedAt: new Date().toISOString(),
    id: newClientId(),
  };
  const q = readQueue();
  const at = q.findIndex((w) => w.key === key && w.url === url);
  if (at >= 0) q[at] = entry;
  else q.push(entry);
  writeQueue(q);
  if (draining) await draining.catch(() => undefined);
  // Everything queued before this write goes first, so the server sees them in order.
  const before = readQueue().findIndex((w) => w.id === entry.id);
  if (before > 0) {
    await syncNow();
    return null;
  }
  try {
    const res = await api<T>(method, url, body);
    writeQueue(readQueue().filter((w) => w.id !== entry.id));
    set({ online: true });
    void syncNow();
    return res;
  } catch (e) {
    if (retryable(e)) {
      set({ online: navigator.onLine && !(e instanceof ApiFailure && e.error.status === 0) });
      return null;
    }
    writeQueue(readQueue().filter((w) => w.id !== entry.id));
    throw e;
  }
}

/** GET with a fallback to the last good answer. `stale` says the data came from the device. */
export async function cachedGet<T>(url: string): Promise<{ data: T; stale: boolean }> {
  try {
    const data = await api<T>('GET', url);
    try {
      localStorage.setItem(cKey(url), JSON.stringify(data));
    } catch {
      // storage full: fine, we just cannot read it offline
    }
    if (!state.online) set({ online: true });
    void syncNow();
    return { data, stale: false };
  } catch (e) {
    if (e instanceof ApiFailure && e.error.status !== 0 && e.error.status < 500) throw e;
    const raw = localStorage.getItem(cKey(url));
    if (raw) {
      set({ online: false });
      return { data: JSON.parse(raw) as T, stale: true };
    }
    throw e;
  }
}

/** Keeps an answer the app got another way (drawn into the page by the server) as the last good one. */
export function keepCopy(url: string, data: unknown): void {
  try {
    localStorage.setItem(cKey(url), JSON.stringify(data));
  } catch {
    // storage full: fine, we just cannot read it offline
  }
}

/** The last good answer for a URL, without asking the network. */
export function peekCached<T>(url: string): T | null {
  try {
    const raw = localStorage.getItem(cKey(url));
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

let started = false;
/** Call once when the patient app starts. */
export function startSync(user: string): void {
  userId = user;
  set({ queued: readQueue().length, online: navigator.onLine });
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    set({ online: true });
    retryDelay = 1000;
    void syncNow();
  });
  window.addEventListener('offline', () => set({ online: false }));
  setInterval(() => {
    if (readQueue().length > 0 && navigator.onLine) void syncNow();
  }, 30_000);
  void syncNow();
}

/** A new id for a record made on this device. */
export const newClientId = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** The patient's local calendar day (YYYY-MM-DD) in their time zone. */
export function localDate(timezone: string, at: Date = new Date()): string {
  return dateIn(timezone, at);
}

/** The patient's local clock time (HH:MM). */
export function localTime(timezone: string, at: Date = new Date()): string {
  return timeIn(timezone, at);
}
