import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The status and code for a constraint violation from either database: a race that slips
 * past a check (two people saving the same slug) still ends as a clear 409, not a 500.
 * Returns null for any other error.
 *
 * @example
 * constraintViolation({ code: '23505' }) // { status: 409, code: 'conflict' }
 */
export function constraintViolation(error: unknown): { status: ContentfulStatusCode; code: 'conflict' | 'in_use' | 'out_of_range' } | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') return { status: 409, code: 'conflict' };
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return { status: 409, code: 'in_use' };
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === '23514') return { status: 422, code: 'out_of_range' };
  return null;
}
