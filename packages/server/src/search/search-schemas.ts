import { z } from '@hono/zod-openapi';
import { LOCALES, SEARCH_DOCUMENT_TYPES, SEARCH_QUERY_MAX_LENGTH } from '@terroir/core';
import { text } from '../http/text-schemas';

/** Query of `GET /v1/coops/:coop/search`. */
export const SearchRouteQuery = z.object({
  q: text(SEARCH_QUERY_MAX_LENGTH).openapi({
    description: `Words to find, at most ${SEARCH_QUERY_MAX_LENGTH} characters: Chinese (simplified or traditional), pinyin (\`laiyangli\`, \`lai yang li\`), initials (\`lyl\`), mixed (\`莱yang\`) or English.`,
    example: '莱阳梨',
  }),
  types: z
    .string()
    .max(64)
    .regex(/^(product|story|chronicle)(,(product|story|chronicle))*$/, 'a comma-separated list of product, story, chronicle')
    .optional()
    .openapi({ description: 'Only these types, comma-separated (`product,story`). Facet counts still cover every type.', example: 'product,story' }),
  lang: z.enum(LOCALES).optional().openapi({ description: 'Locale to serve; else Accept-Language, else the cooperative default.' }),
  limit: z.coerce.number().int().min(1).max(50).default(20).openapi({ type: 'integer', minimum: 1, maximum: 50, default: 20 }),
  cursor: z
    .string()
    .max(16)
    .regex(/^o[0-9]{1,5}$/, 'must be a cursor returned as nextCursor')
    .optional()
    .openapi({ description: 'Opaque `nextCursor` of the previous page.' }),
});

/** Query of `GET /v1/coops/:coop/search/suggest`. */
export const SuggestRouteQuery = z.object({
  q: text(SEARCH_QUERY_MAX_LENGTH).openapi({ description: 'What was typed so far (one character is enough).', example: 'lai' }),
  lang: z.enum(LOCALES).optional().openapi({ description: 'Locale to serve; else Accept-Language, else the cooperative default.' }),
});

const SearchType = z.enum(SEARCH_DOCUMENT_TYPES as unknown as [string, ...string[]]);

export const SearchHitSchema = z
  .object({
    type: SearchType,
    id: z.string(),
    slug: z.string().openapi({ description: 'Slug for the page of the result: products/{slug}, stories/{slug}, or the timeline entry.' }),
    title: z.string(),
    titleHtml: z.string().openapi({ description: 'The title with matches in `<mark>`; everything else HTML-escaped.' }),
    snippetHtml: z.string().openapi({ description: 'An excerpt of the summary or body with matches in `<mark>`; everything else HTML-escaped.' }),
    locale: z.enum(LOCALES),
    priceFromMinor: z.number().int().nullable().openapi({ description: 'Products: lowest active variant price in minor units (分). Null for other types.' }),
    inStock: z.boolean().nullable().openapi({ description: 'Products: whether a variant has stock. Null for other types.' }),
  })
  .openapi('SearchHit');

export const SearchPageSchema = z
  .object({
    items: z.array(SearchHitSchema),
    total: z.number().int(),
    facets: z
      .object({ product: z.number().int(), story: z.number().int(), chronicle: z.number().int() })
      .openapi({ description: 'Matches per type (before `types` filtering).' }),
    nextCursor: z.string().nullable(),
    locale: z.enum(LOCALES),
  })
  .openapi('SearchPage');

export const SuggestionsSchema = z
  .object({
    items: z.array(z.object({ type: SearchType, slug: z.string(), title: z.string() })),
    locale: z.enum(LOCALES),
  })
  .openapi('SearchSuggestions');
