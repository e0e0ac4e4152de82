/**
 * Progress: the patient's own records turned into series, streaks, milestones
 * and a weekly summary, each with a sentence in plain words.
 *
 * Pure and deterministic: every date is a `YYYY-MM-DD` day in the patient's
 * own calendar (the caller converts timestamps with the patient's time zone),
 * weeks run Monday to Sunday, and "today" is passed in.
 *
 * What counts as a meaningful change is not decided here: pain uses
 * `painChange` (MCID1, 2 points or 30 %), functional activities use the PSFS
 * measurement-error figures (PSFS1), both from src/core/scoring.
 */
import { addDays, daysBetween, weekdayOf } from './dates';
import { activityWeekOn } from './plan/activity';
import type { Plan } from './plan/types';
import { type ChangeCategory, type PainChange, painChange, psfsChange } from './scoring/scoring';
import { t } from './thresholds';
import { stretchStreak, weekStart } from './today';

// ── Input ────────────────────────────────────────────────────────────────

export interface FunctionalRatingSet {
  date: string;
  ratings: { activity: string; score: number }[];
}

export interface ProgressRecords {
  /** Morning check-ins, oldest first (a later one on the same day replaces an earlier one). */
  checkins: readonly { date: string; painNow: number }[];
  sessions: readonly {
    date: string;
    kind: 'strength' | 'stretch' | 'movementBreak';
    status: string;
    painDuring: number | null;
    effort: number | null;
  }[];
  activities: readonly { date: string; minutes: number }[];
  movementBreaks: readonly { date: string }[];
  /** Plan versions, oldest first, each with the day it took effect. */
  plans: readonly { version: number; from: string; source: string; reason: string; plan: Plan }[];
  /** The activities the patient named at the start (with their first scores), and later ratings, oldest first. */
  functional: { baseline: FunctionalRatingSet | null; ratings: readonly FunctionalRatingSet[] };
}

// ── Output ───────────────────────────────────────────────────────────────

export interface WeekCount {
  done: number;
  planned: number;
}

export interface ProgressWeek {
  /** Monday of the week. */
  weekStart: string;
  /** True for the current week (not over yet) and a first week that began mid-week. */
  partial: boolean;
  activityMinutes: number;
  activityGoal: number;
  stretch: WeekCount;
  strength: WeekCount;
  /** Sessions done ÷ planned (strength and stretch together, capped at 1), or null when none were planned. */
  adherence: number | null;
  movementBreaks: number;
}

export type MilestoneId =
  'firstSession' | 'stretchStreak7' | 'activityGoalWeek' | 'tenSessions' | 'painDown' | 'activityEasier';

export interface Milestone {
  id: MilestoneId;
  /** The day it was reached. */
  date: string;
  title: string;
  detail: string;
}

export interface FunctionalSeries {
  activity: string;
  points: { date: string; score: number }[];
  baseline: number | null;
  latest: number | null;
  /** latest − baseline (positive is better), or null with fewer than two points. */
  change: number | null;
  /** The change is larger than the single-activity measurement error (PSFS1). */
  beyondMeasurementError: boolean;
}

export interface WeeklySummary {
  weekStart: string;
  weekEnd: string;
  sessions: {
    stretch: WeekCount;
    strength: WeekCount;
    painDuringMean: number | null;
    sentence: string;
  };
  activity: { minutes: number; goal: number; sentence: string };
  pain: {
    mean: number | null;
    previousMean: number | null;
    category: ChangeCategory | null;
    sentence: string;
  };
  movementBreaks: { count: number; sentence: string };
  milestones: Milestone[];
  milestonesSentence: string;
}

export interface ProgressView {
  today: string;
  /** The day the first plan took effect (null before any plan). */
  startDate: string | null;
  pain: {
    days: { date: string; painNow: number | null }[];
    /** Starting pain: the first plan's baseline, else the mean of the first check-ins. */
    baseline: number | null;
    /** Mean of the latest check-ins. */
    recent: number | null;
    change: PainChange | null;
    sentence: string;
  };
  weeks: ProgressWeek[];
  activitySentence: string;
  adherenceSentence: string;
  functional: {
    activities: FunctionalSeries[];
    /** PSFS mean at the start and now, over activities rated both times. */
    score: { baseline: number; current: number; change: number; category: ChangeCategory } | null;
    sentence: string;
  };
  streaks: { stretchCurrent: number; stretchLongest: number; sentence: string };
  milestones: Milestone[];
  planChanges: { version: number; date: string; source: string; reason: string }[];
  summary: WeeklySummary | null;
}

// ── Constants (not clinical: calendar and motivation) ─────────────────────

/** A full week of daily stretching. */
const STREAK_MILESTONE_DAYS = 7;
/** A round number worth celebrating. */
const SESSIONS_MILESTONE = 10;
/** How many weeks the charts show. */
export const PROGRESS_WEEKS = 8;

// ── Words ────────────────────────────────────────────────────────────────

const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];
const word = (n: number) => WORDS[n] ?? String(n);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const pluralWord = (n: number, one: string, many = `${one}s`) => `${word(n)} ${n === 1 ? one : many}`;

/** "three weeks", "five days". */
export function spanWords(days: number): string {
  if (days < 14) return pluralWord(Math.max(1, days), 'day');
  return pluralWord(Math.round(days / 7), 'week');
}

/** 3.25 → "3.3", 4 → "4". */
const oneDecimal = (n: number) => String(Math.round(n * 10) / 10);

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

// ── Helpers over plans ────────────────────────────────────────────────────

type PlanEntry = ProgressRecords['plans'][number];

function planOn(plans: readonly PlanEntry[], date: string): Plan | null {
  let found: Plan | null = null;
  for (const p of plans) if (p.from <= date) found = p.plan;
  return found;
}

/** The weekly activity goal the plan sets for the week holding `date` (as Today shows it). */
export function activityGoalOn(plan: Plan, date: string): number {
  return activityWeekOn(plan, date)?.weeklyMinutes ?? t('activityGoalMinutesPerWeek');
}

/** How many sessions of a kind the plan asks for over `days` (the days of one week the plan covers). */
function plannedSessions(plans: readonly PlanEntry[], kind: 'strength' | 'stretch', days: string[]): number {
  const last = days.at(-1);
  if (last === undefined) return 0;
  const lastPlan = planOn(plans, last);
  const items = (p: Plan | null) =>
    p ? p.items.filter((i) => i.pillar === kind && i.exercise !== null) : [];
  const first = items(lastPlan)[0];
  if (!first) return 0;
  if (first.schedule.days) {
    // Named days: count them day by day, with the plan in force on each day.
    return days.filter((d) => {
      const item = items(planOn(plans, d))[0];
      return item?.schedule.days?.includes(weekdayOf(d)) ?? false;
    }).length;
  }
  return Math.min(first.schedule.daysPerWeek, days.length);
}

// ── The view ─────────────────────────────────────────────────────────────

export function progressView(
  records: ProgressRecords,
  today: string,
  weeksShown: number = PROGRESS_WEEKS,
): ProgressView {
  const plans = [...records.plans].sort((a, b) => a.version - b.version);
  const upToToday = <T extends { date: string }>(xs: readonly T[]) => xs.filter((x) => x.date <= today);
  const checkins = upToToday(records.checkins);
  const sessions = upToToday(records.sessions);
  const activities = upToToday(records.activities);
  const breaks = upToToday(records.movementBreaks);
  const completed = sessions.filter(
    (s) => s.status === 'completed' && (s.kind === 'stretch' || s.kind === 'strength'),
  );

  const startDate = plans[0]?.from ?? null;
  const firstRecord = [...checkins, ...completed, ...activities, ...breaks]
    .map((r) => r.date)
    .sort()
    .at(0);
  const origin = [startDate ?? today, firstRecord ?? today, today].sort()[0] ?? today;
  const thisWeek = weekStart(today);
  const firstWeek = [weekStart(origin), addDays(thisWeek, -7 * (weeksShown - 1))].sort().at(-1) ?? thisWeek;

  // Morning pain: one value per day, the day's last check-in.
  const painByDay = new Map<string, number>();
  for (const c of checkins) painByDay.set(c.date, c.painNow);
  const firstPainDay = [...painByDay.keys()].sort()[0];
  const painDays: { date: string; painNow: number | null }[] = [];
  if (firstPainDay !== undefined) {
    const from = [firstPainDay, firstWeek].sort().at(-1) ?? firstPainDay;
    for (let d = from; d <= today; d = addDays(d, 1))
      painDays.push({ date: d, painNow: painByDay.get(d) ?? null });
  }

  const weeks = weekRows(plans, firstWeek, today, startDate, completed, activities, breaks);
  const milestones = findMilestones(plans, today, painByDay, completed, activities, records.functional);
  const pain = painPart(plans, today, painByDay);
  const functional = functionalPart(records.functional, today);
  const streak = streakPart(completed, today);
  const summary =
    startDate === null
      ? null
      : weeklySummary(plans, today, startDate, painByDay, completed, activities, breaks, milestones);

  return {
    today,
    startDate,
    pain: { days: painDays, ...pain },
    weeks,
    activitySentence: activitySentence(weeks),
    adherenceSentence: adherenceSentence(weeks),
    functional,
    streaks: streak,
    milestones,
    // Every version after the first, newest first: each carries the reason it was made.
    planChanges: plans
      .slice(1)
      .map((p) => ({ version: p.version, date: p.from, source: p.source, reason: p.reason }))
      .reverse(),
    summary,
  };
}

type Completed = ProgressRecords['sessions'][number];

function weekRows(
  plans: readonly PlanEntry[],
  firstWeek: string,
  today: string,
  startDate: string | null,
  completed: readonly Completed[],
  activities: readonly { date: string; minutes: number }[],
  breaks: readonly { date: string }[],
): ProgressWeek[] {
  const rows: ProgressWeek[] = [];
  for (let ws = firstWeek; ws <= today; ws = addDays(ws, 7)) {
    rows.push(weekRow(plans, ws, today, startDate, completed, activities, breaks));
  }
  return rows;
}

function weekRow(
  plans: readonly PlanEntry[],
  ws: string,
  today: string,
  startDate: string | null,
  completed: readonly Completed[],
  activities: readonly { date: string; minutes: number }[],
  breaks: readonly { date: string }[],
): ProgressWeek {
  const we = addDays(ws, 6);
  const inWeek = (d: string) => d >= ws && d <= we && d <= today;
  const covered: string[] = [];
  for (let d = ws; d <= we && d <= today; d = addDays(d, 1)) {
    if (startDate !== null && d >= startDate) covered.push(d);
  }
  const doneDays = (kind: 'stretch' | 'strength') =>
    new Set(completed.filter((s) => s.kind === kind && inWeek(s.date)).map((s) => s.date));
  // Today counts as planned only once it is done: the day is not over yet.
  const count = (kind: 'stretch' | 'strength') => {
    const dates = doneDays(kind);
    const days = covered.filter((d) => d < today || dates.has(d));
    return { done: dates.size, planned: plannedSessions(plans, kind, days) };
  };
  const stretch = count('stretch');
  const strength = count('strength');
  const planned = stretch.planned + strength.planned;
  const done = Math.min(stretch.done, stretch.planned) + Math.min(strength.done, strength.planned);
  const plan = planOn(plans, we < today ? we : today);
  return {
    weekStart: ws,
    partial: we > today || (startDate !== null && startDate > ws),
    activityMinutes: activities.filter((a) => inWeek(a.date)).reduce((s, a) => s + a.minutes, 0),
    activityGoal: plan ? activityGoalOn(plan, we < today ? we : today) : t('activityGoalMinutesPerWeek'),
    stretch,
    strength,
    adherence: planned === 0 ? null : done / planned,
    movementBreaks: breaks.filter((b) => inWeek(b.date)).length,
  };
}

// ── Pain ─────────────────────────────────────────────────────────────────

/** Mean of the last `window` daily values up to and including `upTo`. */
function recentMean(painByDay: ReadonlyMap<string, number>, upTo: string, window: number): number | null {
  const days = [...painByDay.keys()].filter((d) => d <= upTo).sort();
  return mean(days.slice(-window).map((d) => painByDay.get(d) ?? 0));
}

function painBaseline(plans: readonly PlanEntry[], painByDay: ReadonlyMap<string, number>): number | null {
  const fromPlan = plans[0]?.plan.baseline.painNow;
  if (fromPlan !== undefined) return fromPlan;
  const days = [...painByDay.keys()].sort();
  return mean(days.slice(0, t('progressPainWindowCheckins')).map((d) => painByDay.get(d) ?? 0));
}

function painPart(plans: readonly PlanEntry[], today: string, painByDay: ReadonlyMap<string, number>) {
  const days = [...painByDay.keys()].sort();
  const baseline = painBaseline(plans, painByDay);
  const recent = recentMean(painByDay, today, t('progressPainWindowCheckins'));
  if (baseline === null || recent === null || days.length === 0) {
    return {
      baseline,
      recent,
      change: null,
      sentence: 'No check-ins yet. Check in each morning and your pain line will start here.',
    };
  }
  const change = painChange(baseline, recent);
  const from = plans[0]?.from ?? days[0] ?? today;
  const over = spanWords(daysBetween(from, days.at(-1) ?? today));
  const a = Math.round(baseline);
  const b = Math.round(recent);
  let sentence: string;
  if (days.length < t('progressPainWindowCheckins')) {
    sentence = `You have checked in ${word(days.length)} ${days.length === 1 ? 'time' : 'times'} so far. After a few more mornings you will see how your pain is moving.`;
  } else if (change.category === 'improved') {
    sentence = `Your morning pain has gone from ${a} to ${b} over ${over}. That is a change big enough to feel.`;
  } else if (change.category === 'worsened') {
    sentence = `Your morning pain has gone up from ${a} to ${b} over ${over}. Your physical therapist can see this too; tell them how you are.`;
  } else if (b < a) {
    sentence = `Your morning pain has eased a little, from ${a} to ${b} over ${over}. Keep going: change often builds slowly.`;
  } else {
    sentence = `Your morning pain is about where it started (${a} then, ${b} now). Keep going, and mention it at your next review.`;
  }
  return { baseline, recent, change, sentence };
}

// ── Activity and adherence ────────────────────────────────────────────────

function activitySentence(weeks: readonly ProgressWeek[]): string {
  const full = weeks.filter((w) => !w.partial);
  const withMinutes = weeks.filter((w) => w.activityMinutes > 0);
  if (withMinutes.length === 0) {
    return 'No activity logged yet. A 10-minute walk is a good first entry.';
  }
  const last = full.at(-1);
  const current = weeks.at(-1);
  const parts: string[] = [];
  if (last) {
    parts.push(
      last.activityMinutes >= last.activityGoal
        ? `Last full week you moved for ${last.activityMinutes} minutes and reached your goal of ${last.activityGoal}.`
        : `Last full week you moved for ${last.activityMinutes} of your ${last.activityGoal} goal minutes.`,
    );
    const first = weeks.find((w) => w.activityMinutes > 0);
    if (first && first.weekStart < last.weekStart && first.activityMinutes < last.activityMinutes) {
      parts.push(`That is up from ${first.activityMinutes} in your first week.`);
    }
  }
  if (current && current.partial && current !== last) {
    parts.push(`This week so far: ${current.activityMinutes} of ${current.activityGoal}.`);
  }
  return parts.join(' ');
}

function adherenceSentence(weeks: readonly ProgressWeek[]): string {
  const sum = (pick: (w: ProgressWeek) => number) => weeks.reduce((s, w) => s + pick(w), 0);
  const stretchDone = sum((w) => Math.min(w.stretch.done, w.stretch.planned));
  const stretchPlanned = sum((w) => w.stretch.planned);
  const strengthDone = sum((w) => Math.min(w.strength.done, w.strength.planned));
  const strengthPlanned = sum((w) => w.strength.planned);
  if (stretchPlanned + strengthPlanned === 0) return 'Once your plan starts, the sessions you do show here.';
  const parts = [];
  if (stretchPlanned > 0)
    parts.push(`${stretchDone} of ${plural(stretchPlanned, 'planned stretch routine')}`);
  if (strengthPlanned > 0) parts.push(`${strengthDone} of ${plural(strengthPlanned, 'strength session')}`);
  const rate = (stretchDone + strengthDone) / (stretchPlanned + strengthPlanned);
  const tail =
    rate >= 0.8
      ? 'That steady habit is what makes the difference.'
      : rate >= 0.5
        ? 'More than half: well done. Short sessions still count on busy days.'
        : 'Every session counts; even a short one on a busy day keeps the habit alive.';
  return `Since you started you have done ${parts.join(' and ')}. ${tail}`;
}

// ── Streaks ──────────────────────────────────────────────────────────────

function stretchDays(completed: readonly Completed[]): string[] {
  return [...new Set(completed.filter((s) => s.kind === 'stretch').map((s) => s.date))].sort();
}

/** Longest run of consecutive days, and the day each run first reached `target` (or null). */
function longestRun(days: readonly string[], target: number): { longest: number; reachedOn: string | null } {
  let longest = 0;
  let run = 0;
  let prev: string | null = null;
  let reachedOn: string | null = null;
  for (const d of days) {
    run = prev !== null && daysBetween(prev, d) === 1 ? run + 1 : 1;
    if (run > longest) longest = run;
    if (run === target && reachedOn === null) reachedOn = d;
    prev = d;
  }
  return { longest, reachedOn };
}

function streakPart(completed: readonly Completed[], today: string) {
  const days = stretchDays(completed);
  const current = stretchStreak([...days].reverse(), today);
  const { longest } = longestRun(days, STREAK_MILESTONE_DAYS);
  let sentence: string;
  if (days.length === 0) sentence = 'Do your stretch routine on two days in a row to start a streak.';
  else if (current === 0)
    sentence = `Your best stretch streak is ${plural(longest, 'day')}. Stretch today to start a new one.`;
  else if (current >= longest)
    sentence = `You have stretched ${plural(current, 'day')} in a row: your best streak yet.`;
  else
    sentence = `You have stretched ${plural(current, 'day')} in a row. Your best is ${plural(longest, 'day')}.`;
  return { stretchCurrent: current, stretchLongest: longest, sentence };
}

// ── Functional activities ─────────────────────────────────────────────────

/** Every rating per activity, oldest first; one per day (a later rating that day replaces an earlier one). */
function functionalSeries(functional: ProgressRecords['functional'], today: string): FunctionalSeries[] {
  const sets = [...(functional.baseline ? [functional.baseline] : []), ...functional.ratings].filter(
    (s) => s.date <= today,
  );
  const names: string[] = [];
  const byName = new Map<string, Map<string, number>>();
  for (const set of sets) {
    for (const r of set.ratings) {
      if (!byName.has(r.activity)) {
        byName.set(r.activity, new Map());
        names.push(r.activity);
      }
      byName.get(r.activity)?.set(set.date, r.score);
    }
  }
  return names.map((activity) => {
    const points = [...(byName.get(activity) ?? new Map<string, number>())]
      .map(([date, score]) => ({ date, score }))
      .sort((a, b) => a.date.localeCompare(b.date));
    const baseline = points[0]?.score ?? null;
    const latest = points.at(-1)?.score ?? null;
    const change = points.length >= 2 && baseline !== null && latest !== null ? latest - baseline : null;
    return {
      activity,
      points,
      baseline,
      latest,
      change,
      beyondMeasurementError: change !== null && Math.abs(change) >= t('psfsMdcSingleActivityPoints'),
    };
  });
}

function functionalPart(
  functional: ProgressRecords['functional'],
  today: string,
): ProgressView['functional'] {
  const activities = functionalSeries(functional, today);
  const rated = activities.filter((a) => a.change !== null);
  let score: ProgressView['functional']['score'] = null;
  if (rated.length > 0) {
    const c = psfsChange(
      rated.map((a) => a.baseline ?? 0),
      rated.map((a) => a.latest ?? 0),
    );
    score = { baseline: c.baseline, current: c.current, change: c.change, category: c.category };
  }
  let sentence: string;
  if (activities.length === 0) {
    sentence =
      'Name up to five everyday activities your pain makes hard, and rate them now and then to see them get easier.';
  } else if (rated.length === 0) {
    sentence = 'Rate your activities again in a week or so, and the change will show here.';
  } else {
    const best = [...rated].sort((a, b) => (b.change ?? 0) - (a.change ?? 0))[0];
    if (best && (best.change ?? 0) > 0) {
      sentence = `${capitalise(best.activity)}: from ${best.baseline} to ${best.latest} out of 10 since you first rated it${best.beyondMeasurementError ? ', a real change' : ''}.`;
    } else {
      sentence =
        'Your activities are rated about the same as at the start. Progress here often lags behind pain; keep rating them.';
    }
  }
  return { activities, score, sentence };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ── Milestones ───────────────────────────────────────────────────────────

function findMilestones(
  plans: readonly PlanEntry[],
  today: string,
  painByDay: ReadonlyMap<string, number>,
  completed: readonly Completed[],
  activities: readonly { date: string; minutes: number }[],
  functional: ProgressRecords['functional'],
): Milestone[] {
  const out: Milestone[] = [];
  const ordered = [...completed].sort((a, b) => a.date.localeCompare(b.date));

  const first = ordered[0];
  if (first) {
    // Sessions carry a day, not a time: when both kinds were done on the first day, name both, so the
    // words do not depend on the order the records arrive in.
    const kinds = new Set(ordered.filter((c) => c.date === first.date).map((c) => c.kind));
    const what =
      kinds.size > 1
        ? 'stretch routine and strength session'
        : first.kind === 'stretch'
          ? 'stretch routine'
          : 'strength session';
    out.push({
      id: 'firstSession',
      date: first.date,
      title: 'First session done',
      detail: `You did your first ${what}. The start is the hardest part.`,
    });
  }
  const tenth = ordered[SESSIONS_MILESTONE - 1];
  if (tenth) {
    out.push({
      id: 'tenSessions',
      date: tenth.date,
      title: `${SESSIONS_MILESTONE} sessions done`,
      detail: `${capitalise(word(SESSIONS_MILESTONE))} strength and stretch sessions: a habit is forming.`,
    });
  }
  const streak = longestRun(stretchDays(completed), STREAK_MILESTONE_DAYS);
  if (streak.reachedOn) {
    out.push({
      id: 'stretchStreak7',
      date: streak.reachedOn,
      title: `${STREAK_MILESTONE_DAYS}-day stretch streak`,
      detail: 'A full week of stretching every day.',
    });
  }

  // The first week whose minutes reached that week's goal: reached on the day the total crossed it.
  // Minutes per day (so the order of entries within a day does not matter), grouped by week.
  const perDay = new Map<string, number>();
  for (const a of activities) perDay.set(a.date, (perDay.get(a.date) ?? 0) + a.minutes);
  const byWeek = new Map<string, { date: string; minutes: number }[]>();
  for (const [date, minutes] of [...perDay].sort(([x], [y]) => x.localeCompare(y))) {
    const ws = weekStart(date);
    byWeek.set(ws, [...(byWeek.get(ws) ?? []), { date, minutes }]);
  }
  for (const ws of [...byWeek.keys()].sort()) {
    const plan = planOn(plans, addDays(ws, 6) < today ? addDays(ws, 6) : today);
    const goal = plan ? activityGoalOn(plan, addDays(ws, 6) < today ? addDays(ws, 6) : today) : null;
    if (goal === null || goal <= 0) continue;
    let total = 0;
    const hit = (byWeek.get(ws) ?? []).find((a) => (total += a.minutes) >= goal);
    if (hit) {
      out.push({
        id: 'activityGoalWeek',
        date: hit.date,
        title: 'A week at your activity goal',
        detail: `${total} minutes of activity in one week, against a goal of ${goal}.`,
      });
      break;
    }
  }

  // Pain: the first day the mean of the latest check-ins is a meaningful drop from the start.
  const baseline = painBaseline(plans, painByDay);
  const window = t('progressPainWindowCheckins');
  const days = [...painByDay.keys()].sort();
  if (baseline !== null) {
    for (let i = window - 1; i < days.length; i++) {
      const m = mean(days.slice(i - window + 1, i + 1).map((d) => painByDay.get(d) ?? 0));
      if (m !== null && painChange(baseline, m).category === 'improved') {
        out.push({
          id: 'painDown',
          date: days[i] ?? today,
          title: 'Pain down by a change you can feel',
          detail: `Your morning pain averaged ${oneDecimal(m)} over ${word(window)} check-ins, down from ${oneDecimal(baseline)} at the start.`,
        });
        break;
      }
    }
  }

  // Functional: the first rating where an activity improved by more than the single-activity measurement error.
  const baselineByName = new Map<string, number>();
  const sets = [...(functional.baseline ? [functional.baseline] : []), ...functional.ratings]
    .filter((s) => s.date <= today)
    .sort((a, b) => a.date.localeCompare(b.date));
  outer: for (const set of sets) {
    for (const r of set.ratings) {
      const b = baselineByName.get(r.activity);
      if (b === undefined) {
        baselineByName.set(r.activity, r.score);
      } else if (r.score - b >= t('psfsMdcSingleActivityPoints')) {
        out.push({
          id: 'activityEasier',
          date: set.date,
          title: 'An everyday activity got easier',
          detail: `${capitalise(r.activity)}: from ${b} to ${r.score} out of 10.`,
        });
        break outer;
      }
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

// ── Weekly summary ───────────────────────────────────────────────────────

function weeklySummary(
  plans: readonly PlanEntry[],
  today: string,
  startDate: string,
  painByDay: ReadonlyMap<string, number>,
  completed: readonly Completed[],
  activities: readonly { date: string; minutes: number }[],
  breaks: readonly { date: string }[],
  milestones: readonly Milestone[],
): WeeklySummary | null {
  const ws = addDays(weekStart(today), -7);
  const we = addDays(ws, 6);
  if (startDate > we) return null;
  const row = weekRow(plans, ws, today, startDate, completed, activities, breaks);
  const inWeek = (d: string, from = ws, to = we) => d >= from && d <= to;
  const weekPain = (from: string, to: string) =>
    mean([...painByDay].filter(([d]) => inWeek(d, from, to)).map(([, v]) => v));
  const painNow = weekPain(ws, we);
  const painBefore = weekPain(addDays(ws, -7), addDays(ws, -1));
  const during = mean(
    completed.filter((s) => inWeek(s.date) && s.painDuring !== null).map((s) => s.painDuring ?? 0),
  );

  const sessionParts: string[] = [];
  if (row.stretch.planned > 0)
    sessionParts.push(`${row.stretch.done} of ${row.stretch.planned} stretch routines`);
  if (row.strength.planned > 0)
    sessionParts.push(`${row.strength.done} of ${row.strength.planned} strength sessions`);
  const sessionsSentence =
    sessionParts.length === 0
      ? 'No sessions were planned that week.'
      : `You did ${sessionParts.join(' and ')}${during !== null ? `, with pain during them around ${oneDecimal(during)} out of 10` : ''}.`;

  const activitySentenceText =
    row.activityMinutes === 0
      ? `No activity was logged; the goal was ${row.activityGoal} minutes.`
      : row.activityMinutes >= row.activityGoal
        ? `You moved for ${row.activityMinutes} minutes and reached your goal of ${row.activityGoal}.`
        : `You moved for ${row.activityMinutes} of ${row.activityGoal} goal minutes.`;

  let category: ChangeCategory | null = null;
  let painSentence: string;
  if (painNow === null) {
    painSentence = 'There were no check-ins that week, so we cannot say how your pain moved.';
  } else if (painBefore === null) {
    painSentence = `Your morning pain averaged ${oneDecimal(painNow)} out of 10.`;
  } else {
    category = painChange(painBefore, painNow).category;
    const a = oneDecimal(painBefore);
    const b = oneDecimal(painNow);
    painSentence =
      category === 'improved'
        ? `Your morning pain averaged ${b}, down from ${a} the week before: a change you can feel.`
        : category === 'worsened'
          ? `Your morning pain averaged ${b}, up from ${a} the week before. If it keeps rising, tell your physical therapist.`
          : painNow < painBefore
            ? `Your morning pain averaged ${b}, a little lower than the ${a} of the week before.`
            : painNow > painBefore
              ? `Your morning pain averaged ${b}, a little higher than the ${a} of the week before. Ups and downs are normal.`
              : `Your morning pain averaged ${b}, the same as the week before.`;
  }

  const reached = milestones.filter((m) => inWeek(m.date));
  const count = row.movementBreaks;
  return {
    weekStart: ws,
    weekEnd: we,
    sessions: {
      stretch: row.stretch,
      strength: row.strength,
      painDuringMean: during,
      sentence: sessionsSentence,
    },
    activity: { minutes: row.activityMinutes, goal: row.activityGoal, sentence: activitySentenceText },
    pain: { mean: painNow, previousMean: painBefore, category, sentence: painSentence },
    movementBreaks: {
      count,
      sentence:
        count === 0
          ? 'No movement breaks were counted. Even one stand-and-stretch a day helps.'
          : `You took ${plural(count, 'movement break')}, about ${oneDecimal(count / 7)} a day.`,
    },
    milestones: reached,
    milestonesSentence:
      reached.length === 0
        ? 'No new milestones that week; the next one may be close.'
        : `You reached ${reached.length === 1 ? 'a milestone' : `${word(reached.length)} milestones`}: ${reached.map((m) => m.title.toLowerCase()).join(', ')}.`,
  };
}
