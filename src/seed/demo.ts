import crypto from 'node:crypto';
import { hashPassword } from '../services/auth';
import type { Repositories } from '../storage';
import type { Clinic, User } from '../storage/schema';

export const DEMO_PASSWORD = 'hipback-demo';
export const DEMO_EMAILS = {
  admin: 'admin@demo.hipback.test',
  clinician: 'pt@demo.hipback.test',
  patient: 'patient@demo.hipback.test',
} as const;

/**
 * The demo clinic, seeded on first start outside production: the clinic from
 * the seed article, with an admin, a therapist and one of her patients.
 * Does nothing when any clinic already exists.
 */
export async function seedDemo(repos: Repositories, now: Date): Promise<{ seeded: boolean }> {
  if (await repos.clinics.findDefault()) return { seeded: false };
  const at = now.toISOString();
  const clinic: Clinic = {
    id: crypto.randomUUID(),
    slug: 'kinetikchain-denver',
    name: 'KinetikChain Denver',
    tagline: 'Physical therapy for hip and lower back pain',
    primary_color: '#0f6466',
    accent_color: '#c2562f',
    logo_svg: null,
    timezone: 'America/Denver',
    contact_email: 'hello@demo.hipback.test',
    contact_phone: '(303) 555-0142',
    address: '1550 Wynkoop St, Denver, CO 80202',
    created_at: at,
  };
  await repos.clinics.insert(clinic);
  const hash = await hashPassword(DEMO_PASSWORD);
  const base = {
    clinic_id: clinic.id,
    password_hash: hash,
    timezone: clinic.timezone,
    created_at: at,
    deactivated_at: null,
  };
  const admin: User = {
    ...base,
    id: crypto.randomUUID(),
    email: DEMO_EMAILS.admin,
    display_name: 'Demo Admin',
    role: 'admin',
    clinician_id: null,
  };
  const pt: User = {
    ...base,
    id: crypto.randomUUID(),
    email: DEMO_EMAILS.clinician,
    display_name: 'Demo Therapist',
    role: 'clinician',
    clinician_id: null,
  };
  const patient: User = {
    ...base,
    id: crypto.randomUUID(),
    email: DEMO_EMAILS.patient,
    display_name: 'Demo Patient',
    role: 'patient',
    clinician_id: pt.id,
  };
  for (const u of [admin, pt, patient]) await repos.users.insert(u);
  return { seeded: true };
}
