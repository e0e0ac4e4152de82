/**
 * The plan history for the PT: every version with its reason, each automatic
 * change with Approve and Undo (undo asks to confirm first and may lock the
 * exercise), and what the engine would have changed on locked exercises,
 * ready to apply or dismiss.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { LoadError, Loading, dateTime, useLoad } from './shared';

interface Change {
  itemId: string;
  kind: string;
  reason: string;
  ruleId: string;
  from: string;
  to: string;
  automatic: boolean;
  status: 'pending' | 'approved' | 'undone' | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  canUndo: boolean;
}
interface Version {
  version: number;
  source: string;
  reason: string;
  createdAt: string;
  createdBy: string | null;
  changes: Change[];
}
interface Suggestion {
  id: string;
  itemId: string;
  kind: string;
  reason: string;
  from: string;
  to: string;
  createdAt: string;
}
export interface ReviewData {
  versions: Version[];
  suggestions: Suggestion[];
}

const SOURCE_WORDS: Record<string, string> = {
  intake: 'Self-check',
  clinician: 'Physical therapist',
  progression: 'Automatic change',
};
const KIND_WORDS: Record<string, string> = {
  progress: 'Moved up',
  doseUp: 'Dose up',
  regress: 'Moved back',
  doseDown: 'Dose down',
  swap: 'Swapped',
  activityGoal: 'Activity goal',
  hold: 'Held',
  undo: 'Kept as it was',
};
const SUGGEST_WORDS: Record<string, string> = {
  progress: 'would have moved up',
  doseUp: 'would have had its dose raised',
  regress: 'would have moved back',
  doseDown: 'would have had its dose lowered',
  swap: 'would have been swapped',
  activityGoal: 'would have had its goal raised',
};

function StatusBadge(props: { change: Change }) {
  const c = props.change;
  if (!c.automatic || !c.status) return null;
  if (c.status === 'pending') return <span class="badge badge-warn">Not reviewed</span>;
  const who = c.reviewedBy ? ` by ${c.reviewedBy}` : '';
  return c.status === 'approved' ? (
    <span class="badge badge-ok">Approved{who}</span>
  ) : (
    <span class="badge badge-muted">Undone{who}</span>
  );
}

function UndoConfirm(props: {
  change: Change;
  onCancel: () => void;
  onDone: (data: ReviewData, message: string) => void;
  patientId: string;
  version: number;
}) {
  const [note, setNote] = useState('');
  const [lock, setLock] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `undo-${props.version}-${props.change.itemId.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const data = await api<ReviewData>('POST', `/api/clinic/patients/${props.patientId}/plan-review/undo`, {
        version: props.version,
        itemId: props.change.itemId,
        ...(note.trim() ? { note: note.trim() } : {}),
        lock,
      });
      props.onDone(data, `Undone. The patient is back on ${props.change.from}.`);
    } catch (e) {
      setError((e as { message?: string }).message ?? 'That did not work. Please try again.');
      setBusy(false);
    }
  };
  return (
    <div class="pr-confirm" role="group" aria-labelledby={`${id}-t`}>
      <p id={`${id}-t`} tabIndex={-1} class="pr-confirm-title">
        <strong>Undo this change?</strong>
      </p>
      <p class="small">
        The patient goes back to <strong>{props.change.from}</strong> from tomorrow, and reads that their
        therapist kept it.
      </p>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div class="field">
        <label for={`${id}-note`}>Note to the patient (optional)</label>
        <textarea id={`${id}-note`} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      <div class="sc-option">
        <input
          type="checkbox"
          id={`${id}-lock`}
          checked={lock}
          onChange={(e) => setLock(e.currentTarget.checked)}
        />
        <label for={`${id}-lock`}>Lock this exercise from automatic changes</label>
      </div>
      <div class="pp-actions">
        <button
          type="button"
          class="btn"
          disabled={busy}
          aria-busy={busy ? 'true' : 'false'}
          onClick={() => void confirm()}
        >
          {busy ? 'Undoing…' : 'Yes, undo it'}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function PlanReview(props: { patientId: string }) {
  const url = `/api/clinic/patients/${props.patientId}/plan-review`;
  const view = useLoad<ReviewData>(url);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const data = view.data;

  const act = async (path: string, body: Record<string, unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      view.setData(await api<ReviewData>('POST', `${url.replace('/plan-review', '')}${path}`, body));
      setMessage(done);
    } catch (e) {
      setError((e as { message?: string }).message ?? 'That did not work. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  if (view.error) return <LoadError error={view.error} />;
  if (!data) return <Loading label="Loading the plan history…" />;
  const pending = data.versions.flatMap((v) => v.changes).filter((c) => c.status === 'pending').length;
  return (
    <div class="stack">
      <p class="small muted">
        {pending === 0
          ? 'Every automatic change has been reviewed.'
          : `${pending} automatic change${pending === 1 ? '' : 's'} not reviewed yet.`}
      </p>
      <div role="status" aria-live="polite">
        {message && <p class="alert alert-ok">{message}</p>}
      </div>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {data.suggestions.length > 0 && (
        <section class="pr-suggestions" aria-labelledby="sugg-title">
          <h3 id="sugg-title">Suggestions for locked exercises</h3>
          <ul class="pr-list">
            {data.suggestions.map((s) => (
              <li key={s.id} class="pr-item">
                <p>
                  <strong>{s.from}</strong> {SUGGEST_WORDS[s.kind] ?? 'would have changed'}:{' '}
                  <strong>{s.to}</strong>. Apply?
                </p>
                <p class="small">{s.reason}</p>
                <div class="pp-actions">
                  <button
                    type="button"
                    class="btn"
                    disabled={busy}
                    onClick={() =>
                      void act(
                        `/plan-suggestions/${s.id}/apply`,
                        {},
                        `Applied: the patient now does ${s.to}.`,
                      )
                    }
                  >
                    Apply
                  </button>
                  <button
                    type="button"
                    class="btn btn-secondary"
                    disabled={busy}
                    onClick={() => void act(`/plan-suggestions/${s.id}/dismiss`, {}, 'Suggestion dismissed.')}
                  >
                    Dismiss
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.versions.length === 0 ? (
        <p class="muted">No plan yet.</p>
      ) : (
        <ol class="pr-list" reversed>
          {data.versions.map((v) => (
            <li key={v.version} class="pr-version">
              <p>
                <strong>Version {v.version}</strong> · {SOURCE_WORDS[v.source] ?? v.source}
                {v.createdBy ? ` (${v.createdBy})` : ''} · {dateTime(v.createdAt)}
              </p>
              {v.changes.length === 0 ? (
                <p class="small">{v.reason}</p>
              ) : (
                <ul class="pr-changes">
                  {v.changes.map((c) => {
                    const key = `${v.version}:${c.itemId}`;
                    return (
                      <li key={key} class="pr-item">
                        <p>
                          <span class="pr-kind">{KIND_WORDS[c.kind] ?? c.kind}:</span> {c.from} →{' '}
                          <strong>{c.to}</strong> <StatusBadge change={c} />
                        </p>
                        <p class="small">{c.reason}</p>
                        {c.reviewNote && <p class="small muted">Note: {c.reviewNote}</p>}
                        {c.automatic && c.status !== 'undone' && confirming !== key && (
                          <div class="pp-actions">
                            {c.status === 'pending' && (
                              <button
                                type="button"
                                class="btn btn-secondary"
                                disabled={busy}
                                aria-label={`Approve: ${c.from} to ${c.to}`}
                                onClick={() =>
                                  void act(
                                    '/plan-review/approve',
                                    { version: v.version, itemId: c.itemId },
                                    'Change approved.',
                                  )
                                }
                              >
                                Approve
                              </button>
                            )}
                            {c.canUndo && (
                              <button
                                type="button"
                                class="btn btn-secondary"
                                disabled={busy}
                                aria-label={`Undo: ${c.from} to ${c.to}`}
                                onClick={() => {
                                  setConfirming(key);
                                  setMessage(null);
                                  setTimeout(() => {
                                    const el = document.getElementById(
                                      `undo-${v.version}-${c.itemId.replace(/[^A-Za-z0-9-]/g, '-')}-t`,
                                    );
                                    el?.focus();
                                  }, 0);
                                }}
                              >
                                Undo…
                              </button>
                            )}
                          </div>
                        )}
                        {confirming === key && (
                          <UndoConfirm
                            change={c}
                            patientId={props.patientId}
                            version={v.version}
                            onCancel={() => setConfirming(null)}
                            onDone={(d, m) => {
                              view.setData(d);
                              setConfirming(null);
                              setMessage(m);
                            }}
                          />
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
