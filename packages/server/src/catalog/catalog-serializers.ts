import {
  formatHistoricalDate,
  pickLocalized,
  renderMarkdown,
  unitPrices,
  type Cooperative,
  type ImageRef,
  type Locale,
  type LocalizedText,
  type Place,
  type ProducerDetail,
  type ProductCard,
  type ProductDetail,
  type StoryCard,
  type StoryDetail,
  type StoryMedia,
} from '@terroir/core';
import type {
  CooperativeBody,
  ImageBody,
  PlaceBody,
  ProducerDetailBody,
  ProductDetailBody,
  ProductSummaryBody,
  StoryDetailBody,
  StorySummaryBody,
} from './catalog-schemas';

/*
 * Domain objects → the contract's response shapes. Localized texts are resolved to one
 * locale here, and every field that had to fall back is recorded under its path.
 */

/** Resolves localized texts for one resource and remembers which fields fell back. */
export class Localizer {
  private fallbacks: Record<string, Locale> | undefined;

  constructor(
    readonly locale: Locale,
    readonly defaultLocale: Locale,
  ) {}

  /** The text in the served locale (or its fallback); '' when it is empty in every locale. */
  text(value: LocalizedText | undefined, field: string): string {
    return this.optional(value, field) ?? '';
  }

  /** Like {@link text}, but null when the text is absent. */
  optional(value: LocalizedText | undefined, field: string): string | null {
    const pick = pickLocalized(value, this.locale, this.defaultLocale);
    if (!pick) return null;
    if (pick.locale !== this.locale) {
      this.fallbacks ??= {};
      this.fallbacks[field] = pick.locale;
    }
    return pick.value;
  }

  /** `locale` and, when anything fell back, `fallbacks`, to spread into the resource. */
  served(): { locale: Locale; fallbacks?: Record<string, Locale> } {
    return this.fallbacks ? { locale: this.locale, fallbacks: this.fallbacks } : { locale: this.locale };
  }
}

function image(ref: ImageRef | undefined, l: Localizer, field: string): ImageBody | null {
  if (!ref) return null;
  return {
    url: ref.url,
    alt: l.text(ref.alt, `${field}.alt`),
    ...(ref.width === undefined ? {} : { width: ref.width }),
    ...(ref.height === undefined ? {} : { height: ref.height }),
  };
}

function place(value: Place | undefined, l: Localizer, field: string): PlaceBody | null {
  if (!value) return null;
  return {
    name: l.text(value.name, `${field}.name`),
    region: l.optional(value.region, `${field}.region`),
    latitude: value.latitude ?? null,
    longitude: value.longitude ?? null,
  };
}

function storyImage(media: StoryMedia[], l: Localizer, field: string): ImageBody | null {
  const first = media.find((m) => m.kind === 'image');
  if (!first) return null;
  return image(
    { url: first.url, alt: first.alt ?? {}, ...(first.width ? { width: first.width } : {}), ...(first.height ? { height: first.height } : {}) },
    l,
    field,
  );
}

/**
 * The cooperative profile.
 *
 * @example
 * serializeCooperative(coop, 'en')
 */
export function serializeCooperative(coop: Cooperative, locale: Locale): CooperativeBody {
  const l = new Localizer(locale, coop.defaultLocale);
  return {
    id: coop.id,
    slug: coop.slug,
    name: l.text(coop.name, 'name'),
    description: l.text(coop.description, 'description'),
    place: place(coop.place, l, 'place') ?? { name: '', region: null, latitude: null, longitude: null },
    defaultLocale: coop.defaultLocale,
    currency: coop.currency,
    contact: {
      phone: coop.contact.phone ?? null,
      email: coop.contact.email ?? null,
      wechat: coop.contact.wechat ?? null,
      address: l.optional(coop.contact.address, 'contact.address'),
    },
    ...l.served(),
  };
}

function summaryFields(card: Omit<ProductCard, 'producer'>, l: Localizer) {
  return {
    id: card.id,
    slug: card.slug,
    title: l.text(card.title, 'title'),
    summary: l.text(card.summary, 'summary'),
    category: card.category,
    image: image(card.images[0], l, 'image'),
    priceFrom: card.priceFrom,
    unitPrice: (card.cheapestVariant && unitPrices(card.cheapestVariant)) || null,
    season: card.season,
    harvestWindows: card.harvestWindows,
    stock: card.stock,
    storyCount: card.storyCount,
    tags: card.tags,
  };
}

/**
 * A product as lists show it.
 *
 * @example
 * page.items.map((card) => serializeProductSummary(card, 'zh-CN', coop.defaultLocale))
 */
export function serializeProductSummary(card: ProductCard, locale: Locale, defaultLocale: Locale): ProductSummaryBody {
  const l = new Localizer(locale, defaultLocale);
  return {
    ...summaryFields(card, l),
    producer: card.producer ? { slug: card.producer.slug, name: l.text(card.producer.name, 'producer.name') } : null,
    ...l.served(),
  };
}

// Summaries of cached cards as JSON text, kept as long as the card object lives (the reader's
// card cache holds it while the catalog version does), one per served and default locale.
const summaryTexts = new WeakMap<ProductCard, Map<string, string>>();

/**
 * `JSON.stringify(serializeProductSummary(card, locale, defaultLocale))`, remembered with the card
 * when it is a cached one (frozen, from `listProducts` given a catalog version): a list built from
 * cached cards then serialises nothing but its page wrapper.
 *
 * @example
 * const body = `{"items":[${page.items.map((card) => productSummaryJson(card, 'en', 'zh-CN')).join(',')}]}`;
 */
export function productSummaryJson(card: ProductCard, locale: Locale, defaultLocale: Locale): string {
  if (!Object.isFrozen(card)) return JSON.stringify(serializeProductSummary(card, locale, defaultLocale));
  let texts = summaryTexts.get(card);
  if (!texts) {
    texts = new Map();
    summaryTexts.set(card, texts);
  }
  const key = `${locale}|${defaultLocale}`;
  let text = texts.get(key);
  if (text === undefined) {
    text = JSON.stringify(serializeProductSummary(card, locale, defaultLocale));
    texts.set(key, text);
  }
  return text;
}

/**
 * A product page: summary fields, description, images, certifications, variants, producer and stories.
 *
 * @example
 * serializeProductDetail(product, 'en', 'zh-CN')
 */
export function serializeProductDetail(product: ProductDetail, locale: Locale, defaultLocale: Locale): ProductDetailBody {
  const l = new Localizer(locale, defaultLocale);
  return {
    ...summaryFields(product, l),
    description: l.text(product.description, 'description'),
    images: product.images.map((ref, i) => image(ref, l, `images[${i}]`)!),
    certifications: product.certifications.map((c, i) => ({
      kind: c.kind,
      registryId: c.registryId ?? null,
      issuer: l.optional(c.issuer, `certifications[${i}].issuer`),
    })),
    variants: product.variants.map((v, i) => ({
      id: v.id,
      sku: v.sku ?? null,
      label: l.text(v.label, `variants[${i}].label`),
      priceMinor: v.priceMinor,
      currency: v.currency,
      unit: v.unit,
      unitQuantity: v.unitQuantity,
      netGrams: v.netGrams ?? null,
      unitPrice: unitPrices(v) ?? null,
      stock: { state: v.stock, available: v.stockOnHand },
    })),
    producer: product.producer
      ? {
          slug: product.producer.slug,
          name: l.text(product.producer.name, 'producer.name'),
          profile: l.text(product.producer.profile, 'producer.profile'),
          portrait: image(product.producer.portrait, l, 'producer.portrait'),
        }
      : null,
    stories: product.stories.map((s, i) => ({
      slug: s.slug,
      kind: s.kind,
      title: l.text(s.title, `stories[${i}].title`),
      summary: l.text(s.summary, `stories[${i}].summary`),
      relation: s.relation,
      image: storyImage(s.media, l, `stories[${i}].image`),
      hasAudio: s.media.some((m) => m.kind === 'audio'),
    })),
    ...l.served(),
  };
}

function storySummaryFields(story: StoryCard, l: Localizer) {
  return {
    id: story.id,
    slug: story.slug,
    kind: story.kind,
    title: l.text(story.title, 'title'),
    summary: l.text(story.summary, 'summary'),
    image: storyImage(story.media, l, 'image'),
    hasAudio: story.media.some((m) => m.kind === 'audio'),
    hasVideo: story.media.some((m) => m.kind === 'video'),
    // The contract's HistoricalDate is a loose object (precision plus its fields).
    date: (story.date ?? null) as StorySummaryBody['date'],
    // The label in the served locale wins; a label in another language alone gives way to the
    // date written out in this one, so nothing falls back here.
    dateText: story.date ? formatHistoricalDate(story.date, l.locale) : null,
    era: l.optional(story.era, 'era'),
    place: place(story.place, l, 'place'),
  };
}

/**
 * A story as lists show it.
 *
 * @example
 * serializeStorySummary(card, 'en', 'zh-CN')
 */
export function serializeStorySummary(story: StoryCard, locale: Locale, defaultLocale: Locale): StorySummaryBody {
  const l = new Localizer(locale, defaultLocale);
  return { ...storySummaryFields(story, l), ...l.served() };
}

/**
 * A story page with its sanitized HTML body, media and linked products, producers and stories.
 *
 * @example
 * serializeStoryDetail(story, 'zh-CN', 'zh-CN', coop.currency)
 */
export function serializeStoryDetail(story: StoryDetail, locale: Locale, defaultLocale: Locale): StoryDetailBody {
  const l = new Localizer(locale, defaultLocale);
  return {
    ...storySummaryFields(story, l),
    bodyHtml: renderMarkdown(l.text(story.body, 'body')),
    media: story.media.map((m, i) => ({
      kind: m.kind,
      url: m.url,
      mimeType: m.mimeType ?? null,
      caption: l.optional(m.caption, `media[${i}].caption`),
      credit: l.optional(m.credit, `media[${i}].credit`),
      transcript: l.optional(m.transcript, `media[${i}].transcript`),
      alt: l.optional(m.alt, `media[${i}].alt`),
      durationSeconds: m.durationSeconds ?? null,
      // Intrinsic size when known, so a page can reserve the space (no layout shift).
      width: m.width ?? null,
      height: m.height ?? null,
    })),
    attribution: l.optional(story.attribution, 'attribution'),
    products: story.products.map((p, i) => ({
      slug: p.slug,
      title: l.text(p.title, `products[${i}].title`),
      image: image(p.images[0], l, `products[${i}].image`),
      priceFrom: p.priceFrom,
      relation: p.relation,
    })),
    producers: story.producers.map((p, i) => ({
      slug: p.slug,
      name: l.text(p.name, `producers[${i}].name`),
      relation: p.relation,
      portrait: image(p.portrait, l, `producers[${i}].portrait`),
    })),
    places: story.places.map((p, i) => ({ slug: p.slug, kind: p.kind, name: l.text(p.name, `places[${i}].name`), coordinates: p.coordinates })),
    seeAlso: story.seeAlso.map((s, i) => ({
      slug: s.slug,
      kind: s.kind,
      title: l.text(s.title, `seeAlso[${i}].title`),
      summary: l.text(s.summary, `seeAlso[${i}].summary`),
      relation: s.relation,
    })),
    ...l.served(),
  };
}

/**
 * A producer page with their products and stories (each item with its own `locale`/`fallbacks`).
 *
 * @example
 * serializeProducerDetail(producer, 'en', 'zh-CN')
 */
export function serializeProducerDetail(producer: ProducerDetail, locale: Locale, defaultLocale: Locale): ProducerDetailBody {
  const l = new Localizer(locale, defaultLocale);
  return {
    slug: producer.slug,
    kind: producer.kind,
    name: l.text(producer.name, 'name'),
    profile: l.text(producer.profile, 'profile'),
    portrait: image(producer.portrait, l, 'portrait'),
    place: place(producer.place, l, 'place'),
    products: producer.products.map((card) => serializeProductSummary(card, locale, defaultLocale)),
    stories: producer.stories.map((story) => serializeStorySummary(story, locale, defaultLocale)),
    ...l.served(),
  };
}
