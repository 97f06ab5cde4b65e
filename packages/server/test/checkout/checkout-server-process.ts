/*
 * One checkout server process for the multi-process tests: serves checkoutRoutes on
 * 127.0.0.1 (a free port) against a shared database, talking to the local Stripe test
 * server. Prints `LISTENING <port>` when ready; stops on SIGTERM.
 * Env: TERROIR_DB_URL, TERROIR_DB_SCHEMA (PostgreSQL), STRIPE_TEST_PORT; TERROIR_CHECKOUT_UNLIMITED=1
 * lifts the per-client and per-cooperative hold limits (the checkout benchmark is one client
 * placing thousands of unpaid checkouts).
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '@terroir/core';
import { checkoutRoutes } from '../../src/checkout/checkout-routes';
import { StripeProvider, createStripeClient } from '../../src/payments/stripe-provider';

const database = await openDatabase({
  url: process.env.TERROIR_DB_URL!,
  ...(process.env.TERROIR_DB_SCHEMA ? { schema: process.env.TERROIR_DB_SCHEMA } : {}),
  migrate: false,
  poolSize: 10,
});
const stripe = createStripeClient({
  secretKey: 'sk_test_terroir',
  host: '127.0.0.1',
  port: Number(process.env.STRIPE_TEST_PORT),
  protocol: 'http',
  maxNetworkRetries: 0,
});
const unlimited = { openCheckouts: Number.MAX_SAFE_INTEGER, heldUnits: Number.MAX_SAFE_INTEGER };
const app = checkoutRoutes({
  database,
  payments: new StripeProvider({ stripe, webhookSecret: 'whsec_process' }),
  publicBaseUrl: 'http://127.0.0.1/api',
  ...(process.env.TERROIR_CHECKOUT_UNLIMITED === '1' ? { limits: { client: unlimited, cooperative: unlimited } } : {}),
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(`LISTENING ${info.port}\n`);
});
process.on('SIGTERM', () => {
  // Let requests in flight finish before the pool goes (keep-alive sockets may hold close() open).
  const exit = () => void database.close().then(() => process.exit(0));
  server.close(exit);
  setTimeout(exit, 2000).unref();
});
