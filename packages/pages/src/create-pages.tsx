import { Hono, type Context } from 'hono';
import { pageContentSecurityPolicy, pageSecurityHeaders } from './http/page-security-headers';
import { compress } from 'hono/compress';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { render } from 'preact-render-to-string';
import type { VNode } from 'preact';
import {
  createCatalogReader,
  getMuseumOverview,
  resolveMuseumMedia,
  getPublicChronicleEntry,
  getPublicHall,
  getPublicPerson,
  getPublicPlace,
  HISTORICAL_PERIODS,
  InvalidCursorError,
  isLocale,
  listPublicTimeline,
  type ChronicleDetail,
  loadMedia,
  listPublicMemories,
  MemoryError,
  MEMORY_FILE_LIMITS,
  MEMORY_MEDIA_LIMITS,
  DEFAULT_MEDIA_LIMITS,
  submitMemory,
  type MemoryRateLimits,
  productInMuseum,
  storyInMuseum,
  type MediaStorage,
  listCooperativeSlugs,
  listFulfilmentOptions,
  LOCALES,
  negotiateLocale,
  type Cooperative,
  type Locale,
  type ProductDetail,
  type TerroirDatabase,
  searchDocuments,
  SEARCH_QUERY_MAX_LENGTH,
} from '@terroir/core';
import { randomBytes } from 'node:crypto';
import { ApiError, apiErrorResponse, cachedCooperativeLookup, readMultipartForm } from '@terroir/server';
import { cachedBody } from './http/html-response';
import { pageContext, type PageContext } from './page-context';
import { messagesFor } from './page-messages';
import { pageUrls } from './page-urls';
import { qrSvg } from './qr/qr-svg';
import { shareImageRoutes } from './share/share-routes';
import { robotsTxt, sitemapEntries, sitemapXml } from './seo/sitemap';
import { productJsonLd, serializeJsonLd, storyJsonLd } from './structured-data/json-ld';
import { AUDIO_GUIDE_SCRIPT, AUDIO_GUIDE_SCRIPT_FILE } from './views/audio-guide-script';
import { ENHANCE_SCRIPT, ENHANCE_SCRIPT_FILE } from './views/enhance-script';
import { HomePage } from './views/home-page';
import { LabelsPage, productLabels, type QrLabel } from './views/labels-page';
import { MessagePage } from './views/message-page';
import { OrderPage } from './views/order-page';
import { ProducerPage } from './views/producer-page';
import { ProductCardView, StoryCardView } from './views/page-parts';
import { ProductPage } from './views/product-page';
import { StoryPage } from './views/story-page';
import { MemoriesPage, MemoryFormPage, type MemoryFormValues } from './views/memory-pages';
import { memoryErrorText } from './views/memory-messages';
import { exhibitAnchor, MuseumHallPage, MuseumPage, MuseumPersonPage, MuseumPlacePage, MuseumTimelinePage } from './views/museum-pages';
import { SearchPage } from './views/search-page';

export interface PagesOptions {
  /** The Terroir database (from `openDatabase`). */
  db: TerroirDatabase['db'];
  /**
   * The public URL the pages are mounted at (`https://pears.example.cn` or
   * `https://village.example.cn/shop`): canonical URLs, hreflang, sitemap, Open Graph and QR
   * codes are built from it, never from the request's Host header (which a client controls).
   */
  baseUrl: string;
  /** The cooperative the pages present (default: the only one in the database). */
  coop?: string;
  /** The widgets bundle (default `/widgets/v1/terroir.js`); `null` renders pages without widgets. */
  widgetsUrl?: string | null;
  /** The storefront API base the widgets call (default `/api`). */
  apiUrl?: string;
  /** A pickup point id: the cart widget then offers its built-in checkout. */
  pickupPointId?: string;
  /** Paths robots.txt disallows (default `/admin` and `/api/`). */
  robotsDisallow?: string[];
  /** Clock for "in season" (tests pin it). */
  now?: () => Date;
  /** Gzip text responses for clients that accept it (default true; a host that compresses already is left alone). */
  compress?: boolean;
  /** How long the cooperative row is reused, in ms (default 5000; 0 disables). */
  cooperativeCacheMs?: number;
  /**
   * Raster share images at `/share/{product|story}/{slug}.{og|poster}.jpg` (needs the optional
   * `sharp`; without it those URLs redirect to the record's own picture). On by default;
   * `readImage` returns the bytes behind a record's image URL (`/media/…`) for the photo.
   * `false` keeps og:image on the record's own picture and offers no poster.
   */
  shareImages?: false | { readImage?: (url: string) => Promise<Uint8Array | null> };
  /** The media library's storage: the museum's village map image is served from it (without it the pins are drawn on a plain background). */
  media?: MediaStorage;
  /**
   * Memories sent in by villagers (issue 11): the list of approved ones at
   * `/{lang}/museum/memories` and the form at `/{lang}/museum/memories/new`, which posts to the
   * pages themselves (no JavaScript, no cross-origin call). On when the pages have media
   * storage (`storage`, else `media`); `false` turns it off. Give the same `ipSalt` as the
   * storefront's `memories.ipSalt` so a sender's limit is shared by both ways in.
   */
  memories?:
    | false
    | {
        storage?: MediaStorage;
        /** Secret of the HMAC over the sender's IP (default: random per process). */
        ipSalt?: string;
        /** The sender's IP (default: the socket's address). */
        clientIp?: (c: Context) => string | undefined;
        limits?: MemoryRateLimits;
      };
}

/** Most labels one request may print (four A4 sheets). */
export const MAX_LABELS = 48;
// Slugs are lower-case words with dashes (ids are accepted too); anything else is a 404 without a query.
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$/;
const HTML = 'text/html; charset=UTF-8';
/** What one label sheet may be made of, one per request. */
const LABEL_SOURCES = ['products', 'places', 'people', 'hall'] as const;

/**
 * Server-rendered, bilingual pages of a cooperative as a Hono app: home, product, story and
 * producer pages at `/{zh-CN|en}/…`, HTML fragments with JSON-LD, `sitemap.xml`, `robots.txt`,
 * QR codes and printable QR label sheets. Reads the catalog directly (no HTTP hop).
 *
 * @example
 * import { Hono } from 'hono';
 * import { createPages } from '@terroir/pages';
 *
 * const app = new Hono();
 * app.route('/api', createStorefront({ db }));
 * app.route('/', createPages({ db, baseUrl: 'https://pears.example.cn' }));
 * // GET /en/products/laiyang-pear, /zh-CN/stories/grafting-craft, /sitemap.xml, /qr/product/laiyang-pear.svg
 */
export function createPages(options: PagesOptions): Hono {
  const reader = createCatalogReader(options.db, options.now ? { now: options.now } : {});
  const urls = pageUrls(options.baseUrl);
  const widgetsUrl = options.widgetsUrl === undefined ? '/widgets/v1/terroir.js' : options.widgetsUrl;
  const apiUrl = options.apiUrl ?? '/api';
  const findCooperative = cachedCooperativeLookup((slug) => reader.getCooperative(slug), options.cooperativeCacheMs ?? 5_000);
  const memoryStorage = options.memories === false ? undefined : (options.memories?.storage ?? options.media);
  const memories = memoryStorage
    ? {
        storage: memoryStorage,
        ipSalt: (options.memories || {}).ipSalt ?? randomBytes(32).toString('hex'),
        clientIp: (options.memories || {}).clientIp ?? socketIp,
        limits: (options.memories || {}).limits,
      }
    : undefined;

  let onlySlug: Promise<string | undefined> | undefined;
  const cooperative = async (): Promise<Cooperative> => {
    let slug = options.coop;
    if (!slug) {
      onlySlug ??= listCooperativeSlugs(options.db, 2).then((slugs) => {
        if (slugs.length > 1) throw new Error('createPages: the database holds several cooperatives; pass `coop`.');
        return slugs[0];
      });
      slug = await onlySlug.catch((error: unknown) => {
        onlySlug = undefined;
        throw error;
      });
    }
    const coop = slug ? await findCooperative(slug) : undefined;
    if (!coop) throw new Error(`createPages: no cooperative "${slug ?? ''}" in the database.`);
    return coop;
  };
  const contextFor = async (locale: Locale): Promise<PageContext> => ({
    ...pageContext({ locale, coop: await cooperative(), urls, widgetsUrl, apiUrl, ...(options.pickupPointId ? { pickupPointId: options.pickupPointId } : {}) }),
    shareImages: options.shareImages !== false,
  });

  const page = (c: Context, vnode: VNode, status: ContentfulStatusCode = 200) => cachedBody(c, `<!doctype html>${render(vnode)}`, { type: HTML, status });
  const notFoundPage = async (c: Context, locale?: Locale) => {
    const ctx = await contextFor(locale ?? negotiateLocale(c.req.header('accept-language')) ?? (await cooperative()).defaultLocale);
    return page(c, <MessagePage ctx={ctx} kind="not-found" />, 404);
  };
  const slugParam = (c: Context): string | undefined => {
    const slug = c.req.param('slug');
    return slug !== undefined && SLUG.test(slug) ? slug : undefined;
  };

  const app = new Hono();
  // Pages are mostly repeated markup: gzip takes a product page from ~25 KB to ~6 KB.
  if (options.compress !== false) app.use('*', compress());
  app.use('*', pageSecurityHeaders(pageContentSecurityPolicy(widgetsUrl, apiUrl)));

  app.get('/robots.txt', async (c) =>
    cachedBody(c, robotsTxt(urls.origin + urls.under('/sitemap.xml'), options.robotsDisallow ?? ['/admin', '/api/']), {
      type: 'text/plain; charset=UTF-8',
      cacheControl: 'public, max-age=3600',
    }),
  );

  app.get('/sitemap.xml', async (c) => {
    const coop = await cooperative();
    return cachedBody(c, sitemapXml(urls, await sitemapEntries(options.db, coop), coop.defaultLocale), { type: 'application/xml; charset=UTF-8' });
  });

  app.get(`/assets/${ENHANCE_SCRIPT_FILE}`, (c) =>
    cachedBody(c, ENHANCE_SCRIPT, { type: 'text/javascript; charset=UTF-8', cacheControl: 'public, max-age=31536000, immutable' }),
  );
  app.get(`/assets/${AUDIO_GUIDE_SCRIPT_FILE}`, (c) =>
    cachedBody(c, AUDIO_GUIDE_SCRIPT, { type: 'text/javascript; charset=UTF-8', cacheControl: 'public, max-age=31536000, immutable' }),
  );

  app.get('/', async (c) => {
    const locale = negotiateLocale(c.req.header('accept-language')) ?? (await cooperative()).defaultLocale;
    c.header('Vary', 'Accept-Language');
    return c.redirect(urls.path(locale, 'home'), 302);
  });

  // One set of routes per locale: plain paths route faster and more predictably than a regex parameter.
  for (const locale of LOCALES) {
    app.get(`/${locale}/`, async (c) => {
      // Hono may route `/en` here too: send it to the one canonical address with the slash.
      if (!c.req.path.endsWith('/')) return c.redirect(urls.path(locale, 'home'), 301);
      const ctx = await contextFor(locale);
      const [products, stories] = await Promise.all([reader.listProducts(ctx.coop, { limit: 100 }), reader.listStories(ctx.coop, { limit: 100 })]);
      return page(c, <HomePage ctx={ctx} products={products.items} stories={stories.items} />);
    });

    app.get(`/${locale}/products/:slug`, async (c) => {
      const slug = slugParam(c);
      const ctx = await contextFor(locale);
      const product = slug ? await reader.getProduct(ctx.coop, slug) : undefined;
      if (!product) return notFoundPage(c, ctx.locale);
      const [museum, fulfilment] = await Promise.all([
        productInMuseum(options.db, ctx.coop.id, product.id, { locale, fallback: ctx.coop.defaultLocale }),
        listFulfilmentOptions(options.db, ctx.coop.id),
      ]);
      return page(c, <ProductPage ctx={ctx} product={product} museum={museum} fulfilment={fulfilment} />);
    });

    // The digital village museum (issue 11): public, published records only.
    const museumOptions = (ctx: PageContext) => ({ locale, fallback: ctx.coop.defaultLocale });
    app.get(`/${locale}/museum`, async (c) => {
      const ctx = await contextFor(locale);
      const overview = await getMuseumOverview(options.db, ctx.coop.id, museumOptions(ctx));
      const map = overview.map.mediaId && options.media ? await loadMedia(options.db, options.media, ctx.coop.id, overview.map.mediaId) : undefined;
      return page(c, <MuseumPage ctx={ctx} overview={overview} mapUrl={map?.url ?? null} memories={Boolean(memories)} />);
    });

    if (memories) {
      const formPath = urls.path(locale, 'museum-memory-new');
      app.get(`/${locale}/museum/memories`, async (c) => {
        const ctx = await contextFor(locale);
        const cursor = c.req.query('cursor');
        if (cursor !== undefined && !/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return page(c, <MessagePage ctx={ctx} kind="bad-request" />, 400);
        try {
          const list = await listPublicMemories(options.db, memories.storage, ctx.coop.id, { ...museumOptions(ctx), limit: 20, ...(cursor ? { cursor } : {}) });
          return page(c, <MemoriesPage ctx={ctx} memories={list.items} nextCursor={list.nextCursor} />);
        } catch (error) {
          if (error instanceof InvalidCursorError) return page(c, <MessagePage ctx={ctx} kind="bad-request" />, 400);
          throw error;
        }
      });

      app.get(`/${locale}/museum/memories/new`, async (c) => {
        const ctx = await contextFor(locale);
        return page(c, <MemoryFormPage ctx={ctx} state={c.req.query('sent') === '1' ? 'sent' : 'form'} />);
      });

      // The no-JavaScript form posts here: same origin (the pages' CSP allows no other form
      // target), read with the media uploads' streaming reader, then Post/Redirect/Get.
      app.post(`/${locale}/museum/memories/new`, async (c) => {
        const ctx = await contextFor(locale);
        let values: MemoryFormValues = {};
        try {
          if (c.req.header('sec-fetch-site') === 'cross-site') throw new ApiError(403, { code: 'forbidden', message: 'Send the form from this site.' });
          if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? '')) throw new ApiError(415, { code: 'unsupported_media_type' });
          const { files, fields } = await readMultipartForm(c.req.raw, {
            limits: { ...DEFAULT_MEDIA_LIMITS, ...MEMORY_FILE_LIMITS },
            files: { photos: { max: MEMORY_MEDIA_LIMITS.photos, kinds: ['image'] }, audio: { max: 1, kinds: ['audio'] } },
          });
          values = { text: fields.text, name: fields.name, contact: fields.contact, licence: fields.licence, lang: fields.lang };
          // A filled honeypot: a bot. It sees the thank-you; nothing is stored.
          if ((fields.website ?? '').trim() === '') {
            await submitMemory(options.db, memories.storage, {
              cooperativeId: ctx.coop.id,
              form: {
                text: fields.text ?? '',
                name: fields.name ?? null,
                contact: fields.contact ?? null,
                language: (fields.lang ?? locale) as Locale,
                licence: (fields.licence ?? '') as never,
                consent: (fields.consent === 'on') as true,
              },
              photos: files.photos ?? [],
              audio: files.audio?.[0] ?? null,
              sender: { ip: memories.clientIp(c) ?? null, ipSalt: memories.ipSalt },
              ...(memories.limits ? { limits: memories.limits } : {}),
            });
          }
          return c.redirect(`${formPath}?sent=1`, 303);
        } catch (error) {
          let status: ContentfulStatusCode;
          let code: string;
          let field: string | undefined;
          if (error instanceof MemoryError) {
            ({ status, code, field } = error);
            if (error.retryAfterSeconds) c.header('Retry-After', String(error.retryAfterSeconds));
          } else if (error instanceof ApiError) {
            ({ status, code, field } = error as ApiError & { status: ContentfulStatusCode });
          } else throw error;
          c.header('Cache-Control', 'no-store');
          return page(c, <MemoryFormPage ctx={ctx} state="form" values={values} error={memoryErrorText(locale, code, field)} />, status);
        }
      });
    }

    app.get(`/${locale}/museum/timeline`, async (c) => {
      const ctx = await contextFor(locale);
      const cursor = c.req.query('cursor');
      const period = c.req.query('period');
      if (cursor !== undefined && !/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return page(c, <MessagePage ctx={ctx} kind="bad-request" />, 400);
      const known = HISTORICAL_PERIODS.find((p) => p.id === period);
      if (period !== undefined && !known) return page(c, <MessagePage ctx={ctx} kind="bad-request" />, 400);
      let timeline: Awaited<ReturnType<typeof listPublicTimeline>>;
      try {
        timeline = await listPublicTimeline(options.db, ctx.coop.id, {
          ...museumOptions(ctx),
          limit: 30,
          ...(cursor ? { cursor } : {}),
          ...(known ? { period: known.id } : {}),
        });
      } catch (error) {
        if (error instanceof InvalidCursorError) return page(c, <MessagePage ctx={ctx} kind="bad-request" />, 400);
        throw error;
      }
      const entries: ChronicleDetail[] = [];
      for (const item of timeline.items) {
        // A dated story is shown with its summary and goods, and links to its own page.
        if (item.kind === 'story') entries.push({ ...item, id: item.slug, stories: [], places: [], people: [], halls: [] });
        else {
          const entry = await getPublicChronicleEntry(options.db, ctx.coop.id, item.slug, museumOptions(ctx));
          if (entry) entries.push(entry);
        }
      }
      // Every entry's pictures and recordings in one query.
      const media = await resolveMuseumMedia(
        options.db,
        options.media,
        ctx.coop.id,
        entries.flatMap((e) => e.media),
        museumOptions(ctx),
      );
      return page(
        c,
        <MuseumTimelinePage
          ctx={ctx}
          entries={entries.map((e) => ({ ...e, mediaItems: media.items(e.media) }))}
          nextCursor={timeline.nextCursor}
          period={known?.id}
        />,
      );
    });

    app.get(`/${locale}/museum/places/:slug`, async (c) => {
      const slug = slugParam(c);
      const ctx = await contextFor(locale);
      const place = slug ? await getPublicPlace(options.db, ctx.coop.id, slug, museumOptions(ctx)) : undefined;
      if (!place) return notFoundPage(c, ctx.locale);
      return page(c, <MuseumPlacePage ctx={ctx} place={place} />);
    });

    app.get(`/${locale}/museum/people/:slug`, async (c) => {
      const slug = slugParam(c);
      const ctx = await contextFor(locale);
      const person = slug ? await getPublicPerson(options.db, ctx.coop.id, slug, museumOptions(ctx)) : undefined;
      if (!person) return notFoundPage(c, ctx.locale);
      // The portrait and the voice recordings in one query.
      const media = await resolveMuseumMedia(options.db, options.media, ctx.coop.id, [person.portraitMediaId, ...person.recordingMediaIds], museumOptions(ctx));
      const portrait = media.image(person.portraitMediaId);
      return page(
        c,
        <MuseumPersonPage
          ctx={ctx}
          person={person}
          portrait={portrait ? { url: portrait.url, alt: portrait.alt || person.name, width: portrait.width, height: portrait.height } : undefined}
          recordings={media.items(person.recordingMediaIds, 'audio')}
        />,
      );
    });

    app.get(`/${locale}/museum/halls/:slug`, async (c) => {
      const slug = slugParam(c);
      const ctx = await contextFor(locale);
      const hall = slug ? await getPublicHall(options.db, ctx.coop.id, slug, museumOptions(ctx), options.media) : undefined;
      if (!hall) return notFoundPage(c, ctx.locale);
      return page(c, <MuseumHallPage ctx={ctx} hall={hall} />);
    });

    app.get(`/${locale}/stories/:slug`, async (c) => {
      const slug = slugParam(c);
      const ctx = await contextFor(locale);
      const story = slug ? await reader.getStory(ctx.coop, slug) : undefined;
      if (!story) return notFoundPage(c, ctx.locale);
      const museum = await storyInMuseum(options.db, ctx.coop.id, story.id, { locale, fallback: ctx.coop.defaultLocale });
      return page(c, <StoryPage ctx={ctx} story={story} museum={museum} />);
    });

    app.get(`/${locale}/producers/:slug`, async (c) => {
      const slug = slugParam(c);
      const ctx = await contextFor(locale);
      const producer = slug ? await reader.getProducer(ctx.coop, slug) : undefined;
      if (!producer) return notFoundPage(c, ctx.locale);
      return page(c, <ProducerPage ctx={ctx} producer={producer} />);
    });

    app.get(`/${locale}/search`, async (c) => {
      const ctx = await contextFor(locale);
      const q = c.req.query('q') ?? '';
      if (q.length > SEARCH_QUERY_MAX_LENGTH)
        return page(c, <SearchPage ctx={ctx} q={q.slice(0, SEARCH_QUERY_MAX_LENGTH)} problem={ctx.t.searchTooLong} />, 400);
      if (!q.trim()) return page(c, <SearchPage ctx={ctx} q="" />);
      const result = await searchDocuments(options.db, ctx.coop.id, {
        q,
        locale,
        fallback: ctx.coop.defaultLocale,
        limit: 50,
        ...(options.now ? { now: options.now() } : {}),
      });
      return page(c, <SearchPage ctx={ctx} q={q} result={result} />);
    });

    app.get(`/${locale}/order`, async (c) => {
      const ctx = await contextFor(locale);
      const productSlug = c.req.query('product');
      if (productSlug === undefined) return page(c, <OrderPage ctx={ctx} />);
      const product = SLUG.test(productSlug) ? await reader.getProduct(ctx.coop, productSlug) : undefined;
      if (!product) return notFoundPage(c, ctx.locale);
      const variant = product.variants.find((v) => v.id === c.req.query('variant'));
      const quantityText = c.req.query('quantity') ?? '1';
      const quantity = /^\d{1,2}$/.test(quantityText) ? Number(quantityText) : Number.NaN;
      const problem = !variant
        ? ctx.locale === 'zh-CN'
          ? '请选择一个规格。'
          : 'Please choose an option.'
        : !(quantity >= 1 && quantity <= 99)
          ? ctx.locale === 'zh-CN'
            ? '数量应在 1 到 99 之间。'
            : 'The quantity must be between 1 and 99.'
          : undefined;
      if (problem || !variant) return page(c, <MessagePage ctx={ctx} kind="bad-request" detail={problem} />, 400);
      return page(c, <OrderPage ctx={ctx} choice={{ product, variant, quantity }} />);
    });

    app.get(`/${locale}/fragments/product/:slug`, async (c) => {
      const slug = slugParam(c);
      const ctx = await contextFor(locale);
      const product = slug ? await reader.getProduct(ctx.coop, slug) : undefined;
      if (!product) return fragmentNotFound(c, 'product', c.req.param('slug') ?? '');
      c.header('Access-Control-Allow-Origin', '*');
      return cachedBody(c, fragment(<ProductCardView ctx={ctx} product={product} absolute heading="h2" />, serializeJsonLd(productJsonLd(ctx, product))), {
        type: HTML,
      });
    });

    app.get(`/${locale}/fragments/story/:slug`, async (c) => {
      const slug = slugParam(c);
      const ctx = await contextFor(locale);
      const story = slug ? await reader.getStory(ctx.coop, slug) : undefined;
      if (!story) return fragmentNotFound(c, 'story', c.req.param('slug') ?? '');
      c.header('Access-Control-Allow-Origin', '*');
      return cachedBody(c, fragment(<StoryCardView ctx={ctx} story={story} absolute heading="h2" />, serializeJsonLd(storyJsonLd(ctx, story))), { type: HTML });
    });
  }

  if (options.shareImages !== false) app.route('/', shareImageRoutes({ reader, cooperative, contextFor, readImage: options.shareImages?.readImage }));

  app.get('/qr/:kind{product|story|place|person|hall}/:file', async (c) => {
    const kind = c.req.param('kind') as 'product' | 'story' | 'place' | 'person' | 'hall';
    const file = c.req.param('file');
    const slug = file.endsWith('.svg') ? file.slice(0, -4) : '';
    const lang = c.req.query('lang');
    if (lang !== undefined && !isLocale(lang))
      return apiErrorResponse(c, new ApiError(400, { code: 'invalid_parameter', message: 'lang: use zh-CN or en.', field: 'lang' }));
    const coop = await cooperative();
    const locale = lang ?? coop.defaultLocale;
    const ctx = await contextFor(locale);
    // A QR on the old well opens its page in the museum (issue 11); products and stories as before.
    let target: { url: string; title: string } | undefined;
    if (SLUG.test(slug)) {
      const read = { locale, fallback: coop.defaultLocale };
      if (kind === 'place') {
        const place = await getPublicPlace(options.db, coop.id, slug, read);
        if (place) target = { url: urls.absolute(locale, 'museum-place', place.slug), title: place.name };
      } else if (kind === 'person') {
        const person = await getPublicPerson(options.db, coop.id, slug, read);
        if (person) target = { url: urls.absolute(locale, 'museum-person', person.slug), title: person.name };
      } else if (kind === 'hall') {
        const hall = await getPublicHall(options.db, coop.id, slug, read);
        if (hall) target = { url: urls.absolute(locale, 'museum-hall', hall.slug), title: hall.title };
      } else {
        const found = await (kind === 'product' ? reader.getProduct(coop, slug) : reader.getStory(coop, slug));
        if (found) target = { url: urls.absolute(locale, kind, found.slug), title: ctx.pick(found.title) };
      }
    }
    if (!target) return apiErrorResponse(c, new ApiError(404, { code: 'not_found', message: `No ${kind} "${slug.slice(0, 100)}".`, field: kind }));
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    const svg = qrSvg(target.url, `QR: ${target.title}`);
    // The code only changes with the slug, but a withdrawn product must stop resolving within the hour.
    return cachedBody(c, svg, { type: 'image/svg+xml; charset=UTF-8', cacheControl: 'public, max-age=3600, stale-while-revalidate=86400' });
  });

  // One sheet prints one kind: `products=`, `places=`, `people=` (slug lists) or `hall=` (one slug: a label per exhibit).
  app.get('/qr/labels', async (c) => {
    const lang = c.req.query('lang');
    if (lang !== undefined && !isLocale(lang))
      return apiErrorResponse(c, new ApiError(400, { code: 'invalid_parameter', message: 'lang: use zh-CN or en.', field: 'lang' }));
    const given = LABEL_SOURCES.filter((field) => c.req.query(field) !== undefined);
    if (given.length !== 1) {
      return apiErrorResponse(
        c,
        new ApiError(400, {
          code: 'invalid_parameter',
          message:
            given.length === 0
              ? "products: give a comma-separated list of product slugs, e.g. ?products=laiyang-pear,straw-basket (or places=, people=, or hall= for a hall's exhibits)."
              : `${given[1]}: give one of ${LABEL_SOURCES.join(', ')} per sheet, not ${given.join(' and ')}.`,
          field: given[1] ?? 'products',
        }),
      );
    }
    const field = given[0]!;
    const list = (c.req.query(field) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const noun = field === 'hall' ? 'hall' : field === 'people' ? 'person' : field.slice(0, -1);
    if (list.length === 0 || (field === 'hall' && list.length > 1)) {
      const example = field === 'hall' ? 'one hall slug, e.g. ?hall=craft-hall' : `a comma-separated list of ${noun} slugs`;
      return apiErrorResponse(c, new ApiError(400, { code: 'invalid_parameter', message: `${field}: give ${example}.`, field }));
    }
    if (list.length > MAX_LABELS) {
      return apiErrorResponse(
        c,
        new ApiError(400, { code: 'invalid_parameter', message: `${field}: at most ${MAX_LABELS} labels per sheet request, got ${list.length}.`, field }),
      );
    }
    const malformed = list.filter((slug) => !SLUG.test(slug));
    if (malformed.length > 0) {
      return apiErrorResponse(
        c,
        new ApiError(400, {
          code: 'invalid_parameter',
          message: `${field}: not a ${noun} slug: ${malformed
            .slice(0, 5)
            .map((s) => JSON.stringify(s.slice(0, 60)))
            .join(', ')}.`,
          field,
        }),
      );
    }
    const coop = await cooperative();
    const ctx = await contextFor(lang ?? coop.defaultLocale);
    const unique = [...new Set(list)];
    const found = new Map<string, QrLabel[]>();
    for (const slug of unique) {
      const labels = await labelsOf(field, ctx, slug);
      if (labels) found.set(slug, labels);
    }
    const unknown = unique.filter((slug) => !found.has(slug));
    if (unknown.length > 0) {
      const what = field === 'products' ? 'active product' : `public ${noun}`;
      return apiErrorResponse(
        c,
        new ApiError(404, {
          code: 'not_found',
          message: `${field}: no ${what} ${unknown.map((s) => `"${s}"`).join(', ')}.`,
          field,
          issues: unknown.map((slug) => ({ field, code: 'not_found', message: `No ${what} "${slug}".`, slug })),
        }),
      );
    }
    const labels = list.flatMap((slug) => found.get(slug)!);
    if (labels.length === 0)
      return apiErrorResponse(c, new ApiError(404, { code: 'not_found', message: `hall: "${list[0]}" shows no public exhibits.`, field }));
    return page(c, <LabelsPage ctx={ctx} labels={labels} />);
  });

  /** The labels of one record of a sheet (a hall gives one per exhibit), or undefined when it is not public. */
  async function labelsOf(field: (typeof LABEL_SOURCES)[number], ctx: PageContext, slug: string): Promise<QrLabel[] | undefined> {
    if (field === 'products') {
      const product = await reader.getProduct(ctx.coop, slug);
      return product ? productLabels(ctx, [product]) : undefined;
    }
    // Museum reads pick one language; a label shows both, so read the record in each.
    const inLocale = (locale: Locale) => ({ locale, fallback: ctx.coop.defaultLocale });
    const zh = messagesFor('zh-CN');
    const en = messagesFor('en');
    if (field === 'places' || field === 'people') {
      const kind = field === 'places' ? 'museum-place' : 'museum-person';
      const read = (locale: Locale) =>
        field === 'places' ? getPublicPlace(options.db, ctx.coop.id, slug, inLocale(locale)) : getPublicPerson(options.db, ctx.coop.id, slug, inLocale(locale));
      const [inZh, inEn] = await Promise.all([read('zh-CN'), read('en')]);
      if (!inZh || !inEn) return undefined;
      return [
        {
          url: urls.absolute(ctx.locale, kind, inZh.slug),
          nameZh: inZh.name,
          nameEn: inEn.name,
          qrTitle: `QR: ${ctx.locale === 'en' ? inEn.name : inZh.name}`,
          scan: { 'zh-CN': zh.scanForMuseum, en: en.scanForMuseum },
        },
      ];
    }
    const [hallZh, hallEn] = await Promise.all([
      // Only one reading needs the recordings (for "scan to listen"); the other gives English titles.
      getPublicHall(options.db, ctx.coop.id, slug, inLocale('zh-CN'), options.media),
      getPublicHall(options.db, ctx.coop.id, slug, inLocale('en')),
    ]);
    if (!hallZh || !hallEn) return undefined;
    const hallUrl = urls.absolute(ctx.locale, 'museum-hall', hallZh.slug);
    return hallZh.exhibits.map((exhibit, i) => {
      const other = hallEn.exhibits[i];
      const english = other && exhibitAnchor(other) === exhibitAnchor(exhibit) ? other.title : '';
      return {
        url: `${hallUrl}#${exhibitAnchor(exhibit)}`,
        nameZh: exhibit.title,
        nameEn: english,
        qrTitle: `QR: ${ctx.locale === 'en' && english ? english : exhibit.title}`,
        scan: exhibit.audio ? { 'zh-CN': zh.scanToListen, en: en.scanToListen } : { 'zh-CN': zh.scanForMuseum, en: en.scanForMuseum },
      };
    });
  }

  for (const locale of LOCALES) {
    app.get(`/${locale}`, (c) => c.redirect(urls.path(locale, 'home'), 301));
    app.get(`/${locale}/*`, (c) => notFoundPage(c, locale));
  }

  app.notFound((c) => notFoundPage(c));
  app.onError((error, c) => {
    if (error instanceof ApiError) return apiErrorResponse(c, error);
    console.error('terroir pages: unhandled error', error);
    return c.html(
      '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>出错了 · Error</title><h1>出错了，请稍后再试。</h1><p lang="en">Something went wrong on our side; please try again shortly.</p></html>',
      500,
    );
  });
  return app;
}

function socketIp(c: Context): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
}

/** A fragment: the card's HTML followed by its JSON-LD, ready to paste into any page. */
function fragment(card: VNode, jsonLd: string): string {
  return `${render(card)}\n<script type="application/ld+json">${jsonLd}</script>\n`;
}

function fragmentNotFound(c: Context, kind: 'product' | 'story', slug: string): Response {
  c.header('Cache-Control', 'no-store');
  return apiErrorResponse(c, new ApiError(404, { code: 'not_found', message: `No ${kind} "${slug.slice(0, 100)}".`, field: kind }));
}
