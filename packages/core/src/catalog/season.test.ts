import { describe, expect, it } from 'vitest';
import { ALL_MONTHS_MASK, monthIn, seasonMask, seasonStatus } from './season';

describe('season', () => {
  it('builds month masks, including windows across the year end', () => {
    expect(seasonMask([{ fromMonth: 9, toMonth: 10 }])).toBe((1 << 8) | (1 << 9));
    expect(seasonMask([{ fromMonth: 11, toMonth: 2 }])).toBe((1 << 10) | (1 << 11) | 1 | 2);
    expect(seasonMask([])).toBe(ALL_MONTHS_MASK);
    expect(
      seasonMask([
        { fromMonth: 5, toMonth: 5 },
        { fromMonth: 7, toMonth: 7 },
      ]),
    ).toBe((1 << 4) | (1 << 6));
  });
  it('says in season, pre-order or out of season', () => {
    const pears = [{ fromMonth: 9, toMonth: 10 }];
    expect(seasonStatus(pears, true, 9)).toBe('in-season');
    expect(seasonStatus(pears, true, 3)).toBe('preorder');
    expect(seasonStatus(pears, false, 3)).toBe('out-of-season');
    expect(seasonStatus([], false, 3)).toBe('year-round');
  });
  it('reads the month in the cooperative time zone', () => {
    expect(monthIn(new Date('2026-09-30T20:00:00Z'), 'Asia/Shanghai')).toBe(10);
    expect(monthIn(new Date('2026-09-30T20:00:00Z'), 'UTC')).toBe(9);
  });
  it('turns the month exactly at local midnight, also for zones with quarter-hour offsets', () => {
    // Asia/Shanghai is UTC+8: October starts at 16:00 UTC on 30 September.
    expect(monthIn(new Date('2026-09-30T15:59:59.999Z'), 'Asia/Shanghai')).toBe(9);
    expect(monthIn(new Date('2026-09-30T16:00:00.000Z'), 'Asia/Shanghai')).toBe(10);
    // Asia/Kathmandu is UTC+5:45: October starts at 18:15 UTC.
    expect(monthIn(new Date('2026-09-30T18:14:59.999Z'), 'Asia/Kathmandu')).toBe(9);
    expect(monthIn(new Date('2026-09-30T18:15:00.000Z'), 'Asia/Kathmandu')).toBe(10);
    // And back again: the cache never answers for another quarter hour.
    expect(monthIn(new Date('2026-09-30T18:14:59.999Z'), 'Asia/Kathmandu')).toBe(9);
  });
});
