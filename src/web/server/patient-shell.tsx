/**
 * The HTML of the patient's Today (/app) and session player (/app/session/...): the page frame and the
 * first screenful (heading and loading line, as the client app draws them), plus preloads of the
 * answers the app will ask for first, so they download alongside the script rather than after it.
 */
import type { PublicUser } from '../../services/auth';
import type { Clinic } from '../../storage/schema';
import type { Plan } from '../../core/plan/types';
import { Page } from '../ui/Layout';
import { LoadingLine, PlayerLoading, TodayHead, dateIn, offsetMinutesIn, timeIn } from '../ui/patient-shell';
import { type BrandClinic, bootClinicOf, brandOf } from './brand';
import { renderDocument } from './html';
import { TodayPage } from '../client/patient/TodayPage';
import type { Boot } from '../client/types';

export type PatientShellRoute = { page: 'today' } | { page: 'session'; kind: 'stretch' | 'strength' };

/** Which of these screens a path is (null for the other patient screens). */
export function patientShellRoute(path: string): PatientShellRoute | null {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/app') return { page: 'today' };
  const m = /^\/app\/session\/(stretch|strength)$/.exec(p);
  return m ? { page: 'session', kind: m[1] as 'stretch' | 'strength' } : null;
}

/**
 * Whether Today can be drawn whole into the page: there is a plan, and no warning sign from today's
 * check-in (that message is drawn by the app alone, with the reasons kept on the device).
 */
export function todayInPage(today: Boot['today']): today is NonNullable<Boot['today']> {
  const level = today?.today.triageLevel ?? null;
  return Boolean(today?.today.today) && level !== 'emergency' && level !== 'urgent' && level !== 'soon';
}

export function renderPatientShell(
  clinic: BrandClinic & Pick<Clinic, 'timezone'>,
  user: PublicUser,
  route: PatientShellRoute,
  path: string,
  plan: Plan | null,
  now: Date,
  /** Today's answers, to draw the whole of Today into the page (see `todayInPage`). */
  today: Boot['today'] = null,
): string {
  const tz = user.timezone || clinic.timezone;
  // The zone's offset now, for the app to read local times without Intl (see ui/patient-shell.tsx).
  const zone = { timezone: tz, offsetMinutes: offsetMinutesIn(tz, now), at: now.getTime() };
  const preload: { href: string; as: 'fetch' | 'image' }[] = [
    { href: '/api/me/plan', as: 'fetch' },
    { href: '/api/me/today', as: 'fetch' },
  ];
  const bootData: Boot = {
    clinic: bootClinicOf(clinic),
    user,
    route: path,
    zone,
  };
  let body;
  let title: string;
  const drawToday = route.page === 'today' && todayInPage(today);
  if (drawToday) {
    // The whole of Today as the app draws it first, with no request to wait for: the app then takes this
    // HTML over as it is (src/web/client/main.tsx).
    title = 'Today';
    bootData.today = today;
    preload.length = 0;
    body = <TodayPage user={user} boot={bootData} />;
  } else if (route.page === 'today') {
    title = 'Today';
    body = (
      <div class="stack pt-today">
        <TodayHead
          date={dateIn(tz, now)}
          firstName={user.displayName.split(' ')[0] ?? ''}
          time={timeIn(tz, now)}
        />
        <LoadingLine label="Loading your day…" />
      </div>
    );
  } else {
    title = route.kind === 'stretch' ? 'Stretch routine' : 'Strength session';
    // The session's exercises, and the first one's start position (the largest thing on the screen).
    const slugs = (plan?.items ?? [])
      .filter((i) => i.pillar === route.kind && i.exercise !== null)
      .map((i) => i.exercise as string);
    for (const slug of new Set(slugs)) preload.push({ href: `/api/exercises/${slug}`, as: 'fetch' });
    if (slugs[0])
      preload.push({ href: `/api/exercises/${slugs[0]}/illustration.svg?frame=start`, as: 'image' });
    body = <PlayerLoading kind={route.kind} />;
  }
  return renderDocument({
    title: `${title} · ${clinic.name}`,
    description: `${clinic.name}: your hip and lower back program.`,
    siteName: clinic.name,
    script: true,
    area: 'PatientApp',
    preload,
    robots: 'noindex',
    boot: bootData,
    // Drawn Today, and the player's loading screen, are exactly the app's first draw.
    hydrate: drawToday || route.page === 'session',
    body: (
      // onLogout: the same "Log out" button the app shows (it works once the app has loaded).
      <Page brand={brandOf(clinic)} user={user} current={path} onLogout={() => {}}>
        <div class="pt-app">
          <div class="pt-sync" role="status" data-state="ok" />
          {body}
        </div>
        <noscript>
          <div class="alert alert-warn">
            This part of the site needs JavaScript. Please turn it on and reload.
          </div>
        </noscript>
      </Page>
    ),
  });
}
