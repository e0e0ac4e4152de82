import { render } from 'preact';
import { api } from './api';
import { ForgotPage, InvitePage, LoginPage, ResetPage, SignupPage } from './auth-pages';
import { AdminHome, PatientHome } from './home-pages';
import { portalPage } from './portal/routes';
import { PatientListPage } from './portal/PatientListPage';
import { PortalNav } from './portal/shared';
import { Page } from '../ui/Layout';
import { SelfCheckPage } from './selfcheck/SelfCheckPage';
import { frontDoorPage } from './booking/routes';
import { PatientApp, isPatientPath } from './patient/PatientApp';
import type { Boot } from './types';

function readBoot(): Boot {
  const el = document.getElementById('boot');
  return JSON.parse(el?.textContent ?? '{}') as Boot;
}

async function logout() {
  try {
    await api('POST', '/api/auth/logout', {});
  } finally {
    location.assign('/');
  }
}

function App(props: { boot: Boot }) {
  const { boot } = props;
  const path = location.pathname;
  const user = boot.user;
  let body;
  if (path === '/login') body = <LoginPage boot={boot} />;
  else if (path === '/signup') body = <SignupPage boot={boot} />;
  else if (path === '/forgot') body = <ForgotPage />;
  else if (path === '/reset') body = <ResetPage />;
  else if (path === '/invite') body = <InvitePage />;
  else if (path === '/check') body = <SelfCheckPage boot={boot} />;
  else if (frontDoorPage(path, boot)) body = frontDoorPage(path, boot);
  else if (user?.role === 'patient' && isPatientPath(path)) body = <PatientApp boot={boot} user={user} />;
  else if (path !== '/app' && portalPage(path, user)) body = portalPage(path, user);
  else if (path === '/app' && user) {
    body =
      user.role === 'patient' ? (
        <PatientHome user={user} boot={boot} />
      ) : user.role === 'clinician' ? (
        <PatientListPage user={user} current={path} />
      ) : (
        <>
          <PortalNav user={user} current={path} />
          <AdminHome boot={boot} />
        </>
      );
  } else {
    body = (
      <div class="card empty">
        <h1>We could not find that page</h1>
        <a class="btn" href="/app">
          Go to your home page
        </a>
      </div>
    );
  }
  return (
    <Page
      brand={{ name: boot.clinic.name, tagline: boot.clinic.tagline }}
      user={user}
      current={path}
      onLogout={user ? () => void logout() : undefined}
    >
      {body}
    </Page>
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App boot={readBoot()} />, root);
}
