import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { apiErrorResponse } from './api-error';
import { validationError } from './zod-issues';

export { fieldPath } from './zod-issues';

type ValidationResult = { target: string } & ({ success: true; data: unknown } | { success: false; error: ZodError });

/**
 * The `defaultHook` of every OpenAPIHono app here (storefront and admin): a failed zod
 * validation becomes a 400 `{ error: { code, message, field, issues } }` naming the first
 * offending field (`limit`, `lines[2].quantity`), instead of zod's raw error.
 *
 * @example
 * const app = new OpenAPIHono({ defaultHook: validationHook });
 */
export function validationHook(result: ValidationResult, c: Context): Response | undefined {
  if (result.success) return undefined;
  return apiErrorResponse(c, validationError(result.error, result.target));
}
