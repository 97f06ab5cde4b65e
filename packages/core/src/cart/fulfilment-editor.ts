import type { Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import type { FulfilmentOption, NewFulfilmentOption } from './fulfilment';
import { listFulfilmentOptions } from './fulfilment';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/**
 * One active pickup point or delivery option of a cooperative, or undefined (also for
 * another cooperative's id).
 *
 * @example
 * const point = await loadFulfilmentOption(db, coop.id, 'ful_abc');
 */
export async function loadFulfilmentOption(db: Db, cooperativeId: string, id: string): Promise<FulfilmentOption | undefined> {
  return (await listFulfilmentOptions(db, cooperativeId)).find((option) => option.id === id);
}

/**
 * Replaces the editable fields of a pickup point or delivery option (its kind never
 * changes). Orders keep their own snapshot of the option, so edits never rewrite history.
 * Returns false when the option is not the cooperative's or is archived.
 *
 * @example
 * await updateFulfilmentOption(db, coop.id, 'ful_abc', { kind: 'delivery', name: { 'zh-CN': '快递' }, flatFeeMinor: 1200, regionFees: { shandong: 600 } });
 */
export async function updateFulfilmentOption(db: Db, cooperativeId: string, id: string, input: NewFulfilmentOption): Promise<boolean> {
  const fees = input.kind === 'delivery' ? [input.flatFeeMinor, ...Object.values(input.regionFees ?? {})] : [];
  for (const fee of fees) {
    if (fee !== null && (!Number.isInteger(fee) || fee < 0)) throw new RangeError(`Fees are non-negative integer minor units, got ${fee}`);
  }
  const result = await db
    .updateTable('fulfilment_options')
    .set({
      name: JSON.stringify(input.name),
      address: input.kind === 'pickup' ? JSON.stringify(input.address) : null,
      hours: input.kind === 'pickup' ? JSON.stringify(input.hours) : null,
      fee_minor: input.kind === 'delivery' ? input.flatFeeMinor : null,
      region_fees: input.kind === 'delivery' ? JSON.stringify(input.regionFees ?? {}) : null,
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.offlinePayment !== undefined ? { offline_payment: input.offlinePayment ? 1 : 0 } : {}),
      ...(input.offlineHoldMinutes !== undefined ? { offline_hold_minutes: input.offlineHoldMinutes } : {}),
    })
    .where('id', '=', id)
    .where('cooperative_id', '=', cooperativeId)
    .where('kind', '=', input.kind)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Takes a pickup point or delivery option off the checkout. Archived, not deleted: past
 * orders name it. Returns false when it is not the cooperative's or already archived.
 *
 * @example
 * await archiveFulfilmentOption(db, coop.id, 'ful_abc');
 */
export async function archiveFulfilmentOption(db: Db, cooperativeId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('fulfilment_options')
    .set({ status: 'archived' })
    .where('id', '=', id)
    .where('cooperative_id', '=', cooperativeId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
