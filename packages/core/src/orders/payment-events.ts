import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import type { PaymentEvent } from '../payments/provider';
import { recordOrderEvent, type OrderActor, type OrderStatus } from './order-status';
import { consumeHeldStock, releaseHeldStock, retakeReleasedStock, returnConsumedStock } from '../inventory/stock';
import { writeTransaction, type OrderStore } from './write-transaction';

export type ApplyOutcome =
  /** The event changed the order. */
  | 'applied'
  /** Seen before (same event id): nothing changed. */
  | 'duplicate'
  /** Recorded, but it changes nothing in the order's current state (e.g. expired after paid). */
  | 'no_change'
  /** No order matches; recorded so it is not retried forever. */
  | 'unknown_order';

export interface ApplyResult {
  outcome: ApplyOutcome;
  orderId?: string;
  status?: OrderStatus;
}

const REFUNDABLE: readonly OrderStatus[] = ['paid', 'packed', 'shipped', 'ready_for_pickup', 'completed', 'partially_refunded', 'needs_refund'];

async function findOrder(trx: Kysely<TerroirTables>, event: PaymentEvent, lock: boolean) {
  const base = () => {
    const q = trx.selectFrom('orders').selectAll();
    return lock ? q.forUpdate() : q;
  };
  if (event.orderId) {
    const order = await base().where('id', '=', event.orderId).executeTakeFirst();
    // The order named in metadata must be the one this session belongs to.
    if (order && (!event.sessionRef || !order.payment_session_ref || order.payment_session_ref === event.sessionRef)) return order;
    if (order) return undefined;
  }
  if (event.sessionRef) {
    const order = await base().where('payment_session_ref', '=', event.sessionRef).executeTakeFirst();
    if (order) return order;
  }
  if (event.paymentRef) return base().where('payment_ref', '=', event.paymentRef).executeTakeFirst();
  return undefined;
}

/**
 * Applies one verified payment event to its order, at most once: the event id goes into
 * `processed_webhook_events` (unique) in the same transaction as the state change, so a
 * redelivery or a reconciliation run finds it and changes nothing.
 *
 * The only completion path: `payment_succeeded` is the one thing that makes an order paid.
 * Rules when events arrive out of order:
 * - expired / failed after paid: nothing changes.
 * - succeeded after the reservation was released (expired first): the stock is taken again
 *   with the same conditional statements; if every line can still be served the order is
 *   paid, otherwise it becomes `needs_refund` and the cooperative refunds it.
 * - refunds carry the cumulative amount; a smaller or equal figure than recorded is stale.
 *
 * @example
 * const event = await provider.verifyWebhook(rawBody, headers);
 * if (event) await applyPaymentEvent(store, event);
 */
export async function applyPaymentEvent(store: OrderStore, event: PaymentEvent, now = new Date()): Promise<ApplyResult> {
  const actor: OrderActor = `provider:${event.provider}`;
  return writeTransaction(store, async (trx): Promise<ApplyResult> => {
    const at = now.toISOString();
    const order = await findOrder(trx, event, store.capabilities.rowLocks);
    const inserted = await trx
      .insertInto('processed_webhook_events')
      .values({ event_id: event.id, provider: event.provider, type: event.type, order_id: order?.id ?? null, outcome: 'pending', processed_at: at })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { outcome: 'duplicate', orderId: order?.id };
    const finish = async (result: ApplyResult): Promise<ApplyResult> => {
      await trx.updateTable('processed_webhook_events').set({ outcome: result.outcome }).where('event_id', '=', event.id).execute();
      return result;
    };
    if (!order) return finish({ outcome: 'unknown_order' });

    const from = order.status as OrderStatus;
    const move = async (to: OrderStatus, reason: string, extra: Partial<TerroirTables['orders']> = {}): Promise<ApplyResult> => {
      await trx
        .updateTable('orders')
        .set({ status: to, updated_at: at, ...extra })
        .where('id', '=', order.id)
        .where('status', '=', from)
        .execute();
      await recordOrderEvent(trx, { orderId: order.id, from, to, actor, reason, detail: { eventId: event.id, type: event.type }, at });
      return finish({ outcome: 'applied', orderId: order.id, status: to });
    };
    const unchanged = () => finish({ outcome: 'no_change', orderId: order.id, status: from });
    const paymentFields = {
      paid_at: at,
      payment_ref: event.paymentRef ?? order.payment_ref,
      payment_session_ref: order.payment_session_ref ?? event.sessionRef ?? null,
    };

    switch (event.kind) {
      case 'payment_succeeded': {
        const amountOk =
          event.amountMinor === undefined ||
          (event.amountMinor === Number(order.total_minor) && (event.currency ?? order.currency).toUpperCase() === order.currency.toUpperCase());
        if (from === 'pending_payment') {
          if (!amountOk) {
            await releaseHeldStock(trx, order.id, at);
            return move('needs_refund', 'amount_mismatch', paymentFields);
          }
          await consumeHeldStock(trx, order.id, at);
          return move('paid', 'payment_succeeded', paymentFields);
        }
        if (from === 'cancelled') {
          if (amountOk && (await retakeReleasedStock(trx, order.id, at))) return move('paid', 'paid_after_expiry_stock_retaken', paymentFields);
          return move('needs_refund', amountOk ? 'paid_after_expiry_sold_out' : 'amount_mismatch', paymentFields);
        }
        return unchanged();
      }
      case 'payment_pending':
        if (from === 'pending_payment' && event.paymentRef && !order.payment_ref) {
          await trx.updateTable('orders').set({ payment_ref: event.paymentRef, updated_at: at }).where('id', '=', order.id).execute();
        }
        return unchanged();
      case 'payment_failed':
      case 'session_expired': {
        if (from !== 'pending_payment') return unchanged();
        await releaseHeldStock(trx, order.id, at);
        return move('cancelled', event.kind);
      }
      case 'refund_updated': {
        const refunded = Math.min(event.amountRefundedMinor ?? 0, Number(order.total_minor));
        if (!REFUNDABLE.includes(from) || refunded <= Number(order.refunded_minor)) return unchanged();
        const full = refunded >= Number(order.total_minor);
        if (full) {
          // Stock goes back to the shelf only if the goods never left the cooperative.
          const left = await trx
            .selectFrom('order_events')
            .select('id')
            .where('order_id', '=', order.id)
            .where('to_status', 'in', ['shipped', 'completed'])
            .executeTakeFirst();
          if (!left) await returnConsumedStock(trx, order.id, at);
        }
        return move(full ? 'refunded' : 'partially_refunded', full ? 'refunded' : 'partially_refunded', { refunded_minor: refunded });
      }
    }
  });
}
