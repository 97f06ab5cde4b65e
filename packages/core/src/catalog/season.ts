import type { HarvestWindow } from './types';

/** What a shopper can do with a product today. */
export type SeasonStatus = 'year-round' | 'in-season' | 'preorder' | 'out-of-season';

/** All twelve months set. */
export const ALL_MONTHS_MASK = 0xfff;

/**
 * Months covered by harvest windows as a 12-bit mask (bit 0 = January), so the database can
 * filter "in season" with one integer test. No windows means all year.
 *
 * @example
 * seasonMask([{ fromMonth: 9, toMonth: 10 }]) // 0b001100000000
 */
export function seasonMask(windows: readonly HarvestWindow[]): number {
  if (windows.length === 0) return ALL_MONTHS_MASK;
  let mask = 0;
  for (const { fromMonth, toMonth } of windows) {
    let month = fromMonth;
    for (let steps = 0; steps < 12; steps++) {
      mask |= 1 << (month - 1);
      if (month === toMonth) break;
      month = (month % 12) + 1;
    }
  }
  return mask;
}

/**
 * The month (1–12) at `date` in the cooperative's time zone.
 *
 * @example
 * monthIn(new Date('2026-09-30T20:00:00Z'), 'Asia/Shanghai') // 10
 */
export function monthIn(date: Date, timeZone: string): number {
  // Every UTC offset in use is a whole number of quarter hours, so a local month can only
  // turn at a UTC quarter-hour boundary: within one quarter hour the answer is fixed, and
  // formatting a date (~5 µs, on every product list) is needed once per quarter hour per zone.
  const quarter = Math.floor(date.getTime() / QUARTER_HOUR_MS);
  const cached = lastMonths.get(timeZone);
  if (cached && cached.quarter === quarter) return cached.month;
  const month = Number(monthFormatter(timeZone).format(date));
  lastMonths.set(timeZone, { quarter, month });
  return month;
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const lastMonths = new Map<string, { quarter: number; month: number }>();

// Building an Intl.DateTimeFormat costs ~0.4 ms, and every product list asks for the month:
// keep one per zone (a handful of zones at most).
const monthFormatters = new Map<string, Intl.DateTimeFormat>();
function monthFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = monthFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric' });
    monthFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Season status of a product on a given month.
 *
 * @example
 * seasonStatus([{ fromMonth: 9, toMonth: 10 }], true, 3) // 'preorder'
 */
export function seasonStatus(windows: readonly HarvestWindow[], preorder: boolean, month: number): SeasonStatus {
  if (windows.length === 0) return 'year-round';
  if (seasonMask(windows) & (1 << (month - 1))) return 'in-season';
  return preorder ? 'preorder' : 'out-of-season';
}
