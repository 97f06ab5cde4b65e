import type { SaleUnit } from '../catalog/types';

/** Grams in one unit, for units that are weights. */
const GRAMS_PER_UNIT: Partial<Record<SaleUnit, number>> = { g: 1, kg: 1000, jin: 500 };

/**
 * Net grams in one sale of a variant, or `undefined` when it is not known
 * (a piece with no recorded net weight).
 *
 * @example
 * netGramsOf({ unit: 'jin', unitQuantity: 5 }) // 2500
 */
export function netGramsOf(variant: { unit: SaleUnit; unitQuantity: number; netGrams?: number | null }): number | undefined {
  const perUnit = GRAMS_PER_UNIT[variant.unit];
  if (perUnit !== undefined) return perUnit * variant.unitQuantity;
  return variant.netGrams ?? undefined;
}

/**
 * Price per kilogram and per jin (500 g) in minor units, rounded half-up to a whole minor
 * unit, or `undefined` when the weight is unknown. Integer arithmetic only.
 *
 * @example
 * unitPrices({ priceMinor: 6000, unit: 'jin', unitQuantity: 5 }) // { perKgMinor: 2400, perJinMinor: 1200 }
 */
export function unitPrices(variant: {
  priceMinor: number;
  unit: SaleUnit;
  unitQuantity: number;
  netGrams?: number | null;
}): { perKgMinor: number; perJinMinor: number } | undefined {
  const grams = netGramsOf(variant);
  if (!grams || grams <= 0) return undefined;
  return {
    perKgMinor: roundDiv(variant.priceMinor * 1000, grams),
    perJinMinor: roundDiv(variant.priceMinor * 500, grams),
  };
}

/** Integer division rounded half-up, for non-negative integers. */
export function roundDiv(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}
