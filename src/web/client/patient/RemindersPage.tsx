/**
 * Reminders the patient controls: which kinds, when, how (in the app, push on
 * this device, email), how many a day at most, quiet hours, their own
 * movement-break hours, snooze, and the calendar feed of planned sessions.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, type ApiError, api } from '../api';
import { FormError, Loading, toApiError } from '../forms';
import type { SessionUser } from '../types';

type Kind = 'checkin' | 'stretch' | 'session' | 'activity' | 'breaks' | 'weekly';
type TimedKind = Exclude<Kind, 'breaks'>;
type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

interface Settings {
  kinds: Record<Kind, boolean>;
  times: Record<TimedKind, string>;
  channels: { inApp: boolean; push: boolean; email: boolean };
  dailyCap: number;
  quietHours: { start: string; end: string } | null;
  breakHours: { start: string; end: string; days: Day[]; intervalMinutes: number } | null;
  planBreakTimes: string[];
  snoozedUntil: string | null;
  pausedToday: boolean;
  calendarUrl: string;
  timezone: string;
  devices: {
    id: string;
    userAgent: string;
    createdAt: string;
    lastSuccessAt: string | null;
    lastError: string | null;
  }[];
}
type Resp = { settings: Settings };

const KINDS: { kind: Kind; label: string; hint: string }[] = [
  { kind: 'checkin', label: 'Morning check-in', hint: 'Not sent once you have checked in.' },
  { kind: 'stretch', label: 'Daily stretch routine', hint: 'Not sent once you have stretched today.' },
  { kind: 'session', label: 'Strength session', hint: 'Only on your strength days, until it is done.' },
  {
    kind: 'activity',
    label: 'Walk, ride or swim',
    hint: 'Skipped once you log activity or reach the week’s goal.',
  },
  { kind: 'breaks', label: 'Movement breaks', hint: 'At each break time, unless you just took one.' },
  {
    kind: 'weekly',
    label: 'Weekly summary',
    hint: 'On Mondays: last week in numbers (sessions, stretch days, activity, morning pain). In the app, and by email when email is on.',
  },
];
const DAYS: { day: Day; label: string }[] = [
  { day: 'mon', label: 'Mon' },
  { day: 'tue', label: 'Tue' },
  { day: 'wed', label: 'Wed' },
  { day: 'thu', label: 'Thu' },
  { day: 'fri', label: 'Fri' },
  { day: 'sat', label: 'Sat' },
  { day: 'sun', label: 'Sun' },
];
const CHANNELS: { channel: keyof Settings['channels']; label: string }[] = [
  { channel: 'inApp', label: 'In the app, at the top of Today' },
  { channel: 'push', label: 'Notifications on devices I turn on below' },
  { channel: 'email', label: 'Email' },
];
const INTERVALS = [30, 45, 60, 90, 120];
const OWN_BREAKS_DEFAULT = {
  start: '09:00',
  end: '17:00',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'] as Day[],
  intervalMinutes: 45,
};

const clockText = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(
    new Date(2000, 0, 1, h, m),
  );
};
const instantText = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone }).format(new Date(iso));

/** base64url → bytes, for PushManager.subscribe's applicationServerKey. */
function keyBytes(b64url: string): Uint8Array<ArrayBuffer> {
  const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (b64url.length % 4)) % 4);
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

const pushSupported = () =>
  typeof window !== 'undefined' &&
  'serviceWorker' in navigator &&
  'PushManager' in window &&
  'Notification' in window;

const DEVICE_KEY = 'hb:push-device';

export function RemindersPage(props: { user: SessionUser }) {
  const [s, setS] = useState<Settings | null>(null);
  const [form, setForm] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const take = (r: Resp) => {
    setS(r.settings);
    setForm(r.settings);
  };
  useEffect(() => {
    api<Resp>('GET', '/api/me/reminders/settings')
      .then(take)
      .catch((e: unknown) => setLoadError(toApiError(e).message));
  }, []);

  if (loadError) {
    return (
      <div class="stack rm-page">
        <Head />
        <div class="alert alert-error" role="alert">
          {loadError}
        </div>
      </div>
    );
  }
  if (!s || !form) {
    return (
      <div class="stack rm-page">
        <Head />
        <Loading label="Loading your reminders…" />
      </div>
    );
  }

  const set = (patch: Partial<Settings>) => {
    setForm({ ...form, ...patch });
    setNote(null);
  };
  const invalid = (path: string) => (error?.path === path ? 'true' : undefined);

  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const r = await api<Resp>('PUT', '/api/me/reminders/settings', {
        kinds: form.kinds,
        times: form.times,
        channels: form.channels,
        dailyCap: form.dailyCap,
        quietHours: form.quietHours,
        breakHours: form.breakHours,
      });
      take(r);
      setNote('Saved. Your reminders follow these settings from now on.');
    } catch (err) {
      setError(toApiError(err));
      setTimeout(() => document.getElementById('form-error')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stack rm-page">
      <Head />
      <PauseCard settings={s} timezone={props.user.timezone || s.timezone} onChange={take} />

      <form class="stack" onSubmit={(e) => void save(e)} noValidate aria-labelledby="rm-form-title">
        <h2 id="rm-form-title" class="rm-h2">
          What, when and how
        </h2>
        <FormError error={error} />
        <fieldset class="card rm-fieldset">
          <legend>Remind me about</legend>
          <ul class="rm-kinds">
            {KINDS.map(({ kind, label, hint }) => (
              <li key={kind} class="rm-kind">
                <label class="pt-toggle rm-toggle">
                  <input
                    type="checkbox"
                    name={`kind-${kind}`}
                    checked={form.kinds[kind]}
                    onChange={(e) => set({ kinds: { ...form.kinds, [kind]: e.currentTarget.checked } })}
                    aria-describedby={`rm-hint-${kind}`}
                  />
                  {label}
                </label>
                {kind !== 'breaks' && (
                  <label class="rm-time">
                    <span class="visually-hidden">{label}: time</span>
                    <span aria-hidden="true">at</span>
                    <input
                      type="time"
                      value={form.times[kind]}
                      disabled={!form.kinds[kind]}
                      aria-invalid={invalid(`times.${kind}`)}
                      onInput={(e) => set({ times: { ...form.times, [kind]: e.currentTarget.value } })}
                    />
                  </label>
                )}
                <span class="hint" id={`rm-hint-${kind}`}>
                  {hint}
                </span>
              </li>
            ))}
          </ul>
        </fieldset>

        <fieldset class="card rm-fieldset">
          <legend>Movement break hours</legend>
          <label class="pt-toggle rm-radio">
            <input
              type="radio"
              name="break-source"
              checked={form.breakHours === null}
              onChange={() => set({ breakHours: null })}
            />
            Follow my plan
          </label>
          <p class="hint rm-indent">
            {s.planBreakTimes.length > 0
              ? `Today your plan suggests breaks at ${s.planBreakTimes.map(clockText).join(', ')}.`
              : 'Your plan has no breaks today.'}
          </p>
          <label class="pt-toggle rm-radio">
            <input
              type="radio"
              name="break-source"
              checked={form.breakHours !== null}
              onChange={() => set({ breakHours: form.breakHours ?? s.breakHours ?? OWN_BREAKS_DEFAULT })}
            />
            My own hours
          </label>
          {form.breakHours && (
            <OwnBreaks
              value={form.breakHours}
              onChange={(breakHours) => set({ breakHours })}
              invalid={invalid}
              error={error}
            />
          )}
        </fieldset>

        <fieldset class="card rm-fieldset">
          <legend>How to remind me</legend>
          {CHANNELS.map(({ channel, label }) => (
            <label key={channel} class="pt-toggle">
              <input
                type="checkbox"
                name={`channel-${channel}`}
                checked={form.channels[channel]}
                onChange={(e) => set({ channels: { ...form.channels, [channel]: e.currentTarget.checked } })}
              />
              {label}
            </label>
          ))}
          {!form.channels.inApp && !form.channels.push && !form.channels.email && (
            <p class="hint">With every way off, no reminders come at all.</p>
          )}
        </fieldset>

        <fieldset class="card rm-fieldset">
          <legend>Limits</legend>
          <div class="field">
            <label for="rm-cap">At most this many reminders a day</label>
            <input
              id="rm-cap"
              type="number"
              inputMode="numeric"
              min={1}
              max={30}
              class="rm-num"
              value={String(form.dailyCap)}
              aria-invalid={invalid('dailyCap')}
              aria-describedby={error?.path === 'dailyCap' ? 'rm-cap-error' : undefined}
              onInput={(e) => set({ dailyCap: Number(e.currentTarget.value) })}
            />
            {error?.path === 'dailyCap' && (
              <span class="field-error" id="rm-cap-error">
                {error.message}
              </span>
            )}
          </div>
          <label class="pt-toggle">
            <input
              type="checkbox"
              name="quiet"
              checked={form.quietHours !== null}
              onChange={(e) =>
                set({
                  quietHours: e.currentTarget.checked
                    ? (s.quietHours ?? { start: '21:30', end: '07:30' })
                    : null,
                })
              }
            />
            Quiet hours (nothing at all during them)
          </label>
          {form.quietHours && (
            <HoursPair
              id="rm-quiet"
              path="quietHours"
              value={form.quietHours}
              onChange={(quietHours) => set({ quietHours })}
              invalid={invalid}
            />
          )}
        </fieldset>

        <button
          type="submit"
          class="btn btn-block pt-big"
          disabled={busy}
          aria-busy={busy ? 'true' : 'false'}
        >
          {busy ? 'Saving…' : 'Save reminder settings'}
        </button>
        {note && (
          <p class="alert alert-ok" role="status">
            {note}
          </p>
        )}
      </form>

      <DeviceCard settings={s} onChange={take} />
      <CalendarCard settings={s} onChange={take} />
      <p>
        <a href="/app">Back to Today</a>
      </p>
    </div>
  );
}

function Head() {
  return (
    <header class="pt-head">
      <h1 tabIndex={-1}>Reminders</h1>
      <p class="pt-sub">You choose what, when and how. Nothing is sent in your quiet hours.</p>
    </header>
  );
}

/**
 * "From" and "Until" times side by side. With `error`, a server message about
 * the end time shows under it.
 */
function HoursPair(props: {
  id: string;
  path: string;
  value: { start: string; end: string };
  onChange: (v: { start: string; end: string }) => void;
  invalid: (path: string) => 'true' | undefined;
  error?: ApiError | null;
}) {
  const { id, path, value } = props;
  const endError = props.error?.path === `${path}.end` ? props.error.message : null;
  return (
    <div class="rm-pair">
      <div class="field">
        <label for={`${id}-start`}>From</label>
        <input
          id={`${id}-start`}
          type="time"
          value={value.start}
          aria-invalid={props.invalid(`${path}.start`)}
          onInput={(e) => props.onChange({ ...value, start: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for={`${id}-end`}>Until</label>
        <input
          id={`${id}-end`}
          type="time"
          value={value.end}
          aria-invalid={props.invalid(`${path}.end`)}
          aria-describedby={endError ? `${id}-end-error` : undefined}
          onInput={(e) => props.onChange({ ...value, end: e.currentTarget.value })}
        />
        {endError && (
          <span class="field-error" id={`${id}-end-error`}>
            {endError}
          </span>
        )}
      </div>
    </div>
  );
}

function OwnBreaks(props: {
  value: NonNullable<Settings['breakHours']>;
  onChange: (v: NonNullable<Settings['breakHours']>) => void;
  invalid: (path: string) => 'true' | undefined;
  error: ApiError | null;
}) {
  const v = props.value;
  return (
    <div class="rm-indent">
      <HoursPair
        id="rm-break"
        path="breakHours"
        value={v}
        onChange={({ start, end }) => props.onChange({ ...v, start, end })}
        invalid={props.invalid}
        error={props.error}
      />
      <div class="field">
        <label for="rm-break-every">Every</label>
        <select
          id="rm-break-every"
          value={String(v.intervalMinutes)}
          onChange={(e) => props.onChange({ ...v, intervalMinutes: Number(e.currentTarget.value) })}
        >
          {[...new Set([...INTERVALS, v.intervalMinutes])]
            .sort((a, b) => a - b)
            .map((m) => (
              <option key={m} value={String(m)}>
                {m < 60 || m % 60 !== 0 ? `${m} minutes` : `${m / 60} hour${m === 60 ? '' : 's'}`}
              </option>
            ))}
        </select>
      </div>
      <fieldset class="rm-days" aria-invalid={props.invalid('breakHours.days')}>
        <legend>On these days</legend>
        {DAYS.map(({ day, label }) => (
          <label key={day} class="rm-day">
            <input
              type="checkbox"
              checked={v.days.includes(day)}
              onChange={(e) =>
                props.onChange({
                  ...v,
                  days: e.currentTarget.checked
                    ? DAYS.map((d) => d.day).filter((d) => d === day || v.days.includes(d))
                    : v.days.filter((d) => d !== day),
                })
              }
            />
            {label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

function PauseCard(props: { settings: Settings; timezone: string; onChange: (r: Resp) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const s = props.settings;
  const act = async (method: 'POST' | 'DELETE', body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      props.onChange(await api<Resp>(method, '/api/me/reminders/snooze', body));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const state = s.pausedToday
    ? 'Paused for the rest of today. They start again tomorrow.'
    : s.snoozedUntil
      ? `Snoozed until ${instantText(s.snoozedUntil, props.timezone)}.`
      : 'Reminders are on.';
  return (
    <section class="card rm-pause" aria-labelledby="rm-pause-title">
      <h2 id="rm-pause-title" class="rm-h2">
        Need some quiet?
      </h2>
      <p role="status" class="rm-state">
        {state}
      </p>
      <p class="rm-snooze-label" id="rm-snooze-label">
        Snooze for
      </p>
      <div class="rm-buttons" role="group" aria-labelledby="rm-snooze-label">
        {[15, 30, 60].map((m) => (
          <button
            key={m}
            type="button"
            class="btn btn-secondary"
            disabled={busy}
            aria-label={m === 60 ? 'Snooze 1 hour' : `Snooze ${m} min`}
            onClick={() => void act('POST', { minutes: m })}
          >
            {m === 60 ? '1 hour' : `${m} min`}
          </button>
        ))}
        <button
          type="button"
          class="btn btn-secondary"
          disabled={busy}
          onClick={() => void act('POST', { restOfToday: true })}
        >
          Pause for today
        </button>
        {(s.pausedToday || s.snoozedUntil) && (
          <button type="button" class="btn" disabled={busy} onClick={() => void act('DELETE')}>
            Resume now
          </button>
        )}
      </div>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function DeviceCard(props: { settings: Settings; onChange: (r: Resp) => void }) {
  const supported = pushSupported();
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ tone: 'ok' | 'error' | 'info'; text: string } | null>(null);
  const permission = supported ? Notification.permission : 'default';
  const thisDevice = typeof localStorage === 'undefined' ? null : localStorage.getItem(DEVICE_KEY);
  const onHere = thisDevice !== null && props.settings.devices.some((d) => d.id === thisDevice);

  const reload = async () => props.onChange(await api<Resp>('GET', '/api/me/reminders/settings'));

  const turnOn = async () => {
    setBusy(true);
    setMsg(null);
    try {
      const granted = await Notification.requestPermission();
      if (granted !== 'granted') {
        setMsg({
          tone: 'info',
          text: 'Notifications are blocked for this site. You can allow them in your browser’s site settings, then try again.',
        });
        return;
      }
      const { publicKey } = await api<{ publicKey: string }>('GET', '/api/me/push/key');
      const reg = await navigator.serviceWorker.ready;
      const sub = await reg.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey),
      });
      const saved = await api<{ id: string }>('POST', '/api/me/push/subscriptions', sub.toJSON());
      localStorage.setItem(DEVICE_KEY, saved.id);
      await reload();
      setMsg({ tone: 'ok', text: 'Notifications are on for this device.' });
    } catch (e) {
      setMsg({
        tone: 'error',
        text:
          e instanceof ApiFailure
            ? e.error.message
            : 'This browser could not turn on notifications. Installing the app (Add to Home Screen) may help.',
      });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    setBusy(true);
    setMsg(null);
    try {
      await api('DELETE', `/api/me/push/subscriptions/${id}`);
      if (id === thisDevice) {
        localStorage.removeItem(DEVICE_KEY);
        const reg = supported ? await navigator.serviceWorker.getRegistration() : undefined;
        await (await reg?.pushManager.getSubscription())?.unsubscribe();
      }
      await reload();
      setMsg({ tone: 'ok', text: 'That device will not get notifications any more.' });
    } catch (e) {
      setMsg({ tone: 'error', text: toApiError(e).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="rm-devices-title">
      <h2 id="rm-devices-title" class="rm-h2">
        Notifications on your devices
      </h2>
      {!supported ? (
        <p>
          This browser cannot show notifications from us. On an iPhone or iPad, add the app to your Home
          Screen first (Share, then “Add to Home Screen”) and open it from there. Reminders still appear at
          the top of Today, and by email if you turn that on.
        </p>
      ) : permission === 'denied' ? (
        <p>
          Notifications are blocked for this site. To get them, allow notifications in your browser’s site
          settings, then come back here.
        </p>
      ) : onHere ? (
        <p>This device gets notifications.</p>
      ) : (
        <>
          <p>Get reminders on this device even when the app is closed.</p>
          <button type="button" class="btn btn-block pt-big" disabled={busy} onClick={() => void turnOn()}>
            Turn on notifications on this device
          </button>
        </>
      )}
      {props.settings.devices.length > 0 ? (
        <ul class="rm-devices">
          {props.settings.devices.map((d) => (
            <li key={d.id}>
              <span>
                {d.id === thisDevice ? 'This device' : deviceName(d.userAgent)}
                <span class="hint">
                  {' '}
                  · since {new Date(d.createdAt).toLocaleDateString()}
                  {d.lastError ? ' · last try failed' : ''}
                </span>
              </span>
              <button
                type="button"
                class="btn btn-quiet"
                disabled={busy}
                onClick={() => void remove(d.id)}
                aria-label={`Stop notifications on ${d.id === thisDevice ? 'this device' : deviceName(d.userAgent)}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">No device gets notifications yet.</p>
      )}
      {msg && (
        <p class={`alert alert-${msg.tone}`} role={msg.tone === 'error' ? 'alert' : 'status'}>
          {msg.text}
        </p>
      )}
    </section>
  );
}

function deviceName(ua: string): string {
  const os = /iPhone|iPad|Android|Windows|Mac OS|Linux/.exec(ua)?.[0]?.replace('Mac OS', 'Mac');
  const browser = /Firefox|Edg|Chrome|Safari/.exec(ua)?.[0]?.replace('Edg', 'Edge');
  return [browser, os].filter(Boolean).join(' on ') || 'A browser';
}

function CalendarCard(props: { settings: Settings; onChange: (r: Resp) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.settings.calendarUrl);
      setMsg('Link copied. Paste it into your calendar app as a subscription (“From URL”).');
    } catch {
      const input = document.getElementById('rm-cal-url') as HTMLInputElement | null;
      input?.select();
      setMsg('Select the link above and copy it.');
    }
  };
  const rotate = async () => {
    setBusy(true);
    try {
      props.onChange(await api<Resp>('POST', '/api/me/reminders/calendar/rotate'));
      setConfirming(false);
      setMsg('New link made. The old one no longer works: add the new one to your calendar.');
      setTimeout(() => document.getElementById('rm-cal-url')?.focus(), 0);
    } catch (e) {
      setMsg(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="rm-cal-title">
      <h2 id="rm-cal-title" class="rm-h2">
        Your sessions in your calendar
      </h2>
      <p>
        Add this link to Google Calendar, Apple Calendar or Outlook as a subscribed calendar. It lists your
        planned stretch and strength sessions for the next four weeks at your reminder times, and keeps itself
        up to date.
      </p>
      <div class="field">
        <label for="rm-cal-url">
          Calendar link (keep it private: anyone with it can see your session times)
        </label>
        <input
          id="rm-cal-url"
          type="text"
          readOnly
          value={props.settings.calendarUrl}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <div class="rm-buttons">
        <button type="button" class="btn" onClick={() => void copy()}>
          Copy link
        </button>
        {!confirming && (
          <button type="button" class="btn btn-secondary" onClick={() => setConfirming(true)}>
            Make a new link
          </button>
        )}
      </div>
      {confirming && (
        <div class="alert alert-warn rm-confirm" role="group" aria-labelledby="rm-confirm-text">
          <p id="rm-confirm-text">
            The current link will stop working at once, and calendars that use it will stop updating. Make a
            new link?
          </p>
          <div class="rm-buttons">
            <button type="button" class="btn btn-danger" disabled={busy} onClick={() => void rotate()}>
              Yes, make a new link
            </button>
            <button type="button" class="btn btn-quiet" onClick={() => setConfirming(false)}>
              Keep the current link
            </button>
          </div>
        </div>
      )}
      {msg && (
        <p class="alert alert-info" role="status">
          {msg}
        </p>
      )}
    </section>
  );
}
