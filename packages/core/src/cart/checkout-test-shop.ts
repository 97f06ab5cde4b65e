import type { Kysely } from 'kysely';
import { createCooperative, createProduct } from '../catalog/catalog-writer';
import type { HarvestWindow } from '../catalog/types';
import type { TerroirTables } from '../db/schema';
import { createFulfilmentOption, setCheckoutSettings, type PaymentMethod } from './fulfilment';

export interface CheckoutTestShop {
  coopId: string;
  coopSlug: string;
  /** 5 jin box of pears, 6800 fen, `stock` on hand (default 5), in season all year. */
  pearVariantId: string;
  /** Straw basket, 12000 fen, 3 on hand. */
  basketVariantId: string;
  /** Out-of-season product that allows pre-orders, 0 on hand. */
  preorderVariantId: string;
  /** Out-of-season product without pre-orders. */
  outOfSeasonVariantId: string;
  /** Archived product. */
  archivedVariantId: string;
  /** Priced in USD in a CNY cooperative. */
  usdVariantId: string;
  pickupPointId: string;
  deliveryOptionId: string;
}

/** A month that is never "now" in Asia/Shanghai at `now`: for out-of-season products. */
function otherMonthWindow(now: Date): HarvestWindow[] {
  const month = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', month: 'numeric' }).format(now));
  const other = ((month + 5) % 12) + 1;
  return [{ fromMonth: other, toMonth: other }];
}

/**
 * A small cooperative for checkout tests and benchmarks: pears, a basket, a pre-order
 * product, an out-of-season one, an archived one, a pickup point and courier delivery.
 *
 * @example
 * const shop = await createCheckoutTestShop(database.db, { stock: 5 });
 */
export async function createCheckoutTestShop(
  db: Kysely<TerroirTables>,
  options: { stock?: number; slug?: string; paymentMethods?: PaymentMethod[]; maxLineQuantity?: number; now?: Date } = {},
): Promise<CheckoutTestShop> {
  const now = options.now ?? new Date();
  const slug = options.slug ?? 'laiyang-pear';
  const coop = await createCooperative(db, {
    slug,
    name: { 'zh-CN': '莱阳梨合作社', en: 'Laiyang Pear Co-op' },
    description: { 'zh-CN': '莱阳的梨。', en: 'Pears from Laiyang.' },
    place: { name: { 'zh-CN': '莱阳', en: 'Laiyang' } },
    contact: { phone: '+86 535 000 0000' },
    allowedOrigins: ['https://village.example.cn'],
  });
  await setCheckoutSettings(db, coop.id, {
    paymentMethods: options.paymentMethods ?? ['card', 'alipay', 'wechat_pay'],
    maxLineQuantity: options.maxLineQuantity ?? 10,
  });
  const base = {
    cooperativeId: coop.id,
    summary: { 'zh-CN': '简介', en: 'Summary' },
    description: { 'zh-CN': '描述', en: 'Description' },
    images: [],
    tags: [],
    certifications: [],
  };
  const pear = await createProduct(db, {
    ...base,
    slug: 'laiyang-pear-5jin',
    category: 'fresh',
    title: { 'zh-CN': '莱阳梨 5斤装', en: 'Laiyang pears, 5 jin box' },
    harvestWindows: [],
    variants: [{ label: { 'zh-CN': '5斤', en: '5 jin' }, priceMinor: 6800, unit: 'jin', unitQuantity: 5, stockOnHand: options.stock ?? 5 }],
  });
  const basket = await createProduct(db, {
    ...base,
    slug: 'straw-basket',
    category: 'craft',
    title: { 'zh-CN': '草编篮', en: 'Straw basket' },
    harvestWindows: [],
    variants: [{ label: { 'zh-CN': '中号', en: 'Medium' }, priceMinor: 12000, unit: 'piece', unitQuantity: 1, stockOnHand: 3 }],
  });
  const preorder = await createProduct(db, {
    ...base,
    slug: 'autumn-pears-preorder',
    category: 'fresh',
    title: { 'zh-CN': '秋梨预售', en: 'Autumn pears (pre-order)' },
    harvestWindows: otherMonthWindow(now),
    preorder: true,
    variants: [{ label: { 'zh-CN': '10斤', en: '10 jin' }, priceMinor: 9900, unit: 'jin', unitQuantity: 10, stockOnHand: 0 }],
  });
  const outOfSeason = await createProduct(db, {
    ...base,
    slug: 'spring-blossom-honey',
    category: 'processed',
    title: { 'zh-CN': '梨花蜜', en: 'Pear blossom honey' },
    harvestWindows: otherMonthWindow(now),
    variants: [{ label: { 'zh-CN': '500克', en: '500 g' }, priceMinor: 5800, unit: 'g', unitQuantity: 500, stockOnHand: 9 }],
  });
  const archived = await createProduct(db, {
    ...base,
    slug: 'old-jam',
    category: 'processed',
    status: 'archived',
    title: { 'zh-CN': '旧果酱', en: 'Old jam' },
    harvestWindows: [],
    variants: [{ label: { 'zh-CN': '一瓶', en: 'One jar' }, priceMinor: 3000, unit: 'piece', unitQuantity: 1, stockOnHand: 9 }],
  });
  const usd = await createProduct(db, {
    ...base,
    slug: 'export-pears',
    category: 'fresh',
    title: { 'zh-CN': '出口梨', en: 'Export pears' },
    harvestWindows: [],
    variants: [{ label: { 'zh-CN': '一箱', en: 'One box' }, priceMinor: 2000, currency: 'USD', unit: 'box', unitQuantity: 1, stockOnHand: 9 }],
  });
  const pickup = await createFulfilmentOption(db, coop.id, {
    kind: 'pickup',
    name: { 'zh-CN': '合作社门市', en: 'Co-op shop' },
    address: { 'zh-CN': '山东省莱阳市梨乡路1号', en: '1 Pear Village Road, Laiyang, Shandong' },
    hours: { 'zh-CN': '周六 9:00–12:00', en: 'Saturdays 9:00–12:00' },
  });
  const delivery = await createFulfilmentOption(db, coop.id, {
    kind: 'delivery',
    name: { 'zh-CN': '快递', en: 'Courier' },
    flatFeeMinor: 1500,
    regionFees: { shandong: 800 },
    position: 1,
  });
  return {
    coopId: coop.id,
    coopSlug: slug,
    pearVariantId: pear.variants[0]!.id,
    basketVariantId: basket.variants[0]!.id,
    preorderVariantId: preorder.variants[0]!.id,
    outOfSeasonVariantId: outOfSeason.variants[0]!.id,
    archivedVariantId: archived.variants[0]!.id,
    usdVariantId: usd.variants[0]!.id,
    pickupPointId: pickup.id,
    deliveryOptionId: delivery.id,
  };
}
