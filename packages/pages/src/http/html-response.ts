import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { etagOf, ifNoneMatchHits } from '@terroir/core';

/**
 * Pages revalidate on every view (`max-age=0, must-revalidate`): the ETag makes that a cheap
 * 304 when nothing changed, and a changed price or title shows at once.
 */
export const PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/**
 * Sends a rendered body with a weak ETag over its bytes and `Cache-Control`, or an empty 304
 * when the client already holds it. Error pages (4xx) are sent without an ETag.
 *
 * @example
 * return cachedBody(c, html, { type: 'text/html; charset=UTF-8' });
 */
export function cachedBody(c: Context, body: string, options: { type: string; status?: ContentfulStatusCode; cacheControl?: string }): Response {
  const status = options.status ?? 200;
  c.header('Content-Type', options.type);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  if (status !== 200) {
    c.header('Cache-Control', 'no-store');
    return c.body(body, status);
  }
  const etag = etagOf(body);
  c.header('ETag', etag);
  c.header('Cache-Control', options.cacheControl ?? PAGE_CACHE_CONTROL);
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  return c.body(body, 200);
}
