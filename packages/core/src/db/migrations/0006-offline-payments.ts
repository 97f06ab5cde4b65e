import { sql, type Kysely } from 'kysely';

/**
 * Pay at pickup / on delivery (issue 13): the cooperative switches it on in its checkout
 * settings, each fulfilment option can opt out and says how long stock is held for an
 * unpaid pay-on-collection order, and such orders carry a short pickup code that is unique
 * per cooperative among open (awaiting-payment) orders.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('checkout_settings')
    .addColumn('offline_payment', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('fulfilment_options')
    .addColumn('offline_payment', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Minutes stock stays reserved for a pay-at-pickup order: the pickup window. Two days by default.
  await db.schema
    .alterTable('fulfilment_options')
    .addColumn('offline_hold_minutes', 'integer', (c) => c.notNull().defaultTo(2880))
    .execute();
  await db.schema.alterTable('orders').addColumn('pickup_code', 'text').execute();
  // Partial unique index (SQLite and PostgreSQL both have them): a code can be reused once
  // its order is closed, never while two open orders could be mistaken for each other.
  await db.schema
    .createIndex('orders_open_pickup_code_unique')
    .on('orders')
    .columns(['cooperative_id', 'pickup_code'])
    .unique()
    .where(sql.ref('status'), '=', 'pending_payment')
    .execute();
  await db.schema.createIndex('orders_pickup_code_idx').on('orders').columns(['cooperative_id', 'pickup_code']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_pickup_code_idx').execute();
  await db.schema.dropIndex('orders_open_pickup_code_unique').execute();
  await db.schema.alterTable('orders').dropColumn('pickup_code').execute();
  await db.schema.alterTable('fulfilment_options').dropColumn('offline_hold_minutes').execute();
  await db.schema.alterTable('fulfilment_options').dropColumn('offline_payment').execute();
  await db.schema.alterTable('checkout_settings').dropColumn('offline_payment').execute();
}
