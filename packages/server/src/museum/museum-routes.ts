import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  getMuseumOverview,
  getPublicChronicleEntry,
  getPublicHall,
  getPublicPerson,
  getPublicPlace,
  listPublicHalls,
  listPublicPeople,
  listPublicPlaces,
  resolveMuseumMedia,
  type Locale,
  type MediaStorage,
  type TerroirDatabase,
} from '@terroir/core';
import { notFound } from '../http/api-error';
import { requestLocale } from '../http/locale';
import type { StorefrontEnv } from '../storefront-env';
import { ErrorSchema } from '../catalog/catalog-schemas';
import {
  ChronicleDetailSchema,
  ChronicleParams,
  HallCardSchema,
  HallDetailSchema,
  HallParams,
  MuseumLangQuery,
  MuseumListQuery,
  MuseumOverviewSchema,
  PersonCardSchema,
  PersonDetailSchema,
  PersonParams,
  PlaceCardSchema,
  PlaceDetailSchema,
  PlaceParams,
} from './museum-schemas';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const readHeaders = {
  ETag: { schema: { type: 'string' as const }, description: 'Weak validator of the body; send it back in If-None-Match.' },
  'Cache-Control': { schema: { type: 'string' as const }, description: 'public, max-age=60, stale-while-revalidate=300' },
  'Content-Language': { schema: { type: 'string' as const }, description: 'The locale served.' },
};
const ok = <T extends z.ZodType>(schema: T, description: string) => ({ ...json(schema, description), headers: readHeaders });
const otherResponses = {
  304: { description: 'Not modified: the If-None-Match ETag still matches.' },
  400: json(ErrorSchema, 'A malformed parameter; `error.field` names it.'),
  404: json(ErrorSchema, 'Unknown cooperative, or a museum record that does not exist, is a draft or is community-only.'),
};
const Page = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: 'Cursor of the next page; null on the last page.' }),
      locale: z.enum(['zh-CN', 'en']),
    })
    .openapi(name);

const museumRoute = <P extends z.ZodObject, Q extends z.ZodObject, R extends z.ZodType>(
  operationId: string,
  path: string,
  summary: string,
  params: P,
  query: Q,
  body: R,
  description: string,
) =>
  createRoute({
    method: 'get',
    path: `/v1/coops/{coop}/museum${path}`,
    operationId,
    tags: ['Museum'],
    // Public: no credentials.
    security: [],
    summary,
    description: `${description} Community-only and draft records are never served.`,
    request: { params, query },
    responses: { 200: ok(body, summary), ...otherResponses },
  });

const Coop = z.object({ coop: PlaceParams.shape.coop });

export const museumRoutes = {
  overview: museumRoute(
    'getMuseum',
    '',
    'The village museum: counts, map with pins, halls, places, people, timeline excerpt',
    Coop,
    MuseumLangQuery,
    z.object({ museum: MuseumOverviewSchema }),
    'The front page of the digital village museum.',
  ),
  places: museumRoute(
    'listMuseumPlaces',
    '/places',
    'Places of the village',
    Coop,
    MuseumListQuery,
    Page(PlaceCardSchema, 'PlacePage'),
    'In the curator’s order, cursor-paged.',
  ),
  place: museumRoute(
    'getMuseumPlace',
    '/places/{place}',
    'One place with its linked products, stories, people, chronicle entries and halls',
    PlaceParams,
    MuseumLangQuery,
    z.object({ place: PlaceDetailSchema }),
    'Linked products are active products of the same cooperative, with prices in minor units.',
  ),
  people: museumRoute(
    'listMuseumPeople',
    '/people',
    'Heritage bearers and notable people',
    Coop,
    MuseumListQuery,
    Page(PersonCardSchema, 'PersonPage'),
    'In the curator’s order, cursor-paged.',
  ),
  person: museumRoute(
    'getMuseumPerson',
    '/people/{person}',
    'One person with roles, biography and the products they make',
    PersonParams,
    MuseumLangQuery,
    z.object({ person: PersonDetailSchema }),
    'Products are those linked to the person and those of the producer they are.',
  ),
  halls: museumRoute(
    'listMuseumHalls',
    '/halls',
    'Curated halls',
    Coop,
    MuseumListQuery,
    Page(HallCardSchema, 'HallPage'),
    'In the curator’s order, cursor-paged.',
  ),
  hall: museumRoute(
    'getMuseumHall',
    '/halls/{hall}',
    'One hall with its exhibits in order, each with its linked products',
    HallParams,
    MuseumLangQuery,
    z.object({ hall: HallDetailSchema }),
    'Exhibits whose record is not public are left out.',
  ),
  chronicle: museumRoute(
    'getChronicleEntry',
    '/chronicle/{entry}',
    'One chronicle entry with its links',
    ChronicleParams,
    MuseumLangQuery,
    z.object({ entry: ChronicleDetailSchema }),
    'By id or slug.',
  ),
};

/** What the museum read routes need from the catalog routes that host them. */
export interface MuseumRouteDeps {
  db: TerroirDatabase['db'];
  /** Answers through the response cache with ETag/304 (see registerCatalogRoutes). */
  respond: (c: Context<StorefrontEnv>, locale: string, build: () => Promise<unknown>) => Promise<Response>;
  /** Turns an `InvalidCursorError` into a 400 naming `cursor`. */
  rethrowCursorError: (error: unknown) => never;
  /** Where media files live: with it, responses carry resolved media (URLs) beside the ids. */
  storage?: MediaStorage;
}

/**
 * Resolves the media ids of one answer in a single query (see `resolveMuseumMedia`): without
 * storage nothing is resolved (pictures null, lists empty).
 *
 * @example
 * const media = await museumMediaResolver(db, storage)(coopId, [person.portraitMediaId], 'en', 'zh-CN');
 */
export function museumMediaResolver(db: TerroirDatabase['db'], storage: MediaStorage | undefined) {
  return (coopId: string, ids: Array<string | null | undefined>, locale: Locale, fallback: Locale) =>
    resolveMuseumMedia(db, storage, coopId, ids, { locale, fallback });
}

/**
 * Registers the public museum reads (`/v1/coops/{coop}/museum…`) on a storefront app.
 *
 * @example
 * registerMuseumRoutes(app, { db, respond, rethrowCursorError });
 */
export function registerMuseumRoutes(app: OpenAPIHono<StorefrontEnv>, { db, respond, rethrowCursorError, storage }: MuseumRouteDeps): void {
  const resolve = museumMediaResolver(db, storage);
  const read = (c: Context<StorefrontEnv>, lang: 'zh-CN' | 'en' | undefined) => {
    const coop = c.get('cooperative');
    const locale = requestLocale(c, lang, coop.defaultLocale);
    return { coop, locale, options: { locale, fallback: coop.defaultLocale } };
  };

  app.openapi(museumRoutes.overview, (c) => {
    const { coop, locale, options } = read(c, c.req.valid('query').lang);
    return respond(c, locale, async () => {
      const museum = await getMuseumOverview(db, coop.id, options);
      const media = await resolve(coop.id, [museum.map.mediaId], locale, coop.defaultLocale);
      return { museum: { ...museum, map: { ...museum.map, image: media.image(museum.map.mediaId) } } };
    }) as never;
  });

  const list = (lister: typeof listPublicPlaces | typeof listPublicPeople | typeof listPublicHalls) => (c: Context<StorefrontEnv>) => {
    const query = (c.req as unknown as { valid(t: 'query'): z.infer<typeof MuseumListQuery> }).valid('query');
    const { coop, locale, options } = read(c, query.lang);
    return respond(c, locale, async () => {
      const page = await lister(db, coop.id, { ...options, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }).catch(rethrowCursorError);
      return { items: page.items, nextCursor: page.nextCursor, locale };
    }) as never;
  };
  app.openapi(museumRoutes.places, list(listPublicPlaces));
  app.openapi(museumRoutes.people, list(listPublicPeople));
  app.openapi(museumRoutes.halls, list(listPublicHalls));

  app.openapi(museumRoutes.place, (c) => {
    const { coop, locale, options } = read(c, c.req.valid('query').lang);
    const { place: slug } = c.req.valid('param');
    return respond(c, locale, async () => {
      const place = await getPublicPlace(db, coop.id, slug, options);
      if (!place) throw notFound('place', slug);
      const media = await resolve(coop.id, place.media, locale, coop.defaultLocale);
      return { place: { ...place, photos: place.media.map((id) => media.image(id)).filter((m) => m !== null) } };
    }) as never;
  });

  app.openapi(museumRoutes.person, (c) => {
    const { coop, locale, options } = read(c, c.req.valid('query').lang);
    const { person: slug } = c.req.valid('param');
    return respond(c, locale, async () => {
      const person = await getPublicPerson(db, coop.id, slug, options);
      if (!person) throw notFound('person', slug);
      // The portrait and every recording in one query.
      const media = await resolve(coop.id, [person.portraitMediaId, ...person.recordingMediaIds], locale, coop.defaultLocale);
      return { person: { ...person, portrait: media.image(person.portraitMediaId), recordings: media.items(person.recordingMediaIds, 'audio') } };
    }) as never;
  });

  app.openapi(museumRoutes.hall, (c) => {
    const { coop, locale, options } = read(c, c.req.valid('query').lang);
    const { hall: slug } = c.req.valid('param');
    return respond(c, locale, async () => {
      const hall = await getPublicHall(db, coop.id, slug, options, storage);
      if (!hall) throw notFound('hall', slug);
      const media = await resolve(
        coop.id,
        hall.exhibits.map((e) => (e.kind === 'media' ? e.mediaId : null)),
        locale,
        coop.defaultLocale,
      );
      return { hall: { ...hall, exhibits: hall.exhibits.map((e) => ({ ...e, media: e.kind === 'media' ? media.image(e.mediaId) : null })) } };
    }) as never;
  });

  app.openapi(museumRoutes.chronicle, (c) => {
    const { coop, locale, options } = read(c, c.req.valid('query').lang);
    const { entry: idOrSlug } = c.req.valid('param');
    return respond(c, locale, async () => {
      const entry = await getPublicChronicleEntry(db, coop.id, idOrSlug, options);
      if (!entry) throw notFound('entry', idOrSlug);
      const media = await resolve(coop.id, entry.media, locale, coop.defaultLocale);
      return { entry: { ...entry, mediaItems: media.items(entry.media) } };
    }) as never;
  });
}
