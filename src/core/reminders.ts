/**
 * Which reminders are due now: a pure function of the patient's reminder
 * settings, what is planned and done today, the patient's local date and
 * time, and the reminders already made today.
 *
 * The rules, each a property test in reminders.property.test.ts:
 * - nothing while snoozed, on a day the patient paused, or in quiet hours;
 * - nothing for a kind the patient turned off, or when every channel is off;
 * - nothing for what is already done today (check-in made, routine done,
 *   activity logged, a break taken since the last break slot);
 * - never twice for the same slot: once-a-day kinds have one slot a day,
 *   movement breaks one slot per planned break time;
 * - never more than the daily cap, counting what was already made today;
 * - nothing at all on a day a warning sign was reported: the program waits
 *   for care (PRODUCT.md "Safety principles"), so no exercise nudges.
 *
 * Times are the patient's wall-clock time: the caller turns "now" into their
 * local date and minute with `localClock` (Intl, so daylight-saving changes
 * are followed). The numbers below are product defaults a patient can change,
 * not clinical thresholds; the movement-break interval the plan suggests is
 * the clinical one (THRESHOLDS.movementBreakIntervalMinutes) and arrives
 * through the plan's break times.
 */
import { localParts } from './booking/slots';
import { type Weekday, addDays, weekdayOf } from './dates';
import type { Plan, PlanItem } from './plan/types';
import type { TodayView } from './today';

export const REMINDER_KINDS = ['checkin', 'stretch', 'session', 'activity', 'breaks'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Kinds that come once a day, at a time the patient picks. */
export const DAILY_KINDS = ['checkin', 'stretch', 'session', 'activity'] as const;
export type DailyKind = (typeof DAILY_KINDS)[number];

export const CHANNELS = ['inApp', 'push', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface BreakHours {
  /** HH:MM local */
  start: string;
  end: string;
  days: Weekday[];
  intervalMinutes: number;
}

export interface ReminderSettings {
  kinds: Record<ReminderKind, boolean>;
  /** Local HH:MM for each once-a-day kind. */
  times: Record<DailyKind, string>;
  channels: Record<Channel, boolean>;
  /** The most reminders in one local day, all kinds together. */
  dailyCap: number;
  /** No reminders from start (inclusive) to end (exclusive); may run past midnight. Null: none. */
  quietHours: { start: string; end: string } | null;
  /** The patient's own break hours; null follows the plan's break times. */
  breakHours: BreakHours | null;
  /** ISO instant: nothing before it. */
  snoozeUntil: string | null;
  /** Local YYYY-MM-DD: nothing on that day ("pause for today"). */
  pausedOn: string | null;
}

/** Product defaults (not clinical): a gentle start the patient adjusts on the reminders page. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  kinds: { checkin: true, stretch: true, session: true, activity: true, breaks: true },
  // Check-in in the morning, activity around lunch, strength after work, stretch in the evening.
  times: { checkin: '08:00', activity: '12:30', session: '17:30', stretch: '19:30' },
  // Email is opt-in: it is the most intrusive channel. Push only reaches devices the patient turned on.
  channels: { inApp: true, push: true, email: false },
  // Ten planned breaks on a 09:00-17:00 day plus the four daily kinds, minus a little.
  dailyCap: 12,
  quietHours: { start: '21:30', end: '07:30' },
  breakHours: null,
  snoozeUntil: null,
  pausedOn: null,
};

/** What a patient may choose (product bounds, checked by the API). */
export const REMINDER_BOUNDS = {
  dailyCap: { min: 1, max: 30 },
  breakIntervalMinutes: { min: 20, max: 180 },
  snoozeMinutes: [15, 30, 60] as const,
};

/**
 * How long after its time a reminder may still come (minutes): after a
 * server restart, a snooze or quiet hours, a morning check-in reminder at
 * 10:30 still helps; one at 22:00 does not. Product defaults.
 */
export const LATE_WINDOW_MINUTES: Record<DailyKind, number> = {
  checkin: 180,
  activity: 180,
  session: 240,
  stretch: 240,
};
/** A break reminder is useful for half its interval, at most this long. */
export const BREAK_WINDOW_MAX_MINUTES = 30;
/** The break interval assumed when the plan lists a single break time. */
const FALLBACK_BREAK_INTERVAL = 45;

/** When several are due at once, the order they come in (and the cap keeps the first). */
const PRIORITY: Record<ReminderKind, number> = { checkin: 0, session: 1, stretch: 2, activity: 3, breaks: 4 };

export interface LocalNow {
  /** The patient's local date, YYYY-MM-DD. */
  date: string;
  /** Minutes since the patient's local midnight. */
  minute: number;
  /** The instant itself (ISO), for the snooze. */
  instant: string;
}

export interface ReminderInput {
  settings: ReminderSettings;
  now: LocalNow;
  /** Today's plan and records (src/core/today.ts); null when the patient has no plan. */
  today: TodayView | null;
  /** Local minute-of-day of each movement break counted today. */
  breaksDoneAt: number[];
  /** Reminders already made today (any channel). */
  delivered: { kind: ReminderKind; slot: string }[];
  /** A warning sign was reported today. */
  warningSignToday: boolean;
}

export interface DueReminder {
  kind: ReminderKind;
  /** "day" for once-a-day kinds; the break time (HH:MM) for breaks. */
  slot: string;
  /** The local minute the slot is for. */
  at: number;
  title: string;
  body: string;
  /** Where tapping the reminder goes. */
  url: string;
}

export function parseClock(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`Not an HH:MM time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatClockTime(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The patient's local date and minute at an instant (follows daylight-saving changes). */
export function localClock(instant: Date, timeZone: string): LocalNow {
  const p = localParts(instant, timeZone);
  return { date: p.date, minute: parseClock(p.time), instant: instant.toISOString() };
}

/** Is this local minute inside quiet hours? Quiet hours may run past midnight (21:30–07:30). */
export function inQuietHours(minute: number, quiet: ReminderSettings['quietHours']): boolean {
  if (!quiet) return false;
  const start = parseClock(quiet.start);
  const end = parseClock(quiet.end);
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * The break times (local minutes) of the hours the patient chose: one interval after the start, then
 * every interval until the end; none on a day they left out.
 */
export function ownBreakTimes(own: NonNullable<ReminderSettings['breakHours']>, date: string): number[] {
  if (!own.days.includes(weekdayOf(date))) return [];
  const start = parseClock(own.start);
  const end = parseClock(own.end);
  const times: number[] = [];
  for (let m = start + own.intervalMinutes; m < end; m += own.intervalMinutes) times.push(m);
  return times;
}

/**
 * Today with the movement breaks of the hours the patient chose, when they chose them (Today, the
 * reminders and the next-break line then agree); the plan's suggested times otherwise.
 */
export function withOwnBreakHours(view: TodayView, own: ReminderSettings['breakHours']): TodayView {
  if (!own) return view;
  const times = ownBreakTimes(own, view.date).map(formatClockTime);
  return { ...view, movementBreaks: { ...view.movementBreaks, times, target: times.length } };
}

/** Today's movement-break times (local minutes) and the interval between them. */
export function breakSlots(
  settings: ReminderSettings,
  today: TodayView | null,
  date: string,
): { times: number[]; interval: number } {
  const own = settings.breakHours;
  if (own) return { times: ownBreakTimes(own, date), interval: own.intervalMinutes };
  const times = (today?.movementBreaks.times ?? []).map(parseClock).sort((a, b) => a - b);
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
  return { times, interval: gaps.length > 0 ? Math.min(...gaps) : FALLBACK_BREAK_INTERVAL };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function textFor(kind: ReminderKind, today: TodayView): Pick<DueReminder, 'title' | 'body' | 'url'> {
  switch (kind) {
    case 'checkin':
      return {
        title: 'Morning check-in',
        body: 'One minute: how are your back and hips today?',
        url: '/app/checkin',
      };
    case 'stretch':
      return {
        title: 'Your daily stretch',
        body:
          today.stretchStreak > 0
            ? `A few easy minutes keeps your ${plural(today.stretchStreak, 'day')} streak going.`
            : 'A few easy minutes of stretching, whenever suits you today.',
        url: '/app/session/stretch',
      };
    case 'session':
      return {
        title: 'Strength session today',
        body: 'Your strength exercises are planned for today. Start when you are ready.',
        url: '/app/session/strength',
      };
    case 'activity': {
      const toGo = Math.max(0, today.activity.weekGoal - today.activity.weekMinutes);
      return {
        title: 'Time for a walk, ride or swim?',
        body: `${plural(toGo, 'minute')} to go towards this week's goal. Any low-impact activity counts.`,
        url: '/app/activity',
      };
    }
    case 'breaks':
      return {
        title: 'Time to move',
        body: 'Stand up, change position, walk a few steps. A minute or two is plenty.',
        url: '/app/breaks',
      };
  }
}

/** Is the once-a-day thing already done (or not on today's plan)? */
function doneOrNotDue(kind: DailyKind, today: TodayView): boolean {
  switch (kind) {
    case 'checkin':
      return today.checkin.done;
    case 'stretch':
      return !today.stretch.due || today.stretch.done || today.stretch.exercises.length === 0;
    case 'session':
      return !today.strength.due || today.strength.done || today.strength.exercises.length === 0;
    case 'activity':
      return today.activity.todayMinutes > 0 || today.activity.weekMinutes >= today.activity.weekGoal;
  }
}

/** The reminders to make now, in the order to make them. */
export function dueReminders(input: ReminderInput): DueReminder[] {
  const { settings: s, now, today } = input;
  if (!today) return [];
  if (input.warningSignToday) return [];
  if (s.pausedOn === now.date) return [];
  if (s.snoozeUntil && now.instant < s.snoozeUntil) return [];
  if (!CHANNELS.some((c) => s.channels[c])) return [];
  if (inQuietHours(now.minute, s.quietHours)) return [];

  const made = new Set(input.delivered.map((d) => `${d.kind}|${d.slot}`));
  const candidates: DueReminder[] = [];

  for (const kind of DAILY_KINDS) {
    if (!s.kinds[kind] || made.has(`${kind}|day`)) continue;
    const at = parseClock(s.times[kind]);
    if (now.minute < at || now.minute > at + LATE_WINDOW_MINUTES[kind]) continue;
    if (doneOrNotDue(kind, today)) continue;
    candidates.push({ kind, slot: 'day', at, ...textFor(kind, today) });
  }

  if (s.kinds.breaks) {
    const { times, interval } = breakSlots(s, today, now.date);
    const window = Math.min(BREAK_WINDOW_MAX_MINUTES, Math.floor(interval / 2));
    for (const at of times) {
      const slot = formatClockTime(at);
      if (made.has(`breaks|${slot}`)) continue;
      if (now.minute < at || now.minute > at + window) continue;
      // A break taken since the previous slot makes this one unnecessary.
      if (input.breaksDoneAt.some((m) => m > at - interval && m <= now.minute)) continue;
      candidates.push({ kind: 'breaks', slot, at, ...textFor('breaks', today) });
    }
  }

  candidates.sort((a, b) => a.at - b.at || PRIORITY[a.kind] - PRIORITY[b.kind]);
  const room = Math.max(0, s.dailyCap - input.delivered.length);
  return candidates.slice(0, room);
}

// ── The calendar feed ───────────────────────────────────────────────────

export interface PlannedSession {
  date: string;
  kind: 'strength' | 'stretch';
  title: string;
  /** Exercise titles, in order. */
  exercises: string[];
  /** A rough length for the calendar entry, rounded up to 5 minutes. */
  minutes: number;
}

/** Seconds one plan item takes: the work, sides and rests (about 4 s per repetition). */
function itemSeconds(item: PlanItem): number {
  const d = item.dose;
  if (!d) return 60;
  const work =
    d.reps !== undefined ? d.reps * (4 + (d.holdSeconds ?? 0)) : (d.holdSeconds ?? d.durationSeconds ?? 60);
  const sides = d.eachSide ? 2 : 1;
  return d.sets * sides * work + (d.sets - 1) * d.restSeconds + 15;
}

/**
 * The strength and stretch sessions on the plan from `from` for `days` days.
 * A session with named days is on those days; one done every day is on each
 * day; a session with a weekly count but no named days ("any 2 days") has no
 * fixed date and is left out of the calendar.
 */
export function plannedSessions(plan: Plan, from: string, days: number): PlannedSession[] {
  const out: PlannedSession[] = [];
  const kinds = [
    { kind: 'stretch' as const, title: 'Daily stretch routine' },
    { kind: 'strength' as const, title: 'Strength session' },
  ];
  for (const { kind, title } of kinds) {
    const items = plan.items.filter((i) => i.pillar === kind && i.exercise !== null);
    if (items.length === 0) continue;
    const named = items.find((i) => i.schedule.days)?.schedule.days;
    const everyDay = !named && (items[0]?.schedule.daysPerWeek ?? 0) >= 7;
    if (!named && !everyDay) continue;
    const seconds = items.reduce((s, i) => s + itemSeconds(i), 0);
    const minutes = Math.max(5, Math.ceil(seconds / 60 / 5) * 5);
    for (let n = 0; n < days; n++) {
      const date = addDays(from, n);
      if (named && !named.includes(weekdayOf(date))) continue;
      out.push({ date, kind, title, exercises: items.map((i) => i.title), minutes });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
}

// ── The weekly summary ──────────────────────────────────────────────────

/**
 * The weekly summary: once a week, on the patient's local Monday from the
 * time they chose, a short account of the week that just ended (Monday to
 * Sunday, their own calendar). It comes in the app and, when email reminders
 * are on, by email; never by push (it is something to read, not a nudge).
 */
export interface WeeklySettings {
  on: boolean;
  /** Local HH:MM on Mondays. */
  time: string;
}

/** Product default (not clinical): Monday mid-morning, after the usual check-in time. */
export const DEFAULT_WEEKLY_SETTINGS: WeeklySettings = { on: true, time: '09:00' };

export interface WeeklyInput {
  weekly: WeeklySettings;
  /** Quiet hours, snooze, pause for today, channels and the daily cap apply as for every reminder. */
  settings: ReminderSettings;
  now: LocalNow;
  /** The local day the patient's first plan took effect; null without a plan. */
  startDate: string | null;
  /** Reminders already made on this local day (any kind), for the daily cap and "once". */
  delivered: { kind: string; slot: string }[];
  /** A warning sign was reported today: the program waits for care, and so does its encouragement. */
  warningSignToday: boolean;
}

export interface WeeklySlot {
  kind: 'weekly';
  /** The Monday that starts the week summarised: the slot, unique per patient and week. */
  slot: string;
  weekStart: string;
  weekEnd: string;
}

/** The summary due now, if any: the week that ended yesterday (the patient's Sunday). */
export function weeklySummaryDue(input: WeeklyInput): WeeklySlot | null {
  const { weekly, settings: s, now } = input;
  if (!weekly.on) return null;
  if (!s.channels.inApp && !s.channels.email) return null;
  if (input.startDate === null) return null;
  if (weekdayOf(now.date) !== 'mon') return null;
  const weekStart = addDays(now.date, -7);
  const weekEnd = addDays(now.date, -1);
  // No summary of a week that ended before the patient started.
  if (input.startDate > weekEnd) return null;
  if (now.minute < parseClock(weekly.time)) return null;
  if (input.warningSignToday) return null;
  if (s.pausedOn === now.date) return null;
  if (s.snoozeUntil && now.instant < s.snoozeUntil) return null;
  if (inQuietHours(now.minute, s.quietHours)) return null;
  if (input.delivered.some((d) => d.kind === 'weekly' && d.slot === weekStart)) return null;
  if (input.delivered.length >= s.dailyCap) return null;
  return { kind: 'weekly', slot: weekStart, weekStart, weekEnd };
}
