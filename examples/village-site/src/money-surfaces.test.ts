// One price, one text: the same amounts through every surface that shows money — core's
// formatter, the widgets' generated copy, the pages, the server's receipt page, the admin app
// (its own test checks it re-exports core's function), the CSV exports' decimals — in zh-CN
// and en. The example site is the one workspace package that depends on all of them.
import { decimalAmount, formatMoney } from '@terroir/core/money';
import type { OrderReceipt } from '@terroir/core';
import { moneyText } from '@terroir/pages';
import { formatMinor, renderReceiptPage } from '@terroir/server';
import { formatMoney as widgetMoney } from '@terroir/widgets';
import { describe, expect, it } from 'vitest';
import { formatMoney as exampleMoney } from './home-page';

const PRICES: [minor: number, currency: string][] = [
  [6800, 'CNY'],
  [123456789, 'CNY'],
  [1200, 'JPY'],
  [0, 'CNY'],
  [-250, 'CNY'],
];

// What a shopper reads, decided once (docs/money.md): ¥ for zh-CN readers, CN¥ for English ones.
const EXPECTED: Record<string, Record<string, string>> = {
  'zh-CN': { '6800CNY': '¥68.00', '123456789CNY': '¥1,234,567.89', '1200JPY': 'JP¥1,200', '0CNY': '¥0.00', '-250CNY': '-¥2.50' },
  en: { '6800CNY': 'CN¥68.00', '123456789CNY': 'CN¥1,234,567.89', '1200JPY': '¥1,200', '0CNY': 'CN¥0.00', '-250CNY': '-CN¥2.50' },
};

function receipt(currency: string, minor: number, locale: 'zh-CN' | 'en'): OrderReceipt {
  return {
    orderId: 'ord_1',
    paymentProvider: 'stripe',
    pickupCode: null,
    status: 'paid',
    statusLabel: 'paid',
    locale,
    currency,
    lines: [{ title: '莱阳梨', variantLabel: '5斤装', unitPriceMinor: minor, quantity: 1, lineTotalMinor: minor, preorder: false }],
    subtotalMinor: minor,
    fulfilmentFeeMinor: 0,
    totalMinor: minor,
    refundedMinor: 0,
    fulfilment: { type: 'pickup', name: '合作社门市', address: null, hours: null, region: null },
    cooperative: { slug: 'laiyang-pear', name: '梨乡合作社' },
    createdAt: '2026-12-03T08:00:00.000Z',
    paidAt: '2026-12-03T08:01:00.000Z',
    payment: null,
  };
}

describe('money on every surface', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`shows the same text everywhere in ${locale}`, () => {
      for (const [minor, currency] of PRICES) {
        const expected = EXPECTED[locale]![`${minor}${currency}`]!;
        expect(formatMoney(minor, currency, locale), 'core').toBe(expected);
        expect(widgetMoney(minor, currency, locale), 'widgets').toBe(expected);
        expect(moneyText(minor, currency, locale), 'pages').toBe(expected);
        expect(formatMinor(minor, currency, locale), 'server').toBe(expected);
        expect(exampleMoney({ priceMinor: minor, currency }, locale), 'example site').toBe(expected);
        if (minor >= 0)
          expect(renderReceiptPage(receipt(currency, minor, locale), locale, { token: 't' }), 'receipt page').toContain(`<strong>${expected}</strong>`);
      }
    });
  }

  it('writes CSV cells as exact decimals in the currency’s own minor unit', () => {
    expect(PRICES.map(([minor, currency]) => decimalAmount(minor, currency))).toEqual(['68.00', '1234567.89', '1200', '0.00', '-2.50']);
  });
});
