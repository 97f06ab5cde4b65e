import type { Context } from 'hono';
import { ApiError, apiErrorResponse } from './api-error';

/**
 * The 413 of every body limit, storefront and admin: JSON `payload_too_large`, and
 * `Connection: close`, because the body was not read to its end and the socket cannot carry
 * another request (a keep-alive client would otherwise send its next request into a
 * connection the server is about to drop).
 *
 * @example
 * app.use('/v1/*', bodyLimit({ maxSize: 64 * 1024, onError: payloadTooLarge }));
 */
export function payloadTooLarge(c: Context, message?: string): Response {
  c.header('Connection', 'close');
  return apiErrorResponse(c, new ApiError(413, { code: 'payload_too_large', ...(message ? { message } : {}) }));
}
