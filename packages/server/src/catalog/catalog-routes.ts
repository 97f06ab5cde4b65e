import { requestTelemetry } from '../observability/telemetry';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  InvalidCursorError,
  InvalidSearchCursorError,
  isLocale,
  listPublicTimeline,
  recordSearchMiss,
  searchDocuments,
  suggestTitles,
  type CatalogReader,
  type SearchDocumentType,
  type TerroirDatabase,
} from '@terroir/core';
import { searchRoute, suggestRoute } from '../search/search-routes';
import { SearchRouteQuery, SuggestRouteQuery } from '../search/search-schemas';
import { TimelineItemSchema, TimelineQuery } from '../museum/museum-schemas';
import { MuseumListQuery } from '../museum/museum-schemas';
import { museumMediaResolver, registerMuseumRoutes } from '../museum/museum-routes';
import type { MediaStorage } from '@terroir/core';
import { ApiError, notFound } from '../http/api-error';
import { JsonText, sendPreparedJson, type CachePolicy } from '../http/etag';
import { productListQueryValidator } from './product-list-query';
import type { ResponseCache } from '../http/response-cache';
import { chooseLocale, requestLocale } from '../http/locale';
import type { StorefrontEnv } from '../storefront-env';
import {
  CoopParams,
  CooperativeSchema,
  ErrorSchema,
  LangOnlyQuery,
  ProducerDetailSchema,
  ProducerParams,
  ProductDetailSchema,
  ProductListQuery,
  ProductParams,
  ProductSummarySchema,
  StoryDetailSchema,
  StoryListQuery,
  StoryParams,
  StorySummarySchema,
} from './catalog-schemas';
import {
  serializeCooperative,
  serializeProducerDetail,
  productSummaryJson,
  serializeProductDetail,
  serializeStoryDetail,
  serializeStorySummary,
} from './catalog-serializers';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const readHeaders = {
  ETag: { schema: { type: 'string' as const }, description: 'Weak validator of the body; send it back in If-None-Match.' },
  'Cache-Control': { schema: { type: 'string' as const }, description: 'public, max-age=60, stale-while-revalidate=300' },
  'Content-Language': { schema: { type: 'string' as const }, description: 'The locale served.' },
};
const ok = <T extends z.ZodType>(schema: T, description: string) => ({ ...json(schema, description), headers: readHeaders });
const otherResponses = {
  304: { description: 'Not modified: the If-None-Match ETag still matches.' },
  400: json(ErrorSchema, 'A malformed parameter; `error.field` names it.'),
  404: json(ErrorSchema, 'Unknown cooperative, or a resource that does not exist or is not public.'),
};

const Page = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: 'Cursor of the next page; null on the last page.' }),
      locale: z.enum(['zh-CN', 'en']),
    })
    .openapi(name);

export const getCooperativeRoute = createRoute({
  method: 'get',
  path: '/v1/coops/{coop}',
  operationId: 'getCooperative',
  // Public: no credentials (explicit, so linters and clients need not guess).
  security: [],
  tags: ['Catalog'],
  summary: 'Cooperative profile',
  request: { params: CoopParams, query: LangOnlyQuery },
  responses: { 200: ok(z.object({ cooperative: CooperativeSchema }), 'The cooperative.'), ...otherResponses },
});

export const listProductsRoute = createRoute({
  method: 'get',
  path: '/v1/coops/{coop}/products',
  operationId: 'listProducts',
  // Public: no credentials (explicit, so linters and clients need not guess).
  security: [],
  tags: ['Catalog'],
  summary: 'List active products',
  description: 'Filter, search and sort the active products; keyset pagination through `cursor`.',
  request: { params: CoopParams, query: ProductListQuery },
  responses: { 200: ok(Page(ProductSummarySchema, 'ProductPage'), 'A page of products.'), ...otherResponses },
});

export const getProductRoute = createRoute({
  method: 'get',
  path: '/v1/coops/{coop}/products/{product}',
  operationId: 'getProduct',
  // Public: no credentials (explicit, so linters and clients need not guess).
  security: [],
  tags: ['Catalog'],
  summary: 'Product detail',
  description: 'An active product with its active variants, producer and public stories. Draft and archived products are 404.',
  request: { params: ProductParams, query: LangOnlyQuery },
  responses: { 200: ok(z.object({ product: ProductDetailSchema }), 'The product.'), ...otherResponses },
});

export const listStoriesRoute = createRoute({
  method: 'get',
  path: '/v1/coops/{coop}/stories',
  operationId: 'listStories',
  // Public: no credentials (explicit, so linters and clients need not guess).
  security: [],
  tags: ['Stories'],
  summary: 'List public stories',
  request: { params: CoopParams, query: StoryListQuery },
  responses: { 200: ok(Page(StorySummarySchema, 'StoryPage'), 'A page of stories.'), ...otherResponses },
});

export const getStoryRoute = createRoute({
  method: 'get',
  path: '/v1/coops/{coop}/stories/{story}',
  operationId: 'getStory',
  // Public: no credentials (explicit, so linters and clients need not guess).
  security: [],
  tags: ['Stories'],
  summary: 'Story detail',
  description: 'A public, published story with sanitized HTML, media, and linked products, producers and stories. Community-only and draft stories are 404.',
  request: { params: StoryParams, query: LangOnlyQuery },
  responses: { 200: ok(z.object({ story: StoryDetailSchema }), 'The story.'), ...otherResponses },
});

export const getProducerRoute = createRoute({
  method: 'get',
  path: '/v1/coops/{coop}/producers/{producer}',
  operationId: 'getProducer',
  // Public: no credentials (explicit, so linters and clients need not guess).
  security: [],
  tags: ['Catalog'],
  summary: 'Producer detail',
  request: { params: ProducerParams, query: LangOnlyQuery },
  responses: { 200: ok(z.object({ producer: ProducerDetailSchema }), 'The producer with their products and stories.'), ...otherResponses },
});

export const listTimelineRoute = createRoute({
  method: 'get',
  path: '/v1/coops/{coop}/timeline',
  operationId: 'listTimeline',
  tags: ['Museum'],
  security: [],
  summary: 'The village chronicle as a timeline',
  description:
    'Published, public chronicle entries (村史) and stories that carry a date (`kind` to keep one of them), oldest first by their date (a dynasty, a decade, a year or a day: see docs/museum.md), localized with fallback, each with the goods it explains and its media resolved (with museum media storage): one request per page. Drafts and community-only entries are never listed.',
  request: { params: CoopParams, query: TimelineQuery },
  responses: { 200: ok(Page(TimelineItemSchema, 'TimelinePage'), 'One page of the timeline.'), ...otherResponses },
});

export interface CatalogRouteDeps {
  /** The database the museum's timeline is read from. */
  db: TerroirDatabase['db'];
  reader: CatalogReader;
  cache: CachePolicy;
  /** Rendered responses, reused while the catalog version holds (see createResponseCache). */
  responses: ResponseCache;
  /** Media storage: with it the museum reads carry resolved media (URLs). */
  mediaStorage?: MediaStorage;
}

/** Query parameters the read routes know; any other parameter is ignored by them and by the cache key. */
const READ_QUERY_PARAMETERS = [
  ...new Set([
    ...Object.keys(ProductListQuery.shape),
    ...Object.keys(StoryListQuery.shape),
    ...Object.keys(LangOnlyQuery.shape),
    ...Object.keys(TimelineQuery.shape),
    ...Object.keys(MuseumListQuery.shape),
    ...Object.keys(SearchRouteQuery.shape),
    ...Object.keys(SuggestRouteQuery.shape),
  ]),
].sort();

/**
 * The response cache's key for a read URL: its path and only the parameters the routes know, in
 * a fixed order. Unknown parameters (`?zz=1`, cache busters, tracking tags) do not change the
 * answer, so they do not make a new entry either: a client adding junk cannot turn every request
 * into a miss or fill the cache. The host is left out too (the bodies hold no absolute URL).
 *
 * @example
 * canonicalReadKey('http://x/v1/coops/c/products?zz=1&lang=en&category=fresh') // '/v1/coops/c/products?category=fresh&lang=en'
 */
export function canonicalReadKey(url: string): string {
  const parsed = new URL(url);
  const parts = READ_QUERY_PARAMETERS.flatMap((name) => parsed.searchParams.getAll(name).map((value) => `${name}=${encodeURIComponent(value)}`));
  return `${parsed.pathname}?${parts.join('&')}`;
}

function rethrowCursorError(error: unknown): never {
  if (error instanceof InvalidCursorError || error instanceof InvalidSearchCursorError) {
    throw new ApiError(400, { code: 'invalid_parameter', message: 'cursor: not a cursor of this list and sort order.', field: 'cursor' });
  }
  throw error;
}

/**
 * Registers the read endpoints (cooperative, products, stories, producers) on a storefront app
 * whose `/v1/coops/:coop/*` middleware has loaded the cooperative.
 *
 * @example
 * registerCatalogRoutes(app, { db, reader: createCatalogReader(db), cache: DEFAULT_CACHE_POLICY, responses: createResponseCache() });
 */
export function registerCatalogRoutes(app: OpenAPIHono<StorefrontEnv>, { db, reader, cache, responses, mediaStorage }: CatalogRouteDeps): void {
  // One rendered body per URL, cooperative, served locale and month ("in season" moves with it).
  // Made once per request: the cache lookup before validation and a miss's store share it.
  const keys = new WeakMap<Context, { locale: string; key: string }>();
  const keyOf = (c: Context<StorefrontEnv>, locale: string) => {
    const made = keys.get(c);
    if (made?.locale === locale) return made.key;
    const coop = c.get('cooperative');
    const key = `${coop.id}|${locale}|${reader.currentMonth(coop)}|${canonicalReadKey(c.req.url)}`;
    keys.set(c, { locale, key });
    return key;
  };
  const respond = async (c: Context<StorefrontEnv>, locale: string, build: () => Promise<unknown>) => {
    requestTelemetry(c)?.cacheResult(false);
    return sendPreparedJson(c, await responses.through(keyOf(c, locale), c.get('catalogVersion'), build), cache);
  };

  // A cached body is answered before validation: only a valid URL can have produced an entry
  // (4xx answers are never stored), so the parse would only repeat what once succeeded.
  app.use('/v1/coops/:coop/*', async function cachedRead(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const lang = c.req.query('lang');
    const coop = c.get('cooperative');
    const locale = chooseLocale(c, isLocale(lang) ? lang : undefined, coop.defaultLocale);
    const hit = responses.lookup(keyOf(c, locale), c.get('catalogVersion'));
    if (!hit) return next();
    requestTelemetry(c)?.cacheResult(true);
    requestLocale(c, locale, coop.defaultLocale);
    return sendPreparedJson(c, hit, cache);
  });

  // Handlers answer through `respond` (response cache, ETag/304); the body types are checked
  // by the serializers' return types, so the Response is handed back as the route's typed one.
  app.openapi(getCooperativeRoute, (c) => {
    const coop = c.get('cooperative');
    const locale = requestLocale(c, c.req.valid('query').lang, coop.defaultLocale);
    return respond(c, locale, async () => ({ cooperative: serializeCooperative(coop, locale) })) as never;
  });

  // Documented as declared; validated by productListQueryValidator (plain JavaScript for a plainly
  // valid query, zod for anything else: the same values and the same 400s). No second check of
  // :coop either: loadCooperative has already refused every slug CoopParams would.
  app.openAPIRegistry.registerPath(listProductsRoute);
  app.get('/v1/coops/:coop/products', productListQueryValidator, async (c) => {
    const coop = c.get('cooperative');
    const query = c.req.valid('query');
    const locale = requestLocale(c, query.lang, coop.defaultLocale);
    return respond(c, locale, async () => {
      const page = await reader
        .listProducts(
          coop,
          {
            ...(query.category ? { category: query.category } : {}),
            ...(query.producer ? { producer: query.producer } : {}),
            ...(query.tag ? { tag: query.tag } : {}),
            ...(query.q ? { q: query.q } : {}),
            ...(query.cursor ? { cursor: query.cursor } : {}),
            inSeason: query.season === 'in-season',
            sort: query.sort,
            limit: query.limit,
          },
          // Cards are reused while the version the response cache checks holds (none without it).
          { catalogVersion: c.get('catalogVersion') },
        )
        .catch(rethrowCursorError);
      // Assembled from each card's serialised summary (kept with a cached card): the same bytes
      // as JSON.stringify({ items, nextCursor, locale }).
      const items = page.items.map((card) => productSummaryJson(card, locale, coop.defaultLocale)).join(',');
      return new JsonText(`{"items":[${items}],"nextCursor":${JSON.stringify(page.nextCursor)},"locale":${JSON.stringify(locale)}}`);
    }) as never;
  });

  app.openapi(getProductRoute, async (c) => {
    const coop = c.get('cooperative');
    const { product: slug } = c.req.valid('param');
    const locale = requestLocale(c, c.req.valid('query').lang, coop.defaultLocale);
    return respond(c, locale, async () => {
      const product = await reader.getProduct(coop, slug);
      if (!product) throw notFound('product', slug);
      return { product: serializeProductDetail(product, locale, coop.defaultLocale) };
    }) as never;
  });

  app.openapi(searchRoute, async (c) => {
    const coop = c.get('cooperative');
    const query = c.req.valid('query');
    const locale = requestLocale(c, query.lang, coop.defaultLocale);
    return respond(c, locale, async () => {
      const result = await searchDocuments(db, coop.id, {
        q: query.q,
        locale,
        fallback: coop.defaultLocale,
        limit: query.limit,
        ...(query.types ? { types: query.types.split(',') as SearchDocumentType[] } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      }).catch(rethrowCursorError);
      // Counted when the answer is built, so a cached empty answer is counted once per catalog version.
      if (result.total === 0 && !query.cursor && !query.types) await recordSearchMiss(db, coop.id, query.q);
      const items = result.items.map(({ score: _score, ...hit }) => hit);
      return { items, total: result.total, facets: result.facets, nextCursor: result.nextCursor, locale };
    }) as never;
  });

  app.openapi(suggestRoute, async (c) => {
    const coop = c.get('cooperative');
    const query = c.req.valid('query');
    const locale = requestLocale(c, query.lang, coop.defaultLocale);
    return respond(c, locale, async () => {
      const items = await suggestTitles(db, coop.id, { q: query.q, locale, fallback: coop.defaultLocale });
      return { items: items.map(({ type, slug, title }) => ({ type, slug, title })), locale };
    }) as never;
  });

  const resolveMuseumMedia = museumMediaResolver(db, mediaStorage);
  app.openapi(listTimelineRoute, async (c) => {
    const coop = c.get('cooperative');
    const query = c.req.valid('query');
    const locale = requestLocale(c, query.lang, coop.defaultLocale);
    return respond(c, locale, async () => {
      const page = await listPublicTimeline(db, coop.id, {
        locale,
        fallback: coop.defaultLocale,
        limit: query.limit,
        ...(query.period ? { period: query.period as never } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      }).catch(rethrowCursorError);
      // Every entry's media in one query.
      const media = await resolveMuseumMedia(
        coop.id,
        page.items.flatMap((e) => e.media),
        locale,
        coop.defaultLocale,
      );
      return { items: page.items.map((e) => ({ ...e, mediaItems: media.items(e.media) })), nextCursor: page.nextCursor, locale };
    }) as never;
  });

  registerMuseumRoutes(app, { db, respond, rethrowCursorError, ...(mediaStorage ? { storage: mediaStorage } : {}) });

  app.openapi(listStoriesRoute, async (c) => {
    const coop = c.get('cooperative');
    const query = c.req.valid('query');
    const locale = requestLocale(c, query.lang, coop.defaultLocale);
    return respond(c, locale, async () => {
      const page = await reader
        .listStories(coop, {
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.product ? { product: query.product } : {}),
          ...(query.q ? { q: query.q } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
          limit: query.limit,
        })
        .catch(rethrowCursorError);
      const items = page.items.map((story) => serializeStorySummary(story, locale, coop.defaultLocale));
      return { items, nextCursor: page.nextCursor, locale };
    }) as never;
  });

  app.openapi(getStoryRoute, async (c) => {
    const coop = c.get('cooperative');
    const { story: slug } = c.req.valid('param');
    const locale = requestLocale(c, c.req.valid('query').lang, coop.defaultLocale);
    return respond(c, locale, async () => {
      const story = await reader.getStory(coop, slug);
      if (!story) throw notFound('story', slug);
      return { story: serializeStoryDetail(story, locale, coop.defaultLocale) };
    }) as never;
  });

  app.openapi(getProducerRoute, async (c) => {
    const coop = c.get('cooperative');
    const { producer: slug } = c.req.valid('param');
    const locale = requestLocale(c, c.req.valid('query').lang, coop.defaultLocale);
    return respond(c, locale, async () => {
      const producer = await reader.getProducer(coop, slug);
      if (!producer) throw notFound('producer', slug);
      return { producer: serializeProducerDetail(producer, locale, coop.defaultLocale) };
    }) as never;
  });
}
