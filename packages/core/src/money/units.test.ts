import { describe, expect, it } from 'vitest';
import { netGramsOf, roundDiv, unitPrices } from './units';

describe('unit prices', () => {
  it('knows a jin is 500 g', () => {
    expect(netGramsOf({ unit: 'jin', unitQuantity: 5 })).toBe(2500);
    expect(netGramsOf({ unit: 'kg', unitQuantity: 2 })).toBe(2000);
    expect(netGramsOf({ unit: 'box', unitQuantity: 1, netGrams: 4000 })).toBe(4000);
    expect(netGramsOf({ unit: 'piece', unitQuantity: 1 })).toBeUndefined();
  });
  it('computes per-kg and per-jin prices in integer minor units', () => {
    expect(unitPrices({ priceMinor: 6000, unit: 'jin', unitQuantity: 5 })).toEqual({ perKgMinor: 2400, perJinMinor: 1200 });
    expect(unitPrices({ priceMinor: 1999, unit: 'g', unitQuantity: 300 })).toEqual({ perKgMinor: 6663, perJinMinor: 3332 });
    expect(unitPrices({ priceMinor: 8800, unit: 'piece', unitQuantity: 1 })).toBeUndefined();
  });
  it('rounds half up', () => {
    expect(roundDiv(5, 2)).toBe(3);
    expect(roundDiv(4, 3)).toBe(1);
    expect(roundDiv(0, 7)).toBe(0);
  });
});
