/**
 * Progress: how the patient's pain, activity, sessions and everyday
 * activities have moved, in charts with a plain-words sentence beside each;
 * streaks and milestones; last week's summary; and a short form to re-rate
 * their own everyday activities.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ProgressView } from '../../../core/progress';
import { Loading } from '../forms';
import { Scale } from '../selfcheck/controls';
import type { SessionUser } from '../types';
import { cachedGet, localDate, newClientId, queueWrite } from './offline';
import { PainLine, Spark, WeekBars, dayLabel } from './progress-charts';
import { useSync } from './SyncBar';

export type ProgressOut = ProgressView & {
  activities: { name: string; latest: number | null; lastRatedOn: string | null }[];
  maxActivities: number;
};

const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);
const one = (n: number | null) => (n === null ? '—' : String(Math.round(n * 10) / 10));

/** Small line icons for the milestone badges (our own drawings). */
function BadgeIcon(props: { id: string }) {
  const paths: Record<string, string> = {
    firstSession: 'M7 12.5l3.2 3.2L17 9',
    tenSessions: 'M6 8h2v8M11 8h4v8h-4zM4 20h16',
    stretchStreak7: 'M12 3c1 4 5 5 5 10a5 5 0 0 1-10 0c0-3 2-4 2-6 1 1 2 2 3 1 0-2-1-3 0-5z',
    activityGoalWeek: 'M6 21V4M6 4h11l-2 4 2 4H6',
    painDown: 'M12 5v13M6.5 12.5L12 18l5.5-5.5',
    activityEasier: 'M4 18l5-5 4 3 7-8M15 8h5v5',
  };
  return (
    <svg viewBox="0 0 24 24" class="pg-badge-icon" aria-hidden="true" focusable="false">
      <path d={paths[props.id] ?? paths.firstSession} />
    </svg>
  );
}

function Badges(props: { list: ProgressView['milestones'] }) {
  return (
    <ul class="pg-badges">
      {props.list.map((m) => (
        <li key={m.id} class={`pg-badge pg-badge-${m.id}`}>
          <BadgeIcon id={m.id} />
          <span class="pg-badge-body">
            <strong class="pg-badge-title">{m.title}</strong>
            <span class="pg-badge-detail">{m.detail}</span>
            <span class="pg-badge-date">{dayLabel(m.date)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function Summary(props: { s: NonNullable<ProgressView['summary']> }) {
  const s = props.s;
  const sessionsDone = s.sessions.stretch.done + s.sessions.strength.done;
  const sessionsPlanned = s.sessions.stretch.planned + s.sessions.strength.planned;
  const rows: { key: string; label: string; figure: string; unit: string; sentence: string }[] = [
    {
      key: 'sessions',
      label: 'Sessions',
      figure: String(sessionsDone),
      unit: sessionsPlanned > 0 ? `of ${sessionsPlanned}` : '',
      sentence: s.sessions.sentence,
    },
    {
      key: 'activity',
      label: 'Activity',
      figure: String(s.activity.minutes),
      unit: `of ${s.activity.goal} min`,
      sentence: s.activity.sentence,
    },
    {
      key: 'pain',
      label: 'Morning pain',
      figure: one(s.pain.mean),
      unit: s.pain.mean === null ? '' : 'average',
      sentence: s.pain.sentence,
    },
    {
      key: 'breaks',
      label: 'Movement breaks',
      figure: String(s.movementBreaks.count),
      unit: '',
      sentence: s.movementBreaks.sentence,
    },
  ];
  return (
    <section class="card pg-summary" aria-labelledby="pg-summary-title">
      <p class="pg-kicker">Your week in review</p>
      <h2 id="pg-summary-title" class="pg-h2">
        Last week, {dayLabel(s.weekStart)} to {dayLabel(s.weekEnd)}
      </h2>
      <dl class="pg-summary-list">
        {rows.map((r) => (
          <div key={r.key} class={`pg-summary-row pg-summary-${r.key}`} data-testid={`summary-${r.key}`}>
            <dt>{r.label}</dt>
            <dd>
              <span class="pg-summary-fig">
                <strong>{r.figure}</strong> {r.unit && <span class="pg-summary-unit">{r.unit}</span>}
              </span>
              <span class="pg-summary-text">{r.sentence}</span>
            </dd>
          </div>
        ))}
      </dl>
      <p class="pg-summary-milestones">{s.milestonesSentence}</p>
    </section>
  );
}

function RateForm(props: { data: ProgressOut; tz: string; onSaved: () => void }) {
  const known = props.data.activities;
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const [newName, setNewName] = useState('');
  const [newScore, setNewScore] = useState<number | null>(null);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canAdd = known.length < props.data.maxActivities;

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    const ratings = known
      .map((a) => ({ activity: a.name, score: scores[a.name] }))
      .filter((r): r is { activity: string; score: number } => typeof r.score === 'number');
    if (newName.trim()) {
      if (newScore === null) {
        setError({ message: `Choose how well you can do “${newName.trim()}”, from 0 to 10.`, field: 'new' });
        return;
      }
      ratings.push({ activity: newName.trim(), score: newScore });
    }
    if (ratings.length === 0) {
      setError({
        message: known.length
          ? 'Choose a number for at least one activity.'
          : 'Name an activity and choose a number from 0 to 10.',
        field: null,
      });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const clientId = newClientId();
      const res = await queueWrite(clientId, 'POST', '/api/me/functional-ratings', {
        clientId,
        date: localDate(props.tz),
        ratings,
      });
      setSaved(
        res
          ? `Saved ${ratings.length === 1 ? 'your rating' : `${ratings.length} ratings`}. Thank you.`
          : 'Saved on this device; it will sync when you are online.',
      );
      setScores({});
      setNewName('');
      setNewScore(null);
      props.onSaved();
    } catch (err) {
      setError({ message: (err as { message?: string }).message ?? 'We could not save that.', field: null });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card stack pg-rate"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-labelledby="pg-rate-title"
    >
      <h2 id="pg-rate-title" class="pg-h2">
        {known.length > 0 ? 'How well can you do these now?' : 'Your everyday activities'}
      </h2>
      <p class="muted pg-rate-intro">
        {known.length > 0
          ? 'For each activity, pick 0 if you cannot do it at all and 10 if you can do it as well as before your pain. Once a week is plenty.'
          : 'Name something your pain makes hard, then pick 0 if you cannot do it at all and 10 if you can do it as well as before your pain.'}
      </p>
      {saved && (
        <div class="alert alert-ok" role="status">
          {saved}
        </div>
      )}
      {error && (
        <div class="alert alert-error" role="alert">
          {error.message}
        </div>
      )}
      {known.map((a, i) => (
        <Scale
          key={a.name}
          name={`fa${i}`}
          legend={a.name}
          hint={
            a.latest !== null
              ? `Last time: ${a.latest} out of 10${a.lastRatedOn ? ` (${dayLabel(a.lastRatedOn)})` : ''}`
              : undefined
          }
          value={scores[a.name] ?? null}
          onChange={(v) => setScores({ ...scores, [a.name]: v })}
          low="Cannot do it"
          high="As well as before"
        />
      ))}
      {canAdd && (
        <div class="pg-add stack">
          <div class="field">
            <label for="pg-new-activity">
              {known.length === 0
                ? 'An everyday activity your pain makes hard'
                : 'Add another activity (optional)'}
            </label>
            <input
              id="pg-new-activity"
              type="text"
              maxLength={100}
              placeholder="e.g. putting on socks"
              value={newName}
              onInput={(e) => setNewName(e.currentTarget.value)}
            />
          </div>
          {newName.trim() && (
            <Scale
              name="fa-new"
              legend={newName.trim()}
              value={newScore}
              onChange={setNewScore}
              low="Cannot do it"
              high="As well as before"
              error={error?.field === 'new' ? error.message : undefined}
            />
          )}
        </div>
      )}
      <button type="submit" class="btn btn-block pt-big" disabled={busy} aria-busy={busy ? 'true' : 'false'}>
        {busy ? 'Saving…' : 'Save my ratings'}
      </button>
    </form>
  );
}

export function ProgressPage(props: { user: SessionUser }) {
  const [data, setData] = useState<ProgressOut | null>(null);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const sync = useSync();

  useEffect(() => {
    let live = true;
    cachedGet<{ progress: ProgressOut }>('/api/me/progress')
      .then((r) => {
        if (!live) return;
        setData(r.data.progress);
        setStale(r.stale);
        setError(null);
      })
      .catch((e: { message?: string }) => live && setError(e.message ?? 'We could not load your progress.'));
    return () => {
      live = false;
    };
  }, [tick, sync.queued === 0]);

  const head = (
    <header class="pt-head pg-head">
      <p class="pt-date">Progress</p>
      <h1 tabIndex={-1}>How you are doing</h1>
      {data?.startDate && <p class="pt-sub">Since you started on {dayLabel(data.startDate)}.</p>}
    </header>
  );
  if (!data) {
    return (
      <div class="stack pg-page">
        {head}
        {error ? <div class="alert alert-error">{error}</div> : <Loading label="Loading your progress…" />}
      </div>
    );
  }

  const d = data;
  const isNew = d.startDate === null && d.pain.days.length === 0 && d.milestones.length === 0;
  const weeks = d.weeks;
  const label = (ws: string) => dayLabel(ws);

  return (
    <div class="stack pg-page">
      {head}
      {stale && (
        <p class="pt-stale muted small">
          Showing what was saved on this device. It updates when you are back online.
        </p>
      )}

      {isNew && (
        <section class="card pg-empty" aria-labelledby="pg-empty-title">
          <h2 id="pg-empty-title" class="pg-h2">
            Your progress starts here
          </h2>
          <p>
            Each morning check-in, session and walk you log adds to these charts. After your first week you
            will also get a short summary of how it went.
          </p>
          <a class="btn pt-big" href="/app">
            Go to Today
          </a>
        </section>
      )}

      {d.summary && <Summary s={d.summary} />}

      <section aria-labelledby="pg-milestones-title" class="pg-section">
        <h2 id="pg-milestones-title" class="pg-h2">
          Milestones
        </h2>
        {d.milestones.length === 0 ? (
          <p class="muted">Your first milestone comes with your first session. Each one will show here.</p>
        ) : (
          <>
            <Badges list={[...d.milestones].reverse().slice(0, 4)} />
            {d.milestones.length > 4 && (
              <details class="pg-more">
                <summary>See all {d.milestones.length} milestones</summary>
                <Badges list={[...d.milestones].reverse().slice(4)} />
              </details>
            )}
          </>
        )}
      </section>

      {!isNew && (
        <>
          <div class="pt-pair">
            <section class="card pt-stat" aria-labelledby="pg-streak">
              <h2 id="pg-streak" class="pt-stat-label">
                Stretch streak
              </h2>
              <p class="pt-stat-num">
                {d.streaks.stretchCurrent}{' '}
                <span class="pt-stat-unit">{d.streaks.stretchCurrent === 1 ? 'day' : 'days'}</span>
              </p>
              <p class="pt-stat-note">Best: {d.streaks.stretchLongest}</p>
            </section>
            <section class="card pt-stat" aria-labelledby="pg-adh">
              <h2 id="pg-adh" class="pt-stat-label">
                This week
              </h2>
              <p class="pt-stat-num">
                {(weeks.at(-1)?.stretch.done ?? 0) + (weeks.at(-1)?.strength.done ?? 0)}{' '}
                <span class="pt-stat-unit">sessions</span>
              </p>
              <p class="pt-stat-note">{pct(weeks.at(-1)?.adherence ?? null)} of the plan so far</p>
            </section>
          </div>
          <p class="pg-streak-words">{d.streaks.sentence}</p>

          <section class="card pg-chart-card" aria-labelledby="pg-pain-h">
            <h2 id="pg-pain-h" class="pg-h2">
              Morning pain
            </h2>
            {d.pain.days.length === 0 ? (
              <p class="pg-sentence-only">{d.pain.sentence}</p>
            ) : (
              <PainLine
                id="pg-pain"
                sentence={d.pain.sentence}
                days={d.pain.days}
                baseline={d.pain.baseline}
              />
            )}
          </section>

          <section class="card pg-chart-card" aria-labelledby="pg-act-h">
            <h2 id="pg-act-h" class="pg-h2">
              Activity each week
            </h2>
            {weeks.every((w) => w.activityMinutes === 0) ? (
              <p class="pg-sentence-only">{d.activitySentence}</p>
            ) : (
              <WeekBars
                id="pg-act"
                title="Minutes of activity per week, against the goal"
                sentence={d.activitySentence}
                unit=""
                valueHead="Minutes (goal)"
                legend={
                  <p class="pg-legend small" aria-hidden="true">
                    <span>
                      <span class="pg-key pg-key-bar" /> minutes
                    </span>
                    <span>
                      <span class="pg-key pg-key-met" /> goal reached
                    </span>
                    <span>
                      <span class="pg-key pg-key-goal" /> the week’s goal
                    </span>
                  </p>
                }
                bars={weeks.map((w) => ({
                  label: label(w.weekStart),
                  value: w.activityMinutes,
                  goal: w.activityGoal,
                  partial: w.partial,
                  text: `${w.activityMinutes} of ${w.activityGoal} minutes`,
                }))}
              />
            )}
          </section>

          <section class="card pg-chart-card" aria-labelledby="pg-adh-h">
            <h2 id="pg-adh-h" class="pg-h2">
              Sessions done
            </h2>
            {weeks.every((w) => w.adherence === null) ? (
              <p class="pg-sentence-only">{d.adherenceSentence}</p>
            ) : (
              <WeekBars
                id="pg-adherence"
                title="Share of planned sessions done each week"
                sentence={d.adherenceSentence}
                max={100}
                unit="%"
                valueHead="Done of planned"
                bars={weeks.map((w) => ({
                  label: label(w.weekStart),
                  value: Math.round((w.adherence ?? 0) * 100),
                  goal: null,
                  partial: w.partial,
                  text: `${w.stretch.done + w.strength.done} of ${w.stretch.planned + w.strength.planned} (stretch ${w.stretch.done} of ${w.stretch.planned}, strength ${w.strength.done} of ${w.strength.planned})`,
                }))}
              />
            )}
          </section>
        </>
      )}

      <section class="card pg-chart-card" aria-labelledby="pg-fn-h">
        <h2 id="pg-fn-h" class="pg-h2">
          Everyday activities
        </h2>
        <p class="pg-sentence-only">{d.functional.sentence}</p>
        {d.functional.activities.length > 0 && (
          <ul class="pg-fn-list">
            {d.functional.activities.map((a) => (
              <li key={a.activity} class="pg-fn">
                <span class="pg-fn-name">{a.activity}</span>
                <Spark
                  points={a.points}
                  label={`${a.activity}: ${a.points.map((p) => `${p.score} on ${dayLabel(p.date)}`).join(', ')}`}
                />
                <span class="pg-fn-fig">
                  {a.baseline !== null && a.latest !== null && a.points.length > 1 ? (
                    <>
                      {a.baseline} → <strong>{a.latest}</strong>
                    </>
                  ) : (
                    <strong>{a.latest ?? '—'}</strong>
                  )}
                  <span class="pg-fn-of"> /10</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <RateForm data={d} tz={props.user.timezone} onSaved={() => setTick((x) => x + 1)} />

      {d.planChanges.length > 0 && (
        <section class="card" aria-labelledby="pg-plan-h">
          <h2 id="pg-plan-h" class="pg-h2">
            How your plan has changed
          </h2>
          <ol class="pg-changes">
            {d.planChanges.slice(0, 4).map((c) => (
              <li key={c.version}>
                <span class="pg-change-date">{dayLabel(c.date)}</span>
                <span>
                  {c.reason}
                  <span class="muted small">
                    {' '}
                    ·{' '}
                    {c.source === 'progression'
                      ? 'adjusted by your plan'
                      : c.source === 'intake'
                        ? 'from a new self-check'
                        : 'by your physical therapist'}
                  </span>
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}

      <p>
        <a href="/app">Back to Today</a>
      </p>
    </div>
  );
}
