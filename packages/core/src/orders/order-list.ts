import type { Kysely } from 'kysely';
import type { CurrencyCode } from '../catalog/types';
import type { TerroirTables } from '../db/schema';
import { ORDER_STATUSES, type OrderStatus } from './order-status';
import { parseJsonColumn } from '../db/json-column';
import { orderFulfilmentSchema } from './order-column-schemas';

/** One order as the cooperative's staff list it. */
export interface OrderSummary {
  id: string;
  status: OrderStatus;
  currency: CurrencyCode;
  totalMinor: number;
  refundedMinor: number;
  fulfilmentType: 'pickup' | 'delivery';
  email: string | null;
  lineCount: number;
  unitCount: number;
  createdAt: string;
  paidAt: string | null;
}

export interface ListOrdersQuery {
  status?: OrderStatus;
  /** Newest first; pass the last `createdAt`/`id` of a page to get the next. */
  before?: { createdAt: string; id: string };
  limit?: number;
}

/**
 * A cooperative's orders, newest first, for staff screens (paid orders to pack, refunds to
 * make). Reads only.
 *
 * @example
 * const toPack = await listCooperativeOrders(db, coop.id, { status: 'paid', limit: 50 });
 */
export async function listCooperativeOrders(db: Kysely<TerroirTables>, cooperativeId: string, query: ListOrdersQuery = {}): Promise<OrderSummary[]> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 200);
  let q = db
    .selectFrom('orders')
    .leftJoin('order_lines', 'order_lines.order_id', 'orders.id')
    .select((eb) => [
      'orders.id',
      'orders.status',
      'orders.currency',
      'orders.total_minor',
      'orders.refunded_minor',
      'orders.fulfilment',
      'orders.email',
      'orders.created_at',
      'orders.paid_at',
      eb.fn.count<number>('order_lines.line_no').as('line_count'),
      eb.fn.coalesce(eb.fn.sum<number>('order_lines.quantity'), eb.lit(0)).as('unit_count'),
    ])
    .where('orders.cooperative_id', '=', cooperativeId)
    .groupBy(['orders.id', 'orders.status', 'orders.currency', 'orders.total_minor', 'orders.refunded_minor', 'orders.fulfilment', 'orders.email', 'orders.created_at', 'orders.paid_at'])
    .orderBy('orders.created_at', 'desc')
    .orderBy('orders.id', 'desc')
    .limit(limit);
  if (query.status) {
    if (!(ORDER_STATUSES as readonly string[]).includes(query.status)) throw new RangeError(`Unknown order status ${query.status}`);
    q = q.where('orders.status', '=', query.status);
  }
  if (query.before) {
    const { createdAt, id } = query.before;
    q = q.where((eb) => eb.or([eb('orders.created_at', '<', createdAt), eb.and([eb('orders.created_at', '=', createdAt), eb('orders.id', '<', id)])]));
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status as OrderStatus,
    currency: r.currency,
    totalMinor: Number(r.total_minor),
    refundedMinor: Number(r.refunded_minor),
    fulfilmentType: parseJsonColumn(orderFulfilmentSchema, r.fulfilment, { table: 'orders', id: r.id, column: 'fulfilment' }).choice.type,
    email: r.email,
    lineCount: Number(r.line_count),
    unitCount: Number(r.unit_count),
    createdAt: r.created_at,
    paidAt: r.paid_at,
  }));
}
