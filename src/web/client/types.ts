import type { BrandLogo } from '../ui/Layout';
import type { ZoneHint } from '../ui/patient-shell';
import type { PlanResp, TodayResp } from './patient/data';

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
  clinic: { name: string; tagline: string; timezone: string; id: string; logo: BrandLogo | null };
  user: SessionUser | null;
  route: string;
  /** The patient's zone offset when the page was made (Today and the player; see ui/patient-shell.tsx). */
  zone?: ZoneHint;
  /**
   * Today's answers (/api/me/today and /api/me/plan) when the server drew Today with them in the HTML: the
   * app takes over that page as it is (hydration) instead of drawing it again, and needs no first request.
   */
  today?: { today: TodayResp; plan: PlanResp } | null;
}
