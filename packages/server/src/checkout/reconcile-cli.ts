/*
 * Reconciliation and expiry sweep, for a cron job:
 *   DATABASE_URL=… STRIPE_SECRET_KEY=sk_… npx tsx packages/server/src/checkout/reconcile-cli.ts --since-hours 72
 * Options: --since-hours N (default 72), --no-sweep, --grace-minutes N (default 10),
 * --refund-unservable (refund in full orders paid after their stock was gone).
 * STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL point the client at a local test server
 * (the same variables the demo reads; see docs/payments.md).
 * Prints a JSON report; exits 1 on failure.
 */
import { openDatabase } from '@terroir/core';
import { createStripeClient, StripeProvider, stripeApiFromEnv } from '../payments/stripe-provider';
import { reconcilePayments } from './reconcile';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const secretKey = process.env.STRIPE_SECRET_KEY;
  if (!secretKey) throw new Error('STRIPE_SECRET_KEY is required');
  const sinceHours = Number(option('since-hours') ?? '72');
  const graceMinutes = Number(option('grace-minutes') ?? '10');
  if (!(sinceHours > 0) || !(graceMinutes >= 0)) throw new Error('--since-hours must be > 0 and --grace-minutes >= 0');
  const stripe = createStripeClient({ secretKey, ...stripeApiFromEnv(process.env) });
  // Listing events needs no webhook secret: events come straight from Stripe's API.
  const payments = new StripeProvider({ stripe, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? 'unused' });
  const database = await openDatabase({ ...(process.env.DATABASE_SCHEMA ? { schema: process.env.DATABASE_SCHEMA } : {}) });
  try {
    const report = await reconcilePayments({
      database,
      payments,
      since: new Date(Date.now() - sinceHours * 3600_000),
      sweep: !process.argv.includes('--no-sweep'),
      graceMs: graceMinutes * 60_000,
      refundUnservable: process.argv.includes('--refund-unservable'),
    });
    console.log(JSON.stringify(report));
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error('terroir-reconcile:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
