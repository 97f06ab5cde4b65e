import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import {
  createCatalogReader,
  type CatalogReader,
  type MediaStorage,
  type ProductCardCache,
  type ProductCardCacheOptions,
  type TerroirDatabase,
} from '@terroir/core';
import { registerCatalogRoutes } from './catalog/catalog-routes';
import { writeFence } from './http/write-fence';
import { cartQuoteRoutes, checkoutRoutes, type CheckoutRoutesOptions } from './checkout/checkout-routes';
import { fulfilmentRoutes } from './checkout/fulfilment-routes';
import { apiErrorHandler, apiNotFoundHandler } from './http/api-error';
import { noSniff } from './http/api-headers';
import { coopCors } from './http/coop-cors';
import { cachedCooperativeLookup, loadCooperative } from './http/cooperative-context';
import { cachedJson, DEFAULT_CACHE_POLICY, type CachePolicy } from './http/etag';
import { createResponseCache } from './http/response-cache';
import { validationHook } from './http/validation-hook';
import { registerMemoryRoutes, type MemoryRoutesOptions } from './museum/memory-routes';
import { openApiConfig } from './openapi/openapi-config';
import type { StorefrontEnv } from './storefront-env';

/** What an extension (checkout, …) gets to mount its routes beside the read API. */
export interface StorefrontContext {
  db: TerroirDatabase['db'];
  now: () => Date;
  reader: CatalogReader;
  cache: CachePolicy;
}

export interface StorefrontOptions {
  /** The Terroir database (from `openDatabase`). */
  db: TerroirDatabase['db'];
  /** Clock for "in season" and anything time-based (tests pin it). */
  now?: () => Date;
  /** `max-age` of reads in seconds (default 60). */
  cacheMaxAge?: number;
  /** `stale-while-revalidate` of reads in seconds (default 300). */
  staleWhileRevalidate?: number;
  /**
   * Reuse rendered read responses while the catalog is unchanged (default true). Exact: every
   * request reads the catalog version first (SQLite's change counters, PostgreSQL's snapshot),
   * and an entry is reused only under the version it was built with. See docs/api.md "Caching".
   */
  responseCache?: boolean;
  /**
   * Reuse product cards across different product lists while the catalog version holds, so a
   * response-cache miss reads only the page's ids (default true: 10 000 cards / 16 MiB). Give
   * bounds, or a cache from `createProductCardCache` to read its `size` and `bytes`. Needs the
   * response cache's catalog version: off when the response cache is.
   */
  productCardCache?: boolean | ProductCardCacheOptions | ProductCardCache;
  /**
   * How long a cooperative row is reused between requests on PostgreSQL, in ms (default 5000;
   * 0 disables). On SQLite it is reused exactly while the catalog version holds.
   */
  cooperativeCacheMs?: number;
  /**
   * PostgreSQL with several app processes: reuse a catalog version read for this many ms
   * instead of reading it for every request (default 0). Every write through this storefront
   * (checkout, webhooks, memories) and the admin API given the same value answers only after
   * the window has passed, so no process serves a write stale once its answer is out. Writes
   * made outside them (a script on the database) are seen within the window. See docs/operators.md.
   */
  versionWindowMs?: number;
  /**
   * More routes under the same `/v1/coops/:coop/*` middleware (cooperative loading, CORS,
   * error format, validation hook), documented in the same OpenAPI document. Apps built
   * apart (an OpenAPIHono of their own) can also be added later with `storefront.route('/', sub)`.
   */
  extensions?: ReadonlyArray<(app: OpenAPIHono<StorefrontEnv>, context: StorefrontContext) => void>;
  /**
   * Checkout, the payment webhook and receipts (checkout, `/v1/webhooks/<provider>`,
   * `/v1/orders/:token`, `/orders/:token`): mounted when given (online `payments`, pay-at-pickup
   * `offlinePayments`, or both). The cart quote and the fulfilment answer are mounted either way.
   * See docs/payments.md.
   */
  checkout?: Omit<CheckoutRoutesOptions, 'findCooperative' | 'cooperativeMiddleware' | 'now'>;
  /**
   * Memories sent in by villagers (`POST`/`GET /v1/coops/:coop/museum/memories`): mounted when
   * given, with the media storage their photos and audio go to (the admin's media storage).
   * See docs/museum.md.
   */
  memories?: MemoryRoutesOptions;
  /**
   * Media storage for the public museum reads: with it, places, people, media exhibits and the
   * overview's map carry resolved media (`url`, `width`, `height`, `alt`) beside the ids; without
   * it those fields are null or empty. See docs/museum.md.
   */
  museum?: { storage: MediaStorage };
}

/**
 * The public storefront API as a Hono app (routes under `/v1`, OpenAPI at `/openapi.json`),
 * mountable in any Hono app.
 *
 * @example
 * import { Hono } from 'hono';
 * import { openDatabase } from '@terroir/core';
 * import { createStorefront } from '@terroir/server';
 *
 * const { db } = await openDatabase({ url: 'file:./village.sqlite' });
 * const app = new Hono();
 * app.route('/api', createStorefront({ db }));
 * // GET /api/v1/coops/laiyang-pear/products?lang=en&category=fresh
 */
export function createStorefront(options: StorefrontOptions): OpenAPIHono<StorefrontEnv> {
  const now = options.now ?? (() => new Date());
  const reader = createCatalogReader(options.db, {
    now,
    versionWindowMs: options.versionWindowMs ?? 0,
    productCards: options.productCardCache === false ? false : options.productCardCache === true ? {} : (options.productCardCache ?? {}),
  });
  const cache: CachePolicy = {
    maxAge: options.cacheMaxAge ?? DEFAULT_CACHE_POLICY.maxAge,
    staleWhileRevalidate: options.staleWhileRevalidate ?? DEFAULT_CACHE_POLICY.staleWhileRevalidate,
  };
  const findCooperative = cachedCooperativeLookup((slug) => reader.getCooperative(slug), options.cooperativeCacheMs ?? 5_000);

  const app = new OpenAPIHono<StorefrontEnv>({ defaultHook: validationHook });
  app.onError(apiErrorHandler);
  app.notFound(apiNotFoundHandler);
  app.use('*', noSniff());
  if (options.versionWindowMs) app.use('*', writeFence(options.versionWindowMs));
  // Mounted in another app, the parent's notFound answers unknown paths: keep them JSON under
  // /v1. A middleware rather than a catch-all route, so routes added later (checkout) still match.
  app.use('/v1/*', async function jsonNotFound(c, next) {
    await next();
    if (c.res.status === 404 && !(c.res.headers.get('content-type') ?? '').includes('json')) c.res = apiNotFoundHandler(c) as Response;
  });

  const perCooperative = [
    // Read once, before any other query of the request: every cache below is checked against it.
    async function readCatalogVersion(c: Context<StorefrontEnv>, next: Next) {
      c.set('catalogVersion', options.responseCache === false ? null : await reader.catalogVersion());
      await next();
    },
    loadCooperative((slug, c) => findCooperative(slug, c.get('catalogVersion') as string | null)),
    coopCors({ allowedOrigins: (c) => (c.get('cooperative') as StorefrontEnv['Variables']['cooperative'] | undefined)?.allowedOrigins }),
  ] as const;
  // In Hono `/v1/coops/:coop/*` also matches `/v1/coops/:coop` itself: one registration covers both.
  app.use('/v1/coops/:coop/*', ...perCooperative);

  const responses = createResponseCache();
  registerCatalogRoutes(app, { db: options.db, reader, cache, responses, ...(options.museum ? { mediaStorage: options.museum.storage } : {}) });
  if (options.memories) registerMemoryRoutes(app, options.db, options.memories);
  for (const extend of options.extensions ?? []) extend(app, { db: options.db, now, reader, cache });
  // Checkout reuses the cooperative loading and CORS registered above for /v1/coops/:coop/*.
  if (options.checkout) app.route('/', checkoutRoutes({ ...options.checkout, findCooperative, cooperativeMiddleware: false, now }));
  else {
    // No way to pay on this server: carts still get server prices, and the fulfilment answer
    // says checkout is off (with the cooperative's phone/WeChat to order by instead).
    app.route('/', cartQuoteRoutes({ db: options.db, findCooperative, cooperativeMiddleware: false, now }));
    app.route('/', fulfilmentRoutes({ db: options.db, checkoutEnabled: false, findCooperative, cache }));
  }

  app.get('/openapi.json', (c) => cachedJson(c, app.getOpenAPI31Document(openApiConfig), cache));
  return app;
}
