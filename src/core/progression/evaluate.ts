/**
 * The adaptive plan: pain-monitored progression, regression and escalation.
 *
 * `evaluateProgression(input, library, today)` looks at the logs since each
 * item's current prescription began and decides, per strength and stretch
 * item, to progress, hold or regress by at most ONE step (clinical-facts
 * §5.1-§5.3); grows the weekly activity target (§6); and raises escalations
 * (§8). A new warning sign stops every change. Pure and deterministic.
 * Rules are listed in docs/clinical-rules.md §6.
 */
import { addDays, daysBetween } from '../dates';
import { ladderOf } from '../library/library';
import type { Library } from '../library/library';
import type { Exercise, Pillar } from '../library/types';
import { activePrecautions, conflicts, isForbidden, TAG_PHRASES } from '../precautions/precautions';
import type { ActivePrecaution } from '../precautions/types';
import type { Plan } from '../plan/types';
import { validateThresholds } from './config';
import type { ProgressionThresholds } from './config';
import { doseDown, doseUp } from './dose';
import {
  improvementEscalation,
  newWarningSigns,
  silenceEscalation,
  spreadingEscalation,
  warningSignEscalation,
  worseningEscalation,
} from './escalation';
import type { EscalationContext } from './escalation';
import { checkInsByDate, sessionZone } from './history';
import type { SessionZone } from './history';
import type {
  ActivityState,
  ChangeKind,
  Escalation,
  ExerciseSessionLog,
  ItemDecision,
  MorningCheckIn,
  PlanChange,
  PlanItemState,
  PlanState,
  Prescription,
  ProgressionInput,
  ProgressionResult,
} from './types';

export const PROGRESSION_ENGINE_VERSION = 'progression-1';

const SRC_PM = 'PM1, PM1b, PM1d, PM3 (clinical-facts §5.1)';
const SRC_LADDER = 'PM1d, D4 (clinical-facts §5.1, §5.3)';
const SRC_DOSE = 'D1b, D2, D3, D4 (clinical-facts §5.2)';
const SRC_SAFE = '§4.1-§4.4, PRODUCT.md safety principles';

interface Ctx {
  input: ProgressionInput;
  lib: Library;
  today: string;
  th: ProgressionThresholds;
  active: ActivePrecaution[];
  byDate: Map<string, MorningCheckIn>;
  worsening: boolean;
  /** Slugs in use by the plan (so a swap never duplicates an item). */
  inUse: Set<string>;
}

/** What the engine wants to do with one item, before locks are applied. */
interface Proposal {
  kind: ChangeKind;
  to: Prescription;
  reason: string;
  ruleId: string;
  source: string;
  avoidAdd?: string;
}

type Trigger = 'pain' | 'provoked' | 'tooHard' | 'precaution';

const prescriptionOf = (item: PlanItemState, ex: Exercise | undefined): Prescription => ({
  exercise: item.exercise,
  ...(ex ? { level: ex.level } : {}),
  dose: item.dose,
});

function joinWords(xs: readonly string[]): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** Why an exercise is not allowed, in patient words. */
function forbiddenWhy(ex: Exercise, active: readonly ActivePrecaution[]): string {
  const c = conflicts(ex, active).filter((x) => x.severity === 'forbidden');
  const labels = [...new Set(c.map((x) => x.label))];
  const tags = [...new Set(c.map((x) => TAG_PHRASES[x.tag]))];
  return `it involves ${joinWords(tags)}, which is not advised with your ${joinWords(labels).toLowerCase()}`;
}

function allowed(ex: Exercise, item: PlanItemState, ctx: Ctx): boolean {
  return !isForbidden(ex, ctx.active) && !(item.avoid ?? []).includes(ex.slug);
}

/**
 * A same-pillar alternative that shares the exercise's main body region, is
 * allowed, not already in the plan, not avoided, at the bottom of its ladder
 * and not harder than the current one. Same type first, then lowest level,
 * then library order.
 */
function swapCandidate(ex: Exercise, item: PlanItemState, ctx: Ctx): Exercise | undefined {
  const region = ex.regions[0];
  const found = ctx.lib.exercises.filter(
    (c) =>
      c.pillar === ex.pillar &&
      c.slug !== ex.slug &&
      (ex.ladder === null || c.ladder !== ex.ladder) &&
      region !== undefined &&
      c.regions.includes(region) &&
      c.easier === null &&
      c.level <= ex.level &&
      !ctx.inUse.has(c.slug) &&
      allowed(c, item, ctx),
  );
  const rank = (c: Exercise): number => (c.type === ex.type ? 0 : 1);
  return [...found].sort((a, b) => rank(a) - rank(b) || a.level - b.level)[0];
}

function progressProposal(
  item: PlanItemState,
  ex: Exercise,
  why: string,
  ruleId: string,
  ctx: Ctx,
): Proposal {
  const harder = ex.harder === null ? undefined : ctx.lib.bySlug.get(ex.harder);
  let blocked = '';
  if (harder && allowed(harder, item, ctx)) {
    return {
      kind: 'progress',
      to: { exercise: harder.slug, level: harder.level, dose: harder.defaultDose },
      reason: `Your ${ex.name.toLowerCase()} moved up to ${harder.name.toLowerCase()} because ${why}.`,
      ruleId,
      source: SRC_LADDER,
    };
  }
  if (harder && isForbidden(harder, ctx.active)) {
    blocked = ` The next step, ${harder.name.toLowerCase()}, is not in your plan because ${forbiddenWhy(harder, ctx.active)}.`;
  }
  const up = doseUp(ex, item.dose, ctx.th);
  if (up) {
    return {
      kind: 'doseUp',
      to: { exercise: ex.slug, level: ex.level, dose: up.dose },
      reason: `Your ${ex.name.toLowerCase()} goes up from ${up.what} because ${why}.${blocked}`,
      ruleId: blocked ? 'PROG-SAFE-DOSE-UP' : ruleId,
      source: blocked ? `${SRC_SAFE}; ${SRC_DOSE}` : SRC_DOSE,
    };
  }
  return {
    kind: 'hold',
    to: prescriptionOf(item, ex),
    reason: `You are doing well with ${ex.name.toLowerCase()}, and it is at the top of its range in this plan.${blocked} Your PT can add a new challenge.`,
    ruleId: 'PROG-TOP',
    source: SRC_DOSE,
  };
}

function regressProposal(
  item: PlanItemState,
  ex: Exercise,
  why: string,
  trigger: Trigger,
  ctx: Ctx,
): Proposal {
  const rule =
    trigger === 'precaution' ? 'PROG-PRECAUTION-NOW' : trigger === 'tooHard' ? 'PROG-TOO-HARD' : 'PROG-RED';
  const source = trigger === 'precaution' ? SRC_SAFE : SRC_PM;
  const easier = ex.easier === null ? undefined : ctx.lib.bySlug.get(ex.easier);
  if (easier && allowed(easier, item, ctx)) {
    return {
      kind: 'regress',
      to: { exercise: easier.slug, level: easier.level, dose: easier.defaultDose },
      reason: `Your ${ex.name.toLowerCase()} moved back to ${easier.name.toLowerCase()} because ${why}.`,
      ruleId: rule,
      source,
    };
  }
  const swap = (): Proposal | null => {
    const alt = swapCandidate(ex, item, ctx);
    if (!alt) return null;
    return {
      kind: 'swap',
      to: { exercise: alt.slug, level: alt.level, dose: alt.defaultDose },
      reason: `We swapped ${ex.name.toLowerCase()} for ${alt.name.toLowerCase()}, which works the same area, because ${why}${trigger === 'precaution' ? '' : ` and ${ex.name.toLowerCase()} is already the easiest step`}.`,
      ruleId: trigger === 'precaution' ? rule : 'PROG-SWAP',
      source,
      avoidAdd: ex.slug,
    };
  };
  const down = (): Proposal | null => {
    const d = doseDown(ex, item.dose, ctx.th);
    if (!d) return null;
    return {
      kind: 'doseDown',
      to: { exercise: ex.slug, level: ex.level, dose: d.dose },
      reason: `Your ${ex.name.toLowerCase()} goes down from ${d.what} because ${why}.`,
      ruleId: rule,
      source: `${source}; ${SRC_DOSE}`,
    };
  };
  // The exercise itself provokes symptoms (or is not allowed): change the exercise first.
  const order = trigger === 'provoked' || trigger === 'precaution' ? [swap, down] : [down, swap];
  for (const f of order) {
    if (trigger === 'precaution' && f === down) continue; // a smaller dose of a forbidden exercise is still forbidden
    const p = f();
    if (p) return p;
  }
  return {
    kind: 'hold',
    to: prescriptionOf(item, ex),
    reason: `We could not find a safe easier option for ${ex.name.toLowerCase()} (${why}). Please skip it until your PT has looked at it.`,
    ruleId: 'PROG-NO-SAFE-STEP',
    source,
  };
}

const hold = (
  item: PlanItemState,
  ex: Exercise | undefined,
  reason: string,
  ruleId: string,
  source = SRC_PM,
): Proposal => ({
  kind: 'hold',
  to: prescriptionOf(item, ex),
  reason,
  ruleId,
  source,
});

const feels = (n: number): string =>
  n === 1 ? 'your last session' : `your last ${n === 2 ? 'two' : n} sessions`;

/** The pain-monitoring decision for one item (rules PROG-*). */
function decideItem(
  item: PlanItemState,
  ctx: Ctx,
): { proposal: Proposal; zone: SessionZone['zone'] | null; counted: number } {
  const ex = ctx.lib.bySlug.get(item.exercise);
  const sessions = ctx.input.sessions
    .filter((s) => s.exercise === item.exercise && s.date >= item.since && s.date <= ctx.today)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.date < b.s.date ? -1 : a.s.date > b.s.date ? 1 : a.i - b.i))
    .map((x) => x.s);
  const zones = sessions.map((s) => sessionZone(s, ctx.byDate, ctx.input.baselinePain, ctx.th));
  const lastZone = zones[zones.length - 1] ?? null;
  const result = (proposal: Proposal) => ({
    proposal,
    zone: lastZone?.zone ?? null,
    counted: sessions.length,
  });

  if (!ex) {
    return result(
      hold(
        item,
        ex,
        'This exercise is no longer in the library; your PT will choose another.',
        'PROG-UNKNOWN',
        SRC_SAFE,
      ),
    );
  }
  const name = ex.name.toLowerCase();
  if (isForbidden(ex, ctx.active)) {
    return result(regressProposal(item, ex, forbiddenWhy(ex, ctx.active), 'precaution', ctx));
  }
  const last = sessions[sessions.length - 1];
  if (!last || !lastZone) {
    return result(
      hold(item, ex, `Keep going with ${name}: no sessions logged at this level yet.`, 'PROG-HOLD-NODATA'),
    );
  }
  if (lastZone.zone === 'red') {
    const provoked = last.feedback === 'hurts' || last.symptomsSpread;
    return result(regressProposal(item, ex, joinWords(lastZone.why), provoked ? 'provoked' : 'pain', ctx));
  }
  const lastN = <T>(xs: readonly T[], n: number): T[] | null => (xs.length >= n ? xs.slice(-n) : null);
  const hard = lastN(sessions, ctx.th.tooHardSessionsToRegress);
  if (hard?.every((s) => s.feedback === 'tooHard')) {
    return result(regressProposal(item, ex, `${feels(hard.length)} felt too hard`, 'tooHard', ctx));
  }

  // Any red session of this ladder (or of an exercise swapped away from) in the last days, even before
  // `since`: after a regression the item does not climb straight back (no ping-pong).
  const family = new Set([...ladderOf(ctx.lib, ex.slug).map((e) => e.slug), ...(item.avoid ?? [])]);
  const recentRed = ctx.input.sessions.some(
    (s) =>
      family.has(s.exercise) &&
      s.date <= ctx.today &&
      daysBetween(s.date, ctx.today) < ctx.th.redLookbackDays &&
      sessionZone(s, ctx.byDate, ctx.input.baselinePain, ctx.th).zone === 'red',
  );
  const okControl = (s: ExerciseSessionLog) => s.control === 'good' || s.control === 'ok';
  const greenIdx = zones.map((z, i) => ({ z, s: sessions[i] as ExerciseSessionLog }));
  const green = lastN(greenIdx, ctx.th.greenSessionsToProgress);
  const greenOk = green?.every(
    ({ z, s }) => z.zone === 'green' && okControl(s) && s.feedback !== 'tooHard' && s.feedback !== 'hurts',
  );
  const easy = lastN(greenIdx, ctx.th.tooEasySessionsToProgress);
  const easyOk = easy?.every(
    ({ z, s }) =>
      s.feedback === 'tooEasy' &&
      s.completed &&
      s.painDuring !== null &&
      s.painDuring <= ctx.th.painDuringGreenMax &&
      (z.zone === 'green' || z.zone === 'unknown') &&
      s.control !== 'poor',
  );
  if ((greenOk || easyOk) && !recentRed) {
    if (ctx.worsening) {
      return result(
        hold(
          item,
          ex,
          `Your ${name} stays the same for now: it went well, but your morning pain has been higher for several days, so we wait until it settles.`,
          'PROG-FLARE-HOLD',
          `${SRC_PM}; §8`,
        ),
      );
    }
    const why = greenOk
      ? `${feels(ctx.th.greenSessionsToProgress)} felt comfortable (pain ${ctx.th.painDuringGreenMax}/10 or less) with good control, and your pain had settled by the next morning`
      : `${feels(ctx.th.tooEasySessionsToProgress)} felt too easy without pain`;
    return result(progressProposal(item, ex, why, greenOk ? 'PROG-GREEN' : 'PROG-TOO-EASY', ctx));
  }

  // Hold, and say why.
  if (last.feedback === 'tooHard') {
    return result(
      hold(
        item,
        ex,
        `Your ${name} stays the same because your last session felt too hard. If it feels too hard again, we will make it easier.`,
        'PROG-TOO-HARD-HOLD',
      ),
    );
  }
  if (lastZone.zone === 'amber') {
    return result(
      hold(
        item,
        ex,
        `Your ${name} stays the same because ${joinWords(lastZone.why)}. That is acceptable, but not yet the moment to step up.`,
        'PROG-AMBER',
      ),
    );
  }
  if (recentRed) {
    return result(
      hold(
        item,
        ex,
        `Your ${name} stays the same for a few more days: pain flared after a recent session, so we wait for it to stay settled.`,
        'PROG-RED-RECENT',
      ),
    );
  }
  if (sessions.slice(-ctx.th.greenSessionsToProgress).some((s) => s.control === 'poor')) {
    return result(
      hold(
        item,
        ex,
        `Your ${name} stays the same until the movement feels well controlled; that matters more than doing more.`,
        'PROG-CONTROL',
        'D4 (clinical-facts §5.2)',
      ),
    );
  }
  const recentGreen = greenIdx.slice(-ctx.th.greenSessionsToProgress);
  if (recentGreen.some(({ z, s }) => z.zone === 'green' && s.control === null)) {
    return result(
      hold(
        item,
        ex,
        `Your ${name} stays the same for now: a step up needs ${ctx.th.greenSessionsToProgress === 1 ? 'a session' : `${ctx.th.greenSessionsToProgress} sessions in a row`} that feel comfortable with good form, and we do not yet know how your form was. At the end of a session, tell us whether you could keep good form.`,
        'PROG-CONTROL-UNKNOWN',
        'D4 (clinical-facts §5.2)',
      ),
    );
  }
  if (lastZone.zone === 'unknown') {
    return result(
      hold(
        item,
        ex,
        `Your ${name} stays the same because ${joinWords(lastZone.why)}; we need that to decide safely.`,
        'PROG-HOLD-NODATA',
      ),
    );
  }
  return result(
    hold(
      item,
      ex,
      `Your ${name} stays the same: it is going well; after ${ctx.th.greenSessionsToProgress} comfortable sessions in a row it will step up.`,
      'PROG-HOLD-BUILDING',
    ),
  );
}

const ceilTo5 = (x: number): number => Math.ceil(x / 5) * 5;

/** Rule ACT-BUILD-UP: weekly activity target (clinical-facts §5.2, §6). */
function decideActivity(a: ActivityState, ctx: Ctx): Proposal | null {
  const { th, today } = ctx;
  if (today < addDays(a.since, 7)) return null; // a full week at this target first
  const from = addDays(today, -6);
  const week = ctx.input.activities.filter((x) => x.date >= from && x.date <= today);
  const minutes = week.reduce((s, x) => s + Math.max(0, x.minutes), 0);
  const painful = week.filter((x) => x.painDuring != null && x.painDuring > th.painDuringMax);
  const to = { weeklyMinutes: a.weeklyTargetMinutes };
  const src = 'D1, PA1, PA2, PA4 (clinical-facts §5.2, §6)';
  if (a.weeklyTargetMinutes >= th.activityGoalMinutesPerWeek) {
    return {
      kind: 'hold',
      to,
      reason: `You have reached the weekly goal of ${th.activityGoalMinutesPerWeek} minutes. Keep it up.`,
      ruleId: 'ACT-GOAL-REACHED',
      source: src,
    };
  }
  if (minutes < a.weeklyTargetMinutes) {
    return {
      kind: 'hold',
      to,
      reason: `Your activity goal stays at ${a.weeklyTargetMinutes} minutes a week: you did ${minutes} minutes in the last 7 days. It goes up once you reach it.`,
      ruleId: 'ACT-HOLD-NOT-MET',
      source: src,
    };
  }
  if (painful.length > 0 || ctx.worsening) {
    return {
      kind: 'hold',
      to,
      reason: `Your activity goal stays at ${a.weeklyTargetMinutes} minutes a week because ${painful.length > 0 ? `pain went above ${th.painDuringMax}/10 during an activity` : 'your morning pain has been higher for several days'}.`,
      ruleId: 'ACT-HOLD-PAIN',
      source: `${src}; ${SRC_PM}`,
    };
  }
  const next = Math.min(
    th.activityGoalMinutesPerWeek,
    Math.max(
      a.weeklyTargetMinutes + th.activityWeeklyIncreaseMinMinutes,
      ceilTo5(a.weeklyTargetMinutes * (1 + th.activityWeeklyIncreasePercent / 100)),
    ),
  );
  return {
    kind: 'activityGoal',
    to: { weeklyMinutes: next },
    reason: `Your weekly activity goal goes up from ${a.weeklyTargetMinutes} to ${next} minutes because you reached it in the last 7 days (${minutes} minutes) and your pain stayed manageable.`,
    ruleId: 'ACT-BUILD-UP',
    source: src,
  };
}

const ADAPTED_PILLARS: readonly Pillar[] = ['strength', 'stretch'];

/**
 * Evaluates the adaptive plan on `today` (YYYY-MM-DD). Only data dated on or
 * before `today` is read. Changes take effect from the next day (`since`).
 */
export function evaluateProgression(
  input: ProgressionInput,
  library: Library,
  today: string,
): ProgressionResult {
  const { thresholds: th, problems } = validateThresholds(input.thresholds ?? {});
  const byDate = checkInsByDate(input.checkIns, today);
  const escCtx: EscalationContext = { input, today, th, checkIns: [...byDate.values()] };
  const worsening = worseningEscalation(escCtx);
  const others = [
    worsening,
    spreadingEscalation(escCtx),
    improvementEscalation(escCtx),
    silenceEscalation(escCtx),
  ];
  const escalations: Escalation[] = others.filter((e): e is Escalation => e !== null);

  const base = {
    engineVersion: PROGRESSION_ENGINE_VERSION,
    evaluatedOn: today,
    thresholds: th,
    thresholdProblems: problems,
  };

  const signs = newWarningSigns(input, today);
  if (signs) {
    return {
      ...base,
      status: 'stopped',
      plan: input.plan,
      changes: [],
      suggestions: [],
      decisions: [],
      escalations: [warningSignEscalation(signs), ...escalations],
      triage: signs.triage,
    };
  }

  const ctx: Ctx = {
    input,
    lib: library,
    today,
    th,
    active: activePrecautions(input.precautions, today),
    byDate,
    worsening: worsening !== null,
    inUse: new Set(input.plan.items.map((i) => i.exercise)),
  };
  const effective = addDays(today, 1);
  const changes: PlanChange[] = [];
  const suggestions: PlanChange[] = [];
  const decisions: ItemDecision[] = [];
  const items: PlanItemState[] = [];

  for (const item of input.plan.items) {
    if (!ADAPTED_PILLARS.includes(item.pillar)) {
      items.push(item);
      continue;
    }
    const ex = library.bySlug.get(item.exercise);
    const { proposal: p, zone, counted } = decideItem(item, ctx);
    const locked = input.plan.locked === true || item.locked === true;
    const applied = p.kind !== 'hold' && !locked;
    const lockNote =
      locked && p.kind !== 'hold'
        ? ' Your PT has fixed this exercise, so we have passed this on as a suggestion.'
        : '';
    decisions.push({
      itemId: item.id,
      exercise: item.exercise,
      kind: p.kind,
      zone,
      sessionsCounted: counted,
      reason: p.reason + lockNote,
      ruleId: p.ruleId,
      source: p.source,
      applied,
    });
    if (p.kind === 'hold') {
      items.push(item);
      continue;
    }
    const change: PlanChange = {
      itemId: item.id,
      exercise: item.exercise,
      kind: p.kind,
      from: prescriptionOf(item, ex),
      to: p.to,
      reason: p.reason,
      ruleId: p.ruleId,
      source: p.source,
    };
    if (!applied) {
      suggestions.push(change);
      items.push(item);
      continue;
    }
    changes.push(change);
    const next: PlanItemState = {
      ...item,
      exercise: p.to.exercise ?? item.exercise,
      dose: p.to.dose ?? item.dose,
      since: effective,
    };
    if (p.avoidAdd) next.avoid = [...(item.avoid ?? []), p.avoidAdd];
    if (next.exercise !== item.exercise) {
      ctx.inUse.delete(item.exercise);
      ctx.inUse.add(next.exercise);
    }
    items.push(next);
  }

  let activity = input.plan.activity;
  if (activity) {
    const p = decideActivity(activity, ctx);
    if (p) {
      const locked = input.plan.locked === true || activity.locked === true;
      const applied = p.kind !== 'hold' && !locked;
      decisions.push({
        itemId: 'activity',
        exercise: 'activity',
        kind: p.kind,
        zone: null,
        sessionsCounted: 0,
        reason: p.reason,
        ruleId: p.ruleId,
        source: p.source,
        applied,
      });
      if (p.kind !== 'hold') {
        const change: PlanChange = {
          itemId: 'activity',
          kind: 'activityGoal',
          from: { weeklyMinutes: activity.weeklyTargetMinutes },
          to: p.to,
          reason: p.reason,
          ruleId: p.ruleId,
          source: p.source,
        };
        if (applied) {
          changes.push(change);
          activity = {
            ...activity,
            weeklyTargetMinutes: p.to.weeklyMinutes ?? activity.weeklyTargetMinutes,
            since: effective,
          };
        } else {
          suggestions.push(change);
        }
      }
    }
  }

  return {
    ...base,
    status: 'adapted',
    plan: { ...input.plan, items, activity },
    changes,
    suggestions,
    decisions,
    escalations,
    triage: null,
  };
}

/**
 * The engine's view of a generated plan: its strength and stretch items
 * with their doses, and the first week of the activity build-up, all
 * starting on `startDate`.
 */
export function planStateFromPlan(plan: Plan, startDate: string): PlanState {
  const items: PlanItemState[] = [];
  for (const it of plan.items) {
    if ((it.pillar === 'strength' || it.pillar === 'stretch') && it.exercise !== null && it.dose !== null) {
      items.push({ id: it.id, pillar: it.pillar, exercise: it.exercise, dose: it.dose, since: startDate });
    }
  }
  const act = plan.items.find((it) => it.pillar === 'activity' && it.buildUp !== undefined);
  const first = act?.buildUp?.[0];
  return {
    items,
    activity: first ? { weeklyTargetMinutes: first.weeklyMinutes, since: startDate } : null,
  };
}
