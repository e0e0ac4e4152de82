import type { ZoneHint } from '../ui/patient-shell';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: 'patient' | 'clinician' | 'admin';
  clinicId: string;
  clinicianId: string | null;
  timezone: string;
}

export interface Boot {
  clinic: { name: string; tagline: string; timezone: string };
  user: SessionUser | null;
  route: string;
  /** The patient's zone offset when the page was made (Today and the player; see ui/patient-shell.tsx). */
  zone?: ZoneHint;
}
