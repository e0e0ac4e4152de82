/**
 * Today: what is due today across the pillars (check-in, stretches, strength, movement breaks), what is
 * done, the stretch streak and the week's activity against the goal, with one tap to start. The whole
 * plan lives at /app/plan. The heading and loading line are the ones the server draws
 * (src/web/ui/patient-shell.tsx), so the page does not jump when the app takes over.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { emergencyNumberFor, formatClock, formatDate } from '../../ui/plan-text';
import { LoadingLine, TodayHead } from '../../ui/patient-shell';
import { PatientPlan } from '../selfcheck/PatientPlan';
import { TriageMessage } from '../selfcheck/PlanView';
import type { Boot, SessionUser } from '../types';
import {
  LEVEL_ADVICE,
  type PlanResp,
  type SessionKind,
  type TodayResp,
  plural,
  recallTriage,
  sessionItems,
  sessionMinutes,
  withPending,
} from './data';
import { cachedGet, keepCopy, localDate, localTime, newClientId, queueWrite, readQueue } from './offline';
import { Notices } from './Notices';
import { ReminderInbox } from './ReminderInbox';
import { useSync } from './SyncBar';
import { primeAudio } from './cues';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_NAMES: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/**
 * Asks the service worker to keep the day's exercises and their pictures for offline use. The worker does
 * the fetching in its own thread, so the phone's main thread stays free while Today draws.
 */
function warmOffline(slugs: string[]) {
  if (!('serviceWorker' in navigator)) return;
  const urls = [...new Set(slugs)].map((slug) => `/api/exercises/${slug}`);
  navigator.serviceWorker.ready
    .then((reg) => reg.active?.postMessage({ type: 'warm', urls }))
    .catch(() => undefined);
}

/** The answers the server drew Today with, taken once: a later visit to Today (in-app) asks the server again. */
let bootTaken = false;
function takeBootToday(boot: Boot | undefined): Boot['today'] {
  // On the server every page is drawn from its own answers.
  if (typeof window === 'undefined') return boot?.today ?? null;
  if (bootTaken) return null;
  bootTaken = true;
  return boot?.today ?? null;
}

export function useToday(boot?: Boot) {
  const [initial] = useState(() => takeBootToday(boot));
  const [resp, setResp] = useState<TodayResp | null>(initial?.today ?? null);
  const [plan, setPlan] = useState<PlanResp | null>(initial?.plan ?? null);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sync = useSync();
  const [tick, setTick] = useState(0);
  // The first draw over the server's HTML shows exactly what the server drew; writes still waiting on
  // this device are added from the next draw on.
  const settled = useRef(initial === null);
  useEffect(() => {
    if (settled.current) return;
    settled.current = true;
    if (readQueue().length > 0) setTick((t) => t + 1);
  }, []);
  useEffect(() => {
    let live = true;
    // Offline, or a page made more than a minute ago, came from the device's copy (the service worker):
    // ask again, which falls back to the last answers kept here and says so.
    const fresh = initial && navigator.onLine && Date.now() - (boot?.zone?.at ?? 0) < 60_000;
    if (tick === 0 && fresh) {
      // Fresh from the server with the page: keep copies for offline use, once the page is idle.
      const id = setTimeout(() => {
        keepCopy('/api/me/today', initial.today);
        keepCopy('/api/me/plan', initial.plan);
      }, 0);
      return () => clearTimeout(id);
    }
    Promise.all([cachedGet<TodayResp>('/api/me/today'), cachedGet<PlanResp>('/api/me/plan')])
      .then(([t, p]) => {
        if (!live) return;
        setResp(t.data);
        setPlan(p.data);
        setStale(t.stale);
        setError(null);
      })
      .catch((e: { message?: string }) => live && setError(e.message ?? 'We could not load your day.'));
    return () => {
      live = false;
    };
  }, [tick]);
  // When queued writes finish syncing, ask the server again.
  const [lastQueued, setLastQueued] = useState(sync.queued);
  useEffect(() => {
    if (sync.queued === 0 && lastQueued > 0 && sync.online) setTick((t) => t + 1);
    setLastQueued(sync.queued);
  }, [sync.queued, sync.online]);
  return {
    today: resp ? (settled.current ? withPending(resp) : resp) : null,
    plan: plan?.plan ?? null,
    stale,
    error,
    reload: () => setTick((t) => t + 1),
  };
}

function SessionCard(props: {
  kind: SessionKind;
  title: string;
  due: boolean;
  done: boolean;
  resumeId: string | null;
  minutes: number;
  count: number;
  nextDay: string | null;
}) {
  const href = `/app/session/${props.kind}${props.resumeId ? `?resume=${props.resumeId}` : ''}`;
  const id = `today-${props.kind}`;
  const state = props.done ? 'done' : props.due || props.resumeId ? 'due' : 'rest';
  return (
    <section class={`card pt-task pt-task-${state}`} aria-labelledby={id}>
      <div class="pt-task-main">
        <span class={`pt-check${props.done ? ' is-done' : ''}`} aria-hidden="true">
          {props.done ? '✓' : ''}
        </span>
        <div>
          <h2 id={id} class="pt-task-title">
            {props.title}
          </h2>
          <p class="pt-task-meta">
            {props.done
              ? 'Done today. Well done.'
              : state === 'rest'
                ? `Rest day for strength${props.nextDay ? `, next on ${props.nextDay}` : ''}.`
                : `About ${plural(props.minutes, 'minute')} · ${plural(props.count, 'exercise')}`}
          </p>
        </div>
      </div>
      {!props.done && state === 'due' && (
        <a class="btn btn-block pt-big" href={href} onClick={primeAudio} aria-describedby={id}>
          {props.resumeId ? 'Resume' : props.kind === 'stretch' ? 'Start stretching' : 'Start strength work'}
        </a>
      )}
      {props.done && (
        <a class="pt-linkbtn pt-again" href={`/app/session/${props.kind}`} onClick={primeAudio}>
          Do it again
        </a>
      )}
      {state === 'rest' && (
        <a class="pt-linkbtn pt-again" href={href} onClick={primeAudio}>
          Start one anyway
        </a>
      )}
    </section>
  );
}

export function TodayPage(props: { user: SessionUser; boot: Boot }) {
  const { today: resp, plan, stale, error } = useToday(props.boot);
  const [breakBusy, setBreakBusy] = useState(false);
  const [breakNote, setBreakNote] = useState<string | null>(null);
  const [, force] = useState(0);
  const first = props.user.displayName.split(' ')[0] ?? '';
  const tz = props.user.timezone || props.boot.clinic.timezone;
  const now = localTime(tz);

  useEffect(() => {
    const t = resp?.today;
    if (!t) return;
    warmOffline([...t.stretch.exercises, ...t.strength.exercises, ...t.movementBreaks.exercises]);
  }, [resp?.today?.date]);

  const head = (
    <TodayHead
      date={resp?.today?.date ?? localDate(tz)}
      firstName={first}
      time={now}
      planWeek={resp?.today?.planWeek ?? null}
    />
  );

  if (error && !resp) {
    return (
      <div class="stack pt-today">
        {head}
        <div class="alert alert-error">{error}</div>
      </div>
    );
  }
  if (!resp) {
    return (
      <div class="stack pt-today">
        {head}
        <LoadingLine label="Loading your day…" />
      </div>
    );
  }

  const level = resp.triageLevel;
  const banner =
    level === 'emergency' || level === 'urgent' || level === 'soon' ? (
      <TriageMessage
        triage={
          recallTriage(props.user.id, resp.today?.date ?? '') ?? {
            level,
            reasons: [],
            advice: LEVEL_ADVICE[level],
          }
        }
        heading="h2"
        titleId="today-triage-title"
        emergencyNumber={emergencyNumberFor(props.boot.clinic.timezone)}
      />
    ) : null;

  if (level === 'emergency') {
    // Nothing else competes for attention.
    return (
      <div class="stack pt-today">
        {head}
        {banner}
      </div>
    );
  }

  const t = resp.today;
  if (!t) {
    // No plan yet: the way to get one.
    return (
      <div class="stack pt-today">
        {head}
        {banner}
        <PatientPlan boot={props.boot} user={props.user} />
      </div>
    );
  }

  const nextStrengthDay = (() => {
    const days = plan?.plan.items.find((i) => i.pillar === 'strength' && i.schedule.days)?.schedule.days;
    if (!days?.length) return null;
    const start = WEEKDAYS.indexOf(t.weekday);
    for (let i = 1; i <= 7; i++) {
      const d = WEEKDAYS[(start + i) % 7] ?? '';
      if ((days as string[]).includes(d)) return DAY_NAMES[d] ?? null;
    }
    return null;
  })();

  const mb = t.movementBreaks;
  const nextBreak = mb.times.find((x) => x > now) ?? null;
  const act = t.activity;
  const pct = Math.min(100, Math.round((act.weekMinutes / Math.max(1, act.weekGoal)) * 100));
  const toGo = Math.max(0, act.weekGoal - act.weekMinutes);

  const didBreak = async () => {
    setBreakBusy(true);
    setBreakNote(null);
    try {
      const clientId = newClientId();
      const done = await queueWrite(clientId, 'POST', '/api/me/movement-breaks', {
        clientId,
        date: t.date,
      });
      setBreakNote(
        done ? 'Break counted. Nice one.' : 'Break counted on this device; it will sync when you are online.',
      );
      force((n) => n + 1);
    } catch (e) {
      setBreakNote((e as { message?: string }).message ?? 'We could not count that break.');
    } finally {
      setBreakBusy(false);
    }
  };

  return (
    <div class="stack pt-today">
      {head}
      {banner}
      <ReminderInbox />
      {stale && (
        <p class="pt-stale muted small">
          Showing what was saved on this device. It updates when you are back online.
        </p>
      )}

      <section
        class={`card pt-task ${t.checkin.done ? 'pt-task-done' : 'pt-task-due'}`}
        aria-labelledby="today-checkin"
      >
        <div class="pt-task-main">
          <span class={`pt-check${t.checkin.done ? ' is-done' : ''}`} aria-hidden="true">
            {t.checkin.done ? '✓' : ''}
          </span>
          <div>
            <h2 id="today-checkin" class="pt-task-title">
              Morning check-in
            </h2>
            <p class="pt-task-meta">
              {t.checkin.done
                ? `Done${t.checkin.painNow !== null ? ` · pain ${t.checkin.painNow} out of 10` : ''}.`
                : 'How are your back and hips today?'}
            </p>
          </div>
        </div>
        {!t.checkin.done && (
          <a class="btn btn-block pt-big" href="/app/checkin">
            Check in (1 min)
          </a>
        )}
      </section>

      <SessionCard
        kind="stretch"
        title={t.stretch.title}
        due={t.stretch.due}
        done={t.stretch.done}
        resumeId={t.stretch.inProgressClientId}
        minutes={plan ? sessionMinutes(plan.plan, 'stretch') : 5}
        count={plan ? sessionItems(plan.plan, 'stretch').length : t.stretch.exercises.length}
        nextDay={null}
      />
      {t.strength.exercises.length > 0 && (
        <SessionCard
          kind="strength"
          title={t.strength.title}
          due={t.strength.due}
          done={t.strength.done}
          resumeId={t.strength.inProgressClientId}
          minutes={plan ? sessionMinutes(plan.plan, 'strength') : 15}
          count={plan ? sessionItems(plan.plan, 'strength').length : t.strength.exercises.length}
          nextDay={nextStrengthDay}
        />
      )}

      <section
        class={`card pt-task ${mb.target > 0 && mb.done >= mb.target ? 'pt-task-done' : 'pt-task-due'}`}
        aria-labelledby="today-breaks"
      >
        <div class="pt-task-main">
          <span
            class={`pt-check${mb.target > 0 && mb.done >= mb.target ? ' is-done' : ''}`}
            aria-hidden="true"
          >
            {mb.target > 0 && mb.done >= mb.target ? '✓' : ''}
          </span>
          <div>
            <h2 id="today-breaks" class="pt-task-title">
              Movement breaks
            </h2>
            <p class="pt-task-meta">
              <span data-testid="breaks-done">
                {mb.done}
                {mb.target > 0 ? ` of ${mb.target}` : ''} done
              </span>
              {' · '}
              {mb.target === 0
                ? 'none planned today.'
                : nextBreak
                  ? `next at ${formatClock(nextBreak)}.`
                  : mb.done >= mb.target
                    ? 'all done today.'
                    : 'no more planned today.'}
            </p>
          </div>
        </div>
        <div class="pt-actions-row">
          <button
            type="button"
            class="btn btn-secondary pt-big"
            onClick={() => void didBreak()}
            disabled={breakBusy}
          >
            I did a break
          </button>
          <a class="pt-linkbtn" href="/app/breaks">
            Break ideas
          </a>
        </div>
        {breakNote && (
          <p class="pt-note" role="status">
            {breakNote}
          </p>
        )}
      </section>

      <div class="pt-pair">
        <section class="card pt-stat" aria-labelledby="today-streak">
          <h2 id="today-streak" class="pt-stat-label">
            Stretch streak
          </h2>
          <p class="pt-stat-num">
            <span data-testid="streak">{t.stretchStreak}</span>{' '}
            <span class="pt-stat-unit">{t.stretchStreak === 1 ? 'day' : 'days'}</span>
          </p>
        </section>
        <section class="card pt-stat" aria-labelledby="today-activity">
          <h2 id="today-activity" class="pt-stat-label">
            {act.title} this week
          </h2>
          <p id="today-activity-words" class="pt-stat-num" data-testid="today-week-minutes">
            {/* One text node: hydration keeps the server's text nodes as they are. */}
            {`${act.weekMinutes} `}
            <span class="pt-stat-unit">of {act.weekGoal} min</span>
          </p>
          <progress
            class="pt-progress pt-progress-thin"
            max={act.weekGoal}
            value={Math.min(act.weekMinutes, act.weekGoal)}
            aria-labelledby="today-activity"
            aria-describedby="today-activity-words"
          >
            {pct}%
          </progress>
          <p class="pt-stat-note">{toGo > 0 ? `${toGo} minutes to go` : 'Goal reached'}</p>
        </section>
      </div>
      <a class="btn btn-secondary btn-block pt-big" href="/app/activity">
        Log activity
      </a>

      {t.nextReview && (
        <p class="pt-review">
          <strong>Next review:</strong> {formatDate(t.nextReview.date)}. We will ask how things have changed.
        </p>
      )}

      <Notices />

      <nav class="pt-links" aria-label="More">
        <a class="btn btn-quiet" href="/app/plan">
          My whole plan
        </a>
        <a class="btn btn-quiet" href="/app/progress">
          My progress
        </a>
      </nav>
    </div>
  );
}
