import type { Repositories } from '../storage';
import type { StoredLogo } from '../storage/repositories/clinics';
import type { Clinic, User } from '../storage/schema';
import { type Actor, requireRole } from './access';
import { type Clock, iso } from './clock';
import { AppError, notFound } from './errors';
import { toPublicUser } from './auth';

export interface PublicClinic {
  id: string;
  slug: string;
  name: string;
  tagline: string;
  primaryColor: string;
  accentColor: string;
  hasLogo: boolean;
  /** Where the logo is served (its version in the address, so a new logo is fetched at once); null without one. */
  logoUrl: string | null;
  timezone: string;
  contactEmail: string;
  contactPhone: string;
  address: string;
}

/** The address of a clinic's logo, with its version so caches can keep it; null without a logo. */
export const logoUrlOf = (c: Pick<Clinic, 'id' | 'logo_version'>): string | null =>
  c.logo_version === null
    ? null
    : `/api/clinic/logo?clinic=${encodeURIComponent(c.id)}&v=${encodeURIComponent(c.logo_version)}`;

/** A clinic's logo as the PDFs draw it. */
export interface DocumentLogo {
  bytes: Uint8Array;
  mime: StoredLogo['mime'];
}

/** A clinic's logo for its printed documents (the handout, the self-check PDF), or null without one. */
export async function documentLogoOf(repos: Repositories, clinic: Clinic): Promise<DocumentLogo | null> {
  if (clinic.logo_version === null) return null;
  const logo = await repos.clinics.findLogo(clinic.id);
  return logo ? { bytes: logo.bytes, mime: logo.mime } : null;
}

export const toPublicClinic = (c: Clinic): PublicClinic => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  tagline: c.tagline,
  primaryColor: c.primary_color,
  accentColor: c.accent_color,
  hasLogo: c.logo_version !== null,
  logoUrl: logoUrlOf(c),
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

  /**
   * A clinic's logo, for anyone: the logo is public branding (the website's
   * header shows it). Without `clinicId`, the public clinic's. A clinic
   * without a logo, or an unknown clinic, is "not found".
   */
  async logo(clinicId?: string): Promise<StoredLogo> {
    const clinic = clinicId === undefined ? await this.home() : await this.repos.clinics.findById(clinicId);
    const logo = clinic ? await this.repos.clinics.findLogo(clinic.id) : undefined;
    if (!logo) throw new AppError(404, 'not_found', 'This clinic has no logo.');
    return logo;
  }

  /** A clinic's logo for its printed documents (PDFs), or null when it has none. */
  documentLogo(clinic: Clinic): Promise<DocumentLogo | null> {
    return documentLogoOf(this.repos, clinic);
  }

  /** A patient's own clinic, which brands their documents (the public clinic if theirs is gone). */
  async ofPatient(actor: Actor): Promise<Clinic> {
    const patient = requireRole(actor, 'patient');
    return (await this.repos.clinics.findById(patient.clinic_id)) ?? this.home();
  }

  /** A staff member's own clinic (an installation may hold several; /api/clinic is the public one). */
  async mine(actor: Actor): Promise<Clinic> {
    const staff = requireRole(actor, 'clinician', 'admin');
    const clinic = await this.repos.clinics.findById(staff.clinic_id);
    if (!clinic) throw notFound('Your clinic');
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
