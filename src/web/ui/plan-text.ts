/**
 * Plain-language text for a plan item, shared by the web page (PlanView) and
 * the printable PDF (src/documents/plan-pdf.ts), so both say the same thing
 * in the same words. Pure: no DOM, no I/O.
 */
import { MONTH_NAMES, type Weekday } from '../../core/dates';
import type { Dose, ExerciseType } from '../../core/library/types';
import type { PlanItem } from '../../core/plan/types';
import { formatDose } from './labels';

const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/**
 * How a dose is counted. The plan carries the dose but not the exercise's
 * type; the library's doses are shaped by type (reps → `reps`, timed →
 * `durationSeconds`, hold → `holdSeconds` only), which a unit test checks
 * against every exercise.
 */
export function doseType(dose: Dose): ExerciseType {
  if (dose.reps !== undefined) return 'reps';
  if (dose.durationSeconds !== undefined) return 'timed';
  return 'hold';
}

/** "2 sets of 10 · each side · rest 45 seconds · 3 days a week", or null for items without a dose. */
export function doseText(item: PlanItem): string | null {
  return item.dose ? formatDose(doseType(item.dose), item.dose) : null;
}

const WEEKDAY_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/**
 * "Monday, March 16, 2026" for a YYYY-MM-DD date (read as a calendar day, not a moment). Spelled out
 * here rather than with Intl, whose first use on a page is slow on phones (see ui/patient-shell.tsx).
 */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  const day = new Date(Date.UTC(y, m - 1, d));
  return `${WEEKDAY_LONG[day.getUTCDay()]}, ${MONTH_NAMES[day.getUTCMonth()]} ${day.getUTCDate()}, ${day.getUTCFullYear()}`;
}

/** "9:45 am" for "09:45". */
export function formatClock(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  if (h === undefined || m === undefined || Number.isNaN(h) || Number.isNaN(m)) return hhmm;
  const suffix = h < 12 ? 'am' : 'pm';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}:${String(m).padStart(2, '0')} ${suffix}`;
}

function listText(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * When to do an item, as short lines: the days, the clock times, and the
 * engine's note. Empty when the item has no schedule to speak of.
 */
export function scheduleLines(item: PlanItem): string[] {
  const s = item.schedule;
  const lines: string[] = [];
  if (s.on) {
    lines.push(`On ${formatDate(s.on)}`);
  } else if (s.days && s.days.length > 0) {
    lines.push(s.days.length >= 7 ? 'Every day' : listText(s.days.map((d) => WEEKDAY_NAMES[d])));
  } else if (s.daysPerWeek >= 7) {
    lines.push(s.timesPerDay && s.timesPerDay > 1 ? `Every day, ${s.timesPerDay} times a day` : 'Every day');
  } else if (s.daysPerWeek > 0) {
    lines.push(`Any ${s.daysPerWeek} days a week`);
  }
  if (s.times && s.times.length > 0) lines.push(`Around ${listText(s.times.map(formatClock))}`);
  if (s.note) lines.push(s.note);
  return lines;
}

const SUBSTITUTION = ' We chose this instead of ';

/**
 * The engine appends "We chose this instead of X because …" to the reason
 * when a precaution made it pick something else; the page shows that part
 * as its own note.
 */
export function splitReason(item: PlanItem): { why: string; substitution: string | null } {
  const at = item.reason.indexOf(SUBSTITUTION);
  if (at < 0) {
    if (!item.substitutedFor) return { why: item.reason, substitution: null };
    const name = item.substitutedFor.slug.replace(/-/g, ' ');
    return {
      why: item.reason,
      substitution: `We chose this instead of ${name} because ${item.substitutedFor.because}.`,
    };
  }
  return { why: item.reason.slice(0, at), substitution: item.reason.slice(at + 1) };
}

// ---------------------------------------------------------------------------
// Regional defaults, from the clinic's time zone.

/**
 * The number to call in an emergency where the clinic is: 911 in the
 * Americas (North America and most of Latin America), otherwise 112, which
 * reaches emergency services across Europe and from most mobile phones
 * elsewhere. A clinic elsewhere can change this when localising.
 */
export function emergencyNumberFor(timezone: string): string {
  return timezone.startsWith('America/') ? '911' : '112';
}

/** US Letter paper in the Americas, A4 everywhere else. */
export function paperFor(timezone: string): 'a4' | 'letter' {
  return timezone.startsWith('America/') ? 'letter' : 'a4';
}
