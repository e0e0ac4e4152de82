/**
 * The emails and calendar files for free consultations, in our own words.
 * Plain text first; the HTML is the same text, lightly formatted.
 */
import { createEvent } from 'ics';
import type { Booking, Clinic } from '../storage/schema';
import type { MailAttachment } from './mail';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export interface BookingMailType {
  name: string;
  mode: 'inClinic' | 'phone' | 'video';
  durationMinutes: number;
}

/** "Tuesday, December 1 at 9:00 AM (Mountain Time)" in the clinic's zone. */
export function whenText(startIso: string, timeZone: string): string {
  const d = new Date(startIso);
  const day = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(d);
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(d);
  return `${day} at ${time} (${zoneLabel(timeZone, d)})`;
}

/** "Mountain Time" — the zone's everyday name, falling back to its IANA id. */
export function zoneLabel(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return part ?? timeZone;
}

const whereText = (type: BookingMailType, clinic: Clinic) =>
  type.mode === 'phone'
    ? 'We will call you on the number you gave us (or by email if you did not give one).'
    : type.mode === 'video'
      ? 'We will email you a video link shortly before the call.'
      : `At the clinic: ${clinic.address || clinic.name}.`;

/** The booking as an iCalendar file: UTC times, a stable UID across reschedules, and SEQUENCE for updates. */
export function bookingIcs(
  booking: Booking,
  type: BookingMailType,
  clinic: Clinic,
  method: 'PUBLISH' | 'CANCEL' = 'PUBLISH',
): MailAttachment {
  const { error, value } = createEvent({
    productId: 'hipback//consultations',
    method,
    uid: `${booking.request_id}@hipback`,
    sequence: booking.sequence,
    start: Date.parse(booking.starts_at),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(booking.ends_at),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${type.name} with ${clinic.name}`,
    description: `${type.name} (${type.durationMinutes} minutes). ${whereText(type, clinic)} To change or cancel, use the link in your confirmation email.`,
    ...(type.mode === 'inClinic' && clinic.address ? { location: clinic.address } : {}),
    status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    ...(clinic.contact_email ? { organizer: { name: clinic.name, email: clinic.contact_email } } : {}),
  });
  if (error || !value) throw error ?? new Error('could not build the calendar file');
  return {
    filename: method === 'CANCEL' ? 'consultation-cancelled.ics' : 'consultation.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: value,
  };
}

function render(paragraphs: string[], link: { href: string; label: string } | null) {
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.href}`] : [])].join('\n\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1c2b33">${paragraphs
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('')}${
    link
      ? `<p><a href="${escapeHtml(link.href)}" style="display:inline-block;padding:10px 18px;background:#0f6e6e;color:#fff;border-radius:8px;text-decoration:none">${escapeHtml(link.label)}</a></p>`
      : ''
  }</body></html>`;
  return { text, html };
}

interface Common {
  booking: Booking;
  type: BookingMailType;
  clinic: Clinic;
  manageLink: string;
}

const contactLine = (clinic: Clinic) =>
  [
    clinic.contact_phone && `call us on ${clinic.contact_phone}`,
    clinic.contact_email && `email ${clinic.contact_email}`,
  ]
    .filter(Boolean)
    .join(' or ');

export function confirmationEmail(p: Common & { rescheduled?: boolean; reminder?: boolean }) {
  const when = whenText(p.booking.starts_at, p.clinic.timezone);
  const contact = contactLine(p.clinic);
  return {
    subject: `${p.rescheduled ? 'New time: ' : 'Booked: '}${p.type.name} with ${p.clinic.name}`,
    ...render(
      [
        `Hello ${p.booking.name}, your ${p.type.name.toLowerCase()} ${p.rescheduled ? 'has moved to' : 'is booked for'} ${when}. It lasts about ${p.type.durationMinutes} minutes and is free.`,
        whereText(p.type, p.clinic),
        `The attached calendar file adds it to your calendar.${p.reminder === false ? '' : ' We will send you a reminder the day before.'}`,
        `Need a different time, or cannot make it? Use the link below; it is just for you, so please do not share it.${contact ? ` You can also ${contact}.` : ''}`,
        'If you notice new numbness between your legs, new trouble passing urine or controlling your bowels, or weakness in both legs before then, do not wait for this appointment: go to an emergency department.',
      ],
      { href: p.manageLink, label: 'Change or cancel' },
    ),
    attachments: [bookingIcs(p.booking, p.type, p.clinic)],
  };
}

export function reminderEmail(p: Omit<Common, 'manageLink'>) {
  const when = whenText(p.booking.starts_at, p.clinic.timezone);
  const contact = contactLine(p.clinic);
  return {
    subject: `Reminder: ${p.type.name} with ${p.clinic.name} tomorrow`,
    ...render(
      [
        `Hello ${p.booking.name}, this is a reminder of your ${p.type.name.toLowerCase()} on ${when}.`,
        whereText(p.type, p.clinic),
        `If you can no longer make it, please use the "Change or cancel" link in your confirmation email${contact ? `, or ${contact}` : ''}, so someone else can have the time.`,
      ],
      null,
    ),
    attachments: [bookingIcs(p.booking, p.type, p.clinic)],
  };
}

export function cancellationEmail(p: Omit<Common, 'manageLink'> & { bookLink: string }) {
  const when = whenText(p.booking.starts_at, p.clinic.timezone);
  return {
    subject: `Cancelled: ${p.type.name} with ${p.clinic.name}`,
    ...render(
      [
        `Hello ${p.booking.name}, your ${p.type.name.toLowerCase()} on ${when} is cancelled. The attached file removes it from your calendar.`,
        'You are welcome to book another time whenever it suits you.',
      ],
      { href: p.bookLink, label: 'Book another time' },
    ),
    attachments: [bookingIcs(p.booking, p.type, p.clinic, 'CANCEL')],
  };
}
