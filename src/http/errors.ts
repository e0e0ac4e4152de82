import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../services/errors';

export interface ErrorBody {
  error: { code: string; message: string; path: string | null };
}

/** "pain.now", "precautions[0].until" — the way a person reads a field's location. */
export function formatPath(segments: readonly (string | number)[]): string {
  return segments
    .map((s, i) =>
      typeof s === 'number' || /^\d+$/.test(String(s)) ? `[${s}]` : i === 0 ? String(s) : `.${s}`,
    )
    .join('');
}

interface ValidationIssue {
  instancePath: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

function describeIssue(
  issue: ValidationIssue,
  context: string | undefined,
): { message: string; path: string | null } {
  const segments = issue.instancePath.split('/').filter(Boolean);
  const path = segments.length ? formatPath(segments) : null;
  const where = path ? `"${path}"` : context === 'body' ? 'The request body' : `The ${context ?? 'request'}`;
  const p = issue.params ?? {};
  // zod's own type messages ("Invalid input: expected string, received undefined") are
  // rewritten; messages written in our schemas are kept.
  if (issue.keyword === 'invalid_type' && /^Invalid input/.test(issue.message ?? '')) {
    if (/received undefined/.test(issue.message ?? '')) return { message: `${where} is required.`, path };
    const expected = typeof p.expected === 'string' ? p.expected : 'a different type';
    const what = expected === 'object' ? 'an object' : expected === 'array' ? 'a list' : `a ${expected}`;
    return { message: `${where} must be ${what}.`, path };
  }
  if (issue.keyword === 'unrecognized_keys' && Array.isArray(p.keys)) {
    const keys = p.keys as string[];
    const keyPath = formatPath([...segments, keys[0] ?? '']);
    return { message: `"${keyPath}" is not a field we know. Remove it and try again.`, path: keyPath };
  }
  // Messages written in the schemas are already sentences; zod's own ones get the field name in front.
  // Schema messages that are whole sentences stand alone; ones written relative to
  // the field ("must be a whole number from 0 to 10") get the field's path in front.
  const msg = issue.message ?? 'is not valid';
  const sentence = /^[A-Z]/.test(msg) ? msg : `${path ?? where} ${msg}`;
  return { message: /[.!?]$/.test(sentence) ? sentence : `${sentence}.`, path };
}

export function errorBody(code: string, message: string, path: string | null = null): ErrorBody {
  return { error: { code, message, path } };
}

const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    message: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    message: 'The request body is empty; send a JSON object.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'body_too_large',
    message: 'The request body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Send the request body as JSON (Content-Type: application/json).',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'invalid_request',
    message: 'The Content-Length header does not match the body.',
  },
};

export function handleError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    void reply.headers(err.headers);
    return reply.status(err.status).send(errorBody(err.code, err.message, err.path));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0] as unknown as ValidationIssue;
    const { message, path } = describeIssue(first, err.validationContext);
    return reply.status(400).send(errorBody('validation_failed', message, path));
  }
  const fe = err as FastifyError;
  if (fe.code && FASTIFY_CODES[fe.code]) {
    const m = FASTIFY_CODES[fe.code]!;
    return reply.status(m.status).send(errorBody(m.code, m.message));
  }
  if (fe.statusCode === 429) {
    return reply
      .status(429)
      .send(errorBody('rate_limited', 'Too many requests. Please wait a minute and try again.'));
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.status(fe.statusCode).send(errorBody('invalid_request', fe.message));
  }
  req.log.error({ err }, 'unhandled error');
  return reply
    .status(500)
    .send(
      errorBody(
        'internal_error',
        'Something went wrong on our side. Your last change may not have been saved; please try again.',
      ),
    );
}
