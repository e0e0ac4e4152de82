/**
 * The first screenful of the patient's Today and session player, drawn the same by the server (in the
 * HTML, so something useful shows before the script and the data arrive) and by the client app (its
 * loading state), so nothing moves when the app takes over.
 */
import { formatDate } from './plan-text';

/** "Good morning" for "08:30" (the patient's local time). */
export function greeting(time: string): string {
  const h = Number(time.slice(0, 2));
  if (h < 5 || h >= 18) return 'Good evening';
  if (h < 12) return 'Good morning';
  return 'Good afternoon';
}

/**
 * Dates and times in the patient's time zone. Intl.DateTimeFormat does this for any zone, but the first
 * use of Intl on a page costs tens of milliseconds on a phone (loading its locale and zone data), and
 * Today and the player need the time while they first draw. So the server sends, with the page, its
 * zone's UTC offset at that moment (a "zone hint"); when the device's own offset is the same at the
 * instant asked about, the device's clock gives the same wall time, with no Intl. Otherwise (another
 * offset, or a hint more than 6 hours old, say a page kept offline) Intl answers, made once per zone.
 */
export interface ZoneHint {
  timezone: string;
  /** Minutes east of UTC (Denver in winter: -420). */
  offsetMinutes: number;
  /** When the offset was read (ms since 1970). */
  at: number;
}
let hint: ZoneHint | null = null;
export function setZoneHint(h: ZoneHint | null | undefined): void {
  hint = h ?? null;
}
const HINT_VALID_MS = 6 * 60 * 60 * 1000;
function onDeviceClock(timezone: string, at: Date): boolean {
  return (
    hint !== null &&
    hint.timezone === timezone &&
    Math.abs(at.getTime() - hint.at) < HINT_VALID_MS &&
    -at.getTimezoneOffset() === hint.offsetMinutes
  );
}
const pad = (n: number) => String(n).padStart(2, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'date' | 'time', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      kind === 'date'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false });
    formatters.set(key, f);
  }
  return f;
}

/** "2026-11-28" in a time zone (the patient's calendar day). */
export function dateIn(timezone: string, at: Date): string {
  if (onDeviceClock(timezone, at))
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  try {
    return formatter('date', timezone).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

/** "08:30" in a time zone. */
export function timeIn(timezone: string, at: Date): string {
  if (onDeviceClock(timezone, at)) return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  try {
    return formatter('time', timezone).format(at);
  } catch {
    return at.toTimeString().slice(0, 5);
  }
}

/** A zone's offset from UTC in minutes at an instant (for the zone hint; the server computes it). */
export function offsetMinutesIn(timezone: string, at: Date): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(at);
    const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
    const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
    return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
  } catch {
    return 0;
  }
}

/** Today's heading: the date, a hello, and (once known) the week of the plan. */
export function TodayHead(props: {
  date: string;
  firstName: string;
  time: string;
  planWeek?: number | null;
}) {
  return (
    <header class="pt-head">
      <p class="pt-date">{formatDate(props.date).replace(/, \d{4}$/, '')}</p>
      <h1 tabIndex={-1}>Hello, {props.firstName}</h1>
      <p class="pt-sub">
        {greeting(props.time)}.{props.planWeek ? ` Week ${props.planWeek} of your plan.` : ''}
      </p>
    </header>
  );
}

export function LoadingLine(props: { label: string }) {
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" /> {props.label}
    </div>
  );
}

export const SESSION_TITLES = { stretch: 'Daily stretch routine', strength: 'Strength session' } as const;

/** The session player while it gets ready (the same as SessionPlayer's loading state). */
export function PlayerLoading(props: { kind: keyof typeof SESSION_TITLES }) {
  return (
    <div class="stack pt-player">
      <h1 tabIndex={-1}>{SESSION_TITLES[props.kind]}</h1>
      <LoadingLine label="Getting your session ready…" />
    </div>
  );
}
