import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../index';
import { propertyParameters, propertyTimeout } from '../testing/index';

/*
 * Decoding a spreadsheet's bytes: whatever the text, UTF-8 (with or without a BOM) and UTF-16
 * with a BOM come back exactly and are named; bytes that are not UTF-8 are read as GB18030.
 */
const cjkText = fc.string({ unit: fc.constantFrom('梨', '山', '楂', '酱', '¥', '１', 'a', ',', '\n', '"', '元', '斤', '𠀀', ' '), maxLength: 40 });

const utf16 = (text: string, bigEndian: boolean) => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 + i * 2 + (bigEndian ? 0 : 1)] = unit >> 8;
    out[2 + i * 2 + (bigEndian ? 1 : 0)] = unit & 0xff;
  }
  return out;
};

describe('CSV decoding (property)', () => {
  it(
    'UTF-8 with or without a BOM, and UTF-16 LE/BE with a BOM, decode to the same text',
    () => {
      fc.assert(
        fc.property(cjkText, (text) => {
          const utf8 = new TextEncoder().encode(text);
          expect(decodeCsvBytes(utf8)).toEqual({ text, encoding: 'utf-8' });
          expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text, encoding: 'utf-8-bom' });
          expect(decodeCsvBytes(utf16(text, false))).toEqual({ text, encoding: 'utf-16le' });
          expect(decodeCsvBytes(utf16(text, true))).toEqual({ text, encoding: 'utf-16be' });
        }),
        propertyParameters(500),
      );
    },
    propertyTimeout(),
  );

  it(
    'GBK bytes of Chinese text (two bytes each, lead 0x81–0xFE) are read as GB18030 and decode as the decoder reads them',
    () => {
      // 梨 C0E6, 山 C9BD, 价 BCDB, 格 B8F1. "山1" (C9 BD 31) is valid UTF-8 ("ɽ1"): this property
      // found that, and decodeCsvBytes now reads such a text as the GBK it is.
      const gbk: Record<string, number[]> = { 梨: [0xc0, 0xe6], 山: [0xc9, 0xbd], 价: [0xbc, 0xdb], 格: [0xb8, 0xf1] };
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...Object.keys(gbk), ',', '1'), { minLength: 1, maxLength: 30 }).filter((chars) => chars.some((c) => gbk[c])),
          (chars) => {
            const bytes = new Uint8Array(chars.flatMap((c) => gbk[c] ?? [c.charCodeAt(0)]));
            expect(decodeCsvBytes(bytes)).toEqual({ text: chars.join(''), encoding: 'gb18030' });
          },
        ),
        propertyParameters(500),
      );
    },
    propertyTimeout(),
  );

  it('Latin-1 accents in UTF-8 stay UTF-8', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('Café,Crème brûlée\n'))).toEqual({ text: 'Café,Crème brûlée\n', encoding: 'utf-8' });
  });
});
