import { refundUnservableOrders } from './refund-order';
import { applyPaymentEvent, sweepExpiredReservations, type ApplyOutcome, type OrderStore, type PaymentProvider } from '@terroir/core';

export interface ReconcileOptions {
  database: OrderStore;
  payments: PaymentProvider;
  /** Look at provider events created at or after this time (Stripe keeps 30 days). */
  since: Date;
  /** Also release reservations of pending orders past expiry and grace (default true). */
  sweep?: boolean;
  /** Grace after expiry before the sweep releases stock (default 10 min). */
  graceMs?: number;
  /** Refund in full orders paid after their stock was gone (`needs_refund`); default false. */
  refundUnservable?: boolean;
  now?: Date;
}

export interface ReconcileReport {
  seen: number;
  outcomes: Record<ApplyOutcome, number>;
  /** Orders the sweep cancelled. */
  swept: string[];
  /** Orders whose refund was requested (`refundUnservable`); their refund events arrive later. */
  refundsRequested: string[];
  refundsFailed: string[];
}

/**
 * Recovers lost or late webhooks: lists the provider's recent events, oldest first, and
 * applies each through the same idempotent handler the webhook uses (events already
 * applied count as duplicates and change nothing). Then sweeps stale reservations.
 *
 * @example
 * const report = await reconcilePayments({ database, payments, since: new Date(Date.now() - 72 * 3600_000) });
 * console.log(report.outcomes.applied, 'missed events applied');
 */
export async function reconcilePayments(options: ReconcileOptions): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    seen: 0,
    outcomes: { applied: 0, duplicate: 0, no_change: 0, unknown_order: 0 },
    swept: [],
    refundsRequested: [],
    refundsFailed: [],
  };
  if (!options.payments.listEventsSince) throw new Error(`Payment provider ${options.payments.name} has no event log to reconcile from`);
  for await (const event of options.payments.listEventsSince(options.since)) {
    report.seen += 1;
    const result = await applyPaymentEvent(options.database, event, options.now);
    report.outcomes[result.outcome] += 1;
  }
  if (options.sweep !== false) {
    const sweep = await sweepExpiredReservations(options.database, {
      ...(options.now ? { now: options.now } : {}),
      ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
    });
    report.swept = sweep.cancelled;
  }
  if (options.refundUnservable) {
    const refunds = await refundUnservableOrders(options);
    report.refundsRequested = refunds.refunded;
    report.refundsFailed = refunds.failed;
  }
  return report;
}
