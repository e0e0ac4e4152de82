/**
 * The patient's everyday app: Today, the guided session player, the morning
 * check-in, the activity log and movement breaks. It routes inside the page
 * (history.pushState), so moving between these screens needs no network, and
 * registers the service worker that keeps the app shell for offline use.
 */
import { useEffect, useState } from 'preact/hooks';
import { PatientHome } from '../home-pages';
import type { Boot, SessionUser } from '../types';
import { ActivityPage } from './ActivityPage';
import { BreaksPage } from './BreaksPage';
import { CheckinPage } from './CheckinPage';
import { ProgressPage } from './ProgressPage';
import { RemindersPage } from './RemindersPage';
import { SessionPlayer } from './SessionPlayer';
import { SyncBar } from './SyncBar';
import { TodayPage } from './TodayPage';
import { startSync } from './offline';
import { setZoneHint } from '../../ui/patient-shell';

const ROUTES = [
  '/app',
  '/app/plan',
  '/app/session/strength',
  '/app/session/stretch',
  '/app/checkin',
  '/app/activity',
  '/app/breaks',
  '/app/progress',
  '/app/reminders',
] as const;

const TITLES: Record<(typeof ROUTES)[number], string> = {
  '/app': 'Today',
  '/app/plan': 'My plan',
  '/app/session/strength': 'Strength session',
  '/app/session/stretch': 'Stretch routine',
  '/app/checkin': 'Morning check-in',
  '/app/activity': 'Activity',
  '/app/breaks': 'Movement breaks',
  '/app/progress': 'Progress',
  '/app/reminders': 'Reminders',
};

/** True for the paths this app draws (others under /app belong to other parts of the client). */
export function isPatientPath(path: string): boolean {
  return (ROUTES as readonly string[]).includes(path.replace(/\/+$/, '') || '/');
}

let go: ((href: string) => void) | null = null;

/** Moves to another screen of the patient app without a page load (falls back to a normal load). */
export function navigate(href: string): void {
  if (go) go(href);
  else location.assign(href);
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
}

export function PatientApp(props: { boot: Boot; user: SessionUser }) {
  // Lets Today and the player read the patient's local time without Intl while they first draw.
  setZoneHint(props.boot.zone);
  const [url, setUrl] = useState(location.pathname + location.search);
  const path = url.split('?')[0]?.replace(/\/+$/, '') ?? '/app';

  useEffect(() => {
    startSync(props.user.id);
    registerServiceWorker();
    go = (href: string) => {
      const target = new URL(href, location.href);
      if (target.origin !== location.origin || !isPatientPath(target.pathname)) {
        location.assign(href);
        return;
      }
      history.pushState(null, '', target.pathname + target.search + target.hash);
      setUrl(target.pathname + target.search);
      window.scrollTo(0, 0);
    };
    const onPop = () => setUrl(location.pathname + location.search);
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a');
      if (!a || a.target || a.hasAttribute('download')) return;
      const target = new URL(a.href, location.href);
      if (target.origin !== location.origin || !isPatientPath(target.pathname)) return;
      e.preventDefault();
      navigate(target.pathname + target.search);
    };
    window.addEventListener('popstate', onPop);
    document.addEventListener('click', onClick);
    return () => {
      go = null;
      window.removeEventListener('popstate', onPop);
      document.removeEventListener('click', onClick);
    };
  }, []);

  useEffect(() => {
    const title = TITLES[path as keyof typeof TITLES] ?? 'Today';
    document.title = `${title} · ${props.boot.clinic.name}`;
    // Tell screen readers the screen changed: move focus to its heading (not on the first load).
    if (url !== initialUrl) {
      setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus(), 0);
    }
  }, [url]);

  let screen;
  if (path === '/app/plan') screen = <PatientHome user={props.user} boot={props.boot} />;
  else if (path === '/app/session/strength' || path === '/app/session/stretch')
    screen = (
      <SessionPlayer
        key={url}
        kind={path.endsWith('strength') ? 'strength' : 'stretch'}
        user={props.user}
        boot={props.boot}
      />
    );
  else if (path === '/app/checkin') screen = <CheckinPage key={url} user={props.user} boot={props.boot} />;
  else if (path === '/app/activity') screen = <ActivityPage key={url} user={props.user} />;
  else if (path === '/app/breaks') screen = <BreaksPage key={url} user={props.user} />;
  else if (path === '/app/progress') screen = <ProgressPage key={url} user={props.user} />;
  else if (path === '/app/reminders') screen = <RemindersPage key={url} user={props.user} />;
  else screen = <TodayPage key={url} user={props.user} boot={props.boot} />;

  return (
    <div class="pt-app">
      <SyncBar />
      {screen}
    </div>
  );
}

const initialUrl = typeof location === 'undefined' ? '' : location.pathname + location.search;
