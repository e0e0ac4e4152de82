import type { z } from 'zod';
import { selfCheckInputSchema } from './schema';
import type { SelfCheckInput } from './schema';

/** A validation error as the API returns it: machine code, human message, path of the bad field. */
export interface ValidationError {
  code: 'validation_failed';
  /** A sentence a person can act on, starting with the field path. */
  message: string;
  /** The bad field, e.g. "pain.now" or "precautions[0].until"; "" for the whole body. */
  path: string;
}

export type ParseResult = { ok: true; value: SelfCheckInput } | { ok: false; error: ValidationError };

/** Formats a zod path as `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * Turns one zod issue from `selfCheckInputSchema` into the API error. The
 * schema's messages are written relative to the field ("must be a whole
 * number from 0 to 10"); this prefixes the path. Use it in an HTTP error
 * handler that validates with the schema directly.
 */
export function issueToValidationError(issue: z.core.$ZodIssue): ValidationError {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const full = formatPath([...issue.path, key]);
    return {
      code: 'validation_failed',
      path: full,
      message: `${full} is not a field the self-check accepts`,
    };
  }
  if (path === '') {
    return {
      code: 'validation_failed',
      path,
      message:
        issue.code === 'invalid_type'
          ? 'The request body must be a JSON object with the self-check answers'
          : issue.message,
    };
  }
  return { code: 'validation_failed', path, message: `${path} ${issue.message}` };
}

/**
 * Validates a `POST /api/self-check` body. Returns the first problem found
 * (in field order), so a person fixes one thing at a time.
 */
export function parseSelfCheck(body: unknown): ParseResult {
  const result = selfCheckInputSchema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const first = result.error.issues[0];
  if (!first) {
    return {
      ok: false,
      error: { code: 'validation_failed', path: '', message: 'The self-check answers are not valid' },
    };
  }
  return { ok: false, error: issueToValidationError(first) };
}

/** Every problem in the body, for forms that show all errors at once. */
export function allSelfCheckErrors(body: unknown): ValidationError[] {
  const result = selfCheckInputSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map(issueToValidationError);
}
