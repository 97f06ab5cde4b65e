import { z } from '@hono/zod-openapi';
import { EXHIBIT_KINDS, HISTORICAL_PERIODS, LOCALES, PLACE_KINDS } from '@terroir/core';

const PERIOD_IDS = HISTORICAL_PERIODS.map((p) => p.id) as [string, ...string[]];

/** Query of `GET /v1/coops/:coop/timeline`. */
export const TimelineQuery = z.object({
  lang: z.enum(LOCALES).optional().openapi({ description: 'Locale to serve; else Accept-Language, else the cooperative default.' }),
  period: z
    .enum(PERIOD_IDS)
    .optional()
    .openapi({ description: 'Only entries whose years overlap this Chinese historical period (`qing`, `republic`, `eastern-han`, …; see docs/museum.md).' }),
  kind: z
    .enum(['chronicle', 'story'])
    .optional()
    .openapi({ description: 'Only chronicle entries (村史), or only stories that carry a date; default both, in one order.' }),
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ type: 'integer', minimum: 1, maximum: 100, default: 50 }),
  cursor: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor returned as nextCursor')
    .optional()
    .openapi({ description: 'Opaque `nextCursor` of the previous page.' }),
});

/** A date with its precision (docs/museum.md). */
export const HistoricalDateSchema = z
  .looseObject({
    precision: z.enum(['day', 'month', 'year', 'range', 'decade', 'century', 'period']),
    circa: z.boolean().optional(),
  })
  .openapi('HistoricalDate', {
    description: 'Precision plus its fields: `year`/`month`/`day`, `fromYear`/`toYear`, `decade`, `century` or `period`. BCE years are negative.',
  });

export const TimelineEntrySchema = z
  .object({
    kind: z.enum(['chronicle', 'story']).openapi({
      description:
        'A chronicle entry (its address is its anchor on the timeline page) or a story that carries a date (its own page; `bodyHtml` is its summary).',
    }),
    slug: z.string(),
    date: HistoricalDateSchema,
    dateText: z.string().openapi({ description: 'The date as a visitor reads it, e.g. 清（1644–1912年） or c. 1900.', example: '约1900年' }),
    title: z.string(),
    bodyHtml: z.string().openapi({ description: 'Sanitized HTML from the entry’s Markdown.' }),
    source: z.string().nullable().openapi({ description: 'Where it is written down (a county gazetteer page, …).' }),
    media: z.array(z.string()).openapi({ description: 'Media ids of the entry’s pictures, recordings and films, in order.' }),
    locale: z.enum(LOCALES),
  })
  .openapi('TimelineEntry');

const LangQuery = z.enum(LOCALES).optional().openapi({ description: 'Locale to serve; else Accept-Language, else the cooperative default.' });
const SlugParam = (name: string, example: string, description: string) =>
  z
    .string()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9_-]+$/, 'ASCII letters, digits, - and _ only')
    .openapi({ param: { name, in: 'path' }, example, description });
const CoopParam = SlugParam('coop', 'laiyang-pear', 'Cooperative slug.');

/** Query of the museum's paged lists (places, people, halls). */
export const MuseumListQuery = z.object({
  lang: LangQuery,
  limit: TimelineQuery.shape.limit,
  cursor: TimelineQuery.shape.cursor,
});
export const MuseumLangQuery = z.object({ lang: LangQuery });
export const PlaceParams = z.object({ coop: CoopParam, place: SlugParam('place', 'old-well', 'Place slug.') });
export const PersonParams = z.object({ coop: CoopParam, person: SlugParam('person', 'wang-basket-maker', 'Person slug.') });
export const HallParams = z.object({ coop: CoopParam, hall: SlugParam('hall', 'pear-hall', 'Hall slug.') });
export const ChronicleParams = z.object({ coop: CoopParam, entry: SlugParam('entry', 'stone-bridge-1935', 'Chronicle entry id or slug.') });

export const MuseumProductLinkSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    priceFromMinor: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Lowest active variant price in minor units (fen); null when nothing is for sale.', example: 6800 }),
    currency: z.string().openapi({ example: 'CNY' }),
  })
  .openapi('MuseumProductLink');

export const MuseumRecordLinkSchema = z
  .object({ kind: z.enum(['story', 'place', 'person', 'chronicle', 'hall', 'producer']), slug: z.string(), title: z.string() })
  .openapi('MuseumRecordLink');

const links = (...names: string[]) => Object.fromEntries(names.map((n) => [n, z.array(MuseumRecordLinkSchema)]));
const MapPinSchema = z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).openapi('MapPin', {
  description: 'Position on the village map image, relative: (0, 0) top left, (1, 1) bottom right.',
});
// Nullable references are unions, not `.nullable()` (see orNull in catalog-schemas.ts).
export const DisplayMediaSchema = z
  .object({
    id: z.string(),
    url: z.string().openapi({ description: 'URL of the image file (the largest in its upload format).' }),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    alt: z.string().openapi({ description: 'Alt text in the served locale (falls back to the cooperative’s default).' }),
  })
  .openapi('DisplayMedia', {
    description: 'A resolved media item (photos, portrait, exhibit media, map image); null or empty when the server has no museum media storage.',
  });
/** A resolved media item of any kind: a picture (size, alt text) or a recording or film (type, playing time, caption, transcript). */
export const MuseumMediaSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['image', 'audio', 'video']),
    url: z.string().openapi({ description: 'URL of the file (for an image the largest in its upload format).' }),
    mimeType: z.string().openapi({ example: 'audio/mpeg' }),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    alt: z.string().openapi({ description: 'What a picture shows (empty for audio and video).' }),
    caption: z.string().nullable(),
    transcript: z.string().nullable().openapi({ description: 'What is said in a recording or film, as plain text; null when none was written.' }),
    durationSeconds: z.number().nullable().openapi({ description: 'Playing time as the file tells it; null when unknown and for images.', example: 42.5 }),
    locale: z.enum(LOCALES).openapi({ description: 'The locale the texts were served in (the wanted one, or the cooperative’s default).' }),
  })
  .openapi('MuseumMedia', {
    description:
      'A resolved media item of the museum (a person’s voice recording, a chronicle entry’s picture or recording); left out without museum media storage.',
  });
const Coordinates = z.object({ latitude: z.number(), longitude: z.number() });

export const PlaceCardSchema = z
  .object({
    slug: z.string(),
    kind: z.enum(PLACE_KINDS),
    name: z.string(),
    pin: MapPinSchema.nullable(),
    coordinates: Coordinates.nullable(),
    locale: z.enum(LOCALES),
  })
  .openapi('PlaceCard');

export const PlaceDetailSchema = PlaceCardSchema.extend({
  descriptionHtml: z.string().openapi({ description: 'Sanitized HTML from the Markdown description.' }),
  media: z.array(z.string()).openapi({ description: 'Media ids of the cooperative’s library.' }),
  photos: z.array(DisplayMediaSchema).openapi({ description: 'The media resolved, in order; empty without media storage.' }),
  products: z.array(MuseumProductLinkSchema),
  ...links('stories', 'people', 'producers', 'chronicle', 'halls'),
}).openapi('PlaceDetail');

export const PersonCardSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    born: HistoricalDateSchema.nullable(),
    died: HistoricalDateSchema.nullable(),
    lifeText: z.string().nullable().openapi({ example: '1948年 –' }),
    roles: z.array(z.object({ title: z.string(), listing: z.string().nullable() })),
    portraitMediaId: z.string().nullable(),
    locale: z.enum(LOCALES),
  })
  .openapi('PersonCard');

export const PersonDetailSchema = PersonCardSchema.extend({
  portrait: z.union([DisplayMediaSchema, z.null()]),
  recordingMediaIds: z.array(z.string()).openapi({ description: 'Audio media ids of their voice recordings, in order.' }),
  recordings: z
    .array(MuseumMediaSchema)
    .openapi({ description: 'Their voice recordings resolved, in order, with caption, transcript and playing time; empty without media storage.' }),
  biographyHtml: z.string(),
  producer: MuseumRecordLinkSchema.nullable(),
  products: z.array(MuseumProductLinkSchema),
  ...links('stories', 'places', 'chronicle', 'halls'),
}).openapi('PersonDetail');

export const HallCardSchema = z
  .object({ slug: z.string(), title: z.string(), introHtml: z.string(), exhibitCount: z.number().int(), locale: z.enum(LOCALES) })
  .openapi('HallCard');

export const ExhibitSchema = z
  .object({
    kind: z.enum(EXHIBIT_KINDS),
    slug: z.string().nullable(),
    title: z.string(),
    caption: z.string().nullable(),
    mediaId: z.string().nullable(),
    media: z.union([DisplayMediaSchema, z.null()]),
    products: z.array(MuseumProductLinkSchema),
    audio: z
      .object({
        url: z.string(),
        mimeType: z.string().nullable(),
        durationSeconds: z.number().nullable(),
        transcript: z.string().nullable().openapi({ description: 'What is said, as plain text.' }),
        cues: z
          .array(z.object({ start: z.number(), end: z.number(), text: z.string() }))
          .openapi({ description: 'Timed passages (seconds); empty without timings.' }),
        locale: z.enum(['zh-CN', 'en']),
      })
      .nullable()
      .openapi({ description: "The exhibit's recording for the audio guide (a story's first audio), or null." }),
  })
  .openapi('Exhibit');

export const HallDetailSchema = HallCardSchema.extend({ exhibits: z.array(ExhibitSchema) }).openapi('HallDetail');

const mediaItems = z
  .array(MuseumMediaSchema)
  .openapi({ description: 'The entry’s media resolved, in order (pictures, recordings, films); empty without media storage.' });

/** One entry of `GET /timeline`: with its goods and media, everything a timeline widget shows, in one answer. */
export const TimelineItemSchema = TimelineEntrySchema.extend({
  products: z.array(MuseumProductLinkSchema).openapi({ description: 'Active products the entry explains, prices in minor units.' }),
  mediaItems,
}).openapi('TimelineItem');

export const ChronicleDetailSchema = TimelineEntrySchema.extend({
  id: z.string(),
  mediaItems,
  products: z.array(MuseumProductLinkSchema),
  ...links('stories', 'places', 'people', 'halls'),
}).openapi('ChronicleDetail');

export const MuseumOverviewSchema = z
  .object({
    counts: z.object({ halls: z.number().int(), places: z.number().int(), people: z.number().int(), chronicle: z.number().int() }),
    map: z.object({
      mediaId: z.string().nullable().openapi({ description: 'The village map image (media id); null when none was uploaded.' }),
      image: z.union([DisplayMediaSchema, z.null()]),
      pins: z.array(z.object({ slug: z.string(), name: z.string(), kind: z.enum(PLACE_KINDS), x: z.number(), y: z.number() })),
    }),
    halls: z.array(HallCardSchema),
    places: z.array(PlaceCardSchema),
    people: z.array(PersonCardSchema),
    timeline: z.array(TimelineEntrySchema),
    locale: z.enum(LOCALES),
  })
  .openapi('MuseumOverview');
