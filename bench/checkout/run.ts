// Checkout benchmark: `cd bench && npx tsx checkout/run.ts`.
// 1. HTTP: POST /checkout (reserve stock + pending order, Stripe session on the local test
//    server, store the session) under autocannon, each request with a fresh Idempotency-Key,
//    against a server in its own process on a SQLite file. Baseline: POST /cart/quote on the
//    same server (same validation and pricing, no writes, no Stripe).
// 2. The reservation step alone, in process: placeOrder (one BEGIN IMMEDIATE transaction:
//    price, insert order, conditional stock update, reservation, lines, history) against
//    priceCart alone as the baseline. Also on PostgreSQL when DATABASE_URL is set.
// Prints checkouts/s, p99 and ratios; writes checkout/results/latest.json.
// Knobs: BENCH_DURATION seconds per HTTP target (10), BENCH_CONNECTIONS (10), BENCH_RESERVATIONS (2000).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import {
  attachPaymentSession,
  checkoutRequestHash,
  describeDurability,
  dropPostgresSchema,
  openDatabase,
  placeOrder,
  priceCart,
  type TerroirDatabase,
} from '@terroir/core';
import { createStripeClient, StripeProvider } from '@terroir/server/stripe';
import { createCheckoutTestShop } from '@terroir/core/testing';
// @ts-expect-error plain ESM script without types
import { startThrowawayPostgres } from '../../scripts/throwaway-postgres.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const reservations = Number(process.env.BENCH_RESERVATIONS ?? 2000);
const here = fileURLToPath(new URL('.', import.meta.url));
const serverScript = fileURLToPath(new URL('../../packages/server/test/checkout/checkout-server-process.ts', import.meta.url));
const loadBefore = loadavg()[0]!;
const dir = mkdtempSync(join(tmpdir(), 'terroir-bench-checkout-'));
const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

function startChild(script: string, env: Record<string, string>, pattern: RegExp): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: here, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = line.match(pattern);
      if (match) resolve(match[1]!);
    });
  });
}

// --- 1. HTTP -------------------------------------------------------------------------------
const dbUrl = `file:${join(dir, 'checkout.sqlite')}`;
const setup = await openDatabase({ url: dbUrl });
const shop = await createCheckoutTestShop(setup.db, { stock: 10_000_000 });
await setup.close();

const stripePort = await startChild(join(here, 'serve-stripe.ts'), {}, /"port":(\d+)/);
const serverPort = await startChild(
  serverScript,
  { TERROIR_DB_URL: dbUrl, TERROIR_DB_SCHEMA: '', STRIPE_TEST_PORT: stripePort, TERROIR_CHECKOUT_UNLIMITED: '1' },
  /LISTENING (\d+)/,
);
const base = `http://127.0.0.1:${serverPort}/v1/coops/${shop.coopSlug}`;
const body = JSON.stringify({
  lines: [{ variantId: shop.pearVariantId, quantity: 1 }],
  fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId },
  locale: 'zh-CN',
});

interface HttpResult {
  name: string;
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}
async function hit(name: string, target: { base: string; body: string }, path: string, withKey: boolean): Promise<HttpResult> {
  const result = await autocannon({
    url: `${target.base}${path}`,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: target.body,
        ...(withKey ? { setupRequest: (req: any) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }) } : {}),
      },
    ],
  });
  const out = { name, requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
  console.log(`${name.padEnd(44)} ${out.requestsPerSecond.toFixed(0).padStart(7)} req/s   p99 ${String(out.p99Ms).padStart(4)} ms   non-2xx ${out.non2xx}`);
  // A rate of refusals measures nothing: stop rather than record it.
  if (out.non2xx > 0 || out.errors > 0) throw new Error(`${name}: ${out.non2xx} non-2xx answers and ${out.errors} errors; the figures would be meaningless`);
  return out;
}
console.log(`HTTP, ${connections} connections, ${duration} s each (server and Stripe test server in their own processes, SQLite file):`);
const sqliteTarget = { base, body };
const quote = await hit('POST cart/quote (baseline: no writes)', sqliteTarget, '/cart/quote', false);
const checkout = await hit('POST checkout (reserve + Stripe session)', sqliteTarget, '/checkout', true);

// PostgreSQL too: DATABASE_URL, else a throwaway cluster (BENCH_POSTGRES=0 skips it). The
// cluster is durable (fsync=on), like the SQLite file (synchronous=FULL) beside it.
const cluster =
  process.env.DATABASE_URL || process.env.BENCH_POSTGRES === '0'
    ? undefined
    : ((await startThrowawayPostgres({ durable: true })) as { url: string; stop(): Promise<void> });
const pgUrl = process.env.DATABASE_URL ?? cluster?.url;
let postgresDurability: string | undefined;
let postgresHttp: { quote: HttpResult; checkout: HttpResult } | undefined;
if (pgUrl?.startsWith('postgres')) {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const pg = await openDatabase({ url: pgUrl, schema });
  postgresDurability = await describeDurability(pg.db);
  const pgShop = await createCheckoutTestShop(pg.db, { stock: 10_000_000 });
  await pg.close();
  const pgPort = await startChild(
    serverScript,
    { TERROIR_DB_URL: pgUrl, TERROIR_DB_SCHEMA: schema, STRIPE_TEST_PORT: stripePort, TERROIR_CHECKOUT_UNLIMITED: '1' },
    /LISTENING (\d+)/,
  );
  const pgTarget = {
    base: `http://127.0.0.1:${pgPort}/v1/coops/${pgShop.coopSlug}`,
    body: JSON.stringify({
      lines: [{ variantId: pgShop.pearVariantId, quantity: 1 }],
      fulfilment: { type: 'pickup', pickupPointId: pgShop.pickupPointId },
      locale: 'zh-CN',
    }),
  };
  console.log(`\nThe same on ${postgresDurability}:`);
  postgresHttp = {
    quote: await hit('POST cart/quote (baseline: no writes)', pgTarget, '/cart/quote', false),
    checkout: await hit('POST checkout (reserve + Stripe session)', pgTarget, '/checkout', true),
  };
  // Stop that server, then drop its schema (DATABASE_URL may be someone's real server).
  const pgServer = children.at(-1)!;
  pgServer.removeAllListeners('exit');
  await new Promise((resolve) => {
    pgServer.once('exit', resolve);
    pgServer.kill('SIGTERM');
  });
  const cleanup = await openDatabase({ url: pgUrl, migrate: false });
  await dropPostgresSchema(cleanup.db, schema);
  await cleanup.close();
}

// --- 2. The reservation step alone --------------------------------------------------------
interface StepResult {
  dialect: string;
  priceCartPerSecond: number;
  placeOrderPerSecond: number;
  placeOrderMeanMs: number;
}
async function measureSteps(database: TerroirDatabase, label: string): Promise<StepResult> {
  const s = await createCheckoutTestShop(database.db, { stock: 10_000_000, slug: `bench-${randomUUID().slice(0, 8)}` });
  const lines = [{ variantId: s.pearVariantId, quantity: 1 }];
  const fulfilment = { type: 'pickup' as const, pickupPointId: s.pickupPointId };
  for (let i = 0; i < 100; i++) await priceCart(database.db, { cooperativeId: s.coopId, lines, fulfilment }); // warm-up
  let started = performance.now();
  for (let i = 0; i < reservations; i++) await priceCart(database.db, { cooperativeId: s.coopId, lines, fulfilment });
  const priceSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  for (let i = 0; i < reservations; i++) {
    const result = await placeOrder(database, {
      cooperativeId: s.coopId,
      lines,
      fulfilment,
      locale: 'en',
      idempotencyKey: `bench-${i}`,
      requestHash: checkoutRequestHash({ i }),
      paymentProvider: 'bench',
      expiresAt: new Date(Date.now() + 30 * 60_000),
    });
    if (result.kind !== 'placed') throw new Error(`unexpected ${result.kind}`);
  }
  const placeSeconds = (performance.now() - started) / 1000;
  const out = {
    dialect: label,
    priceCartPerSecond: reservations / priceSeconds,
    placeOrderPerSecond: reservations / placeSeconds,
    placeOrderMeanMs: (placeSeconds * 1000) / reservations,
  };
  console.log(
    `${label.padEnd(10)} priceCart ${out.priceCartPerSecond.toFixed(0).padStart(6)}/s   placeOrder ${out.placeOrderPerSecond.toFixed(0).padStart(6)}/s (${out.placeOrderMeanMs.toFixed(2)} ms)   ratio ${(out.placeOrderPerSecond / out.priceCartPerSecond).toFixed(2)}`,
  );
  return out;
}
console.log(`\nReservation step alone, ${reservations} sequential calls in process:`);
const steps: StepResult[] = [];
const sqlite = await openDatabase({ url: `file:${join(dir, 'steps.sqlite')}` });
const sqliteDurability = await describeDurability(sqlite.db);
console.log(sqliteDurability);
steps.push(await measureSteps(sqlite, 'sqlite'));
await sqlite.close();
// PostgreSQL too, on the same cluster as the HTTP run.
if (pgUrl?.startsWith('postgres')) {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const pg = await openDatabase({ url: pgUrl, schema });
  try {
    console.log(`PostgreSQL: ${postgresDurability}`);
    steps.push(await measureSteps(pg, 'postgres'));
    await dropPostgresSchema(pg.db, schema);
  } finally {
    await pg.close();
    await cluster?.stop();
  }
}

// --- 3. Where one checkout's time goes (sequential, in process, SQLite) -------------------
const phases = { placeOrderMs: 0, stripeMs: 0, attachMs: 0 };
{
  const database = await openDatabase({ url: `file:${join(dir, 'phases.sqlite')}` });
  const s = await createCheckoutTestShop(database.db, { stock: 10_000_000 });
  const payments = new StripeProvider({
    stripe: createStripeClient({ secretKey: 'sk_test_bench', host: '127.0.0.1', port: Number(stripePort), protocol: 'http', maxNetworkRetries: 0 }),
    webhookSecret: 'whsec_bench',
  });
  const rounds = Math.min(reservations, 500);
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    const placed = await placeOrder(database, {
      cooperativeId: s.coopId,
      lines: [{ variantId: s.pearVariantId, quantity: 1 }],
      fulfilment: { type: 'pickup', pickupPointId: s.pickupPointId },
      locale: 'en',
      idempotencyKey: `phase-${i}`,
      requestHash: checkoutRequestHash({ i }),
      paymentProvider: 'stripe',
      expiresAt: new Date(Date.now() + 31 * 60_000),
    });
    if (placed.kind !== 'placed') throw new Error(placed.kind);
    phases.placeOrderMs += performance.now() - t;
    t = performance.now();
    const created = await payments.createPayment({
      orderId: placed.order.id,
      orderToken: placed.order.token,
      cooperativeId: s.coopId,
      idempotencyKey: `terroir-order-${placed.order.id}`,
      currency: 'CNY',
      lines: [{ name: 'Pears', unitAmountMinor: 6800, quantity: 1 }],
      totalMinor: 6800,
      locale: 'en',
      methods: ['card'],
      successUrl: 'http://127.0.0.1/ok',
      cancelUrl: 'http://127.0.0.1/cancel',
      expiresAt: new Date(placed.order.expires_at),
    });
    phases.stripeMs += performance.now() - t;
    t = performance.now();
    await attachPaymentSession(database, placed.order.id, { sessionRef: created.providerRef, redirectUrl: created.redirectUrl, expiresAt: created.expiresAt });
    phases.attachMs += performance.now() - t;
  }
  for (const key of Object.keys(phases) as (keyof typeof phases)[]) phases[key] /= rounds;
  await database.close();
  console.log(
    `\nOne checkout, sequential mean over ${rounds}: placeOrder ${phases.placeOrderMs.toFixed(2)} ms, Stripe session ${phases.stripeMs.toFixed(2)} ms, attach ${phases.attachMs.toFixed(2)} ms`,
  );
}

const report = {
  at: new Date().toISOString(),
  machine: { os: type(), cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadBefore },
  settings: { duration, connections, reservations, durability: { sqlite: sqliteDurability, postgres: postgresDurability ?? null } },
  http: { quote, checkout, checkoutToQuoteRatio: checkout.requestsPerSecond / quote.requestsPerSecond },
  httpPostgres: postgresHttp ? { ...postgresHttp, checkoutToQuoteRatio: postgresHttp.checkout.requestsPerSecond / postgresHttp.quote.requestsPerSecond } : null,
  phases,
  steps: steps.map((s) => ({ ...s, placeOrderToPriceCartRatio: s.placeOrderPerSecond / s.priceCartPerSecond })),
};
console.log(`\ncheckout / quote ratio: ${report.http.checkoutToQuoteRatio.toFixed(2)}`);
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
process.exit(0);
