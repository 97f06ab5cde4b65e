import type { ZodError } from 'zod';
import { ApiError, type ApiIssue } from './api-error';

/** Most issues listed in one error answer, storefront and admin alike. */
export const MAX_ISSUES = 20;

/** Where a zod schema was applied: the request body or a parameter (query, path, header, cookie). */
export type ValidationTarget = 'json' | 'form' | 'query' | 'param' | 'header' | 'cookie' | (string & {});

/**
 * `['lines', 2, 'quantity']` → `lines[2].quantity`.
 *
 * @example
 * fieldPath(['variants', 0, 'label', 'en']) // 'variants[0].label.en'
 */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * The one mapping from zod issues to API issues: field path, zod's code, message; at most
 * {@link MAX_ISSUES}.
 *
 * @example
 * issuesOf(result.error) // [{ field: 'limit', code: 'too_small', message: '…' }]
 */
export function issuesOf(error: ZodError): ApiIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({ field: fieldPath(issue.path), code: issue.code, message: issue.message }));
}

/**
 * The 400 for input that fails its schema: `invalid_body` for the body, `invalid_parameter`
 * for query and path parameters; `field` names the first offending field and the message
 * starts with it (`limit: Too small`).
 *
 * @example
 * const result = schema.safeParse(value);
 * if (!result.success) throw validationError(result.error, 'json');
 */
export function validationError(error: ZodError, target: ValidationTarget): ApiError {
  const issues = issuesOf(error);
  const first = issues[0];
  const code = target === 'json' || target === 'form' ? 'invalid_body' : 'invalid_parameter';
  const message = first ? `${first.field ? `${first.field}: ` : ''}${first.message}` : 'Invalid request.';
  return new ApiError(400, { code, message, ...(first?.field ? { field: first.field } : {}), issues });
}
