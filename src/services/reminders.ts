/**
 * Reminders the patient controls: their settings, the devices that get web
 * push, the in-app inbox, snooze, the calendar feed, and the scheduler that
 * makes each due reminder exactly once (however many app servers run it).
 *
 * What is due is decided by the pure core (src/core/reminders.ts); this
 * service reads the patient's day, asks the core, and stores and sends.
 */
import crypto from 'node:crypto';
import { createEvents, type EventAttributes } from 'ics';
import webpush from 'web-push';
import { zonedTimeToUtc } from '../core/booking/slots';
import { type Weekday, weekdayOf } from '../core/dates';
import type { Plan } from '../core/plan/types';
import {
  DEFAULT_REMINDER_SETTINGS,
  DEFAULT_WEEKLY_SETTINGS,
  REMINDER_BOUNDS,
  type ReminderKind,
  type ReminderSettings,
  type WeeklySettings,
  breakSlots,
  dueReminders,
  formatClockTime,
  localClock,
  parseClock,
  plannedSessions,
  weeklySummaryDue,
} from '../core/reminders';
import { type TodayView, todayView } from '../core/today';
import { weeklySummaryMessage } from '../core/weekly-summary';
import type { Repositories } from '../storage';
import type { Reminder, ReminderSettingsRow, ReminderSettingsTable, User } from '../storage/schema';
import { type Actor, requireRole } from './access';
import { type Clock, addMinutes, iso } from './clock';
import { AppError, badRequest, notFound } from './errors';
import { reminderEmail, weeklySummaryEmail } from './mail-templates';
import { ProgressService } from './progress';
import {
  type HostResolver,
  type PushTransport,
  checkPushEndpoint,
  dnsResolver,
  httpPushTransport,
} from './push-endpoint';
import { localDate } from './selfcheck';

export type { PushRequest, PushTransport } from './push-endpoint';

/** How far ahead the calendar feed lists sessions (product default). */
export const CALENDAR_DAYS = 28;
/** A push message is worth delivering for this long; after that the push service may drop it. */
const PUSH_TTL_SECONDS = 60 * 60;
const VAPID_SECRET = 'vapid-keys';
/** How long one server may hold a patient's scheduler lease (a pass takes milliseconds). */
const LEASE_MS = 2 * 60_000;
/**
 * A push the push service could not take (network error, 5xx, 429) is tried
 * again after these delays: three attempts over about half an hour, well
 * inside the message's TTL. Product defaults.
 */
export const PUSH_RETRY_DELAYS_MINUTES = [5, 25] as const;
/**
 * A push still "sending" this long after it was claimed belongs to a server
 * that stopped mid-send; the next pass puts it back in the queue and sends
 * it (as the mail outbox does). Far longer than a send takes: each device's
 * request gives up after 10 seconds of silence.
 */
export const PUSH_STALE_AFTER_MINUTES = 10;
/** The app's configuration (read when used, so a test server that learns its URL late is followed). */
export interface ReminderServiceOptions {
  publicUrl: string;
  production: boolean;
  mailFrom: string;
  vapid: { publicKey: string; privateKey: string; subject: string | null } | null;
}

export interface SettingsInput {
  /** `weekly` (the Monday summary) may be left out: then it stays as it was. */
  kinds: Record<ReminderKind, boolean> & { weekly?: boolean | undefined };
  times: { checkin: string; stretch: string; session: string; activity: string; weekly?: string | undefined };
  channels: { inApp: boolean; push: boolean; email: boolean };
  dailyCap: number;
  quietHours: { start: string; end: string } | null;
  breakHours: { start: string; end: string; days: Weekday[]; intervalMinutes: number } | null;
}

const bool = (n: number) => n === 1;
const bit = (b: boolean) => (b ? 1 : 0);

function toWeekly(row: ReminderSettingsRow): WeeklySettings {
  return { on: bool(row.weekly_on), time: row.weekly_time };
}

/** The movement-break hours a patient chose (null: the plan's suggested times). */
export function breakHoursOf(row: ReminderSettingsRow | undefined): ReminderSettings['breakHours'] {
  return row?.break_start && row.break_end && row.break_days && row.break_interval
    ? {
        start: row.break_start,
        end: row.break_end,
        days: JSON.parse(row.break_days) as Weekday[],
        intervalMinutes: row.break_interval,
      }
    : null;
}

function toSettings(row: ReminderSettingsRow): ReminderSettings {
  return {
    kinds: {
      checkin: bool(row.checkin_on),
      stretch: bool(row.stretch_on),
      session: bool(row.session_on),
      activity: bool(row.activity_on),
      breaks: bool(row.breaks_on),
    },
    times: {
      checkin: row.checkin_time,
      stretch: row.stretch_time,
      session: row.session_time,
      activity: row.activity_time,
    },
    channels: {
      inApp: bool(row.channel_in_app),
      push: bool(row.channel_push),
      email: bool(row.channel_email),
    },
    dailyCap: row.daily_cap,
    quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
    breakHours: breakHoursOf(row),
    snoozeUntil: row.snooze_until,
    pausedOn: row.paused_on,
  };
}

function settingsColumns(s: SettingsInput) {
  return {
    checkin_on: bit(s.kinds.checkin),
    checkin_time: s.times.checkin,
    stretch_on: bit(s.kinds.stretch),
    stretch_time: s.times.stretch,
    session_on: bit(s.kinds.session),
    session_time: s.times.session,
    activity_on: bit(s.kinds.activity),
    activity_time: s.times.activity,
    breaks_on: bit(s.kinds.breaks),
    channel_in_app: bit(s.channels.inApp),
    channel_push: bit(s.channels.push),
    channel_email: bit(s.channels.email),
    daily_cap: s.dailyCap,
    quiet_start: s.quietHours?.start ?? null,
    quiet_end: s.quietHours?.end ?? null,
    break_start: s.breakHours?.start ?? null,
    break_end: s.breakHours?.end ?? null,
    break_days: s.breakHours ? JSON.stringify(s.breakHours.days) : null,
    break_interval: s.breakHours?.intervalMinutes ?? null,
  };
}

const newSecret = () => crypto.randomBytes(32).toString('base64url');

export class ReminderService {
  private vapidKeys: Promise<{ publicKey: string; privateKey: string }> | null = null;
  /** Sends prepared push requests (public so tests can stand in for the network). */
  public push: PushTransport;
  private readonly progress: ProgressService;
  /** Resolves push endpoints' hosts (public so tests can answer for names without DNS). */
  public resolveHost: HostResolver = dnsResolver;
  /** Plain http to a loopback push receiver (development and tests only; never in production). */
  public allowLoopbackHttp: boolean;

  constructor(
    private readonly repos: Repositories,
    /** Public so tests can move time (like BookingService.clock). */
    public clock: Clock,
    private readonly opts: ReminderServiceOptions,
    private readonly extras: { push?: PushTransport; onError?: (err: unknown) => void } = {},
  ) {
    this.push = extras.push ?? httpPushTransport;
    this.allowLoopbackHttp = !opts.production;
    this.progress = new ProgressService(repos, clock);
  }

  // Settings ----------------------------------------------------------------

  private async settingsRow(patient: User): Promise<ReminderSettingsRow> {
    const found = await this.repos.reminders.findSettings(patient.id);
    if (found) return found;
    const now = iso(this.clock.now());
    const d = DEFAULT_REMINDER_SETTINGS;
    const row: ReminderSettingsTable = {
      patient_id: patient.id,
      clinic_id: patient.clinic_id,
      ...settingsColumns(d),
      snooze_until: null,
      paused_on: null,
      weekly_on: bit(DEFAULT_WEEKLY_SETTINGS.on),
      weekly_time: DEFAULT_WEEKLY_SETTINGS.time,
      calendar_secret: newSecret(),
      lock_owner: null,
      lock_until: null,
      created_at: now,
      updated_at: now,
    };
    return this.repos.reminders.ensureSettings(row);
  }

  private calendarUrl(row: ReminderSettingsRow): string {
    return `${this.opts.publicUrl}/api/calendar/${row.calendar_secret}.ics`;
  }

  private async settingsOut(patient: User, row: ReminderSettingsRow) {
    const s = toSettings(row);
    const now = this.clock.now();
    const local = localClock(now, patient.timezone);
    const plan = await this.repos.patientDay.latestPlan(patient.id);
    const view = plan ? todayView(JSON.parse(plan.plan) as Plan, local.date, emptyRecords) : null;
    const planBreaks = view ? breakSlots({ ...s, breakHours: null }, view, local.date) : null;
    const devices = await this.repos.reminders.subscriptionsOf(patient.id);
    const snoozed = s.snoozeUntil && s.snoozeUntil > iso(now) ? s.snoozeUntil : null;
    const weekly = toWeekly(row);
    return {
      kinds: { ...s.kinds, weekly: weekly.on },
      times: { ...s.times, weekly: weekly.time },
      channels: s.channels,
      dailyCap: s.dailyCap,
      quietHours: s.quietHours,
      breakHours: s.breakHours,
      /** The break times the plan suggests, shown when the patient has not set their own. */
      planBreakTimes: planBreaks ? planBreaks.times.map(formatClockTime) : [],
      snoozedUntil: snoozed,
      pausedToday: s.pausedOn === local.date,
      calendarUrl: this.calendarUrl(row),
      timezone: patient.timezone,
      devices: devices.map((d) => ({
        id: d.id,
        userAgent: d.user_agent,
        createdAt: d.created_at,
        lastSuccessAt: d.last_success_at,
        lastError: d.last_error,
      })),
    };
  }

  async settings(actor: Actor) {
    const patient = requireRole(actor, 'patient');
    return this.settingsOut(patient, await this.settingsRow(patient));
  }

  async updateSettings(actor: Actor, input: SettingsInput) {
    const patient = requireRole(actor, 'patient');
    const clocks: [string, string | undefined][] = [
      ...Object.entries(input.times).map(([k, v]): [string, string] => [`times.${k}`, v]),
      ['quietHours.start', input.quietHours?.start],
      ['quietHours.end', input.quietHours?.end],
      ['breakHours.start', input.breakHours?.start],
      ['breakHours.end', input.breakHours?.end],
    ];
    for (const [path, value] of clocks) {
      if (value !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) {
        throw badRequest(
          'validation_failed',
          `${path} must be a time written as HH:MM (24-hour), like 07:30.`,
          path,
        );
      }
    }
    if (input.dailyCap < REMINDER_BOUNDS.dailyCap.min || input.dailyCap > REMINDER_BOUNDS.dailyCap.max) {
      throw badRequest(
        'validation_failed',
        `dailyCap must be from ${REMINDER_BOUNDS.dailyCap.min} to ${REMINDER_BOUNDS.dailyCap.max}.`,
        'dailyCap',
      );
    }
    if (input.quietHours && input.quietHours.start === input.quietHours.end) {
      throw badRequest(
        'validation_failed',
        'Quiet hours need different start and end times (or turn quiet hours off).',
        'quietHours.end',
      );
    }
    const b = input.breakHours;
    if (b) {
      if (parseClock(b.end) <= parseClock(b.start)) {
        throw badRequest('validation_failed', 'Break hours must end after they start.', 'breakHours.end');
      }
      if (b.days.length === 0) {
        throw badRequest(
          'validation_failed',
          'Choose at least one day for movement breaks.',
          'breakHours.days',
        );
      }
    }
    await this.settingsRow(patient);
    await this.repos.reminders.updateSettings(patient.id, {
      ...settingsColumns(input),
      // Left out of the request, the weekly summary's switch and time stay as they were.
      ...(input.kinds.weekly !== undefined ? { weekly_on: bit(input.kinds.weekly) } : {}),
      ...(input.times.weekly !== undefined ? { weekly_time: input.times.weekly } : {}),
      updated_at: iso(this.clock.now()),
    });
    return this.settings(actor);
  }

  /** Nothing for `minutes` (15, 30 or 60), or for the rest of today ("pause for today"). */
  async snooze(actor: Actor, input: { minutes?: number | undefined; restOfToday?: true | undefined }) {
    const patient = requireRole(actor, 'patient');
    if ((input.minutes === undefined) === (input.restOfToday === undefined)) {
      throw badRequest('validation_failed', 'Send either minutes or restOfToday (not both).', 'minutes');
    }
    await this.settingsRow(patient);
    const now = this.clock.now();
    if (input.minutes !== undefined) {
      if (!(REMINDER_BOUNDS.snoozeMinutes as readonly number[]).includes(input.minutes)) {
        throw badRequest(
          'validation_failed',
          `minutes must be one of ${REMINDER_BOUNDS.snoozeMinutes.join(', ')}.`,
          'minutes',
        );
      }
      await this.repos.reminders.updateSettings(patient.id, {
        snooze_until: iso(new Date(now.getTime() + input.minutes * 60_000)),
        updated_at: iso(now),
      });
    } else {
      await this.repos.reminders.updateSettings(patient.id, {
        paused_on: localClock(now, patient.timezone).date,
        updated_at: iso(now),
      });
    }
    return this.settings(actor);
  }

  async resume(actor: Actor) {
    const patient = requireRole(actor, 'patient');
    await this.settingsRow(patient);
    await this.repos.reminders.updateSettings(patient.id, {
      snooze_until: null,
      paused_on: null,
      updated_at: iso(this.clock.now()),
    });
    return this.settings(actor);
  }

  // Calendar feed -----------------------------------------------------------

  /** A new secret: the old calendar URL stops working at once. */
  async rotateCalendar(actor: Actor) {
    const patient = requireRole(actor, 'patient');
    await this.settingsRow(patient);
    await this.repos.reminders.updateSettings(patient.id, {
      calendar_secret: newSecret(),
      updated_at: iso(this.clock.now()),
    });
    return this.settings(actor);
  }

  /**
   * The patient's planned sessions for the coming weeks as iCalendar text.
   * No login: the long random secret in the URL is the key. Times are the
   * patient's reminder times in their own zone, written as UTC instants.
   */
  async calendarFeed(secret: string): Promise<string> {
    const row = /^[A-Za-z0-9_-]{20,100}$/.test(secret)
      ? await this.repos.reminders.findByCalendarSecret(secret)
      : undefined;
    const patient = row ? await this.repos.users.findById(row.patient_id) : undefined;
    if (!row || !patient || patient.role !== 'patient' || patient.deactivated_at) {
      throw notFound('That calendar');
    }
    const clinic = await this.repos.clinics.findById(patient.clinic_id);
    const latest = await this.repos.patientDay.latestPlan(patient.id);
    const today = localClock(this.clock.now(), patient.timezone).date;
    const sessions = latest ? plannedSessions(JSON.parse(latest.plan) as Plan, today, CALENDAR_DAYS) : [];
    const uidBase = crypto.createHash('sha256').update(patient.id).digest('hex').slice(0, 16);
    const events: EventAttributes[] = [];
    for (const s of sessions) {
      const time = s.kind === 'strength' ? row.session_time : row.stretch_time;
      const start = zonedTimeToUtc(s.date, time, patient.timezone);
      if (!start) continue; // a wall time skipped by a daylight-saving change
      events.push({
        uid: `${s.kind}-${s.date}-${uidBase}@hipback`,
        start: start.getTime(),
        startInputType: 'utc',
        startOutputType: 'utc',
        duration: { minutes: s.minutes },
        title: s.title,
        description: `${s.exercises.join(', ')}. Open the app to start: ${this.opts.publicUrl}/app/session/${s.kind}`,
        url: `${this.opts.publicUrl}/app/session/${s.kind}`,
        busyStatus: 'FREE',
        status: 'CONFIRMED',
      });
    }
    const { error, value } = createEvents(events, {
      productId: 'hipback//planned-sessions',
      method: 'PUBLISH',
      calName: `${clinic?.name ?? 'hipback'}: my sessions`,
    });
    if (error || !value) throw error ?? new Error('could not build the calendar');
    return value;
  }

  // Push subscriptions ------------------------------------------------------

  private async keys(): Promise<{ publicKey: string; privateKey: string }> {
    if (this.opts.vapid) return this.opts.vapid;
    this.vapidKeys ??= this.repos.reminders
      .secret(VAPID_SECRET, () => JSON.stringify(webpush.generateVAPIDKeys()), iso(this.clock.now()))
      .then((v) => JSON.parse(v) as { publicKey: string; privateKey: string })
      .catch((err: unknown) => {
        this.vapidKeys = null;
        throw err;
      });
    return this.vapidKeys;
  }

  private subject(): string {
    if (this.opts.vapid?.subject) return this.opts.vapid.subject;
    if (this.opts.publicUrl.startsWith('https://')) return this.opts.publicUrl;
    const address = /<([^>]+)>/.exec(this.opts.mailFrom)?.[1] ?? this.opts.mailFrom;
    return `mailto:${address.trim()}`;
  }

  /** The application server key browsers subscribe with. */
  async publicKey(actor: Actor): Promise<string> {
    requireRole(actor, 'patient');
    return (await this.keys()).publicKey;
  }

  async subscribe(
    actor: Actor,
    input: { endpoint: string; keys: { p256dh: string; auth: string } },
    userAgent: string,
  ) {
    const patient = requireRole(actor, 'patient');
    try {
      new URL(input.endpoint);
    } catch {
      throw badRequest(
        'validation_failed',
        'endpoint must be the push service URL the browser gave.',
        'endpoint',
      );
    }
    const p256dh = Buffer.from(input.keys.p256dh, 'base64url');
    if (p256dh.length !== 65 || p256dh[0] !== 4) {
      throw badRequest(
        'validation_failed',
        'keys.p256dh must be an uncompressed P-256 public key.',
        'keys.p256dh',
      );
    }
    if (Buffer.from(input.keys.auth, 'base64url').length !== 16) {
      throw badRequest('validation_failed', 'keys.auth must be 16 bytes.', 'keys.auth');
    }
    // Last, as it may ask DNS: the endpoint must be a public https push service (no SSRF).
    const check = await checkPushEndpoint(input.endpoint, {
      resolve: this.resolveHost,
      allowLoopbackHttp: this.allowLoopbackHttp,
    });
    if (!check.ok) throw new AppError(422, 'push_endpoint_refused', check.reason, 'endpoint');
    const sub = await this.repos.reminders.upsertSubscription({
      id: crypto.randomUUID(),
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      user_agent: userAgent.slice(0, 200),
      created_at: iso(this.clock.now()),
      last_success_at: null,
      last_error: null,
    });
    return { id: sub.id, createdAt: sub.created_at };
  }

  async unsubscribe(actor: Actor, id: string): Promise<void> {
    const patient = requireRole(actor, 'patient');
    if (!(await this.repos.reminders.deleteSubscription(patient.id, id))) throw notFound('That device');
  }

  // The in-app inbox --------------------------------------------------------

  /** Today's reminders that are still relevant: not dismissed, and the thing not done since. */
  async inbox(actor: Actor) {
    const patient = requireRole(actor, 'patient');
    const { local, today, breaksDoneAt } = await this.dayOf(patient);
    const rows = await this.repos.reminders.inbox(patient.id, local.date);
    return rows
      .filter((r) => !(today && doneSince(r, today, breaksDoneAt)))
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        url: r.url,
        createdAt: r.created_at,
      }));
  }

  async dismiss(actor: Actor, id: string): Promise<void> {
    const patient = requireRole(actor, 'patient');
    if (!(await this.repos.reminders.dismiss(patient.id, id, iso(this.clock.now())))) {
      throw notFound('That reminder');
    }
  }

  // The scheduler -----------------------------------------------------------

  private async dayOf(patient: User, now = this.clock.now()) {
    const local = localClock(now, patient.timezone);
    const plan = await this.repos.patientDay.latestPlan(patient.id);
    const day = await this.repos.patientDay.dayRecords(patient.id, local.date);
    const breaks = day.breaks;
    const checkins = day.checkins.filter((c) => c.date === local.date);
    const today = plan ? todayView(JSON.parse(plan.plan) as Plan, local.date, day.records) : null;
    const breaksDoneAt = breaks.map((b) => localClock(new Date(b.created_at), patient.timezone).minute);
    // A warning sign that says "get care now or today" holds the program, and its reminders.
    const warningSignToday = checkins.some(
      (c) => c.triage_level === 'emergency' || c.triage_level === 'urgent',
    );
    return { local, today, breaksDoneAt, warningSignToday };
  }

  /**
   * Makes every reminder due at `now` for every patient, then sends the
   * pushes waiting. Safe on several servers at once: each patient's pass
   * holds that patient's lock, and each reminder is unique per slot.
   * Returns the reminders this call made.
   */
  async runDue(now: Date = this.clock.now()): Promise<number> {
    let made = 0;
    for (const id of await this.repos.reminders.activePatientsWithPlans()) {
      try {
        made += await this.runForPatient(id, now);
      } catch (err) {
        this.extras.onError?.(err);
      }
    }
    await this.queuePendingEmails();
    await this.sendPendingPushes(now);
    return made;
  }

  /** The local day the patient's first plan took effect (what the Progress page calls the start). */
  private async startDate(patient: User): Promise<string | null> {
    const first = (await this.repos.patientDay.planHistory(patient.id)).at(-1);
    return first ? localDate(new Date(first.created_at), patient.timezone) : null;
  }

  async runForPatient(patientId: string, now: Date = this.clock.now()): Promise<number> {
    const patient = await this.repos.users.findById(patientId);
    if (!patient || patient.role !== 'patient' || patient.deactivated_at) return 0;
    const row = await this.settingsRow(patient);
    const settings = toSettings(row);
    const weekly = toWeekly(row);
    const day = await this.dayOf(patient, now);
    // Only on a Monday with the summary on is the start date worth a read.
    const startDate = weekly.on && weekdayOf(day.local.date) === 'mon' ? await this.startDate(patient) : null;
    const delivered = async () =>
      (await this.repos.reminders.deliveredOn(patient.id, day.local.date)).map((d) => ({
        kind: d.kind as ReminderKind,
        slot: d.slot,
      }));
    const due = (made: { kind: ReminderKind; slot: string }[]) =>
      dueReminders({
        settings,
        now: day.local,
        today: day.today,
        breaksDoneAt: day.breaksDoneAt,
        delivered: made,
        warningSignToday: day.warningSignToday,
      });
    const weeklyDue = (made: { kind: string; slot: string }[]) =>
      weeklySummaryDue({
        weekly,
        settings,
        now: day.local,
        startDate,
        delivered: made,
        warningSignToday: day.warningSignToday,
      });
    // Most minutes nothing is due: only then take the patient's lease and look again.
    const before = await delivered();
    if (due(before).length === 0 && !weeklyDue(before)) return 0;
    const owner = crypto.randomUUID();
    const until = iso(new Date(now.getTime() + LEASE_MS));
    if (!(await this.repos.reminders.claimPatient(patient.id, owner, iso(now), until))) return 0;
    try {
      const hasDevices =
        settings.channels.push && (await this.repos.reminders.subscriptionsOf(patient.id)).length > 0;
      let made = 0;
      for (const r of due(await delivered())) {
        const created = await this.repos.reminders.insertReminder({
          id: crypto.randomUUID(),
          clinic_id: patient.clinic_id,
          patient_id: patient.id,
          kind: r.kind,
          local_date: day.local.date,
          slot: r.slot,
          title: r.title,
          body: r.body,
          url: r.url,
          in_app: bit(settings.channels.inApp),
          push_status: hasDevices ? 'pending' : 'none',
          push_error: null,
          push_attempts: 0,
          push_next_at: hasDevices ? iso(now) : null,
          email_status: settings.channels.email ? 'pending' : 'none',
          created_at: iso(now),
          dismissed_at: null,
        });
        if (created) made++;
      }
      if (
        await this.makeWeeklySummary(patient, settings, weeklyDue(await delivered()), day.local.date, now)
      ) {
        made++;
      }
      return made;
    } finally {
      await this.repos.reminders.releasePatient(patient.id, owner);
    }
  }

  /**
   * Stores last week's summary (in the app, and by email when email reminders
   * are on), worded from the Progress page's own figures for that week. Once
   * per patient and week: (patient, 'weekly', date, the week's Monday) is unique.
   */
  private async makeWeeklySummary(
    patient: User,
    settings: ReminderSettings,
    slot: ReturnType<typeof weeklySummaryDue>,
    today: string,
    now: Date,
  ): Promise<boolean> {
    if (!slot) return false;
    const view = await this.progress.viewFor(patient, today);
    const summary = view.summary;
    if (!summary || summary.weekStart !== slot.weekStart) return false;
    const message = weeklySummaryMessage(summary);
    return this.repos.reminders.insertReminder({
      id: crypto.randomUUID(),
      clinic_id: patient.clinic_id,
      patient_id: patient.id,
      kind: 'weekly',
      local_date: today,
      slot: slot.slot,
      title: message.title,
      // One figure per line, the encouragement last (the email lays them out from this).
      body: [...message.lines, message.encouragement].join('\n'),
      url: '/app/progress',
      in_app: bit(settings.channels.inApp),
      push_status: 'none',
      push_error: null,
      push_attempts: 0,
      push_next_at: null,
      email_status: settings.channels.email ? 'pending' : 'none',
      created_at: iso(now),
      dismissed_at: null,
    });
  }

  /** Puts the emails of reminders made into the outbox (the mail worker sends them). */
  async queuePendingEmails(limit = 100): Promise<number> {
    let queued = 0;
    const clinics = new Map<string, string>();
    for (const r of await this.repos.reminders.pendingEmails(limit)) {
      const patient = await this.repos.users.findById(r.patient_id);
      if (!patient) continue;
      if (!clinics.has(r.clinic_id)) {
        clinics.set(r.clinic_id, (await this.repos.clinics.findById(r.clinic_id))?.name ?? 'hipback');
      }
      const clinicName = clinics.get(r.clinic_id) ?? 'hipback';
      const settingsLink = `${this.opts.publicUrl}/app/reminders`;
      const link = `${this.opts.publicUrl}${r.url}`;
      const lines = r.body.split('\n');
      const mail =
        r.kind === 'weekly'
          ? weeklySummaryEmail({
              title: r.title,
              lines: lines.slice(0, -1),
              encouragement: lines.at(-1) ?? '',
              clinicName,
              link,
              settingsLink,
            })
          : reminderEmail({ title: r.title, body: r.body, clinicName, link, settingsLink });
      await this.repos.reminders.queueEmail(r.id, {
        clinic_id: r.clinic_id,
        to_address: patient.email,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
        status: 'pending',
        attempts: 0,
        last_error: null,
        created_at: r.created_at,
        next_attempt_at: r.created_at,
        sent_at: null,
        attachments: null,
      });
      queued++;
    }
    return queued;
  }

  /**
   * Sends the pushes of reminders made, and retries that are due. Each is
   * claimed first (pending → sending), so it goes out from one server only;
   * a device that already has it is never sent it again. A device whose push
   * service failed for a while (network, 5xx, 429) is tried again after
   * PUSH_RETRY_DELAYS_MINUTES; after the last attempt the push is settled.
   *
   * A push left claimed for more than PUSH_STALE_AFTER_MINUTES (its server
   * stopped mid-send) is put back in the queue first and sent on this pass,
   * to the devices not recorded as done with it. So delivery is at least
   * once, not exactly once: a server can stop after a device got the push
   * and before that was recorded, and then that device gets it twice.
   */
  async sendPendingPushes(now: Date = this.clock.now(), limit = 50): Promise<number> {
    let sent = 0;
    await this.repos.reminders.requeueStalePushes(iso(addMinutes(now, -PUSH_STALE_AFTER_MINUTES)));
    for (const r of await this.repos.reminders.pendingPushes(limit, iso(now))) {
      const dueAt = r.push_next_at; // never null here: pendingPushes reads a range of it
      if (dueAt === null || !(await this.repos.reminders.claimPush(r.id, dueAt, iso(now)))) continue;
      const attempts = r.push_attempts + 1;
      try {
        // Devices that already have it, or refused it for good, on an earlier attempt.
        const before = r.push_attempts > 0 ? await this.repos.reminders.pushOutcomes(r.id) : [];
        const result = await this.pushReminder(r, new Set(before.map((o) => o.subscription_id)), now);
        const deliveredBefore = before.some((o) => o.outcome === 'sent');
        const delay = PUSH_RETRY_DELAYS_MINUTES[attempts - 1];
        if (result.retry > 0 && delay !== undefined) {
          await this.repos.reminders.retryPush(r.id, {
            attempts,
            nextAt: iso(new Date(now.getTime() + delay * 60_000)),
            error: result.error,
            sent: result.delivered,
            refused: result.gaveUp,
            at: iso(now),
          });
        } else {
          await this.repos.reminders.finishPush(
            r.id,
            deliveredBefore || result.delivered.length > 0 ? 'sent' : 'failed',
            result.error,
            attempts,
          );
        }
        if (result.delivered.length > 0) sent++;
      } catch (err) {
        await this.repos.reminders.finishPush(
          r.id,
          'failed',
          err instanceof Error ? err.message : String(err),
          attempts,
        );
        this.extras.onError?.(err);
      }
    }
    return sent;
  }

  /**
   * Sends one reminder to each of the patient's devices not in `skip`; a
   * device the push service says is gone is removed; an endpoint that is no
   * longer a public push service (checked again now, DNS included) is not
   * sent to. Returns the devices reached and how many may be tried again.
   */
  private async pushReminder(
    r: Reminder,
    skip: ReadonlySet<string>,
    now: Date,
  ): Promise<{ delivered: string[]; gaveUp: string[]; retry: number; error: string | null }> {
    const keys = await this.keys();
    const payload = JSON.stringify({ id: r.id, kind: r.kind, title: r.title, body: r.body, url: r.url });
    const delivered: string[] = [];
    const gaveUp: string[] = [];
    let retry = 0;
    let lastError: string | null = null;
    const failed = async (subId: string, error: string, again: boolean) => {
      lastError = error;
      if (again) retry++;
      else gaveUp.push(subId);
      await this.repos.reminders.markSubscription(subId, { ok: false, error });
    };
    for (const sub of await this.repos.reminders.subscriptionsOf(r.patient_id)) {
      if (skip.has(sub.id)) continue;
      const check = await checkPushEndpoint(sub.endpoint, {
        resolve: this.resolveHost,
        allowLoopbackHttp: this.allowLoopbackHttp,
      });
      if (!check.ok) {
        // A host that cannot be found now may be back later; one that points inside our network is refused for good.
        await failed(sub.id, `not sent: ${check.reason}`, check.transient === true);
        continue;
      }
      const details = webpush.generateRequestDetails(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        payload,
        {
          vapidDetails: { subject: this.subject(), publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: PUSH_TTL_SECONDS,
          contentEncoding: 'aes128gcm',
          urgency: 'normal',
          topic: r.kind,
        },
      );
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(details.headers)) headers[k] = String(v);
      let status: number;
      try {
        status = await this.push({
          endpoint: details.endpoint,
          address: check.address,
          method: details.method,
          headers,
          body: details.body ?? Buffer.alloc(0),
        });
      } catch (err) {
        await failed(sub.id, err instanceof Error ? err.message : String(err), true);
        continue;
      }
      if (status === 404 || status === 410) {
        await this.repos.reminders.deleteSubscriptionById(sub.id);
      } else if (status >= 200 && status < 300) {
        delivered.push(sub.id);
        await this.repos.reminders.markSubscription(sub.id, { ok: true, at: iso(now) });
      } else {
        // Too many requests or a server error may pass; any other answer will not.
        await failed(sub.id, `push service answered ${status}`, status === 429 || status >= 500);
      }
    }
    return { delivered, gaveUp, retry, error: lastError };
  }
}

const emptyRecords = { sessions: [], activities: [], movementBreaks: [], checkins: [], stretchDates: [] };

/** Has the thing a reminder asked for been done since? (Then the inbox no longer shows it.) */
function doneSince(r: Reminder, today: TodayView, breaksDoneAt: number[]): boolean {
  switch (r.kind as ReminderKind) {
    case 'checkin':
      return today.checkin.done;
    case 'stretch':
      return today.stretch.done;
    case 'session':
      return today.strength.done;
    case 'activity':
      return today.activity.todayMinutes > 0;
    case 'breaks': {
      const slot = r.slot === 'day' ? 0 : parseClock(r.slot);
      return breaksDoneAt.some((m) => m >= slot);
    }
    default:
      // The weekly summary is something to read, not to do: it stays until dismissed.
      return false;
  }
}

/** Runs the scheduler every `intervalMs` until stopped (each reminder is made once across servers). */
export function startReminderWorker(
  service: ReminderService,
  intervalMs: number,
  onError: (e: unknown) => void,
) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => (stopped ? 0 : service.runDue())).catch(onError);
  }, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
