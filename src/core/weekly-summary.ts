/**
 * The words of the weekly summary (email and in-app), made from the
 * `WeeklySummary` that `progressView` computes for the Progress page, so the
 * two can never disagree: this file only words figures, it computes none.
 *
 * The encouragement line never claims more than the figures show: it praises
 * "everything planned" only when every planned session was done, a reached
 * activity goal only when the minutes reached it, and lower pain only when
 * the change counts as meaningful (painChange, rule MCID1) — and it never
 * turns a week with nothing done into praise.
 */
import { MONTH_NAMES } from './dates';
import type { WeeklySummary } from './progress';

/** "2026-11-16", "2026-11-22" → "16–22 November"; across months "30 November – 6 December". */
export function weekSpanText(from: string, to: string): string {
  const [, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [, tm, td] = to.split('-').map(Number) as [number, number, number];
  return fm === tm
    ? `${fd}–${td} ${MONTH_NAMES[tm - 1]}`
    : `${fd} ${MONTH_NAMES[fm - 1]} – ${td} ${MONTH_NAMES[tm - 1]}`;
}

/** 3.25 → "3.3", 4 → "4" (the rounding the Progress page uses). */
export const oneDecimal = (n: number) => String(Math.round(n * 10) / 10);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export interface WeeklyMessage {
  title: string;
  /** One figure per line, in plain words. */
  lines: string[];
  encouragement: string;
}

function sessionLine(label: string, c: { done: number; planned: number }, unit: string): string | null {
  if (c.planned === 0 && c.done === 0) return null;
  if (c.planned === 0) return `${label}: ${plural(c.done, unit)} (none were planned).`;
  return `${label}: ${c.done} of ${c.planned} planned.`;
}

function painLine(p: WeeklySummary['pain']): string {
  if (p.mean === null) return 'Morning pain: no check-ins last week, so there is nothing to compare.';
  const now = oneDecimal(p.mean);
  if (p.previousMean === null) {
    return `Morning pain: ${now} out of 10 on average (no check-ins the week before to compare with).`;
  }
  const before = oneDecimal(p.previousMean);
  switch (p.category) {
    case 'improved':
      return `Morning pain: ${now} out of 10 on average, down from ${before} the week before.`;
    case 'worsened':
      return `Morning pain: ${now} out of 10 on average, up from ${before} the week before. If it keeps rising, tell your physical therapist.`;
    case 'noMeaningfulChange':
    case null: {
      // Not a change that counts (MCID1): say which way it moved, without weight.
      const way =
        now === before
          ? 'the same as'
          : p.mean < p.previousMean
            ? 'a little lower than'
            : 'a little higher than';
      return `Morning pain: ${now} out of 10 on average, ${way} the ${before} of the week before.`;
    }
  }
}

/** One honest line of encouragement from the week's figures. */
export function weeklyEncouragement(s: WeeklySummary): string {
  const { stretch, strength } = s.sessions;
  const planned = stretch.planned + strength.planned;
  const done = Math.min(stretch.done, stretch.planned) + Math.min(strength.done, strength.planned);
  const anyDone = stretch.done + strength.done > 0 || s.activity.minutes > 0;
  const goalReached = s.activity.goal > 0 && s.activity.minutes >= s.activity.goal;
  if (planned > 0 && done >= planned) {
    return goalReached
      ? 'You did every session you planned and reached your activity goal. Well done.'
      : 'You did every session you planned. Well done.';
  }
  if (goalReached) return 'You reached your activity goal for the week. Well done.';
  if (s.pain.category === 'improved' && anyDone) {
    return 'Your morning pain came down while you kept at it. Keep going at a pace that suits you.';
  }
  if (anyDone) return 'You kept at it last week. Every session counts; this week is a new start.';
  return 'Last week was a quiet one, and that happens. One short session is a good way to start this week.';
}

/** The summary's title, figures and encouragement, for the email and the in-app message. */
export function weeklySummaryMessage(s: WeeklySummary): WeeklyMessage {
  const { stretch, strength } = s.sessions;
  const sessions = [
    sessionLine('Strength sessions', strength, 'session'),
    sessionLine('Stretch days', stretch, 'day'),
  ].filter((l): l is string => l !== null);
  const { minutes, goal } = s.activity;
  const activity =
    goal <= 0
      ? `Activity: ${plural(minutes, 'minute')}.`
      : minutes >= goal
        ? `Activity: ${plural(minutes, 'minute')}, reaching your weekly goal of ${goal}.`
        : `Activity: ${minutes} of your ${goal} goal minutes.`;
  return {
    title: `Your week, ${weekSpanText(s.weekStart, s.weekEnd)}`,
    lines: [
      ...(sessions.length > 0 ? sessions : ['Sessions: none were planned last week.']),
      activity,
      painLine(s.pain),
    ],
    encouragement: weeklyEncouragement(s),
  };
}
