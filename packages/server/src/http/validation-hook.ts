import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { ApiError, apiErrorResponse, type ApiIssue } from './api-error';

type ValidationResult = { target: string } & ({ success: true; data: unknown } | { success: false; error: ZodError });

/** Validation targets and the error code a failure in each gets. */
const CODE_BY_TARGET: Record<string, string> = { json: 'invalid_body', form: 'invalid_body' };

/**
 * The `defaultHook` of every OpenAPIHono app here: a failed zod validation becomes a 400
 * `{ error: { code: 'invalid_parameter', message, field, issues } }` naming the first
 * offending field (`limit`, `lines[2].quantity`), instead of zod's raw error.
 *
 * @example
 * const app = new OpenAPIHono({ defaultHook: validationHook });
 */
export function validationHook(result: ValidationResult, c: Context): Response | undefined {
  if (result.success) return undefined;
  const issues: ApiIssue[] = result.error.issues.slice(0, 20).map((issue) => ({
    field: fieldPath(issue.path),
    code: issue.code,
    message: issue.message,
  }));
  const first = issues[0];
  const code = CODE_BY_TARGET[result.target] ?? 'invalid_parameter';
  const message = first ? `${first.field ? `${first.field}: ` : ''}${first.message}` : 'Invalid request.';
  return apiErrorResponse(c, new ApiError(400, code, message, { ...(first?.field ? { field: first.field } : {}), issues }));
}

/** `['lines', 2, 'quantity']` → `lines[2].quantity`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
