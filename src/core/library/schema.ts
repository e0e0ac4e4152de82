/**
 * The exercise library's schema and validator. Pure: the loader in
 * src/content/library.ts does the file reading and calls `validateLibrary`.
 */
import { z } from 'zod';
import type { Library } from './library';
import { explainPoseTags } from './pose';
import type { Exercise, Pose } from './types';
import { BODY_REGIONS, EQUIPMENT, EXERCISE_TYPES, MUSCLES, PILLARS, PRECAUTION_TAGS } from './types';

/** URL-safe lower-case slug: "glute-bridge", "figure-4-stretch". */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = z.string().trim().min(1);

export const doseSchema = z.strictObject({
  sets: z.int().min(1).max(10),
  reps: z.int().min(1).max(50).optional(),
  holdSeconds: z.number().min(1).max(300).optional(),
  durationSeconds: z
    .number()
    .min(5)
    .max(4 * 60 * 60)
    .optional(),
  restSeconds: z.number().min(0).max(600),
  eachSide: z.boolean(),
  daysPerWeek: z.int().min(1).max(7),
  source: text,
});

/** Joint ranges are generous anatomical limits: they catch typos such as 900 for 90. */
export const limbAnglesSchema = z.strictObject({
  hipFlexion: z.number().min(-45).max(160),
  hipAbduction: z.number().min(-45).max(90),
  hipRotation: z.number().min(-70).max(90),
  kneeFlexion: z.number().min(0).max(165),
  shoulderFlexion: z.number().min(-90).max(200),
  elbowFlexion: z.number().min(0).max(160),
  kneeOnFloor: z.boolean().optional(),
});

export const poseSchema = z.strictObject({
  view: z.enum(['side', 'front']),
  base: z.enum([
    'standing',
    'sitting',
    'supine',
    'prone',
    'sideLying',
    'quadruped',
    'kneeling',
    'halfKneeling',
  ]),
  trunkLean: z.number().min(-90).max(180),
  spineFlexion: z.number().min(-90).max(120),
  spineRotation: z.number().min(-90).max(90),
  left: limbAnglesSchema,
  right: limbAnglesSchema,
});

const slugRef = z.string().regex(SLUG_PATTERN, 'must be a lower-case slug like "glute-bridge"');

export const exerciseSchema = z.strictObject({
  slug: slugRef,
  id: z.uuidv4(),
  version: z.int().min(1),
  name: text,
  aliases: z.array(text),
  pillar: z.enum(PILLARS),
  summary: text,
  regions: z.array(z.enum(BODY_REGIONS)).min(1),
  muscles: z.array(z.enum(MUSCLES)).min(1),
  equipment: z.array(z.enum(EQUIPMENT)).min(1),
  level: z.int().min(1).max(5),
  ladder: slugRef.nullable(),
  easier: slugRef.nullable(),
  harder: slugRef.nullable(),
  type: z.enum(EXERCISE_TYPES),
  defaultDose: doseSchema,
  steps: z.array(text).min(2),
  cues: z.array(text).min(1),
  mistakes: z.array(text).min(1),
  feel: text,
  stopIf: z.array(text).min(1),
  precautions: z.array(z.enum(PRECAUTION_TAGS)),
  poses: z.strictObject({ start: poseSchema, end: poseSchema }),
  licence: text,
  author: text,
});

// Compile-time guarantee that the schema and the `Exercise` interface describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesExercise: Same<z.infer<typeof exerciseSchema>, Exercise> = true;
const _schemaMatchesPose: Same<z.infer<typeof poseSchema>, Pose> = true;
void _schemaMatchesExercise;
void _schemaMatchesPose;

export interface LibraryError {
  /** The file the exercise came from, when the caller knows it. */
  file?: string;
  slug?: string;
  /** Dotted path of the bad field inside the exercise, e.g. "defaultDose.reps" or "harder". */
  path: string;
  message: string;
}

export interface ValidateOptions {
  /** File name of each item, in the same order, so errors can name it. */
  files?: readonly (string | undefined)[];
}

function pathOf(segments: readonly PropertyKey[]): string {
  return segments.map((s) => (typeof s === 'symbol' ? s.toString() : String(s))).join('.') || '(root)';
}

function slugOf(item: unknown): string | undefined {
  if (typeof item === 'object' && item !== null && 'slug' in item) {
    const slug = item.slug;
    if (typeof slug === 'string') return slug;
  }
  return undefined;
}

/** Checks that only make sense for a single exercise that already matches the schema. */
function checkOne(ex: Exercise): Omit<LibraryError, 'file'>[] {
  const errors: Omit<LibraryError, 'file'>[] = [];
  const err = (path: string, message: string): void => {
    errors.push({ slug: ex.slug, path, message });
  };

  // The dose must carry the number its type needs.
  switch (ex.type) {
    case 'reps':
      if (ex.defaultDose.reps === undefined)
        err('defaultDose.reps', 'a "reps" exercise needs defaultDose.reps');
      break;
    case 'hold':
      if (ex.defaultDose.holdSeconds === undefined) {
        err('defaultDose.holdSeconds', 'a "hold" exercise needs defaultDose.holdSeconds');
      }
      break;
    case 'timed':
      if (ex.defaultDose.durationSeconds === undefined) {
        err('defaultDose.durationSeconds', 'a "timed" exercise needs defaultDose.durationSeconds');
      }
      break;
  }

  for (const key of ['aliases', 'regions', 'muscles', 'equipment', 'precautions'] as const) {
    const list: readonly string[] = ex[key];
    const dup = list.find((v, i) => list.indexOf(v) !== i);
    if (dup !== undefined) err(key, `"${dup}" is listed twice`);
  }

  if (ex.ladder === null && (ex.easier !== null || ex.harder !== null)) {
    err('ladder', 'an exercise with an easier or harder step must name its ladder');
  }
  if (ex.easier === ex.slug) err('easier', 'an exercise cannot be its own easier step');
  if (ex.harder === ex.slug) err('harder', 'an exercise cannot be its own harder step');

  // Every tag the drawn positions imply must be listed (clinical-facts.md §4).
  const listed = new Set(ex.precautions);
  for (const frame of ['start', 'end'] as const) {
    for (const { tag, reason } of explainPoseTags(ex.poses[frame])) {
      if (!listed.has(tag)) {
        err('precautions', `poses.${frame} shows ${reason}, so precautions must include "${tag}"`);
      }
    }
  }
  return errors;
}

/** Ladder links between exercises that each match the schema. */
function checkLadders(bySlug: ReadonlyMap<string, Exercise>): Omit<LibraryError, 'file'>[] {
  const errors: Omit<LibraryError, 'file'>[] = [];
  for (const ex of bySlug.values()) {
    const links = [
      { field: 'harder', back: 'easier', step: 1 },
      { field: 'easier', back: 'harder', step: -1 },
    ] as const;
    for (const { field, back, step } of links) {
      const target = ex[field];
      if (target === null) continue;
      const other = bySlug.get(target);
      if (!other) {
        errors.push({
          slug: ex.slug,
          path: field,
          message: `points to "${target}", which is not in the library`,
        });
        continue;
      }
      if (other[back] !== ex.slug) {
        errors.push({
          slug: ex.slug,
          path: field,
          message: `points to "${target}", but "${target}".${back} is ${JSON.stringify(other[back])}, not "${ex.slug}"`,
        });
      }
      if (other.ladder !== ex.ladder) {
        errors.push({
          slug: ex.slug,
          path: 'ladder',
          message: `is on ladder ${JSON.stringify(ex.ladder)} but its ${field} step "${target}" is on ${JSON.stringify(other.ladder)}`,
        });
      }
      if (other.level !== ex.level + step) {
        errors.push({
          slug: ex.slug,
          path: 'level',
          message: `is level ${ex.level}, so its ${field} step "${target}" must be level ${ex.level + step}, not ${other.level}`,
        });
      }
    }
  }
  return errors;
}

/**
 * Validates a list of parsed exercise files. Returns the library, or every
 * problem found (never just the first): schema mismatches, duplicate slugs or
 * ids, broken or one-way ladder links, and precaution tags missing for what
 * the poses show.
 */
export function validateLibrary(
  exercises: unknown[],
  options: ValidateOptions = {},
): { library: Library } | { errors: LibraryError[] } {
  const errors: LibraryError[] = [];
  const valid: { ex: Exercise; file: string | undefined }[] = [];
  const files = options.files ?? [];

  exercises.forEach((item, index) => {
    const file = files[index];
    const withFile = (e: Omit<LibraryError, 'file'>): LibraryError =>
      file === undefined ? e : { file, ...e };
    const parsed = exerciseSchema.safeParse(item);
    if (!parsed.success) {
      const slug = slugOf(item);
      for (const issue of parsed.error.issues) {
        const e: Omit<LibraryError, 'file'> = { path: pathOf(issue.path), message: issue.message };
        errors.push(withFile(slug === undefined ? e : { slug, ...e }));
      }
      return;
    }
    const ex = parsed.data;
    errors.push(...checkOne(ex).map(withFile));
    valid.push({ ex, file });
  });

  const bySlug = new Map<string, Exercise>();
  const fileBySlug = new Map<string, string | undefined>();
  const slugById = new Map<string, string>();
  for (const { ex, file } of valid) {
    const withFile = (e: Omit<LibraryError, 'file'>): LibraryError =>
      file === undefined ? e : { file, ...e };
    if (bySlug.has(ex.slug)) {
      errors.push(withFile({ slug: ex.slug, path: 'slug', message: `duplicate slug "${ex.slug}"` }));
    } else {
      bySlug.set(ex.slug, ex);
      fileBySlug.set(ex.slug, file);
    }
    const idOwner = slugById.get(ex.id.toLowerCase());
    if (idOwner !== undefined) {
      errors.push(
        withFile({ slug: ex.slug, path: 'id', message: `duplicate id ${ex.id} (also used by "${idOwner}")` }),
      );
    } else {
      slugById.set(ex.id.toLowerCase(), ex.slug);
    }
  }

  for (const e of checkLadders(bySlug)) {
    const file = e.slug === undefined ? undefined : fileBySlug.get(e.slug);
    errors.push(file === undefined ? e : { file, ...e });
  }

  if (errors.length > 0) return { errors };
  const list = valid.map((v) => v.ex);
  return { library: { exercises: list, bySlug: new Map(list.map((ex) => [ex.slug, ex])) } };
}

/** One line per error, for logs and thrown errors. */
export function formatLibraryError(e: LibraryError): string {
  const where = [e.file, e.slug === undefined ? undefined : `"${e.slug}"`]
    .filter((x) => x !== undefined)
    .join(' ');
  return `${where === '' ? '' : `${where}: `}${e.path}: ${e.message}`;
}
