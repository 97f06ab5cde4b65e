import type { Kysely } from 'kysely';
import type { CurrencyCode } from '../catalog/types';
import type { TerroirTables } from '../db/schema';
import { pickLocalized, type Locale } from '../locale/locale';
import { ORDER_STATUS_LABELS, type OrderStatus } from './order-status';
import { parseJsonColumn } from '../db/json-column';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import { orderFulfilmentSchema } from './order-column-schemas';
import { loadCooperativeById } from '../cooperatives/cooperatives';
import type { LocalizedText } from '../locale/locale';
import { formatPickupCode } from './pickup-code';
import { OFFLINE_PROVIDER } from '../payments/offline-provider';

const AWAITING_COLLECTION: Record<Locale, string> = { 'zh-CN': '待取货付款', en: 'Pay when you collect' };

/** What a shopper may see of their order, in one locale. */
export interface OrderReceipt {
  orderId: string;
  status: OrderStatus;
  statusLabel: string;
  locale: Locale;
  currency: CurrencyCode;
  lines: { title: string; variantLabel: string; unitPriceMinor: number; quantity: number; lineTotalMinor: number; preorder: boolean }[];
  subtotalMinor: number;
  fulfilmentFeeMinor: number;
  totalMinor: number;
  refundedMinor: number;
  fulfilment: { type: 'pickup' | 'delivery'; name: string; address: string | null; hours: string | null; region: string | null };
  cooperative: { slug: string; name: string };
  createdAt: string;
  paidAt: string | null;
  /** While unpaid: where to resume payment, until when. */
  payment: { redirectUrl: string | null; expiresAt: string } | null;
  /** `stripe`, `offline` (pay at pickup / on delivery), … */
  paymentProvider: string;
  /** Pay at pickup / on delivery: the code to show at the stall (`K7M-4PX`), else null. */
  pickupCode: string | null;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

/**
 * Reads an order by its receipt token (reads only: the receipt never changes an order).
 * Returns undefined for unknown or malformed tokens.
 *
 * @example
 * const receipt = await readOrderReceipt(db, token, 'zh-CN');
 */
export async function readOrderReceipt(db: Kysely<TerroirTables>, token: string, locale?: Locale): Promise<OrderReceipt | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const order = await db.selectFrom('orders').selectAll().where('token', '=', token).executeTakeFirst();
  if (!order) return undefined;
  const coop = await loadCooperativeById(db, order.cooperative_id);
  if (!coop) return undefined;
  const lines = await db.selectFrom('order_lines').selectAll().where('order_id', '=', order.id).orderBy('line_no').execute();
  const served: Locale = locale ?? (order.locale as Locale);
  const fallback = coop.defaultLocale;
  const localized = (value: LocalizedText | undefined) => (value ? (pickLocalized(value, served, fallback)?.value ?? '') : '');
  const text = (json: string, column: string, id: string) => localized(parseJsonColumn(localizedTextSchema, json, { table: 'order_lines', id, column }));
  const stored = parseJsonColumn(orderFulfilmentSchema, order.fulfilment, { table: 'orders', id: order.id, column: 'fulfilment' });
  const status = order.status as OrderStatus;
  return {
    orderId: order.id,
    status,
    // A pay-at-pickup order waits for the shopper at the stall, not for a payment confirmation.
    statusLabel:
      status === 'pending_payment' && order.payment_provider === OFFLINE_PROVIDER ? AWAITING_COLLECTION[served] : ORDER_STATUS_LABELS[status][served],
    locale: served,
    currency: order.currency,
    lines: lines.map((l) => ({
      title: text(l.title, 'title', `${l.order_id}#${l.line_no}`),
      variantLabel: text(l.variant_label, 'variant_label', `${l.order_id}#${l.line_no}`),
      unitPriceMinor: Number(l.unit_price_minor),
      quantity: Number(l.quantity),
      lineTotalMinor: Number(l.line_total_minor),
      preorder: Number(l.preorder) === 1,
    })),
    subtotalMinor: Number(order.subtotal_minor),
    fulfilmentFeeMinor: Number(order.fulfilment_fee_minor),
    totalMinor: Number(order.total_minor),
    refundedMinor: Number(order.refunded_minor),
    fulfilment: {
      type: stored.choice.type,
      name: localized(stored.option?.name),
      address: stored.option?.address ? localized(stored.option.address) : null,
      hours: stored.option?.hours ? localized(stored.option.hours) : null,
      region: stored.choice.region ?? null,
    },
    cooperative: { slug: coop.slug, name: localized(coop.name) },
    createdAt: order.created_at,
    paidAt: order.paid_at,
    payment: status === 'pending_payment' ? { redirectUrl: order.redirect_url, expiresAt: order.expires_at } : null,
    paymentProvider: order.payment_provider,
    pickupCode: order.pickup_code ? formatPickupCode(order.pickup_code) : null,
  };
}
