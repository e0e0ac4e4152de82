/**
 * The clinic's adaptive-plan thresholds: each value with its default, the
 * range the core allows, where the number comes from and what it does. Clinic
 * admins can change them (the server refuses anything outside the range) or
 * reset all to the defaults; clinicians read them.
 */
import { useState } from 'preact/hooks';
import { ApiFailure, api } from '../api';
import type { SessionUser } from '../types';
import { LoadError, Loading, PortalNav, dateTime, useLoad } from './shared';

interface Threshold {
  key: string;
  label: string;
  explain: string;
  unit: string;
  group: string;
  source: string;
  designProposal: boolean;
  default: number;
  min: number;
  max: number;
  wholeNumber: boolean;
  value: number;
  changed: boolean;
}
interface ThresholdsResp {
  canEdit: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
  thresholds: Threshold[];
}

export function ThresholdsPage(props: { user: SessionUser; current: string }) {
  const view = useLoad<ThresholdsResp>('/api/clinic/progression-thresholds');
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ message: string; key: string | null } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const data = view.data;
  if (view.error) return <LoadError error={view.error} />;
  if (!data) return <Loading label="Loading the thresholds…" />;

  const valueOf = (t: Threshold) => draft[t.key] ?? String(t.value);
  const send = async (values: Record<string, number>, done: string) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const res = await api<ThresholdsResp>('PUT', '/api/clinic/progression-thresholds', {
        thresholds: values,
      });
      view.setData(res);
      setDraft({});
      setSaved(done);
    } catch (e) {
      const err = e instanceof ApiFailure ? e.error : null;
      const key = err?.path?.startsWith('thresholds.') ? err.path.slice('thresholds.'.length) : null;
      setError({ message: err?.message ?? 'That did not work. Please try again.', key });
      setTimeout(() => document.getElementById(key ? `th-${key}` : 'th-error')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };
  const save = (e: Event) => {
    e.preventDefault();
    const values: Record<string, number> = {};
    for (const t of data.thresholds) {
      const raw = valueOf(t).trim();
      const n = Number(raw);
      values[t.key] = raw === '' || Number.isNaN(n) ? Number.NaN : n;
    }
    const bad = data.thresholds.find((t) => Number.isNaN(values[t.key]));
    if (bad) {
      setSaved(null);
      setError({ message: `${bad.label}: enter a number from ${bad.min} to ${bad.max}.`, key: bad.key });
      setTimeout(() => document.getElementById(`th-${bad.key}`)?.focus(), 0);
      return;
    }
    void send(values, 'Saved. The next plan review for each of your patients uses these values.');
  };
  const groups = [...new Set(data.thresholds.map((t) => t.group))];
  const changed = data.thresholds.filter((t) => t.changed).length;

  return (
    <div class="stack">
      <PortalNav user={props.user} current={props.current} />
      <h1>Adaptive plan thresholds</h1>
      <p class="lede">
        These numbers decide when a patient’s exercises step up or down and when you are alerted. Each has a
        safe range set by hipback’s clinical rules; the clinic can only choose inside it.
      </p>
      <p class="small muted">
        {changed === 0
          ? 'All values are the defaults.'
          : `${changed} value${changed === 1 ? '' : 's'} changed from the defaults`}
        {data.updatedAt
          ? ` · last saved ${dateTime(data.updatedAt)}${data.updatedBy ? ` by ${data.updatedBy}` : ''}`
          : ''}
        .{!data.canEdit && ' Only a clinic admin can change them.'}
      </p>
      <div role="status" aria-live="polite">
        {saved && <p class="alert alert-ok">{saved}</p>}
      </div>
      {error && (
        <p class="alert alert-error" role="alert" id="th-error" tabIndex={-1}>
          {error.message}
        </p>
      )}
      <form noValidate onSubmit={save} class="stack">
        {groups.map((g) => (
          <section class="card" key={g} aria-labelledby={`th-g-${g.replace(/\W+/g, '-')}`}>
            <h2 id={`th-g-${g.replace(/\W+/g, '-')}`}>{g}</h2>
            <ul class="th-list">
              {data.thresholds
                .filter((t) => t.group === g)
                .map((t) => {
                  const invalid = error?.key === t.key;
                  return (
                    <li key={t.key} class={`th-row${invalid ? ' is-invalid' : ''}`}>
                      <div class="th-what">
                        {data.canEdit ? (
                          <label for={`th-${t.key}`} class="th-label">
                            {t.label}
                          </label>
                        ) : (
                          <span class="th-label">{t.label}</span>
                        )}
                        <p class="small" id={`th-${t.key}-hint`}>
                          {t.explain}
                        </p>
                      </div>
                      <div class="th-value">
                        {data.canEdit ? (
                          <input
                            id={`th-${t.key}`}
                            type="number"
                            inputMode={t.wholeNumber ? 'numeric' : 'decimal'}
                            step={t.wholeNumber ? 1 : 'any'}
                            value={valueOf(t)}
                            aria-describedby={`th-${t.key}-hint th-${t.key}-range`}
                            aria-invalid={invalid ? 'true' : undefined}
                            onInput={(e) => {
                              const v = e.currentTarget.value;
                              setDraft((d) => ({ ...d, [t.key]: v }));
                            }}
                          />
                        ) : (
                          <strong class="th-current">{t.value}</strong>
                        )}{' '}
                        <span class="small">{t.unit}</span>
                        {t.changed && <span class="badge badge-warn">changed</span>}
                      </div>
                      <dl class="th-meta small">
                        <div>
                          <dt>Default</dt>
                          <dd>{t.default}</dd>
                        </div>
                        <div>
                          <dt>Allowed</dt>
                          <dd id={`th-${t.key}-range`}>
                            {t.min} to {t.max}
                          </dd>
                        </div>
                        <div class="th-source">
                          <dt>Source</dt>
                          <dd>
                            {t.source}
                            {t.designProposal && <span class="muted"> (design proposal)</span>}
                          </dd>
                        </div>
                      </dl>
                    </li>
                  );
                })}
            </ul>
          </section>
        ))}
        {data.canEdit && (
          <div class="pp-actions">
            <button type="submit" class="btn" disabled={busy} aria-busy={busy ? 'true' : 'false'}>
              {busy ? 'Saving…' : 'Save thresholds'}
            </button>
            <button
              type="button"
              class="btn btn-secondary"
              disabled={busy}
              onClick={() => void send({}, 'All thresholds are back to their defaults.')}
            >
              Reset to defaults
            </button>
          </div>
        )}
      </form>
    </div>
  );
}
