import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, api } from '../api';
import { Loading } from '../forms';

export interface ConsultationType {
  slug: string;
  name: string;
  description: string;
  durationMinutes: number;
  mode: 'inClinic' | 'phone' | 'video';
}

export interface SlotDay {
  date: string;
  label: string;
  slots: { start: string; end: string; label: string }[];
}

export interface SlotList {
  timezone: string;
  timezoneLabel: string;
  type: string;
  minNoticeMinutes: number;
  days: SlotDay[];
}

export interface BookingSummary {
  id: string;
  status: 'booked' | 'cancelled' | 'rescheduled';
  type: { slug: string; name: string; durationMinutes: number; mode: ConsultationType['mode'] };
  start: string;
  end: string;
  timezone: string;
  timezoneLabel: string;
  name: string;
  email: string;
  clinic: { name: string; address: string; phone: string; email: string };
  canChange: boolean;
  contactPreference: 'email' | 'phone' | 'text';
}

/** "Thursday, March 11 at 9:00 AM" in the given zone. */
export function formatWhen(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(d);
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(d);
  return `${day} at ${time}`;
}

export { Loading };

/** Loads a URL (or nothing when null); `reload` fetches again. */
export function useLoad<T>(url: string | null, key: unknown = 0) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!url) return;
    let live = true;
    setError(null);
    setData(null);
    api<T>('GET', url)
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e instanceof ApiFailure ? e.message : 'Could not load this.'));
    return () => {
      live = false;
    };
  }, [url, tick, key]);
  return { data, error, reload: () => setTick((t) => t + 1) };
}

const DAYS_SHOWN = 3;

/**
 * Open times grouped by day, as a list of buttons: phone-first, one tap per
 * time. Shows the first few days, with a button for more.
 */
export function SlotPicker(props: {
  type: string;
  selected: string | null;
  onSelect: (start: string) => void;
  refreshKey?: number;
}) {
  const [tick, setTick] = useState(0);
  const slots = useLoad<SlotList>(
    `/api/consultations/slots?type=${encodeURIComponent(props.type)}`,
    `${props.refreshKey ?? 0}-${tick}`,
  );
  const [showAll, setShowAll] = useState(false);
  if (slots.error) {
    return (
      <div class="alert alert-error" role="alert">
        {slots.error}{' '}
        <button type="button" class="btn btn-quiet" onClick={() => setTick((t) => t + 1)}>
          Try again
        </button>
      </div>
    );
  }
  if (!slots.data) return <Loading label="Finding open times…" />;
  const { days, timezoneLabel, timezone } = slots.data;
  if (days.length === 0) {
    return (
      <div class="empty bk-empty">
        <h3>No open times in the next three weeks</h3>
        <p>
          Our therapists are fully booked for now. Please call or email the clinic and we will find a time for
          you.
        </p>
      </div>
    );
  }
  const shown = showAll ? days : days.slice(0, DAYS_SHOWN);
  return (
    <div class="bk-slots">
      <p class="hint bk-zone">
        Times are in <strong>{timezoneLabel}</strong> ({timezone}), the clinic's local time.
      </p>
      {shown.map((day) => (
        <fieldset class="bk-day" key={day.date}>
          <legend>{day.label}</legend>
          <div class="bk-times">
            {day.slots.map((s) => (
              <button
                type="button"
                key={s.start}
                class={`bk-time${props.selected === s.start ? ' is-selected' : ''}`}
                aria-pressed={props.selected === s.start ? 'true' : 'false'}
                aria-label={`${day.label}, ${s.label}`}
                onClick={() => props.onSelect(s.start)}
              >
                {s.label}
              </button>
            ))}
          </div>
        </fieldset>
      ))}
      {!showAll && days.length > DAYS_SHOWN && (
        <button type="button" class="btn btn-secondary" onClick={() => setShowAll(true)}>
          Show more days
        </button>
      )}
    </div>
  );
}
