import type { LocalizedText } from '../locale/locale';
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
  era?: LocalizedText;
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

/** A story page with its graph: products, producers and "see also" stories from both link directions. */
export interface StoryDetail extends Story {
  products: LinkedProduct[];
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
