import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { TerroirTables } from '../db/schema';
import { parseJsonColumn, parseOptionalJsonColumn } from '../db/json-column';
import { localizedTextSchema, placeSchema } from '../catalog/catalog-column-schemas';
import { historicalDateSchema } from '../museum/historical-date-schema';
import { MEDIA_KINDS, type Story, type StoryKind, type StoryMedia } from '../catalog/types';
import type { StoryCard } from './story-types';

/*
 * The one set of story row → record mappers (editor and storefront alike). JSON columns go
 * through their schemas, so a damaged row throws CorruptRowError naming it.
 */

export const storyMediaSchema: z.ZodType<StoryMedia> = z.looseObject({
  kind: z.enum(MEDIA_KINDS),
  url: z.string(),
  mimeType: z.string().optional(),
  caption: localizedTextSchema.optional(),
  credit: localizedTextSchema.optional(),
  transcript: localizedTextSchema.optional(),
  cues: z
    .array(z.object({ start: z.number().min(0), end: z.number().min(0), text: localizedTextSchema }))
    .max(500)
    .optional(),
  alt: localizedTextSchema.optional(),
  durationSeconds: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
});

const storyMediaListSchema = z.array(storyMediaSchema);

/**
 * A story row's media column, validated (a damaged column throws `CorruptRowError` naming the row).
 *
 * @example
 * storyMediaFromColumn(row.media, row.id).find((m) => m.kind === 'audio')
 */
export function storyMediaFromColumn(json: string, storyId: string): StoryMedia[] {
  return parseJsonColumn(storyMediaListSchema, json, { table: 'stories', id: storyId, column: 'media' });
}

/** The story columns a card needs. */
export interface StoryCardRow {
  id: string;
  slug: string;
  kind: string;
  title: string;
  summary: string;
  media: string;
  era: string | null;
  date: string | null;
  place: string | null;
}

/**
 * A story row (or the card columns of one) as a story card.
 *
 * @example
 * const cards = rows.map(storyCardFromRow);
 */
export function storyCardFromRow(row: StoryCardRow): StoryCard {
  const ref = (column: string) => ({ table: 'stories', id: row.id, column });
  const card: StoryCard = {
    id: row.id,
    slug: row.slug,
    kind: row.kind as StoryKind,
    title: parseJsonColumn(localizedTextSchema, row.title, ref('title')),
    summary: parseJsonColumn(localizedTextSchema, row.summary, ref('summary')),
    media: parseJsonColumn(storyMediaListSchema, row.media, ref('media')),
  };
  const date = parseOptionalJsonColumn(historicalDateSchema, row.date, ref('date'));
  if (date) card.date = date;
  const era = parseOptionalJsonColumn(localizedTextSchema, row.era, ref('era'));
  if (era) card.era = era;
  const place = parseOptionalJsonColumn(placeSchema, row.place, ref('place'));
  if (place) card.place = place;
  return card;
}

/**
 * A story row as the domain type.
 *
 * @example
 * const story = storyFromRow(row);
 */
export function storyFromRow(row: Selectable<TerroirTables['stories']>): Story {
  const { era, place, date, ...card } = storyCardFromRow(row);
  const story: Story = {
    ...card,
    cooperativeId: row.cooperative_id,
    body: parseJsonColumn(localizedTextSchema, row.body, { table: 'stories', id: row.id, column: 'body' }),
    visibility: row.visibility as Story['visibility'],
    status: row.status as Story['status'],
    position: Number(row.position),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (place) story.place = place;
  if (date) story.date = date;
  if (era) story.era = era;
  const attribution = parseOptionalJsonColumn(localizedTextSchema, row.attribution, { table: 'stories', id: row.id, column: 'attribution' });
  if (attribution) story.attribution = attribution;
  return story;
}
