import type { Kysely } from 'kysely';
import { newId } from '../catalog/ids';
import type { TerroirTables } from '../db/schema';
import type { Locale } from '../locale/locale';
import { writeTransaction, type OrderStore } from './write-transaction';

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'packed',
  'shipped',
  'ready_for_pickup',
  'completed',
  'cancelled',
  'refunded',
  'partially_refunded',
  'needs_refund',
] as const;

/**
 * Where an order is. `needs_refund`: money arrived for an order whose stock was already
 * gone (a payment completed after its reservation expired and someone else bought the
 * last units); the cooperative refunds it.
 */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Who changed an order: the shopper, the system (sweeps), a payment provider, or staff. */
export type OrderActor = 'shopper' | 'system' | `provider:${string}` | `staff:${string}`;

/**
 * The moves staff make by hand. Payment moves (to paid, cancelled, refunded…) happen only
 * through payment events, the single completion path.
 */
export const STAFF_TRANSITIONS: Readonly<Record<string, readonly OrderStatus[]>> = {
  paid: ['packed'],
  packed: ['shipped', 'ready_for_pickup'],
  shipped: ['completed'],
  ready_for_pickup: ['completed'],
};

/** Shopper-facing status labels in both locales. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, Record<Locale, string>> = {
  pending_payment: { 'zh-CN': '等待付款确认', en: 'Waiting for payment' },
  paid: { 'zh-CN': '已付款', en: 'Paid' },
  packed: { 'zh-CN': '已打包', en: 'Packed' },
  shipped: { 'zh-CN': '已发货', en: 'Shipped' },
  ready_for_pickup: { 'zh-CN': '可以取货', en: 'Ready for pickup' },
  completed: { 'zh-CN': '已完成', en: 'Completed' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  refunded: { 'zh-CN': '已退款', en: 'Refunded' },
  partially_refunded: { 'zh-CN': '部分退款', en: 'Partially refunded' },
  needs_refund: { 'zh-CN': '付款已收到，但商品已售完，将为您退款', en: 'Payment received but sold out; a refund is on its way' },
};

/**
 * Appends one line to an order's history. Call it inside the transaction that made the change.
 *
 * @example
 * await recordOrderEvent(trx, { orderId, from: 'paid', to: 'packed', actor: 'staff:acc_12', reason: 'staff_update', at: new Date().toISOString() });
 */
export async function recordOrderEvent(
  trx: Kysely<TerroirTables>,
  event: { orderId: string; from: OrderStatus | null; to: OrderStatus; actor: OrderActor; reason: string; detail?: unknown; at: string },
): Promise<void> {
  await trx
    .insertInto('order_events')
    .values({
      id: newId('oev'),
      order_id: event.orderId,
      from_status: event.from,
      to_status: event.to,
      actor: event.actor,
      reason: event.reason,
      detail: event.detail === undefined ? null : JSON.stringify(event.detail),
      created_at: event.at,
    })
    .execute();
}

/** Result of a staff move. */
export type AdvanceResult = { ok: true; from: OrderStatus; to: OrderStatus } | { ok: false; code: 'not_found' | 'invalid_transition'; status?: OrderStatus };

/**
 * Moves an order along its fulfilment path (paid → packed → shipped | ready_for_pickup →
 * completed) with a conditional update, recording who did it.
 *
 * @example
 * await advanceOrder(store, order.id, 'packed', 'staff:acc_12');
 */
export async function advanceOrder(store: OrderStore, orderId: string, to: OrderStatus, actor: OrderActor, now = new Date()): Promise<AdvanceResult> {
  return writeTransaction(store, async (trx) => {
    const order = await trx.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirst();
    if (!order) return { ok: false, code: 'not_found' };
    const from = order.status as OrderStatus;
    if (!(STAFF_TRANSITIONS[from] ?? []).includes(to)) return { ok: false, code: 'invalid_transition', status: from };
    const at = now.toISOString();
    const updated = await trx.updateTable('orders').set({ status: to, updated_at: at }).where('id', '=', orderId).where('status', '=', from).executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return { ok: false, code: 'invalid_transition', status: from };
    await recordOrderEvent(trx, { orderId, from, to, actor, reason: 'staff_update', at });
    return { ok: true, from, to };
  });
}
