import type { Context, MiddlewareHandler } from 'hono';
import { ApiError, apiErrorResponse } from './api-error';

export interface CoopCorsOptions {
  /** The origins allowed for this request (the cooperative's `allowedOrigins`); none when undefined. */
  allowedOrigins: (c: Context) => readonly string[] | undefined;
  /** Methods answered in preflight (default GET, HEAD, POST, OPTIONS). */
  allowMethods?: readonly string[];
  /** Request headers answered in preflight. */
  allowHeaders?: readonly string[];
  /** Response headers a browser script may read. */
  exposeHeaders?: readonly string[];
  /** Seconds a browser may cache a preflight answer (default 600). */
  maxAge?: number;
}

const DEFAULT_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'];
const DEFAULT_HEADERS = ['Content-Type', 'Accept-Language', 'If-None-Match', 'Idempotency-Key', 'X-Cart-Token'];
// Retry-After: a widget on another site can say when to try again after a 429.
const DEFAULT_EXPOSE = ['ETag', 'Content-Language', 'Retry-After'];

/** Error code of the 403 a browser page on a disallowed origin gets (the widgets show it in words). */
export const ORIGIN_NOT_ALLOWED = 'origin_not_allowed';

/**
 * CORS that answers only the cooperative's own allowed origins — unlike `hono/cors`, which
 * allows every origin unless told otherwise. A disallowed origin gets no
 * `Access-Control-Allow-Origin` at all (and the browser blocks the read); every answer says
 * `Vary: Origin` so a shared cache never hands one origin's answer to another.
 * A browser's cross-origin read from a disallowed origin (`Sec-Fetch-Site` not `same-origin`)
 * is refused with a 403 `origin_not_allowed` that page may read (it carries no data), so the
 * widgets can say "this site is not allowed yet" instead of "check your network". Requests
 * without `Sec-Fetch-Site` (servers, curl) and same-origin pages are answered as before.
 * Runs after the middleware that loads the cooperative.
 *
 * @example
 * app.use('/v1/coops/:coop/*', loadCooperative(...), coopCors({ allowedOrigins: (c) => c.get('cooperative')?.allowedOrigins }));
 */
export const coopCors = (options: CoopCorsOptions): MiddlewareHandler =>
  async function coopCors(c, next) {
    c.header('Vary', 'Origin', { append: true });
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && isAllowedOrigin(origin, options.allowedOrigins(c) ?? []);
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      if (allowed) {
        c.header('Access-Control-Allow-Origin', origin);
        c.header('Access-Control-Allow-Methods', (options.allowMethods ?? DEFAULT_METHODS).join(', '));
        c.header('Access-Control-Allow-Headers', (options.allowHeaders ?? DEFAULT_HEADERS).join(', '));
        c.header('Access-Control-Max-Age', String(options.maxAge ?? 600));
      }
      return c.body(null, 204);
    }
    if (allowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', (options.exposeHeaders ?? DEFAULT_EXPOSE).join(', '));
    } else if (origin !== undefined && origin !== 'null' && /^(cross|same)-site$/.test(c.req.header('sec-fetch-site') ?? '')) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Cache-Control', 'no-store');
      return apiErrorResponse(
        c,
        new ApiError(
          403,
          ORIGIN_NOT_ALLOWED,
          `The origin ${origin} is not in this cooperative's allowed origins; an owner can add it in the admin app's settings.`,
          { field: 'origin' },
        ),
      );
    }
    await next();
  };

/**
 * Exact origin match (scheme, host and port), case-insensitive, ignoring a trailing slash in
 * the configured list. `null` (sandboxed frames, files) is never allowed.
 *
 * @example
 * isAllowedOrigin('https://Village.example.cn', ['https://village.example.cn/']) // true
 */
export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  if (origin === 'null' || origin === '') return false;
  const wanted = origin.toLowerCase();
  return allowed.some((entry) => entry.toLowerCase().replace(/\/+$/, '') === wanted);
}
