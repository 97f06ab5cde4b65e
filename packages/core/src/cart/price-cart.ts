import type { Kysely, Transaction } from 'kysely';
import { monthIn, seasonStatus } from '../catalog/season';
import type { CurrencyCode, HarvestWindow } from '../catalog/types';
import type { TerroirTables } from '../db/schema';
import type { Locale, LocalizedText } from '../locale/locale';
import { fulfilmentFee, getCheckoutSettings, listFulfilmentOptions, type FulfilmentChoice, type FulfilmentOption } from './fulfilment';
import { parseJsonColumn } from '../db/json-column';
import { harvestWindowListSchema, localizedTextSchema } from '../catalog/catalog-column-schemas';
import { variantsForPricing } from '../catalog/catalog-editor';
import { cooperativePricing } from '../cooperatives/cooperatives';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** Most lines one cart may hold. */
export const MAX_CART_LINES = 50;

/** One line as the client sends it: only a variant id and a quantity, never a price. */
export interface CartLineInput {
  variantId: string;
  quantity: number;
}

export type CartIssueCode =
  | 'unknown_variant'
  | 'unavailable'
  | 'quantity_too_low'
  | 'quantity_too_high'
  | 'quantity_not_integer'
  | 'out_of_stock'
  | 'mixed_currency'
  | 'too_many_lines'
  | 'empty_cart'
  | 'unknown_fulfilment'
  | 'region_not_served';

/** What is wrong with one line (or the cart), for a 4xx `error.issues` list. */
export interface CartIssue {
  field: string;
  code: CartIssueCode;
  message: string;
  /** For out_of_stock: how many can still be bought. */
  available?: number;
  /** For quantity_too_high: the per-line limit. */
  max?: number;
}

/** A priced line. Every amount is computed here from the database, in integer minor units. */
export interface PricedLine {
  lineNo: number;
  variantId: string;
  productId: string;
  productSlug: string;
  title: LocalizedText;
  variantLabel: LocalizedText;
  unitPriceMinor: number;
  quantity: number;
  lineTotalMinor: number;
  /** Stock on hand now (pre-order lines do not draw on it). */
  available: number;
  /** A pre-order for the next harvest: allowed only out of season on products that say so. */
  preorder: boolean;
}

export interface CartQuote {
  currency: CurrencyCode;
  lines: PricedLine[];
  subtotalMinor: number;
  fulfilmentFeeMinor: number;
  totalMinor: number;
  fulfilment: { option: FulfilmentOption; choice: FulfilmentChoice } | null;
}

export type PriceCartResult = { ok: true; quote: CartQuote } | { ok: false; issues: CartIssue[] };

export interface PriceCartInput {
  cooperativeId: string;
  lines: readonly CartLineInput[];
  /** Optional at quote time, required at checkout. */
  fulfilment?: FulfilmentChoice;
  /** Locale of issue messages. */
  locale?: Locale;
  /** "Today", for the season test (defaults to now). */
  now?: Date;
}

const MESSAGES: Record<CartIssueCode, Record<Locale, string>> = {
  unknown_variant: { 'zh-CN': '找不到该商品规格。', en: 'No such product variant.' },
  unavailable: { 'zh-CN': '该商品目前不可购买。', en: 'This product cannot be bought right now.' },
  quantity_too_low: { 'zh-CN': '数量至少为 1。', en: 'Quantity must be at least 1.' },
  quantity_too_high: { 'zh-CN': '超过每行可购买的最大数量。', en: 'Quantity is above the limit per line.' },
  quantity_not_integer: { 'zh-CN': '数量必须是整数。', en: 'Quantity must be a whole number.' },
  out_of_stock: { 'zh-CN': '库存不足。', en: 'Not enough in stock.' },
  mixed_currency: { 'zh-CN': '购物车中的商品币种不一致。', en: 'Items in the cart are priced in different currencies.' },
  too_many_lines: { 'zh-CN': '购物车商品行数过多。', en: 'Too many lines in the cart.' },
  empty_cart: { 'zh-CN': '购物车是空的。', en: 'The cart is empty.' },
  unknown_fulfilment: { 'zh-CN': '找不到所选的取货或配送方式。', en: 'No such pickup point or delivery option.' },
  region_not_served: { 'zh-CN': '暂不配送到该地区。', en: 'We do not deliver to this region.' },
};

/**
 * The message for an issue code in a locale (zh-CN and en).
 *
 * @example
 * cartIssueMessage('out_of_stock', 'zh-CN') // '库存不足。'
 */
export function cartIssueMessage(code: CartIssueCode, locale: Locale): string {
  return MESSAGES[code][locale];
}

/**
 * Prices a cart on the server from variant ids and quantities only: line totals, the
 * fulfilment fee and the total, in integer minor units, with every problem listed per line.
 * It reads; it reserves nothing (see `placeOrder`).
 *
 * @example
 * const result = await priceCart(db, { cooperativeId: coop.id, lines: [{ variantId: 'var_x', quantity: 2 }] });
 * if (result.ok) console.log(result.quote.totalMinor); // 13600
 * else console.log(result.issues); // [{ field: 'lines[0].quantity', code: 'out_of_stock', available: 1, … }]
 */
export async function priceCart(db: Db, input: PriceCartInput): Promise<PriceCartResult> {
  const locale = input.locale ?? 'en';
  const issue = (field: string, code: CartIssueCode, extra: Partial<CartIssue> = {}): CartIssue => ({
    field,
    code,
    message: MESSAGES[code][locale],
    ...extra,
  });
  if (input.lines.length === 0) return { ok: false, issues: [issue('lines', 'empty_cart')] };
  if (input.lines.length > MAX_CART_LINES) return { ok: false, issues: [issue('lines', 'too_many_lines', { max: MAX_CART_LINES })] };

  const coop = await cooperativePricing(db, input.cooperativeId);
  const settings = await getCheckoutSettings(db, input.cooperativeId);
  const variantIds = [...new Set(input.lines.map((l) => l.variantId))];
  const rows = await variantsForPricing(db, input.cooperativeId, variantIds);
  const byId = new Map(rows.map((r) => [r.variantId, r]));
  const month = monthIn(input.now ?? new Date(), coop.timezone);

  // Stock is checked against the sum over lines of the same variant.
  const wanted = new Map<string, number>();
  for (const line of input.lines) {
    if (Number.isInteger(line.quantity) && line.quantity > 0) wanted.set(line.variantId, (wanted.get(line.variantId) ?? 0) + line.quantity);
  }

  const issues: CartIssue[] = [];
  const lines: PricedLine[] = [];
  const currencies = new Set<string>();
  input.lines.forEach((line, index) => {
    const at = `lines[${index}]`;
    const row = byId.get(line.variantId);
    if (!row) {
      issues.push(issue(`${at}.variantId`, 'unknown_variant'));
      return;
    }
    if (row.variantStatus !== 'active' || row.productStatus !== 'active') {
      issues.push(issue(`${at}.variantId`, 'unavailable'));
      return;
    }
    const windows = parseJsonColumn(harvestWindowListSchema, row.harvest_windows, { table: 'products', id: row.productId, column: 'harvest_windows' });
    const season = seasonStatus(windows, Number(row.preorder) === 1, month);
    if (season === 'out-of-season') {
      issues.push(issue(`${at}.variantId`, 'unavailable'));
      return;
    }
    const preorder = season === 'preorder';
    if (!Number.isInteger(line.quantity)) {
      issues.push(issue(`${at}.quantity`, 'quantity_not_integer'));
      return;
    }
    if (line.quantity < 1) {
      issues.push(issue(`${at}.quantity`, 'quantity_too_low'));
      return;
    }
    if (line.quantity > settings.maxLineQuantity) {
      issues.push(issue(`${at}.quantity`, 'quantity_too_high', { max: settings.maxLineQuantity }));
      return;
    }
    const stock = Number(row.stock_on_hand);
    if (!preorder && (wanted.get(line.variantId) ?? 0) > stock) {
      issues.push(issue(`${at}.quantity`, 'out_of_stock', { available: stock }));
    }
    currencies.add(row.currency);
    const unitPriceMinor = Number(row.price_minor);
    lines.push({
      lineNo: index,
      variantId: row.variantId,
      productId: row.productId,
      productSlug: row.slug,
      title: parseJsonColumn(localizedTextSchema, row.title, { table: 'products', id: row.productId, column: 'title' }),
      variantLabel: parseJsonColumn(localizedTextSchema, row.label, { table: 'variants', id: row.variantId, column: 'label' }),
      unitPriceMinor,
      quantity: line.quantity,
      lineTotalMinor: unitPriceMinor * line.quantity,
      available: stock,
      preorder,
    });
  });
  if (currencies.size > 1 || (currencies.size === 1 && !currencies.has(coop.currency))) {
    input.lines.forEach((line, index) => {
      const row = byId.get(line.variantId);
      if (row && row.currency !== coop.currency) issues.push(issue(`lines[${index}].variantId`, 'mixed_currency'));
    });
  }

  let fulfilment: CartQuote['fulfilment'] = null;
  let fulfilmentFeeMinor = 0;
  if (input.fulfilment) {
    const fee = fulfilmentFee(await listFulfilmentOptions(db, input.cooperativeId), input.fulfilment);
    if (fee.ok) {
      fulfilment = { option: fee.option, choice: input.fulfilment };
      fulfilmentFeeMinor = fee.feeMinor;
    } else {
      issues.push(issue(fee.field, fee.code));
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const subtotalMinor = lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
  if (!Number.isSafeInteger(subtotalMinor + fulfilmentFeeMinor)) throw new RangeError('Cart total overflows');
  return {
    ok: true,
    quote: { currency: coop.currency, lines, subtotalMinor, fulfilmentFeeMinor, totalMinor: subtotalMinor + fulfilmentFeeMinor, fulfilment },
  };
}
