import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooperative, createFulfilmentOption, createProduct, priceCart, setCheckoutSettings, type FulfilmentChoice } from '../index';
import { TEST_DIALECTS, propertyParameters, propertyTimeout, type TestDatabase } from '../testing/index';

/*
 * For any catalog and any cart a client can send, the server's quote is a pure function of
 * the database: total = Σ unit price × quantity + fulfilment fee, integer minor units, never
 * negative, and whatever price fields the client adds are ignored. A cart the model calls
 * valid is priced; one it calls invalid is refused with issues, never thrown at.
 */

interface ShopSpec {
  variants: Array<{ priceMinor: number; stock: number; active: boolean }>;
  maxLineQuantity: number;
  flatFeeMinor: number | null;
  regionFees: Record<string, number>;
}

const shopSpec: fc.Arbitrary<ShopSpec> = fc.record({
  variants: fc.array(
    fc.record({
      priceMinor: fc.integer({ min: 0, max: 5_000_000 }),
      stock: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 20, max: 60 }) }, fc.integer({ min: 0, max: 19 })),
      active: fc.oneof({ weight: 11, arbitrary: fc.constant(true) }, fc.constant(false)),
    }),
    { minLength: 2, maxLength: 5 },
  ),
  maxLineQuantity: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 10, max: 50 }) }, fc.integer({ min: 1, max: 9 })),
  flatFeeMinor: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
  regionFees: fc.dictionary(fc.constantFrom('shandong', 'beijing', 'yunnan'), fc.integer({ min: 0, max: 100_000 }), { maxKeys: 3 }),
});

/** A line as a client might send it: a variant by index (or an unknown id), any quantity, and forged price fields. */
const cartLine = fc.record({
  variant: fc.oneof({ weight: 9, arbitrary: fc.nat({ max: 1 }) }, fc.nat({ max: 4 }), fc.constant(-1)),
  quantity: fc.oneof(
    { weight: 20, arbitrary: fc.integer({ min: 1, max: 12 }) },
    fc.integer({ min: -3, max: 0 }),
    fc.constantFrom(1.5, 0.1, 1e9, Number.MAX_SAFE_INTEGER),
  ),
  forged: fc.record(
    { priceMinor: fc.integer({ min: -1_000_000, max: 0 }), unitPriceMinor: fc.constant(1), lineTotalMinor: fc.constant(0), totalMinor: fc.constant(-5) },
    { requiredKeys: [] },
  ),
});

const fulfilmentPick = fc.oneof(
  fc.constant({ type: 'none' as const }),
  fc.constant({ type: 'pickup' as const }),
  fc.record({ type: fc.constant('delivery' as const), region: fc.constantFrom('shandong', ' Shandong ', 'BEIJING', 'yunnan', 'atlantis', '') }),
);

for (const dialect of TEST_DIALECTS) {
  describe(`priceCart property on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shopNo = 0;
    beforeAll(async () => {
      database = await dialect.open();
    });
    afterAll(() => database.destroy());

    it(
      'total = Σ lines + fee in non-negative integer minor units, from database prices only',
      async () => {
        await fc.assert(
          fc.asyncProperty(shopSpec, fc.array(cartLine, { minLength: 1, maxLength: 3 }), fulfilmentPick, async (spec, cart, pick) => {
            const db = database.db;
            const coop = await createCooperative(db, {
              slug: `prop-shop-${++shopNo}`,
              name: { en: 'Property shop' },
              description: {},
              place: { name: { en: 'Here' } },
              contact: {},
              allowedOrigins: [],
            });
            await setCheckoutSettings(db, coop.id, { paymentMethods: ['card'], maxLineQuantity: spec.maxLineQuantity });
            const product = await createProduct(db, {
              cooperativeId: coop.id,
              slug: 'goods',
              category: 'fresh',
              title: { en: 'Goods' },
              summary: {},
              description: {},
              images: [],
              tags: [],
              certifications: [],
              harvestWindows: [],
              variants: spec.variants.map((v, i) => ({
                label: { en: `v${i}` },
                priceMinor: v.priceMinor,
                unit: 'piece',
                unitQuantity: 1,
                stockOnHand: v.stock,
                status: v.active ? 'active' : 'archived',
              })),
            });
            const pickup = await createFulfilmentOption(db, coop.id, { kind: 'pickup', name: { en: 'Shop' }, address: { en: 'Road 1' }, hours: { en: 'Sat' } });
            await createFulfilmentOption(db, coop.id, {
              kind: 'delivery',
              name: { en: 'Courier' },
              flatFeeMinor: spec.flatFeeMinor,
              regionFees: spec.regionFees,
              position: 1,
            });

            const variantIdAt = (index: number) => (index >= 0 && index < product.variants.length ? product.variants[index]!.id : 'var_unknown');
            const lines = cart.map((l) => ({ ...l.forged, variantId: variantIdAt(l.variant), quantity: l.quantity }));
            const fulfilment: FulfilmentChoice | undefined =
              pick.type === 'pickup'
                ? { type: 'pickup', pickupPointId: pickup.id }
                : pick.type === 'delivery'
                  ? { type: 'delivery', region: pick.region, address: { line1: 'x' } }
                  : undefined;

            const result = await priceCart(db, { cooperativeId: coop.id, lines, fulfilment });

            // The model: which carts are valid, and what they cost.
            const wanted = new Map<number, number>();
            let linesValid = true;
            for (const l of cart) {
              const v = spec.variants[l.variant];
              if (l.variant < 0 || !v || !v.active || !Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > spec.maxLineQuantity) linesValid = false;
              else wanted.set(l.variant, (wanted.get(l.variant) ?? 0) + l.quantity);
            }
            for (const [index, quantity] of wanted) if (quantity > spec.variants[index]!.stock) linesValid = false;
            let fee: number | 'refused' | 'flat-or-refused' = 0;
            if (pick.type === 'delivery') {
              const region = pick.region.trim().toLowerCase();
              if (Object.hasOwn(spec.regionFees, region)) fee = spec.regionFees[region]!;
              // A region the cooperative does not list: the flat fee, or refused as not served.
              else fee = spec.flatFeeMinor === null ? 'refused' : 'flat-or-refused';
            }

            if (!result.ok) {
              expect(result.issues.length).toBeGreaterThan(0);
              const regionRefused = result.issues.some((i) => i.code === 'region_not_served');
              expect(linesValid && fee !== 'refused' && fee !== 'flat-or-refused', JSON.stringify(result.issues)).toBe(false);
              if (linesValid) expect(regionRefused).toBe(true);
              return;
            }
            expect(linesValid).toBe(true);
            expect(fee).not.toBe('refused');
            const quote = result.quote;
            const expectedFee = fee === 'flat-or-refused' ? spec.flatFeeMinor! : (fee as number);
            expect(quote.fulfilmentFeeMinor).toBe(expectedFee);
            expect(quote.lines.map((l) => l.unitPriceMinor)).toEqual(cart.map((l) => spec.variants[l.variant]!.priceMinor));
            for (const l of quote.lines) expect(l.lineTotalMinor).toBe(l.unitPriceMinor * l.quantity);
            expect(quote.subtotalMinor).toBe(quote.lines.reduce((sum, l) => sum + l.lineTotalMinor, 0));
            expect(quote.totalMinor).toBe(quote.subtotalMinor + quote.fulfilmentFeeMinor);
            for (const amount of [
              quote.totalMinor,
              quote.subtotalMinor,
              quote.fulfilmentFeeMinor,
              ...quote.lines.flatMap((l) => [l.unitPriceMinor, l.lineTotalMinor]),
            ]) {
              expect(Number.isSafeInteger(amount) && amount >= 0).toBe(true);
            }
          }),
          propertyParameters(dialect.name === 'sqlite' ? 150 : 60),
        );
      },
      propertyTimeout(),
    );
  });
}
