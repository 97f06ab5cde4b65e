import type { Context, MiddlewareHandler } from 'hono';
import type { Cooperative } from '@terroir/core';
import { ApiError, notFound } from './api-error';
import { isCleanText } from './text-schemas';

/** Hono variables set for every `/v1/coops/:coop/*` request. */
export interface CooperativeVariables {
  cooperative: Cooperative;
}

/**
 * Loads the cooperative named by `:coop` into `c.get('cooperative')`, or answers 404 (400 for
 * a slug no cooperative could have). Runs before CORS, which needs its allowed origins.
 *
 * @example
 * app.use('/v1/coops/:coop/*', loadCooperative((slug) => reader.getCooperative(slug)));
 */
export const loadCooperative = (find: (slug: string, c: Context) => Promise<Cooperative | undefined>): MiddlewareHandler<{ Variables: CooperativeVariables }> =>
  async function loadCooperative(c, next) {
    const slug = c.req.param('coop');
    if (slug === undefined) return next();
    if (slug.length > 120 || !isCleanText(slug)) {
      throw new ApiError(400, { code: 'invalid_parameter', message: 'coop: not a valid cooperative slug.', field: 'coop' });
    }
    const cooperative = await find(slug, c);
    if (!cooperative) throw notFound('coop', slug);
    c.set('cooperative', cooperative);
    await next();
  };

/**
 * Caches cooperative lookups (hits only), so each API call does not re-read the tenant row.
 * Given a catalog version (SQLite), an entry lives exactly as long as that version; without
 * one (PostgreSQL), for `ttlMs`, so edits show within `ttlMs`.
 *
 * @example
 * const find = cachedCooperativeLookup((slug) => reader.getCooperative(slug), 5_000);
 * await find('laiyang-pear', await reader.catalogVersion());
 */
export function cachedCooperativeLookup(
  find: (slug: string) => Promise<Cooperative | undefined>,
  ttlMs: number,
  clock: () => number = Date.now,
): (slug: string, version?: string | null) => Promise<Cooperative | undefined> {
  const cache = new Map<string, { cooperative: Cooperative; expires: number; version: string | null }>();
  return async (slug, version = null) => {
    const hit = cache.get(slug);
    if (hit && (version !== null ? hit.version === version : ttlMs > 0 && hit.expires > clock())) return hit.cooperative;
    const cooperative = await find(slug);
    if (cooperative) {
      if (cache.size >= 1000) cache.clear();
      cache.set(slug, { cooperative, expires: clock() + ttlMs, version });
    } else {
      cache.delete(slug);
    }
    return cooperative;
  };
}
