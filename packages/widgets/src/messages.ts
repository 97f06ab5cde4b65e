import type { Locale } from './types';

// Every string once per key, zh-CN then en: one table is smaller in the bundle than two.
const MESSAGES = {
  loading: ['正在加载…', 'Loading…'],
  error: ['暂时无法加载，请检查网络后重试。', 'We could not load this. Check your connection and try again.'],
  retry: ['重试', 'Try again'],
  empty: ['这里暂时还没有商品。', 'Nothing here yet.'],
  noStories: ['这里暂时还没有故事。', 'No stories here yet.'],
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
  variant: ['规格', 'Size'],
  quantity: ['数量', 'Quantity'],
  less: ['减少', 'Fewer'],
  more: ['增加', 'More'],
  producer: ['生产者', 'Producer'],
  stories: ['相关故事', 'Stories'],
  transcript: ['文字稿', 'Transcript'],
  credit: ['来源：', 'Credit: '],
  takeHome: ['把故事带回家', 'Take this story home'],
  cart: ['购物车', 'Cart'],
  cartEmpty: ['购物车是空的。', 'Your cart is empty.'],
  remove: ['移除', 'Remove'],
  subtotal: ['小计', 'Subtotal'],
  subtotalPending: ['小计待服务器确认', 'Subtotal pending confirmation'],
  checkout: ['去结算', 'Check out'],
  cartCount: ['购物车共 {n} 件', '{n} items in cart'],
  close: ['关闭', 'Close'],
  readMore: ['阅读全文', 'Read the story'],
  unitPriceOf: ['单价', 'Unit price'],
  checkoutFailed: ['结算失败，请重试。', 'Checkout failed. Please try again.'],
  notFound: ['没有找到这一项。', 'We could not find this.'],
  receive: ['取货方式', 'Pickup or delivery'],
  pickup: ['到店自提', 'Pick up'],
  delivery: ['快递配送', 'Delivery'],
  point: ['自提点', 'Pickup point'],
  region: ['收货地区', 'Region'],
  choose: ['请选择', 'Choose…'],
  name: ['收货人', 'Recipient'],
  phone: ['手机号码', 'Phone'],
  line1: ['详细地址', 'Street address'],
  line2: ['地址补充（选填）', 'Address line 2 (optional)'],
  city: ['城市', 'City'],
  fee: ['配送费', 'Delivery fee'],
  total: ['合计', 'Total'],
  paying: ['正在前往支付…', 'Taking you to payment…'],
  noPay: ['本站未开通在线支付。', 'Online payment is not set up on this site.'],
  left: ['仅剩 {n} 件。', 'Only {n} left.'],
  setTo: ['改为 {n} 件', 'Change to {n}'],
} satisfies Record<string, [zh: string, en: string]>;

export type MessageKey = keyof typeof MESSAGES;

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
  const column = locale === 'en' ? 1 : 0;
  return (key, vars) => MESSAGES[key][column].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
}
