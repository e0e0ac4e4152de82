/** The activity log: walking, cycling, swimming; the week against the goal; the last 14 days. */
import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '../../ui/plan-text';
import { RadioGroup, Scale } from '../selfcheck/controls';
import type { SessionUser } from '../types';
import { type Activity, plural } from './data';
import { cachedGet, localDate, newClientId, queueWrite, readQueue } from './offline';
import { useSync } from './SyncBar';
import { useToday } from './TodayPage';

type Kind = 'walking' | 'cycling' | 'swimming' | 'other';
const KIND_LABELS: Record<Kind, string> = {
  walking: 'Walking',
  cycling: 'Cycling',
  swimming: 'Swimming',
  other: 'Other',
};
const QUICK = [10, 20, 30, 45];

export function ActivityPage(props: { user: SessionUser }) {
  const { today: resp, reload } = useToday();
  const sync = useSync();
  const [kind, setKind] = useState<Kind>('walking');
  const [minutes, setMinutes] = useState('');
  const [effort, setEffort] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [list, setList] = useState<Activity[] | null>(null);
  const [tick, setTick] = useState(0);
  const tz = props.user.timezone;

  useEffect(() => {
    cachedGet<{ activities: Activity[] }>('/api/me/activities?days=14')
      .then((r) => setList(r.data.activities))
      .catch(() => setList([]));
  }, [tick, sync.queued === 0]);

  const pending: Activity[] = readQueue()
    .filter((w) => w.url === '/api/me/activities')
    .map((w) => w.body as unknown as Activity);
  const known = new Set((list ?? []).map((a) => a.clientId));
  const rows = [...(list ?? []), ...pending.filter((p) => !known.has(p.clientId))].sort((a, b) =>
    b.date.localeCompare(a.date),
  );
  const pendingIds = new Set(pending.map((p) => p.clientId));

  const submit = async (e: Event) => {
    e.preventDefault();
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < 1 || n > 600) {
      setError('Minutes must be a whole number from 1 to 600.');
      setTimeout(() => document.getElementById('f-minutes')?.focus(), 0);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const clientId = newClientId();
      const body: Record<string, unknown> = { clientId, date: localDate(tz), kind, minutes: n };
      if (effort !== null) body.effort = effort;
      const res = await queueWrite(clientId, 'POST', '/api/me/activities', body);
      setSaved(
        `${KIND_LABELS[kind]}, ${plural(n, 'minute')}: ${res ? 'saved' : 'saved on this device; it will sync when you are online'}.`,
      );
      setMinutes('');
      setEffort(null);
      setTick((t) => t + 1);
      reload();
    } catch (err) {
      setError((err as { message?: string }).message ?? 'We could not save that.');
    } finally {
      setBusy(false);
    }
  };

  const t = resp?.today;
  const act = t?.activity;
  return (
    <div class="stack pt-activity">
      <header class="pt-head">
        <h1 tabIndex={-1}>Activity</h1>
        <p class="pt-sub">Walking, cycling, swimming: anything where you can still talk counts.</p>
      </header>

      {act && (
        <section class="card" aria-labelledby="act-week">
          <h2 id="act-week" class="pt-task-title">
            This week
          </h2>
          <progress
            class="pt-progress"
            max={act.weekGoal}
            value={Math.min(act.weekMinutes, act.weekGoal)}
            aria-labelledby="act-week"
            aria-describedby="act-week-words"
          />
          <p id="act-week-words" class="pt-progress-words" data-testid="week-minutes">
            <strong>{act.weekMinutes}</strong> of {act.weekGoal} minutes
            {act.weekMinutes >= act.weekGoal
              ? ' · goal reached'
              : ` · ${act.weekGoal - act.weekMinutes} to go`}
          </p>
        </section>
      )}

      <form class="card stack" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="act-log">
        <h2 id="act-log" class="pt-task-title">
          Log an activity
        </h2>
        {saved && (
          <div class="alert alert-ok" role="status">
            {saved}
          </div>
        )}
        <RadioGroup
          name="kind"
          legend="What did you do?"
          inline
          options={Object.entries(KIND_LABELS) as [Kind, string][]}
          value={kind}
          onChange={setKind}
        />
        <div class="field">
          <label for="f-minutes">Minutes</label>
          <input
            id="f-minutes"
            name="minutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={600}
            class="pt-minutes"
            value={minutes}
            onInput={(e) => {
              setMinutes(e.currentTarget.value);
              setSaved(null);
            }}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'f-minutes-error' : undefined}
          />
          {error && (
            <span class="field-error" id="f-minutes-error">
              {error}
            </span>
          )}
          <div class="pt-chips" role="group" aria-label="Quick picks">
            {QUICK.map((q) => (
              <button
                key={q}
                type="button"
                class="btn btn-quiet pt-chip"
                onClick={() => setMinutes(String(q))}
              >
                {q} min
              </button>
            ))}
          </div>
        </div>
        <Scale
          name="effort"
          legend="How hard did it feel?"
          hint="Optional"
          value={effort}
          onChange={setEffort}
          low="Very easy"
          high="As hard as I could"
        />
        <button
          type="submit"
          class="btn btn-block pt-big"
          disabled={busy}
          aria-busy={busy ? 'true' : 'false'}
        >
          {busy ? 'Saving…' : 'Save activity'}
        </button>
      </form>

      <section class="card" aria-labelledby="act-recent">
        <h2 id="act-recent" class="pt-task-title">
          The last 14 days
        </h2>
        {list === null ? (
          <p class="muted">Loading…</p>
        ) : rows.length === 0 ? (
          <p class="muted">Nothing logged yet. A 10-minute walk is a fine start.</p>
        ) : (
          <ul class="pt-list">
            {rows.map((a) => (
              <li key={a.clientId}>
                <span>
                  <strong>{KIND_LABELS[a.kind as Kind] ?? a.kind}</strong>, {plural(a.minutes, 'minute')}
                  {a.effort !== null && a.effort !== undefined ? ` · effort ${a.effort}/10` : ''}
                </span>
                <span class="muted small">
                  {formatDate(a.date).replace(/, \d{4}$/, '')}
                  {pendingIds.has(a.clientId) ? ' · waiting to sync' : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <a href="/app">Back to Today</a>
      </p>
    </div>
  );
}
