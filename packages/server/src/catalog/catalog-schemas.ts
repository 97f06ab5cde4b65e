import { z } from '@hono/zod-openapi';
import {
  CERTIFICATION_KINDS,
  LOCALES,
  MEDIA_KINDS,
  PLACE_KINDS,
  PRODUCER_KINDS,
  PRODUCT_CATEGORIES,
  PRODUCT_SORTS,
  SALE_UNITS,
  STORY_KINDS,
  STORY_PRODUCER_RELATIONS,
  STORY_PRODUCT_RELATIONS,
  STORY_STORY_RELATIONS,
} from '@terroir/core';
import { text } from '../http/text-schemas';
import { HistoricalDateSchema } from '../museum/museum-schemas';

/*
 * Request and response schemas of the read API. Validation uses zod through
 * @hono/zod-openapi because the OpenAPI document is generated from these very route
 * definitions: what we validate and what we document cannot drift apart.
 */

/** A slug or id in a path or query: printable, at most 120 characters. */
export const SlugSchema = text(120, { min: 1 });

const pathParam = (name: string, example: string, description: string) => SlugSchema.openapi({ param: { name, in: 'path' }, example, description });

export const CoopParams = z.object({ coop: pathParam('coop', 'laiyang-pear', 'Cooperative slug.') });
export const ProductParams = CoopParams.extend({ product: pathParam('product', 'laiyang-pear', 'Product slug or id.') });
export const StoryParams = CoopParams.extend({ story: pathParam('story', 'grafting-craft', 'Story slug or id.') });
export const ProducerParams = CoopParams.extend({ producer: pathParam('producer', 'wang-family-orchard', 'Producer slug or id.') });

const LangQuery = z.enum(LOCALES).optional().openapi({ description: 'Locale to serve; else Accept-Language, else the cooperative default.' });
const LimitQuery = z.coerce.number().int().min(1).max(100).default(24).openapi({ type: 'integer', minimum: 1, maximum: 100, default: 24 });
const CursorQuery = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor returned as nextCursor')
  .optional()
  .openapi({ description: 'Opaque `nextCursor` of the previous page.' });
const SearchQuery = text(100).optional().openapi({
  description:
    "Text searched in titles, summaries and tags in every language (`%` and `_` match literally), and through the search index: pinyin (`laiyang`), initials (`lyl`) and traditional characters (docs/search.md). The order stays the list's own.",
  example: '梨',
});

export const LangOnlyQuery = z.object({ lang: LangQuery });

export const ProductListQuery = z.object({
  lang: LangQuery,
  category: z.enum(PRODUCT_CATEGORIES).optional(),
  producer: SlugSchema.optional().openapi({ description: 'Producer slug.' }),
  tag: text(64, { min: 1 }).optional(),
  season: z.enum(['in-season']).optional().openapi({ description: 'Only products in harvest this month (in the cooperative time zone).' }),
  q: SearchQuery,
  sort: z.enum(PRODUCT_SORTS).default('featured'),
  limit: LimitQuery,
  cursor: CursorQuery,
});

export const StoryListQuery = z.object({
  lang: LangQuery,
  kind: z.enum(STORY_KINDS).optional(),
  product: SlugSchema.optional().openapi({ description: 'Only stories linked to this product (slug or id).' }),
  q: SearchQuery,
  limit: LimitQuery,
  cursor: CursorQuery,
});

// ---- responses ------------------------------------------------------------------------

const Locale = z.enum(LOCALES);
const Served = {
  locale: Locale.openapi({ description: 'The locale requested and served.' }),
  fallbacks: z
    .record(z.string(), Locale)
    .optional()
    .openapi({ description: 'Fields served in another locale because the requested one is missing, with the locale used.', example: { title: 'zh-CN' } }),
};

/**
 * `schema | null` for a registered (named) schema. zod-to-openapi 9 writes `.nullable()` of a
 * registered schema as the bare `$ref` (null lost) or as `allOf: [$ref, { type: [object, null] }]`,
 * which null can never satisfy (asteasolutions/zod-to-openapi#387); a union is written as
 * `anyOf: [$ref, { type: 'null' }]`, which is what the server answers.
 */
const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

export const ImageSchema = z
  .object({ url: z.string(), alt: z.string(), width: z.number().int().optional(), height: z.number().int().optional() })
  .openapi('Image');
export const MoneySchema = z.object({ priceMinor: z.number().int(), currency: z.string() }).openapi('Money');
export const UnitPriceSchema = z
  .object({ perKgMinor: z.number().int(), perJinMinor: z.number().int() })
  .nullable()
  .openapi('UnitPrice', { description: 'Price per kilogram and per jin (500 g) in minor units, when the weight is known.' });
export const PlaceSchema = z
  .object({ name: z.string(), region: z.string().nullable(), latitude: z.number().nullable(), longitude: z.number().nullable() })
  .openapi('Place');
const HarvestWindowSchema = z.object({ fromMonth: z.number().int().min(1).max(12), toMonth: z.number().int().min(1).max(12) });

export const ProductSummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    category: z.enum(PRODUCT_CATEGORIES),
    image: orNull(ImageSchema),
    priceFrom: orNull(MoneySchema),
    unitPrice: UnitPriceSchema,
    season: z.enum(['year-round', 'in-season', 'preorder', 'out-of-season']),
    harvestWindows: z.array(HarvestWindowSchema),
    stock: z.enum(['in-stock', 'low', 'sold-out']),
    storyCount: z.number().int(),
    producer: z.object({ slug: z.string(), name: z.string() }).nullable(),
    tags: z.array(z.string()),
    ...Served,
  })
  .openapi('ProductSummary');

export const StorySummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    kind: z.enum(STORY_KINDS),
    title: z.string(),
    summary: z.string(),
    image: orNull(ImageSchema),
    hasAudio: z.boolean(),
    hasVideo: z.boolean(),
    date: orNull(HistoricalDateSchema).openapi({ description: 'When the story happened, sortable (docs/museum.md); null when undated.' }),
    dateText: z
      .string()
      .nullable()
      .openapi({ description: 'The date as a visitor reads it: its label in this locale, else e.g. 清（1644–1912年） or c. 1900.', example: '约1900年' }),
    era: z
      .string()
      .nullable()
      .openapi({ description: 'Free text of an undated story ("Handed down over generations"); show `dateText` first when there is one.' }),
    place: orNull(PlaceSchema).openapi({
      deprecated: true,
      description: 'A copied place kept for old data. Read `places` of the story detail (museum place records) instead.',
    }),
    ...Served,
  })
  .openapi('StorySummary');

/** A museum place a story is linked to. */
export const StoryPlaceSchema = z
  .object({
    slug: z.string().openapi({ description: 'The place’s page: `/v1/coops/{coop}/museum/places/{slug}`.' }),
    kind: z.enum(PLACE_KINDS),
    name: z.string(),
    coordinates: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  })
  .openapi('StoryPlace');

export const CooperativeSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    place: PlaceSchema,
    defaultLocale: Locale,
    currency: z.string(),
    contact: z.object({ phone: z.string().nullable(), email: z.string().nullable(), wechat: z.string().nullable(), address: z.string().nullable() }),
    ...Served,
  })
  .openapi('Cooperative');

export const VariantSchema = z
  .object({
    id: z.string(),
    sku: z.string().nullable(),
    label: z.string(),
    priceMinor: z.number().int(),
    currency: z.string(),
    unit: z.enum(SALE_UNITS),
    unitQuantity: z.number().int(),
    netGrams: z.number().int().nullable(),
    unitPrice: UnitPriceSchema,
    stock: z.object({ state: z.enum(['in-stock', 'low', 'sold-out']), available: z.number().int() }),
  })
  .openapi('Variant');

export const ProductDetailSchema = ProductSummarySchema.extend({
  description: z.string(),
  images: z.array(ImageSchema),
  certifications: z.array(z.object({ kind: z.enum(CERTIFICATION_KINDS), registryId: z.string().nullable(), issuer: z.string().nullable() })),
  variants: z.array(VariantSchema),
  producer: z.object({ slug: z.string(), name: z.string(), profile: z.string(), portrait: orNull(ImageSchema) }).nullable(),
  stories: z.array(
    z.object({
      slug: z.string(),
      kind: z.enum(STORY_KINDS),
      title: z.string(),
      summary: z.string(),
      relation: z.enum(STORY_PRODUCT_RELATIONS),
      image: orNull(ImageSchema),
      hasAudio: z.boolean(),
    }),
  ),
}).openapi('ProductDetail');

export const StoryMediaSchema = z
  .object({
    kind: z.enum(MEDIA_KINDS),
    url: z.string(),
    mimeType: z.string().nullable(),
    caption: z.string().nullable(),
    credit: z.string().nullable(),
    transcript: z.string().nullable(),
    alt: z.string().nullable(),
    durationSeconds: z.number().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
  })
  .openapi('StoryMedia');

export const StoryDetailSchema = StorySummarySchema.extend({
  bodyHtml: z.string().openapi({ description: 'The story body rendered from Markdown and sanitized.' }),
  media: z.array(StoryMediaSchema),
  attribution: z.string().nullable(),
  products: z.array(
    z.object({ slug: z.string(), title: z.string(), image: orNull(ImageSchema), priceFrom: orNull(MoneySchema), relation: z.enum(STORY_PRODUCT_RELATIONS) }),
  ),
  producers: z.array(z.object({ slug: z.string(), name: z.string(), relation: z.enum(STORY_PRODUCER_RELATIONS), portrait: orNull(ImageSchema) })),
  places: z.array(StoryPlaceSchema).openapi({ description: 'Public museum places linked to the story, in the museum’s order.' }),
  seeAlso: z.array(z.object({ slug: z.string(), kind: z.enum(STORY_KINDS), title: z.string(), summary: z.string(), relation: z.enum(STORY_STORY_RELATIONS) })),
}).openapi('StoryDetail');

export const ProducerDetailSchema = z
  .object({
    slug: z.string(),
    kind: z.enum(PRODUCER_KINDS),
    name: z.string(),
    profile: z.string(),
    portrait: orNull(ImageSchema),
    place: orNull(PlaceSchema),
    products: z.array(ProductSummarySchema),
    stories: z.array(StorySummarySchema),
    ...Served,
  })
  .openapi('ProducerDetail');

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_parameter' }),
      message: z.string(),
      field: z.string().optional().openapi({ example: 'limit' }),
      issues: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() }).passthrough()).optional(),
    }),
  })
  .openapi('Error');

export type ProductSummaryBody = z.infer<typeof ProductSummarySchema>;
export type ProductDetailBody = z.infer<typeof ProductDetailSchema>;
export type StorySummaryBody = z.infer<typeof StorySummarySchema>;
export type StoryDetailBody = z.infer<typeof StoryDetailSchema>;
export type CooperativeBody = z.infer<typeof CooperativeSchema>;
export type ProducerDetailBody = z.infer<typeof ProducerDetailSchema>;
export type ImageBody = z.infer<typeof ImageSchema>;
export type PlaceBody = z.infer<typeof PlaceSchema>;
