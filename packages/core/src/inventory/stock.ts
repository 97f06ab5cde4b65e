import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';

/*
 * Every stock change is one conditional statement, and every reservation state change is
 * conditional on the state it leaves: a reservation is released, consumed or returned at
 * most once, so stock comes back exactly once however many events or sweeps race for it.
 * Callers run these inside `writeTransaction`, touching variants in sorted id order.
 */

/**
 * Takes `quantity` from a variant's stock if, and only if, that many are on hand.
 * Returns false (and changes nothing) otherwise.
 *
 * @example
 * if (!(await takeStock(trx, variantId, 2))) throw new SoldOut();
 */
export async function takeStock(trx: Kysely<TerroirTables>, variantId: string, quantity: number): Promise<boolean> {
  const result = await trx
    .updateTable('variants')
    .set((eb) => ({ stock_on_hand: eb('stock_on_hand', '-', quantity) }))
    .where('id', '=', variantId)
    .where('stock_on_hand', '>=', quantity)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

async function giveStockBack(trx: Kysely<TerroirTables>, variantId: string, quantity: number): Promise<void> {
  await trx
    .updateTable('variants')
    .set((eb) => ({ stock_on_hand: eb('stock_on_hand', '+', quantity) }))
    .where('id', '=', variantId)
    .execute();
}

async function reservationsOf(trx: Kysely<TerroirTables>, orderId: string, status: string) {
  return trx
    .selectFrom('stock_reservations')
    .select(['variant_id', 'quantity'])
    .where('order_id', '=', orderId)
    .where('status', '=', status)
    .orderBy('variant_id')
    .execute();
}

/** Moves one reservation from `from` to `to`; true only for the caller that made the change. */
async function moveReservation(trx: Kysely<TerroirTables>, orderId: string, variantId: string, from: string, to: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('stock_reservations')
    .set({ status: to, updated_at: at })
    .where('order_id', '=', orderId)
    .where('variant_id', '=', variantId)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Gives back the stock of an unpaid order's held reservations. Returns units released.
 *
 * @example
 * await releaseHeldStock(trx, orderId, new Date().toISOString()); // 2
 */
export async function releaseHeldStock(trx: Kysely<TerroirTables>, orderId: string, at: string): Promise<number> {
  let units = 0;
  for (const r of await reservationsOf(trx, orderId, 'held')) {
    if (await moveReservation(trx, orderId, r.variant_id, 'held', 'released', at)) {
      await giveStockBack(trx, r.variant_id, Number(r.quantity));
      units += Number(r.quantity);
    }
  }
  return units;
}

/**
 * Marks held reservations as sold (paid). Stock was already taken when they were made.
 *
 * @example
 * await consumeHeldStock(trx, orderId, at);
 */
export async function consumeHeldStock(trx: Kysely<TerroirTables>, orderId: string, at: string): Promise<void> {
  for (const r of await reservationsOf(trx, orderId, 'held')) await moveReservation(trx, orderId, r.variant_id, 'held', 'consumed', at);
}

/**
 * For a payment that completed after its reservation was released: takes the stock again,
 * all lines or none. Returns false when any line can no longer be served.
 *
 * @example
 * const served = await retakeReleasedStock(trx, orderId, at);
 */
export async function retakeReleasedStock(trx: Kysely<TerroirTables>, orderId: string, at: string): Promise<boolean> {
  const released = await reservationsOf(trx, orderId, 'released');
  const taken: { variant_id: string; quantity: number }[] = [];
  for (const r of released) {
    if (await takeStock(trx, r.variant_id, Number(r.quantity))) {
      taken.push(r);
      continue;
    }
    // Undo what this attempt took; the transaction commits either all lines or none.
    for (const t of taken) await giveStockBack(trx, t.variant_id, Number(t.quantity));
    return false;
  }
  for (const r of released) await moveReservation(trx, orderId, r.variant_id, 'released', 'consumed', at);
  return true;
}

/**
 * Returns sold stock to the shelf (a full refund before the goods left). Returns units returned.
 *
 * @example
 * await returnConsumedStock(trx, orderId, at);
 */
export async function returnConsumedStock(trx: Kysely<TerroirTables>, orderId: string, at: string): Promise<number> {
  let units = 0;
  for (const r of await reservationsOf(trx, orderId, 'consumed')) {
    if (await moveReservation(trx, orderId, r.variant_id, 'consumed', 'returned', at)) {
      await giveStockBack(trx, r.variant_id, Number(r.quantity));
      units += Number(r.quantity);
    }
  }
  return units;
}

/**
 * PostgreSQL: locks the variant rows in sorted id order, so two checkouts never deadlock.
 *
 * @example
 * if (store.capabilities.rowLocks) await lockVariants(trx, variantIds);
 */
export async function lockVariants(trx: Kysely<TerroirTables>, variantIds: readonly string[]): Promise<void> {
  if (variantIds.length === 0) return;
  await trx
    .selectFrom('variants')
    .select('id')
    .where('id', 'in', [...variantIds].sort())
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * Takes `quantity` of a variant for an order and records the hold, in the caller's
 * transaction: false (nothing changed) when that many are not on hand.
 *
 * @example
 * if (!(await holdStock(trx, { orderId, variantId, quantity: 2, expiresAt, at }))) throw new SoldOut();
 */
export async function holdStock(
  trx: Kysely<TerroirTables>,
  input: { orderId: string; variantId: string; quantity: number; expiresAt: string; at: string },
): Promise<boolean> {
  if (!(await takeStock(trx, input.variantId, input.quantity))) return false;
  await trx
    .insertInto('stock_reservations')
    .values({
      order_id: input.orderId,
      variant_id: input.variantId,
      quantity: input.quantity,
      status: 'held',
      expires_at: input.expiresAt,
      created_at: input.at,
      updated_at: input.at,
    })
    .execute();
  return true;
}

/**
 * Moves the expiry of an order's held stock (when the payment session's own expiry is known).
 *
 * @example
 * await extendHeldStock(trx, order.id, session.expiresAt);
 */
export async function extendHeldStock(trx: Kysely<TerroirTables>, orderId: string, expiresAt: Date): Promise<void> {
  await trx
    .updateTable('stock_reservations')
    .set({ expires_at: expiresAt.toISOString() })
    .where('order_id', '=', orderId)
    .where('status', '=', 'held')
    .execute();
}

/**
 * Stock reservations currently holding stock for unpaid orders (all cooperatives), with the
 * quantity they hold: an operator's gauge (see `createTelemetry` in @terroir/server).
 *
 * @example
 * const { reservations, units } = await countHeldReservations(db);
 */
export async function countHeldReservations(db: Kysely<TerroirTables>): Promise<{ reservations: number; units: number }> {
  const row = await db
    .selectFrom('stock_reservations')
    .select((eb) => [
      eb.fn.countAll<number | string | bigint>().as('reservations'),
      eb.fn.coalesce(eb.fn.sum<number | string | bigint>('quantity'), eb.lit(0)).as('units'),
    ])
    .where('status', '=', 'held')
    .executeTakeFirst();
  return { reservations: Number(row?.reservations ?? 0), units: Number(row?.units ?? 0) };
}
