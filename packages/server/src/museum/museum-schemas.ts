import { z } from '@hono/zod-openapi';
import { HISTORICAL_PERIODS, LOCALES } from '@terroir/core';

const PERIOD_IDS = HISTORICAL_PERIODS.map((p) => p.id) as [string, ...string[]];

/** Query of `GET /v1/coops/:coop/timeline`. */
export const TimelineQuery = z.object({
  lang: z.enum(LOCALES).optional().openapi({ description: 'Locale to serve; else Accept-Language, else the cooperative default.' }),
  period: z
    .enum(PERIOD_IDS)
    .optional()
    .openapi({ description: 'Only entries whose years overlap this Chinese historical period (`qing`, `republic`, `eastern-han`, …; see docs/museum.md).' }),
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ type: 'integer', minimum: 1, maximum: 100, default: 50 }),
  cursor: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor returned as nextCursor')
    .optional()
    .openapi({ description: 'Opaque `nextCursor` of the previous page.' }),
});

/** A date with its precision (docs/museum.md). */
export const HistoricalDateSchema = z
  .looseObject({
    precision: z.enum(['day', 'month', 'year', 'range', 'decade', 'century', 'period']),
    circa: z.boolean().optional(),
  })
  .openapi('HistoricalDate', {
    description: 'Precision plus its fields: `year`/`month`/`day`, `fromYear`/`toYear`, `decade`, `century` or `period`. BCE years are negative.',
  });

export const TimelineEntrySchema = z
  .object({
    slug: z.string(),
    date: HistoricalDateSchema,
    dateText: z.string().openapi({ description: 'The date as a visitor reads it, e.g. 清（1644–1912年） or c. 1900.', example: '约1900年' }),
    title: z.string(),
    bodyHtml: z.string().openapi({ description: 'Sanitized HTML from the entry’s Markdown.' }),
    source: z.string().nullable().openapi({ description: 'Where it is written down (a county gazetteer page, …).' }),
    locale: z.enum(LOCALES),
  })
  .openapi('TimelineEntry');
