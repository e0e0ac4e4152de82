import type { VNode } from 'preact';
import type { SessionUser } from '../types';
import { AuditPage, OutcomesPage, SettingsPage } from './AdminPages';
import { PatientListPage } from './PatientListPage';
import { PatientPage } from './PatientPage';
import { PlanEditorPage } from './PlanEditorPage';
import { ThresholdsPage } from './ThresholdsPage';

const ID = '([A-Za-z0-9-]{1,64})';

/** The PT portal's pages for clinic staff; null for other paths and people. */
export function portalPage(path: string, user: SessionUser | null): VNode | null {
  if (!user || user.role === 'patient') return null;
  if (path === '/app/patients' || (path === '/app' && user.role === 'clinician'))
    return <PatientListPage user={user} current={path} />;
  const plan = new RegExp(`^/app/patients/${ID}/plan$`).exec(path);
  if (plan) return <PlanEditorPage user={user} patientId={plan[1]!} current={path} />;
  const one = new RegExp(`^/app/patients/${ID}$`).exec(path);
  if (one) return <PatientPage user={user} patientId={one[1]!} current={path} />;
  if (path === '/app/outcomes') return <OutcomesPage user={user} current={path} />;
  if (path === '/app/thresholds') return <ThresholdsPage user={user} current={path} />;
  if (user.role === 'admin') {
    if (path === '/app/admin/settings') return <SettingsPage user={user} current={path} />;
    if (path === '/app/admin/audit') return <AuditPage user={user} current={path} />;
  }
  return null;
}
