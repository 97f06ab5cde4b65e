/*
 * The parts of the storefront API's responses the homepage reads (the full shapes are in
 * the OpenAPI document, /api/openapi.json). Kept narrow on purpose: the page should keep
 * working when the API adds fields.
 */

export interface Money {
  priceMinor: number;
  currency: string;
}

export interface ImageJson {
  url: string;
  alt: string;
  width?: number;
  height?: number;
}

export interface CooperativeJson {
  slug: string;
  name: string;
  description: string;
  place: { name: string; region?: string | null } | null;
  locale: string;
}

export interface ProductSummaryJson {
  slug: string;
  title: string;
  summary: string;
  category: 'fresh' | 'processed' | 'craft' | 'experience';
  image: ImageJson | null;
  priceFrom: Money | null;
  unitPrice: { perKgMinor: number | null; perJinMinor: number | null } | null;
  season: 'year-round' | 'in-season' | 'preorder' | 'out-of-season';
  stock: 'in-stock' | 'low' | 'sold-out';
  storyCount: number;
  producer: { slug: string; name: string } | null;
}

export interface StorySummaryJson {
  slug: string;
  kind: string;
  title: string;
  summary: string;
  image: ImageJson | null;
  hasAudio: boolean;
}

export interface StoryMediaJson {
  kind: 'image' | 'audio' | 'video';
  url: string;
  mimeType?: string | null;
  caption?: string | null;
  credit?: string | null;
  transcript?: string | null;
  durationSeconds?: number | null;
}

export interface StoryDetailJson extends StorySummaryJson {
  media: StoryMediaJson[];
}
