/**
 * The validated exercise library and small pure look-ups over it. Build a
 * `Library` with `validateLibrary` (./schema.ts); load the shipped one with
 * `loadLibrary` (src/content/library.ts).
 */
import type { BodyRegion, Equipment, Exercise, Pillar } from './types';

export interface Library {
  /** Every exercise, in a stable order (the loader sorts by file name). */
  readonly exercises: readonly Exercise[];
  readonly bySlug: ReadonlyMap<string, Exercise>;
}

export function getExercise(lib: Library, slug: string): Exercise | undefined {
  return lib.bySlug.get(slug);
}

/**
 * The whole ladder an exercise belongs to, easiest first. A standalone
 * exercise is a ladder of one; an unknown slug gives an empty list.
 */
export function ladderOf(lib: Library, slug: string): Exercise[] {
  const start = lib.bySlug.get(slug);
  if (!start) return [];
  // Walk down to the easiest step (guarding against cycles in unvalidated data).
  let bottom = start;
  const seenDown = new Set<string>([bottom.slug]);
  while (bottom.easier !== null) {
    const next = lib.bySlug.get(bottom.easier);
    if (!next || seenDown.has(next.slug)) break;
    seenDown.add(next.slug);
    bottom = next;
  }
  const out: Exercise[] = [bottom];
  const seenUp = new Set<string>([bottom.slug]);
  let cur = bottom;
  while (cur.harder !== null) {
    const next = lib.bySlug.get(cur.harder);
    if (!next || seenUp.has(next.slug)) break;
    seenUp.add(next.slug);
    out.push(next);
    cur = next;
  }
  return out;
}

export interface ExerciseQuery {
  pillar?: Pillar;
  region?: BodyRegion;
  /** Only exercises that list this piece of equipment. */
  equipment?: Equipment;
  level?: number;
  /** Case-insensitive text matched against name, aliases, summary and muscles. */
  q?: string;
}

function matchesText(ex: Exercise, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (needle === '') return true;
  const hay = [ex.name, ...ex.aliases, ex.summary, ...ex.muscles].map((s) => s.toLowerCase());
  return hay.some((s) => s.includes(needle));
}

/**
 * Filters the library. `equipment` matches exercises that list that piece of
 * equipment; all other filters must all match. Results keep library order.
 */
export function searchExercises(lib: Library, query: ExerciseQuery): Exercise[] {
  return lib.exercises.filter(
    (ex) =>
      (query.pillar === undefined || ex.pillar === query.pillar) &&
      (query.region === undefined || ex.regions.includes(query.region)) &&
      (query.equipment === undefined || ex.equipment.includes(query.equipment)) &&
      (query.level === undefined || ex.level === query.level) &&
      (query.q === undefined || matchesText(ex, query.q)),
  );
}
