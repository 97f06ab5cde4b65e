import type { Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { toCsv } from './csv-writing';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import { orderFulfilmentSchema } from '../orders/order-column-schemas';
import { decimalAmount } from '../money/format-money';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

export const ORDER_EXPORT_COLUMNS = [
  'order_id',
  'created_at',
  'paid_at',
  'status',
  'currency',
  'subtotal',
  'fulfilment_fee',
  'total',
  'refunded',
  'fulfilment',
  'email',
  'payment_provider',
  'payment_ref',
  'line_no',
  'product_slug',
  'title',
  'variant',
  'unit_price',
  'quantity',
  'line_total',
] as const;

/** Orders an accountant counts: payment taken (unpaid checkouts that expired are noise). */
export const ACCOUNTING_STATUSES = ['paid', 'packed', 'shipped', 'ready_for_pickup', 'completed', 'refunded', 'partially_refunded', 'needs_refund'] as const;

// The export is for accountants: a damaged cell prints as stored rather than failing the
// whole file, so these read leniently (a schema check, no cast) instead of through
// parseJsonColumn.
function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function localized(text: string, locale: 'zh-CN' | 'en'): string {
  const value = jsonOrUndefined(text);
  if (typeof value === 'string') return value;
  const parsed = localizedTextSchema.safeParse(value);
  if (!parsed.success) return text;
  return parsed.data[locale] ?? parsed.data['zh-CN'] ?? parsed.data.en ?? '';
}

function fulfilmentType(text: string): string {
  const parsed = orderFulfilmentSchema.safeParse(jsonOrUndefined(text));
  return parsed.success ? parsed.data.choice.type : '';
}

/**
 * A cooperative's orders as CSV for the accountant: one row per order line, amounts as
 * decimals of the currency (`68.00`), a UTF-8 BOM for Excel and WPS. Only orders whose
 * payment was taken, created in `[from, to)` when given. Never exports order tokens or
 * idempotency keys.
 *
 * @example
 * const csv = await exportOrdersCsv(db, coop.id, { from: '2026-09-01', to: '2026-10-01' });
 */
export async function exportOrdersCsv(db: Db, cooperativeId: string, options: { from?: string; to?: string; locale?: 'zh-CN' | 'en' } = {}): Promise<string> {
  let query = db
    .selectFrom('orders')
    .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
    .select([
      'orders.id',
      'orders.created_at',
      'orders.paid_at',
      'orders.status',
      'orders.currency',
      'orders.subtotal_minor',
      'orders.fulfilment_fee_minor',
      'orders.total_minor',
      'orders.refunded_minor',
      'orders.fulfilment',
      'orders.email',
      'orders.payment_provider',
      'orders.payment_ref',
      'order_lines.line_no',
      'order_lines.product_slug',
      'order_lines.title',
      'order_lines.variant_label',
      'order_lines.unit_price_minor',
      'order_lines.quantity',
      'order_lines.line_total_minor',
    ])
    .where('orders.cooperative_id', '=', cooperativeId)
    .where('orders.status', 'in', [...ACCOUNTING_STATUSES]);
  if (options.from) query = query.where('orders.created_at', '>=', options.from);
  if (options.to) query = query.where('orders.created_at', '<', options.to);
  const rows = await query.orderBy('orders.created_at').orderBy('orders.id').orderBy('order_lines.line_no').execute();
  const locale = options.locale ?? 'zh-CN';
  return toCsv([
    [...ORDER_EXPORT_COLUMNS],
    ...rows.map((r) => [
      r.id,
      r.created_at,
      r.paid_at ?? '',
      r.status,
      r.currency,
      decimalAmount(Number(r.subtotal_minor), r.currency),
      decimalAmount(Number(r.fulfilment_fee_minor), r.currency),
      decimalAmount(Number(r.total_minor), r.currency),
      decimalAmount(Number(r.refunded_minor), r.currency),
      fulfilmentType(r.fulfilment),
      r.email ?? '',
      r.payment_provider,
      r.payment_ref ?? '',
      Number(r.line_no),
      r.product_slug,
      localized(r.title, locale),
      localized(r.variant_label, locale),
      decimalAmount(Number(r.unit_price_minor), r.currency),
      Number(r.quantity),
      decimalAmount(Number(r.line_total_minor), r.currency),
    ]),
  ]);
}
