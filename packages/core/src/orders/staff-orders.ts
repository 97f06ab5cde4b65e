import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CurrencyCode } from '../catalog/types';
import type { LocalizedText } from '../locale/locale';
import type { TerroirTables } from '../db/schema';
import { STAFF_TRANSITIONS, type OrderStatus } from './order-status';
import { parseJsonColumn } from '../db/json-column';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import { orderEventDetailSchema, orderFulfilmentSchema } from './order-column-schemas';
import { formatPickupCode } from './pickup-code';

/*
 * Read-only queries behind the staff order screens (the admin API's order list and detail,
 * and listCooperativeOrders). Every state change goes through the order module's own
 * functions (advanceOrder, abandonOrder, refundOrder); nothing here writes.
 */

export interface AdminOrderFilter {
  status?: OrderStatus[];
  /** Inclusive ISO dates (YYYY-MM-DD) on the order's creation time, UTC. */
  from?: string;
  to?: string;
  /** An order number (or part of one), an email or a phone number. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** One order as the staff list shows it. */
export interface AdminOrderRow {
  id: string;
  status: OrderStatus;
  currency: CurrencyCode;
  totalMinor: number;
  refundedMinor: number;
  fulfilment: { type: 'pickup' | 'delivery'; name: LocalizedText | null; region: string | null; contactName: string | null; phone: string | null };
  email: string | null;
  /** Units over all lines. */
  itemCount: number;
  /** Order lines. */
  lineCount: number;
  createdAt: string;
  paidAt: string | null;
  /** The staff moves allowed from here, for the delivery type of this order. */
  nextStatuses: OrderStatus[];
  /** `stripe`, `offline` (pay at pickup / on delivery), … */
  paymentProvider: string;
  /** Pay-at-pickup orders: the code shown to the shopper (`K7M-4PX`), else null. */
  pickupCode: string | null;
}

/**
 * The next statuses staff may choose: pickup orders never ship, delivered orders are never "ready for pickup".
 *
 * @example
 * staffMovesFor('packed', 'pickup') // ['ready_for_pickup']
 */
export function staffMovesFor(status: OrderStatus, type: 'pickup' | 'delivery'): OrderStatus[] {
  return (STAFF_TRANSITIONS[status] ?? []).filter((to) => !(type === 'pickup' && to === 'shipped') && !(type === 'delivery' && to === 'ready_for_pickup'));
}

function fulfilmentOf(json: string, orderId: string): AdminOrderRow['fulfilment'] {
  const stored = parseJsonColumn(orderFulfilmentSchema, json, { table: 'orders', id: orderId, column: 'fulfilment' });
  const type = stored.choice.type;
  return {
    type,
    name: stored.option?.name ?? null,
    region: type === 'delivery' ? (stored.choice.region ?? null) : null,
    contactName: stored.choice.address?.name ?? null,
    phone: stored.choice.address?.phone ?? null,
  };
}

const encodeCursor = (createdAt: string, id: string) => Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string' && v.length <= 100)) return value as [string, string];
  } catch {
    // fall through: a malformed cursor is the caller's mistake
  }
  return null;
}

/** `%`, `_` and `\` match themselves in a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * A cooperative's orders, newest first, filtered by status, creation date and a search over
 * order number, email and phone. Returns `null` for a malformed cursor.
 *
 * @example
 * const page = await listOrdersForStaff(db, coop.id, { status: ['paid'], q: '138' });
 */
export async function listOrdersForStaff(
  db: Kysely<TerroirTables>,
  cooperativeId: string,
  filter: AdminOrderFilter,
): Promise<{ items: AdminOrderRow[]; nextCursor: string | null } | null> {
  let after: { createdAt: string; id: string } | undefined;
  if (filter.cursor) {
    const decoded = decodeCursor(filter.cursor);
    if (!decoded) return null;
    after = { createdAt: decoded[0], id: decoded[1] };
  }
  return queryStaffOrders(db, cooperativeId, filter, after);
}

/**
 * The one query behind every staff order list, after a decoded keyset position.
 *
 * @example
 * const page = await queryStaffOrders(db, coop.id, { status: ['paid'] }, { createdAt, id });
 */
export async function queryStaffOrders(
  db: Kysely<TerroirTables>,
  cooperativeId: string,
  filter: Omit<AdminOrderFilter, 'cursor'>,
  after?: { createdAt: string; id: string },
): Promise<{ items: AdminOrderRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  let q = db
    .selectFrom('orders')
    .select(['id', 'status', 'currency', 'total_minor', 'refunded_minor', 'fulfilment', 'email', 'created_at', 'paid_at', 'payment_provider', 'pickup_code'])
    .select((eb) =>
      eb
        .selectFrom('order_lines')
        .select((l) => l.fn.coalesce(l.fn.sum<number>('quantity'), l.lit(0)).as('n'))
        .whereRef('order_lines.order_id', '=', 'orders.id')
        .as('item_count'),
    )
    .select((eb) =>
      eb
        .selectFrom('order_lines')
        .select((l) => l.fn.countAll<number>().as('n'))
        .whereRef('order_lines.order_id', '=', 'orders.id')
        .as('line_count'),
    )
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (filter.status?.length) q = q.where('status', 'in', filter.status);
  if (filter.from) q = q.where('created_at', '>=', `${filter.from}T00:00:00.000Z`);
  if (filter.to) q = q.where('created_at', '<=', `${filter.to}T23:59:59.999Z`);
  const text = filter.q?.trim();
  if (text) {
    const pattern = `%${likeLiteral(text.toLowerCase())}%`;
    // Phone numbers are typed with spaces and dashes; compare digits when the query is a number.
    const digits = text.replace(/[\s()+-]/g, '');
    const phonePattern = /^\d{3,}$/.test(digits) ? `%${digits}%` : null;
    const like = (expr: RawBuilder<unknown>, value: string) => sql<boolean>`${expr} like ${value} escape '\\'`;
    q = q.where((eb) =>
      eb.or([
        like(sql`lower(id)`, pattern),
        like(sql`lower(coalesce(email, ''))`, pattern),
        like(sql`lower(fulfilment)`, pattern),
        ...(phonePattern ? [like(sql`replace(replace(fulfilment, ' ', ''), '-', '')`, phonePattern)] : []),
      ]),
    );
  }
  if (after) {
    const { createdAt, id } = after;
    q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  const items = page.map((r): AdminOrderRow => {
    const fulfilment = fulfilmentOf(r.fulfilment, r.id);
    const status = r.status as OrderStatus;
    return {
      id: r.id,
      status,
      currency: r.currency,
      totalMinor: Number(r.total_minor),
      refundedMinor: Number(r.refunded_minor),
      fulfilment,
      email: r.email,
      itemCount: Number(r.item_count ?? 0),
      lineCount: Number(r.line_count ?? 0),
      createdAt: r.created_at,
      paidAt: r.paid_at,
      nextStatuses: staffMovesFor(status, fulfilment.type),
      paymentProvider: r.payment_provider,
      pickupCode: r.pickup_code ? formatPickupCode(r.pickup_code) : null,
    };
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null };
}

/** One order with its lines, fulfilment details and full history, for the staff detail screen. */
export interface AdminOrderDetail extends AdminOrderRow {
  subtotalMinor: number;
  fulfilmentFeeMinor: number;
  locale: string;
  address: Record<string, string> | null;
  lines: {
    lineNo: number;
    variantId: string;
    productSlug: string;
    title: LocalizedText;
    variantLabel: LocalizedText;
    unitPriceMinor: number;
    quantity: number;
    lineTotalMinor: number;
    preorder: boolean;
  }[];
  history: { from: OrderStatus | null; to: OrderStatus; actor: string; reason: string; detail: unknown; at: string }[];
}

/**
 * Loads one order of a cooperative, or undefined when it is not there (or not theirs).
 *
 * @example
 * const order = await loadOrderForStaff(db, coop.id, 'ord_abc');
 */
export async function loadOrderForStaff(db: Kysely<TerroirTables>, cooperativeId: string, orderId: string): Promise<AdminOrderDetail | undefined> {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).where('cooperative_id', '=', cooperativeId).executeTakeFirst();
  if (!order) return undefined;
  const [lines, events] = await Promise.all([
    db.selectFrom('order_lines').selectAll().where('order_id', '=', order.id).orderBy('line_no').execute(),
    db.selectFrom('order_events').selectAll().where('order_id', '=', order.id).orderBy('created_at').orderBy('id').execute(),
  ]);
  const fulfilment = fulfilmentOf(order.fulfilment, order.id);
  const stored = parseJsonColumn(orderFulfilmentSchema, order.fulfilment, { table: 'orders', id: order.id, column: 'fulfilment' });
  const status = order.status as OrderStatus;
  return {
    id: order.id,
    status,
    currency: order.currency,
    totalMinor: Number(order.total_minor),
    refundedMinor: Number(order.refunded_minor),
    subtotalMinor: Number(order.subtotal_minor),
    fulfilmentFeeMinor: Number(order.fulfilment_fee_minor),
    fulfilment,
    address: (stored.choice.address as Record<string, string> | undefined) ?? null,
    email: order.email,
    locale: order.locale,
    itemCount: lines.reduce((n, l) => n + Number(l.quantity), 0),
    lineCount: lines.length,
    createdAt: order.created_at,
    paidAt: order.paid_at,
    nextStatuses: staffMovesFor(status, fulfilment.type),
    paymentProvider: order.payment_provider,
    pickupCode: order.pickup_code ? formatPickupCode(order.pickup_code) : null,
    lines: lines.map((l) => ({
      lineNo: Number(l.line_no),
      variantId: l.variant_id,
      productSlug: l.product_slug,
      title: parseJsonColumn(localizedTextSchema, l.title, { table: 'order_lines', id: `${l.order_id}#${l.line_no}`, column: 'title' }),
      variantLabel: parseJsonColumn(localizedTextSchema, l.variant_label, { table: 'order_lines', id: `${l.order_id}#${l.line_no}`, column: 'variant_label' }),
      unitPriceMinor: Number(l.unit_price_minor),
      quantity: Number(l.quantity),
      lineTotalMinor: Number(l.line_total_minor),
      preorder: Number(l.preorder) === 1,
    })),
    history: events.map((e) => ({
      from: e.from_status as OrderStatus | null,
      to: e.to_status as OrderStatus,
      actor: e.actor,
      reason: e.reason,
      detail: e.detail ? parseJsonColumn(orderEventDetailSchema, e.detail, { table: 'order_events', id: e.id, column: 'detail' }) : null,
      at: e.created_at,
    })),
  };
}
