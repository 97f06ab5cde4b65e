import type { Locale, LocalizedText } from '../locale/locale';
import type { HistoricalDate } from '../museum/historical-date';

/** ISO 4217 code, upper case (CNY by default). */
export type CurrencyCode = string;

export const PRODUCT_CATEGORIES = ['fresh', 'processed', 'craft', 'experience'] as const;
/** fresh produce, processed food, craft, experience (a workshop, a harvest day). */
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const SALE_UNITS = ['piece', 'g', 'kg', 'jin', 'box', 'bundle'] as const;
/** Unit a variant is sold in. `jin` is 斤, 500 g. */
export type SaleUnit = (typeof SALE_UNITS)[number];

export const CERTIFICATION_KINDS = ['organic', 'green-food', 'geographical-indication'] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

export const STORY_KINDS = ['history', 'craft-technique', 'festival', 'person', 'recipe', 'place', 'legend'] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

export const STORY_VISIBILITIES = ['public', 'community'] as const;
/** `community`: knowledge the community does not want shown to everyone; never served publicly. */
export type StoryVisibility = (typeof STORY_VISIBILITIES)[number];

export const STORY_STATUSES = ['draft', 'published'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export const MEDIA_KINDS = ['image', 'audio', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const STORY_PRODUCT_RELATIONS = ['made-with-technique', 'grown-in-place', 'tradition-of', 'featured-in', 'recipe-for'] as const;
/** How a story relates to a product: "made with this technique", "grown in this place"… */
export type StoryProductRelation = (typeof STORY_PRODUCT_RELATIONS)[number];

export const STORY_PRODUCER_RELATIONS = ['told-by', 'practised-by', 'about'] as const;
export type StoryProducerRelation = (typeof STORY_PRODUCER_RELATIONS)[number];

export const STORY_STORY_RELATIONS = ['see-also', 'part-of', 'continues'] as const;
export type StoryStoryRelation = (typeof STORY_STORY_RELATIONS)[number];

export const PRODUCER_KINDS = ['farmer', 'artisan', 'workshop', 'farm'] as const;
export type ProducerKind = (typeof PRODUCER_KINDS)[number];

/** A place on the map with a localized name. */
export interface Place {
  name: LocalizedText;
  region?: LocalizedText;
  latitude?: number;
  longitude?: number;
}

export interface ContactInfo {
  phone?: string;
  email?: string;
  wechat?: string;
  address?: LocalizedText;
}

/** The tenant: one cooperative, one village. */
export interface Cooperative {
  id: string;
  slug: string;
  name: LocalizedText;
  description: LocalizedText;
  place: Place;
  defaultLocale: Locale;
  currency: CurrencyCode;
  /** IANA zone used to decide "in season" (Asia/Shanghai by default). */
  timezone: string;
  contact: ContactInfo;
  /** Web origins allowed to embed this cooperative's widgets and call its API (`https://village.example.cn`). */
  allowedOrigins: string[];
  /** The picture at the top of the cooperative's home page; without it the pages use the first product's picture. */
  heroImage?: ImageRef;
}

export interface ImageRef {
  url: string;
  alt: LocalizedText;
  width?: number;
  height?: number;
}

export interface Producer {
  id: string;
  cooperativeId: string;
  slug: string;
  kind: ProducerKind;
  name: LocalizedText;
  profile: LocalizedText;
  portrait?: ImageRef;
  /**
   * A copy of a place (producer pages still show it). Migration 0018 also linked each producer to
   * a museum place record of the same name through `museum_links`; new links are made there.
   */
  place?: Place;
}

export interface Certification {
  kind: CertificationKind;
  /** Registry id, e.g. the geographical-indication registration number. */
  registryId?: string;
  issuer?: LocalizedText;
}

/** Months 1–12, inclusive; a window may wrap the year end (Nov–Feb). */
export interface HarvestWindow {
  fromMonth: number;
  toMonth: number;
}

export interface Variant {
  id: string;
  productId: string;
  sku?: string;
  label: LocalizedText;
  /** Price of one unit of sale, in the currency's minor unit (fen for CNY). */
  priceMinor: number;
  currency: CurrencyCode;
  unit: SaleUnit;
  /** How many `unit`s one sale holds: a 5 jin box is unit `jin`, quantity 5. */
  unitQuantity: number;
  /** Net weight in grams for countable units (piece, box, bundle), so a price per kg can be shown. */
  netGrams?: number;
  stockOnHand: number;
  status: ProductStatus;
  position: number;
}

export interface Product {
  id: string;
  cooperativeId: string;
  slug: string;
  producerId?: string;
  category: ProductCategory;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  images: ImageRef[];
  tags: string[];
  certifications: Certification[];
  /** Empty: available all year. */
  harvestWindows: HarvestWindow[];
  /** Whether shoppers may pre-order for the next harvest while out of season. */
  preorder: boolean;
  status: ProductStatus;
  position: number;
  createdAt: string;
  updatedAt: string;
}

/** One timed passage of a recording's transcript. */
export interface TranscriptCue {
  /** Seconds from the start of the recording. */
  start: number;
  end: number;
  text: LocalizedText;
}

export interface StoryMedia {
  kind: MediaKind;
  url: string;
  mimeType?: string;
  caption?: LocalizedText;
  credit?: LocalizedText;
  /** Required for audio and video: what is said, for people who cannot listen. */
  transcript?: LocalizedText;
  /**
   * Optional timings of the transcript, in seconds from the start, one cue per passage (as a
   * WebVTT file would hold them): the hall audio guide highlights the cue being heard.
   */
  cues?: TranscriptCue[];
  alt?: LocalizedText;
  durationSeconds?: number;
  width?: number;
  height?: number;
}

export interface Story {
  id: string;
  cooperativeId: string;
  slug: string;
  kind: StoryKind;
  title: LocalizedText;
  summary: LocalizedText;
  /** Markdown; rendered to sanitized HTML on the way out. */
  body: LocalizedText;
  media: StoryMedia[];
  /**
   * @deprecated A copy of a place, kept readable for old data. A story's places are museum place
   * records linked through `museum_links` (migration 0018 turned the copies into records).
   */
  place?: Place;
  /** When the story happened, sortable (exact day … Chinese period), with its free-text label. */
  date?: HistoricalDate;
  /** Free text shown when the story has no `date` ("Handed down over generations"). */
  era?: LocalizedText;
  attribution?: LocalizedText;
  visibility: StoryVisibility;
  status: StoryStatus;
  position: number;
  createdAt: string;
  updatedAt: string;
}

/** Money in minor units with its currency. */
export interface Money {
  priceMinor: number;
  currency: CurrencyCode;
}

/** A page of results and the cursor of the next page (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An active product as a story links to it, before the relation is known. */
export interface LinkedProductBase {
  id: string;
  slug: string;
  title: LocalizedText;
  images: ImageRef[];
  priceFrom: Money | null;
  /** The product's own position, the tie-break after the link's position. */
  position: number;
}
