import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { createFulfilmentOption, setCheckoutSettings } from './fulfilment';

/**
 * Gives the demo cooperative a pickup point, courier delivery (cheaper within Shandong) and
 * cards, Alipay and WeChat Pay. Does nothing when the cooperative already has options.
 *
 * @example
 * await seedDemoFulfilment(db, seeded.cooperativeId);
 */
export async function seedDemoFulfilment(db: Kysely<TerroirTables>, cooperativeId: string): Promise<void> {
  const existing = await db.selectFrom('fulfilment_options').select('id').where('cooperative_id', '=', cooperativeId).executeTakeFirst();
  if (existing) return;
  await setCheckoutSettings(db, cooperativeId, { paymentMethods: ['card', 'alipay', 'wechat_pay'], maxLineQuantity: 20 });
  await createFulfilmentOption(db, cooperativeId, {
    kind: 'pickup',
    name: { 'zh-CN': '照旺庄合作社门市', en: 'Co-op shop, Zhaowangzhuang' },
    // Demo addresses: the town and market are real places, the exact spots are not.
    address: { 'zh-CN': '山东省莱阳市照旺庄镇（示例地址）', en: 'Zhaowangzhuang, Laiyang, Shandong (demo address)' },
    hours: { 'zh-CN': '每天 8:00–17:30（采摘季周末延长至 19:00）', en: 'Daily 8:00–17:30 (weekends until 19:00 in harvest season)' },
    position: 0,
  });
  await createFulfilmentOption(db, cooperativeId, {
    kind: 'pickup',
    name: { 'zh-CN': '莱阳城区周六集市摊位', en: 'Saturday market stall, Laiyang town' },
    address: { 'zh-CN': '莱阳城区农贸市场（示例地址）', en: 'Farmers market, Laiyang town (demo address)' },
    hours: { 'zh-CN': '周六 7:00–11:00', en: 'Saturdays 7:00–11:00' },
    position: 1,
  });
  await createFulfilmentOption(db, cooperativeId, {
    kind: 'delivery',
    name: { 'zh-CN': '顺丰冷链快递', en: 'Chilled courier (SF Express)' },
    flatFeeMinor: 2200,
    regionFees: { shandong: 1000, beijing: 1800, tianjin: 1800, shanghai: 2000, jiangsu: 1800 },
    position: 2,
  });
}
