import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './api-error';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/i;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Reads the request body as JSON, the one way every API does: 415 `unsupported_media_type`
 * for another Content-Type, 400 `invalid_json` for bytes that are not JSON. Hono caches the
 * parsed body, so the zod validator that runs next reads it without parsing again.
 *
 * @example
 * const body = await readJsonBody(c);
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw new ApiError(415, { code: 'unsupported_media_type' });
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, { code: 'invalid_json' });
  }
}

/**
 * Middleware for JSON routes: checks the Content-Type and parses the body before the zod
 * validator runs, so a body that is not JSON answers 400 `invalid_json` (not a schema error)
 * and one sent as a form answers 415. GET, HEAD, DELETE and OPTIONS pass untouched.
 *
 * @example
 * app.use('/v1/coops/:coop/checkout', jsonBody());
 */
export const jsonBody = (): MiddlewareHandler =>
  async function jsonBody(c, next) {
    if (METHODS_WITH_BODY.has(c.req.method)) await readJsonBody(c);
    await next();
  };
