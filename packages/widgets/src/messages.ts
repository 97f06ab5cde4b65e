import type { Locale } from './types';

// Every string once per key, zh-CN then en: one table is smaller in the bundle than two.
// Strings only one lazily loaded widget needs live in its own chunk (`translator(lang, TABLE)`).
const MESSAGES = {
  loading: ['正在加载…', 'Loading…'],
  error: ['暂时无法加载，请检查网络后重试。', 'We could not load this. Check your connection and try again.'],
  retry: ['重试', 'Try again'],
  empty: ['这里暂时还没有商品。', 'Nothing here yet.'],
  all: ['全部', 'All'],
  category: ['品类', 'Category'],
  fresh: ['鲜果蔬', 'Fresh produce'],
  processed: ['加工食品', 'Processed food'],
  craft: ['手工艺', 'Crafts'],
  experience: ['体验', 'Experiences'],
  inSeasonOnly: ['只看应季', 'In season only'],
  from: ['起', 'from'],
  perKg: ['/公斤', '/kg'],
  perJin: ['/斤', '/jin (500 g)'],
  'year-round': ['全年供应', 'All year'],
  'in-season': ['应季', 'In season'],
  preorder: ['可预订', 'Pre-order'],
  'out-of-season': ['非当季', 'Out of season'],
  'in-stock': ['有货', 'In stock'],
  low: ['库存紧张', 'Few left'],
  'sold-out': ['已售罄', 'Sold out'],
  add: ['加入购物车', 'Add to cart'],
  added: ['已加入购物车：', 'Added to cart: '],
  storyBehind: ['背后的故事', 'The story behind it'],
  quantity: ['数量', 'Quantity'],
  less: ['减少', 'Fewer'],
  more: ['增加', 'More'],
  cart: ['购物车', 'Cart'],
  cartEmpty: ['购物车是空的。', 'Your cart is empty.'],
  remove: ['移除', 'Remove'],
  subtotal: ['小计', 'Subtotal'],
  subtotalPending: ['待确认', 'to be confirmed'],
  checkout: ['去结算', 'Check out'],
  cartCount: ['购物车共 {n} 件', '{n} items in cart'],
  close: ['关闭', 'Close'],
  unitPriceOf: ['单价', 'Unit price'],
  notFound: ['没有找到这一项。', 'We could not find this.'],
  notAllowed: ['本网站暂未开通此合作社的商品展示。', 'This site cannot show this shop yet.'],
  paying: ['正在前往支付…', 'Taking you to payment…'],
  left: ['仅剩 {n} 件。', 'Only {n} left.'],
  setTo: ['改为 {n} 件', 'Change to {n}'],
  orderBy: ['电话/微信订购：', 'Order by phone/WeChat: '],
} satisfies Record<string, [zh: string, en: string]>;

export type MessageKey = keyof typeof MESSAGES;

/** A widget's own strings: key → [zh-CN, en]. */
export type MessageTable = Record<string, [zh: string, en: string]>;

/**
 * Maps a loose language tag onto a locale the widgets speak; anything not English is zh-CN,
 * the cooperatives' own language.
 *
 * @example
 * localeOf('en-GB') // 'en'
 * localeOf(undefined) // 'zh-CN'
 */
export function localeOf(tag: string | null | undefined): Locale {
  return tag && /^en\b/i.test(tag) ? 'en' : 'zh-CN';
}

/** Looks a key up in a table and fills `{n}`-style variables. */
export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

/**
 * The translator for a locale, of the shared strings or of a widget's own table:
 * `t('cartCount', { n: 3 })`.
 *
 * @example
 * translator('en')('add') // 'Add to cart'
 * translator('en', { hi: ['你好', 'Hello'] })('hi') // 'Hello'
 */
export function translator(locale: Locale): Translate<MessageKey>;
export function translator<T extends MessageTable>(locale: Locale, table: T): Translate<keyof T & string>;
export function translator(locale: Locale, table: MessageTable = MESSAGES): Translate<string> {
  const column = locale === 'en' ? 1 : 0;
  return (key, vars) => table[key]![column].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
}
