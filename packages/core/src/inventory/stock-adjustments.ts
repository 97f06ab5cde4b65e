import { sql, type Kysely, type Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { newId } from '../catalog/ids';

/*
 * Stock changed by hand (restock, harvest, count correction, damage…): one conditional
 * statement on the variant's stock and a ledger row saying why, in the caller's transaction.
 */

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;
const now = () => new Date().toISOString();

/** Why stock may be changed by hand. */
export const STOCK_ADJUSTMENT_REASONS = ['restock', 'harvest', 'count-correction', 'damaged', 'sold-offline', 'returned', 'other'] as const;
/** Why stock was changed by hand. */
export type StockAdjustmentReason = (typeof STOCK_ADJUSTMENT_REASONS)[number];

/**
 * Changes a variant's stock by `delta` in one conditional statement (so concurrent
 * adjustments and checkouts can never take it below zero) and records the reason. Call it
 * inside a transaction so the ledger row and the change commit together.
 *
 * @example
 * const result = await adjustStock(trx, { cooperativeId, variantId, delta: -3, reason: 'damaged', note: '运输压伤' });
 * if (!result.ok) console.log(`only ${result.available} left`);
 */
export async function adjustStock(
  db: Db,
  input: { cooperativeId: string; variantId: string; delta: number; reason: StockAdjustmentReason; note?: string; userId?: string | null },
): Promise<{ ok: true; stockOnHand: number; adjustmentId: string } | { ok: false; available: number }> {
  if (!Number.isSafeInteger(input.delta) || input.delta === 0) throw new RangeError('delta must be a non-zero integer');
  const updated = await db
    .updateTable('variants')
    .set({ stock_on_hand: sql<number>`stock_on_hand + ${input.delta}`, updated_at: now() })
    .where('id', '=', input.variantId)
    .where(sql<boolean>`stock_on_hand + ${input.delta} >= 0`)
    .where('product_id', 'in', (eb) => eb.selectFrom('products').select('id').where('cooperative_id', '=', input.cooperativeId))
    .returning('stock_on_hand')
    .executeTakeFirst();
  if (!updated) {
    const row = await db.selectFrom('variants').select('stock_on_hand').where('id', '=', input.variantId).executeTakeFirst();
    return { ok: false, available: Number(row?.stock_on_hand ?? 0) };
  }
  const adjustmentId = newId('adj');
  await db
    .insertInto('stock_adjustments')
    .values({
      id: adjustmentId,
      cooperative_id: input.cooperativeId,
      variant_id: input.variantId,
      delta: input.delta,
      stock_after: Number(updated.stock_on_hand),
      reason: input.reason,
      note: input.note ?? '',
      user_id: input.userId ?? null,
      at: now(),
    })
    .execute();
  return { ok: true, stockOnHand: Number(updated.stock_on_hand), adjustmentId };
}

/** A variant's recorded stock adjustments, newest first. */
export async function listStockAdjustments(db: Db, cooperativeId: string, variantId: string, limit = 100) {
  const rows = await db
    .selectFrom('stock_adjustments')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('variant_id', '=', variantId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 500))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    variantId: r.variant_id,
    delta: Number(r.delta),
    stockAfter: Number(r.stock_after),
    reason: r.reason as StockAdjustmentReason,
    note: r.note,
    userId: r.user_id,
    at: r.at,
  }));
}

/**
 * Sets a variant's stock to an absolute count, but only if it still holds the count the
 * caller saw (one conditional statement: a sale in between makes it fail instead of being
 * overwritten), and records the difference as an adjustment.
 *
 * @example
 * const ok = await setStockIfUnchanged(trx, { cooperativeId, variantId, expected: 10, target: 25, reason: 'count-correction', note: 'CSV import' });
 */
export async function setStockIfUnchanged(
  db: Db,
  input: { cooperativeId: string; variantId: string; expected: number; target: number; reason: StockAdjustmentReason; note?: string; userId?: string | null },
): Promise<boolean> {
  if (input.target === input.expected) return true;
  const result = await db
    .updateTable('variants')
    .set({ stock_on_hand: input.target, updated_at: now() })
    .where('id', '=', input.variantId)
    .where('stock_on_hand', '=', input.expected)
    .where('product_id', 'in', (eb) => eb.selectFrom('products').select('id').where('cooperative_id', '=', input.cooperativeId))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await db
    .insertInto('stock_adjustments')
    .values({
      id: newId('adj'),
      cooperative_id: input.cooperativeId,
      variant_id: input.variantId,
      delta: input.target - input.expected,
      stock_after: input.target,
      reason: input.reason,
      note: input.note ?? '',
      user_id: input.userId ?? null,
      at: now(),
    })
    .execute();
  return true;
}
