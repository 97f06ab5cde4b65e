import { searchTextOf } from '../catalog/search-text';
import { toJsonColumn } from '../db/json-column';
import type { Story } from '../catalog/types';

const optionalJson = (value: unknown): string | null => (value ? toJsonColumn(value) : null);

/**
 * The editable columns of a story, with its search text derived.
 *
 * @example
 * await db.updateTable('stories').set({ ...storyColumns(story), updated_at: now }).where('id', '=', story.id).execute();
 */
export function storyColumns(story: Story) {
  return {
    slug: story.slug,
    kind: story.kind,
    title: toJsonColumn(story.title),
    summary: toJsonColumn(story.summary),
    body: toJsonColumn(story.body),
    media: toJsonColumn(story.media),
    place: optionalJson(story.place),
    era: optionalJson(story.era),
    attribution: optionalJson(story.attribution),
    visibility: story.visibility,
    status: story.status,
    position: story.position,
    search_text: searchTextOf([story.title, story.summary]),
  };
}
