/*
 * The parts of the storefront API's responses the homepage reads: narrow `Pick`s of the types
 * @terroir/client generates from the OpenAPI document (/api/openapi.json), so the page keeps
 * working when the API adds fields and fails to typecheck when one it reads changes.
 */
import type { Cooperative, Image, ProductSummary, StoryDetail, StoryMedia, StorySummary } from '@terroir/client';

export type { Money } from '@terroir/client';

export type ImageJson = Image;

export type CooperativeJson = Pick<Cooperative, 'slug' | 'name' | 'description' | 'place' | 'locale'>;

export type ProductSummaryJson = Pick<
  ProductSummary,
  'slug' | 'title' | 'summary' | 'category' | 'image' | 'priceFrom' | 'unitPrice' | 'season' | 'stock' | 'storyCount' | 'producer'
>;

export type StorySummaryJson = Pick<StorySummary, 'slug' | 'kind' | 'title' | 'summary' | 'image' | 'hasAudio'>;

export type StoryMediaJson = Pick<StoryMedia, 'kind' | 'url' | 'mimeType' | 'caption' | 'credit' | 'transcript' | 'durationSeconds'>;

export type StoryDetailJson = StorySummaryJson & Pick<StoryDetail, 'media'>;
