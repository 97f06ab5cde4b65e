/*
 * One app process for the scale-out test: the whole storefront (catalog reads with their
 * response cache, cart quotes, checkout with Stripe, the webhook) on 127.0.0.1 (a free port)
 * against a shared PostgreSQL schema, talking to the local Stripe test server. Prints
 * `LISTENING <port>` when ready. Env: TERROIR_DB_URL, TERROIR_DB_SCHEMA, STRIPE_TEST_PORT,
 * WEBHOOK_SECRET.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '@terroir/core';
import { createStorefront } from '../../src/storefront';
import { StripeProvider, createStripeClient } from '../../src/payments/stripe-provider';

const database = await openDatabase({
  url: process.env.TERROIR_DB_URL!,
  ...(process.env.TERROIR_DB_SCHEMA ? { schema: process.env.TERROIR_DB_SCHEMA } : {}),
  migrate: false,
  poolSize: 8,
});
const stripe = createStripeClient({
  secretKey: 'sk_test_terroir',
  host: '127.0.0.1',
  port: Number(process.env.STRIPE_TEST_PORT),
  protocol: 'http',
  maxNetworkRetries: 0,
});
const app = createStorefront({
  db: database.db,
  checkout: {
    database,
    payments: new StripeProvider({ stripe, webhookSecret: process.env.WEBHOOK_SECRET! }),
    publicBaseUrl: 'http://127.0.0.1/api',
    // 100 simulated shoppers share one loopback address, and a third of them never pay: the
    // hold limits (per client, and 300 open checkouts per cooperative) would answer 429, as
    // designed; a cooperative expecting a livestream rush raises them the same way.
    limits: { client: { openCheckouts: 100_000, heldUnits: 100_000 }, cooperative: { openCheckouts: 100_000, heldUnits: 100_000 } },
    // A checkout cut off by the kill is taken over by its retry after 3 s, not 60.
    inFlightMs: 3_000,
  },
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(`LISTENING ${info.port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void database.close().then(() => process.exit(0));
});
