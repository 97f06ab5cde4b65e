import type { Locale } from '../locale/locale';

/**
 * Mainland China's provincial-level regions, by the lowercase pinyin code the fulfilment
 * model keys its region fees on (`shandong`, `beijing`…), with their names in both locales.
 * Shoppers pick a name; the code is what checkout sends back.
 */
export const DELIVERY_REGIONS: ReadonlyArray<readonly [code: string, zh: string, en: string]> = [
  ['beijing', '北京市', 'Beijing'],
  ['tianjin', '天津市', 'Tianjin'],
  ['hebei', '河北省', 'Hebei'],
  ['shanxi', '山西省', 'Shanxi'],
  ['neimenggu', '内蒙古自治区', 'Inner Mongolia'],
  ['liaoning', '辽宁省', 'Liaoning'],
  ['jilin', '吉林省', 'Jilin'],
  ['heilongjiang', '黑龙江省', 'Heilongjiang'],
  ['shanghai', '上海市', 'Shanghai'],
  ['jiangsu', '江苏省', 'Jiangsu'],
  ['zhejiang', '浙江省', 'Zhejiang'],
  ['anhui', '安徽省', 'Anhui'],
  ['fujian', '福建省', 'Fujian'],
  ['jiangxi', '江西省', 'Jiangxi'],
  ['shandong', '山东省', 'Shandong'],
  ['henan', '河南省', 'Henan'],
  ['hubei', '湖北省', 'Hubei'],
  ['hunan', '湖南省', 'Hunan'],
  ['guangdong', '广东省', 'Guangdong'],
  ['guangxi', '广西壮族自治区', 'Guangxi'],
  ['hainan', '海南省', 'Hainan'],
  ['chongqing', '重庆市', 'Chongqing'],
  ['sichuan', '四川省', 'Sichuan'],
  ['guizhou', '贵州省', 'Guizhou'],
  ['yunnan', '云南省', 'Yunnan'],
  ['xizang', '西藏自治区', 'Tibet (Xizang)'],
  ['shaanxi', '陕西省', 'Shaanxi'],
  ['gansu', '甘肃省', 'Gansu'],
  ['qinghai', '青海省', 'Qinghai'],
  ['ningxia', '宁夏回族自治区', 'Ningxia'],
  ['xinjiang', '新疆维吾尔自治区', 'Xinjiang'],
];

/** One region a delivery option serves, with its fee. */
export interface DeliveryRegion {
  code: string;
  name: string;
  feeMinor: number;
}

/**
 * The regions a delivery option serves, named in `locale`: every listed region at its own fee,
 * and, when the option has a flat fee, every other known region at that fee. Listed codes the
 * table does not know are shown as given.
 *
 * @example
 * deliveryRegions({ flatFeeMinor: null, regionFees: { shandong: 800 } }, 'en') // [{ code: 'shandong', name: 'Shandong', feeMinor: 800 }]
 */
export function deliveryRegions(option: { flatFeeMinor: number | null; regionFees: Record<string, number> }, locale: Locale): DeliveryRegion[] {
  const nameOf = (code: string) => {
    const known = DELIVERY_REGIONS.find(([c]) => c === code);
    return known ? (locale === 'zh-CN' ? known[1] : known[2]) : code;
  };
  const listed = Object.entries(option.regionFees).map(([code, feeMinor]) => ({ code, name: nameOf(code), feeMinor }));
  const others =
    option.flatFeeMinor === null
      ? []
      : DELIVERY_REGIONS.filter(([code]) => !Object.hasOwn(option.regionFees, code)).map(([code]) => ({
          code,
          name: nameOf(code),
          feeMinor: option.flatFeeMinor!,
        }));
  // Table order (north to south-west, as Chinese address forms list them), unknown codes last.
  const rank = (code: string) => {
    const i = DELIVERY_REGIONS.findIndex(([c]) => c === code);
    return i < 0 ? DELIVERY_REGIONS.length : i;
  };
  return [...listed, ...others].sort((a, b) => rank(a.code) - rank(b.code));
}
