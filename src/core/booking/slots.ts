/**
 * Consultation slots from weekly availability, in the clinic's time zone.
 *
 * Availability is written as local wall times ("Mondays 09:00–12:00 in
 * America/Denver"); bookings are stored as UTC instants. The conversion goes
 * through Intl.DateTimeFormat with a `timeZone`, so it follows the zone's
 * daylight-saving rules: 09:00 is 16:00Z in winter and 15:00Z in summer, and
 * a wall time that does not exist (the hour skipped in spring) gives no slot.
 *
 * Pure: the current time is passed in.
 */

/** Slots, holds and availability edges sit on this grid (minutes). */
export const SLOT_GRID_MINUTES = 15;

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, 24-hour */
  time: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock date, time and weekday of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${hour}:${parts.minute}`,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** Minutes the zone is ahead of UTC at this instant (Denver in winter: -420). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour === '24' ? '0' : parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

/**
 * The UTC instant of a local wall time, or null when that wall time does not
 * exist in the zone (skipped by a daylight-saving change). When a wall time
 * happens twice (the repeated hour in autumn), the first one is returned.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date | null {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  // Try the offsets in force a day either side: one of them is right.
  const candidates = [
    offsetMinutes(new Date(guess - 24 * 3600_000), timeZone),
    offsetMinutes(new Date(guess + 24 * 3600_000), timeZone),
  ]
    .map((off) => new Date(guess - off * 60_000))
    .sort((a, b) => a.getTime() - b.getTime());
  for (const c of candidates) {
    const back = localParts(c, timeZone);
    if (back.date === date && back.time === time) return c;
  }
  return null;
}

/** YYYY-MM-DD plus n days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
export const timeOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export interface AvailabilityWindow {
  clinicianId: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** HH:MM local, on the 15-minute grid */
  start: string;
  /** HH:MM local, after start */
  end: string;
  /** Consultation type slugs offered in this window. */
  types: string[];
}

export interface Busy {
  clinicianId: string;
  /** ISO instants */
  start: string;
  end: string;
}

export interface Slot {
  /** ISO UTC */
  start: string;
  end: string;
  /** YYYY-MM-DD in the clinic's zone */
  localDate: string;
  /** HH:MM in the clinic's zone */
  localTime: string;
  /** Clinicians free for the whole slot, in a stable order. */
  clinicianIds: string[];
}

export interface SlotQuery {
  windows: AvailabilityWindow[];
  type: { slug: string; durationMinutes: number };
  timeZone: string;
  now: Date;
  /** First local date to consider (YYYY-MM-DD); defaults to today in the zone. */
  fromDate?: string;
  /** How many local days to cover. */
  days: number;
  /** Earliest start is now plus this. */
  minNoticeMinutes: number;
  busy: Busy[];
}

/**
 * Open slots, in time order: every `durationMinutes` step inside a window that
 * offers the type, on each local day, minus slots that overlap a busy period
 * for that clinician, minus anything before now + notice.
 */
export function computeSlots(q: SlotQuery): Slot[] {
  const today = localParts(q.now, q.timeZone).date;
  const from = q.fromDate && q.fromDate > today ? q.fromDate : today;
  const earliest = q.now.getTime() + q.minNoticeMinutes * 60_000;
  const busyBy = new Map<string, { start: number; end: number }[]>();
  for (const b of q.busy) {
    const list = busyBy.get(b.clinicianId) ?? [];
    list.push({ start: Date.parse(b.start), end: Date.parse(b.end) });
    busyBy.set(b.clinicianId, list);
  }
  const bySlot = new Map<string, Slot>();
  const dur = q.type.durationMinutes;
  for (let i = 0; i < q.days; i++) {
    const date = addDays(from, i);
    const weekday = weekdayOf(date);
    for (const w of q.windows) {
      if (w.weekday !== weekday || !w.types.includes(q.type.slug)) continue;
      const endMin = minutesOf(w.end);
      for (let m = minutesOf(w.start); m + dur <= endMin; m += dur) {
        const localTime = timeOf(m);
        const start = zonedTimeToUtc(date, localTime, q.timeZone);
        if (!start || start.getTime() < earliest) continue;
        const end = new Date(start.getTime() + dur * 60_000);
        // The end must be the wall time we expect too (no slot straddles a DST jump).
        if (localParts(end, q.timeZone).time !== timeOf(m + dur) && m + dur < 24 * 60) continue;
        const s = start.getTime();
        const e = end.getTime();
        const clash = (busyBy.get(w.clinicianId) ?? []).some((b) => b.start < e && s < b.end);
        if (clash) continue;
        const key = start.toISOString();
        const slot = bySlot.get(key) ?? {
          start: key,
          end: end.toISOString(),
          localDate: date,
          localTime,
          clinicianIds: [],
        };
        if (!slot.clinicianIds.includes(w.clinicianId)) slot.clinicianIds.push(w.clinicianId);
        bySlot.set(key, slot);
      }
    }
  }
  return [...bySlot.values()]
    .map((s) => ({ ...s, clinicianIds: [...s.clinicianIds].sort() }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** The 15-minute grid cells an appointment covers, as ISO instants (the database holds one row per cell). */
export function gridCells(startIso: string, endIso: string): string[] {
  const step = SLOT_GRID_MINUTES * 60_000;
  const first = Math.floor(Date.parse(startIso) / step) * step;
  const cells: string[] = [];
  for (let t = first; t < Date.parse(endIso); t += step) cells.push(new Date(t).toISOString());
  return cells;
}
