// Everything the browser tests stand up: the bundle, the storefront API with the demo seed on
// a fresh SQLite file, the widget assets, third-party page servers on other origins, and
// Chromium through playwright-core.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createFulfilmentOption, ingestMedia, LocalDiskStorage, openDatabase, type LocalizedText, type TerroirDatabase } from '@terroir/core';
import { DEMO_VILLAGE, seedDemoVillage } from '@terroir/core/seed';
import { createStorefront, type CheckoutRoutesOptions } from '@terroir/server';
import { Hono } from 'hono';
import { chromium, type Browser } from 'playwright-core';
import { widgetAssets } from '../src/serve-bundle';
// The checkout helper's Stripe provider and local Stripe server (the official client over HTTP).
import { StripeProvider, createStripeClient } from '@terroir/server/stripe';
import { startStripeTestServer } from '@terroir/stripe-test-server';

const PACKAGE = new URL('..', import.meta.url).pathname;
const WEBHOOK_SECRET = 'whsec_terroir_widgets';
const MEDIA = new URL('../../../examples/village-site/public/media/', import.meta.url).pathname;

/** Builds dist/ unless its manifest is newer than every source file. */
export function ensureBundle(): void {
  const bundle = join(PACKAGE, 'dist', 'manifest.json');
  const newestSource = Math.max(
    ...readdirSync(join(PACKAGE, 'src')).map((name) => statSync(join(PACKAGE, 'src', name)).mtimeMs),
    statSync(join(PACKAGE, 'vite.config.ts')).mtimeMs,
    statSync(join(PACKAGE, 'scripts', 'widget-manifest.ts')).mtimeMs,
  );
  if (existsSync(bundle) && statSync(bundle).mtimeMs > newestSource) return;
  const built = spawnSync(join(PACKAGE, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: PACKAGE,
    encoding: 'utf8',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** A plain static server standing for someone else's website. */
export async function startThirdPartySite(pages: (origin: string) => Record<string, string>) {
  let origin = '';
  const server = createServer((req, res) => {
    const html = pages(origin)[new URL(req.url ?? '/', origin).pathname];
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html ?? 'not found');
  });
  origin = await listen(server);
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * The storefront API at /api (with checkout, paying through the local Stripe test server),
 * widget assets at /widgets, demo media at /media, the media library's uploads at /uploads
 * (the museum API resolves its media there; `addImage` ingests a real PNG).
 */
export async function startShop(allowedOrigins: string[], options: { checkoutLimits?: CheckoutRoutesOptions['limits'] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'terroir-widgets-'));
  const database: TerroirDatabase = await openDatabase({ url: join(dir, 'shop.sqlite') });
  const seeded = await seedDemoVillage(database.db, { ...DEMO_VILLAGE, cooperative: { ...DEMO_VILLAGE.cooperative, allowedOrigins } });
  const pickup = await createFulfilmentOption(database.db, seeded.cooperativeId, {
    kind: 'pickup',
    name: { 'zh-CN': '合作社门市', en: 'Co-op shop' },
    address: { 'zh-CN': '莱阳市五龙河畔', en: 'By the Wulong river, Laiyang' },
    hours: { 'zh-CN': '每天 9:00–17:00', en: 'Daily 9:00–17:00' },
  });
  const stripeServer = await startStripeTestServer();
  const stripe = createStripeClient({ secretKey: 'sk_test_terroir', host: '127.0.0.1', port: stripeServer.port, protocol: 'http', maxNetworkRetries: 0 });
  const payments = new StripeProvider({ stripe, webhookSecret: WEBHOOK_SECRET });

  const app = new Hono();
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (request) => app.fetch(request), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const uploads = new LocalDiskStorage({ folder: join(dir, 'uploads'), publicPath: `${origin}/uploads` });
  app.route(
    '/api',
    createStorefront({
      db: database.db,
      museum: { storage: uploads },
      checkout: { database, payments, publicBaseUrl: `${origin}/api`, ...(options.checkoutLimits ? { limits: options.checkoutLimits } : {}) },
    }),
  );
  app.route('/widgets', widgetAssets());
  app.get('/media/:file', (c) => {
    const file = c.req.param('file');
    if (!/^[\w-]+\.(svg|wav)$/.test(file) || !existsSync(join(MEDIA, file))) return c.notFound();
    c.header('content-type', file.endsWith('.svg') ? 'image/svg+xml' : 'audio/wav');
    c.header('cross-origin-resource-policy', 'cross-origin');
    return c.body(readFileSync(join(MEDIA, file)));
  });
  app.get('/uploads/*', async (c) => {
    const key = c.req.path.slice('/uploads/'.length);
    const file = await uploads.get(key).catch(() => null);
    if (!file) return c.notFound();
    c.header('content-type', file.contentType);
    c.header('cross-origin-resource-policy', 'cross-origin');
    return c.body(file.bytes as Uint8Array<ArrayBuffer>);
  });
  return {
    origin,
    pickupPointId: pickup.id,
    cooperativeId: seeded.cooperativeId,
    /** Ingests a solid-colour PNG (made with sharp) into the cooperative's media library. */
    async addImage(width: number, height: number, alt: { 'zh-CN': string; en: string }) {
      // sharp is core's (optional) dependency, not the widgets package's.
      const sharp = createRequire(new URL('../../core/package.json', import.meta.url))('sharp') as (options: {
        create: { width: number; height: number; channels: 3; background: string };
      }) => { png(): { toBuffer(): Promise<Buffer> } };
      const bytes = await sharp({ create: { width, height, channels: 3, background: '#8a6' } })
        .png()
        .toBuffer();
      return (await ingestMedia(database.db, uploads, { cooperativeId: seeded.cooperativeId, bytes, alt })).item;
    },
    /** Ingests a recording (e.g. a demo WAV) with its caption and transcript into the media library. */
    async addAudio(bytes: Uint8Array, text: { caption?: LocalizedText; transcript?: LocalizedText } = {}) {
      return (await ingestMedia(database.db, uploads, { cooperativeId: seeded.cooperativeId, bytes, accept: ['audio'], ...text })).item;
    },
    stripeUrl: stripeServer.url,
    db: database.db,
    /** The shopper paid on Stripe: completes the order's session and delivers the signed `checkout.session.completed` webhook. */
    async pay(orderId: string): Promise<Response> {
      const order = await database.db.selectFrom('orders').select('payment_session_ref').where('id', '=', orderId).executeTakeFirstOrThrow();
      const event = await stripeServer.completeSession(order.payment_session_ref!);
      const payload = JSON.stringify(event);
      const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
      return fetch(`${origin}/api/v1/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: payload,
      });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stripeServer.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  // playwright-core gives every launch a fresh temporary profile (--user-data-dir) of its own.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** A host page: its own font and styles (which must not leak into the widgets), then the widgets. */
export function hostPage(shop: string, body: string, options: { lang?: string; scripts?: number } = {}): string {
  const scripts = Array.from(
    { length: options.scripts ?? 1 },
    (_, i) => `<script type="module" src="${shop}/widgets/v1/terroir.js${i ? `?copy=${i}` : ''}"></script>`,
  ).join('\n');
  // Resolves once every copy has been evaluated (a module imported again is not re-run).
  const loaded = `<script type="module">${Array.from({ length: options.scripts ?? 1 }, (_, i) => `import '${shop}/widgets/v1/terroir.js${i ? `?copy=${i}` : ''}';`).join('')} window.terroirLoaded = true;</script>`;
  return `<!doctype html>
<html lang="${options.lang ?? 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>梨乡 · Pear Village</title>
<style>
  body { font-family: Georgia, 'Noto Serif CJK SC', serif; margin: 0 auto; max-width: 72rem; padding: 1rem; background: #faf7f2; color: #1c1917; }
  /* Hostile host CSS: must not reach inside the widgets. */
  button { background: hotpink !important; } h3 { text-transform: uppercase; } img { border: 5px solid red; }
  section { margin-block: 2rem; }
</style>
${scripts}
${loaded}
</head>
<body>
<main>
<h1>梨乡合作社 · Pear Village Cooperative</h1>
${body}
</main>
</body>
</html>`;
}
