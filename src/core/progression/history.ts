/**
 * Small pure views over the logs: morning pain by date, the usual level a
 * session is compared with, and the pain-monitoring zone of one session
 * (clinical-facts §5.1).
 */
import { addDays } from '../dates';
import type { ProgressionThresholds } from './config';
import type { ExerciseSessionLog, MorningCheckIn, Zone } from './types';

/** Check-ins up to `today`, one per date (a later entry for the same date wins), sorted by date. */
export function checkInsByDate(
  checkIns: readonly MorningCheckIn[],
  today: string,
): Map<string, MorningCheckIn> {
  const map = new Map<string, MorningCheckIn>();
  for (const c of checkIns) if (c.date <= today) map.set(c.date, c);
  return new Map([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface SessionZone {
  zone: Zone;
  /** Rise of the next-morning pain over the usual level, or null when there is no next-morning check-in. */
  nextMorningRise: number | null;
  /** Why the zone is red or amber (or unknown), in plain words; empty for green. */
  why: string[];
}

/**
 * The usual level a session's next morning is compared with: what the person
 * calls usual in that check-in, else the morning of the session day, else the
 * day before, else the baseline.
 */
export function usualPainBefore(
  sessionDate: string,
  byDate: ReadonlyMap<string, MorningCheckIn>,
  baselinePain: number,
): number {
  const next = byDate.get(addDays(sessionDate, 1));
  if (next?.usualPain !== undefined) return next.usualPain;
  return byDate.get(sessionDate)?.painNow ?? byDate.get(addDays(sessionDate, -1))?.painNow ?? baselinePain;
}

/**
 * Pain-monitoring zone of one session (rules PROG-ZONE-*):
 * red: pain during above `painDuringMax`, "hurts", symptoms spreading, or
 * next-morning pain up by ≥ `nextMorningRedRise`; amber: pain during above
 * `painDuringGreenMax`, or next morning up by ≥ `nextMorningAmberRise`;
 * green: pain during rated and within the green zone, and the next morning
 * settled; otherwise unknown (a rating or the next-morning check-in missing,
 * or the session not finished).
 */
export function sessionZone(
  s: ExerciseSessionLog,
  byDate: ReadonlyMap<string, MorningCheckIn>,
  baselinePain: number,
  th: ProgressionThresholds,
): SessionZone {
  const next = byDate.get(addDays(s.date, 1));
  const rise = next ? next.painNow - usualPainBefore(s.date, byDate, baselinePain) : null;
  const red: string[] = [];
  const amber: string[] = [];
  if (s.painDuring !== null && s.painDuring > th.painDuringMax) {
    red.push(`pain reached ${s.painDuring}/10 during the exercise (the limit is ${th.painDuringMax}/10)`);
  } else if (s.painDuring !== null && s.painDuring > th.painDuringGreenMax) {
    amber.push(`pain was ${s.painDuring}/10 during the exercise`);
  }
  if (s.feedback === 'hurts') red.push('you told us it hurt');
  if (s.symptomsSpread) red.push('your symptoms spread further down your leg');
  if (rise !== null && rise >= th.nextMorningRedRise) {
    red.push(`the next morning your pain was ${rise} points above your usual level`);
  } else if (rise !== null && rise >= th.nextMorningAmberRise) {
    amber.push(`the next morning your pain was ${rise} point${rise === 1 ? '' : 's'} above your usual level`);
  }
  if (red.length > 0) return { zone: 'red', nextMorningRise: rise, why: red };
  if (amber.length > 0) return { zone: 'amber', nextMorningRise: rise, why: amber };
  const unknown: string[] = [];
  if (!s.completed) unknown.push('the session was not finished');
  if (s.painDuring === null) unknown.push('pain during the exercise was not rated');
  if (rise === null) unknown.push('there is no check-in from the next morning yet');
  if (unknown.length > 0) return { zone: 'unknown', nextMorningRise: rise, why: unknown };
  return { zone: 'green', nextMorningRise: rise, why: [] };
}
