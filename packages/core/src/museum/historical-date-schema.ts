import { z } from 'zod';
import { daysInMonth, HISTORICAL_PERIODS, type HistoricalDate, type HistoricalPeriodId } from './historical-date';

const PERIOD_IDS = HISTORICAL_PERIODS.map((p) => p.id) as [HistoricalPeriodId, ...HistoricalPeriodId[]];

const year = z
  .number()
  .int()
  .min(-5000)
  .max(9999)
  .refine((y) => y !== 0, { message: 'there is no year 0: 1 BCE is -1, 1 CE is 1' });
const common = { circa: z.boolean().optional(), label: z.partialRecord(z.enum(['zh-CN', 'en']), z.string().max(200)).optional() };

/**
 * A date with its precision, as a zod schema (the admin API and the CSV import validate with it).
 * `label` keeps the free text shown as written ("光绪年间", "Handed down over generations").
 */
export const historicalDateSchema = z
  .discriminatedUnion('precision', [
    z.object({ precision: z.literal('day'), year, month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), ...common }),
    z.object({ precision: z.literal('month'), year, month: z.number().int().min(1).max(12), ...common }),
    z.object({ precision: z.literal('year'), year, ...common }),
    z.object({ precision: z.literal('range'), fromYear: year, toYear: year, ...common }),
    z.object({
      precision: z.literal('decade'),
      decade: year.refine((d) => d % 10 === 0, { message: 'a decade starts on a year ending in 0 (1930)' }),
      ...common,
    }),
    z.object({
      precision: z.literal('century'),
      century: z
        .number()
        .int()
        .min(-50)
        .max(99)
        .refine((c) => c !== 0, { message: 'there is no century 0' }),
      ...common,
    }),
    z.object({ precision: z.literal('period'), period: z.enum(PERIOD_IDS), ...common }),
  ])
  .superRefine((date, ctx) => {
    if (date.precision === 'day' && date.day > daysInMonth(date.year, date.month)) {
      ctx.addIssue({ code: 'custom', path: ['day'], message: `${date.year}-${date.month} has ${daysInMonth(date.year, date.month)} days` });
    }
    if (date.precision === 'range' && date.fromYear > date.toYear) {
      ctx.addIssue({ code: 'custom', path: ['toYear'], message: 'the range ends before it starts' });
    }
  });

// The schema's output and the hand-written type must stay the same shape, both ways.
type SchemaDate = z.output<typeof historicalDateSchema>;
const sameShape: [SchemaDate extends HistoricalDate ? true : false, HistoricalDate extends SchemaDate ? true : false] = [true, true];
void sameShape;
