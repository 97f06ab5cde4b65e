import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinor, MAX_IMPORT_PRICE_MINOR, parsePriceToMinor, parseUnit, SALE_UNITS } from '../index';
import { propertyParameters, propertyTimeout } from '../testing/index';

/*
 * Prices and units as spreadsheets hold them: what the export writes, the import reads back
 * exactly, in integer minor units, whatever decoration a person adds (¥, 元, full-width digits,
 * thousands separators); and nothing else is ever read as a price.
 */

const toFullWidth = (text: string) => text.replace(/[0-9.,]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const withThousands = (text: string) => {
  const [whole, fraction] = text.split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
};

describe('price and unit cells (property)', () => {
  it(
    'formatMinor → parsePriceToMinor is the identity, with any decoration',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: MAX_IMPORT_PRICE_MINOR }),
          fc.constantFrom(
            (t: string) => t,
            (t: string) => `¥${t}`,
            (t: string) => `￥${t}`,
            (t: string) => `${t}元`,
            (t: string) => `RMB ${t}`,
            toFullWidth,
            withThousands,
            (t: string) => ` ${t} `,
          ),
          (minor, decorate) => {
            expect(parsePriceToMinor(decorate(formatMinor(minor)))).toBe(minor);
          },
        ),
        propertyParameters(1000),
      );
    },
    propertyTimeout(),
  );

  it(
    'anything read as a price is a non-negative integer within the limit',
    () => {
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom('0', '1', '9', '.', ',', '-', '+', 'e', '¥', '元', ' ', '１', '．', 'x'), maxLength: 16 }), (cell) => {
          const minor = parsePriceToMinor(cell);
          if (minor !== null) expect(Number.isSafeInteger(minor) && minor >= 0 && minor <= MAX_IMPORT_PRICE_MINOR).toBe(true);
        }),
        propertyParameters(2000),
      );
    },
    propertyTimeout(),
  );

  it(
    'a unit cell with a whole quantity in front reads back as written',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...SALE_UNITS), fc.integer({ min: 1, max: 999_999 }), (unit, quantity) => {
          expect(parseUnit(`${quantity}${unit}`)).toEqual({ unit, quantity });
          expect(parseUnit(unit)).toEqual({ unit, quantity: null });
        }),
        propertyParameters(500),
      );
    },
    propertyTimeout(),
  );
});
