import { Hono } from 'hono';
import { isLocale, MissingPackageError, storyTimeText, type CatalogReader, type Cooperative, type Locale } from '@terroir/core';
import { ApiError, apiErrorResponse } from '@terroir/server';
import { moneyText } from '../format/money-text';
import type { PageContext } from '../page-context';
import { renderShareCard, type ShareCard, type ShareFormat } from './share-image';

const FILE = /^([A-Za-z0-9][A-Za-z0-9_-]{0,119})\.(og|poster)\.jpg$/;
const MAX_CACHED = 64;

export interface ShareImageRoutesOptions {
  reader: CatalogReader;
  cooperative: () => Promise<Cooperative>;
  contextFor: (locale: Locale) => Promise<PageContext>;
  readImage?: ((url: string) => Promise<Uint8Array | null>) | undefined;
}

/**
 * The URL of a record's share image, as pages put it in og:image and the poster link.
 *
 * @example
 * shareImagePath(ctx, 'product', 'laiyang-pear', 'og') // '/share/product/laiyang-pear.og.jpg?lang=zh-CN'
 */
export function shareImagePath(ctx: PageContext, kind: 'product' | 'story', slug: string, format: ShareFormat): string {
  return ctx.urls.under(`/share/${kind}/${slug}.${format}.jpg?lang=${ctx.locale}`);
}

/**
 * `GET /share/{product|story}/{slug}.{og|poster}.jpg?lang=`: a JPEG made on the server from
 * an SVG (the record's photo, name, price or story facts, the village, and on the poster a QR
 * to the page), for link previews (1200 × 630) and for saving and sending (1080 × 1920).
 * Rendered once per content and kept (up to 64 in memory), answered with an ETag.
 *
 * @example
 * app.route('/', shareImageRoutes({ reader, cooperative, contextFor, readImage }));
 */
export function shareImageRoutes(options: ShareImageRoutesOptions): Hono {
  const { reader, cooperative, contextFor, readImage } = options;
  const rendered = new Map<string, Promise<{ bytes: Buffer; etag: string }>>();
  const app = new Hono();

  app.get('/share/:kind{product|story}/:file', async (c) => {
    const kind = c.req.param('kind') as 'product' | 'story';
    const match = FILE.exec(c.req.param('file'));
    const lang = c.req.query('lang');
    if (lang !== undefined && !isLocale(lang))
      return apiErrorResponse(c, new ApiError(400, { code: 'invalid_parameter', message: 'lang: use zh-CN or en.', field: 'lang' }));
    const coop = await cooperative();
    const found = match ? await (kind === 'product' ? reader.getProduct(coop, match[1]!) : reader.getStory(coop, match[1]!)) : undefined;
    if (!match || !found)
      return apiErrorResponse(c, new ApiError(404, { code: 'not_found', message: `No ${kind} "${c.req.param('file').slice(0, 100)}".`, field: kind }));
    const format = match[2] as ShareFormat;
    const ctx = await contextFor(lang ?? coop.defaultLocale);

    let line: string | undefined;
    let photoUrl: string | undefined;
    if ('variants' in found) {
      const from = found.priceFrom;
      line = from ? `${moneyText(from.priceMinor, from.currency, ctx.locale)} ${ctx.t.from}` : undefined;
      photoUrl = found.images[0]?.url;
    } else {
      line = [ctx.t.storyKinds[found.kind], storyTimeText(found, ctx.locale, coop.defaultLocale)?.text].filter(Boolean).join(' · ') || undefined;
      photoUrl = found.media.find((m) => m.kind === 'image')?.url;
    }
    const card: ShareCard = {
      title: ctx.pick(found.title),
      ...(line ? { line } : {}),
      village: ctx.pick(coop.name),
      url: ctx.urls.absolute(ctx.locale, kind, found.slug),
      scanLabel: ctx.t.scanToOpen,
      lang: ctx.locale,
    };
    const key = JSON.stringify([format, card, photoUrl ?? null]);
    let render = rendered.get(key);
    if (!render) {
      render = (async () => {
        const photo = photoUrl && readImage ? await readImage(photoUrl).catch(() => null) : null;
        return renderShareCard(format, photo ? { ...card, photo } : card);
      })();
      if (rendered.size >= MAX_CACHED) rendered.delete(rendered.keys().next().value as string);
      rendered.set(key, render);
      render.catch(() => rendered.delete(key));
    }
    let image: { bytes: Buffer; etag: string };
    try {
      image = await render;
    } catch (error) {
      // Without sharp the record's own picture is the next best preview.
      if (error instanceof MissingPackageError && photoUrl) return c.redirect(ctx.urls.resolve(photoUrl), 302);
      throw error;
    }
    const headers = {
      'Content-Type': 'image/jpeg',
      // The URL stays while the record changes: a day, then revalidate by ETag.
      'Cache-Control': 'public, max-age=86400, stale-while-revalidate=604800',
      ETag: image.etag,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    };
    if (c.req.header('if-none-match') === image.etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(image.bytes), 200, headers);
  });
  return app;
}
