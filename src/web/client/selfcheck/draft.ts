/**
 * The self-check as the form holds it (strings for text boxes, nulls for
 * unanswered scales), how it becomes the API's request body, the client's
 * checks for obvious gaps, and how a server error's field path maps back to
 * a step and a field on screen. Pure: no DOM.
 */
import type { PrecautionTag } from '../../../core/library/types';
import type { HipApproach, Precaution } from '../../../core/precautions/types';
import type {
  InflammatoryAnswers,
  PainArea,
  PainTrend,
  PreferredActivity,
  SelfCheckRequest,
} from '../../../core/selfcheck/schema';
import { t } from '../../../core/thresholds';
import type { WarningSign } from '../../../core/triage/signs';

export const STEP_COUNT = 5;
export type Step = 1 | 2 | 3 | 4 | 5;

export interface ActivityDraft {
  name: string;
  score: number | null;
}

export interface Draft {
  signs: WarningSign[];
  noSigns: boolean;
  age: string;
  painAreas: PainArea[];
  weeks: string;
  painNow: number | null;
  painWorst: number | null;
  trend: PainTrend | '';
  similarBefore: 'yes' | 'no' | '';
  inflammatory: Record<keyof InflammatoryAnswers, boolean>;
  hip: {
    on: boolean;
    side: 'left' | 'right' | 'both' | '';
    approach: HipApproach | '';
    restrictions: PrecautionTag[];
    until: string;
  };
  pregnancy: { on: boolean; trimester: '' | '1' | '2' | '3' };
  osteoporosis: boolean;
  vertebralFracture: boolean;
  surgery: { on: boolean; until: string };
  minutes: string;
  preferred: PreferredActivity | 'none' | '';
  breakStart: string;
  breakEnd: string;
  activities: ActivityDraft[];
}

export function emptyDraft(): Draft {
  return {
    signs: [],
    noSigns: false,
    age: '',
    painAreas: [],
    weeks: '',
    painNow: null,
    painWorst: null,
    trend: '',
    similarBefore: '',
    inflammatory: {
      onsetBeforeAge40: false,
      insidiousOnset: false,
      improvesWithExercise: false,
      noImprovementWithRest: false,
      nightPainImprovesOnGettingUp: false,
    },
    hip: { on: false, side: '', approach: '', restrictions: [], until: '' },
    pregnancy: { on: false, trimester: '' },
    osteoporosis: false,
    vertebralFracture: false,
    surgery: { on: false, until: '' },
    minutes: '',
    preferred: '',
    breakStart: '09:00',
    breakEnd: '17:00',
    activities: [{ name: '', score: null }],
  };
}

/** The extra questions about long-lasting back pain are asked only when they can count (ASAS, RF12). */
export function asksInflammatory(d: Draft): boolean {
  const weeks = Number(d.weeks);
  return d.painAreas.includes('lowBack') && d.weeks.trim() !== '' && weeks >= t('asasMinDurationWeeks');
}

/** A whole number typed into a box, or NaN. */
function whole(value: string): number {
  const s = value.trim();
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
}

/** Which on-screen block made each entry of `precautions`, so an error can point at it. */
export type PrecautionBlock = 'hip' | 'pregnancy' | 'osteoporosis' | 'vertebralFracture' | 'surgery';

interface Built {
  body: SelfCheckRequest;
  precautionBlocks: PrecautionBlock[];
  /** For each sent activity, its row on screen. */
  activityRows: number[];
}

export function build(d: Draft): Built {
  const precautions: Precaution[] = [];
  const precautionBlocks: PrecautionBlock[] = [];
  if (d.hip.on && d.hip.side && d.hip.approach) {
    const sides = d.hip.side === 'both' ? (['left', 'right'] as const) : ([d.hip.side] as const);
    for (const side of sides) {
      precautions.push({
        kind: 'hipReplacement',
        side,
        approach: d.hip.approach,
        ...(d.hip.restrictions.length > 0 ? { restrictions: [...d.hip.restrictions] } : {}),
        ...(d.hip.until ? { until: d.hip.until } : {}),
      });
      precautionBlocks.push('hip');
    }
  }
  if (d.pregnancy.on && d.pregnancy.trimester) {
    precautions.push({ kind: 'pregnancy', trimester: Number(d.pregnancy.trimester) as 1 | 2 | 3 });
    precautionBlocks.push('pregnancy');
  }
  if (d.osteoporosis) {
    precautions.push({ kind: 'osteoporosis' });
    precautionBlocks.push('osteoporosis');
  }
  if (d.vertebralFracture) {
    precautions.push({ kind: 'vertebralFracture' });
    precautionBlocks.push('vertebralFracture');
  }
  if (d.surgery.on) {
    precautions.push({ kind: 'recentSurgery', ...(d.surgery.until ? { until: d.surgery.until } : {}) });
    precautionBlocks.push('surgery');
  }
  const activities: { name: string; score: number }[] = [];
  const activityRows: number[] = [];
  d.activities.forEach((a, row) => {
    if (a.name.trim() === '' && a.score === null) return;
    activities.push({ name: a.name.trim(), score: a.score ?? Number.NaN });
    activityRows.push(row);
  });
  const body: SelfCheckRequest = {
    age: whole(d.age),
    painAreas: [...d.painAreas],
    painStartedWeeksAgo: whole(d.weeks),
    pain: { now: d.painNow ?? Number.NaN, worstLastWeek: d.painWorst ?? Number.NaN },
    warningSigns: d.noSigns ? [] : [...d.signs],
    precautions,
    activityMinutesLastWeek: whole(d.minutes),
    activities,
  };
  if (d.breakStart && d.breakEnd) body.movementBreakHours = { start: d.breakStart, end: d.breakEnd };
  if (d.preferred && d.preferred !== 'none') body.preferredActivity = d.preferred;
  if (d.trend) body.trend = d.trend;
  if (d.similarBefore) body.hadSimilarPainBefore = d.similarBefore === 'yes';
  if (asksInflammatory(d)) body.inflammatory = { ...d.inflammatory };
  return { body, precautionBlocks, activityRows };
}

/** Field key → message, for the fields of one step. */
export type FieldErrors = Record<string, string>;

/** Obvious gaps only: the server checks ranges and contradictions and has the last word. */
export function checkStep(step: Step, d: Draft): FieldErrors {
  const e: FieldErrors = {};
  switch (step) {
    case 1:
      if (!d.noSigns && d.signs.length === 0) {
        e.signs = 'Tick any signs that apply to you, or tick "None of these" at the end of the list.';
      }
      break;
    case 2:
      if (d.age.trim() === '') e.age = 'Tell us your age in years.';
      else if (Number.isNaN(whole(d.age)))
        e.age = 'Write your age as a whole number of years, for example 47.';
      else if (whole(d.age) < t('minAge')) {
        e.age = `This check is for people aged ${t('minAge')} and over. For someone younger, please see a doctor or a physical therapist.`;
      }
      if (d.painAreas.length === 0) e.painAreas = 'Tick at least one place where you feel pain.';
      if (d.weeks.trim() === '')
        e.weeks = 'Tell us roughly how many weeks ago the pain started (0 for this week).';
      else if (Number.isNaN(whole(d.weeks))) e.weeks = 'Write a whole number of weeks, for example 3.';
      if (d.painNow === null) e.painNow = 'Choose a number from 0 to 10 for your pain right now.';
      if (d.painWorst === null)
        e.painWorst = 'Choose a number from 0 to 10 for your worst pain in the last week.';
      break;
    case 3:
      if (d.hip.on && !d.hip.side) e.hipSide = 'Tell us which hip was replaced.';
      if (d.hip.on && !d.hip.approach)
        e.hipApproach = 'Choose how the operation was done, or "I am not sure".';
      if (d.pregnancy.on && !d.pregnancy.trimester) e.trimester = 'Tell us how far along your pregnancy is.';
      break;
    case 4:
      if (d.minutes.trim() === '') e.minutes = 'Tell us roughly how many minutes (0 is fine).';
      else if (Number.isNaN(whole(d.minutes))) e.minutes = 'Write a whole number of minutes, for example 60.';
      if ((d.breakStart === '') !== (d.breakEnd === '')) {
        e[d.breakStart ? 'breakEnd' : 'breakStart'] =
          'Give both a start and an end time, or leave both empty.';
      }
      d.activities.forEach((a, i) => {
        if (a.name.trim() !== '' && a.score === null) {
          e[`activity${i}Score`] = 'Choose how well you can do this today, from 0 to 10.';
        }
        if (a.name.trim() === '' && a.score !== null)
          e[`activity${i}Name`] = 'Name the activity, or clear the score.';
      });
      break;
    case 5:
      break;
  }
  return e;
}

/** Where a server error's field path lives on screen: a step and a field key. */
export function locate(path: string | null, built: Built): { step: Step; field: string | null } {
  if (!path) return { step: 5, field: null };
  const index = (p: string) => Number(/^\w+\[(\d+)\]/.exec(p)?.[1] ?? 0);
  if (path.startsWith('warningSigns')) return { step: 1, field: 'signs' };
  if (path === 'age') return { step: 2, field: 'age' };
  if (path.startsWith('painAreas')) return { step: 2, field: 'painAreas' };
  if (path === 'painStartedWeeksAgo') return { step: 2, field: 'weeks' };
  if (path.startsWith('pain.now') || path === 'pain') return { step: 2, field: 'painNow' };
  if (path.startsWith('pain.worstLastWeek')) return { step: 2, field: 'painWorst' };
  if (path === 'trend') return { step: 2, field: 'trend' };
  if (path === 'hadSimilarPainBefore') return { step: 2, field: 'similarBefore' };
  if (path.startsWith('inflammatory')) return { step: 2, field: 'inflammatory' };
  if (path.startsWith('precautions')) {
    const block = built.precautionBlocks[index(path)];
    const rest = path.replace(/^precautions\[\d+\]\.?/, '');
    switch (block) {
      case 'hip':
        if (rest.startsWith('until')) return { step: 3, field: 'hipUntil' };
        if (rest.startsWith('restrictions')) return { step: 3, field: 'hipRestrictions' };
        if (rest.startsWith('approach')) return { step: 3, field: 'hipApproach' };
        return { step: 3, field: 'hipSide' };
      case 'pregnancy':
        return { step: 3, field: 'trimester' };
      case 'surgery':
        return { step: 3, field: 'surgeryUntil' };
      case 'osteoporosis':
      case 'vertebralFracture':
      case undefined:
        return { step: 3, field: 'precautions' };
    }
  }
  if (path === 'activityMinutesLastWeek') return { step: 4, field: 'minutes' };
  if (path === 'preferredActivity') return { step: 4, field: 'preferred' };
  if (path.startsWith('movementBreakHours')) {
    return { step: 4, field: path.endsWith('start') ? 'breakStart' : 'breakEnd' };
  }
  if (path.startsWith('activities')) {
    const row = built.activityRows[index(path)] ?? 0;
    return { step: 4, field: path.endsWith('score') ? `activity${row}Score` : `activity${row}Name` };
  }
  return { step: 5, field: null };
}

/** Field paths as a person would say them, for the server's messages. */
const PATH_WORDS: [RegExp, string][] = [
  [/\bpain\.worstLastWeek\b/g, 'your worst pain in the last week'],
  [/\bpain\.now\b/g, 'your pain right now'],
  [/\bmovementBreakHours\.start\b/g, 'the start time'],
  [/\bmovementBreakHours\.end\b/g, 'the end time'],
  [/\bpainStartedWeeksAgo\b/g, 'the number of weeks'],
  [/\bactivityMinutesLastWeek\b/g, 'the minutes of activity'],
];

/**
 * The server's message, said plainly: `"pain.now": (8) cannot be higher than
 * pain.worstLastWeek (3): …` becomes "Your pain right now (8) cannot be
 * higher than your worst pain in the last week (3): …".
 */
export function humanize(message: string, path: string | null): string {
  const prefix = /^"([^"]+)":\s*/.exec(message);
  let text = prefix ? message.slice(prefix[0].length) : message;
  for (const [re, words] of PATH_WORDS) text = text.replace(re, words);
  if (prefix) {
    const subject = subjectOf(path ?? prefix[1] ?? '');
    text = `${subject} ${text}`;
  }
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function subjectOf(path: string): string {
  if (path === 'pain.now') return 'Your pain right now';
  if (path === 'pain.worstLastWeek') return 'Your worst pain in the last week';
  if (path === 'age') return 'Your age';
  if (path === 'painStartedWeeksAgo') return 'The number of weeks';
  if (path === 'activityMinutesLastWeek') return 'The minutes of activity';
  if (path.startsWith('painAreas')) return 'The list of places that hurt';
  if (path.startsWith('warningSigns')) return 'The list of signs';
  if (path.endsWith('until')) return 'This date';
  if (path.startsWith('movementBreakHours')) return 'This time';
  if (path.startsWith('activities')) return 'This activity';
  return 'This answer';
}
