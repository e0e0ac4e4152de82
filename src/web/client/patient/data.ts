/** Shapes of the patient-day API, and pure helpers over them (durations, queued writes shown early). */
import type { Dose, Exercise } from '../../../core/library/types';
import type { Plan, PlanItem } from '../../../core/plan/types';
import type { TodayView } from '../../../core/today';
import type { TriageResult } from '../../../core/triage/triage';
import { type QueuedWrite, readQueue } from './offline';

export type { TodayView, Plan, PlanItem, Dose };

export interface TodayResp {
  today: TodayView | null;
  triageLevel: string | null;
}
export interface PlanResp {
  plan: { version: number; createdAt: string; source: string; reason: string; plan: Plan } | null;
}
export type LibraryExercise = Exercise & {
  illustrationUrl: string;
  startImageUrl: string;
  endImageUrl: string;
};
export interface ExerciseResp {
  exercise: LibraryExercise;
}
export type Feedback = 'tooEasy' | 'right' | 'tooHard' | 'hurts' | 'skipped';
export interface SessionItem {
  exercise: string;
  setsDone: number;
  feedback: Feedback | null;
}
export interface SessionOut {
  clientId: string;
  kind: string;
  date: string;
  status: string;
  progress: Record<string, unknown>;
  items: SessionItem[];
  painDuring: number | null;
  effort: number | null;
}
export interface Activity {
  clientId: string;
  date: string;
  kind: string;
  minutes: number;
  effort: number | null;
}
export type Triage = TriageResult;

export type SessionKind = 'strength' | 'stretch';

/** How an exercise is counted, from its dose (the plan carries a dose but not the type). */
export function countType(dose: Dose, fallback?: Exercise['type']): 'reps' | 'hold' | 'timed' {
  if (dose.reps !== undefined) return 'reps';
  if (dose.durationSeconds !== undefined) return 'timed';
  if (dose.holdSeconds !== undefined) return 'hold';
  return fallback ?? 'hold';
}

/** Seconds for one rep: up, the hold at the top (if any), down. */
export const REP_UP = 1.5;
export const REP_DOWN = 1.5;
export const GET_READY = 5;
export const SWITCH_SIDES = 5;

/** Seconds one exercise takes at this dose, including rests and side switches. */
export function exerciseSeconds(dose: Dose): number {
  const type = countType(dose);
  const sides = dose.eachSide ? 2 : 1;
  const work =
    type === 'reps'
      ? (dose.reps ?? 10) * (REP_UP + (dose.holdSeconds ?? 0) + REP_DOWN)
      : type === 'hold'
        ? (dose.holdSeconds ?? 30)
        : (dose.durationSeconds ?? 60);
  return (
    GET_READY +
    dose.sets * sides * work +
    dose.sets * (sides - 1) * SWITCH_SIDES +
    (dose.sets - 1) * dose.restSeconds
  );
}

/** The session's exercises in plan order. */
export function sessionItems(plan: Plan, kind: SessionKind): PlanItem[] {
  return plan.items.filter((i) => i.pillar === kind && i.exercise !== null);
}

/** "About 9 minutes". */
export function sessionMinutes(plan: Plan, kind: SessionKind): number {
  const secs = sessionItems(plan, kind).reduce((s, i) => s + (i.dose ? exerciseSeconds(i.dose) : 60), 0);
  return Math.max(1, Math.round(secs / 60));
}

const weekStartOf = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`);
  const offset = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - offset);
  return d.toISOString().slice(0, 10);
};

/**
 * Today as the server last said it, plus the writes still waiting in the
 * queue, so what the person did offline shows at once.
 */
export function withPending(resp: TodayResp, queue: QueuedWrite[] = readQueue()): TodayResp {
  const t = resp.today;
  if (!t || queue.length === 0) return resp;
  const today: TodayView = {
    ...t,
    checkin: { ...t.checkin },
    strength: { ...t.strength },
    stretch: { ...t.stretch },
    movementBreaks: { ...t.movementBreaks },
    activity: { ...t.activity },
  };
  const from = weekStartOf(t.date);
  for (const w of queue) {
    const b = w.body;
    const date = typeof b.date === 'string' ? b.date : t.date;
    if (
      w.url.startsWith('/api/me/sessions/') &&
      (b.kind === 'stretch' || b.kind === 'strength') &&
      date === t.date
    ) {
      const s = b.kind === 'stretch' ? today.stretch : today.strength;
      if (b.status === 'completed') {
        if (!s.done && b.kind === 'stretch') today.stretchStreak += 1;
        s.done = true;
        if (s.inProgressClientId === w.key) s.inProgressClientId = null;
      } else if (b.status === 'inProgress' && !s.done) {
        s.inProgressClientId = w.key;
      }
    } else if (w.url === '/api/me/activities' && typeof b.minutes === 'number') {
      if (date >= from && date <= t.date) today.activity.weekMinutes += b.minutes;
      if (date === t.date) today.activity.todayMinutes += b.minutes;
    } else if (w.url === '/api/me/movement-breaks' && date === t.date) {
      today.movementBreaks.done += 1;
    } else if (w.url === '/api/me/checkins' && date === t.date) {
      today.checkin.done = true;
      today.checkin.painNow = typeof b.painNow === 'number' ? b.painNow : null;
    }
  }
  return { ...resp, today };
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The last check-in's triage (its advice is not part of Today), kept on the device for the day. */
export function rememberTriage(userId: string, date: string, triage: Triage): void {
  try {
    localStorage.setItem(`hb:${userId}:triage:${date}`, JSON.stringify(triage));
  } catch {
    // not remembered: Today falls back to the general advice for the level
  }
}
export function recallTriage(userId: string, date: string): Triage | null {
  try {
    const raw = localStorage.getItem(`hb:${userId}:triage:${date}`);
    return raw ? (JSON.parse(raw) as Triage) : null;
  } catch {
    return null;
  }
}

/** What to do for each level when we only know the level (our own words). */
export const LEVEL_ADVICE: Record<'emergency' | 'urgent' | 'soon', string> = {
  emergency:
    'Something you told us in your check-in needs medical help now. Stop your exercises and go to the nearest emergency department.',
  urgent:
    'Something you told us in your check-in needs a doctor today. Pause your exercises until a doctor has checked you.',
  soon: 'Something you told us in your check-in should be checked by a doctor in the next few days. Keep your exercises gentle until then.',
};
