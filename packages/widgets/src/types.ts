// Response shapes of the storefront API (see docs/api-contract), as the widgets read them.
// Money is always integer minor units (fen for CNY) plus an ISO currency code.

/** A served locale. */
export type Locale = 'zh-CN' | 'en';
export type ProductCategory = 'fresh' | 'processed' | 'craft' | 'experience';
export type SeasonState = 'year-round' | 'in-season' | 'preorder' | 'out-of-season';
export type StockState = 'in-stock' | 'low' | 'sold-out';

export interface Money {
  priceMinor: number;
  currency: string;
}
export interface UnitPrice {
  perKgMinor: number;
  perJinMinor: number;
}
export interface ImageRef {
  url: string;
  alt: string;
  width?: number;
  height?: number;
}
export interface ProductSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  category: ProductCategory;
  image: ImageRef | null;
  priceFrom: Money | null;
  unitPrice: UnitPrice | null;
  season: SeasonState;
  stock: StockState;
  storyCount: number;
  producer: { slug: string; name: string } | null;
  tags: string[];
}
export interface Variant {
  id: string;
  sku?: string | null;
  label: string;
  priceMinor: number;
  currency: string;
  unit: string;
  unitQuantity: number;
  netGrams?: number | null;
  unitPrice: UnitPrice | null;
  stock: { state: StockState; available: number };
}
export interface StoryLink {
  slug: string;
  kind: string;
  title: string;
  summary: string;
  relation?: string;
  image?: ImageRef | null;
  hasAudio?: boolean;
}
export interface ProductDetail extends ProductSummary {
  description: string;
  images: ImageRef[];
  variants: Variant[];
  producer: (ProductSummary['producer'] & { profile?: string; portrait?: ImageRef | null }) | null;
  stories: StoryLink[];
}
export interface StorySummary {
  id: string;
  slug: string;
  kind: string;
  title: string;
  summary: string;
  image: ImageRef | null;
  hasAudio: boolean;
  hasVideo: boolean;
  era: string | null;
  place: { name: string; region?: string } | null;
}
export interface StoryMedia {
  kind: 'image' | 'audio' | 'video';
  url: string;
  mimeType?: string | null;
  caption?: string | null;
  credit?: string | null;
  transcript?: string | null;
  alt?: string | null;
  durationSeconds?: number | null;
  width?: number | null;
  height?: number | null;
}
export interface StoryDetail extends StorySummary {
  bodyHtml: string;
  media: StoryMedia[];
  attribution: string | null;
  products: { slug: string; title: string; image: ImageRef | null; priceFrom: Money | null; relation?: string }[];
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface QuoteLine {
  variantId: string;
  productSlug: string;
  title: string;
  variantLabel: string;
  unitPriceMinor: number;
  quantity: number;
  lineTotalMinor: number;
  available: number;
}
export interface Quote {
  currency: string;
  lines: QuoteLine[];
  subtotalMinor: number;
  /** Delivery fee of the fulfilment sent with the quote (0 for pickup or none). */
  fulfilmentFeeMinor: number;
  totalMinor: number;
}
/** `GET /v1/coops/:coop/fulfilment`: how a shopper can receive an order. */
export interface Fulfilment {
  checkoutEnabled: boolean;
  currency: string;
  /** The payment choices that exist: `card`/`alipay`/`wechat_pay` (online), `offline` (pay at pickup / on delivery). */
  paymentMethods: string[];
  /** How to order by phone or WeChat when there is no checkout; null when the cooperative has neither. */
  contact: { phone?: string; wechat?: string } | null;
  pickupPoints: { id: string; name: string; address: string; hours: string; payOffline?: boolean }[];
  delivery: { id: string; name: string; payOffline?: boolean; regions: { code: string; name: string; feeMinor: number }[] }[];
}
/** What the shopper chose, as checkout takes it. */
export type FulfilmentChoice =
  | { type: 'pickup'; pickupPointId: string }
  | { type: 'delivery'; optionId?: string; region: string; address: Record<string, string> };
