import {
  jsonForHtml,
  unitPrices,
  type ImageRef,
  type Place,
  type Producer,
  type ProducerDetail,
  type ProductDetail,
  type StoryCard,
  type StoryDetail,
  type StoryMedia,
} from '@terroir/core';
import { decimalPrice } from '../format/money-text';
import type { PageContext } from '../page-context';
import { temporalCoverage } from './museum-json-ld';

/** A JSON-LD node: plain data, serialised by {@link jsonLdScript}. */
export type JsonLd = { [key: string]: JsonLdValue };
type JsonLdValue = string | number | boolean | JsonLd | JsonLdValue[];

const SCHEMA = 'https://schema.org';

/**
 * The body of a `<script type="application/ld+json">`: JSON with `<`, `>` and `&` escaped as
 * `\u003c`… so neither `</script>` nor `<!--` in a product title can end or confuse the script
 * element (the HTML parser does not know JSON strings). U+2028/9 are escaped for old parsers.
 *
 * @example
 * serializeJsonLd({ name: '</script><script>alert(1)</script>' }) // '{"name":"\\u003c/script\\u003e…"}'
 */
export function serializeJsonLd(data: JsonLd | JsonLd[]): string {
  return jsonForHtml(data);
}

/** Drops undefined, empty strings and empty arrays so the output carries only real facts. */
function compact(node: Record<string, JsonLdValue | undefined | null>): JsonLd {
  const out: JsonLd = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

const imageUrls = (ctx: PageContext, images: readonly ImageRef[]) => images.map((image) => ctx.urls.resolve(image.url));

/** ISO 8601 duration for a number of seconds (`PT1M5S`). */
export function isoDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${rest || (!h && !m) ? `${rest}S` : ''}`;
}

/**
 * The cooperative as an `Organization` located at its `Place`.
 *
 * @example
 * organizationJsonLd(ctx) // { '@type': 'Organization', name, location: { '@type': 'Place', geo: … } }
 */
export function organizationJsonLd(ctx: PageContext): JsonLd {
  const { coop } = ctx;
  return compact({
    '@type': 'Organization',
    '@id': `${ctx.urls.absolute(ctx.locale, 'home')}#organization`,
    name: ctx.pick(coop.name),
    description: ctx.pick(coop.description),
    url: ctx.urls.absolute(ctx.locale, 'home'),
    email: coop.contact.email,
    telephone: coop.contact.phone,
    location: placeJsonLd(ctx, coop.place, ctx.pick(coop.contact.address)),
  });
}

/** A `Place` with `GeoCoordinates` when the data has them. */
export function placeJsonLd(ctx: PageContext, place: Place, address?: string): JsonLd {
  const hasGeo = typeof place.latitude === 'number' && typeof place.longitude === 'number';
  return compact({
    '@type': 'Place',
    name: ctx.pick(place.name),
    address: address || (place.region ? compact({ '@type': 'PostalAddress', addressRegion: ctx.pick(place.region) }) : undefined),
    geo: hasGeo ? { '@type': 'GeoCoordinates', latitude: place.latitude!, longitude: place.longitude! } : undefined,
  });
}

/** The cooperative, referenced by `@id` with its name so a fragment alone still says who sells. */
const organizationRef = (ctx: PageContext): JsonLd => ({
  '@type': 'Organization',
  '@id': `${ctx.urls.absolute(ctx.locale, 'home')}#organization`,
  name: ctx.pick(ctx.coop.name),
});

/** A person (farmer, artisan) is a `Person`; a workshop or a family farm/orchard is an `Organization`. */
const producerSchemaType = (kind: Producer['kind']): 'Person' | 'Organization' => (kind === 'farmer' || kind === 'artisan' ? 'Person' : 'Organization');

function producerRef(ctx: PageContext, producer: Pick<Producer, 'slug' | 'name' | 'kind'>): JsonLd {
  return {
    '@type': producerSchemaType(producer.kind),
    name: ctx.pick(producer.name),
    url: ctx.urls.absolute(ctx.locale, 'producer', producer.slug),
  };
}

const storyRef = (ctx: PageContext, story: Pick<StoryCard, 'slug' | 'title'>): JsonLd => ({
  '@type': 'Article',
  '@id': `${ctx.urls.absolute(ctx.locale, 'story', story.slug)}#article`,
  headline: ctx.pick(story.title),
  url: ctx.urls.absolute(ctx.locale, 'story', story.slug),
});

/**
 * A product page's `Product`: one `Offer` per active variant (price as a decimal string from
 * minor units, availability, a `UnitPriceSpecification` per kg when the weight is known),
 * the cooperative as `brand`, the producer as `manufacturer`, linked stories as `subjectOf`.
 *
 * @example
 * productJsonLd(ctx, product).offers[0].price // '68.00'
 */
export function productJsonLd(ctx: PageContext, product: ProductDetail): JsonLd {
  const url = ctx.urls.absolute(ctx.locale, 'product', product.slug);
  const offers = product.variants.map((variant) => {
    const perUnit = unitPrices(variant);
    const availability = product.season === 'preorder' ? 'PreOrder' : variant.stock === 'sold-out' ? 'OutOfStock' : 'InStock';
    return compact({
      '@type': 'Offer',
      name: ctx.pick(variant.label),
      sku: variant.sku,
      url,
      price: decimalPrice(variant.priceMinor, variant.currency),
      priceCurrency: variant.currency,
      availability: `${SCHEMA}/${availability}`,
      seller: organizationRef(ctx),
      priceSpecification: perUnit
        ? {
            '@type': 'UnitPriceSpecification',
            price: decimalPrice(perUnit.perKgMinor, variant.currency),
            priceCurrency: variant.currency,
            referenceQuantity: { '@type': 'QuantitativeValue', value: 1, unitCode: 'KGM' },
          }
        : undefined,
    });
  });
  return compact({
    '@context': SCHEMA,
    '@type': 'Product',
    '@id': `${url}#product`,
    name: ctx.pick(product.title),
    description: ctx.pick(product.summary),
    url,
    image: imageUrls(ctx, product.images),
    category: ctx.t.categories[product.category],
    sku: product.variants.length === 1 ? product.variants[0]!.sku : undefined,
    brand: { '@type': 'Brand', name: ctx.pick(ctx.coop.name) },
    manufacturer: product.producer ? producerRef(ctx, product.producer) : undefined,
    offers,
    subjectOf: product.stories.map((story) => storyRef(ctx, story)),
  });
}

function mediaJsonLd(ctx: PageContext, story: StoryDetail, media: StoryMedia): JsonLd | undefined {
  if (media.kind === 'image') return undefined;
  const transcript = ctx.pick(media.transcript);
  const base = {
    name: ctx.pick(media.caption) || ctx.pick(story.title),
    caption: ctx.pick(media.caption),
    contentUrl: ctx.urls.resolve(media.url),
    encodingFormat: media.mimeType,
    duration: media.durationSeconds ? isoDuration(media.durationSeconds) : undefined,
    transcript,
    creditText: ctx.pick(media.credit),
  };
  if (media.kind === 'audio') return compact({ '@type': 'AudioObject', ...base });
  // Google wants a thumbnail for a video; the story's first picture is the natural one.
  const poster = story.media.find((m) => m.kind === 'image');
  return compact({
    '@type': 'VideoObject',
    ...base,
    description: ctx.pick(story.summary),
    uploadDate: story.createdAt,
    thumbnailUrl: poster ? ctx.urls.resolve(poster.url) : undefined,
    width: media.width,
    height: media.height,
  });
}

/**
 * A story page's `Article`: `about` the linked products, its museum places as
 * `contentLocation` (with geo) and `spatialCoverage`, its date as `temporalCoverage` (ISO years),
 * audio and video as `AudioObject` / `VideoObject` with their transcripts.
 *
 * @example
 * storyJsonLd(ctx, story).about // [{ '@type': 'Product', name: '莱阳梨', … }]
 * storyJsonLd(ctx, story).temporalCoverage // '1644/1912' for a story dated to the Qing
 */
export function storyJsonLd(ctx: PageContext, story: StoryDetail): JsonLd {
  const url = ctx.urls.absolute(ctx.locale, 'story', story.slug);
  const tellers = story.producers.filter((p) => p.relation === 'told-by');
  const media = story.media.map((m) => mediaJsonLd(ctx, story, m)).filter((m): m is JsonLd => m !== undefined);
  // The same `@id` as the place's own museum page, so the graphs join.
  const places = story.places.map((p) => {
    const placeUrl = ctx.urls.absolute(ctx.locale, 'museum-place', p.slug);
    return { '@type': 'Place', '@id': `${placeUrl}#place`, name: ctx.pick(p.name), url: placeUrl, coordinates: p.coordinates };
  });
  return compact({
    '@context': SCHEMA,
    '@type': 'Article',
    '@id': `${url}#article`,
    headline: ctx.pick(story.title),
    description: ctx.pick(story.summary),
    url,
    inLanguage: ctx.pickLocale(story.body),
    datePublished: story.createdAt,
    dateModified: story.updatedAt,
    image: story.media.filter((m) => m.kind === 'image').map((m) => ctx.urls.resolve(m.url)),
    author: tellers.length > 0 ? tellers.map((p) => producerRef(ctx, p)) : organizationRef(ctx),
    publisher: organizationRef(ctx),
    // A story saved before places were records may only have its copied place.
    contentLocation:
      places.length > 0
        ? places.map(({ coordinates, ...place }) =>
            compact({
              ...place,
              geo: coordinates ? { '@type': 'GeoCoordinates', latitude: coordinates.latitude, longitude: coordinates.longitude } : undefined,
            }),
          )
        : story.place
          ? placeJsonLd(ctx, story.place)
          : undefined,
    spatialCoverage: places.map(({ coordinates: _coordinates, ...place }) => place),
    temporalCoverage: story.date ? temporalCoverage(story.date) : undefined,
    about: story.products.map((p) =>
      compact({
        '@type': 'Product',
        '@id': `${ctx.urls.absolute(ctx.locale, 'product', p.slug)}#product`,
        name: ctx.pick(p.title),
        url: ctx.urls.absolute(ctx.locale, 'product', p.slug),
      }),
    ),
    audio: media.filter((m) => m['@type'] === 'AudioObject'),
    video: media.filter((m) => m['@type'] === 'VideoObject'),
    mainEntityOfPage: url,
  });
}

/**
 * A producer as a `Person` (farmer, artisan) or `Organization` (workshop, farm), member of the cooperative.
 *
 * @example
 * producerJsonLd(ctx, producer)['@type'] // 'Person'
 */
export function producerJsonLd(ctx: PageContext, producer: ProducerDetail): JsonLd {
  const url = ctx.urls.absolute(ctx.locale, 'producer', producer.slug);
  const isOrganization = producerSchemaType(producer.kind) === 'Organization';
  const place = producer.place ? placeJsonLd(ctx, producer.place) : undefined;
  return compact({
    '@context': SCHEMA,
    '@type': isOrganization ? 'Organization' : 'Person',
    name: ctx.pick(producer.name),
    description: ctx.pick(producer.profile),
    url,
    image: producer.portrait ? ctx.urls.resolve(producer.portrait.url) : undefined,
    [isOrganization ? 'location' : 'homeLocation']: place,
    memberOf: isOrganization ? undefined : organizationRef(ctx),
    subjectOf: producer.stories.map((s) => storyRef(ctx, s)),
  });
}

/**
 * The cooperative's home as an `Organization` with its context.
 *
 * @example
 * homeJsonLd(ctx)['@type'] // 'Organization'
 */
export function homeJsonLd(ctx: PageContext): JsonLd {
  return { '@context': SCHEMA, ...organizationJsonLd(ctx) };
}

/**
 * A `BreadcrumbList` from (name, url) pairs.
 *
 * @example
 * breadcrumbJsonLd([['首页', 'https://…/zh-CN/'], ['莱阳梨', 'https://…/zh-CN/products/laiyang-pear']])
 */
export function breadcrumbJsonLd(items: ReadonlyArray<readonly [string, string]>): JsonLd {
  return {
    '@context': SCHEMA,
    '@type': 'BreadcrumbList',
    itemListElement: items.map(([name, item], index) => ({ '@type': 'ListItem', position: index + 1, name, item })),
  };
}
