import type { Kysely } from 'kysely';
import type { CurrencyCode } from '../catalog/types';
import type { TerroirTables } from '../db/schema';
import { ORDER_STATUSES, type OrderStatus } from './order-status';
import { queryStaffOrders } from './staff-orders';

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
  if (query.status && !(ORDER_STATUSES as readonly string[]).includes(query.status)) throw new RangeError(`Unknown order status ${query.status}`);
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 200);
  // The staff list's query, so the admin API and this function cannot drift apart.
  const page = await queryStaffOrders(db, cooperativeId, { ...(query.status ? { status: [query.status] } : {}), limit }, query.before);
  return page.items.map((row) => ({
    id: row.id,
    status: row.status,
    currency: row.currency,
    totalMinor: row.totalMinor,
    refundedMinor: row.refundedMinor,
    fulfilmentType: row.fulfilment.type,
    email: row.email,
    lineCount: row.lineCount,
    unitCount: row.itemCount,
    createdAt: row.createdAt,
    paidAt: row.paidAt,
  }));
}
