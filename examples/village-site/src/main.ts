// `pnpm start`: opens (and on first start creates and seeds) the demo database, then serves
// the village site. DATABASE_URL picks PostgreSQL or another SQLite file; PORT and HOST the
// address (127.0.0.1:8787 by default; HOST=0.0.0.0 to reach it from other machines).
// STRIPE_SECRET_KEY + STRIPE_WEBHOOK_SECRET turn on online checkout (Stripe test mode keys work;
// see docs/payments.md), with return URLs on PUBLIC_BASE_URL (default http://localhost:8787).
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { listFulfilmentOptions, openDatabase } from '@terroir/core';
import { StripeProvider, createStripeClient } from '@terroir/server/stripe';
import { seedDemoVillage } from '@terroir/core/seed';
import { createVillageSite } from './app';
import { DEMO_OWNER, ensureDemoOwner } from './demo-owner';

const defaultFile = fileURLToPath(new URL('../.data/village.sqlite', import.meta.url));
const url = process.env.DATABASE_URL || `file:${defaultFile}`;
const port = Number(process.env.PORT || 8787);
const hostname = process.env.HOST || '127.0.0.1';

const database = await openDatabase({ url });
const seeded = await seedDemoVillage(database.db);
console.log(seeded.created ? 'Seeded the demo village (laiyang-pear).' : 'Demo village already seeded.');
await ensureDemoOwner(database.db, seeded.cooperativeId);

const { STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret } = process.env;
const publicBase = (process.env.PUBLIC_BASE_URL || 'http://localhost:8787').replace(/\/+$/, '');
const pickup = (await listFulfilmentOptions(database.db, seeded.cooperativeId)).find((o) => o.kind === 'pickup');
const checkout =
  secretKey && webhookSecret
    ? { database, payments: new StripeProvider({ stripe: createStripeClient({ secretKey }), webhookSecret }), publicBaseUrl: `${publicBase}/api`, ...(pickup ? { pickupPointId: pickup.id } : {}) }
    : undefined;
console.log(checkout ? `Online checkout: Stripe (${secretKey!.startsWith('sk_live_') ? 'LIVE' : 'test'} mode), webhook at ${publicBase}/api/v1/webhooks/stripe` : 'Online checkout is off (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to turn it on).');

const app = createVillageSite({ db: database.db, ...(checkout ? { checkout } : {}) });
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
