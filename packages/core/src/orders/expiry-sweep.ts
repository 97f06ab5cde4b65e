import { releaseHeldStock } from '../inventory/stock';
import { recordOrderEvent } from './order-status';
import { writeTransaction, type OrderStore } from './write-transaction';

export interface ExpirySweepOptions {
  now?: Date;
  /**
   * How long after its expiry a pending order is left alone, so the provider's own
   * `expired` (or a last-second `completed`) event usually arrives first. Default 10 min.
   */
  graceMs?: number;
  /** Most orders handled in one run (default 500). */
  limit?: number;
}

/**
 * Releases the stock of pending orders whose payment window passed and cancels them.
 * Each order is its own short transaction with a conditional state change, so running the
 * sweep twice, or beside a webhook for the same order, returns stock exactly once.
 *
 * @example
 * const { cancelled } = await sweepExpiredReservations(store); // from a cron or `terroir-reconcile`
 */
export async function sweepExpiredReservations(store: OrderStore, options: ExpirySweepOptions = {}): Promise<{ cancelled: string[] }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.graceMs ?? 10 * 60_000)).toISOString();
  const stale = await store.db
    .selectFrom('orders')
    .select('id')
    .where('status', '=', 'pending_payment')
    .where('expires_at', '<', cutoff)
    .orderBy('expires_at')
    .limit(options.limit ?? 500)
    .execute();
  const cancelled: string[] = [];
  for (const { id } of stale) {
    const done = await writeTransaction(store, async (trx) => {
      const at = now.toISOString();
      const updated = await trx
        .updateTable('orders')
        .set({ status: 'cancelled', updated_at: at })
        .where('id', '=', id)
        .where('status', '=', 'pending_payment')
        .where('expires_at', '<', cutoff)
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) return false;
      await releaseHeldStock(trx, id, at);
      await recordOrderEvent(trx, { orderId: id, from: 'pending_payment', to: 'cancelled', actor: 'system', reason: 'reservation_expired', at });
      return true;
    });
    if (done) cancelled.push(id);
  }
  return { cancelled };
}
