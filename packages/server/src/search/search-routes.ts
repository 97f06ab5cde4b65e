import { createRoute, type z } from '@hono/zod-openapi';
import { CoopParams, ErrorSchema } from '../catalog/catalog-schemas';
import { SearchPageSchema, SearchRouteQuery, SuggestionsSchema, SuggestRouteQuery } from './search-schemas';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const readHeaders = {
  ETag: { schema: { type: 'string' as const }, description: 'Weak validator of the body; send it back in If-None-Match.' },
  'Cache-Control': { schema: { type: 'string' as const }, description: 'public, max-age=60, stale-while-revalidate=300' },
  'Content-Language': { schema: { type: 'string' as const }, description: 'The locale served.' },
};
const otherResponses = {
  304: { description: 'Not modified: the If-None-Match ETag still matches.' },
  400: json(ErrorSchema, 'A malformed parameter (`q` too long, unknown `types`, a foreign `cursor`); `error.field` names it.'),
  404: json(ErrorSchema, 'Unknown cooperative.'),
};

export const searchRoute = createRoute({
  method: 'get',
  path: '/v1/coops/{coop}/search',
  operationId: 'search',
  tags: ['Search'],
  security: [],
  summary: 'Search products, stories and the chronicle',
  description:
    'Ranked results across public products, published public stories and chronicle entries, with per-type counts. Understands Chinese (simplified and traditional), pinyin, initials, mixed and English queries; see docs/search.md. Snippets are HTML with matches in `<mark>` and everything else escaped.',
  request: { params: CoopParams, query: SearchRouteQuery },
  responses: { 200: { ...json(SearchPageSchema, 'One page of results.'), headers: readHeaders }, ...otherResponses },
});

export const suggestRoute = createRoute({
  method: 'get',
  path: '/v1/coops/{coop}/search/suggest',
  operationId: 'suggest',
  tags: ['Search'],
  security: [],
  summary: 'Title completions while typing',
  description: 'Up to 8 titles starting with what was typed: the title itself, its pinyin or its initials (`莱`, `lai`, `ly` all suggest 莱阳梨).',
  request: { params: CoopParams, query: SuggestRouteQuery },
  responses: { 200: { ...json(SuggestionsSchema, 'Suggestions, shortest title first.'), headers: readHeaders }, ...otherResponses },
});
