/**
 * What is due today, what is done, and the week so far: a pure view over the
 * patient's plan and records. "Today" and "this week" are the patient's own
 * calendar (dates are computed in their time zone by the caller).
 */
import { addDays, weekdayOf } from './dates';
import { activityWeekOn, planWeekOn } from './plan/activity';
import type { Plan, PlanItem } from './plan/types';

export interface DayRecords {
  /** Completed or in-progress sessions from the start of this week (Monday) to today. */
  sessions: {
    date: string;
    kind: 'strength' | 'stretch' | 'movementBreak';
    status: string;
    clientId: string;
  }[];
  activities: { date: string; minutes: number }[];
  movementBreaks: { date: string }[];
  checkins: { date: string; painNow: number; triageLevel: string }[];
  /** Dates with a completed stretch session, newest first (for the streak). */
  stretchDates: string[];
}

export interface SessionDue {
  kind: 'strength' | 'stretch';
  /** Is this session on today's schedule? */
  due: boolean;
  done: boolean;
  /** A session started today and not finished: resume it. */
  inProgressClientId: string | null;
  exercises: string[];
  title: string;
}

export interface TodayView {
  date: string;
  weekday: string;
  /** Weeks since the plan started, from 1. */
  planWeek: number;
  checkin: { done: boolean; painNow: number | null; triageLevel: string | null };
  strength: SessionDue;
  stretch: SessionDue;
  movementBreaks: { exercises: string[]; times: string[]; target: number; done: number };
  activity: {
    weekMinutes: number;
    weekGoal: number;
    todayMinutes: number;
    minutesPerSession: number;
    sessionsPerWeek: number;
    title: string;
  };
  /** Consecutive days with the stretch routine done, counting today or, if not yet done today, up to yesterday. */
  stretchStreak: number;
  nextReview: { date: string; title: string } | null;
}

const byPillar = (plan: Plan, pillar: PlanItem['pillar']) => plan.items.filter((i) => i.pillar === pillar);

/** Monday of the week that holds `date`. */
export function weekStart(date: string): string {
  const offset = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(weekdayOf(date));
  return addDays(date, -offset);
}

export function stretchStreak(datesNewestFirst: readonly string[], today: string): number {
  const done = new Set(datesNewestFirst);
  let day = done.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (done.has(day)) {
    streak++;
    day = addDays(day, -1);
  }
  return streak;
}

export function todayView(plan: Plan, today: string, records: DayRecords): TodayView {
  const weekday = weekdayOf(today);
  const planWeek = planWeekOn(plan, today);
  const todays = <T extends { date: string }>(xs: readonly T[]) => xs.filter((x) => x.date === today);

  const sessionDue = (kind: 'strength' | 'stretch', title: string): SessionDue => {
    const items = byPillar(plan, kind).filter((i) => i.exercise !== null);
    const days = items.find((i) => i.schedule.days)?.schedule.days;
    const daysPerWeek = items[0]?.schedule.daysPerWeek ?? 0;
    const sessionsToday = todays(records.sessions).filter((s) => s.kind === kind);
    const doneThisWeek = new Set(
      records.sessions.filter((s) => s.kind === kind && s.status === 'completed').map((s) => s.date),
    ).size;
    const due =
      items.length > 0 && (days ? days.includes(weekday) : daysPerWeek >= 7 || doneThisWeek < daysPerWeek);
    return {
      kind,
      due,
      done: sessionsToday.some((s) => s.status === 'completed'),
      inProgressClientId: sessionsToday.find((s) => s.status === 'inProgress')?.clientId ?? null,
      exercises: items.map((i) => i.exercise as string),
      title,
    };
  };

  const breaks = byPillar(plan, 'movementBreaks').filter((i) => i.exercise !== null);
  const breakDays = breaks[0]?.schedule.days;
  const breakTimes = breakDays && !breakDays.includes(weekday) ? [] : (breaks[0]?.schedule.times ?? []);

  const activity = byPillar(plan, 'activity')[0];
  const week = activityWeekOn(plan, today);
  const todayCheckin = todays(records.checkins).at(-1);
  const review = byPillar(plan, 'guidance')
    .filter((i) => i.schedule.on && i.schedule.on >= today)
    .sort((a, b) => (a.schedule.on ?? '').localeCompare(b.schedule.on ?? ''))[0];

  return {
    date: today,
    weekday,
    planWeek,
    checkin: {
      done: todayCheckin !== undefined,
      painNow: todayCheckin?.painNow ?? null,
      triageLevel: todayCheckin?.triageLevel ?? null,
    },
    strength: sessionDue('strength', 'Strength session'),
    stretch: sessionDue('stretch', 'Daily stretch routine'),
    movementBreaks: {
      exercises: breaks.map((b) => b.exercise as string),
      times: breakTimes,
      target: breakTimes.length,
      done: todays(records.movementBreaks).length,
    },
    activity: {
      weekMinutes: records.activities.reduce((sum, a) => sum + a.minutes, 0),
      weekGoal: week?.weeklyMinutes ?? 150,
      todayMinutes: todays(records.activities).reduce((sum, a) => sum + a.minutes, 0),
      minutesPerSession: week?.minutesPerSession ?? 30,
      sessionsPerWeek: week?.sessionsPerWeek ?? 5,
      title: activity?.title ?? 'Low-impact activity',
    },
    stretchStreak: stretchStreak(records.stretchDates, today),
    nextReview: review?.schedule.on ? { date: review.schedule.on, title: review.title } : null,
  };
}
