import { OFFLINE_PROVIDER } from '../payments/offline-provider';
import { applyPaymentEvent } from './payment-events';
import { recordOrderEvent, type OrderActor, type OrderStatus } from './order-status';
import { normalizePickupCode } from './pickup-code';
import { writeTransaction, type OrderStore } from './write-transaction';

export type CollectPickupResult =
  | { ok: true; orderId: string; status: 'completed'; totalMinor: number; currency: string }
  | {
      ok: false;
      /**
       * `invalid_code`: not the shape of a code; `not_found`: no pay-at-pickup order of this
       * cooperative has it; `expired`: the pickup window passed (stock released or about to be);
       * `already_collected`: it was collected before (or by a simultaneous call);
       * `not_collectable`: the order is in another state (refunded, needs a refund…).
       */
      code: 'invalid_code' | 'not_found' | 'expired' | 'already_collected' | 'not_collectable';
      orderId?: string;
      status?: OrderStatus;
    };

/**
 * Staff collected a pay-at-pickup order and took the money: marks it "paid and collected".
 *
 * Payment goes through {@link applyPaymentEvent}, the single completion path the Stripe webhook
 * uses (stock taken from the reservation once, status to paid, the event id recorded), with an
 * event id derived from the order, so simultaneous or repeated calls complete it once; then a
 * conditional update moves it from paid to completed. Exactly one caller gets `ok: true`.
 *
 * @example
 * const result = await collectPickupOrder(database, { cooperativeId: coop.id, code: 'k7m-4px', actor: 'staff:usr_12' });
 * if (!result.ok && result.code === 'expired') … // 409: the pickup window has passed
 */
export async function collectPickupOrder(
  store: OrderStore,
  input: { cooperativeId: string; code: string; actor: OrderActor; now?: Date },
): Promise<CollectPickupResult> {
  const code = normalizePickupCode(input.code);
  if (!code) return { ok: false, code: 'invalid_code' };
  const now = input.now ?? new Date();
  const candidates = await store.db
    .selectFrom('orders')
    .select(['id', 'status', 'expires_at', 'total_minor', 'currency', 'payment_session_ref'])
    .where('cooperative_id', '=', input.cooperativeId)
    .where('pickup_code', '=', code)
    .where('payment_provider', '=', OFFLINE_PROVIDER)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  // An open order first (at most one: unique index), then one paid but not yet marked collected.
  const order = candidates.find((o) => o.status === 'pending_payment') ?? candidates.find((o) => o.status === 'paid') ?? candidates[0];
  if (!order) return { ok: false, code: 'not_found' };
  const status = order.status as OrderStatus;
  const refused = (reason: 'expired' | 'already_collected' | 'not_collectable') => ({ ok: false as const, code: reason, orderId: order.id, status });

  if (status === 'pending_payment') {
    if (Date.parse(order.expires_at) <= now.getTime()) return refused('expired');
    const applied = await applyPaymentEvent(
      store,
      {
        id: `offline_collect_${order.id}`,
        provider: OFFLINE_PROVIDER,
        type: 'pickup.collected',
        kind: 'payment_succeeded',
        orderId: order.id,
        ...(order.payment_session_ref ? { sessionRef: order.payment_session_ref } : {}),
        paymentRef: `offline_${order.id}`,
        amountMinor: Number(order.total_minor),
        currency: order.currency,
        occurredAt: now,
      },
      now,
    );
    if (applied.outcome === 'duplicate') return refused('already_collected');
    if (applied.status !== 'paid') return { ok: false, code: 'not_collectable', orderId: order.id, ...(applied.status ? { status: applied.status } : {}) };
  } else if (status === 'cancelled') {
    return refused('expired');
  } else if (status === 'completed') {
    return refused('already_collected');
  } else if (status !== 'paid') {
    return refused('not_collectable');
  }

  const moved = await writeTransaction(store, async (trx) => {
    // One millisecond after the payment, so the history (ordered by time) reads paid → completed.
    const at = new Date(now.getTime() + 1).toISOString();
    const updated = await trx
      .updateTable('orders')
      .set({ status: 'completed', updated_at: at })
      .where('id', '=', order.id)
      .where('status', '=', 'paid')
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) return false;
    await recordOrderEvent(trx, { orderId: order.id, from: 'paid', to: 'completed', actor: input.actor, reason: 'collected', at });
    return true;
  });
  if (!moved) return { ok: false, code: 'already_collected', orderId: order.id, status: 'completed' };
  return { ok: true, orderId: order.id, status: 'completed', totalMinor: Number(order.total_minor), currency: order.currency };
}
