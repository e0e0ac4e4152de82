/**
 * The plan engine: a personalised starter plan across the five pillars of
 * the clinic's method (PRODUCT.md), built from the self-check answers, the
 * active precautions and the exercise library.
 *
 * Pure and deterministic: the same input, library and `today` always give the
 * same plan. Every number comes from ../thresholds; every rule is listed in
 * docs/clinical-rules.md.
 */
import { addDays } from '../dates';
import type { Weekday } from '../dates';
import type { Dose, Exercise, Pillar } from '../library/types';
import { activePrecautions, forbiddenTags } from '../precautions/precautions';
import type { ActivePrecaution } from '../precautions/types';
import { painImprovementTarget, psfsScore } from '../scoring/scoring';
import type { SelfCheckInput } from '../selfcheck/schema';
import { t } from '../thresholds';
import { allowsPlan, triage } from '../triage/triage';
import type { TriageResult } from '../triage/triage';
import { cautionNotes, choose, ladderOf } from './select';
import type { Choice, Slot } from './select';
import type { ActivityWeek, AppliedPrecaution, Library, PainBand, Plan, PlanItem } from './types';

export const ENGINE_VERSION = 'plan-engine-1';

const PILLAR_ORDER: readonly Pillar[] = ['strength', 'stretch', 'movementBreaks', 'activity', 'guidance'];

// ── Slots ────────────────────────────────────────────────────────────────

interface SlotWithWhy extends Slot {
  /** What this kind of exercise does for hips and backs (our own words). */
  why: string;
}

const STRENGTH_SLOTS: readonly SlotWithWhy[] = [
  {
    key: 'plank',
    pillar: 'strength',
    ladder: 'plank',
    prefer: ['wall-plank', 'kneeling-plank', 'plank', 'plank-leg-lift'],
    region: 'core',
    why: 'Planks train the trunk muscles to hold your body steady while your hips and arms work.',
  },
  {
    key: 'sidePlank',
    pillar: 'strength',
    ladder: 'side-plank',
    prefer: ['side-plank-knees', 'side-plank'],
    region: 'core',
    why: 'Side planks work the muscles along the side of the trunk and the outer hip, which keep the pelvis level when you walk.',
  },
  {
    key: 'coreControl',
    pillar: 'strength',
    prefer: ['bird-dog', 'dead-bug'],
    region: 'core',
    why: 'This slow, controlled exercise teaches the back and hips to move separately, which many people with back pain find eases stiffness.',
  },
  {
    key: 'bridge',
    pillar: 'strength',
    ladder: 'bridge',
    prefer: ['glute-bridge', 'bridge-march', 'single-leg-bridge', 'weighted-bridge'],
    region: 'hip',
    why: 'Bridges strengthen the buttock muscles, the main muscles that extend the hip and share the load with your lower back.',
  },
  {
    key: 'hipAbduction',
    pillar: 'strength',
    prefer: ['clamshell', 'side-lying-hip-abduction', 'standing-hip-abduction'],
    region: 'hip',
    why: 'This works the muscles on the outside of the hip, which steady the pelvis with every step.',
  },
  {
    key: 'squat',
    pillar: 'strength',
    ladder: 'squat',
    prefer: ['sit-to-stand', 'sit-to-stand-low', 'box-squat', 'goblet-squat'],
    region: 'thigh',
    why: 'Standing up from a chair and squatting build the thigh and hip strength you use every day, on stairs and getting in and out of chairs and cars.',
  },
  {
    key: 'lunge',
    pillar: 'strength',
    ladder: 'lunge',
    prefer: ['supported-split-stance', 'split-squat', 'reverse-lunge', 'walking-lunge', 'step-up'],
    region: 'thigh',
    why: 'Split-stance work trains one leg at a time, for balance and the strength you need for walking and stairs.',
  },
];

const STRETCH_SLOTS: readonly SlotWithWhy[] = [
  {
    key: 'hipFlexor',
    pillar: 'stretch',
    prefer: ['hip-flexor-stretch-kneeling', 'hip-flexor-stretch-standing'],
    region: 'hip',
    why: 'The muscles at the front of the hip tighten with long hours of sitting and pull on the lower back; this stretch lengthens them.',
  },
  {
    key: 'hamstring',
    pillar: 'stretch',
    prefer: ['seated-hamstring-stretch'],
    region: 'thigh',
    why: 'Stiff muscles at the back of the thighs limit how freely the pelvis moves when you bend.',
  },
  {
    key: 'gluteal',
    pillar: 'stretch',
    prefer: [
      'piriformis-stretch-lying',
      'piriformis-stretch-seated',
      'figure-4-stretch',
      'standing-glute-stretch',
    ],
    region: 'hip',
    why: 'This stretches the deep muscles at the back of the hip, which often feel tight when the hip or lower back hurts.',
  },
  {
    key: 'spineMobility',
    pillar: 'stretch',
    prefer: ['cat-cow', 'lower-back-rotation', 'seated-trunk-rotation', 'knee-to-chest', 'childs-pose'],
    region: 'lowBack',
    why: 'Gentle movement of the lower back keeps it supple; moving the spine is safe and usually eases stiffness.',
  },
];

const BREAK_SLOT: Slot = {
  key: 'break',
  pillar: 'movementBreaks',
  prefer: [
    'desk-walk-break',
    'standing-back-extension',
    'standing-hip-circles',
    'seated-march',
    'sit-to-stand-break',
    'seated-pelvic-tilt',
    'standing-side-bend',
  ],
  region: 'wholeBody',
};
const BREAK_COUNT = 3;

const ACTIVITY_PREFERENCES: Readonly<Record<'walking' | 'cycling' | 'swimming', readonly string[]>> = {
  walking: ['walking', 'stationary-cycling', 'cycling', 'water-walking', 'elliptical-trainer', 'swimming'],
  cycling: ['cycling', 'stationary-cycling', 'walking', 'elliptical-trainer', 'water-walking', 'swimming'],
  swimming: ['swimming', 'water-walking', 'walking', 'stationary-cycling', 'cycling', 'elliptical-trainer'],
};

// ── Helpers ──────────────────────────────────────────────────────────────

function painBandOf(input: SelfCheckInput): PainBand {
  const { now, worstLastWeek } = input.pain;
  if (now >= t('highPainNow') || worstLastWeek >= t('highPainWorst')) return 'high';
  if (now >= t('moderatePainNow') || worstLastWeek >= t('moderatePainWorst')) return 'moderate';
  return 'low';
}

/** Starting ladder level (1 = easiest); see docs/clinical-rules.md PLAN-LEVEL. */
function startLevelOf(
  input: SelfCheckInput,
  band: PainBand,
  level: TriageResult['level'],
  active: readonly ActivePrecaution[],
): number {
  if (level === 'soon') return 1;
  const active150 = input.activityMinutesLastWeek >= t('activeMinutesForLevel3');
  let start: number;
  switch (band) {
    case 'high':
      start = 1;
      break;
    case 'moderate':
      start = active150 ? 2 : 1;
      break;
    case 'low':
      start = active150 ? 3 : 2;
      break;
  }
  if (active.length > 0) start = Math.min(start, t('precautionLevelCap'));
  return start;
}

function areaPhrase(input: SelfCheckInput): string {
  const back = input.painAreas.includes('lowBack');
  const hip = input.painAreas.some((a) => a !== 'lowBack' && a !== 'legLeft' && a !== 'legRight');
  if (back && hip) return 'your back and hip';
  if (back) return 'your lower back';
  if (hip) return 'your hip';
  return 'your leg';
}

function painWhy(input: SelfCheckInput, band: PainBand): string {
  const { now, worstLastWeek } = input.pain;
  switch (band) {
    case 'high':
      return `your pain is high at the moment (${now}/10 now, ${worstLastWeek}/10 at worst this week)`;
    case 'moderate':
      return `your pain is moderate (${now}/10 now, ${worstLastWeek}/10 at worst this week)`;
    case 'low':
      return `your pain is fairly low (${now}/10 now, ${worstLastWeek}/10 at worst this week)`;
  }
}

/** For each slot, the slugs later slots would prefer: a substitute avoids taking them. */
function reservedAfterEach(slots: readonly Slot[]): ReadonlySet<string>[] {
  return slots.map((_, index) => new Set(slots.slice(index + 1).flatMap((s) => s.prefer)));
}
const STRENGTH_RESERVED = reservedAfterEach(STRENGTH_SLOTS);
const STRETCH_RESERVED = reservedAfterEach(STRETCH_SLOTS);
const NOTHING_RESERVED: ReadonlySet<string> = new Set();

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function formatTime(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function parseTime(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function doseFrom(e: Exercise, daysPerWeek: number, source: string, overrides: Partial<Dose> = {}): Dose {
  const d = e.defaultDose;
  const dose: Dose = {
    sets: d.sets,
    restSeconds: d.restSeconds,
    eachSide: d.eachSide,
    daysPerWeek,
    source: `${source}; exercise default: ${d.source}`,
  };
  if (d.reps !== undefined) dose.reps = d.reps;
  if (d.holdSeconds !== undefined) dose.holdSeconds = d.holdSeconds;
  if (d.durationSeconds !== undefined) dose.durationSeconds = d.durationSeconds;
  return { ...dose, ...overrides };
}

/** A sentence: trimmed, with a full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * What the chosen exercise does. The slot's own text when the exercise is one
 * of the slot's family (its ladder or preferred list); otherwise the library's
 * summary of the stand-in, so the reason never describes a different exercise.
 */
function whatItDoes(slot: SlotWithWhy, e: Exercise, ladder: readonly Exercise[]): string {
  const inFamily = slot.prefer.includes(e.slug) || ladder.some((x) => x.slug === e.slug);
  return inFamily ? slot.why : sentence(e.summary);
}

function substitutionText(choice: Choice): string {
  const sub = choice.substitutedFor;
  if (!sub) return '';
  return ` We chose this instead of ${sub.exercise.name} because ${sub.because}.`;
}

function withChoice(
  item: Omit<PlanItem, 'substitutedFor' | 'cautions'>,
  choice: Choice,
  active: readonly ActivePrecaution[],
): PlanItem {
  const out: PlanItem = { ...item };
  if (choice.substitutedFor) {
    out.substitutedFor = {
      slug: choice.substitutedFor.exercise.slug,
      because: choice.substitutedFor.because,
    };
  }
  const cautions = cautionNotes(choice.exercise, active);
  if (cautions.length > 0) out.cautions = cautions;
  return out;
}

// ── Pillars ──────────────────────────────────────────────────────────────

interface Build {
  input: SelfCheckInput;
  library: Library;
  active: readonly ActivePrecaution[];
  band: PainBand;
  startLevel: number;
  triageLevel: 'soon' | 'selfCare';
  used: Set<string>;
  today: string;
}

function strengthItems(b: Build): PlanItem[] {
  const easy = b.band === 'high' || b.triageLevel === 'soon';
  const daysPerWeek = easy ? t('strengthDaysPerWeekMin') : t('strengthDaysPerWeekMax');
  const days: Weekday[] = daysPerWeek >= 3 ? ['mon', 'wed', 'fri'] : ['tue', 'fri'];
  const items: PlanItem[] = [];
  STRENGTH_SLOTS.forEach((slot, i) => {
    const choice = choose(
      slot,
      b.startLevel,
      b.library,
      b.active,
      b.used,
      STRENGTH_RESERVED[i] ?? NOTHING_RESERVED,
    );
    if (!choice) return;
    const e = choice.exercise;
    b.used.add(e.slug);
    const ladder = slot.ladder ? ladderOf(slot, b.library) : [];
    const onLadder = ladder.findIndex((x) => x.slug === e.slug);
    const levelText =
      onLadder >= 0
        ? ` You start at step ${onLadder + 1} of ${ladder.length} on this ladder because ${painWhy(b.input, b.band)}${b.active.length > 0 && b.startLevel === t('precautionLevelCap') ? ' and you have precautions to respect' : ''}${b.triageLevel === 'soon' ? ' and a doctor should see you first' : ''}; you move up once it feels easy and pain stays within the limits.`
        : '';
    const sets = easy ? Math.min(e.defaultDose.sets, t('strengthSetsHighPainMax')) : e.defaultDose.sets;
    items.push(
      withChoice(
        {
          id: `strength:${slot.key}`,
          pillar: 'strength',
          exercise: e.slug,
          title: e.name,
          dose: doseFrom(e, daysPerWeek, 'clinical-facts §5.2 (D1: strength 2-3 days/week)', { sets }),
          schedule: {
            daysPerWeek,
            days,
            note: `Strength days, with a rest day between them (${t('strengthRestHours')} h for the same muscles).`,
          },
          reason: `${whatItDoes(slot, e, ladder)} It supports ${areaPhrase(b.input)}.${levelText}${substitutionText(choice)}`,
        },
        choice,
        b.active,
      ),
    );
  });
  return items;
}

function stretchItems(b: Build): PlanItem[] {
  const items: PlanItem[] = [];
  const daysPerWeek = t('stretchDaysPerWeek');
  STRETCH_SLOTS.forEach((slot, i) => {
    const choice = choose(
      slot,
      Number.POSITIVE_INFINITY,
      b.library,
      b.active,
      b.used,
      STRETCH_RESERVED[i] ?? NOTHING_RESERVED,
    );
    if (!choice) return;
    const e = choice.exercise;
    b.used.add(e.slug);
    let overrides: Partial<Dose> = {};
    if (e.type === 'hold') {
      const hold = clamp(
        e.defaultDose.holdSeconds ?? t('stretchHoldSecondsMax'),
        t('stretchHoldSecondsMin'),
        t('stretchHoldSecondsMax'),
      );
      overrides = {
        holdSeconds: hold,
        sets: Math.max(e.defaultDose.sets, Math.ceil(t('stretchSecondsPerExercise') / hold)),
      };
    }
    items.push(
      withChoice(
        {
          id: `stretch:${slot.key}`,
          pillar: 'stretch',
          exercise: e.slug,
          title: e.name,
          dose: doseFrom(
            e,
            daysPerWeek,
            `clinical-facts §5.2 (D1: holds of ${t('stretchHoldSecondsMin')}-${t('stretchHoldSecondsMax')} s, about ${t('stretchSecondsPerExercise')} s per stretch)`,
            overrides,
          ),
          schedule: {
            daysPerWeek,
            timesPerDay: 1,
            note: 'Part of your short daily stretch routine. Stretch to mild tension, never into sharp pain.',
          },
          reason: `${whatItDoes(slot, e, [])} It is part of a short daily routine for ${areaPhrase(b.input)}.${substitutionText(choice)}`,
        },
        choice,
        b.active,
      ),
    );
  });
  return items;
}

function breakTimes(b: Build): string[] {
  const start = b.input.movementBreakHours
    ? parseTime(b.input.movementBreakHours.start)
    : t('movementBreakDefaultStartMinute');
  const end = b.input.movementBreakHours
    ? parseTime(b.input.movementBreakHours.end)
    : t('movementBreakDefaultEndMinute');
  const interval =
    b.band === 'high' ? t('movementBreakIntervalMinutesHighPain') : t('movementBreakIntervalMinutes');
  const times: string[] = [];
  for (let m = start + interval; m < end; m += interval) times.push(formatTime(m));
  return times;
}

function movementBreakItems(b: Build): PlanItem[] {
  const times = breakTimes(b);
  const interval =
    b.band === 'high' ? t('movementBreakIntervalMinutesHighPain') : t('movementBreakIntervalMinutes');
  const days: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
  const hours = b.input.movementBreakHours
    ? `${b.input.movementBreakHours.start}-${b.input.movementBreakHours.end}`
    : `${formatTime(t('movementBreakDefaultStartMinute'))}-${formatTime(t('movementBreakDefaultEndMinute'))} (change these to suit your day)`;
  const chosen: Choice[] = [];
  for (let i = 0; i < BREAK_COUNT; i++) {
    const choice = choose(
      BREAK_SLOT,
      Number.POSITIVE_INFINITY,
      b.library,
      b.active,
      b.used,
      NOTHING_RESERVED,
    );
    if (!choice) break;
    b.used.add(choice.exercise.slug);
    chosen.push(choice);
  }
  const items: PlanItem[] = chosen.map((choice, i) => {
    const e = choice.exercise;
    const mine = times.filter((_, j) => j % chosen.length === i);
    return withChoice(
      {
        id: `movementBreaks:${e.slug}`,
        pillar: 'movementBreaks',
        exercise: e.slug,
        title: e.name,
        dose: doseFrom(e, days.length, 'clinical-facts §7 (PO5: break up sitting)'),
        schedule: {
          daysPerWeek: days.length,
          days,
          timesPerDay: mine.length,
          times: mine,
          note: `A movement break about every ${interval} minutes during ${hours}; your breaks take turns.`,
        },
        reason: `Sitting or standing still for long stretches tends to stiffen ${areaPhrase(b.input)}. No single posture is right or wrong; what helps is changing position often, so a short break every ${interval} minutes or so is built into your day.${substitutionText(choice)}`,
      },
      choice,
      b.active,
    );
  });
  items.push({
    id: 'movementBreaks:workstation',
    pillar: 'movementBreaks',
    exercise: null,
    title: 'Workstation check',
    dose: null,
    schedule: { daysPerWeek: 0, note: 'Once, then whenever your set-up changes.' },
    checklist: [
      'Chair height lets your feet rest flat on the floor (or a footrest), with hips about level with or a little above your knees.',
      "Top of the screen at about eye level and roughly an arm's length away.",
      'Keyboard and mouse close enough that your elbows stay near your sides.',
      'If you can, switch between sitting and standing during the day.',
      'Change position whenever you feel stiff: the most comfortable posture is usually your next one.',
    ],
    reason:
      'A comfortable set-up makes it easier to move and change position through the day. Research does not support one "correct" posture, so this is about comfort and variety, not sitting up straight.',
  });
  return items;
}

/** Week-by-week activity targets from where the person is now to the goal. */
export function activityBuildUp(minutesLastWeek: number, band: PainBand): ActivityWeek[] {
  const sessions = t('activityGoalDaysPerWeek');
  const goal = t('activityGoalMinutesPerSession');
  const step = t('activityStepMinutesPerSession');
  const floor =
    band === 'high' ? t('activityStartMinutesPerSessionHighPain') : t('activityStartMinutesPerSession');
  // Start from what the person already does, spread over the sessions, rounded down to the step.
  const current = Math.floor(minutesLastWeek / sessions / step) * step;
  let minutes = clamp(current, floor, goal);
  const weeks: ActivityWeek[] = [];
  for (let week = 1; ; week++) {
    weeks.push({
      week,
      minutesPerSession: minutes,
      sessionsPerWeek: sessions,
      weeklyMinutes: minutes * sessions,
    });
    if (minutes >= goal) break;
    minutes = Math.min(goal, minutes + step);
  }
  return weeks;
}

function activityItems(b: Build): PlanItem[] {
  const preferred = b.input.preferredActivity ?? 'walking';
  const slot: Slot = {
    key: 'activity',
    pillar: 'activity',
    prefer: ACTIVITY_PREFERENCES[preferred],
    region: 'wholeBody',
  };
  const choice = choose(slot, Number.POSITIVE_INFINITY, b.library, b.active, b.used, NOTHING_RESERVED);
  const buildUp = activityBuildUp(b.input.activityMinutesLastWeek, b.band);
  const first = buildUp[0] as ActivityWeek;
  const last = buildUp[buildUp.length - 1] as ActivityWeek;
  const daysPerWeek = t('activityGoalDaysPerWeek');
  const goalText = `The goal is ${t('activityGoalMinutesPerSession')} minutes on ${daysPerWeek} days a week (${t('activityGoalMinutesPerWeek')} minutes a week).`;
  const pathText =
    buildUp.length === 1
      ? ` You already do about ${b.input.activityMinutesLastWeek} minutes a week, so the aim is to keep it up.`
      : ` You did about ${b.input.activityMinutesLastWeek} minutes last week, so you start with ${first.minutesPerSession} minutes a session and add ${t('activityStepMinutesPerSession')} minutes each week, reaching the goal in week ${last.week}.`;
  const schedule = {
    daysPerWeek,
    note: `Week 1: ${first.minutesPerSession} minutes on ${daysPerWeek} days. Any easy-to-moderate pace where you can still talk counts.`,
  };
  if (!choice) {
    return [
      {
        id: 'activity:any',
        pillar: 'activity',
        exercise: null,
        title: 'Everyday low-impact activity',
        dose: null,
        schedule,
        buildUp,
        reason: `Regular low-impact activity helps back and hip pain settle. ${goalText}${pathText} Your precautions rule out the activities in our library, so ask your PT which activity suits you.`,
      },
    ];
  }
  const e = choice.exercise;
  b.used.add(e.slug);
  const picked =
    b.input.preferredActivity && e.slug.includes(preferred)
      ? 'You chose this activity. '
      : b.input.preferredActivity
        ? ''
        : 'Walking needs no equipment and has the strongest evidence for back pain. ';
  return [
    withChoice(
      {
        id: `activity:${e.slug}`,
        pillar: 'activity',
        exercise: e.slug,
        title: e.name,
        dose: {
          sets: 1,
          durationSeconds: first.minutesPerSession * 60,
          restSeconds: 0,
          eachSide: false,
          daysPerWeek,
          source: 'clinical-facts §5.2, §6 (D1, PA1: 150 min/week; PA4: gradual build-up)',
        },
        schedule,
        buildUp,
        reason: `${picked}Regular low-impact activity helps back and hip pain settle and keeps it from coming back. ${goalText}${pathText}${substitutionText(choice)}`,
      },
      choice,
      b.active,
    ),
  ];
}

function guidanceItems(b: Build, tri: TriageResult): PlanItem[] {
  const items: PlanItem[] = [];
  const input = b.input;
  if (b.triageLevel === 'soon') {
    items.push({
      id: 'guidance:seeDoctor',
      pillar: 'guidance',
      exercise: null,
      title: 'See your doctor within the next few days',
      dose: null,
      schedule: { daysPerWeek: 0, on: addDays(b.today, 7), note: 'Within a week at the latest.' },
      priority: 'high',
      reason: `Some of your answers should be checked by a doctor: ${tri.reasons.map((r) => r.message).join(' ')} Your plan starts at the easiest level until then.`,
    });
  }
  items.push({
    id: 'guidance:painLimits',
    pillar: 'guidance',
    exercise: null,
    title: 'How much pain is OK while you exercise',
    dose: null,
    schedule: { daysPerWeek: 0, note: 'Read before your first session.' },
    reason: `Some discomfort during exercise is normal and safe. Up to ${t('painZoneSafeMax')}/10 is fine; up to ${t('painDuringExerciseMax')}/10 is acceptable if it settles by the next morning. If pain goes above ${t('painDuringExerciseMax')}/10, or is worse the next morning, do less next time. Stop an exercise and tell your PT if pain spreads further down your leg or you notice new numbness or weakness.`,
  });
  const target = painImprovementTarget(input.pain.now);
  const firstWeeks = t('firstReviewWeeks');
  const secondWeeks = t('secondReviewWeeks');
  items.push({
    id: 'guidance:review2',
    pillar: 'guidance',
    exercise: null,
    title: `Check-in at ${firstWeeks} weeks`,
    dose: null,
    schedule: { daysPerWeek: 0, on: addDays(b.today, firstWeeks * 7) },
    reason:
      target === null || input.pain.now < t('painMcidPoints')
        ? `After ${firstWeeks} weeks, compare how you feel with today. If your pain is higher or you are doing less, book a PT review.`
        : `After ${firstWeeks} weeks, rate your pain again. A drop to ${target}/10 or lower from today's ${input.pain.now}/10 is a real improvement. If it has not dropped that far, or it is higher, book a PT review.`,
  });
  items.push({
    id: 'guidance:review6',
    pillar: 'guidance',
    exercise: null,
    title: `Review at ${secondWeeks} weeks`,
    dose: null,
    schedule: { daysPerWeek: 0, on: addDays(b.today, secondWeeks * 7) },
    reason: `Most people improve clearly in the first ${secondWeeks} weeks. If you are still not clearly better by then, have a full reassessment with a PT or doctor.`,
  });
  const ptWhy: string[] = [];
  if (input.painStartedWeeksAgo >= t('persistentPainWeeks')) {
    ptWhy.push(
      `your pain has lasted more than ${t('persistentPainWeeks')} weeks, so a full assessment is worthwhile`,
    );
  }
  if (b.active.length > 0)
    ptWhy.push('a PT can match your plan to your precautions and your surgeon or midwife’s advice');
  if (b.triageLevel === 'soon') ptWhy.push('a PT can adjust the plan once your doctor has seen you');
  ptWhy.push('a PT can check your technique and tailor the plan to you');
  items.push({
    id: 'guidance:bookPt',
    pillar: 'guidance',
    exercise: null,
    title: 'Talk to a physical therapist',
    dose: null,
    schedule: { daysPerWeek: 0, note: 'Book a free consultation whenever suits you.' },
    reason: `This plan is a starting point: ${ptWhy.join('; ')}.`,
  });
  if (b.active.length > 0) {
    const notes = b.active.flatMap((a) => a.notes.map((n) => `${a.label}: ${n}`));
    items.push({
      id: 'guidance:precautions',
      pillar: 'guidance',
      exercise: null,
      title: 'How we applied your precautions',
      dose: null,
      schedule: { daysPerWeek: 0, note: 'Check these with your surgeon, midwife, doctor or PT.' },
      reason: `Your plan leaves out every exercise that conflicts with: ${b.active.map((a) => a.label).join(', ')}.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`,
    });
  }
  return items;
}

function ensureAllPillars(items: PlanItem[]): PlanItem[] {
  const present = new Set(items.map((i) => i.pillar));
  for (const pillar of PILLAR_ORDER) {
    if (present.has(pillar)) continue;
    items.push({
      id: `${pillar}:askPt`,
      pillar,
      exercise: null,
      title: 'Ask your PT',
      dose: null,
      schedule: { daysPerWeek: 0 },
      reason:
        'Nothing in our exercise library for this part of the plan fits your precautions, so your PT will choose something suitable with you.',
    });
  }
  return items;
}

function applied(active: readonly ActivePrecaution[]): AppliedPrecaution[] {
  return active.map((a) => ({
    kind: a.kind,
    label: a.label,
    until: a.until,
    untilAssumed: a.untilAssumed,
    rulesAssumed: a.rulesAssumed,
    forbidden: [...forbiddenTags([a])],
    cautions: a.rules.filter((r) => r.severity === 'caution').map((r) => r.tag),
    notes: a.notes,
  }));
}

/**
 * Builds the starter plan for a self-check.
 *
 * Returns null when the triage result is `emergency` or `urgent`: those
 * people need care, not exercises. A `soon` result gets a gentle plan with a
 * prominent "see your doctor" item first.
 */
export function generatePlan(input: SelfCheckInput, library: Library, today: string): Plan | null {
  return planFor(input, library, today, triage(input));
}

/** As generatePlan, with a triage result already computed. */
export function planFor(
  input: SelfCheckInput,
  library: Library,
  today: string,
  tri: TriageResult,
): Plan | null {
  if (!allowsPlan(tri.level)) return null;
  const active = activePrecautions(input.precautions, today);
  const band = painBandOf(input);
  const startLevel = startLevelOf(input, band, tri.level, active);
  const b: Build = {
    input,
    library,
    active,
    band,
    startLevel,
    triageLevel: tri.level,
    used: new Set(),
    today,
  };
  const guidance = guidanceItems(b, tri);
  const urgentFirst = guidance.filter((i) => i.priority === 'high');
  const otherGuidance = guidance.filter((i) => i.priority !== 'high');
  const items = ensureAllPillars([
    ...urgentFirst,
    ...strengthItems(b),
    ...stretchItems(b),
    ...movementBreakItems(b),
    ...activityItems(b),
    ...otherGuidance,
  ]);
  return {
    engineVersion: ENGINE_VERSION,
    generatedOn: today,
    triageLevel: tri.level,
    painBand: band,
    startLevel,
    items,
    precautions: applied(active),
    reviews: [
      { week: t('firstReviewWeeks'), date: addDays(today, t('firstReviewWeeks') * 7) },
      { week: t('secondReviewWeeks'), date: addDays(today, t('secondReviewWeeks') * 7) },
    ],
    baseline: {
      painNow: input.pain.now,
      painWorstLastWeek: input.pain.worstLastWeek,
      psfs: input.activities.length > 0 ? psfsScore(input.activities.map((a) => a.score)) : null,
      activityMinutesLastWeek: input.activityMinutesLastWeek,
    },
    goals: input.activities.map((a) => ({ name: a.name.trim(), score: a.score })),
  };
}
