/**
 * The guided session player: exercise by exercise, with the animated picture,
 * a rep tempo or a hold countdown, left then right, sets and rests, beeps and
 * optional spoken cues, and feedback (too easy, too hard, this hurts).
 *
 * Progress is saved to the server (through the offline queue) after every
 * set, and on the device at every step, so a reload resumes at the same
 * exercise and set. `?resume=<clientId>` resumes a given session.
 *
 * Fast mode for tests and demos: `?fast=1` in the address, or
 * `localStorage['hb:fast'] = '1'`, runs every timer 20 times faster.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { RadioGroup, Scale } from '../selfcheck/controls';
import type { Boot, SessionUser } from '../types';
import { PlayerLoading } from '../../ui/patient-shell';
import {
  beep,
  keepAwake,
  primeAudio,
  say,
  setSoundOn,
  setVoiceOn,
  soundOn,
  voiceAvailable,
  voiceOn,
} from './cues';
import {
  type Dose,
  type ExerciseResp,
  type Feedback,
  GET_READY,
  type LibraryExercise,
  type PlanResp,
  REP_DOWN,
  REP_UP,
  SWITCH_SIDES,
  type SessionItem,
  type SessionKind,
  type SessionOut,
  type TodayResp,
  countType,
  plural,
  sessionItems,
} from './data';
import { cachedGet, localDate, newClientId, peekCached, queueWrite } from './offline';

const SPEED = 20;
export function isFast(): boolean {
  try {
    return (
      new URLSearchParams(location.search).get('fast') === '1' || localStorage.getItem('hb:fast') === '1'
    );
  } catch {
    return false;
  }
}

interface Step {
  slug: string;
  exercise: LibraryExercise;
  dose: Dose;
  type: 'reps' | 'hold' | 'timed';
}

type Phase =
  | { kind: 'ready'; auto: boolean }
  | { kind: 'work'; side: 0 | 1 }
  | { kind: 'switch' }
  | { kind: 'rest' }
  | { kind: 'hurts' }
  | { kind: 'finish' }
  | { kind: 'summary'; synced: boolean };

interface Position {
  index: number;
  /** Sets completed of the current exercise. */
  set: number;
}

/** How well the person kept good form, asked once per exercise at the end (the engine needs good or ok to step up). */
type Control = 'good' | 'ok' | 'poor';
type PlayerItem = SessionItem & { control?: Control };
const CONTROL_OPTIONS: readonly (readonly [Control, string])[] = [
  ['good', 'Yes, steady'],
  ['ok', 'Mostly'],
  ['poor', 'No, it was hard'],
];
const CONTROL_WORDS: Record<Control, string> = {
  good: 'steady form',
  ok: 'mostly steady form',
  poor: 'form was hard to keep',
};
/** Exercises the form question is asked about: done at least one set, not skipped, not stopped because it hurt. */
const askControl = (it: PlayerItem | undefined) =>
  !!it && it.setsDone > 0 && it.feedback !== 'skipped' && it.feedback !== 'hurts';

interface Saved {
  clientId: string;
  date: string;
  kind: SessionKind;
  pos: Position;
  items: PlayerItem[];
  status: 'inProgress' | 'completed';
}

const activeKey = (userId: string, kind: SessionKind) => `hb:${userId}:active:${kind}`;
function readActive(userId: string, kind: SessionKind): Saved | null {
  try {
    const raw = localStorage.getItem(activeKey(userId, kind));
    return raw ? (JSON.parse(raw) as Saved) : null;
  } catch {
    return null;
  }
}
function writeActive(userId: string, s: Saved | null) {
  try {
    if (s) localStorage.setItem(activeKey(userId, s.kind), JSON.stringify(s));
  } catch {
    // the server copy still resumes it
  }
}
function clearActive(userId: string, kind: SessionKind) {
  try {
    localStorage.removeItem(activeKey(userId, kind));
  } catch {
    // nothing to clear
  }
}

const sideName = (side: 0 | 1) => (side === 0 ? 'left' : 'right');
const FEEDBACK_WORDS: Record<Feedback, string> = {
  tooEasy: 'Too easy',
  right: 'Felt right',
  tooHard: 'Too hard',
  hurts: 'It hurt',
  skipped: 'Skipped',
};

function doseLine(s: Step): string {
  const d = s.dose;
  const parts: string[] = [];
  if (s.type === 'reps')
    parts.push(
      `${plural(d.sets, 'set')} of ${d.reps ?? 10}${d.holdSeconds ? `, hold ${d.holdSeconds} s` : ''}`,
    );
  else if (s.type === 'hold') parts.push(`${d.sets} × ${d.holdSeconds ?? 30} s hold`);
  else parts.push(`${d.sets} × ${d.durationSeconds ?? 60} s`);
  if (d.eachSide) parts.push('each side');
  if (d.restSeconds && d.sets > 1) parts.push(`rest ${d.restSeconds} s`);
  return parts.join(' · ');
}

/** Seconds of one rep's parts. */
const repParts = (d: Dose) => [
  { cue: 'Up', secs: REP_UP },
  ...(d.holdSeconds ? [{ cue: 'Hold', secs: d.holdSeconds }] : []),
  { cue: 'Down', secs: REP_DOWN },
];

function Ring(props: { fraction: number; children: preact.ComponentChildren; pulse?: number }) {
  const r = 88;
  const c = 2 * Math.PI * r;
  const f = Math.max(0, Math.min(1, props.fraction));
  return (
    <div class={`pt-ring${props.pulse !== undefined ? ' pt-ring-reps' : ''}`}>
      <svg viewBox="0 0 200 200" aria-hidden="true" focusable="false">
        <circle class="pt-ring-track" cx="100" cy="100" r={r} />
        <circle
          class="pt-ring-fill"
          cx="100"
          cy="100"
          r={r}
          stroke-dasharray={String(c)}
          stroke-dashoffset={String(c * (1 - f))}
          transform="rotate(-90 100 100)"
        />
      </svg>
      <div class="pt-ring-inner" key={props.pulse}>
        {props.children}
      </div>
    </div>
  );
}

export function SessionPlayer(props: { kind: SessionKind; user: SessionUser; boot: Boot }) {
  const { kind, user } = props;
  const tz = user.timezone || props.boot.clinic.timezone;
  const fast = useRef(isFast()).current;
  const title = kind === 'stretch' ? 'Daily stretch routine' : 'Strength session';

  const [steps, setSteps] = useState<Step[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [session, setSession] = useState<Saved | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'ready', auto: false });
  const [paused, setPaused] = useState(false);
  const [elapsed, setElapsed] = useState(0); // logical seconds into the current timed part
  const [rep, setRep] = useState(0); // reps done in this work phase
  const [repPart, setRepPart] = useState(0);
  const [announce, setAnnounce] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [sound, setSound] = useState(soundOn());
  const [voice, setVoice] = useState(voiceOn());
  const [pain, setPain] = useState<number | null>(null);
  const [effort, setEffort] = useState<number | null>(null);
  const [finishError, setFinishError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // ---------- loading: the plan's exercises and doses, then resume if there is something to resume
  useEffect(() => {
    let live = true;
    (async () => {
      const planResp = await cachedGet<PlanResp>('/api/me/plan');
      const plan = planResp.data.plan?.plan;
      if (!plan) throw new Error('You do not have a plan yet. Take the self-check to build one.');
      const items = sessionItems(plan, kind);
      if (items.length === 0) throw new Error('There are no exercises of this kind in your plan.');
      const loaded = await Promise.all(
        items.map(async (i) => {
          const { data } = await cachedGet<ExerciseResp>(`/api/exercises/${i.exercise}`);
          const dose = i.dose ?? data.exercise.defaultDose;
          return {
            slug: i.exercise as string,
            exercise: data.exercise,
            dose,
            type: countType(dose, data.exercise.type),
          };
        }),
      );
      const today = localDate(tz);
      const fresh = (): Saved => ({
        clientId: newClientId(),
        date: today,
        kind,
        pos: { index: 0, set: 0 },
        items: loaded.map((s) => ({ exercise: s.slug, setsDone: 0, feedback: null })),
        status: 'inProgress',
      });
      const wanted = new URLSearchParams(location.search).get('resume');
      const local = readActive(user.id, kind);
      let resume: Saved | null = null;
      if (
        local &&
        local.status === 'inProgress' &&
        (wanted ? local.clientId === wanted : local.date === today)
      ) {
        resume = local;
      } else {
        let id = wanted;
        if (!id) {
          const t = peekCached<TodayResp>('/api/me/today');
          const fromToday = await cachedGet<TodayResp>('/api/me/today').catch(() => ({ data: t }));
          id = fromToday.data?.today?.[kind].inProgressClientId ?? null;
        }
        if (id) {
          const s = await cachedGet<{ session: SessionOut }>(`/api/me/sessions/${id}`).catch(() => null);
          const out = s?.data.session;
          if (out && out.status === 'inProgress' && out.kind === kind) {
            const p = out.progress as { index?: number; set?: number };
            resume = {
              clientId: out.clientId,
              date: out.date,
              kind,
              pos: { index: Math.min(p.index ?? 0, loaded.length - 1), set: p.set ?? 0 },
              items: loaded.map(
                (st) =>
                  out.items.find((x) => x.exercise === st.slug) ?? {
                    exercise: st.slug,
                    setsDone: 0,
                    feedback: null,
                  },
              ),
              status: 'inProgress',
            };
          }
        }
      }
      if (!live) return;
      setSteps(loaded);
      setSession(resume ?? fresh());
      setPhase({ kind: 'ready', auto: false });
      if (resume)
        setAnnounce(`Welcome back. Resuming at exercise ${resume.pos.index + 1} of ${loaded.length}.`);
    })().catch(
      (e: { message?: string }) => live && setLoadError(e.message ?? 'We could not load your session.'),
    );
    return () => {
      live = false;
    };
  }, []);

  // ---------- keep the screen on while the session is open
  useEffect(() => {
    keepAwake(true);
    return () => keepAwake(false);
  }, []);

  const step = steps && session ? steps[session.pos.index] : undefined;

  // ---------- saving
  const save = (
    s: Saved,
    extra: { status?: 'inProgress' | 'completed'; painDuring?: number; effort?: number | null } = {},
  ) => {
    const status = extra.status ?? 'inProgress';
    const body: Record<string, unknown> = {
      kind,
      date: s.date,
      status,
      progress: { index: s.pos.index, set: s.pos.set, fast: fast || undefined },
      items: s.items,
    };
    if (extra.painDuring !== undefined) body.painDuring = extra.painDuring;
    if (extra.effort !== undefined && extra.effort !== null) body.effort = extra.effort;
    return queueWrite<{ session: SessionOut }>(s.clientId, 'PUT', `/api/me/sessions/${s.clientId}`, body);
  };
  const update = (s: Saved, persist: boolean) => {
    setSession(s);
    writeActive(user.id, s);
    if (persist) void save(s).catch(() => undefined);
  };

  // ---------- moving through the session
  const say2 = (text: string) => {
    setAnnounce(text);
    say(text);
  };

  const startWork = (s: Saved, side: 0 | 1) => {
    const st = steps?.[s.pos.index];
    if (!st) return;
    setElapsed(0);
    setRep(0);
    setRepPart(0);
    setPhase({ kind: 'work', side });
    beep('high');
    const sideText = st.dose.eachSide ? `, ${sideName(side)} side` : '';
    if (st.type === 'reps')
      say2(`Set ${s.pos.set + 1} of ${st.dose.sets}${sideText}: ${st.dose.reps ?? 10} reps. Go.`);
    else if (st.type === 'hold') say2(`Hold for ${st.dose.holdSeconds ?? 30} seconds${sideText}.`);
    else say2(`Keep going for ${st.dose.durationSeconds ?? 60} seconds${sideText}.`);
  };

  const goToExercise = (s: Saved, index: number) => {
    if (!steps) return;
    if (index >= steps.length) {
      const next = { ...s, pos: { index: steps.length - 1, set: s.pos.set } };
      update(next, true);
      setPhase({ kind: 'finish' });
      beep('done');
      say2('That was the last exercise. Well done. A few quick questions to finish.');
      return;
    }
    const next = { ...s, pos: { index, set: 0 } };
    update(next, true);
    setElapsed(0);
    setPhase({ kind: 'ready', auto: true });
    const st = steps[index];
    if (st) say2(`Next: ${st.exercise.name}. Get ready.`);
  };

  const setDone = (s: Saved) => {
    const st = steps?.[s.pos.index];
    if (!st) return;
    const items = s.items.map((it, i) =>
      i === s.pos.index ? { ...it, setsDone: Math.min(st.dose.sets, it.setsDone + 1) } : it,
    );
    const next: Saved = { ...s, items, pos: { index: s.pos.index, set: s.pos.set + 1 } };
    if (next.pos.set >= st.dose.sets) {
      beep('done');
      goToExercise(next, s.pos.index + 1);
      return;
    }
    update(next, true);
    setElapsed(0);
    if (st.dose.restSeconds > 0) {
      setPhase({ kind: 'rest' });
      say2(`Set ${s.pos.set + 1} done. Rest for ${st.dose.restSeconds} seconds.`);
    } else startWork(next, 0);
  };

  const workDone = (side: 0 | 1) => {
    if (!session || !step) return;
    if (step.dose.eachSide && side === 0) {
      beep('done');
      setElapsed(0);
      setPhase({ kind: 'switch' });
      say2('Now the right side.');
      return;
    }
    setDone(session);
  };

  // ---------- the clock: one tick drives every timer
  const timed =
    phase.kind === 'ready'
      ? phase.auto
      : phase.kind === 'work' || phase.kind === 'switch' || phase.kind === 'rest';
  useEffect(() => {
    if (!timed || paused || !step || !session) return;
    let last = performance.now();
    const id = setInterval(
      () => {
        const now = performance.now();
        const dt = ((now - last) / 1000) * (fast ? SPEED : 1);
        last = now;
        setElapsed((e) => e + dt);
      },
      fast ? 40 : 100,
    );
    return () => clearInterval(id);
  }, [timed, paused, phase, step, session?.pos.index]);

  // Phase lengths and what happens when one ends.
  const partLength = (): number => {
    if (!step) return 1;
    switch (phase.kind) {
      case 'ready':
        return GET_READY;
      case 'switch':
        return SWITCH_SIDES;
      case 'rest':
        return step.dose.restSeconds;
      case 'work':
        if (step.type === 'reps') return repParts(step.dose)[repPart]?.secs ?? REP_UP;
        if (step.type === 'hold') return step.dose.holdSeconds ?? 30;
        return step.dose.durationSeconds ?? 60;
      case 'hurts':
      case 'finish':
      case 'summary':
        return 1;
    }
  };
  const length = partLength();
  const left = Math.max(0, length - elapsed);
  const secondsLeft = Math.ceil(left - 1e-9);

  // Countdown beeps for the last three seconds, and a milestone announcement.
  const lastSecond = useRef<number | null>(null);
  useEffect(() => {
    if (!timed || (phase.kind === 'work' && step?.type === 'reps')) return;
    if (secondsLeft !== lastSecond.current) {
      lastSecond.current = secondsLeft;
      if (secondsLeft > 0 && secondsLeft <= 3 && length > 4) beep('low');
      if (phase.kind === 'work' && length >= 20 && secondsLeft === 10) setAnnounce('10 seconds left.');
    }
  }, [secondsLeft, timed]);

  useEffect(() => {
    if (!timed || paused || !session || !step || elapsed < length) return;
    switch (phase.kind) {
      case 'ready':
        startWork(session, 0);
        return;
      case 'switch':
        startWork(session, 1);
        return;
      case 'rest':
        startWork(session, 0);
        return;
      case 'work': {
        if (step.type !== 'reps') {
          workDone(phase.side);
          return;
        }
        const parts = repParts(step.dose);
        if (repPart + 1 < parts.length) {
          setRepPart(repPart + 1);
          setElapsed(elapsed - length);
          return;
        }
        const done = rep + 1;
        setRep(done);
        setRepPart(0);
        setElapsed(elapsed - length);
        const total = step.dose.reps ?? 10;
        if (done >= total) workDone(phase.side);
        else {
          beep('low');
          if (done === total - 1) setAnnounce('Last one.');
        }
        return;
      }
      case 'hurts':
      case 'finish':
      case 'summary':
        return;
    }
  }, [elapsed]);

  // ---------- actions
  const startNow = () => {
    primeAudio();
    if (!session) return;
    if (phase.kind === 'ready') startWork(session, 0);
    else if (phase.kind === 'rest') startWork(session, 0);
    else if (phase.kind === 'switch') startWork(session, 1);
    // Create the session on the server as soon as it starts, so Today can offer Resume.
    if (phase.kind === 'ready' && session.pos.index === 0 && session.pos.set === 0) update(session, true);
  };
  const togglePause = () => {
    primeAudio();
    setPaused((p) => {
      setAnnounce(p ? 'Resumed.' : 'Paused.');
      return !p;
    });
  };
  const setFeedback = (fb: Feedback, s: Saved = session as Saved) => {
    const items = s.items.map((it, i) => (i === s.pos.index ? { ...it, feedback: fb } : it));
    const next = { ...s, items };
    update(next, true);
    return next;
  };
  const skip = () => {
    if (!session || !step) return;
    const item = session.items[session.pos.index];
    const next =
      item && item.feedback === null && item.setsDone < step.dose.sets ? setFeedback('skipped') : session;
    setPaused(false);
    setNote(null);
    goToExercise(next, session.pos.index + 1);
  };
  const rate = (fb: 'tooEasy' | 'tooHard') => {
    if (!session) return;
    setFeedback(fb);
    setNote(
      fb === 'tooEasy'
        ? 'Noted: too easy. Your plan can move you up a step at its next review.'
        : 'Noted: too hard. Do what you comfortably can; your plan can make it easier.',
    );
    setAnnounce(fb === 'tooEasy' ? 'Noted: too easy.' : 'Noted: too hard.');
  };
  const hurts = () => {
    if (!session) return;
    setFeedback('hurts');
    setPaused(false);
    setPhase({ kind: 'hurts' });
    beep('low');
    say('Stop this exercise.');
  };
  const moveOn = () => {
    if (!session) return;
    setNote(null);
    goToExercise(session, session.pos.index + 1);
  };

  const setControl = (index: number, control: Control) => {
    if (!session) return;
    const items = session.items.map((it, i) => (i === index ? { ...it, control } : it));
    const next = { ...session, items };
    setSession(next);
    writeActive(user.id, next);
    setFinishError(null);
  };
  const steadyForAll = () => {
    if (!session) return;
    const items = session.items.map((it) => (askControl(it) ? { ...it, control: 'good' as const } : it));
    const next = { ...session, items };
    setSession(next);
    writeActive(user.id, next);
    setFinishError(null);
    setAnnounce('Marked steady form for every exercise.');
  };

  const finish = async (e: Event) => {
    e.preventDefault();
    if (!session) return;
    if (pain === null) {
      setFinishError('Choose how much pain you felt during the session, from 0 to 10.');
      setTimeout(() => document.getElementById('fld-painDuring')?.focus(), 0);
      return;
    }
    const missing = session.items.findIndex((it) => askControl(it) && !it.control);
    if (missing >= 0) {
      setFinishError('Tell us for each exercise whether you could keep good form.');
      setTimeout(() => {
        const first = document.querySelector<HTMLElement>(`#fld-control-${missing} input`);
        first?.focus();
      }, 0);
      return;
    }
    setBusy(true);
    setFinishError(null);
    try {
      const done: Saved = { ...session, status: 'completed' };
      const res = await save(done, { status: 'completed', painDuring: pain, effort });
      clearActive(user.id, kind);
      setSession(done);
      setPhase({ kind: 'summary', synced: res !== null });
      keepAwake(false);
      beep('done');
      setTimeout(() => document.getElementById('pt-summary-title')?.focus(), 0);
    } catch (err) {
      setFinishError(
        (err as { message?: string }).message ?? 'We could not save your session. Please try again.',
      );
    } finally {
      setBusy(false);
    }
  };

  // ---------- drawing
  const toggles = (
    <div class="pt-toggles">
      <label class="pt-toggle">
        <input
          type="checkbox"
          checked={sound}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setSoundOn(on);
            setSound(on);
            if (on) primeAudio();
          }}
        />
        Beeps
      </label>
      {voiceAvailable() && (
        <label class="pt-toggle">
          <input
            type="checkbox"
            checked={voice}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setVoiceOn(on);
              setVoice(on);
            }}
          />
          Spoken cues
        </label>
      )}
    </div>
  );
  const live = (
    <p class="visually-hidden" role="status" aria-live="polite">
      {announce}
    </p>
  );

  if (loadError) {
    return (
      <div class="stack pt-player">
        <h1 tabIndex={-1}>{title}</h1>
        <div class="alert alert-error">{loadError}</div>
        <a class="btn" href="/app">
          Back to Today
        </a>
      </div>
    );
  }
  if (!steps || !session || !step) {
    // The same as the server draws first (a component of its own, so its nodes are replaced, not moved).
    return <PlayerLoading kind={kind} />;
  }

  if (phase.kind === 'summary') {
    const rated = session.items.filter((i) => i.feedback);
    return (
      <div class="stack pt-player pt-summary">
        {live}
        <div class="pt-summary-mark" aria-hidden="true">
          ✓
        </div>
        <h1 id="pt-summary-title" tabIndex={-1}>
          Session done
        </h1>
        <p class="lede">
          {kind === 'stretch' ? 'Your daily stretches are done for today.' : 'Strength work done for today.'}{' '}
          {phase.synced ? 'Saved.' : 'Saved on this device; it will sync when you are back online.'}
        </p>
        <ul class="pt-summary-list">
          {steps.map((s, i) => {
            const it = session.items[i];
            return (
              <li key={s.slug}>
                <span class="pt-summary-name">{s.exercise.name}</span>
                <span class="muted small">
                  {it?.feedback === 'skipped'
                    ? 'Skipped'
                    : `${it?.setsDone ?? 0} of ${plural(s.dose.sets, 'set')}${it?.feedback ? ` · ${FEEDBACK_WORDS[it.feedback]}` : ''}${it?.control ? ` · ${CONTROL_WORDS[it.control]}` : ''}`}
                </span>
              </li>
            );
          })}
        </ul>
        <p class="muted">
          Pain during: {pain} out of 10{effort !== null ? ` · effort ${effort} out of 10` : ''}.
          {rated.some((r) => r.feedback === 'hurts') &&
            ' You told us something hurt. If it stays worse tomorrow, say so in your check-in.'}
        </p>
        <a class="btn btn-block pt-big" href="/app">
          Back to Today
        </a>
      </div>
    );
  }

  if (phase.kind === 'finish') {
    const asked = steps
      .map((s, index) => ({ index, name: s.exercise.name, item: session.items[index] }))
      .filter((x) => askControl(x.item));
    return (
      <div class="stack pt-player">
        {live}
        <p class="pt-kicker">{title}</p>
        <h1 tabIndex={-1}>Nicely done</h1>
        <p class="lede">A few quick questions help your plan fit you.</p>
        <form class="card stack" noValidate onSubmit={(e) => void finish(e)}>
          <Scale
            name="painDuring"
            legend="How much pain did you feel during the session?"
            value={pain}
            onChange={(v) => {
              setPain(v);
              setFinishError(null);
            }}
            error={finishError && pain === null ? finishError : undefined}
          />
          <Scale
            name="effort"
            legend="How hard did the session feel?"
            hint="Optional"
            value={effort}
            onChange={setEffort}
            low="Very easy"
            high="As hard as I could"
          />
          {asked.length > 0 && (
            <fieldset class="sc-fieldset pt-control" id="fld-control">
              <legend>Could you keep good form?</legend>
              <p class="hint">
                Good form means smooth and controlled, the way the picture shows. Your plan only steps up when
                the movement feels steady.
              </p>
              {asked.length > 1 && (
                <button type="button" class="btn btn-secondary pt-control-all" onClick={steadyForAll}>
                  Yes, steady for all {asked.length}
                </button>
              )}
              {asked.map(({ index, name }) => (
                <RadioGroup
                  key={index}
                  name={`control-${index}`}
                  legend={name}
                  options={CONTROL_OPTIONS}
                  value={session.items[index]?.control ?? ''}
                  onChange={(v) => setControl(index, v)}
                  error={
                    finishError && pain !== null && !session.items[index]?.control ? 'Choose one' : undefined
                  }
                  inline
                />
              ))}
            </fieldset>
          )}
          {finishError && pain !== null && (
            <div class="alert alert-error" role="alert">
              {finishError}
            </div>
          )}
          <button
            type="submit"
            class="btn btn-block pt-big"
            disabled={busy}
            aria-busy={busy ? 'true' : 'false'}
          >
            {busy ? 'Saving…' : 'Save and finish'}
          </button>
        </form>
      </div>
    );
  }

  const total = steps.length;
  const setNo = Math.min(session.pos.set + 1, step.dose.sets);
  const item = session.items[session.pos.index];
  let big: preact.ComponentChildren;
  let label: string;
  let fraction = 1 - left / Math.max(0.001, length);
  let pulse: number | undefined;
  if (phase.kind === 'ready') {
    label = phase.auto ? 'Get ready' : 'Get into position';
    big = phase.auto ? (
      <span class="pt-big-num">{secondsLeft}</span>
    ) : (
      <span class="pt-big-word">Ready?</span>
    );
    if (!phase.auto) fraction = 0;
  } else if (phase.kind === 'switch') {
    label = 'Switch to your right side';
    big = <span class="pt-big-num">{secondsLeft}</span>;
  } else if (phase.kind === 'rest') {
    label = `Rest · next: set ${setNo} of ${step.dose.sets}`;
    big = <span class="pt-big-num">{secondsLeft}</span>;
  } else if (phase.kind === 'work' && step.type === 'reps') {
    const parts = repParts(step.dose);
    const totalReps = step.dose.reps ?? 10;
    const current = Math.min(rep + 1, totalReps);
    label = `${parts[repPart]?.cue ?? 'Up'}${parts[repPart]?.cue === 'Hold' ? ` ${secondsLeft}` : ''}`;
    big = (
      <span class="pt-big-num">
        {current}
        <span class="pt-big-of"> of {totalReps}</span>
      </span>
    );
    fraction = (rep + (repPart + elapsed / Math.max(0.001, length)) / parts.length) / totalReps;
    pulse = rep;
  } else if (phase.kind === 'work') {
    label = step.type === 'hold' ? 'Hold' : 'Keep going';
    big = <span class="pt-big-num">{secondsLeft}</span>;
  } else {
    label = '';
    big = null;
  }
  const sideLabel =
    step.dose.eachSide && (phase.kind === 'work' || phase.kind === 'ready' || phase.kind === 'rest')
      ? phase.kind === 'work'
        ? `${sideName(phase.side)} side`
        : 'left side first'
      : null;

  return (
    <div class="pt-player">
      {live}
      <div class="pt-player-top">
        <p class="pt-kicker">
          {title} · exercise {session.pos.index + 1} of {total}
        </p>
        <progress
          class="pt-progress pt-progress-thin"
          max={total}
          value={session.pos.index}
          aria-label="Session progress"
        >
          {session.pos.index} of {total}
        </progress>
      </div>
      <div class="pt-figure">
        {phase.kind === 'ready' && !phase.auto ? (
          // Waiting for "Start": the position to get into, still (an animated picture keeps the phone's
          // main thread busy, which slows the first screen).
          <img
            src={step.exercise.startImageUrl}
            alt={`${step.exercise.name}: the starting position`}
            width={320}
            height={240}
          />
        ) : (
          <img
            src={step.exercise.illustrationUrl}
            alt={`${step.exercise.name}: an animated drawing of the movement`}
            width={320}
            height={240}
          />
        )}
      </div>
      <h1 tabIndex={-1} class="pt-ex-name">
        {step.exercise.name}
      </h1>
      <p class="pt-dose">{doseLine(step)}</p>

      {phase.kind === 'hurts' ? (
        <section class="pt-hurts" role="alert" aria-labelledby="pt-hurts-title">
          <h2 id="pt-hurts-title">Stop this exercise</h2>
          <p>
            Thank you for telling us. Sharp pain, or pain that keeps building, means this one is not right for
            you today. We have noted it for your plan
            {props.user.clinicianId ? ' and your physical therapist' : ''}.
          </p>
          <p>
            Move on only if the next exercise feels comfortable. If the pain stays worse after the session,
            say so in tomorrow’s check-in.
          </p>
          <button type="button" class="btn btn-block pt-big" onClick={moveOn}>
            {session.pos.index + 1 < total ? 'Move on to the next exercise' : 'Finish the session'}
          </button>
        </section>
      ) : (
        <>
          <div class={`pt-timer pt-timer-${phase.kind}${paused ? ' is-paused' : ''}`}>
            <Ring fraction={fraction} pulse={pulse}>
              {big}
              <span class="pt-phase">{paused ? 'Paused' : label}</span>
            </Ring>
            <p class="pt-setline">
              Set {setNo} of {step.dose.sets}
              {sideLabel && <span class="pt-side"> · {sideLabel}</span>}
            </p>
          </div>

          <div class="pt-controls">
            {phase.kind === 'ready' && !phase.auto ? (
              <button type="button" class="btn btn-block pt-huge" onClick={startNow}>
                {session.pos.index > 0 || session.pos.set > 0 ? 'Resume' : 'Start'}
              </button>
            ) : (
              <div class="pt-controls-main">
                <button
                  type="button"
                  class="btn pt-huge"
                  onClick={togglePause}
                  aria-pressed={paused ? 'true' : 'false'}
                >
                  {paused ? 'Continue' : 'Pause'}
                </button>
                {(phase.kind === 'rest' || phase.kind === 'switch' || phase.kind === 'ready') && (
                  <button type="button" class="btn btn-secondary pt-huge" onClick={startNow}>
                    Start now
                  </button>
                )}
                {phase.kind === 'work' && step.type === 'reps' && (
                  <button
                    type="button"
                    class="btn btn-secondary pt-huge"
                    onClick={() => workDone(phase.side)}
                  >
                    Set done
                  </button>
                )}
              </div>
            )}
            <div class="pt-feedback" role="group" aria-label="How is this exercise?">
              <button
                type="button"
                class="btn btn-quiet"
                aria-pressed={item?.feedback === 'tooEasy' ? 'true' : 'false'}
                onClick={() => rate('tooEasy')}
              >
                Too easy
              </button>
              <button
                type="button"
                class="btn btn-quiet"
                aria-pressed={item?.feedback === 'tooHard' ? 'true' : 'false'}
                onClick={() => rate('tooHard')}
              >
                Too hard
              </button>
              <button type="button" class="btn btn-quiet pt-hurts-btn" onClick={hurts}>
                This hurts
              </button>
              <button type="button" class="btn btn-quiet" onClick={skip}>
                Skip
              </button>
            </div>
            {note && <p class="pt-note">{note}</p>}
          </div>
        </>
      )}

      <details class="pt-steps">
        <summary>How to do it</summary>
        <ol>
          {step.exercise.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
        {step.exercise.cues.length > 0 && (
          <ul class="pt-cues">
            {step.exercise.cues.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
      </details>
      {toggles}
      <p class="pt-leave">
        <a href="/app">Leave the session</a> <span class="muted small">(your progress is kept)</span>
      </p>
    </div>
  );
}
