import { sql, type Kysely } from 'kysely';

/**
 * Checkout: fulfilment options and checkout settings per cooperative, orders with their
 * lines, stock reservations, the order history, and the webhook events already applied.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('checkout_settings')
    .addColumn('cooperative_id', 'text', (c) => c.primaryKey().references('cooperatives.id').onDelete('cascade'))
    // JSON list of enabled payment methods: "card", "alipay", "wechat_pay".
    .addColumn('payment_methods', 'text', (c) => c.notNull())
    .addColumn('max_line_quantity', 'integer', (c) => c.notNull().defaultTo(20))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('checkout_settings_max_line_check', sql.raw('max_line_quantity > 0'))
    .execute();

  await db.schema
    .createTable('fulfilment_options')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Pickup points: localized address and opening hours (JSON). Null for delivery.
    .addColumn('address', 'text')
    .addColumn('hours', 'text')
    // Delivery: flat fee (null when only listed regions are served) and per-region fees (JSON).
    .addColumn('fee_minor', 'integer')
    .addColumn('region_fees', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('fulfilment_options_kind_check', sql.raw(`kind in ('pickup', 'delivery')`))
    .addCheckConstraint('fulfilment_options_status_check', sql.raw(`status in ('active', 'archived')`))
    .addCheckConstraint('fulfilment_options_fee_check', sql.raw('fee_minor is null or fee_minor >= 0'))
    .execute();
  await db.schema.createIndex('fulfilment_options_coop_idx').on('fulfilment_options').columns(['cooperative_id', 'position']).execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The receipt's capability: 192 random bits, the only way a shopper reaches the order.
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('subtotal_minor', 'integer', (c) => c.notNull())
    .addColumn('fulfilment_fee_minor', 'integer', (c) => c.notNull())
    .addColumn('total_minor', 'integer', (c) => c.notNull())
    .addColumn('refunded_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fulfilment', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    // SHA-256 of the canonical request body: same key with another body is refused.
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('payment_provider', 'text', (c) => c.notNull())
    .addColumn('payment_session_ref', 'text', (c) => c.unique())
    .addColumn('payment_ref', 'text')
    .addColumn('redirect_url', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('orders_idempotency_unique', ['cooperative_id', 'idempotency_key'])
    .addCheckConstraint(
      'orders_status_check',
      sql.raw(
        `status in ('pending_payment', 'paid', 'packed', 'shipped', 'ready_for_pickup', 'completed', 'cancelled', 'refunded', 'partially_refunded', 'needs_refund')`,
      ),
    )
    .addCheckConstraint(
      'orders_money_check',
      sql.raw('subtotal_minor >= 0 and fulfilment_fee_minor >= 0 and total_minor = subtotal_minor + fulfilment_fee_minor'),
    )
    .addCheckConstraint('orders_refund_check', sql.raw('refunded_minor >= 0 and refunded_minor <= total_minor'))
    .execute();
  await db.schema.createIndex('orders_coop_idx').on('orders').columns(['cooperative_id', 'created_at']).execute();
  // The expiry sweep looks for stale pending orders.
  await db.schema.createIndex('orders_pending_idx').on('orders').columns(['status', 'expires_at']).execute();
  await db.schema.createIndex('orders_payment_ref_idx').on('orders').columns(['payment_ref']).execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('variant_id', 'text', (c) => c.notNull().references('variants.id'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('product_slug', 'text', (c) => c.notNull())
    // Localized snapshots: the receipt shows what was bought even if the catalog changes.
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('variant_label', 'text', (c) => c.notNull())
    .addColumn('unit_price_minor', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('line_total_minor', 'integer', (c) => c.notNull())
    .addColumn('preorder', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('order_lines_pk', ['order_id', 'line_no'])
    .addCheckConstraint('order_lines_money_check', sql.raw('quantity > 0 and unit_price_minor >= 0 and line_total_minor = unit_price_minor * quantity'))
    .execute();

  await db.schema
    .createTable('stock_reservations')
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('variant_id', 'text', (c) => c.notNull().references('variants.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    // held: taken from stock, awaiting payment; consumed: paid; released / returned: given back.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_reservations_pk', ['order_id', 'variant_id'])
    .addCheckConstraint('stock_reservations_quantity_check', sql.raw('quantity > 0'))
    .addCheckConstraint('stock_reservations_status_check', sql.raw(`status in ('held', 'consumed', 'released', 'returned')`))
    .execute();
  await db.schema.createIndex('stock_reservations_variant_idx').on('stock_reservations').columns(['variant_id', 'status']).execute();

  await db.schema
    .createTable('order_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    // Who: 'shopper', 'system', 'provider:stripe', 'staff:<account id>'.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_events_order_idx').on('order_events').columns(['order_id', 'created_at']).execute();

  await db.schema
    .createTable('processed_webhook_events')
    // The unique key that makes every webhook delivery apply at most once.
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['processed_webhook_events', 'order_events', 'stock_reservations', 'order_lines', 'orders', 'fulfilment_options', 'checkout_settings']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
