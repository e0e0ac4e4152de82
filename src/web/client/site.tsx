/**
 * Everything of the client app outside the patient's day, the log-in pages and the self-check: the
 * consultation booking pages, the clinician portal and the admin home. Loaded on demand by main.tsx, so
 * the patient app does not download it.
 */
import type { VNode } from 'preact';
import { AdminHome, PatientHome } from './home-pages';
import { portalPage } from './portal/routes';
import { PatientListPage } from './portal/PatientListPage';
import { PortalNav } from './portal/shared';
import { frontDoorPage } from './booking/routes';
import type { Boot } from './types';

export function siteBody(path: string, boot: Boot): VNode {
  const user = boot.user;
  const frontDoor = frontDoorPage(path, boot);
  if (frontDoor) return frontDoor;
  if (path !== '/app') {
    const portal = portalPage(path, user);
    if (portal) return portal;
  }
  if (path === '/app' && user) {
    return user.role === 'patient' ? (
      <PatientHome user={user} boot={boot} />
    ) : user.role === 'clinician' ? (
      <PatientListPage user={user} current={path} />
    ) : (
      <>
        <PortalNav user={user} current={path} />
        <AdminHome boot={boot} />
      </>
    );
  }
  return (
    <div class="card empty">
      <h1>We could not find that page</h1>
      <a class="btn" href="/app">
        Go to your home page
      </a>
    </div>
  );
}
