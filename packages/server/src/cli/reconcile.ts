import { parseArgs } from 'node:util';
import { CliFailure, CliUsageError, withDatabase, type CliCommand } from './cli-io';

export const reconcileCommand: CliCommand = {
  name: 'reconcile',
  summary: 'replay lost Stripe webhooks and release expired holds (for cron)',
  usage: `terroir reconcile [--since-hours 72] [--grace-minutes 10] [--no-sweep] [--refund-unservable] [--db <url>]
  Needs STRIPE_SECRET_KEY (STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL for a local
  test server). Prints a JSON report.`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        'since-hours': { type: 'string' },
        'grace-minutes': { type: 'string' },
        'no-sweep': { type: 'boolean' },
        'refund-unservable': { type: 'boolean' },
        db: { type: 'string' },
      },
    });
    const sinceHours = Number(values['since-hours'] ?? '72');
    const graceMinutes = Number(values['grace-minutes'] ?? '10');
    if (!(sinceHours > 0) || !(graceMinutes >= 0)) throw new CliUsageError('--since-hours must be > 0 and --grace-minutes >= 0');
    const secretKey = io.env.STRIPE_SECRET_KEY;
    if (!secretKey) throw new CliFailure('STRIPE_SECRET_KEY is required');
    // Loaded here: every other command works without the optional `stripe` package.
    // Through the package's own Stripe entry (dist/stripe.js once built): the one file allowed to import `stripe`.
    const [{ createStripeClient, StripeProvider }, { reconcilePayments }] = await Promise.all([import('../stripe'), import('../checkout/reconcile')]);
    const stripe = createStripeClient({
      secretKey,
      ...(io.env.STRIPE_API_HOST ? { host: io.env.STRIPE_API_HOST } : {}),
      ...(io.env.STRIPE_API_PORT ? { port: Number(io.env.STRIPE_API_PORT) } : {}),
      ...(io.env.STRIPE_API_PROTOCOL === 'http' ? { protocol: 'http' as const } : {}),
    });
    // Listing events needs no webhook secret: events come straight from Stripe's API.
    const payments = new StripeProvider({ stripe, webhookSecret: io.env.STRIPE_WEBHOOK_SECRET ?? 'unused' });
    await withDatabase(values.db, io, async (database) => {
      const report = await reconcilePayments({
        database,
        payments,
        since: new Date(Date.now() - sinceHours * 3600_000),
        sweep: values['no-sweep'] !== true,
        graceMs: graceMinutes * 60_000,
        refundUnservable: values['refund-unservable'] === true,
      });
      io.stdout(`${JSON.stringify(report)}\n`);
    });
  },
};
