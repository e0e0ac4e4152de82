/**
 * Choosing exercises for plan slots, with precaution-safe substitution.
 *
 * The engine never hard-fails when a slug is missing: it prefers the named
 * slugs (and the library's own ladders), then falls back to any compatible
 * exercise of the same pillar and body region, then of the same pillar.
 */
import type { BodyRegion, Exercise, Muscle, Pillar } from '../library/types';
import { conflicts, TAG_PHRASES } from '../precautions/precautions';
import type { ActivePrecaution, Conflict } from '../precautions/types';
import type { Library } from './types';

export interface Slot {
  /** Stable key, used in the item id. */
  key: string;
  pillar: Pillar;
  /** Library ladder name, when the slot walks a ladder. */
  ladder?: string;
  /** Preferred slugs, easiest first for ladders. */
  prefer: readonly string[];
  /** Region used for substitution when no preferred exercise is in the library. */
  region: BodyRegion;
}

export interface Choice {
  exercise: Exercise;
  /** The exercise the engine wanted, when it had to choose another because of a precaution. */
  substitutedFor?: { exercise: Exercise; because: string };
}

interface Screened {
  conflicts: Conflict[];
  forbidden: boolean;
  cautions: number;
}

/**
 * Conflicts of one exercise, memoised per list of active precautions (the
 * engine asks about the same exercise many times while it fills slots). The
 * cache is keyed by the list object, so it lives only as long as one plan.
 */
const screenCache = new WeakMap<readonly ActivePrecaution[], Map<string, Screened>>();

function screen(e: Exercise, active: readonly ActivePrecaution[]): Screened {
  let perList = screenCache.get(active);
  if (!perList) {
    perList = new Map();
    screenCache.set(active, perList);
  }
  let found = perList.get(e.slug);
  if (!found) {
    const all = conflicts(e, active);
    found = {
      conflicts: all,
      forbidden: all.some((c) => c.severity === 'forbidden'),
      cautions: all.filter((c) => c.severity === 'caution').length,
    };
    perList.set(e.slug, found);
  }
  return found;
}

function conflictsOf(e: Exercise, active: readonly ActivePrecaution[]): Conflict[] {
  return screen(e, active).conflicts;
}

function isAllowed(e: Exercise, active: readonly ActivePrecaution[]): boolean {
  return !screen(e, active).forbidden;
}

function cautionCount(e: Exercise, active: readonly ActivePrecaution[]): number {
  return screen(e, active).cautions;
}

/**
 * Why an exercise is ruled out, in one clause, grouped by precaution:
 * "it involves a and b, which your recent surgery rules out; and c, which …".
 */
export function forbiddenBecause(e: Exercise, active: readonly ActivePrecaution[]): string {
  const byLabel = new Map<string, string[]>();
  for (const c of conflictsOf(e, active)) {
    if (c.severity !== 'forbidden') continue;
    const phrases = byLabel.get(c.label) ?? [];
    if (!phrases.includes(TAG_PHRASES[c.tag])) phrases.push(TAG_PHRASES[c.tag]);
    byLabel.set(c.label, phrases);
  }
  const parts = [...byLabel].map(
    ([label, phrases]) => `${joinAnd(phrases)}, which your ${lowerFirst(label)} rules out`,
  );
  return parts.length === 0 ? '' : `it involves ${parts.join('; and ')}`;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The ladder for a slot: the library's own ladder when it has one, else the preferred slugs that exist. */
export function ladderOf(slot: Slot, library: Library): Exercise[] {
  if (slot.ladder) {
    const fromLibrary = library.exercises
      .filter((e) => e.ladder === slot.ladder && e.pillar === slot.pillar)
      .sort((a, b) => a.level - b.level || a.slug.localeCompare(b.slug));
    if (fromLibrary.length > 0) return fromLibrary;
  }
  return slot.prefer.flatMap((slug) => {
    const e = library.bySlug.get(slug);
    return e && e.pillar === slot.pillar ? [e] : [];
  });
}

interface Context {
  library: Library;
  active: readonly ActivePrecaution[];
  /** Slugs already in the plan. */
  used: ReadonlySet<string>;
  /** Slugs other slots prefer; a substitute avoids them when it can. */
  reserved: ReadonlySet<string>;
}

function overlap<T>(a: readonly T[], b: readonly T[]): number {
  return a.filter((x) => b.includes(x)).length;
}

/**
 * Best compatible exercise of `pillar`, most like `like`: same region first,
 * then any region; fewest cautions; not reserved by another slot; most
 * shared muscles; level closest to (and not above) `maxLevel`; then slug.
 */
function findSubstitute(
  ctx: Context,
  pillar: Pillar,
  regions: readonly BodyRegion[],
  muscles: readonly Muscle[],
  maxLevel: number,
): Exercise | undefined {
  const candidates = ctx.library.exercises.filter(
    (e) => e.pillar === pillar && !ctx.used.has(e.slug) && isAllowed(e, ctx.active),
  );
  const key = (e: Exercise): number[] => [
    overlap(e.regions, regions) > 0 ? 0 : 1,
    e.level <= maxLevel ? 0 : 1,
    cautionCount(e, ctx.active),
    ctx.reserved.has(e.slug) ? 1 : 0,
    -overlap(e.muscles, muscles),
    e.level <= maxLevel ? maxLevel - e.level : e.level - maxLevel,
  ];
  const keyed = candidates.map((e) => ({ e, k: key(e) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) {
      const d = (a.k[i] ?? 0) - (b.k[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.e.slug.localeCompare(b.e.slug);
  });
  return keyed[0]?.e;
}

/**
 * Choose the exercise for a slot.
 *
 * - Ladder slots: the hardest step at or below `targetLevel`; when it is ruled
 *   out, an easier step of the same ladder, then a substitute.
 * - Other slots: the first preferred slug that is allowed; then a substitute.
 *
 * Returns undefined only when nothing in the pillar is allowed.
 */
export function choose(
  slot: Slot,
  targetLevel: number,
  library: Library,
  active: readonly ActivePrecaution[],
  used: ReadonlySet<string>,
  reserved: ReadonlySet<string>,
): Choice | undefined {
  const ctx: Context = { library, active, used, reserved };
  let ordered: Exercise[];
  if (slot.ladder) {
    const ladder = ladderOf(slot, library);
    const atOrBelow = ladder.filter((e) => e.level <= targetLevel);
    // Start from the target step (or the easiest step when all are harder), then step down.
    const start = atOrBelow.length > 0 ? atOrBelow : ladder.slice(0, 1);
    ordered = [...start].reverse();
  } else {
    ordered = slot.prefer.flatMap((slug) => {
      const e = library.bySlug.get(slug);
      return e && e.pillar === slot.pillar ? [e] : [];
    });
  }
  ordered = ordered.filter((e) => !used.has(e.slug));
  const intended = ordered[0];
  const allowed = ordered.find((e) => isAllowed(e, active));
  if (allowed) {
    if (intended && allowed !== intended) {
      return {
        exercise: allowed,
        substitutedFor: { exercise: intended, because: forbiddenBecause(intended, active) },
      };
    }
    return { exercise: allowed };
  }
  const like = intended;
  const sub = findSubstitute(
    ctx,
    slot.pillar,
    like ? like.regions : [slot.region],
    like ? like.muscles : [],
    like ? Math.max(like.level, targetLevel) : targetLevel,
  );
  if (!sub) return undefined;
  if (like)
    return { exercise: sub, substitutedFor: { exercise: like, because: forbiddenBecause(like, active) } };
  return { exercise: sub };
}

/** Caution notes that apply to an exercise (allowed, but worth knowing). */
export function cautionNotes(e: Exercise, active: readonly ActivePrecaution[]): string[] {
  return conflictsOf(e, active)
    .filter((c) => c.severity === 'caution')
    .map((c) => `${c.label}: ${c.reason}`);
}
