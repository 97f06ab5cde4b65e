import type { HarvestWindow, ProductCategory, SaleUnit } from '../catalog/types';
import { PRODUCT_CATEGORIES, SALE_UNITS } from '../catalog/types';
import { parsePriceToMinor, toHalfWidth } from './price-parsing';

/**
 * Words a cooperative's spreadsheet uses for our categories and units. The built-in tables
 * below cover common Chinese and English spellings; a cooperative extends them (stored with
 * its remembered mapping, see import-settings.ts) and its own words win.
 */
export interface ImportWordTables {
  categories: Record<string, ProductCategory>;
  units: Record<string, SaleUnit>;
}

/** Built-in category words (lower-cased, half-width). */
export const DEFAULT_CATEGORY_WORDS: Readonly<Record<string, ProductCategory>> = {
  fresh: 'fresh',
  生鲜: 'fresh',
  鲜果: 'fresh',
  水果: 'fresh',
  农产品: 'fresh',
  蔬菜: 'fresh',
  时令水果: 'fresh',
  生鲜果蔬: 'fresh',
  果蔬: 'fresh',
  processed: 'processed',
  加工: 'processed',
  加工品: 'processed',
  加工食品: 'processed',
  干果: 'processed',
  干货: 'processed',
  特产: 'processed',
  土特产: 'processed',
  农副产品: 'processed',
  农副加工品: 'processed',
  食品: 'processed',
  craft: 'craft',
  手工艺: 'craft',
  手工: 'craft',
  工艺品: 'craft',
  手工艺品: 'craft',
  手工制品: 'craft',
  非遗: 'craft',
  文创: 'craft',
  experience: 'experience',
  体验: 'experience',
  活动: 'experience',
  采摘: 'experience',
  研学: 'experience',
};

/**
 * Built-in unit words. Containers a village sells by (瓶, 罐, 桶, 袋, 包, 套) are countable
 * items: they map onto `piece`, the sale unit for one countable thing; the word itself belongs
 * in the variant label (规格). 两 is 50 g.
 */
export const DEFAULT_UNIT_WORDS: Readonly<Record<string, { unit: SaleUnit; factor: number }>> = Object.fromEntries([
  ...['斤', '市斤', 'jin'].map((w) => [w, { unit: 'jin', factor: 1 }]),
  ...['公斤', '千克', 'kg'].map((w) => [w, { unit: 'kg', factor: 1 }]),
  ...['克', 'g'].map((w) => [w, { unit: 'g', factor: 1 }]),
  ['两', { unit: 'g', factor: 50 }],
  ...['个', '件', '只', '瓶', '罐', '桶', '袋', '包', '套', '条', '块', '支', '颗', '张', 'piece', 'pcs', 'bottle', 'jar', 'bag', 'set'].map((w) => [
    w,
    { unit: 'piece', factor: 1 },
  ]),
  ...['盒', '箱', '篮', 'box'].map((w) => [w, { unit: 'box', factor: 1 }]),
  ...['把', '捆', '扎', '束', 'bundle'].map((w) => [w, { unit: 'bundle', factor: 1 }]),
]);

/** Normalises a word for lookup: half-width, trimmed, lower-case, no inner spaces. */
export function normalizeWord(word: string): string {
  return toHalfWidth(word).trim().toLowerCase().replace(/\s+/g, '');
}

/**
 * Reads a category cell through the cooperative's words, then the built-in ones.
 *
 * @example
 * parseCategory('鲜果')                                      // 'fresh'
 * parseCategory('山货', { categories: { 山货: 'processed' }, units: {} }) // 'processed'
 */
export function parseCategory(cell: string, words?: ImportWordTables): ProductCategory | null {
  const word = normalizeWord(cell);
  if (!word) return null;
  const own = words && Object.entries(words.categories).find(([w]) => normalizeWord(w) === word)?.[1];
  return own ?? (Object.hasOwn(DEFAULT_CATEGORY_WORDS, word) ? DEFAULT_CATEGORY_WORDS[word]! : null);
}

/**
 * Reads a unit cell: a unit word alone (`斤`, `瓶`) or with a whole quantity in front (`5斤`,
 * `3两` = 150 g). The cooperative's own words come first. Null for anything unknown.
 *
 * @example
 * parseUnitWord('3两')  // { unit: 'g', quantity: 150 }
 * parseUnitWord('瓶')   // { unit: 'piece', quantity: null }
 */
export function parseUnitWord(cell: string, words?: ImportWordTables): { unit: SaleUnit; quantity: number | null } | null {
  const text = normalizeWord(cell);
  const match = /^(\d{1,6})?(.+)$/.exec(text);
  if (!match) return null;
  const name = match[2]!;
  const ownUnit = words && Object.entries(words.units).find(([w]) => normalizeWord(w) === name)?.[1];
  const found = ownUnit ? { unit: ownUnit, factor: 1 } : Object.hasOwn(DEFAULT_UNIT_WORDS, name) ? DEFAULT_UNIT_WORDS[name] : undefined;
  if (!found) return null;
  if (match[1] === undefined) return { unit: found.unit, quantity: found.factor === 1 ? null : found.factor };
  const quantity = Number(match[1]) * found.factor;
  return quantity === 0 ? null : { unit: found.unit, quantity };
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 正: 1, 冬: 11, 腊: 12 };

/** `3`, `03`, `十一`, `十二`, `正` (the first month), `腊` (the twelfth) → 1..12; else null. */
function monthNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) {
    const n = Number(text);
    return n >= 1 && n <= 12 ? n : null;
  }
  if (text === '十') return 10;
  const m = /^十([一二])$/.exec(text);
  if (m) return 10 + CHINESE_DIGITS[m[1]!]!;
  if (text.length === 1 && Object.hasOwn(CHINESE_DIGITS, text)) return CHINESE_DIGITS[text]!;
  return null;
}

/**
 * Reads a season cell into harvest windows (months 1–12; a window may wrap past December):
 * `3-5月`, `3月-5月`, `九月至十一月`, `11月~2月`, `6月`, `3-5月、9-10月`, `全年` (all year).
 * Null when the cell is not a season.
 *
 * @example
 * parseSeasonMonths('3-5月')         // [{ fromMonth: 3, toMonth: 5 }]
 * parseSeasonMonths('九月至十一月')   // [{ fromMonth: 9, toMonth: 11 }]
 */
export function parseSeasonMonths(cell: string): HarvestWindow[] | null {
  const text = toHalfWidth(cell).trim().replace(/\s+/g, '').replace(/份/g, '');
  if (!text) return null;
  if (/^(全年|四季|常年|allyear|all-year|1-12月?)$/i.test(text)) return [{ fromMonth: 1, toMonth: 12 }];
  const parts = text.split(/[,、;；/和及]/).filter(Boolean);
  if (parts.length === 0 || parts.length > 12) return null;
  const out: HarvestWindow[] = [];
  for (const part of parts) {
    const m = /^([0-9]{1,2}|十[一二]?|[一二三四五六七八九正冬腊])月?(?:(?:-|~|至|到|—|–)([0-9]{1,2}|十[一二]?|[一二三四五六七八九冬腊])月?)?$/.exec(part);
    if (!m) return null;
    const from = monthNumber(m[1]!);
    const to = m[2] === undefined ? from : monthNumber(m[2]);
    if (from === null || to === null) return null;
    // "3" alone (no 月 and no range) is still a month; "3-5" reads as months too.
    out.push({ fromMonth: from, toMonth: to });
  }
  return out;
}

/**
 * Checks a cooperative's word tables (from the API or a mapping file): each word 1–20
 * characters after normalising, at most 200 words per table, values among our categories
 * and units. Returns the problems as `[path, reason]` pairs (empty when valid).
 *
 * @example
 * wordTableProblems({ categories: { 山货: 'processed' }, units: { 坛: 'piece' } }) // []
 */
export function wordTableProblems(words: { categories?: Record<string, string>; units?: Record<string, string> }): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  for (const [table, allowed] of [
    ['categories', PRODUCT_CATEGORIES],
    ['units', SALE_UNITS],
  ] as const) {
    const entries = Object.entries(words[table] ?? {});
    if (entries.length > 200) problems.push([table, 'too_many']);
    for (const [word, value] of entries) {
      const n = normalizeWord(word);
      if (n.length < 1 || n.length > 20) problems.push([`${table}.${word.slice(0, 30)}`, 'invalid_word']);
      else if (!(allowed as readonly string[]).includes(value))
        problems.push([`${table}.${word.slice(0, 30)}`, table === 'units' ? 'unknown_unit' : 'unknown_category']);
    }
  }
  return problems;
}

/**
 * Reads a price cell that may name what the price is for: `12.5 元/斤`, `¥30/瓶`, `8元每斤`.
 * The amount goes through `parsePriceToMinor` (integer minor units, never a float); the unit
 * after `/` or `每` through the unit words. Null when either part cannot be read
 * (`面议`, `12.345`, `5元/吨`).
 *
 * @example
 * parsePriceCell('12.5 元/斤') // { minor: 1250, per: { unit: 'jin', quantity: null } }
 * parsePriceCell('¥12')       // { minor: 1200, per: null }
 */
export function parsePriceCell(cell: string, words?: ImportWordTables): { minor: number; per: { unit: SaleUnit; quantity: number | null } | null } | null {
  const text = toHalfWidth(cell).trim();
  const m = /^(.*?)\s*(?:\/|每)\s*([^/]+)$/.exec(text);
  const amount = m ? m[1]! : text;
  const minor = parsePriceToMinor(amount);
  if (minor === null) return null;
  if (!m) return { minor, per: null };
  const per = parseUnitWord(m[2]!, words);
  return per ? { minor, per } : null;
}
