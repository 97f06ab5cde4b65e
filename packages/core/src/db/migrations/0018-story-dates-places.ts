import type { Kysely } from 'kysely';
import { newId } from '../../catalog/ids';
import { historicalSortKey, yearSpan, type HistoricalDate } from '../../museum/historical-date';
import { historicalDateSchema } from '../../museum/historical-date-schema';
import { parseHistoricalDateText } from '../../museum/historical-date-text';
import { pinyinForms } from '../../search/search-fold';

/**
 * Stories get sortable dates and places become records (issue 11).
 *
 * 1. `stories.date` (a `HistoricalDate` as JSON) with `date_sort_key`, `date_from_year` and
 *    `date_to_year` beside it, as chronicle entries have. Each story's `era` text is read as a
 *    date (zh-CN first, then en) by the chronicle import's parser; when it reads, the date is
 *    stored with the era text as its label, so it still shows as written. When it does not
 *    ("世代相传", "Handed down over generations") the date stays null and `era` stays the text shown.
 * 2. The copied `place` objects of stories and producers become `museum_places` records linked
 *    through `museum_links` (subject the place, object the story or producer, the way a place
 *    editor links them). A copy is matched to a place of the same cooperative with the same
 *    zh-CN name, else the same English name (any case); otherwise a place is created with the
 *    copy's name and coordinates, its region as description, a kind guessed from the name
 *    ('other' when unsure) and a fresh slug. Copies are read stories first (by position), then
 *    producers; the first copy of a place gives its texts, later ones only fill in what it lacks. A created place is published when a public,
 *    published story or a producer uses it, and a draft when only drafts or community-only
 *    stories do (its name then stays off the public museum until an editor publishes it).
 *    The copies stay in their columns, unread by the new code paths.
 *
 * Damaged JSON in `era` or `place` is skipped, never fatal: the row keeps what it had.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('stories').addColumn('date', 'text').execute();
  await db.schema.alterTable('stories').addColumn('date_sort_key', 'integer').execute();
  await db.schema.alterTable('stories').addColumn('date_from_year', 'integer').execute();
  await db.schema.alterTable('stories').addColumn('date_to_year', 'integer').execute();
  await db.schema.createIndex('stories_date_idx').on('stories').columns(['cooperative_id', 'date_sort_key', 'id']).execute();
  await backfillStoryDates(db);
  await linkCopiedPlaces(db, new Date().toISOString());
}

export async function down(db: Kysely<any>): Promise<void> {
  // Places created and links added stay: they are ordinary records by now.
  await db.schema.dropIndex('stories_date_idx').execute();
  for (const column of ['date_to_year', 'date_from_year', 'date_sort_key', 'date']) {
    await db.schema.alterTable('stories').dropColumn(column).execute();
  }
}

const LOCALES = ['zh-CN', 'en'] as const;
type Texts = Partial<Record<(typeof LOCALES)[number], string>>;

/** The zh-CN and en strings of a localized JSON text, trimmed; null for damaged JSON. */
function textsOf(json: string | null, max = Number.POSITIVE_INFINITY): Texts | null {
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const texts: Texts = {};
  for (const locale of LOCALES) {
    const text = (value as Record<string, unknown>)[locale];
    if (typeof text === 'string' && text.trim() !== '') texts[locale] = text.trim().slice(0, max);
  }
  return texts;
}

/**
 * An `era` column read as a date labelled with its own text, or null when neither its zh-CN nor
 * its en text reads as one.
 *
 * @example
 * dateFromEra('{"zh-CN":"东汉末年","en":"Late Eastern Han"}')
 * // { precision: 'period', period: 'eastern-han', label: { 'zh-CN': '东汉末年', en: 'Late Eastern Han' } }
 */
export function dateFromEra(json: string | null): HistoricalDate | null {
  const texts = textsOf(json);
  if (!texts) return null;
  // A label is at most 200 characters a locale; a longer text is no date anyway.
  const label = Object.fromEntries(Object.entries(texts).filter(([, text]) => text.length <= 200));
  for (const locale of LOCALES) {
    const text = label[locale];
    if (!text) continue;
    const reading = parseHistoricalDateText(text);
    if (!reading.ok) continue;
    const checked = historicalDateSchema.safeParse({ ...reading.date, label });
    return checked.success ? checked.data : null;
  }
  return null;
}

async function backfillStoryDates(db: Kysely<any>): Promise<void> {
  const rows: Array<{ id: string; era: string | null }> = await db.selectFrom('stories').select(['id', 'era']).where('era', 'is not', null).execute();
  for (const row of rows) {
    const date = dateFromEra(row.era);
    if (!date) continue;
    const span = yearSpan(date);
    await db
      .updateTable('stories')
      .set({ date: JSON.stringify(date), date_sort_key: historicalSortKey(date), date_from_year: span.from, date_to_year: span.to })
      .where('id', '=', row.id)
      .execute();
  }
}

/** Words in a place's name that say what kind of place it is; the first match wins. */
const KIND_WORDS: Array<[kind: string, zh: RegExp, en: RegExp]> = [
  ['orchard', /(果园|梨园|苹果园|桃园|园子)$/, /\b(orchard|orchards)\b/i],
  ['river', /(河|江|溪|河畔|河滩)$/, /\b(river|stream|creek)\b/i],
  ['temple', /(庙|寺|道观|庵)$/, /\b(temple|shrine|monastery)\b/i],
  ['well', /井$/, /\bwell\b/i],
  ['ancestral-hall', /(祠堂|宗祠|家祠)$/, /\bancestral hall\b/i],
  ['workshop', /(作坊|工坊|磨坊|油坊)$/, /\b(workshop|mill)\b/i],
  ['market', /(集市|市场|村集)$/, /\bmarket\b/i],
];

function kindOf(name: Texts): string {
  for (const [kind, zh, en] of KIND_WORDS) {
    if ((name['zh-CN'] && zh.test(name['zh-CN'])) || (name.en && en.test(name.en))) return kind;
  }
  return 'other';
}

/** Lower-case ASCII words joined by hyphens, at most 60 characters, cut at a word. */
function slugWords(text: string): string {
  const words = text
    .normalize('NFKD')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > 60) break;
    slug = next;
  }
  return slug;
}

/** A slug from the English name, else the pinyin of the Chinese one, unique in `taken`. */
function slugFor(name: Texts, taken: Set<string>): string {
  const base = (name.en && slugWords(name.en)) || (name['zh-CN'] && slugWords(pinyinForms(name['zh-CN']).spaced)) || 'place';
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

interface PlaceCopy {
  name: Texts;
  region: Texts;
  latitude: number | null;
  longitude: number | null;
}

function placeCopyOf(json: string | null): PlaceCopy | null {
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const { name, region, latitude, longitude } = value as Record<string, unknown>;
  const names = textsOf(JSON.stringify(name ?? null), 120);
  if (!names || (!names['zh-CN'] && !names.en)) return null;
  const coordinate = (n: unknown, limit: number) => (typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit ? n : null);
  const lat = coordinate(latitude, 90);
  const lon = coordinate(longitude, 180);
  return {
    name: names,
    region: textsOf(JSON.stringify(region ?? null), 20_000) ?? {},
    latitude: lat !== null && lon !== null ? lat : null,
    longitude: lat !== null && lon !== null ? lon : null,
  };
}

/** What a later copy of the same place adds to the first: a name or region in another language, coordinates. */
function fillIn(first: PlaceCopy, later: PlaceCopy): void {
  first.name = { ...later.name, ...first.name };
  first.region = { ...later.region, ...first.region };
  if (first.latitude === null && later.latitude !== null) {
    first.latitude = later.latitude;
    first.longitude = later.longitude;
  }
}

const keysOf = (name: Texts) => [...(name['zh-CN'] ? [`zh:${name['zh-CN']}`] : []), ...(name.en ? [`en:${name.en.toLowerCase()}`] : [])];

interface PlaceGroup {
  placeId: string | undefined;
  copy: PlaceCopy;
  links: Array<{ kind: 'story' | 'producer'; id: string }>;
  /** A public, published story or a producer (always public) uses it. */
  shownPublicly: boolean;
}

async function linkCopiedPlaces(db: Kysely<any>, now: string): Promise<void> {
  const stories: Array<{ id: string; cooperative_id: string; place: string; visibility: string; status: string }> = await db
    .selectFrom('stories')
    .select(['id', 'cooperative_id', 'place', 'visibility', 'status'])
    .where('place', 'is not', null)
    .orderBy('cooperative_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const producers: Array<{ id: string; cooperative_id: string; place: string }> = await db
    .selectFrom('producers')
    .select(['id', 'cooperative_id', 'place'])
    .where('place', 'is not', null)
    .orderBy('cooperative_id')
    .orderBy('id')
    .execute();
  const users = new Map<string, Array<{ kind: 'story' | 'producer'; id: string; place: string; shownPublicly: boolean }>>();
  const add = (coopId: string, user: { kind: 'story' | 'producer'; id: string; place: string; shownPublicly: boolean }) => {
    const list = users.get(coopId) ?? [];
    list.push(user);
    users.set(coopId, list);
  };
  for (const s of stories)
    add(s.cooperative_id, { kind: 'story', id: s.id, place: s.place, shownPublicly: s.visibility === 'public' && s.status === 'published' });
  for (const p of producers) add(p.cooperative_id, { kind: 'producer', id: p.id, place: p.place, shownPublicly: true });

  for (const [coopId, list] of users) {
    const existing: Array<{ id: string; slug: string; name: string; position: number | string }> = await db
      .selectFrom('museum_places')
      .select(['id', 'slug', 'name', 'position'])
      .where('cooperative_id', '=', coopId)
      .orderBy('position')
      .orderBy('id')
      .execute();
    const taken = new Set(existing.map((p) => p.slug));
    const groups: PlaceGroup[] = [];
    const groupByKey = new Map<string, PlaceGroup>();
    const remember = (group: PlaceGroup, name: Texts) => {
      for (const key of keysOf(name)) if (!groupByKey.has(key)) groupByKey.set(key, group);
    };
    for (const place of existing) {
      const name = textsOf(place.name);
      if (name) remember({ placeId: place.id, copy: { name, region: {}, latitude: null, longitude: null }, links: [], shownPublicly: false }, name);
    }
    for (const user of list) {
      const copy = placeCopyOf(user.place);
      if (!copy) continue;
      // zh-CN name first, then the English one.
      let group = keysOf(copy.name)
        .map((key) => groupByKey.get(key))
        .find(Boolean);
      if (group) fillIn(group.copy, copy);
      group ??= { placeId: undefined, copy, links: [], shownPublicly: false };
      if (!groups.includes(group)) groups.push(group);
      remember(group, copy.name);
      group.links.push({ kind: user.kind, id: user.id });
      group.shownPublicly ||= user.shownPublicly;
    }

    let position = existing.reduce((max, p) => Math.max(max, Number(p.position) + 1), 0);
    for (const group of groups) {
      if (group.placeId === undefined) {
        const { copy } = group;
        group.placeId = newId('plc');
        await db
          .insertInto('museum_places')
          .values({
            id: group.placeId,
            cooperative_id: coopId,
            slug: slugFor(copy.name, taken),
            kind: kindOf(copy.name),
            name: JSON.stringify(copy.name),
            description: JSON.stringify(copy.region),
            latitude: copy.latitude,
            longitude: copy.longitude,
            pin_x: null,
            pin_y: null,
            media: '[]',
            visibility: 'public',
            status: group.shownPublicly ? 'published' : 'draft',
            position: position++,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      for (const link of group.links) {
        await db
          .insertInto('museum_links')
          .values({ cooperative_id: coopId, subject_kind: 'place', subject_id: group.placeId, object_kind: link.kind, object_id: link.id })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
  }
}
