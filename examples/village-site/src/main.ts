// `pnpm start`: opens (and on first start creates and seeds) the demo database, then serves
// the village site. DATABASE_URL picks PostgreSQL or another SQLite file; PORT and HOST the
// address (127.0.0.1:8787 by default; HOST=0.0.0.0 to reach it from other machines).
// Pay at pickup is on from the first start: no payment account is needed to place, collect
// and complete an order. STRIPE_SECRET_KEY + STRIPE_WEBHOOK_SECRET add online checkout (Stripe
// test mode keys work; STRIPE_API_HOST/PORT/PROTOCOL point it at a local Stripe-compatible
// server; see docs/payments.md). PUBLIC_URL is the public address (default
// http://localhost:<PORT>; PUBLIC_BASE_URL is a deprecated alias). LOG_LEVEL (default warn) sets
// the JSON request log (info: one line per request, with its X-Request-Id); METRICS_TOKEN (16+
// characters) serves Prometheus metrics at /metrics behind that bearer token.
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import {
  LocalDiskStorage,
  OfflinePaymentProvider,
  countHeldReservations,
  getCheckoutSettings,
  listFulfilmentOptions,
  openDatabase,
  setOfflinePayment,
} from '@terroir/core';
import { createTelemetry } from '@terroir/server';
import { StripeProvider, createStripeClient, stripeApiFromEnv } from '@terroir/server/stripe';
import { seedDemoVillage } from '@terroir/core/seed';
import { DEFAULT_UPLOADS_DIR, createVillageSite } from './app';
import { ensureDemoVillageMap } from './demo-map';
import { ensureDemoMuseumMedia } from './demo-museum-media';
import { DEMO_OWNER, ensureDemoOwner } from './demo-owner';
import { publicUrlFromEnv } from './public-url';

const defaultFile = fileURLToPath(new URL('../.data/village.sqlite', import.meta.url));
const url = process.env.DATABASE_URL || `file:${defaultFile}`;
const port = Number(process.env.PORT || 8787);
const hostname = process.env.HOST || '127.0.0.1';

const database = await openDatabase({ url });
const seeded = await seedDemoVillage(database.db);
console.log(seeded.created ? 'Seeded the demo village (laiyang-pear).' : 'Demo village already seeded.');
await ensureDemoOwner(database.db, seeded.cooperativeId);
// The demo village takes payment at pickup from its first start (the owner can turn it off in /admin).
if (seeded.created) await setOfflinePayment(database.db, seeded.cooperativeId, true);
// The museum's village map (the demo's drawn guide map), two people's voice recordings and a
// chronicle entry's picture: uploaded once to the media library, as an owner would.
const uploads = new LocalDiskStorage({ folder: DEFAULT_UPLOADS_DIR, publicPath: '/uploads' });
await ensureDemoVillageMap(database.db, uploads, seeded.cooperativeId);
await ensureDemoMuseumMedia(database.db, uploads, seeded.cooperativeId);

const { STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret } = process.env;
const publicAddress = publicUrlFromEnv(process.env, port);
if (publicAddress.warning) console.warn(`terroir: ${publicAddress.warning}`);
const publicBase = publicAddress.url;
const pickup = (await listFulfilmentOptions(database.db, seeded.cooperativeId)).find((o) => o.kind === 'pickup');
const online =
  secretKey && webhookSecret ? new StripeProvider({ stripe: createStripeClient({ secretKey, ...stripeApiFromEnv(process.env) }), webhookSecret }) : undefined;
const checkout = {
  database,
  ...(online ? { payments: online } : {}),
  offlinePayments: new OfflinePaymentProvider(),
  publicBaseUrl: `${publicBase}/api`,
  ...(pickup ? { pickupPointId: pickup.id } : {}),
};
const stripeApi = process.env.STRIPE_API_HOST
  ? ` via ${process.env.STRIPE_API_PROTOCOL || 'https'}://${process.env.STRIPE_API_HOST}:${process.env.STRIPE_API_PORT || ''}`
  : '';
console.log(
  online
    ? `Online checkout: Stripe (${secretKey!.startsWith('sk_live_') ? 'LIVE' : 'test'} mode${stripeApi}), webhook at ${publicBase}/api/v1/webhooks/stripe`
    : 'Online checkout is off (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to turn it on).',
);
console.log(
  (await getCheckoutSettings(database.db, seeded.cooperativeId)).offlinePayment
    ? 'Pay at pickup: on (orders get a pickup code; collect them in /admin → Orders).'
    : 'Pay at pickup: off (turn it on in /admin → Settings).',
);

const telemetry = createTelemetry({
  logger: { level: process.env.LOG_LEVEL || 'warn' },
  gauges: { reservationsHeld: async () => (await countHeldReservations(database.db)).reservations },
});
const metricsToken = process.env.METRICS_TOKEN;
if (metricsToken && metricsToken.length < 16) {
  console.error('terroir: METRICS_TOKEN must be at least 16 characters; /metrics stays off.');
}
const app = createVillageSite({
  db: database.db,
  checkout,
  publicUrl: publicBase,
  telemetry,
  ...(metricsToken && metricsToken.length >= 16 ? { metricsToken } : {}),
});
if (metricsToken && metricsToken.length >= 16) console.log('Metrics: /metrics (Authorization: Bearer $METRICS_TOKEN).');
const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
  const shown = hostname === '127.0.0.1' || hostname === '0.0.0.0' ? 'localhost' : hostname;
  console.log(`Terroir demo village: http://${shown}:${info.port}/  (API: http://${shown}:${info.port}/api/v1/coops/laiyang-pear)`);
  console.log(`Workspace: http://${shown}:${info.port}/admin/  demo login (demo only): ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => void database.close().then(() => process.exit(0)));
  // Keep-alive connections can hold close() open; do not hang on them.
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
