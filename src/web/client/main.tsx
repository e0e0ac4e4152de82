/**
 * The client app's entry: reads the boot data, picks the area for this address and loads only that area's
 * code (dynamic import, one chunk per area: the patient's day, the log-in pages, the self-check, the rest of
 * the site). The server preloads the same area's chunks (<link rel="modulepreload">, see
 * src/web/server/assets.ts), so the chunk usually arrives with this file.
 */
import { type VNode, hydrate, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { onLogoChange } from './logo-event';
import { Page } from '../ui/Layout';
import type { Boot } from './types';

function readBoot(): Boot {
  const el = document.getElementById('boot');
  return JSON.parse(el?.textContent ?? '{}') as Boot;
}

/**
 * The service worker keeps the patient's pages (Today is drawn with their day in it) for offline use:
 * forget them when the person logs out, so the next person on this device never sees them.
 */
async function forgetPagesOnDevice() {
  if (typeof caches === 'undefined') return;
  try {
    for (const name of await caches.keys()) {
      if (!name.startsWith('hipback-')) continue;
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        if (/^\/app(\/|$)/.test(new URL(req.url).pathname)) await cache.delete(req);
      }
    }
  } catch {
    // storage blocked: nothing was kept
  }
}

async function logout() {
  try {
    await api('POST', '/api/auth/logout', {});
    await forgetPagesOnDevice();
  } finally {
    location.assign('/');
  }
}

/** The page body for this address, from the area that draws it. */
async function bodyFor(path: string, boot: Boot): Promise<VNode> {
  const user = boot.user;
  if (
    path === '/login' ||
    path === '/signup' ||
    path === '/forgot' ||
    path === '/reset' ||
    path === '/invite'
  ) {
    const { ForgotPage, InvitePage, LoginPage, ResetPage, SignupPage } = await import('./auth-pages');
    if (path === '/login') return <LoginPage boot={boot} />;
    if (path === '/signup') return <SignupPage boot={boot} />;
    if (path === '/forgot') return <ForgotPage />;
    if (path === '/reset') return <ResetPage />;
    return <InvitePage />;
  }
  if (path === '/check') {
    const { SelfCheckPage } = await import('./selfcheck/SelfCheckPage');
    return <SelfCheckPage boot={boot} />;
  }
  if (user?.role === 'patient' && (path === '/app' || path.startsWith('/app/'))) {
    const { PatientApp, isPatientPath } = await import('./patient/PatientApp');
    if (isPatientPath(path)) return <PatientApp boot={boot} user={user} />;
  }
  const { siteBody } = await import('./site');
  return siteBody(path, boot);
}

function App(props: { boot: Boot; body: VNode }) {
  const { boot } = props;
  const user = boot.user;
  // The header shows the public clinic's logo; the settings page announces a new one (logo-event.ts).
  const [logo, setLogo] = useState(boot.clinic.logo);
  useEffect(
    () =>
      onLogoChange((change) => {
        if (change.clinicId === boot.clinic.id) setLogo(change.logo);
      }),
    [boot.clinic.id],
  );
  return (
    <Page
      brand={{ name: boot.clinic.name, tagline: boot.clinic.tagline, logo }}
      user={user}
      current={location.pathname}
      onLogout={user ? () => void logout() : undefined}
    >
      {props.body}
    </Page>
  );
}

const root = document.getElementById('app');
if (root) {
  const boot = readBoot();
  void bodyFor(location.pathname, boot).then(
    (body) => {
      // The server drew exactly what the app draws first (Today, src/web/server/patient-shell.tsx): take
      // that HTML over as it is, which costs the phone far less than drawing the page again.
      if (root.dataset.hydrate === '1') {
        hydrate(<App boot={boot} body={body} />, root);
        return;
      }
      root.textContent = '';
      render(<App boot={boot} body={body} />, root);
    },
    () => {
      // The area's code could not be loaded (offline before it was ever cached): say so in the shell.
      const status = root.querySelector('[role="status"]');
      if (status) status.textContent = 'This page could not load. Check your connection and reload.';
    },
  );
}
