import type { Context } from 'hono';
import { etagOf, ifNoneMatchHits } from '@terroir/core';

// The one ETag maker and If-None-Match comparison live in core (pages and media use them too).
export { etagOf, ifNoneMatchHits };

/** How long shared caches and browsers may keep a read. */
export interface CachePolicy {
  /** Seconds a response is fresh (default 60). */
  maxAge: number;
  /** Seconds a stale response may still be served while it is revalidated (default 300). */
  staleWhileRevalidate: number;
}

/** A serialised JSON body and its ETag, ready to send (again). */
export interface PreparedJson {
  body: string;
  etag: string;
}

export const DEFAULT_CACHE_POLICY: CachePolicy = { maxAge: 60, staleWhileRevalidate: 300 };

/**
 * The `Cache-Control` value for public reads.
 *
 * @example
 * cacheControlOf({ maxAge: 60, staleWhileRevalidate: 300 }) // 'public, max-age=60, stale-while-revalidate=300'
 */
export function cacheControlOf(policy: CachePolicy): string {
  return `public, max-age=${policy.maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`;
}

/**
 * Sends `data` as JSON with `ETag` and `Cache-Control`, or an empty 304 when the client's
 * `If-None-Match` already holds this body. The body is serialised once and hashed once:
 * cheaper than a middleware that reads the response back.
 *
 * @example
 * return cachedJson(c, { cooperative }, DEFAULT_CACHE_POLICY);
 */
export function cachedJson(c: Context, data: unknown, policy: CachePolicy): Response {
  return sendPreparedJson(c, prepareJson(data), policy);
}

/**
 * A value already serialised as JSON, taken by {@link prepareJson} as it is: a body assembled from
 * serialised parts (a page of cached product summaries) is not parsed and serialised again.
 *
 * @example
 * prepareJson(new JsonText('{"items":[]}')).body // '{"items":[]}'
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/**
 * Serialises `data` once (unless it is a {@link JsonText}) and hashes it for its ETag.
 *
 * @example
 * prepareJson({ a: 1 }) // { body: '{"a":1}', etag: 'W/"…"' }
 */
export function prepareJson(data: unknown): PreparedJson {
  const body = data instanceof JsonText ? data.text : JSON.stringify(data);
  return { body, etag: etagOf(body) };
}

/**
 * Sends a prepared JSON body with `ETag` and `Cache-Control`, or an empty 304 when
 * `If-None-Match` already holds it.
 *
 * @example
 * return sendPreparedJson(c, prepareJson({ a: 1 }), DEFAULT_CACHE_POLICY);
 */
export function sendPreparedJson(c: Context, prepared: PreparedJson, policy: CachePolicy): Response {
  c.header('ETag', prepared.etag);
  c.header('Cache-Control', cacheControlOf(policy));
  if (ifNoneMatchHits(c.req.header('if-none-match'), prepared.etag)) return c.body(null, 304);
  c.header('Content-Type', 'application/json; charset=UTF-8');
  return c.body(prepared.body, 200);
}
