import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { FormError, useForm } from '../forms';
import type { SessionUser } from '../types';
import { Loading, useLoad } from './shared';

interface Window {
  weekday: number;
  start: string;
  end: string;
  types: string[];
}
interface Availability {
  timezone: string;
  timezoneLabel: string;
  types: { slug: string; name: string; durationMinutes: number }[];
  clinicians: { id: string; displayName: string }[];
  clinicianId: string | null;
  windows: Window[];
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TIMES: string[] = [];
for (let m = 6 * 60; m <= 21 * 60; m += 15) {
  TIMES.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
}
const timeLabel = (t: string) => {
  const [h, m] = t.split(':').map(Number) as [number, number];
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
};

function TimeSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  invalid: boolean;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        aria-invalid={props.invalid ? 'true' : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {TIMES.map((t) => (
          <option value={t} key={t}>
            {timeLabel(t)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Staff: weekly consultation hours, in the clinic's time zone. An admin can pick which clinician. */
export function AvailabilityPage(props: { user: SessionUser }) {
  const [clinicianId, setClinicianId] = useState<string | null>(null);
  const data = useLoad<Availability>(
    `/api/clinic/availability${clinicianId ? `?clinicianId=${encodeURIComponent(clinicianId)}` : ''}`,
  );
  const [windows, setWindows] = useState<Window[]>([]);
  const [saved, setSaved] = useState(false);
  const f = useForm();

  useEffect(() => {
    if (data.data) setWindows(data.data.windows);
  }, [data.data]);

  if (data.error)
    return (
      <div class="alert alert-error" role="alert">
        {data.error}
      </div>
    );
  if (!data.data) return <Loading label="Loading availability…" />;
  const a = data.data;
  const update = (i: number, patch: Partial<Window>) => {
    setSaved(false);
    setWindows((ws) => ws.map((w, k) => (k === i ? { ...w, ...patch } : w)));
  };
  const errorIndex = /^windows\[(\d+)\]/.exec(f.error?.path ?? '')?.[1];

  return (
    <div class="stack">
      <div class="spread bk-head">
        <h1>Consultation availability</h1>
        <a class="btn btn-secondary" href="/app/inbox">
          Back to the inbox
        </a>
      </div>
      <p class="muted">
        The weekly hours when free consultations can be booked, in <strong>{a.timezoneLabel}</strong> (
        {a.timezone}). Visitors see open times up to three weeks ahead, at least two hours from now.
      </p>
      {props.user.role === 'admin' && (
        <div class="field bk-narrow">
          <label for="f-clinician">Clinician</label>
          <select
            id="f-clinician"
            value={a.clinicianId ?? ''}
            onChange={(e) => setClinicianId(e.currentTarget.value)}
          >
            {a.clinicians.map((c) => (
              <option value={c.id} key={c.id}>
                {c.displayName}
              </option>
            ))}
          </select>
        </div>
      )}
      {!a.clinicianId ? (
        <div class="card empty">
          <h3>No clinicians yet</h3>
          <p>Invite a clinician first; then you can set their consultation hours here.</p>
        </div>
      ) : (
        <form
          noValidate
          class="stack"
          onSubmit={f.submit(async () => {
            const res = await api<Availability>('PUT', '/api/clinic/availability', {
              clinicianId: a.clinicianId,
              windows,
            });
            setWindows(res.windows);
            setSaved(true);
          })}
        >
          <FormError error={f.error} />
          {windows.length === 0 && (
            <div class="card empty">
              <h3>No hours yet</h3>
              <p>Add a time range below to start taking free consultations.</p>
            </div>
          )}
          {windows.map((w, i) => (
            <fieldset class={`card bk-window${errorIndex === String(i) ? ' has-error' : ''}`} key={i}>
              <legend class="visually-hidden">Time range {i + 1}</legend>
              <div class="bk-window-grid">
                <div class="field">
                  <label for={`w${i}-day`}>Day</label>
                  <select
                    id={`w${i}-day`}
                    value={String(w.weekday)}
                    onChange={(e) => update(i, { weekday: Number(e.currentTarget.value) })}
                  >
                    {WEEKDAYS.map((d, k) => (
                      <option value={String(k)} key={d}>
                        {d}
                      </option>
                    ))}
                  </select>
                </div>
                <TimeSelect
                  id={`w${i}-start`}
                  label="From"
                  value={w.start}
                  onChange={(v) => update(i, { start: v })}
                  invalid={f.error?.path === `windows[${i}].start`}
                />
                <TimeSelect
                  id={`w${i}-end`}
                  label="Until"
                  value={w.end}
                  onChange={(v) => update(i, { end: v })}
                  invalid={f.error?.path === `windows[${i}].end`}
                />
              </div>
              <div
                class="bk-window-types"
                role="group"
                aria-label={`Consultation types for time range ${i + 1}`}
              >
                {a.types.map((t) => (
                  <label class="bk-check" key={t.slug}>
                    <input
                      type="checkbox"
                      checked={w.types.includes(t.slug)}
                      onChange={(e) =>
                        update(i, {
                          types: e.currentTarget.checked
                            ? [...w.types, t.slug]
                            : w.types.filter((s) => s !== t.slug),
                        })
                      }
                    />
                    {t.name} ({t.durationMinutes} min)
                  </label>
                ))}
              </div>
              <button
                type="button"
                class="btn btn-quiet"
                onClick={() => {
                  setSaved(false);
                  setWindows((ws) => ws.filter((_, k) => k !== i));
                }}
              >
                Remove this time range
              </button>
            </fieldset>
          ))}
          <div class="row">
            <button
              type="button"
              class="btn btn-secondary"
              onClick={() => {
                setSaved(false);
                setWindows((ws) => [
                  ...ws,
                  { weekday: 1, start: '09:00', end: '12:00', types: a.types.map((t) => t.slug) },
                ]);
              }}
            >
              Add a time range
            </button>
            <button type="submit" class="btn" disabled={f.busy}>
              Save availability
            </button>
            {saved && (
              <span class="muted small" role="status">
                Saved.
              </span>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
