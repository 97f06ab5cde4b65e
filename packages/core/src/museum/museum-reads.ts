import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { parseJsonColumn } from '../db/json-column';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import { decodeCursor, encodeCursor, type CatalogCursor } from '../catalog/catalog-cursor';
import { pickLocalized, type Locale, type LocalizedText } from '../locale/locale';
import { renderMarkdown } from '../stories/render-markdown';
import { storyMediaFromColumn } from '../stories/story-mappers';
import type { MediaStorage } from '../media/media-storage';
import { resolveMuseumMedia } from './museum-media';
import { chronicleEntryFromRow, listTimeline, toTimelineEntry, type TimelineEntry, type TimelineQuery } from './chronicle';
import { formatHistoricalDate, type HistoricalDate } from './historical-date';
import { hallsFromRows, type ExhibitKind, type MuseumHall } from './halls';
import { getMuseumLinks, type MuseumSubjectKind } from './museum-links';
import { getMuseumSettings } from './museum-settings';
import { museumPersonFromRow, type MuseumPerson } from './people';
import { museumPlaceFromRow, type MapPin, type MuseumPlace, type PlaceKind } from './places';

type Db = Kysely<TerroirTables>;

/** The locale a visitor wants and the cooperative's fallback. */
export interface MuseumReadOptions {
  locale: Locale;
  fallback: Locale;
}

/** A product an exhibit explains, as a link to buy it. Money in integer minor units. */
export interface MuseumProductLink {
  slug: string;
  title: string;
  /** Lowest active variant price, minor units (fen); null when nothing is for sale. */
  priceFromMinor: number | null;
  currency: string;
}

/** A link to another public record of the museum or catalog. */
export interface MuseumRecordLink {
  kind: 'story' | 'place' | 'person' | 'chronicle' | 'hall' | 'producer';
  slug: string;
  title: string;
}

/** A place on the public museum. */
export interface PlaceCard {
  slug: string;
  kind: PlaceKind;
  name: string;
  pin: MapPin | null;
  coordinates: { latitude: number; longitude: number } | null;
  locale: Locale;
}

/** A place with its description and everything linked to it. */
export interface PlaceDetail extends PlaceCard {
  descriptionHtml: string;
  media: string[];
  products: MuseumProductLink[];
  stories: MuseumRecordLink[];
  people: MuseumRecordLink[];
  producers: MuseumRecordLink[];
  chronicle: MuseumRecordLink[];
  halls: MuseumRecordLink[];
}

/** A person on the public museum. */
export interface PersonCard {
  slug: string;
  name: string;
  born: HistoricalDate | null;
  died: HistoricalDate | null;
  /** Life years as read ("1948年–", "c. 1890 – 1962"), null when unknown. */
  lifeText: string | null;
  roles: Array<{ title: string; listing: string | null }>;
  portraitMediaId: string | null;
  locale: Locale;
}

/** A person with their biography and links. */
export interface PersonDetail extends PersonCard {
  /** Audio media ids of their voice recordings, in order (the API resolves them to URLs). */
  recordingMediaIds: string[];
  biographyHtml: string;
  producer: MuseumRecordLink | null;
  products: MuseumProductLink[];
  stories: MuseumRecordLink[];
  places: MuseumRecordLink[];
  chronicle: MuseumRecordLink[];
  halls: MuseumRecordLink[];
}

/** A hall in a list. */
export interface HallCard {
  slug: string;
  title: string;
  introHtml: string;
  exhibitCount: number;
  locale: Locale;
}

/** One exhibit as a visitor sees it; records that are not public are left out of the hall. */
export interface ExhibitView {
  kind: ExhibitKind;
  /** The exhibited record's slug (null for a media item). */
  slug: string | null;
  title: string;
  caption: string | null;
  /** Set for a media item. */
  mediaId: string | null;
  products: MuseumProductLink[];
  /**
   * The exhibit's recording, for the hall's audio guide: a story's first audio (with its cues); with
   * the media storage, also an audio `media` exhibit and a person's first voice recording.
   */
  audio: ExhibitAudio | null;
}

/** A recording an exhibit carries, with what is said in it. */
export interface ExhibitAudio {
  url: string;
  mimeType: string | null;
  durationSeconds: number | null;
  /** Plain text, in `locale`; null when the recording has none. */
  transcript: string | null;
  /** Timed passages of the transcript, in order (empty when the recording has no timings). */
  cues: Array<{ start: number; end: number; text: string }>;
  locale: Locale;
}

/** A hall with its exhibits in order. */
export interface HallDetail extends HallCard {
  exhibits: ExhibitView[];
}

/** A chronicle entry with its links. */
export interface ChronicleDetail extends TimelineEntry {
  id: string;
  products: MuseumProductLink[];
  stories: MuseumRecordLink[];
  places: MuseumRecordLink[];
  people: MuseumRecordLink[];
  halls: MuseumRecordLink[];
}

/** One entry of the public timeline with the goods it explains (what a timeline widget shows). */
export interface TimelineItem extends TimelineEntry {
  products: MuseumProductLink[];
}

/** The museum's front page. */
export interface MuseumOverview {
  counts: { halls: number; places: number; people: number; chronicle: number };
  map: { mediaId: string | null; pins: Array<{ slug: string; name: string; kind: PlaceKind; x: number; y: number }> };
  halls: HallCard[];
  places: PlaceCard[];
  people: PersonCard[];
  /** The first entries of the timeline. */
  timeline: TimelineEntry[];
  locale: Locale;
}

/** Where a product appears in the museum. */
export interface ProductInMuseum {
  places: MuseumRecordLink[];
  people: MuseumRecordLink[];
  chronicle: MuseumRecordLink[];
  halls: MuseumRecordLink[];
}

const text = (value: LocalizedText, o: MuseumReadOptions) => pickLocalized(value, o.locale, o.fallback);
const parseText = (json: string, table: string, id: string, column: string) => parseJsonColumn(localizedTextSchema, json, { table, id, column });

/** Public, published museum rows of a cooperative. */
const publicPlaces = (db: Db, coopId: string) =>
  db.selectFrom('museum_places').selectAll().where('cooperative_id', '=', coopId).where('status', '=', 'published').where('visibility', '=', 'public');
const publicPeople = (db: Db, coopId: string) =>
  db.selectFrom('museum_people').selectAll().where('cooperative_id', '=', coopId).where('status', '=', 'published').where('visibility', '=', 'public');
const publicHalls = (db: Db, coopId: string) =>
  db.selectFrom('museum_halls').selectAll().where('cooperative_id', '=', coopId).where('status', '=', 'published').where('visibility', '=', 'public');
const publicChronicle = (db: Db, coopId: string) =>
  db.selectFrom('chronicle_entries').selectAll().where('cooperative_id', '=', coopId).where('status', '=', 'published').where('visibility', '=', 'public');

function placeCard(place: MuseumPlace, o: MuseumReadOptions): PlaceCard {
  const name = text(place.name, o);
  return {
    slug: place.slug,
    kind: place.kind,
    name: name?.value ?? place.slug,
    pin: place.pin,
    coordinates: place.coordinates,
    locale: name?.locale ?? o.locale,
  };
}

function lifeText(person: MuseumPerson, locale: Locale): string | null {
  if (!person.born && !person.died) return null;
  const born = person.born ? formatHistoricalDate(person.born, locale) : '?';
  const died = person.died ? formatHistoricalDate(person.died, locale) : '';
  return `${born} – ${died}`.trim();
}

function personCard(person: MuseumPerson, o: MuseumReadOptions): PersonCard {
  const name = text(person.name, o);
  const locale = name?.locale ?? o.locale;
  return {
    slug: person.slug,
    name: name?.value ?? person.slug,
    born: person.born,
    died: person.died,
    lifeText: lifeText(person, locale),
    roles: person.roles.map((r) => ({ title: text(r.title, { ...o, locale })?.value ?? '', listing: text(r.listing, { ...o, locale })?.value ?? null })),
    portraitMediaId: person.portraitMediaId,
    locale,
  };
}

function hallCard(hall: MuseumHall, o: MuseumReadOptions, exhibitCount = hall.exhibits.length): HallCard {
  const title = text(hall.title, o);
  const locale = title?.locale ?? o.locale;
  const intro = text(hall.intro, { ...o, locale });
  return { slug: hall.slug, title: title?.value ?? hall.slug, introHtml: intro ? renderMarkdown(intro.value) : '', exhibitCount, locale };
}

/**
 * Active products of the cooperative among `ids`, in that order (others dropped), as links.
 *
 * @example
 * await museumProductLinks(db, coopId, ['prd_…'], { locale: 'en', fallback: 'zh-CN' })
 */
export async function museumProductLinks(db: Db, cooperativeId: string, ids: readonly string[], o: MuseumReadOptions): Promise<MuseumProductLink[]> {
  const byId = await productLinksById(db, cooperativeId, ids, o);
  return [...new Set(ids)].flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** Active products of the cooperative among `ids` as links, by id, in one query. */
async function productLinksById(db: Db, cooperativeId: string, ids: readonly string[], o: MuseumReadOptions): Promise<Map<string, MuseumProductLink>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, MuseumProductLink>();
  if (unique.length === 0) return out;
  const rows = await db
    .selectFrom('products')
    .innerJoin('cooperatives', 'cooperatives.id', 'products.cooperative_id')
    .select(['products.id', 'products.slug', 'products.title', 'products.price_from_minor', 'cooperatives.currency'])
    .where('products.cooperative_id', '=', cooperativeId)
    .where('products.status', '=', 'active')
    .where('products.id', 'in', unique)
    .execute();
  for (const row of rows) {
    const title = text(parseText(row.title, 'products', row.id, 'title'), o);
    out.set(row.id, {
      slug: row.slug,
      title: title?.value ?? row.slug,
      priceFromMinor: row.price_from_minor === null ? null : Number(row.price_from_minor),
      currency: row.currency,
    });
  }
  return out;
}

/** Public records of one kind among `ids`, in that order, as links. */
async function recordLinks(db: Db, coopId: string, kind: MuseumRecordLink['kind'], ids: readonly string[], o: MuseumReadOptions): Promise<MuseumRecordLink[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  let rows: Array<{ id: string; slug: string; title: string }>;
  switch (kind) {
    case 'story':
      rows = await db
        .selectFrom('stories')
        .select(['id', 'slug', 'title'])
        .where('cooperative_id', '=', coopId)
        .where('status', '=', 'published')
        .where('visibility', '=', 'public')
        .where('id', 'in', unique)
        .execute();
      break;
    case 'chronicle':
      rows = await publicChronicle(db, coopId).clearSelect().select(['id', 'slug', 'title']).where('id', 'in', unique).execute();
      break;
    case 'place':
      rows = await publicPlaces(db, coopId).clearSelect().select(['id', 'slug', 'name as title']).where('id', 'in', unique).execute();
      break;
    case 'person':
      rows = await publicPeople(db, coopId).clearSelect().select(['id', 'slug', 'name as title']).where('id', 'in', unique).execute();
      break;
    case 'hall':
      rows = await publicHalls(db, coopId).clearSelect().select(['id', 'slug', 'title']).where('id', 'in', unique).execute();
      break;
    case 'producer':
      rows = await db.selectFrom('producers').select(['id', 'slug', 'name as title']).where('cooperative_id', '=', coopId).where('id', 'in', unique).execute();
      break;
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [{ kind, slug: row.slug, title: text(parseText(row.title, kind, row.id, 'title'), o)?.value ?? row.slug }];
  });
}

/** Public halls exhibiting any of these records. */
async function hallsShowing(db: Db, coopId: string, targets: Array<{ kind: ExhibitKind; id: string }>, o: MuseumReadOptions): Promise<MuseumRecordLink[]> {
  if (targets.length === 0) return [];
  const rows = await db
    .selectFrom('museum_hall_exhibits')
    .innerJoin('museum_halls', 'museum_halls.id', 'museum_hall_exhibits.hall_id')
    .select(['museum_halls.id'])
    .where('museum_halls.cooperative_id', '=', coopId)
    .where((eb) => eb.or(targets.map((t) => eb.and([eb('museum_hall_exhibits.kind', '=', t.kind), eb('museum_hall_exhibits.target_id', '=', t.id)]))))
    .orderBy('museum_halls.position')
    .orderBy('museum_halls.id')
    .execute();
  return recordLinks(
    db,
    coopId,
    'hall',
    rows.map((r) => r.id),
    o,
  );
}

async function linked(db: Db, coopId: string, kind: MuseumSubjectKind, id: string, o: MuseumReadOptions) {
  const links = await getMuseumLinks(db, coopId, { kind, id });
  return {
    products: await museumProductLinks(db, coopId, links.products, o),
    stories: await recordLinks(db, coopId, 'story', links.stories, o),
    places: await recordLinks(db, coopId, 'place', links.places, o),
    people: await recordLinks(db, coopId, 'person', links.people, o),
    producers: await recordLinks(db, coopId, 'producer', links.producers, o),
  };
}

/** @internal The public records a museum record links to (memories reuse it). */
export const museumLinkedRecords = linked;

/** Subjects (places, people, chronicle entries) that link to a record. */
async function linkedFrom(db: Db, coopId: string, objectKind: 'place' | 'person' | 'product' | 'story', objectId: string) {
  const rows = await db
    .selectFrom('museum_links')
    .select(['subject_kind', 'subject_id'])
    .where('cooperative_id', '=', coopId)
    .where('object_kind', '=', objectKind)
    .where('object_id', '=', objectId)
    .orderBy('subject_id')
    .execute();
  const of = (kind: MuseumSubjectKind) => rows.filter((r) => r.subject_kind === kind).map((r) => r.subject_id);
  return { places: of('place'), people: of('person'), chronicle: of('chronicle') };
}

const merge = (a: MuseumRecordLink[], b: MuseumRecordLink[]) => [...a, ...b.filter((x) => !a.some((y) => y.slug === x.slug))];

type PageQuery = MuseumReadOptions & { limit?: number; cursor?: string };

type PagedTable = 'museum_places' | 'museum_people' | 'museum_halls';

/** One keyset page of a museum table's public rows, in the curator's order (position, id). */
async function keysetPage<T extends PagedTable>(
  db: Db,
  table: T,
  cooperativeId: string,
  sort: CatalogCursor['sort'],
  page: PageQuery,
): Promise<{ rows: TerroirTables[T][]; nextCursor: string | null }> {
  const limit = page.limit ?? 50;
  // The three tables share the columns used here; one of them types the query.
  let q = db
    .selectFrom(table as 'museum_places')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('status', '=', 'published')
    .where('visibility', '=', 'public');
  if (page.cursor) {
    const [position, id] = decodeCursor(page.cursor, sort).key as [number, string];
    q = q.where((eb) => eb.or([eb('position', '>', position), eb.and([eb('position', '=', position), eb('id', '>', id)])]));
  }
  const rows = await q
    .orderBy('position')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    rows: items as unknown as TerroirTables[T][],
    nextCursor: rows.length > limit && last ? encodeCursor({ sort, key: [last.position, last.id] }) : null,
  };
}

/**
 * Public, published places of a cooperative in the curator's order, keyset-paged. Community-only
 * and draft places are never listed. Throws `InvalidCursorError` for a cursor it did not make.
 *
 * @example
 * const { items, nextCursor } = await listPublicPlaces(db, coopId, { locale: 'en', fallback: 'zh-CN', limit: 20 });
 */
export async function listPublicPlaces(db: Db, cooperativeId: string, page: PageQuery): Promise<{ items: PlaceCard[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await keysetPage(db, 'museum_places', cooperativeId, 'museum-places', page);
  return { items: rows.map((r) => placeCard(museumPlaceFromRow(r), page)), nextCursor };
}

/**
 * A public place by slug with its description (sanitized HTML), linked products (active, same
 * cooperative), stories, people, producers, chronicle entries and the halls showing it.
 *
 * @example
 * await getPublicPlace(db, coopId, 'old-well', { locale: 'zh-CN', fallback: 'zh-CN' })
 */
export async function getPublicPlace(db: Db, cooperativeId: string, slug: string, o: MuseumReadOptions): Promise<PlaceDetail | undefined> {
  const row = await publicPlaces(db, cooperativeId).where('slug', '=', slug).executeTakeFirst();
  if (!row) return undefined;
  const place = museumPlaceFromRow(row);
  const card = placeCard(place, o);
  const description = text(place.description, { ...o, locale: card.locale });
  const links = await linked(db, cooperativeId, 'place', place.id, o);
  const from = await linkedFrom(db, cooperativeId, 'place', place.id);
  return {
    ...card,
    descriptionHtml: description ? renderMarkdown(description.value) : '',
    media: place.media,
    products: links.products,
    stories: links.stories,
    producers: links.producers,
    people: merge(links.people, await recordLinks(db, cooperativeId, 'person', from.people, o)),
    chronicle: await recordLinks(db, cooperativeId, 'chronicle', from.chronicle, o),
    halls: await hallsShowing(db, cooperativeId, [{ kind: 'place', id: place.id }], o),
  };
}

/**
 * Public, published people of a cooperative in order, keyset-paged.
 *
 * @example
 * await listPublicPeople(db, coopId, { locale: 'zh-CN', fallback: 'zh-CN' })
 */
export async function listPublicPeople(db: Db, cooperativeId: string, page: PageQuery): Promise<{ items: PersonCard[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await keysetPage(db, 'museum_people', cooperativeId, 'museum-people', page);
  return { items: rows.map((r) => personCard(museumPersonFromRow(r), page)), nextCursor };
}

/**
 * A public person by slug with biography, roles, the producer they are, the products they make
 * (linked, and the producer's active products), stories, places, chronicle entries and halls.
 *
 * @example
 * await getPublicPerson(db, coopId, 'wang-basket', { locale: 'en', fallback: 'zh-CN' })
 */
export async function getPublicPerson(db: Db, cooperativeId: string, slug: string, o: MuseumReadOptions): Promise<PersonDetail | undefined> {
  const row = await publicPeople(db, cooperativeId).where('slug', '=', slug).executeTakeFirst();
  if (!row) return undefined;
  const person = museumPersonFromRow(row);
  const card = personCard(person, o);
  const biography = text(person.biography, { ...o, locale: card.locale });
  const links = await linked(db, cooperativeId, 'person', person.id, o);
  const from = await linkedFrom(db, cooperativeId, 'person', person.id);
  const producerProducts = person.producerId
    ? (
        await db
          .selectFrom('products')
          .select('id')
          .where('cooperative_id', '=', cooperativeId)
          .where('producer_id', '=', person.producerId)
          .orderBy('position')
          .orderBy('id')
          .execute()
      ).map((r) => r.id)
    : [];
  const producer = person.producerId ? ((await recordLinks(db, cooperativeId, 'producer', [person.producerId], o))[0] ?? null) : null;
  return {
    ...card,
    recordingMediaIds: person.recordings,
    biographyHtml: biography ? renderMarkdown(biography.value) : '',
    producer,
    products: await museumProductLinks(
      db,
      cooperativeId,
      [...(await getMuseumLinks(db, cooperativeId, { kind: 'person', id: person.id })).products, ...producerProducts],
      o,
    ),
    stories: links.stories,
    places: merge(links.places, await recordLinks(db, cooperativeId, 'place', from.places, o)),
    chronicle: await recordLinks(db, cooperativeId, 'chronicle', from.chronicle, o),
    halls: await hallsShowing(db, cooperativeId, [{ kind: 'person', id: person.id }], o),
  };
}

/**
 * Public, published halls of a cooperative in order, keyset-paged.
 *
 * @example
 * await listPublicHalls(db, coopId, { locale: 'en', fallback: 'zh-CN' })
 */
export async function listPublicHalls(db: Db, cooperativeId: string, page: PageQuery): Promise<{ items: HallCard[]; nextCursor: string | null }> {
  const { rows, nextCursor } = await keysetPage(db, 'museum_halls', cooperativeId, 'museum-halls', page);
  const halls = await hallsFromRows(db, rows);
  const items: HallCard[] = [];
  for (const hall of halls) items.push(hallCard(hall, page, (await exhibitViews(db, cooperativeId, hall, page, false)).length));
  return { items, nextCursor };
}

/** The visible exhibits of a hall; `withProducts: false` skips resolving their goods (a count is all a list needs). */
async function exhibitViews(db: Db, coopId: string, hall: MuseumHall, o: MuseumReadOptions, withProducts = true): Promise<ExhibitView[]> {
  const views: ExhibitView[] = [];
  for (const exhibit of hall.exhibits) {
    const caption = text(exhibit.caption, o)?.value ?? null;
    if (exhibit.kind === 'media') {
      const media = await db
        .selectFrom('media')
        .select(['id', 'alt'])
        .where('cooperative_id', '=', coopId)
        .where('id', '=', exhibit.targetId)
        .executeTakeFirst();
      if (!media) continue;
      let alt = '';
      try {
        alt = text(parseText(media.alt, 'media', media.id, 'alt'), o)?.value ?? '';
      } catch {
        alt = '';
      }
      views.push({ kind: 'media', slug: null, title: alt, caption, mediaId: media.id, products: [], audio: null });
      continue;
    }
    if (exhibit.kind === 'product') {
      const [product] = await museumProductLinks(db, coopId, [exhibit.targetId], o);
      if (product) views.push({ kind: 'product', slug: product.slug, title: product.title, caption, mediaId: null, products: [product], audio: null });
      continue;
    }
    const [record] = await recordLinks(db, coopId, exhibit.kind, [exhibit.targetId], o);
    if (!record) continue;
    views.push({
      kind: exhibit.kind,
      slug: record.slug,
      title: record.title,
      caption,
      mediaId: null,
      products: withProducts ? await exhibitProducts(db, coopId, exhibit.kind, exhibit.targetId, o) : [],
      audio: withProducts && exhibit.kind === 'story' ? await storyRecording(db, coopId, exhibit.targetId, o) : null,
    });
  }
  return views;
}

/** A story's first audio with its transcript and cue timings in the wanted locale (else the fallback). */
async function storyRecording(db: Db, coopId: string, storyId: string, o: MuseumReadOptions): Promise<ExhibitAudio | null> {
  const row = await db.selectFrom('stories').select(['id', 'media']).where('cooperative_id', '=', coopId).where('id', '=', storyId).executeTakeFirst();
  if (!row) return null;
  const audio = storyMediaFromColumn(row.media, row.id).find((m) => m.kind === 'audio');
  if (!audio) return null;
  const transcript = audio.transcript ? text(audio.transcript, o) : undefined;
  const locale = transcript?.locale ?? o.locale;
  return {
    url: audio.url,
    mimeType: audio.mimeType ?? null,
    durationSeconds: audio.durationSeconds ?? null,
    transcript: transcript?.value ?? null,
    cues: (audio.cues ?? [])
      .map((cue) => ({ start: cue.start, end: cue.end, text: pickLocalized(cue.text, locale, o.fallback)?.value ?? '' }))
      .filter((cue) => cue.text !== '' && cue.end > cue.start)
      .sort((a, b) => a.start - b.start),
    locale,
  };
}

/**
 * The goods an exhibit explains: a place's, person's or chronicle entry's linked products (and a
 * person's own products as a producer), a story's products. Active products of the same
 * cooperative only.
 *
 * @example
 * await exhibitProducts(db, coopId, 'place', place.id, { locale: 'zh-CN', fallback: 'zh-CN' })
 */
export async function exhibitProducts(db: Db, cooperativeId: string, kind: ExhibitKind, id: string, o: MuseumReadOptions): Promise<MuseumProductLink[]> {
  switch (kind) {
    case 'product':
      return museumProductLinks(db, cooperativeId, [id], o);
    case 'media':
      return [];
    case 'story': {
      const rows = await db.selectFrom('story_products').select('product_id').where('story_id', '=', id).orderBy('position').orderBy('product_id').execute();
      return museumProductLinks(
        db,
        cooperativeId,
        rows.map((r) => r.product_id),
        o,
      );
    }
    case 'person': {
      const person = await db
        .selectFrom('museum_people')
        .select('producer_id')
        .where('cooperative_id', '=', cooperativeId)
        .where('id', '=', id)
        .executeTakeFirst();
      const own = person?.producer_id
        ? (
            await db.selectFrom('products').select('id').where('cooperative_id', '=', cooperativeId).where('producer_id', '=', person.producer_id).execute()
          ).map((r) => r.id)
        : [];
      return museumProductLinks(db, cooperativeId, [...(await getMuseumLinks(db, cooperativeId, { kind, id })).products, ...own], o);
    }
    default:
      return museumProductLinks(db, cooperativeId, (await getMuseumLinks(db, cooperativeId, { kind, id })).products, o);
  }
}

/**
 * A public hall by slug with its exhibits in order, each with its caption and linked products.
 * Exhibits whose record is not public (a draft, community-only) are left out.
 *
 * @example
 * await getPublicHall(db, coopId, 'pear-hall', { locale: 'zh-CN', fallback: 'zh-CN' })
 */
export async function getPublicHall(
  db: Db,
  cooperativeId: string,
  slug: string,
  o: MuseumReadOptions,
  storage?: MediaStorage,
): Promise<HallDetail | undefined> {
  const row = await publicHalls(db, cooperativeId).where('slug', '=', slug).executeTakeFirst();
  if (!row) return undefined;
  const [hall] = await hallsFromRows(db, [row]);
  const exhibits = await exhibitViews(db, cooperativeId, hall!, o);
  if (storage) await addLibraryRecordings(db, storage, cooperativeId, exhibits, o);
  return { ...hallCard(hall!, o, exhibits.length), exhibits };
}

/**
 * The recordings of the media library that exhibits carry, for the audio guide: an audio item
 * shown as a `media` exhibit, and a person's first voice recording. Resolved to URLs in one
 * query (needs the storage); a story's recording comes from the story, with its cues.
 */
async function addLibraryRecordings(db: Db, storage: MediaStorage, coopId: string, views: ExhibitView[], o: MuseumReadOptions): Promise<void> {
  const personSlugs = views.filter((v) => v.kind === 'person' && !v.audio).map((v) => v.slug!);
  // Read through the people module's row mapper: the recordings column goes through its schema.
  const people = personSlugs.length
    ? (await db.selectFrom('museum_people').selectAll().where('cooperative_id', '=', coopId).where('slug', 'in', personSlugs).execute()).map(
        museumPersonFromRow,
      )
    : [];
  const firstRecording = new Map(people.flatMap((p) => (p.recordings[0] ? [[p.slug, p.recordings[0]] as const] : [])));
  const wanted = (v: ExhibitView) => (v.audio ? null : v.kind === 'media' ? v.mediaId : v.kind === 'person' ? (firstRecording.get(v.slug!) ?? null) : null);
  const ids = views.map(wanted).filter((id): id is string => !!id);
  if (ids.length === 0) return;
  const media = await resolveMuseumMedia(db, storage, coopId, ids, o);
  for (const view of views) {
    const id = wanted(view);
    const [item] = id ? media.items([id], 'audio') : [];
    if (!item) continue;
    view.audio = { url: item.url, mimeType: item.mimeType, durationSeconds: item.durationSeconds, transcript: item.transcript, cues: [], locale: item.locale };
    if (view.kind === 'media' && !view.title) view.title = item.caption ?? '';
  }
}

/**
 * A public chronicle entry by id or slug with its linked products, stories, places, people and
 * the halls showing it.
 *
 * @example
 * await getPublicChronicleEntry(db, coopId, 'stone-bridge', { locale: 'en', fallback: 'zh-CN' })
 */
export async function getPublicChronicleEntry(db: Db, cooperativeId: string, idOrSlug: string, o: MuseumReadOptions): Promise<ChronicleDetail | undefined> {
  const row = await publicChronicle(db, cooperativeId)
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
  if (!row) return undefined;
  const entry = chronicleEntryFromRow(row);
  const links = await linked(db, cooperativeId, 'chronicle', entry.id, o);
  return {
    ...toTimelineEntry(entry, o.locale, o.fallback),
    id: entry.id,
    products: links.products,
    stories: links.stories,
    places: links.places,
    people: links.people,
    halls: await hallsShowing(db, cooperativeId, [{ kind: 'chronicle', id: entry.id }], o),
  };
}

/**
 * One page of the public timeline ({@link listTimeline}) with each entry's linked products
 * (active, same cooperative, in minor units), read for the whole page at once: one query for
 * the links and one for the products, whatever the page's length.
 *
 * @example
 * const { items } = await listPublicTimeline(db, coopId, { locale: 'en', fallback: 'zh-CN', limit: 10 });
 * items[0]?.products // [{ slug: 'laiyang-pear', title: 'Laiyang pear', priceFromMinor: 6800, currency: 'CNY' }]
 */
export async function listPublicTimeline(db: Db, cooperativeId: string, query: TimelineQuery): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  const page = await listTimeline(db, cooperativeId, query);
  if (page.items.length === 0) return { items: [], nextCursor: page.nextCursor };
  const slugsOf = (kind: TimelineEntry['kind']) => page.items.filter((e) => e.kind === kind).map((e) => e.slug);
  const chronicleSlugs = slugsOf('chronicle');
  const storySlugs = slugsOf('story');
  // The goods of every entry of the page in two queries: chronicle entries through museum
  // links, stories through their own product links.
  const links: Array<{ kind: TimelineEntry['kind']; slug: string; object_id: string }> = [];
  if (chronicleSlugs.length > 0) {
    const rows = await db
      .selectFrom('museum_links')
      .innerJoin('chronicle_entries', 'chronicle_entries.id', 'museum_links.subject_id')
      .select(['chronicle_entries.slug', 'museum_links.object_id'])
      .where('chronicle_entries.cooperative_id', '=', cooperativeId)
      .where('chronicle_entries.slug', 'in', chronicleSlugs)
      .where('museum_links.subject_kind', '=', 'chronicle')
      .where('museum_links.object_kind', '=', 'product')
      .orderBy('museum_links.object_id')
      .execute();
    for (const row of rows) links.push({ kind: 'chronicle', ...row });
  }
  if (storySlugs.length > 0) {
    const rows = await db
      .selectFrom('story_products')
      .innerJoin('stories', 'stories.id', 'story_products.story_id')
      .select(['stories.slug', 'story_products.product_id as object_id'])
      .where('stories.cooperative_id', '=', cooperativeId)
      .where('stories.slug', 'in', storySlugs)
      .orderBy('story_products.position')
      .orderBy('story_products.product_id')
      .execute();
    for (const row of rows) links.push({ kind: 'story', ...row });
  }
  const products = await productLinksById(
    db,
    cooperativeId,
    links.map((l) => l.object_id),
    query,
  );
  return {
    items: page.items.map((entry) => ({
      ...entry,
      products: links.flatMap((l) => (l.kind === entry.kind && l.slug === entry.slug && products.has(l.object_id) ? [products.get(l.object_id)!] : [])),
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * "Where is this product in the museum": the public places, people and chronicle entries that
 * link to it, and the halls exhibiting it or one of those.
 *
 * @example
 * (await productInMuseum(db, coopId, product.id, { locale: 'zh-CN', fallback: 'zh-CN' })).places[0]?.slug // 'old-orchard'
 */
export async function productInMuseum(db: Db, cooperativeId: string, productId: string, o: MuseumReadOptions): Promise<ProductInMuseum> {
  const from = await linkedFrom(db, cooperativeId, 'product', productId);
  const producer = await db
    .selectFrom('products')
    .select('producer_id')
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', productId)
    .executeTakeFirst();
  const makers = producer?.producer_id
    ? (await publicPeople(db, cooperativeId).clearSelect().select('id').where('producer_id', '=', producer.producer_id).execute()).map((r) => r.id)
    : [];
  const people = [...new Set([...from.people, ...makers])];
  return {
    places: await recordLinks(db, cooperativeId, 'place', from.places, o),
    people: await recordLinks(db, cooperativeId, 'person', people, o),
    chronicle: await recordLinks(db, cooperativeId, 'chronicle', from.chronicle, o),
    halls: await hallsShowing(
      db,
      cooperativeId,
      [
        { kind: 'product', id: productId },
        ...from.places.map((id) => ({ kind: 'place' as const, id })),
        ...people.map((id) => ({ kind: 'person' as const, id })),
        ...from.chronicle.map((id) => ({ kind: 'chronicle' as const, id })),
      ],
      o,
    ),
  };
}

/**
 * "Where is this story in the museum": the public places, people and chronicle entries that link
 * to it, and the public halls exhibiting it or one of those.
 *
 * @example
 * (await storyInMuseum(db, coopId, story.id, { locale: 'en', fallback: 'zh-CN' })).halls[0]?.slug // 'craft-hall'
 */
export async function storyInMuseum(db: Db, cooperativeId: string, storyId: string, o: MuseumReadOptions): Promise<ProductInMuseum> {
  const from = await linkedFrom(db, cooperativeId, 'story', storyId);
  return {
    places: await recordLinks(db, cooperativeId, 'place', from.places, o),
    people: await recordLinks(db, cooperativeId, 'person', from.people, o),
    chronicle: await recordLinks(db, cooperativeId, 'chronicle', from.chronicle, o),
    halls: await hallsShowing(
      db,
      cooperativeId,
      [
        { kind: 'story', id: storyId },
        ...from.places.map((id) => ({ kind: 'place' as const, id })),
        ...from.people.map((id) => ({ kind: 'person' as const, id })),
        ...from.chronicle.map((id) => ({ kind: 'chronicle' as const, id })),
      ],
      o,
    ),
  };
}

/**
 * The museum's front page: counts, the village map with the public places pinned on it, the
 * halls, places and people (first 50 of each) and the first entries of the timeline.
 *
 * @example
 * const overview = await getMuseumOverview(db, coopId, { locale: 'zh-CN', fallback: 'zh-CN' });
 * overview.map.pins // [{ slug: 'old-well', name: '老井', kind: 'well', x: 0.42, y: 0.61 }, …]
 */
export async function getMuseumOverview(db: Db, cooperativeId: string, o: MuseumReadOptions & { timelineLimit?: number }): Promise<MuseumOverview> {
  const count = async (table: PagedTable | 'chronicle_entries') =>
    Number(
      (
        await db
          .selectFrom(table as 'museum_places')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('cooperative_id', '=', cooperativeId)
          .where('status', '=', 'published')
          .where('visibility', '=', 'public')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const places = await listPublicPlaces(db, cooperativeId, { ...o, limit: 50 });
  const allPins = (await publicPlaces(db, cooperativeId).where('pin_x', 'is not', null).orderBy('position').orderBy('id').execute()).map((r) =>
    museumPlaceFromRow(r),
  );
  return {
    counts: {
      halls: await count('museum_halls'),
      places: await count('museum_places'),
      people: await count('museum_people'),
      chronicle: await count('chronicle_entries'),
    },
    map: {
      mediaId: (await getMuseumSettings(db, cooperativeId)).mapMediaId,
      pins: allPins.map((p) => {
        const card = placeCard(p, o);
        return { slug: p.slug, name: card.name, kind: p.kind, x: p.pin!.x, y: p.pin!.y };
      }),
    },
    halls: (await listPublicHalls(db, cooperativeId, { ...o, limit: 50 })).items,
    places: places.items,
    people: (await listPublicPeople(db, cooperativeId, { ...o, limit: 50 })).items,
    timeline: (await listTimeline(db, cooperativeId, { locale: o.locale, fallback: o.fallback, limit: o.timelineLimit ?? 5 })).items,
    locale: o.locale,
  };
}

/** Public museum pages and when each last changed, for a sitemap. */
export interface MuseumChanges {
  places: Array<{ slug: string; updatedAt: string }>;
  people: Array<{ slug: string; updatedAt: string }>;
  halls: Array<{ slug: string; updatedAt: string }>;
  /** Latest change of a public chronicle entry (the timeline page), or null. */
  chronicleUpdatedAt: string | null;
}

/**
 * Slugs and last changes of the public, published places, people and halls, and of the
 * chronicle. Community-only and draft records are never listed.
 *
 * @example
 * (await publicMuseumChanges(db, coopId)).places[0] // { slug: 'old-well', updatedAt: '2026-…' }
 */
export async function publicMuseumChanges(db: Db, cooperativeId: string): Promise<MuseumChanges> {
  const of = async (table: PagedTable) =>
    (
      await db
        .selectFrom(table as 'museum_places')
        .select(['slug', 'updated_at'])
        .where('cooperative_id', '=', cooperativeId)
        .where('status', '=', 'published')
        .where('visibility', '=', 'public')
        .orderBy('position')
        .orderBy('id')
        .execute()
    ).map((r) => ({ slug: r.slug, updatedAt: r.updated_at }));
  const latest = await publicChronicle(db, cooperativeId).clearSelect().select('updated_at').orderBy('updated_at', 'desc').limit(1).executeTakeFirst();
  return {
    places: await of('museum_places'),
    people: await of('museum_people'),
    halls: await of('museum_halls'),
    chronicleUpdatedAt: latest?.updated_at ?? null,
  };
}
