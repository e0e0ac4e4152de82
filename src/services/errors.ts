/**
 * Errors as values with a stable machine-readable code, a message a person can
 * act on, and (for bad input) the path of the offending field. The HTTP layer
 * turns them into `{"error":{"code","message","path"}}` with the given status.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503,
    readonly code: string,
    message: string,
    readonly path: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, path: string | null = null) =>
  new AppError(400, code, message, path);
export const unauthorized = (message = 'Please log in to continue.') =>
  new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'You do not have access to this.') =>
  new AppError(403, 'forbidden', message);
/** Also used when a record exists but belongs to someone else, so ids cannot be probed. */
export const notFound = (what = 'That record') => new AppError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: string, message: string, path: string | null = null) =>
  new AppError(409, code, message, path);
