// What the workspace browser tests stand up: a fresh build of the app, a seeded SQLite file,
// the admin app, API and uploads on 127.0.0.1, the official Stripe client against the
// repository's local Stripe test server (for refunds), paid pickup orders, and Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import {
  applyPaymentEvent,
  attachPaymentSession,
  checkoutRequestHash,
  createUser,
  listFulfilmentOptions,
  LocalDiskStorage,
  openDatabase,
  placeOrder,
  setMembership,
  type TerroirDatabase,
} from '@terroir/core';
import { seedDemoVillage } from '@terroir/core/seed';
import { mediaFiles } from '@terroir/server/admin';
import { Hono } from 'hono';
import { chromium, type Browser } from 'playwright-core';
import { createStripeClient, StripeProvider } from '@terroir/server/stripe';
import { startStripeTestServer, type StripeTestServer } from '@terroir/stripe-test-server';
import { adminApp } from '../src/admin-app';

const PACKAGE = new URL('..', import.meta.url).pathname;
// The demo village's illustrations, so the seeded products have their pictures in screenshots.
const DEMO_MEDIA = new URL('../../../examples/village-site/public/media/', import.meta.url).pathname;
export const OWNER = { email: 'secretary@laiyang-pear.test', password: 'pear-blossom-2026' };
/** A second person in the cooperative, for the members screen. */
export const PACKER = { email: 'packer@laiyang-pear.test', password: 'pear-packing-2026', displayName: '李师傅' };
const WEBHOOK_SECRET = 'whsec_admin_app_browser';
const SCRYPT = { N: 1024, r: 8, p: 1 };

/**
 * Where the browser tests put screenshots: nowhere on a normal run; the `screenshots` script
 * sets TERROIR_SCREENSHOTS to docs/img so the pictures in the guides are taken on purpose.
 */
export const SCREENSHOT_DIR = process.env.TERROIR_SCREENSHOTS ? resolve(process.env.TERROIR_SCREENSHOTS) : null;

/** Builds the SPA into a temporary folder (the tests never depend on a stale dist/). */
function buildApp(outDir: string): void {
  const built = spawnSync(join(PACKAGE, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
    cwd: PACKAGE,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
}

/** A paid pickup order for one variant, placed and paid through the order module (its one completion path). */
async function paidPickupOrder(database: TerroirDatabase, cooperativeId: string, variantId: string, key: string) {
  const pickup = (await listFulfilmentOptions(database.db, cooperativeId)).find((o) => o.kind === 'pickup');
  if (!pickup) throw new Error('the demo seed has no pickup point');
  const body = { lines: [{ variantId, quantity: 1 }], fulfilment: { type: 'pickup' as const, pickupPointId: pickup.id } };
  const placed = await placeOrder(database, {
    cooperativeId,
    ...body,
    locale: 'zh-CN',
    email: 'buyer@example.cn',
    idempotencyKey: key,
    requestHash: checkoutRequestHash(body),
    paymentProvider: 'test',
    expiresAt: new Date(Date.now() + 1_800_000),
  });
  if (placed.kind !== 'placed') throw new Error(`order not placed: ${placed.kind}`);
  await attachPaymentSession(database, placed.order.id, {
    sessionRef: `cs_${key}`,
    redirectUrl: 'https://pay.example/x',
    expiresAt: new Date(Date.now() + 1_800_000),
  });
  await applyPaymentEvent(database, {
    id: `evt_${key}`,
    provider: 'test',
    type: 'checkout.session.completed',
    kind: 'payment_succeeded',
    orderId: placed.order.id,
    sessionRef: `cs_${key}`,
    paymentRef: `pi_${key}`,
    amountMinor: Number(placed.order.total_minor),
    currency: placed.order.currency,
    occurredAt: new Date(),
  });
  return placed.order.id;
}

/**
 * A card payment through Stripe, end to end: the order placed, a Checkout Session created by
 * the official client at the local Stripe test server, the shopper paying there, and the signed
 * `checkout.session.completed` webhook applied through the one completion path.
 */
async function stripePaidOrder(
  database: TerroirDatabase,
  stripe: { payments: StripeProvider; server: StripeTestServer; deliver: (event: unknown) => Promise<void> },
  cooperativeId: string,
  variantId: string,
  quantity: number,
  key: string,
) {
  const pickup = (await listFulfilmentOptions(database.db, cooperativeId)).find((o) => o.kind === 'pickup');
  if (!pickup) throw new Error('the demo seed has no pickup point');
  const body = { lines: [{ variantId, quantity }], fulfilment: { type: 'pickup' as const, pickupPointId: pickup.id } };
  // Stripe wants a session to live 30 minutes to 24 hours: 35 keeps clear of the lower edge.
  const expiresAt = new Date(Date.now() + 35 * 60_000);
  const placed = await placeOrder(database, {
    cooperativeId,
    ...body,
    locale: 'zh-CN',
    email: 'buyer@example.cn',
    idempotencyKey: key,
    requestHash: checkoutRequestHash(body),
    paymentProvider: 'stripe',
    expiresAt,
  });
  if (placed.kind !== 'placed') throw new Error(`order not placed: ${placed.kind}`);
  const order = placed.order;
  const total = Number(order.total_minor);
  const created = await stripe.payments.createPayment({
    orderId: order.id,
    orderToken: order.token,
    cooperativeId,
    idempotencyKey: `terroir-order-${order.id}`,
    currency: order.currency,
    lines: [{ name: 'Pears', unitAmountMinor: total / quantity, quantity }],
    totalMinor: total,
    locale: 'zh-CN',
    email: order.email,
    methods: ['card'],
    successUrl: 'http://127.0.0.1/ok',
    cancelUrl: 'http://127.0.0.1/cancel',
    expiresAt,
  });
  await attachPaymentSession(database, order.id, { sessionRef: created.providerRef, redirectUrl: created.redirectUrl, expiresAt: created.expiresAt });
  await stripe.deliver(await stripe.server.completeSession(created.providerRef));
  return order.id;
}

/** `chromiumArgs`: extra Chromium flags (e.g. a fake camera for the pickup code scanner). */
export async function startWorkspace(options: { chromiumArgs?: string[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'terroir-admin-browser-'));
  buildApp(join(dir, 'dist'));
  const database = await openDatabase({ url: join(dir, 'village.sqlite') });
  const seeded = await seedDemoVillage(database.db);
  const user = await createUser(database.db, { email: OWNER.email, password: OWNER.password, scryptParams: SCRYPT });
  await setMembership(database.db, user.id, seeded.cooperativeId, 'owner');
  const packer = await createUser(database.db, { email: PACKER.email, password: PACKER.password, displayName: PACKER.displayName, scryptParams: SCRYPT });
  await setMembership(database.db, packer.id, seeded.cooperativeId, 'fulfilment');
  const variantId = Object.values(seeded.variants)[0]!;
  const orderId = await paidPickupOrder(database, seeded.cooperativeId, variantId, 'browser-order');

  const stripeServer = await startStripeTestServer();
  const stripeClient = createStripeClient({ secretKey: 'sk_test_terroir', host: '127.0.0.1', port: stripeServer.port, protocol: 'http', maxNetworkRetries: 0 });
  const payments = new StripeProvider({ stripe: stripeClient, webhookSecret: WEBHOOK_SECRET });
  /** Signs an event as Stripe would and applies it as the webhook route does (verify, then the one completion path). */
  const deliver = async (event: unknown) => {
    const payload = JSON.stringify(event);
    const signature = stripeClient.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const normalized = await payments.verifyWebhook(payload, new Headers({ 'stripe-signature': signature }));
    if (normalized) await applyPaymentEvent(database, normalized);
  };
  const stripe = { payments, server: stripeServer, deliver };
  const cardOrderId = await stripePaidOrder(database, stripe, seeded.cooperativeId, variantId, 2, 'browser-card-order');

  const storage = new LocalDiskStorage({ folder: join(dir, 'uploads'), publicPath: '/uploads' });
  const app = new Hono();
  app.route(
    '/',
    adminApp({
      db: database.db,
      capabilities: database.capabilities,
      distDir: join(dir, 'dist'),
      cookie: { name: 'terroir_session', secure: false },
      media: { storage },
      payments,
      scryptParams: SCRYPT,
    }),
  );
  app.route('/', mediaFiles({ storage, path: '/uploads' }));
  app.get('/media/:file', (c) => {
    const file = c.req.param('file');
    if (!/^[\w-]+\.(svg|wav)$/.test(file) || !existsSync(join(DEMO_MEDIA, file))) return c.notFound();
    if (file.endsWith('.svg')) return c.body(readFileSync(join(DEMO_MEDIA, file), 'utf8'), 200, { 'content-type': 'image/svg+xml' });
    // Recordings answer byte ranges, as the media routes do, so the browser can seek in them.
    const bytes = readFileSync(join(DEMO_MEDIA, file));
    const range = /^bytes=(\d+)-(\d*)$/.exec(c.req.header('range') ?? '');
    const headers = { 'content-type': 'audio/wav', 'accept-ranges': 'bytes' };
    if (!range) return c.body(new Uint8Array(bytes), 200, headers);
    const start = Number(range[1]);
    const end = Math.min(range[2] ? Number(range[2]) : bytes.length - 1, bytes.length - 1);
    return c.body(new Uint8Array(bytes.subarray(start, end + 1)), 206, { ...headers, 'content-range': `bytes ${start}-${end}/${bytes.length}` });
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (request, env) => app.fetch(request, env), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const browser: Browser = await chromium.launch({
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
      ...(options.chromiumArgs ?? []),
    ],
  });

  return {
    origin,
    database,
    storage,
    coopId: seeded.cooperativeId,
    orderId,
    cardOrderId,
    stripeServer,
    /** Delivers the Stripe events logged since `from` (e.g. `charge.refunded` after a refund), as the webhook would. */
    async deliverStripeEvents(from: number) {
      for (const event of stripeServer.events.slice(from)) await deliver(event);
    },
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stripeServer.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
