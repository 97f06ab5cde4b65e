import type { Locale } from './types';

const zh = {
  loading: '正在加载…',
  error: '暂时无法加载，请检查网络后重试。',
  retry: '重试',
  empty: '这里暂时还没有商品。',
  noStories: '这里暂时还没有故事。',
  all: '全部',
  category: '品类',
  fresh: '鲜果蔬',
  processed: '加工食品',
  craft: '手工艺',
  experience: '体验',
  inSeasonOnly: '只看应季',
  from: '起',
  perKg: '/公斤',
  perJin: '/斤',
  'year-round': '全年供应',
  'in-season': '应季',
  preorder: '可预订',
  'out-of-season': '非当季',
  'in-stock': '有货',
  low: '库存紧张',
  'sold-out': '已售罄',
  add: '加入购物车',
  added: '已加入购物车：',
  storyBehind: '背后的故事',
  variant: '规格',
  quantity: '数量',
  less: '减少',
  more: '增加',
  producer: '生产者',
  stories: '相关故事',
  transcript: '文字稿',
  credit: '来源：',
  takeHome: '把故事带回家',
  cart: '购物车',
  cartEmpty: '购物车是空的。',
  remove: '移除',
  subtotal: '小计',
  subtotalPending: '小计待服务器确认',
  checkout: '去结算',
  cartCount: '购物车共 {n} 件',
  close: '关闭',
  readMore: '阅读全文',
  unitPriceOf: '单价',
  checkoutFailed: '结算失败，请重试。',
  notFound: '没有找到这一项。',
};

type Messages = typeof zh;
export type MessageKey = keyof Messages;

const en: Messages = {
  loading: 'Loading…',
  error: 'We could not load this. Check your connection and try again.',
  retry: 'Try again',
  empty: 'Nothing here yet.',
  noStories: 'No stories here yet.',
  all: 'All',
  category: 'Category',
  fresh: 'Fresh produce',
  processed: 'Processed food',
  craft: 'Crafts',
  experience: 'Experiences',
  inSeasonOnly: 'In season only',
  from: 'from',
  perKg: '/kg',
  perJin: '/jin (500 g)',
  'year-round': 'All year',
  'in-season': 'In season',
  preorder: 'Pre-order',
  'out-of-season': 'Out of season',
  'in-stock': 'In stock',
  low: 'Few left',
  'sold-out': 'Sold out',
  add: 'Add to cart',
  added: 'Added to cart: ',
  storyBehind: 'The story behind it',
  variant: 'Size',
  quantity: 'Quantity',
  less: 'Fewer',
  more: 'More',
  producer: 'Producer',
  stories: 'Stories',
  transcript: 'Transcript',
  credit: 'Credit: ',
  takeHome: 'Take this story home',
  cart: 'Cart',
  cartEmpty: 'Your cart is empty.',
  remove: 'Remove',
  subtotal: 'Subtotal',
  subtotalPending: 'Subtotal pending confirmation',
  checkout: 'Check out',
  cartCount: '{n} items in cart',
  close: 'Close',
  readMore: 'Read the story',
  unitPriceOf: 'Unit price',
  checkoutFailed: 'Checkout failed. Please try again.',
  notFound: 'We could not find this.',
};

const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zh, en };

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

/**
 * The translator for a locale: `t('cartCount', { n: 3 })`.
 *
 * @example
 * translator('en')('add') // 'Add to cart'
 */
export function translator(locale: Locale): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const table = MESSAGES[locale];
  return (key, vars) => table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
}
