import type { Repositories } from '../storage';
import type { Clinic, User } from '../storage/schema';
import { type Actor, requireRole } from './access';
import { type Clock, iso } from './clock';
import { notFound } from './errors';
import { toPublicUser } from './auth';

export interface PublicClinic {
  id: string;
  slug: string;
  name: string;
  tagline: string;
  primaryColor: string;
  accentColor: string;
  hasLogo: boolean;
  timezone: string;
  contactEmail: string;
  contactPhone: string;
  address: string;
}

export const toPublicClinic = (c: Clinic): PublicClinic => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  tagline: c.tagline,
  primaryColor: c.primary_color,
  accentColor: c.accent_color,
  hasLogo: Boolean(c.logo_svg),
  timezone: c.timezone,
  contactEmail: c.contact_email,
  contactPhone: c.contact_phone,
  address: c.address,
});

export class ClinicService {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
  ) {}

  /** The clinic this installation presents to the public (branding, sign-up). */
  async home(): Promise<Clinic> {
    const clinic = await this.repos.clinics.findDefault();
    if (!clinic) throw notFound('The clinic');
    return clinic;
  }

  async staff(actor: Actor) {
    const admin = requireRole(actor, 'admin');
    const [users, invites] = await Promise.all([
      this.repos.users.listByClinic(admin.clinic_id, ['clinician', 'admin']),
      this.repos.tokens.listOpenInvites(admin.clinic_id, iso(this.clock.now())),
    ]);
    return {
      staff: users.map((u) => ({ ...toPublicUser(u), active: u.deactivated_at === null })),
      pendingInvites: invites
        .filter((t) => t.role !== 'patient')
        .map((t) => ({ email: t.email, role: t.role ?? 'clinician', expiresAt: t.expires_at })),
    };
  }

  /** A clinician's own patients; an admin sees every patient of the clinic. */
  async patients(actor: Actor) {
    const viewer = requireRole(actor, 'clinician', 'admin');
    const now = iso(this.clock.now());
    const [patients, invites] = await Promise.all([
      viewer.role === 'admin'
        ? this.repos.users.listByClinic(viewer.clinic_id, ['patient'])
        : this.repos.users.listPatientsOfClinician(viewer.clinic_id, viewer.id),
      this.repos.tokens.listOpenInvites(viewer.clinic_id, now),
    ]);
    return {
      patients: patients.map((u: User) => toPublicUser(u)),
      pendingInvites: invites
        .filter((t) => t.role === 'patient' && (viewer.role === 'admin' || t.created_by === viewer.id))
        .map((t) => ({ email: t.email, role: 'patient' as const, expiresAt: t.expires_at })),
    };
  }
}
