import crypto from 'node:crypto';
import {
  type AvailabilityWindow,
  type Slot,
  addDays,
  computeSlots,
  localParts,
  minutesOf,
} from '../core/booking/slots';
import type { Config } from '../config';
import type { Repositories } from '../storage';
import { SlotTakenError } from '../storage/repositories/consultations';
import type {
  Booking,
  BookingTable,
  Clinic,
  ConsultationRequest,
  ConsultationRequestStatus,
  ContactPreference,
  User,
} from '../storage/schema';
import { type Actor, requireRole } from './access';
import type { AuthService } from './auth';
import {
  type BookingMailType,
  cancellationEmail,
  confirmationEmail,
  reminderEmail,
  zoneLabel,
} from './booking-mail';
import { type Clock, addMinutes, iso } from './clock';
import { badRequest, conflict, notFound } from './errors';
import type { MailService } from './mail';

/** Earliest a visitor can book: this long from now. */
export const MIN_NOTICE_MINUTES = 120;
/** How far ahead slots are offered. */
export const HORIZON_DAYS = 21;
/** Reminders go out this long before the start. */
export const REMINDER_HOURS = 24;
/** The version of the privacy notice a visitor consents to; change it when /privacy changes. */
export const CONSENT_VERSION = 'privacy-2026-11';

export interface ConsultationTypeInfo extends BookingMailType {
  slug: string;
  description: string;
}

/** A clinic that has not set its own consultation types offers these. */
export const DEFAULT_CONSULTATION_TYPES: ConsultationTypeInfo[] = [
  {
    slug: 'discovery-visit',
    name: 'Free discovery visit in clinic',
    description:
      'Meet a physical therapist at the clinic, talk through what is going on and try a few movements together. No commitment.',
    durationMinutes: 30,
    mode: 'inClinic',
  },
  {
    slug: 'phone-call',
    name: 'Free phone call',
    description: 'A short call with a physical therapist to ask questions and hear what would help.',
    durationMinutes: 15,
    mode: 'phone',
  },
];

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const newToken = () => crypto.randomBytes(32).toString('base64url');

const SLOT_TAKEN =
  'Someone has just booked that time, or it is no longer available. Please pick another time from the list.';

export interface BookingInput {
  type: string;
  start: string;
  name: string;
  email: string;
  phone?: string | undefined;
  reason?: string | undefined;
  contactPreference: ContactPreference;
  consent: boolean;
}

export interface WindowInput {
  weekday: number;
  start: string;
  end: string;
  types: string[];
}

/**
 * Free consultations: slots from clinicians' weekly availability, bookings
 * the database guarantees never overlap, the emailed manage link, day-before
 * reminders, and the clinic's inbox.
 */
export class BookingService {
  constructor(
    private readonly repos: Repositories,
    private readonly mail: MailService,
    private readonly auth: AuthService,
    /** Tests may swap the clock to a fixed time. */
    public clock: Clock,
    /** Read at call time: the public URL can change after start (tests do). */
    private readonly config: Pick<Config, 'publicUrl'>,
  ) {}

  // -- public ---------------------------------------------------------------

  async types(clinic: Clinic): Promise<ConsultationTypeInfo[]> {
    const rows = await this.repos.consultations.types(clinic.id);
    if (rows.length === 0) return DEFAULT_CONSULTATION_TYPES;
    return rows.map((r) => ({
      slug: r.slug,
      name: r.name,
      description: r.description,
      durationMinutes: r.duration_minutes,
      mode: r.mode,
    }));
  }

  private async type(clinic: Clinic, slug: string): Promise<ConsultationTypeInfo> {
    const t = (await this.types(clinic)).find((x) => x.slug === slug);
    if (!t) throw badRequest('unknown_type', 'Choose one of the consultation types offered.', 'type');
    return t;
  }

  private async windows(clinicId: string): Promise<AvailabilityWindow[]> {
    const rows = await this.repos.consultations.availability(clinicId);
    return rows.map((r) => ({
      clinicianId: r.clinician_id,
      weekday: r.weekday,
      start: r.start_time,
      end: r.end_time,
      types: JSON.parse(r.type_slugs) as string[],
    }));
  }

  /** Open slots for a type over `days` local days from `fromDate` (default: today in the clinic's zone). */
  private async openSlots(
    clinic: Clinic,
    type: ConsultationTypeInfo,
    fromDate: string | undefined,
    days: number,
  ) {
    const now = this.clock.now();
    const today = localParts(now, clinic.timezone).date;
    const lastDate = addDays(today, HORIZON_DAYS - 1);
    const from = fromDate && fromDate > today ? fromDate : today;
    const span = Math.max(0, Math.min(days, daysBetween(from, lastDate) + 1));
    if (span === 0) return [];
    // Busy periods: everything booked from a day before to a day after the range, to cover any offset.
    const busy = await this.repos.consultations.activeBetween(
      clinic.id,
      iso(addMinutes(now, -24 * 60)),
      iso(addMinutes(now, (HORIZON_DAYS + 2) * 24 * 60)),
    );
    const [windows, active] = await Promise.all([
      this.windows(clinic.id),
      this.activeClinicianIds(clinic.id),
    ]);
    return computeSlots({
      windows: windows.filter((w) => active.has(w.clinicianId)),
      type,
      timeZone: clinic.timezone,
      now,
      fromDate: from,
      days: span,
      minNoticeMinutes: MIN_NOTICE_MINUTES,
      busy: busy.map((b) => ({ clinicianId: b.clinician_id, start: b.starts_at, end: b.ends_at })),
    });
  }

  private async activeClinicianIds(clinicId: string): Promise<Set<string>> {
    const staff = await this.repos.users.listByClinic(clinicId, ['clinician', 'admin']);
    return new Set(staff.filter((u) => !u.deactivated_at).map((u) => u.id));
  }

  /** The open slots, grouped by local day, with labels in the clinic's time zone. */
  async slots(clinic: Clinic, typeSlug: string, fromDate?: string) {
    const type = await this.type(clinic, typeSlug);
    const slots = await this.openSlots(clinic, type, fromDate, HORIZON_DAYS);
    const now = this.clock.now();
    const tz = clinic.timezone;
    const dayFmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      weekday: 'long',
      month: 'long',
      day: 'numeric',
    });
    const timeFmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', minute: '2-digit' });
    const days: { date: string; label: string; slots: { start: string; end: string; label: string }[] }[] =
      [];
    for (const s of slots) {
      let day = days.at(-1);
      if (!day || day.date !== s.localDate) {
        day = { date: s.localDate, label: dayFmt.format(new Date(s.start)), slots: [] };
        days.push(day);
      }
      day.slots.push({ start: s.start, end: s.end, label: timeFmt.format(new Date(s.start)) });
    }
    return {
      timezone: tz,
      timezoneLabel: zoneLabel(tz, now),
      type: type.slug,
      minNoticeMinutes: MIN_NOTICE_MINUTES,
      days,
    };
  }

  /** The open slot starting at `start`, or a 409 a person can act on. */
  private async findOpenSlot(clinic: Clinic, type: ConsultationTypeInfo, start: string): Promise<Slot> {
    const t = Date.parse(start);
    if (Number.isNaN(t)) throw badRequest('validation_failed', 'Choose a time from the list.', 'start');
    const date = localParts(new Date(t), clinic.timezone).date;
    const slot = (await this.openSlots(clinic, type, date, 1)).find((s) => Date.parse(s.start) === t);
    if (!slot) throw conflict('slot_taken', SLOT_TAKEN, 'start');
    return slot;
  }

  /**
   * Books a slot. The database decides who gets a contested time (see
   * 0003_booking): the first transaction to commit wins and everyone else
   * gets 409 slot_taken.
   */
  async book(clinic: Clinic, input: BookingInput) {
    if (!input.consent) {
      throw badRequest(
        'consent_required',
        'Please tick the box to agree that we may store your details to arrange this consultation.',
        'consent',
      );
    }
    const type = await this.type(clinic, input.type);
    const slot = await this.findOpenSlot(clinic, type, input.start);
    const now = this.clock.now();
    const at = iso(now);
    const token = newToken();
    const requestId = crypto.randomUUID();
    const email = input.email.trim().toLowerCase();
    const base = {
      clinic_id: clinic.id,
      name: input.name.trim(),
      email,
      phone: input.phone?.trim() ?? '',
      reason: input.reason?.trim() ?? '',
      contact_preference: input.contactPreference,
    };
    // Within a day of the start, the confirmation is the reminder.
    const soon = Date.parse(slot.start) - now.getTime() < REMINDER_HOURS * 3600_000;
    for (const clinicianId of slot.clinicianIds) {
      const booking: BookingTable = {
        ...base,
        id: crypto.randomUUID(),
        clinician_id: clinicianId,
        request_id: requestId,
        type_slug: type.slug,
        starts_at: slot.start,
        ends_at: slot.end,
        status: 'booked',
        consent_at: at,
        consent_version: CONSENT_VERSION,
        manage_token_hash: sha256(token),
        sequence: 0,
        rescheduled_to: null,
        reminder_sent_at: soon ? at : null,
        created_at: at,
        updated_at: at,
      };
      try {
        await this.repos.consultations.insertBooking(booking, {
          ...base,
          id: requestId,
          clinician_id: clinicianId,
          booking_id: booking.id,
          status: 'booked',
          notes: '',
          created_at: at,
          updated_at: at,
        });
      } catch (err) {
        if (err instanceof SlotTakenError) continue; // this clinician was taken; try the next one free then
        throw err;
      }
      await this.mail.enqueue({
        clinicId: clinic.id,
        to: email,
        ...confirmationEmail({ booking, type, clinic, manageLink: this.manageLink(token), reminder: !soon }),
      });
      await this.repos.audit.append({
        clinicId: clinic.id,
        actorId: null,
        action: 'consultation.book',
        subjectType: 'booking',
        subjectId: booking.id,
        detail: { type: type.slug },
        at,
      });
      return this.summary(booking, type, clinic);
    }
    throw conflict('slot_taken', SLOT_TAKEN, 'start');
  }

  private manageLink(token: string) {
    return `${this.config.publicUrl}/consultation/manage?token=${encodeURIComponent(token)}`;
  }

  private summary(b: Booking, type: ConsultationTypeInfo, clinic: Clinic) {
    const now = this.clock.now();
    return {
      id: b.id,
      status: b.status,
      type: { slug: type.slug, name: type.name, durationMinutes: type.durationMinutes, mode: type.mode },
      start: b.starts_at,
      end: b.ends_at,
      timezone: clinic.timezone,
      timezoneLabel: zoneLabel(clinic.timezone, new Date(b.starts_at)),
      name: b.name,
      email: b.email,
      clinic: {
        name: clinic.name,
        address: clinic.address,
        phone: clinic.contact_phone,
        email: clinic.contact_email,
      },
      canChange: b.status === 'booked' && Date.parse(b.starts_at) > now.getTime(),
      contactPreference: b.contact_preference,
    };
  }

  // -- the manage link -------------------------------------------------------------

  private async byToken(
    token: string,
  ): Promise<{ booking: Booking; clinic: Clinic; type: ConsultationTypeInfo }> {
    const booking = await this.repos.consultations.findByTokenHash(sha256(token));
    if (!booking) {
      throw notFound('A booking for this link');
    }
    const clinic = await this.repos.clinics.findById(booking.clinic_id);
    if (!clinic) throw notFound('A booking for this link');
    const type =
      (await this.types(clinic)).find((t) => t.slug === booking.type_slug) ??
      ({
        slug: booking.type_slug,
        name: 'Free consultation',
        description: '',
        durationMinutes: minutesBetween(booking.starts_at, booking.ends_at),
        mode: 'inClinic',
      } satisfies ConsultationTypeInfo);
    return { booking, clinic, type };
  }

  private assertChangeable(b: Booking) {
    if (b.status !== 'booked') {
      throw conflict('booking_closed', 'This booking is already cancelled. You can book a new time instead.');
    }
    if (Date.parse(b.starts_at) <= this.clock.now().getTime()) {
      throw conflict(
        'booking_past',
        'This consultation has already started, so it can no longer be changed.',
      );
    }
  }

  async describe(token: string) {
    const { booking, clinic, type } = await this.byToken(token);
    return this.summary(booking, type, clinic);
  }

  /** People can change how they want to be contacted at any time, through their manage link. */
  async setContactPreference(token: string, preference: Booking['contact_preference']) {
    const { booking, clinic, type } = await this.byToken(token);
    const now = iso(this.clock.now());
    await this.repos.consultations.setContactPreference(booking.id, booking.request_id, preference, now);
    await this.repos.audit.append({
      clinicId: clinic.id,
      actorId: null,
      action: 'consultation.contactPreference',
      subjectType: 'booking',
      subjectId: booking.id,
      detail: { preference },
      at: now,
    });
    return this.summary({ ...booking, contact_preference: preference }, type, clinic);
  }

  async cancel(token: string) {
    const { booking, clinic, type } = await this.byToken(token);
    this.assertChangeable(booking);
    const now = iso(this.clock.now());
    if (!(await this.repos.consultations.cancel(booking.id, now))) {
      throw conflict('booking_closed', 'This booking is already cancelled. You can book a new time instead.');
    }
    const request = await this.repos.consultations.findRequest(booking.request_id);
    if (request && (request.status === 'booked' || request.status === 'new')) {
      await this.repos.consultations.updateRequest(request.id, { status: 'closed', updated_at: now });
    }
    const cancelled = { ...booking, status: 'cancelled' as const, sequence: booking.sequence + 1 };
    await this.mail.enqueue({
      clinicId: clinic.id,
      to: booking.email,
      ...cancellationEmail({ booking: cancelled, type, clinic, bookLink: `${this.config.publicUrl}/book` }),
    });
    await this.repos.audit.append({
      clinicId: clinic.id,
      actorId: null,
      action: 'consultation.cancel',
      subjectType: 'booking',
      subjectId: booking.id,
      at: now,
    });
    return this.summary(cancelled, type, clinic);
  }

  async reschedule(token: string, start: string) {
    const { booking, clinic, type } = await this.byToken(token);
    this.assertChangeable(booking);
    const slot = await this.findOpenSlot(clinic, type, start);
    const now = this.clock.now();
    const at = iso(now);
    const soon = Date.parse(slot.start) - now.getTime() < REMINDER_HOURS * 3600_000;
    // The same clinician if they are free then, otherwise whoever is.
    const order = [...slot.clinicianIds].sort((a, b) =>
      a === booking.clinician_id ? -1 : b === booking.clinician_id ? 1 : 0,
    );
    for (const clinicianId of order) {
      const next: BookingTable = {
        ...booking,
        id: crypto.randomUUID(),
        clinician_id: clinicianId,
        starts_at: slot.start,
        ends_at: slot.end,
        status: 'booked',
        sequence: booking.sequence + 1,
        rescheduled_to: null,
        reminder_sent_at: soon ? at : null,
        created_at: at,
        updated_at: at,
      };
      let moved: boolean;
      try {
        moved = await this.repos.consultations.reschedule(booking.id, next, at);
      } catch (err) {
        if (err instanceof SlotTakenError) continue;
        throw err;
      }
      if (!moved) {
        throw conflict('booking_closed', 'This booking has already been changed. Reload the page to see it.');
      }
      await this.mail.enqueue({
        clinicId: clinic.id,
        to: booking.email,
        ...confirmationEmail({
          booking: next,
          type,
          clinic,
          manageLink: this.manageLink(token),
          rescheduled: true,
          reminder: !soon,
        }),
      });
      await this.repos.audit.append({
        clinicId: clinic.id,
        actorId: null,
        action: 'consultation.reschedule',
        subjectType: 'booking',
        subjectId: next.id,
        detail: { from: booking.id },
        at,
      });
      return this.summary(next, type, clinic);
    }
    throw conflict('slot_taken', SLOT_TAKEN, 'start');
  }

  /**
   * Sends the day-before reminder for bookings starting within the next
   * REMINDER_HOURS. Each reminder is claimed before it is queued, so it goes
   * out once even with several servers. Returns how many were queued.
   */
  async processDueReminders(now: Date = this.clock.now()): Promise<number> {
    const due = await this.repos.consultations.dueReminders(
      iso(now),
      iso(addMinutes(now, REMINDER_HOURS * 60)),
    );
    let queued = 0;
    for (const booking of due) {
      if (!(await this.repos.consultations.claimReminder(booking.id, iso(now)))) continue;
      const clinic = await this.repos.clinics.findById(booking.clinic_id);
      if (!clinic) continue;
      const type = (await this.types(clinic)).find((t) => t.slug === booking.type_slug);
      if (!type) continue;
      // Only the manage token's hash is stored, so the reminder points to the confirmation email's link.
      await this.mail.enqueue({
        clinicId: clinic.id,
        to: booking.email,
        ...reminderEmail({ booking, type, clinic }),
      });
      queued++;
    }
    return queued;
  }

  // -- the clinic's inbox ------------------------------------------------------------

  private async visibleRequest(staff: User, id: string): Promise<ConsultationRequest> {
    const r = await this.repos.consultations.findRequest(id);
    if (
      !r ||
      r.clinic_id !== staff.clinic_id ||
      (staff.role === 'clinician' && r.clinician_id !== null && r.clinician_id !== staff.id)
    ) {
      throw notFound('That consultation request');
    }
    return r;
  }

  /** A clinician sees their own and unassigned requests; an admin sees the whole clinic's. */
  async inbox(actor: Actor, filter: { status?: ConsultationRequestStatus | undefined }) {
    const staff = requireRole(actor, 'clinician', 'admin');
    const clinic = await this.repos.clinics.findById(staff.clinic_id);
    if (!clinic) throw notFound('Your clinic');
    const requests = await this.repos.consultations.requests(staff.clinic_id, {
      ...(staff.role === 'clinician' ? { clinicianId: staff.id } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    });
    return { timezone: clinic.timezone, entries: await this.present(clinic, requests) };
  }

  private async present(clinic: Clinic, requests: ConsultationRequest[]) {
    const [bookings, staff, types] = await Promise.all([
      this.repos.consultations.bookingsByIds(requests.flatMap((r) => (r.booking_id ? [r.booking_id] : []))),
      this.repos.users.listByClinic(clinic.id, ['clinician', 'admin']),
      this.types(clinic),
    ]);
    const bookingById = new Map(bookings.map((b) => [b.id, b]));
    const nameOf = new Map(staff.map((u) => [u.id, u.display_name]));
    return requests.map((r) => {
      const b = r.booking_id ? bookingById.get(r.booking_id) : undefined;
      const type = b ? types.find((t) => t.slug === b.type_slug) : undefined;
      return {
        id: r.id,
        status: r.status,
        name: r.name,
        email: r.email,
        phone: r.phone,
        reason: r.reason,
        contactPreference: r.contact_preference,
        notes: r.notes,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        clinician: r.clinician_id
          ? { id: r.clinician_id, displayName: nameOf.get(r.clinician_id) ?? '' }
          : null,
        booking: b
          ? {
              id: b.id,
              status: b.status,
              type: b.type_slug,
              typeName: type?.name ?? b.type_slug,
              start: b.starts_at,
              end: b.ends_at,
            }
          : null,
      };
    });
  }

  async updateRequest(
    actor: Actor,
    id: string,
    patch: { status?: ConsultationRequestStatus | undefined; notes?: string | undefined },
  ) {
    const staff = requireRole(actor, 'clinician', 'admin');
    const r = await this.visibleRequest(staff, id);
    const at = iso(this.clock.now());
    await this.repos.consultations.updateRequest(r.id, {
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes.trim() } : {}),
      updated_at: at,
    });
    await this.repos.audit.append({
      clinicId: staff.clinic_id,
      actorId: staff.id,
      action: 'consultation.update',
      subjectType: 'consultationRequest',
      subjectId: r.id,
      detail: { ...(patch.status ? { status: patch.status } : {}), notesChanged: patch.notes !== undefined },
      at,
    });
    const clinic = await this.repos.clinics.findById(staff.clinic_id);
    const [entry] = await this.present(clinic!, [(await this.repos.consultations.findRequest(r.id))!]);
    return entry!;
  }

  /** "Invite as patient": the usual invitation, with the person's name and email carried over. */
  async inviteAsPatient(actor: Actor, id: string) {
    const staff = requireRole(actor, 'clinician', 'admin');
    const r = await this.visibleRequest(staff, id);
    const invite = await this.auth.invite(actor, { email: r.email, role: 'patient', displayName: r.name });
    await this.repos.consultations.updateRequest(r.id, {
      status: 'converted',
      updated_at: iso(this.clock.now()),
    });
    return invite;
  }

  // -- availability ---------------------------------------------------------------------

  /** Whose availability `staff` may see and edit: their own (clinicians), any clinician of the clinic (admins). */
  private async editableClinicians(staff: User): Promise<User[]> {
    if (staff.role === 'clinician') return [staff];
    const users = await this.repos.users.listByClinic(staff.clinic_id, ['clinician']);
    return users.filter((u) => !u.deactivated_at);
  }

  private async target(actor: Actor, clinicianId: string | undefined) {
    const staff = requireRole(actor, 'clinician', 'admin');
    const clinicians = await this.editableClinicians(staff);
    const target = clinicianId ? clinicians.find((c) => c.id === clinicianId) : clinicians[0];
    if (clinicianId && !target) throw notFound('That clinician');
    const clinic = await this.repos.clinics.findById(staff.clinic_id);
    if (!clinic) throw notFound('Your clinic');
    return { staff, clinic, clinicians, target };
  }

  async availability(actor: Actor, clinicianId?: string) {
    const { clinic, clinicians, target } = await this.target(actor, clinicianId);
    const rows = target ? await this.repos.consultations.availability(clinic.id, target.id) : [];
    return {
      timezone: clinic.timezone,
      timezoneLabel: zoneLabel(clinic.timezone, this.clock.now()),
      types: (await this.types(clinic)).map((t) => ({
        slug: t.slug,
        name: t.name,
        durationMinutes: t.durationMinutes,
      })),
      clinicians: clinicians.map((c) => ({ id: c.id, displayName: c.display_name })),
      clinicianId: target?.id ?? null,
      windows: rows.map((r) => ({
        weekday: r.weekday,
        start: r.start_time,
        end: r.end_time,
        types: JSON.parse(r.type_slugs) as string[],
      })),
    };
  }

  async setAvailability(actor: Actor, input: { clinicianId?: string | undefined; windows: WindowInput[] }) {
    const { staff, clinic, target } = await this.target(actor, input.clinicianId);
    if (!target) throw notFound('That clinician');
    const typeSlugs = new Set((await this.types(clinic)).map((t) => t.slug));
    const sorted = input.windows
      .map((w, i) => ({ ...w, i }))
      .sort((a, b) => a.weekday - b.weekday || minutesOf(a.start) - minutesOf(b.start));
    for (const [k, w] of sorted.entries()) {
      if (minutesOf(w.end) <= minutesOf(w.start)) {
        throw badRequest(
          'validation_failed',
          'The end time must be after the start time.',
          `windows[${w.i}].end`,
        );
      }
      const unknown = w.types.find((t) => !typeSlugs.has(t));
      if (unknown !== undefined) {
        throw badRequest(
          'validation_failed',
          `"${unknown}" is not one of the clinic's consultation types.`,
          `windows[${w.i}].types`,
        );
      }
      const prev = sorted[k - 1];
      if (prev && prev.weekday === w.weekday && minutesOf(prev.end) > minutesOf(w.start)) {
        throw badRequest(
          'validation_failed',
          'Two of the times on the same day overlap. Join them into one.',
          `windows[${w.i}].start`,
        );
      }
    }
    const at = iso(this.clock.now());
    await this.repos.consultations.replaceAvailability(
      clinic.id,
      target.id,
      sorted.map((w) => ({
        id: crypto.randomUUID(),
        clinic_id: clinic.id,
        clinician_id: target.id,
        weekday: w.weekday,
        start_time: w.start,
        end_time: w.end,
        type_slugs: JSON.stringify([...new Set(w.types)]),
        created_at: at,
      })),
    );
    await this.repos.audit.append({
      clinicId: clinic.id,
      actorId: staff.id,
      action: 'availability.set',
      subjectType: 'user',
      subjectId: target.id,
      detail: { windows: sorted.length },
      at,
    });
    return this.availability(actor, target.id);
  }
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function minutesBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 60_000);
}
