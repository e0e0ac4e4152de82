import crypto from 'node:crypto';
import { computeSlots } from '../core/booking/slots';
import { CONSENT_VERSION, DEFAULT_CONSULTATION_TYPES } from '../services/booking';
import type { Repositories } from '../storage';
import type { BookingTable, Clinic, ContactPreference, User } from '../storage/schema';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/**
 * The demo therapist's weekly availability and a few upcoming consultations,
 * so the booking page has times to offer and the inbox has something to show.
 */
export async function seedDemoConsultations(repos: Repositories, clinic: Clinic, pt: User, now: Date) {
  const at = now.toISOString();
  const types = DEFAULT_CONSULTATION_TYPES.map((t) => t.slug);
  const windows = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:00' },
    { weekday, start: '13:00', end: '17:00' },
  ]);
  await repos.consultations.replaceAvailability(
    clinic.id,
    pt.id,
    windows.map((w) => ({
      id: crypto.randomUUID(),
      clinic_id: clinic.id,
      clinician_id: pt.id,
      weekday: w.weekday,
      start_time: w.start,
      end_time: w.end,
      type_slugs: JSON.stringify(types),
      created_at: at,
    })),
  );
  const visit = DEFAULT_CONSULTATION_TYPES[0]!;
  const slots = computeSlots({
    windows: windows.map((w) => ({ ...w, clinicianId: pt.id, types })),
    type: visit,
    timeZone: clinic.timezone,
    now,
    days: 14,
    minNoticeMinutes: 24 * 60,
    busy: [],
  });
  const people: {
    name: string;
    email: string;
    phone: string;
    reason: string;
    pref: ContactPreference;
    slot: number;
  }[] = [
    {
      name: 'Dana Whitfield',
      email: 'dana.whitfield@example.test',
      phone: '(303) 555-0187',
      reason: 'Ache in my right hip and lower back after long days at my desk.',
      pref: 'phone',
      slot: 2,
    },
    {
      name: 'Luis Romero',
      email: 'luis.romero@example.test',
      phone: '',
      reason: 'Back stiffness in the mornings; I used to run and would like to start again.',
      pref: 'email',
      slot: 9,
    },
    {
      name: 'Grace Okoye',
      email: 'grace.okoye@example.test',
      phone: '(720) 555-0123',
      reason: 'Pain in the buttock that goes down the back of my thigh when I sit.',
      pref: 'text',
      slot: 17,
    },
  ];
  for (const p of people) {
    const slot = slots[p.slot] ?? slots.at(-1);
    if (!slot) break;
    const requestId = crypto.randomUUID();
    const booking: BookingTable = {
      id: crypto.randomUUID(),
      clinic_id: clinic.id,
      clinician_id: pt.id,
      request_id: requestId,
      type_slug: visit.slug,
      starts_at: slot.start,
      ends_at: slot.end,
      status: 'booked',
      name: p.name,
      email: p.email,
      phone: p.phone,
      reason: p.reason,
      contact_preference: p.pref,
      consent_at: at,
      consent_version: CONSENT_VERSION,
      // A token nobody holds: demo bookings are managed from the inbox.
      manage_token_hash: sha256(crypto.randomBytes(32).toString('hex')),
      sequence: 0,
      rescheduled_to: null,
      reminder_sent_at: null,
      created_at: at,
      updated_at: at,
    };
    try {
      await repos.consultations.insertBooking(booking, {
        id: requestId,
        clinic_id: clinic.id,
        clinician_id: pt.id,
        booking_id: booking.id,
        name: p.name,
        email: p.email,
        phone: p.phone,
        reason: p.reason,
        contact_preference: p.pref,
        status: 'booked',
        notes: '',
        created_at: at,
        updated_at: at,
      });
    } catch {
      // Two demo people landed on one slot (very short horizon): skip the second.
    }
  }
}
