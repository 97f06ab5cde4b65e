import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { ApiError } from '../http/api-error';

/** One problem with a request, pointing at the field it is about. */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

/**
 * An error the admin API answers with a 4xx JSON body
 * `{ error: { code, message, field?, issues? } }` (the storefront contract's shape).
 *
 * @example
 * throw new AdminError(404, 'not_found', 'No such product.');
 */
export class AdminError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly issues?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

/** The same 404 for "does not exist" and "not yours", so ids of other cooperatives leak nothing. */
export const notFound = () => new AdminError(404, 'not_found', 'Not found.');

/** `variants[0].label.en` from a zod path. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** A 422 listing every zod issue with its field. */
export function validationError(error: z.ZodError, prefix = ''): AdminError {
  const issues = error.issues.slice(0, 50).map((issue) => ({
    field: fieldPath([...(prefix ? [prefix] : []), ...issue.path]),
    code: issue.code,
    message: issue.message,
  }));
  const first = issues[0];
  return new AdminError(422, 'invalid_input', first ? `${first.field || 'body'}: ${first.message}` : 'Invalid input.', first?.field || undefined, issues);
}

/** The JSON body of an error response. */
export function errorBody(error: AdminError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.issues ? { issues: error.issues } : {}),
    },
  };
}

/**
 * Maps constraint violations from either database to a 409, so a race that slips past a
 * check (two people saving the same slug) still ends as a clear answer, not a 500.
 */
export function constraintError(error: unknown): AdminError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') {
    return new AdminError(409, 'conflict', 'A record with this value exists already.');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    return new AdminError(409, 'in_use', 'This record is referenced by others (orders, links) and cannot be changed this way.');
  }
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === '23514') {
    return new AdminError(422, 'invalid_input', 'A value is out of range.');
  }
  return null;
}

/**
 * The admin app's error handler: AdminErrors and constraint violations become their 4xx
 * JSON; anything else is a 500 that reveals nothing about the cause.
 */
export function handleAdminError(error: unknown, c: Context) {
  // Shared pieces from ../http throw ApiError; same JSON shape, so answer it the same way.
  const known = error instanceof AdminError ? error : error instanceof ApiError ? new AdminError(error.status, error.code, error.message, error.field, error.issues) : constraintError(error);
  if (known) {
    for (const [name, value] of Object.entries(known.headers ?? {})) c.header(name, value);
    return c.json(errorBody(known), known.status);
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return c.json({ error: { code: 'bad_request', message: 'Bad request.' } }, status as ContentfulStatusCode);
  }
  console.error('admin api error', error);
  return c.json({ error: { code: 'internal_error', message: 'Something went wrong on our side.' } }, 500);
}
