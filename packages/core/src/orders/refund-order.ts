import { PaymentProviderError, type PaymentProvider } from '../payments/provider';
import { OFFLINE_PROVIDER, OfflinePaymentProvider } from '../payments/offline-provider';
import { applyPaymentEvent } from './payment-events';
import { recordOrderEvent, type OrderActor, type OrderStatus } from './order-status';
import { writeTransaction, type OrderStore } from './write-transaction';

/*
 * Refund policy: which orders may be refunded, how much, and with which provider idempotency
 * key. Moved here from the server so every caller (admin API, CLI, reconcile job) applies
 * the same rules.
 */

/** Order statuses a refund may be asked for in. */

export const REFUNDABLE_STATUSES: readonly OrderStatus[] = ['paid', 'packed', 'shipped', 'ready_for_pickup', 'completed', 'partially_refunded', 'needs_refund'];

export type RefundOrderResult =
  | { ok: true; refundRef: string; status: string; amountMinor: number }
  | { ok: false; code: 'not_found' | 'not_refundable' | 'invalid_amount'; maxMinor?: number };

/**
 * Asks the payment provider to refund part or all of an order, and notes the request in the
 * order's history. The order's refund state changes only when the provider's refund event
 * arrives (the same single path as payments). No transaction is open during the call.
 *
 * The provider idempotency key defaults to one derived from the order, what was refunded so
 * far and the amount: a retried request refunds once.
 *
 * A pay-at-pickup order (provider `offline`) is refunded in cash by staff: nothing is called,
 * and the refund is recorded at once as a `refund_updated` event through `applyPaymentEvent`
 * (the same path a provider's refund event takes), with an event id from the same key.
 *
 * @example
 * await refundOrder({ database, payments }, order.id, 5000, 'staff:acc_12');
 */
export async function refundOrder(
  deps: { database: OrderStore; payments: PaymentProvider },
  orderId: string,
  amountMinor: number,
  actor: OrderActor,
  idempotencyKey?: string,
): Promise<RefundOrderResult> {
  const order = await deps.database.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!order) return { ok: false, code: 'not_found' };
  const status = order.status as OrderStatus;
  if (!REFUNDABLE_STATUSES.includes(status) || !order.payment_ref) return { ok: false, code: 'not_refundable' };
  const maxMinor = Number(order.total_minor) - Number(order.refunded_minor);
  if (!Number.isInteger(amountMinor) || amountMinor <= 0 || amountMinor > maxMinor) return { ok: false, code: 'invalid_amount', maxMinor };
  const key = idempotencyKey ?? `terroir-refund-${order.id}-${order.refunded_minor}-${amountMinor}`;
  if (order.payment_provider === OFFLINE_PROVIDER) {
    const refund = await new OfflinePaymentProvider().refund(
      { orderId: order.id, paymentRef: order.payment_ref, sessionRef: order.payment_session_ref, currency: order.currency },
      amountMinor,
      key,
    );
    await applyPaymentEvent(deps.database, {
      id: `offline_refund_${key}`,
      provider: OFFLINE_PROVIDER,
      type: 'cash.refunded',
      kind: 'refund_updated',
      orderId: order.id,
      paymentRef: order.payment_ref,
      amountRefundedMinor: Number(order.refunded_minor) + amountMinor,
      occurredAt: new Date(),
    });
    await writeTransaction(deps.database, (trx) =>
      recordOrderEvent(trx, {
        orderId: order.id,
        from: status,
        to: status,
        actor,
        reason: 'cash_refund_recorded',
        detail: { amountMinor, refundRef: refund.refundRef },
        at: new Date().toISOString(),
      }),
    );
    return { ok: true, ...refund, amountMinor };
  }
  const refund = await deps.payments.refund(
    { orderId: order.id, paymentRef: order.payment_ref, sessionRef: order.payment_session_ref, currency: order.currency },
    amountMinor,
    key,
  );
  await writeTransaction(deps.database, (trx) =>
    recordOrderEvent(trx, {
      orderId: order.id,
      from: status,
      to: status,
      actor,
      reason: 'refund_requested',
      detail: { amountMinor, refundRef: refund.refundRef },
      at: new Date().toISOString(),
    }),
  );
  return { ok: true, ...refund, amountMinor };
}

/**
 * Refunds, in full, every order that was paid but cannot be served (`needs_refund`): a
 * payment that completed after its stock had gone to someone else. Keyed per order, so
 * running it again never refunds twice.
 *
 * @example
 * const { refunded } = await refundUnservableOrders({ database, payments });
 */
export async function refundUnservableOrders(deps: { database: OrderStore; payments: PaymentProvider }): Promise<{ refunded: string[]; failed: string[] }> {
  const orders = await deps.database.db
    .selectFrom('orders')
    .select(['id', 'total_minor', 'refunded_minor'])
    .where('status', '=', 'needs_refund')
    .where('payment_ref', 'is not', null)
    .execute();
  const refunded: string[] = [];
  const failed: string[] = [];
  for (const order of orders) {
    const remaining = Number(order.total_minor) - Number(order.refunded_minor);
    if (remaining <= 0) continue;
    try {
      const result = await refundOrder(deps, order.id, remaining, 'system', `terroir-refund-${order.id}-unservable`);
      (result.ok ? refunded : failed).push(order.id);
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      failed.push(order.id);
    }
  }
  return { refunded, failed };
}
