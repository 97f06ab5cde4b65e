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
  /** Whether shoppers may pay here on collection, when the cooperative has pay-at-pickup on (default true). */
  offlinePayment?: boolean;
  /** How long stock is held for a pay-at-pickup order: the pickup window, in minutes (default 2880). */
  offlineHoldMinutes?: number;
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
  /** Whether shoppers may pay the courier on delivery, when the cooperative has it on (default true). */
  offlinePayment?: boolean;
  /** How long stock is held for a pay-on-delivery order, in minutes (default 2880). */
  offlineHoldMinutes?: number;
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
  /** Pay at pickup / on delivery (cash or a transfer at the stall) is on. Default false. */
  offlinePayment?: boolean;
}

export const DEFAULT_CHECKOUT_SETTINGS: CheckoutSettings = { paymentMethods: ['card'], maxLineQuantity: 20, offlinePayment: false };

/** Default pickup window of a pay-at-pickup order: stock stays reserved this long (two days). */
export const DEFAULT_OFFLINE_HOLD_MINUTES = 2880;

export type NewFulfilmentOption =
  | {
      kind: 'pickup';
      name: LocalizedText;
      address: LocalizedText;
      hours: LocalizedText;
      position?: number;
      offlinePayment?: boolean;
      offlineHoldMinutes?: number;
    }
  | {
      kind: 'delivery';
      name: LocalizedText;
      flatFeeMinor: number | null;
      regionFees?: Record<string, number>;
      position?: number;
      offlinePayment?: boolean;
      offlineHoldMinutes?: number;
    };

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
  const holdMinutes = input.offlineHoldMinutes ?? DEFAULT_OFFLINE_HOLD_MINUTES;
  if (!Number.isInteger(holdMinutes) || holdMinutes < 1 || holdMinutes > 60 * 24 * 60)
    throw new RangeError(`offlineHoldMinutes is whole minutes from 1 to 86400, got ${holdMinutes}`);
  const offline = { offlinePayment: input.offlinePayment ?? true, offlineHoldMinutes: holdMinutes };
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
      offline_payment: offline.offlinePayment ? 1 : 0,
      offline_hold_minutes: offline.offlineHoldMinutes,
    })
    .execute();
  return input.kind === 'pickup'
    ? { id, kind: 'pickup', name: input.name, address: input.address, hours: input.hours, currency: coop.currency, ...offline }
    : { id, kind: 'delivery', name: input.name, flatFeeMinor: input.flatFeeMinor, regionFees: input.regionFees ?? {}, currency: coop.currency, ...offline };
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
  return rows.map(
    (row): FulfilmentOption =>
      row.kind === 'pickup'
        ? {
            id: row.id,
            kind: 'pickup',
            name: parseJsonColumn(localizedTextSchema, row.name, ref(row.id, 'name')),
            address: parseJsonColumn(localizedTextSchema, row.address ?? '{}', ref(row.id, 'address')),
            hours: parseJsonColumn(localizedTextSchema, row.hours ?? '{}', ref(row.id, 'hours')),
            currency: row.currency,
            offlinePayment: Number(row.offline_payment) === 1,
            offlineHoldMinutes: Number(row.offline_hold_minutes),
          }
        : {
            id: row.id,
            kind: 'delivery',
            name: parseJsonColumn(localizedTextSchema, row.name, ref(row.id, 'name')),
            flatFeeMinor: row.fee_minor === null ? null : Number(row.fee_minor),
            regionFees: parseJsonColumn(z.record(z.string(), z.number().int().nonnegative()), row.region_fees ?? '{}', ref(row.id, 'region_fees')),
            currency: row.currency,
            offlinePayment: Number(row.offline_payment) === 1,
            offlineHoldMinutes: Number(row.offline_hold_minutes),
          },
  );
}

/**
 * Stores which payment methods a cooperative accepts, its per-line quantity limit and
 * whether it takes payment at pickup / on delivery (`offlinePayment`; left as stored when omitted).
 *
 * @example
 * await setCheckoutSettings(db, coop.id, { paymentMethods: ['card', 'alipay', 'wechat_pay'], maxLineQuantity: 10, offlinePayment: true });
 */
export async function setCheckoutSettings(db: Db, cooperativeId: string, settings: CheckoutSettings): Promise<void> {
  const values = {
    payment_methods: JSON.stringify(settings.paymentMethods),
    max_line_quantity: settings.maxLineQuantity,
    updated_at: new Date().toISOString(),
    ...(settings.offlinePayment === undefined ? {} : { offline_payment: settings.offlinePayment ? 1 : 0 }),
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
  const methods = parseJsonColumn(z.array(z.string()), row.payment_methods, {
    table: 'checkout_settings',
    id: cooperativeId,
    column: 'payment_methods',
  }).filter((m): m is PaymentMethod => (PAYMENT_METHODS as readonly string[]).includes(m));
  return {
    paymentMethods: methods.length > 0 ? methods : ['card'],
    maxLineQuantity: Number(row.max_line_quantity),
    offlinePayment: Number(row.offline_payment) === 1,
  };
}

/**
 * Turns pay at pickup / on delivery on or off for a cooperative, keeping its other checkout
 * settings (a cooperative with no stored settings gets the defaults).
 *
 * @example
 * await setOfflinePayment(db, coop.id, true); // the demo village takes cash or a transfer at the stall
 */
export async function setOfflinePayment(db: Db, cooperativeId: string, enabled: boolean): Promise<void> {
  const current = await getCheckoutSettings(db, cooperativeId);
  await setCheckoutSettings(db, cooperativeId, { ...current, offlinePayment: enabled });
}

/** Whether a fulfilment choice can be paid on collection / on delivery, and for how long stock is held. */
export type OfflinePaymentCheck = { ok: true; holdMinutes: number } | { ok: false; field: string; code: 'offline_payment_unavailable' };

/**
 * Decides whether a checkout may pay at pickup / on delivery: the cooperative must have it
 * on and the chosen option must accept it. Unknown options are left to pricing to report.
 *
 * @example
 * const check = offlinePaymentFor(settings, options, { type: 'pickup', pickupPointId }); // { ok: true, holdMinutes: 2880 }
 */
export function offlinePaymentFor(settings: CheckoutSettings, options: readonly FulfilmentOption[], choice: FulfilmentChoice): OfflinePaymentCheck {
  if (!settings.offlinePayment) return { ok: false, field: 'payment', code: 'offline_payment_unavailable' };
  const option =
    choice.type === 'pickup'
      ? options.find((o) => o.kind === 'pickup' && o.id === choice.pickupPointId)
      : choice.optionId
        ? options.find((o) => o.kind === 'delivery' && o.id === choice.optionId)
        : options.find((o) => o.kind === 'delivery');
  if (!option) return { ok: true, holdMinutes: DEFAULT_OFFLINE_HOLD_MINUTES };
  if (option.offlinePayment === false) return { ok: false, field: 'payment', code: 'offline_payment_unavailable' };
  return { ok: true, holdMinutes: option.offlineHoldMinutes ?? DEFAULT_OFFLINE_HOLD_MINUTES };
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
