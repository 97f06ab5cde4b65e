import type { Kysely, Transaction } from 'kysely';
import { newId } from '../catalog/ids';
import type { CurrencyCode } from '../catalog/types';
import type { TerroirTables } from '../db/schema';
import type { LocalizedText } from '../locale/locale';
import { DELIVERY_REGIONS } from './delivery-regions';
import { cooperativePricing } from '../cooperatives/cooperatives';
import { z } from 'zod';
import { parseJsonColumn } from '../db/json-column';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';

const ref = (id: string, column: string) => ({ table: 'fulfilment_options', id, column });

const KNOWN_REGION_CODES = new Set(DELIVERY_REGIONS.map(([code]) => code));
const isKnownRegion = (code: string) => KNOWN_REGION_CODES.has(code);

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** A place where shoppers collect their order. */
export interface PickupPoint {
  id: string;
  kind: 'pickup';
  name: LocalizedText;
  address: LocalizedText;
  /** Opening hours as shoppers read them ("周六 9:00–12:00" / "Sat 9:00–12:00"). */
  hours: LocalizedText;
  currency: CurrencyCode;
}

/** Delivery by post or courier: a flat fee, per-region fees, or both (region wins). */
export interface DeliveryOption {
  id: string;
  kind: 'delivery';
  name: LocalizedText;
  /** Fee for any region not listed; null when only listed regions are served. */
  flatFeeMinor: number | null;
  /** Fee per region code (`shandong`, `beijing`…), integer minor units. */
  regionFees: Record<string, number>;
  currency: CurrencyCode;
}

export type FulfilmentOption = PickupPoint | DeliveryOption;

/** What the shopper chose at checkout. */
export type FulfilmentChoice =
  | { type: 'pickup'; pickupPointId: string }
  | { type: 'delivery'; optionId?: string; region: string; address: Record<string, string> };

export const PAYMENT_METHODS = ['card', 'alipay', 'wechat_pay'] as const;
/** Payment methods a cooperative can enable. */
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Per-cooperative checkout settings, with defaults when none are stored. */
export interface CheckoutSettings {
  paymentMethods: PaymentMethod[];
  /** Most units of one variant a single cart line may hold. */
  maxLineQuantity: number;
}

export const DEFAULT_CHECKOUT_SETTINGS: CheckoutSettings = { paymentMethods: ['card'], maxLineQuantity: 20 };

export type NewFulfilmentOption =
  | { kind: 'pickup'; name: LocalizedText; address: LocalizedText; hours: LocalizedText; position?: number }
  | { kind: 'delivery'; name: LocalizedText; flatFeeMinor: number | null; regionFees?: Record<string, number>; position?: number };

/**
 * Adds a pickup point or a delivery option to a cooperative (the demo seed calls this).
 *
 * @example
 * await createFulfilmentOption(db, coop.id, { kind: 'pickup', name: { 'zh-CN': '合作社门市', en: 'Co-op shop' }, address: {…}, hours: {…} });
 * await createFulfilmentOption(db, coop.id, { kind: 'delivery', name: { 'zh-CN': '快递', en: 'Courier' }, flatFeeMinor: 1500, regionFees: { shandong: 800 } });
 */
export async function createFulfilmentOption(db: Db, cooperativeId: string, input: NewFulfilmentOption): Promise<FulfilmentOption> {
  const coop = await cooperativePricing(db, cooperativeId);
  const id = newId('ful');
  const fees = input.kind === 'delivery' ? [input.flatFeeMinor, ...Object.values(input.regionFees ?? {})] : [];
  for (const fee of fees) {
    if (fee !== null && (!Number.isInteger(fee) || fee < 0)) throw new RangeError(`Fees are non-negative integer minor units, got ${fee}`);
  }
  await db
    .insertInto('fulfilment_options')
    .values({
      id,
      cooperative_id: cooperativeId,
      kind: input.kind,
      name: JSON.stringify(input.name),
      address: input.kind === 'pickup' ? JSON.stringify(input.address) : null,
      hours: input.kind === 'pickup' ? JSON.stringify(input.hours) : null,
      fee_minor: input.kind === 'delivery' ? input.flatFeeMinor : null,
      region_fees: input.kind === 'delivery' ? JSON.stringify(input.regionFees ?? {}) : null,
      currency: coop.currency,
      status: 'active',
      position: input.position ?? 0,
      created_at: new Date().toISOString(),
    })
    .execute();
  return input.kind === 'pickup'
    ? { id, kind: 'pickup', name: input.name, address: input.address, hours: input.hours, currency: coop.currency }
    : { id, kind: 'delivery', name: input.name, flatFeeMinor: input.flatFeeMinor, regionFees: input.regionFees ?? {}, currency: coop.currency };
}

/**
 * A cooperative's active pickup points and delivery options, in display order.
 *
 * @example
 * const options = await listFulfilmentOptions(db, coop.id); // [{ kind: 'pickup', … }, { kind: 'delivery', … }]
 */
export async function listFulfilmentOptions(db: Db, cooperativeId: string): Promise<FulfilmentOption[]> {
  const rows = await db
    .selectFrom('fulfilment_options')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('status', '=', 'active')
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((row): FulfilmentOption =>
    row.kind === 'pickup'
      ? {
          id: row.id,
          kind: 'pickup',
          name: parseJsonColumn(localizedTextSchema, row.name, ref(row.id, 'name')),
          address: parseJsonColumn(localizedTextSchema, row.address ?? '{}', ref(row.id, 'address')),
          hours: parseJsonColumn(localizedTextSchema, row.hours ?? '{}', ref(row.id, 'hours')),
          currency: row.currency,
        }
      : {
          id: row.id,
          kind: 'delivery',
          name: parseJsonColumn(localizedTextSchema, row.name, ref(row.id, 'name')),
          flatFeeMinor: row.fee_minor === null ? null : Number(row.fee_minor),
          regionFees: parseJsonColumn(z.record(z.string(), z.number().int().nonnegative()), row.region_fees ?? '{}', ref(row.id, 'region_fees')),
          currency: row.currency,
        },
  );
}

/**
 * Stores which payment methods a cooperative accepts and its per-line quantity limit.
 *
 * @example
 * await setCheckoutSettings(db, coop.id, { paymentMethods: ['card', 'alipay', 'wechat_pay'], maxLineQuantity: 10 });
 */
export async function setCheckoutSettings(db: Db, cooperativeId: string, settings: CheckoutSettings): Promise<void> {
  const values = {
    payment_methods: JSON.stringify(settings.paymentMethods),
    max_line_quantity: settings.maxLineQuantity,
    updated_at: new Date().toISOString(),
  };
  await db
    .insertInto('checkout_settings')
    .values({ cooperative_id: cooperativeId, ...values })
    .onConflict((oc) => oc.column('cooperative_id').doUpdateSet(values))
    .execute();
}

/**
 * A cooperative's checkout settings, or the defaults (cards only, 20 per line).
 *
 * @example
 * const { paymentMethods } = await getCheckoutSettings(db, coop.id); // ['card']
 */
export async function getCheckoutSettings(db: Db, cooperativeId: string): Promise<CheckoutSettings> {
  const row = await db.selectFrom('checkout_settings').selectAll().where('cooperative_id', '=', cooperativeId).executeTakeFirst();
  if (!row) return DEFAULT_CHECKOUT_SETTINGS;
  const methods = parseJsonColumn(z.array(z.string()), row.payment_methods, { table: 'checkout_settings', id: cooperativeId, column: 'payment_methods' }).filter((m): m is PaymentMethod => (PAYMENT_METHODS as readonly string[]).includes(m));
  return { paymentMethods: methods.length > 0 ? methods : ['card'], maxLineQuantity: Number(row.max_line_quantity) };
}

/** The fee for a fulfilment choice, or why it cannot be served. */
export type FulfilmentFee =
  | { ok: true; option: FulfilmentOption; feeMinor: number }
  | { ok: false; field: string; code: 'unknown_fulfilment' | 'region_not_served' };

/**
 * Prices a fulfilment choice against the cooperative's options: pickup is free; delivery
 * charges the region's own fee, else the flat fee, but only for a region the option serves:
 * a listed region code, or (with a flat fee) a known mainland region code
 * ({@link DELIVERY_REGIONS}). Anything else, free text or markup included, is
 * `region_not_served`.
 *
 * @example
 * fulfilmentFee(options, { type: 'delivery', region: 'shandong', address: {…} }) // { ok: true, feeMinor: 800, … }
 */
export function fulfilmentFee(options: readonly FulfilmentOption[], choice: FulfilmentChoice): FulfilmentFee {
  if (choice.type === 'pickup') {
    const point = options.find((o) => o.kind === 'pickup' && o.id === choice.pickupPointId);
    return point ? { ok: true, option: point, feeMinor: 0 } : { ok: false, field: 'fulfilment.pickupPointId', code: 'unknown_fulfilment' };
  }
  const deliveries = options.filter((o): o is DeliveryOption => o.kind === 'delivery');
  const option = choice.optionId ? deliveries.find((o) => o.id === choice.optionId) : deliveries[0];
  if (!option) return { ok: false, field: choice.optionId ? 'fulfilment.optionId' : 'fulfilment.type', code: 'unknown_fulfilment' };
  const region = choice.region.trim().toLowerCase();
  const regionFee = Object.hasOwn(option.regionFees, region) ? option.regionFees[region] : undefined;
  const fee = regionFee ?? (isKnownRegion(region) ? option.flatFeeMinor : null);
  if (fee === null || fee === undefined) return { ok: false, field: 'fulfilment.region', code: 'region_not_served' };
  return { ok: true, option, feeMinor: fee };
}
