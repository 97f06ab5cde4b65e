import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { parseJsonColumn, toJsonColumn } from '../db/json-column';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import { decodeCursor, encodeCursor, InvalidCursorError } from '../catalog/catalog-cursor';
import { newId } from '../catalog/ids';
import type { StoryStatus, StoryVisibility } from '../catalog/types';
import { pickLocalized, type Locale, type LocalizedText } from '../locale/locale';
import { renderMarkdown } from '../stories/render-markdown';
import { forgetMuseumRecord } from './museum-links';
import { assertOwnMedia, inTransaction, mediaListSchema } from './museum-records';
import { z } from 'zod';
import { HISTORICAL_PERIODS, formatHistoricalDate, historicalSortKey, yearSpan, type HistoricalDate, type HistoricalPeriodId } from './historical-date';
import { historicalDateSchema } from './historical-date-schema';
import { indexChronicleEntry, unindexDocument } from '../search/search-index';

/** A chronicle entry (村史) as stored and edited. */
export interface ChronicleEntry {
  id: string;
  cooperativeId: string;
  slug: string;
  date: HistoricalDate;
  title: LocalizedText;
  /** Markdown, per locale. */
  body: LocalizedText;
  /** Where it is written down, e.g. a county gazetteer (县志) and its page. */
  source: LocalizedText;
  /** Pictures, recordings and films of the event: media ids of this cooperative, in order. */
  media: string[];
  visibility: StoryVisibility;
  status: StoryStatus;
  createdAt: string;
  updatedAt: string;
}

/** What a new chronicle entry needs. */
export type NewChronicleEntry = Omit<ChronicleEntry, 'id' | 'createdAt' | 'updatedAt' | 'source' | 'media' | 'visibility' | 'status'> &
  Partial<Pick<ChronicleEntry, 'source' | 'media' | 'visibility' | 'status'>>;

/** An entry's media list as written: at most 20 ids, none twice. */
export const chronicleMediaSchema = mediaListSchema(20);

/** One entry on the public timeline, in one locale. */
/** What a timeline entry is: a chronicle entry, or a story that carries a date. */
export type TimelineKind = 'chronicle' | 'story';

export interface TimelineEntry {
  /** A chronicle entry (its address is its anchor on the timeline page) or a dated story (its own page). */
  kind: TimelineKind;
  slug: string;
  date: HistoricalDate;
  /** The date as a visitor reads it ("清（1644–1912年）", "c. 1900"). */
  dateText: string;
  title: string;
  /** Sanitized HTML of the body. */
  bodyHtml: string;
  source: string | null;
  /** Media ids of the entry's pictures, recordings and films, in order (the API resolves them to URLs). */
  media: string[];
  /** The locale the title was served in (the wanted one, or the fallback). */
  locale: Locale;
}

const TABLE = 'chronicle_entries';
const mediaColumn = z.array(z.string());

function entryFromRow(row: TerroirTables['chronicle_entries']): ChronicleEntry {
  const ref = (column: string) => ({ table: TABLE, id: row.id, column });
  return {
    id: row.id,
    cooperativeId: row.cooperative_id,
    slug: row.slug,
    date: parseJsonColumn(historicalDateSchema, row.date, ref('date')),
    title: parseJsonColumn(localizedTextSchema, row.title, ref('title')),
    body: parseJsonColumn(localizedTextSchema, row.body, ref('body')),
    source: parseJsonColumn(localizedTextSchema, row.source, ref('source')),
    media: parseJsonColumn(mediaColumn, row.media, ref('media')),
    visibility: row.visibility as StoryVisibility,
    status: row.status as StoryStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Adds an entry to a cooperative's chronicle. The date is validated (it must exist: no year 0,
 * no 30 February) and stored with its sort key and year span, so the timeline is ordered and
 * filtered by an index. Drafts and community-only entries never reach the public timeline.
 * `media` (pictures, recordings, films) must be this cooperative's: else a {@link MuseumError}
 * 422 naming `media.{i}`.
 *
 * @example
 * await createChronicleEntry(db, { cooperativeId, slug: 'stone-bridge', date: { precision: 'year', year: 1935 },
 *   title: { 'zh-CN': '修村南石桥' }, body: {} });
 */
export async function createChronicleEntry(db: Kysely<TerroirTables>, input: NewChronicleEntry, at: Date = new Date()): Promise<ChronicleEntry> {
  const date = historicalDateSchema.parse(input.date);
  const media = chronicleMediaSchema.parse(input.media ?? []);
  await assertOwnMedia(db, input.cooperativeId, media, (i) => `media.${i}`);
  const span = yearSpan(date);
  const now = at.toISOString();
  const row: TerroirTables['chronicle_entries'] = {
    id: newId('chr'),
    cooperative_id: input.cooperativeId,
    slug: input.slug,
    date: toJsonColumn(date),
    sort_key: historicalSortKey(date),
    from_year: span.from,
    to_year: span.to,
    title: toJsonColumn(input.title),
    body: toJsonColumn(input.body),
    source: toJsonColumn(input.source ?? {}),
    media: toJsonColumn(media),
    visibility: input.visibility ?? 'public',
    status: input.status ?? 'published',
    created_at: now,
    updated_at: now,
  };
  await inTransaction(db, async (trx) => {
    await trx.insertInto(TABLE).values(row).execute();
    await indexChronicleEntry(trx, row.id);
  });
  return entryFromRow(row);
}

/** Filters and paging of {@link listTimeline}. */
export interface TimelineQuery {
  locale: Locale;
  fallback: Locale;
  /** Only entries whose years overlap this period's. */
  period?: HistoricalPeriodId;
  /** Only chronicle entries, or only dated stories (default: both, in one order). */
  kind?: TimelineKind;
  limit?: number;
  cursor?: string;
}

// Where each kind sorts among entries of the same date: the chronicle first.
const KIND_RANK: Record<TimelineKind, number> = { chronicle: 0, story: 1 };
const STORY_REF = 'story:';

/**
 * The public timeline of a cooperative: its chronicle entries and its stories that carry a date,
 * oldest first (by {@link historicalSortKey}, then chronicle before story, then id), published
 * and public only, localized with fallback, keyset-paged over both. Throws `InvalidCursorError`
 * for a cursor it did not make.
 *
 * @example
 * const { items, nextCursor } = await listTimeline(db, coopId, { locale: 'zh-CN', fallback: 'zh-CN', period: 'qing' });
 */
export async function listTimeline(
  db: Kysely<TerroirTables>,
  cooperativeId: string,
  query: TimelineQuery,
): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const period = query.period ? HISTORICAL_PERIODS.find((p) => p.id === query.period)! : undefined;
  let after: { sortKey: number; rank: number; id: string } | undefined;
  if (query.cursor) {
    // The key's id names the kind: a story's is `story:<id>` (cursors of chronicle entries are
    // as they were before stories joined the timeline).
    const { key } = decodeCursor(query.cursor, 'timeline');
    const [sortKey, ref] = key;
    if (typeof sortKey !== 'number') throw new InvalidCursorError();
    after = ref.startsWith(STORY_REF) ? { sortKey, rank: KIND_RANK.story, id: ref.slice(STORY_REF.length) } : { sortKey, rank: KIND_RANK.chronicle, id: ref };
  }
  // Rows of one kind after the cursor: its rank is fixed, so the (key, rank, id) comparison
  // becomes one on (key, id) for the cursor's own kind, else on the key alone.
  const comparison = (rank: number): '>' | '>=' | 'tuple' => (after!.rank > rank ? '>' : after!.rank < rank ? '>=' : 'tuple');
  type Row = { sortKey: number; rank: number; id: string; entry: () => TimelineEntry };
  const rows: Row[] = [];
  if (query.kind !== 'story') {
    let q = db.selectFrom(TABLE).selectAll().where('cooperative_id', '=', cooperativeId).where('status', '=', 'published').where('visibility', '=', 'public');
    if (period) {
      q = q.where('to_year', '>=', period.from);
      if (period.to !== null) q = q.where('from_year', '<=', period.to);
    }
    if (after) {
      const { sortKey, id } = after;
      const how = comparison(KIND_RANK.chronicle);
      q = q.where((eb) =>
        how === 'tuple' ? eb.or([eb('sort_key', '>', sortKey), eb.and([eb('sort_key', '=', sortKey), eb('id', '>', id)])]) : eb('sort_key', how, sortKey),
      );
    }
    for (const row of await q
      .orderBy('sort_key')
      .orderBy('id')
      .limit(limit + 1)
      .execute())
      rows.push({ sortKey: row.sort_key, rank: 0, id: row.id, entry: () => timelineEntry(entryFromRow(row), query.locale, query.fallback) });
  }
  if (query.kind !== 'chronicle') {
    let q = db
      .selectFrom('stories')
      .select(['id', 'slug', 'title', 'summary', 'date', 'date_sort_key'])
      .where('cooperative_id', '=', cooperativeId)
      .where('status', '=', 'published')
      .where('visibility', '=', 'public')
      .where('date_sort_key', 'is not', null);
    if (period) {
      q = q.where('date_to_year', '>=', period.from);
      if (period.to !== null) q = q.where('date_from_year', '<=', period.to);
    }
    if (after) {
      const { sortKey, id } = after;
      const how = comparison(KIND_RANK.story);
      q = q.where((eb) =>
        how === 'tuple'
          ? eb.or([eb('date_sort_key', '>', sortKey), eb.and([eb('date_sort_key', '=', sortKey), eb('id', '>', id)])])
          : eb('date_sort_key', how, sortKey),
      );
    }
    for (const row of await q
      .orderBy('date_sort_key')
      .orderBy('id')
      .limit(limit + 1)
      .execute())
      rows.push({ sortKey: row.date_sort_key!, rank: 1, id: row.id, entry: () => storyTimelineEntry(row, query.locale, query.fallback) });
  }
  rows.sort((a, b) => a.sortKey - b.sortKey || a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => row.entry()),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ sort: 'timeline', key: [last.sortKey, last.rank === KIND_RANK.story ? STORY_REF + last.id : last.id] })
        : null,
  };
}

/** A dated story as a timeline entry: its summary as the body, no source, its own page as its address. */
function storyTimelineEntry(
  row: { id: string; slug: string; title: string; summary: string; date: string | null },
  locale: Locale,
  fallback: Locale,
): TimelineEntry {
  const ref = (column: string) => ({ table: 'stories', id: row.id, column });
  const date = parseJsonColumn(historicalDateSchema, row.date!, ref('date'));
  const title = pickLocalized(parseJsonColumn(localizedTextSchema, row.title, ref('title')), locale, fallback);
  const servedIn = title?.locale ?? locale;
  const summary = pickLocalized(parseJsonColumn(localizedTextSchema, row.summary, ref('summary')), servedIn, fallback);
  return {
    kind: 'story',
    slug: row.slug,
    date,
    dateText: formatHistoricalDate(date, servedIn),
    title: title?.value ?? '',
    bodyHtml: summary ? renderMarkdown(summary.value) : '',
    source: null,
    media: [],
    locale: servedIn,
  };
}

function timelineEntry(entry: ChronicleEntry, locale: Locale, fallback: Locale): TimelineEntry {
  const title = pickLocalized(entry.title, locale, fallback);
  const servedIn = title?.locale ?? locale;
  const body = pickLocalized(entry.body, servedIn, fallback);
  const source = pickLocalized(entry.source, servedIn, fallback);
  return {
    kind: 'chronicle',
    slug: entry.slug,
    date: entry.date,
    dateText: formatHistoricalDate(entry.date, servedIn),
    title: title?.value ?? '',
    bodyHtml: body ? renderMarkdown(body.value) : '',
    source: source?.value ?? null,
    media: entry.media,
    locale: servedIn,
  };
}

/**
 * Deletes one entry of a cooperative's chronicle; false when there was none with that id there.
 *
 * @example
 * await deleteChronicleEntry(db, coopId, 'chr_…') // true
 */
export async function deleteChronicleEntry(db: Kysely<TerroirTables>, cooperativeId: string, id: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx.deleteFrom(TABLE).where('cooperative_id', '=', cooperativeId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await forgetMuseumRecord(trx, 'chronicle', id);
    await unindexDocument(trx, 'chronicle', id);
    return true;
  });
}

/**
 * One chronicle entry of a cooperative by id, any status or visibility (for editing).
 *
 * @example
 * await loadChronicleEntry(db, coopId, 'chr_…')
 */
export async function loadChronicleEntry(db: Kysely<TerroirTables>, cooperativeId: string, id: string): Promise<ChronicleEntry | undefined> {
  const row = await db.selectFrom(TABLE).selectAll().where('cooperative_id', '=', cooperativeId).where('id', '=', id).executeTakeFirst();
  return row ? entryFromRow(row) : undefined;
}

/**
 * Replaces an entry's fields (date re-validated, sort key and span recomputed; `media` left out
 * keeps the entry's media); `undefined` when the cooperative has no entry with that id.
 *
 * @example
 * await updateChronicleEntry(db, coopId, id, { ...entry, date: { precision: 'decade', decade: 1930 } });
 */
export async function updateChronicleEntry(
  db: Kysely<TerroirTables>,
  cooperativeId: string,
  id: string,
  input: Omit<NewChronicleEntry, 'cooperativeId'>,
  at: Date = new Date(),
): Promise<ChronicleEntry | undefined> {
  const existing = await loadChronicleEntry(db, cooperativeId, id);
  if (!existing) return undefined;
  const date = historicalDateSchema.parse(input.date);
  const media = chronicleMediaSchema.parse(input.media ?? existing.media);
  await assertOwnMedia(db, cooperativeId, media, (i) => `media.${i}`);
  const span = yearSpan(date);
  const changes = {
    slug: input.slug,
    date: toJsonColumn(date),
    sort_key: historicalSortKey(date),
    from_year: span.from,
    to_year: span.to,
    title: toJsonColumn(input.title),
    body: toJsonColumn(input.body),
    source: toJsonColumn(input.source ?? {}),
    media: toJsonColumn(media),
    visibility: input.visibility ?? existing.visibility,
    status: input.status ?? existing.status,
    updated_at: at.toISOString(),
  };
  // The row and its search document change together (a draft or community-only entry leaves the index).
  await inTransaction(db, async (trx) => {
    await trx.updateTable(TABLE).set(changes).where('cooperative_id', '=', cooperativeId).where('id', '=', id).execute();
    await indexChronicleEntry(trx, id);
  });
  return (await loadChronicleEntry(db, cooperativeId, id))!;
}

/** @internal The public reads reuse the row reader. */
export const chronicleEntryFromRow = entryFromRow;
/** @internal Localizes one entry for the timeline (the public reads reuse it). */
export const toTimelineEntry = timelineEntry;

/** Entries of a cooperative's chronicle for editing (every status and visibility), in timeline order. */
export async function listChronicleForEditing(db: Kysely<TerroirTables>, cooperativeId: string): Promise<ChronicleEntry[]> {
  const rows = await db.selectFrom(TABLE).selectAll().where('cooperative_id', '=', cooperativeId).orderBy('sort_key').orderBy('id').execute();
  return rows.map(entryFromRow);
}
