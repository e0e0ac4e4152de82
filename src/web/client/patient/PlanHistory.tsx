/**
 * The patient's plan history: every change to their plan, newest first, each
 * with the reason in plain words, including a therapist's undo of an
 * automatic change ("Your therapist kept …").
 */
import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '../../ui/plan-text';
import { cachedGet } from './offline';

interface Version {
  version: number;
  createdAt: string;
  source: string;
  reason: string;
  changes: { itemId: string; kind: string; reason: string }[];
}

const WHO: Record<string, string> = {
  intake: 'From your self-check',
  clinician: 'By your physical therapist',
  progression: 'As you progressed',
};

export function PlanHistory() {
  const [versions, setVersions] = useState<Version[] | null>(null);
  useEffect(() => {
    let live = true;
    void cachedGet<{ versions: Version[] }>('/api/me/plan/history')
      .then((r) => live && setVersions(r.data.versions))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  if (!versions || versions.length < 2) return null;
  return (
    <section class="card" aria-labelledby="plan-history-title">
      <h2 id="plan-history-title">How your plan has changed</h2>
      <ol class="pr-list" reversed>
        {versions.map((v) => (
          <li key={v.version} class="pr-version">
            <p class="small muted">
              {formatDate(v.createdAt.slice(0, 10))} · {WHO[v.source] ?? 'Updated'}
            </p>
            {v.changes.length > 0 ? (
              <ul class="steps">
                {v.changes.map((c) => (
                  <li key={c.itemId + c.kind}>{c.reason}</li>
                ))}
              </ul>
            ) : (
              <p>{v.reason}</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
