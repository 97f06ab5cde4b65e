import { z } from 'zod';
import { searchTextOf } from '../catalog/search-text';
import { toJsonColumn } from '../db/json-column';
import type { Story } from '../catalog/types';
import { historicalSortKey, yearSpan } from '../museum/historical-date';
import { historicalDateSchema } from '../museum/historical-date-schema';

const optionalJson = (value: unknown): string | null => (value ? toJsonColumn(value) : null);
const storyDateSchema = z.object({ date: historicalDateSchema.optional() });

/**
 * The editable columns of a story, with its search text and date sort columns derived. A date
 * that is not one (`{ precision: 'year', year: 0 }`) throws a ZodError naming `date.year`.
 *
 * @example
 * await db.updateTable('stories').set({ ...storyColumns(story), updated_at: now }).where('id', '=', story.id).execute();
 */
export function storyColumns(story: Story) {
  const { date } = storyDateSchema.parse({ date: story.date });
  const span = date ? yearSpan(date) : null;
  return {
    slug: story.slug,
    kind: story.kind,
    title: toJsonColumn(story.title),
    summary: toJsonColumn(story.summary),
    body: toJsonColumn(story.body),
    media: toJsonColumn(story.media),
    place: optionalJson(story.place),
    era: optionalJson(story.era),
    date: optionalJson(date),
    date_sort_key: date ? historicalSortKey(date) : null,
    date_from_year: span?.from ?? null,
    date_to_year: span?.to ?? null,
    attribution: optionalJson(story.attribution),
    visibility: story.visibility,
    status: story.status,
    position: story.position,
    search_text: searchTextOf([story.title, story.summary]),
  };
}
