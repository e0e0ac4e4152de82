import { useEffect, useState } from 'preact/hooks';
import { cachedGet } from './offline';

interface Notice {
  id: string;
  kind: string;
  action: string;
  severity: string;
  patientMessage: string;
  since: string;
}
interface Version {
  version: number;
  createdAt: string;
  source: string;
  changes: { itemId: string; kind: string; reason: string; undoOf?: { version: number; itemId: string } }[];
}

const TONE: Record<string, string> = {
  emergency: 'alert-error',
  urgent: 'alert-error',
  attention: 'alert-warn',
  info: 'alert-info',
};

/** How long ago a plan change counts as news on Today. */
const RECENT_DAYS = 7;

/**
 * What the adaptive plan has to tell the patient: open notices (book a review,
 * we have not heard from you, …) and the plan's latest automatic changes, each
 * with its reason in plain words.
 */
export function Notices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const [latest, setLatest] = useState<Version | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => {
      void cachedGet<{ flags: Notice[] }>('/api/me/flags')
        .then((r) => live && setNotices(r.data.flags))
        .catch(() => {});
      void cachedGet<{ versions: Version[] }>('/api/me/plan/history')
        .then((r) => {
          // Every change of the last days, newest first; a change the PT undid shows as the undo only.
          const recent = r.data.versions.filter(
            (x) => x.changes.length > 0 && Date.now() - Date.parse(x.createdAt) < RECENT_DAYS * 86_400_000,
          );
          const undone = new Set(
            recent.flatMap((x) =>
              x.changes.map((c) => (c.undoOf ? `${c.undoOf.version}:${c.undoOf.itemId}` : '')),
            ),
          );
          const changes = recent.flatMap((x) =>
            x.changes.filter((c) => !undone.has(`${x.version}:${c.itemId}`)),
          );
          if (live) setLatest(recent[0] && changes.length > 0 ? { ...recent[0], changes } : null);
        })
        .catch(() => {});
    };
    // In a task of its own, after the screen is up: these are below the fold.
    const id = setTimeout(load, 0);
    return () => {
      clearTimeout(id);
      live = false;
    };
  }, []);
  // The check-in banner above already speaks for warning signs.
  const shown = notices.filter((n) => n.kind !== 'warningSign');
  if (shown.length === 0 && !latest) return null;
  return (
    <div class="stack">
      {shown.map((n) => (
        <section
          class={`alert ${TONE[n.severity] ?? 'alert-info'}`}
          key={n.id}
          aria-label="A note about your program"
        >
          <p>{n.patientMessage}</p>
          {n.action === 'reviewSuggested' && (
            <a class="btn btn-secondary" href="/book">
              Book a review with a physical therapist
            </a>
          )}
        </section>
      ))}
      {latest && (
        <section class="card" aria-labelledby="plan-changes-title">
          <h2 id="plan-changes-title">Your plan changed</h2>
          <ul class="steps">
            {latest.changes.map((c, i) => (
              <li key={`${i}:${c.itemId}`}>{c.reason}</li>
            ))}
          </ul>
          <a href="/app/plan">See your plan</a>
        </section>
      )}
    </div>
  );
}
