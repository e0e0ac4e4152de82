/** Movement breaks: the plan's break exercises with their pictures, "Done" counts one; the workstation checklist. */
import { useEffect, useState } from 'preact/hooks';
import { formatClock } from '../../ui/plan-text';
import type { SessionUser } from '../types';
import { type ExerciseResp, type LibraryExercise, countType } from './data';
import { cachedGet, localDate, newClientId, queueWrite } from './offline';
import { useToday } from './TodayPage';

const secondsText = (s: number) =>
  s >= 60 && s % 60 === 0 ? `${s / 60} minute${s === 60 ? '' : 's'}` : `${s} seconds`;

export function BreaksPage(props: { user: SessionUser }) {
  const { today: resp, plan, reload } = useToday();
  const [exercises, setExercises] = useState<Record<string, LibraryExercise>>({});
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const items = plan?.plan.items.filter((i) => i.pillar === 'movementBreaks') ?? [];
  const withExercise = items.filter((i) => i.exercise);
  const checklist = items.find((i) => i.checklist?.length);

  useEffect(() => {
    for (const i of withExercise) {
      void cachedGet<ExerciseResp>(`/api/exercises/${i.exercise}`)
        .then((r) => setExercises((m) => ({ ...m, [r.data.exercise.slug]: r.data.exercise })))
        .catch(() => undefined);
    }
  }, [plan?.version]);

  const done = async (slug: string) => {
    setBusy(slug);
    try {
      const clientId = newClientId();
      const res = await queueWrite(clientId, 'POST', '/api/me/movement-breaks', {
        clientId,
        date: localDate(props.user.timezone),
        exercise: slug,
      });
      const name = exercises[slug]?.name ?? 'Break';
      setNote(`${name}: counted${res ? '' : ' on this device; it will sync when you are online'}.`);
      reload();
    } catch (e) {
      setNote((e as { message?: string }).message ?? 'We could not count that break.');
    } finally {
      setBusy(null);
    }
  };

  const mb = resp?.today?.movementBreaks;
  return (
    <div class="stack pt-breaks">
      <header class="pt-head">
        <h1 tabIndex={-1}>Movement breaks</h1>
        <p class="pt-sub">
          No posture is wrong for long; staying still is what stiffens. A minute or two of movement every 45
          minutes or so helps.
        </p>
      </header>
      {mb && (
        <p class="pt-progress-words" role="status">
          <strong>{mb.done}</strong>
          {mb.target > 0 ? ` of ${mb.target}` : ''} breaks today
          {mb.times.length > 0 ? ` · planned at ${mb.times.map(formatClock).join(', ')}` : ''}
        </p>
      )}
      {note && <p class="pt-note">{note}</p>}
      {withExercise.length === 0 && plan && <p class="muted">Your plan has no movement breaks.</p>}
      <ul class="pt-break-list">
        {withExercise.map((i) => {
          const ex = exercises[i.exercise as string];
          const dose = i.dose ?? ex?.defaultDose;
          const how = dose
            ? countType(dose) === 'reps'
              ? `${dose.reps ?? 5} times`
              : `${secondsText(dose.durationSeconds ?? dose.holdSeconds ?? 60)}${dose.eachSide ? ' each side' : ''}`
            : '';
          return (
            <li class="card pt-break" key={i.id}>
              {ex && <img src={ex.illustrationUrl} alt="" width={120} height={90} />}
              <div>
                <h2 class="pt-task-title">{ex?.name ?? i.title}</h2>
                <p class="muted small">{[ex?.summary, how].filter(Boolean).join(' · ')}</p>
                <button
                  type="button"
                  class="btn pt-big"
                  disabled={busy !== null}
                  onClick={() => void done(i.exercise as string)}
                  aria-label={`Done: ${ex?.name ?? i.title}`}
                >
                  Done
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {checklist?.checklist && (
        <section class="card" aria-labelledby="ws-check">
          <h2 id="ws-check" class="pt-task-title">
            {checklist.title}
          </h2>
          <ul class="pt-checklist">
            {checklist.checklist.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a href="/app">Back to Today</a>
      </p>
    </div>
  );
}
