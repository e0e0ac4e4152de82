import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Loading } from '../forms';

export interface FlagItem {
  id: string;
  patientId: string;
  patientName: string | null;
  kind: string;
  severity: string;
  status: 'open' | 'acknowledged' | 'resolved';
  summary: string;
  since: string;
  createdAt: string;
}

const KIND_LABELS: Record<string, string> = {
  warningSign: 'Warning sign',
  worsening: 'Pain getting worse',
  painSpreading: 'Pain spreading down the leg',
  noImprovement2Weeks: 'No improvement at 2 weeks',
  noImprovement6Weeks: 'No improvement at 6 weeks',
  quiet: 'Gone quiet',
  silent: 'Silent for a week',
};

const SEVERITY_LABELS: Record<string, string> = {
  emergency: 'Emergency',
  urgent: 'Urgent',
  attention: 'Needs attention',
  info: 'For information',
};

/**
 * The flag queue: the clinician's patients who need attention, most serious
 * and newest first. Acknowledge says "someone is on it"; resolve needs a note.
 */
export function FlagQueue() {
  const [flags, setFlags] = useState<FlagItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resolving, setResolving] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    api<{ flags: FlagItem[] }>('GET', '/api/clinic/flags')
      .then((r) => setFlags(r.flags))
      .catch((e: { message?: string }) => setError(e.message ?? 'Could not load the flags.'));
  }, [tick]);

  const act = async (id: string, action: 'acknowledge' | 'resolve', body: Record<string, string>) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/clinic/flags/${id}/${action}`, body);
      setResolving(null);
      setNote('');
      setTick((t) => t + 1);
    } catch (e) {
      setError((e as { message?: string }).message ?? 'That did not work. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card flag-queue" aria-labelledby="flags-title">
      <div class="card-title">
        <h2 id="flags-title">Needs attention</h2>
        {flags && <span class="badge">{flags.length}</span>}
      </div>
      {error && (
        <div class="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {!flags && !error ? (
        <Loading label="Loading flags…" />
      ) : flags && flags.length === 0 ? (
        <div class="empty">
          <h3>No open flags</h3>
          <p>
            When a patient reports a warning sign, gets worse, stops improving or goes quiet, they appear
            here.
          </p>
        </div>
      ) : (
        <ul class="flag-list">
          {(flags ?? []).map((f) => (
            <li key={f.id} class={`flag flag-${f.severity}`}>
              <div class="flag-head">
                <span class={`badge flag-badge-${f.severity}`}>
                  {SEVERITY_LABELS[f.severity] ?? f.severity}
                </span>
                <strong>{KIND_LABELS[f.kind] ?? f.kind}</strong>
                <span class="muted small">
                  {f.patientName ?? 'A patient'} · since {f.since}
                  {f.status === 'acknowledged' ? ' · acknowledged' : ''}
                </span>
              </div>
              <p class="small">{f.summary}</p>
              <div class="row">
                <a class="btn btn-secondary" href={`/app/patients/${f.patientId}`}>
                  Open patient
                </a>
                {f.status === 'open' && (
                  <button
                    type="button"
                    class="btn btn-quiet"
                    disabled={busy}
                    onClick={() => act(f.id, 'acknowledge', {})}
                  >
                    Acknowledge
                  </button>
                )}
                <button
                  type="button"
                  class="btn btn-quiet"
                  aria-expanded={resolving === f.id}
                  onClick={() => setResolving(resolving === f.id ? null : f.id)}
                >
                  Resolve…
                </button>
              </div>
              {resolving === f.id && (
                <form
                  class="flag-resolve"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void act(f.id, 'resolve', { note });
                  }}
                >
                  <label for={`note-${f.id}`}>What was done?</label>
                  <textarea
                    id={`note-${f.id}`}
                    value={note}
                    required
                    maxLength={2000}
                    onInput={(e) => setNote(e.currentTarget.value)}
                  />
                  <button type="submit" class="btn" disabled={busy || note.trim() === ''}>
                    Resolve flag
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
