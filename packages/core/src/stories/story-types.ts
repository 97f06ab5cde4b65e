import type { LocalizedText } from '../locale/locale';
import type { HistoricalDate } from '../museum/historical-date';
import type { PlaceKind } from '../museum/places';
import type {
  ImageRef,
  Money,
  Place,
  Producer,
  Story,
  StoryKind,
  StoryMedia,
  StoryProducerRelation,
  StoryProductRelation,
  StoryStoryRelation,
} from '../catalog/types';

/** A story as a list shows it (no body). */
export interface StoryCard {
  id: string;
  slug: string;
  kind: StoryKind;
  title: LocalizedText;
  summary: LocalizedText;
  media: StoryMedia[];
  /** When it happened, sortable; show it with `formatHistoricalDate` (its label wins). */
  date?: HistoricalDate;
  /** Free text for a story without a date ("Handed down over generations"). */
  era?: LocalizedText;
  /** @deprecated A copied place kept for old data: read {@link StoryDetail.places} instead. */
  place?: Place;
}

/** A story card with the relation it is linked by. */
export type LinkedStory<R extends string> = StoryCard & { relation: R };

/** A product as linked from a story. */
export interface LinkedProduct {
  id: string;
  slug: string;
  title: LocalizedText;
  images: ImageRef[];
  priceFrom: Money | null;
  relation: StoryProductRelation;
}

/** A public museum place a story is linked to (through `museum_links`). */
export interface LinkedPlace {
  id: string;
  slug: string;
  kind: PlaceKind;
  name: LocalizedText;
  coordinates: { latitude: number; longitude: number } | null;
}

/** A story page with its graph: products, producers, places and "see also" stories from both link directions. */
export interface StoryDetail extends Story {
  products: LinkedProduct[];
  /** Public, published museum places linked to the story, in the museum's order. */
  places: LinkedPlace[];
  producers: Array<Producer & { relation: StoryProducerRelation }>;
  seeAlso: LinkedStory<StoryStoryRelation>[];
}

/** Filters of the public story list. */
export interface StoryListQuery {
  kind?: StoryKind;
  /** Product slug or id: only stories linked to it. */
  product?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}
