/**
 * Loads the exercise library from `content/exercises/*.json`. This is the
 * I/O side; all checks live in the pure validator (src/core/library/schema.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Library } from '../core/library/library';
import { formatLibraryError, validateLibrary } from '../core/library/schema';
import type { LibraryError } from '../core/library/schema';

/** The library shipped with hipback, next to the source tree. */
export const DEFAULT_EXERCISES_DIR = fileURLToPath(new URL('../../content/exercises/', import.meta.url));

let cached: Library | undefined;

/**
 * Reads every `*.json` in `dir` (in file-name order), validates them all and
 * returns the library. Throws one Error listing every problem found, each as
 * "file "slug": path: message". The default library is read once and cached.
 */
export function loadLibrary(dir: string = DEFAULT_EXERCISES_DIR): Library {
  const isDefault = path.resolve(dir) === path.resolve(DEFAULT_EXERCISES_DIR);
  if (isDefault && cached) return cached;

  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const items: unknown[] = [];
  const names: string[] = [];
  const errors: LibraryError[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (e) {
      errors.push({ file, path: '(file)', message: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    items.push(parsed);
    names.push(file);
    // Files are named after their slug, so a URL and a file name always agree.
    const slug = (parsed as { slug?: unknown } | null)?.slug;
    if (typeof slug === 'string' && `${slug}.json` !== file) {
      errors.push({ file, slug, path: 'slug', message: `file name must be "${slug}.json"` });
    }
  }

  const result = validateLibrary(items, { files: names });
  if ('errors' in result) errors.push(...result.errors);
  if (errors.length > 0 || !('library' in result)) {
    const lines = errors.map((e) => `  - ${formatLibraryError(e)}`);
    throw new Error(`The exercise library in ${dir} has ${errors.length} problem(s):\n${lines.join('\n')}`);
  }
  if (isDefault) cached = result.library;
  return result.library;
}
