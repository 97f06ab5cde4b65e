import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { negotiateLocale, normalizeLocale, type Locale, type TerroirDatabase } from '@terroir/core';
import { DEMO_COOP_SLUG } from '@terroir/core/seed';
import { createStorefront, healthRoutes, metricsRoute, type StorefrontOptions, type Telemetry } from '@terroir/server';
import { widgetAssets } from '@terroir/widgets/serve';
import { createPages } from '@terroir/pages';
import type { CooperativeJson, ProductSummaryJson, StoryDetailJson, StorySummaryJson } from './api-shapes';
import { renderHomePage } from './home-page';
import { LocalDiskStorage } from '@terroir/core';
import { mediaFiles } from '@terroir/server/admin';
import { adminApp } from '@terroir/admin-app';

export interface VillageSiteOptions {
  db: TerroirDatabase['db'];
  /** Cooperative the homepage presents (default: the demo's `laiyang-pear`). */
  coopSlug?: string;
  /** Folder served at /media (default: this example's public/media). */
  mediaDir?: string;
  /** Folder served at /widgets when it exists (default: packages/widgets/dist). */
  widgetsDir?: string;
  /** Public URL of the site, for canonical links, sitemap and QR codes (default: $PUBLIC_URL or http://localhost:8787). */
  publicUrl?: string;
  /**
   * Checkout: main.ts always passes pay at pickup (`offlinePayments`) and adds Stripe when
   * STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set. Without it the carts still show a
   * server-quoted subtotal and offer to order by phone/WeChat (docs/demo.md).
   */
  checkout?: StorefrontOptions['checkout'] & { pickupPointId?: string };
  /** Folder for uploads from the workspace at /admin, served at /uploads (default: .data/uploads). */
  uploadsDir?: string;
  /** Folder of the built admin app (default: packages/admin-app/dist); tests build into a temporary one. */
  adminDistDir?: string;
  /** Request ids, JSON request logs and metrics (`createTelemetry`); none when omitted. */
  telemetry?: Telemetry;
  /** Serves `/metrics` (Prometheus) behind this bearer token; off when omitted (docs/operators.md). */
  metricsToken?: string;
}

const DEFAULT_MEDIA_DIR = fileURLToPath(new URL('../public/media', import.meta.url));
/** Where the demo keeps the workspace's uploads (served at /uploads). */
export const DEFAULT_UPLOADS_DIR = fileURLToPath(new URL('../.data/uploads', import.meta.url));
const DEFAULT_WIDGETS_DIR = fileURLToPath(new URL('../../../packages/widgets/dist', import.meta.url));

/**
 * Sets cache headers on static assets. `Cross-Origin-Resource-Policy: cross-origin` lets other
 * sites (the embed example on :8788, a village's own site) load our images, audio and widgets.
 */
const assetHeaders = (cacheControl: string): MiddlewareHandler =>
  async function assetHeaders(c, next) {
    await next();
    if (c.res.status === 200 || c.res.status === 206) {
      // Hono's MIME table has no WAV; without this the demo audio is served as octet-stream.
      if (c.req.path.endsWith('.wav')) c.header('Content-Type', 'audio/wav');
      c.header('Cache-Control', cacheControl);
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      c.header('X-Content-Type-Options', 'nosniff');
    }
  };

/** The bytes behind a picture URL of this site (`/media/…` or `/uploads/…`), or null. */
async function readSiteImage(url: string, mediaDir: string, uploads: LocalDiskStorage): Promise<Uint8Array | null> {
  const path = new URL(url, 'http://site.invalid').pathname;
  if (path.startsWith('/uploads/')) return (await uploads.get(path.slice('/uploads/'.length)))?.bytes ?? null;
  const name = path.startsWith('/media/') ? decodeURIComponent(path.slice('/media/'.length)) : '';
  // Only plain file names of the demo's own folder.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/.test(name)) return null;
  return readFile(join(mediaDir, name)).catch(() => null);
}

/**
 * The demo village site: the storefront API under /api, media under /media, the widgets
 * bundle under /widgets, and a bilingual homepage at / rendered from the API's own answers.
 *
 * @example
 * const { db } = await openDatabase({ url: 'file:./village.sqlite' });
 * await seedDemoVillage(db);
 * const app = createVillageSite({ db });
 * serve({ fetch: app.fetch, port: 8787 });
 */
export function createVillageSite(options: VillageSiteOptions): Hono {
  const coopSlug = options.coopSlug ?? DEMO_COOP_SLUG;
  const mediaDir = options.mediaDir ?? DEFAULT_MEDIA_DIR;
  const widgetsDir = options.widgetsDir ?? DEFAULT_WIDGETS_DIR;
  // Without any payment the storefront still quotes carts and answers the fulfilment endpoint,
  // saying checkout is off (with the cooperative's phone/WeChat to order by).
  // Uploads from the workspace at /admin (served at /uploads); memories sent in store their photos there too.
  const uploads = new LocalDiskStorage({ folder: options.uploadsDir ?? DEFAULT_UPLOADS_DIR, publicPath: '/uploads' });
  // One secret for the API's and the pages' memory forms, so a sender's rate limit is shared.
  const memories = { storage: uploads, ipSalt: process.env.TERROIR_MEMORY_SALT || randomBytes(32).toString('hex') };
  const storefront = createStorefront({ db: options.db, memories, museum: { storage: uploads }, ...(options.checkout ? { checkout: options.checkout } : {}) });
  const app = new Hono();
  // First, so every request below gets an id, a log line and its metrics.
  if (options.telemetry) app.use('*', options.telemetry.middleware);

  // Liveness and readiness probes for a load balancer (docs/operators.md).
  app.route('/', healthRoutes({ db: options.db }));
  if (options.telemetry && options.metricsToken) app.route('/', metricsRoute(options.telemetry, { token: options.metricsToken }));
  app.route('/api', storefront);

  // The cooperative's workspace (admin app and API) at /admin; its uploads at /uploads.
  // Plain-http demo: an unprefixed, non-Secure session cookie (docs/operators.md for production).
  app.route(
    '/',
    adminApp({
      db: options.db,
      cookie: { name: 'terroir_demo_session', secure: false },
      media: { storage: uploads },
      ...(options.adminDistDir ? { distDir: options.adminDistDir } : {}),
    }),
  );
  app.route('/', mediaFiles({ storage: uploads, path: '/uploads' }));

  app.use('/media/*', assetHeaders('public, max-age=86400'));
  app.use('/media/*', serveStatic({ root: mediaDir, rewriteRequestPath: (path) => path.replace(/^\/media/, '') }));

  // Versioned, immutable bundle URL (/widgets/v1/terroir.js) for embeds; before the routes below.
  app.route('/widgets', widgetAssets({ dist: widgetsDir }));
  // The widgets bundle is not content-hashed, so browsers check back after five minutes.
  app.use('/widgets/*', assetHeaders('public, max-age=300'));
  app.use('/widgets/*', async function widgetsBundle(c, next) {
    // Checked per request: the widgets package may be built after the site started.
    if (!existsSync(widgetsDir)) return next();
    return serveStatic({ root: widgetsDir, rewriteRequestPath: (path) => path.replace(/^\/widgets/, '') })(c, next);
  });

  /** Reads one storefront endpoint in-process (no network hop) and returns its JSON, or null. */
  const readApi = async <T>(path: string, locale: Locale): Promise<T | null> => {
    const response = await storefront.request(`/v1/coops/${encodeURIComponent(coopSlug)}${path}${path.includes('?') ? '&' : '?'}lang=${locale}`);
    return response.ok ? ((await response.json()) as T) : null;
  };

  app.get('/', async (c) => {
    const locale: Locale = normalizeLocale(c.req.query('lang')) ?? negotiateLocale(c.req.header('Accept-Language')) ?? 'zh-CN';
    const [coop, products, stories] = await Promise.all([
      readApi<{ cooperative: CooperativeJson }>('', locale),
      readApi<{ items: ProductSummaryJson[] }>('/products?limit=100', locale),
      readApi<{ items: StorySummaryJson[] }>('/stories?limit=100', locale),
    ]);
    c.header('Vary', 'Accept-Language');
    c.header('Content-Language', locale);
    if (!coop || !products || !stories) {
      return c.html(
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Terroir</title><p>演示数据尚未就绪，请稍后再试。</p><p lang="en">The demo data is not ready yet; please try again shortly.</p></html>',
        503,
      );
    }
    const audioStories = (
      await Promise.all(
        stories.items.filter((s) => s.hasAudio).map((s) => readApi<{ story: StoryDetailJson }>(`/stories/${encodeURIComponent(s.slug)}`, locale)),
      )
    ).flatMap((detail) => (detail ? [detail.story] : []));
    return c.html(
      renderHomePage({
        locale,
        cooperative: coop.cooperative,
        products: products.items,
        stories: stories.items,
        audioStories,
        checkout: !!options.checkout,
        baseUrl: options.publicUrl ?? (process.env.PUBLIC_URL || 'http://localhost:8787'),
      }),
    );
  });

  // Server-rendered product, story and producer pages (/zh-CN/…, /en/…), sitemap.xml, robots.txt, /qr/….
  const pickupPointId = options.checkout?.pickupPointId;
  app.route(
    '/',
    createPages({
      db: options.db,
      coop: coopSlug,
      baseUrl: options.publicUrl ?? (process.env.PUBLIC_URL || 'http://localhost:8787'),
      ...(pickupPointId ? { pickupPointId } : {}),
      // Share images take the record's photo from the demo's media folder or the uploads.
      shareImages: { readImage: (url) => readSiteImage(url, mediaDir, uploads) },
      // The museum's village map image comes from the media library.
      media: uploads,
      memories,
    }),
  );

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No such page: ${c.req.path}` } }, 404));
  return app;
}
