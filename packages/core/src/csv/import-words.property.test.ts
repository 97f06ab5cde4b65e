import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_UNIT_WORDS,
  IMPORT_FIELDS,
  columnKeys,
  formatMinor,
  mappingIssues,
  MAX_IMPORT_PRICE_MINOR,
  parsePriceCell,
  parseSeasonMonths,
  parseUnitWord,
  sniffDelimiter,
  suggestColumnMapping,
} from '../index';
import { propertyParameters, propertyTimeout } from '../testing/index';

/*
 * The parsers behind "import what people already have": prices that name their unit, season
 * cells, unit words, delimiter sniffing and column suggestions, checked over generated input.
 */

const CHINESE_MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const toFullWidth = (text: string) => text.replace(/[0-9.]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

describe('import word tables and cells (property)', () => {
  it(
    'a price with a unit ("12.5 元/斤") reads as the same minor units and that unit',
    () => {
      const words = Object.keys(DEFAULT_UNIT_WORDS);
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: MAX_IMPORT_PRICE_MINOR }),
          fc.constantFrom(...words),
          fc.constantFrom('', ' ', '元', ' 元', '块'),
          fc.constantFrom('/', ' / ', '每'),
          fc.boolean(),
          (minor, word, currency, slash, fullWidth) => {
            const amount = fullWidth ? toFullWidth(formatMinor(minor)) : formatMinor(minor);
            const parsed = parsePriceCell(`${amount}${currency}${slash}${word}`);
            const unit = DEFAULT_UNIT_WORDS[word.toLowerCase()]!;
            expect(parsed).toEqual({ minor, per: { unit: unit.unit, quantity: unit.factor === 1 ? null : unit.factor } });
            expect(Number.isSafeInteger(parsed!.minor)).toBe(true);
          },
        ),
        propertyParameters(1000),
      );
    },
    propertyTimeout(),
  );

  it(
    'anything read as a price cell is a non-negative integer within the limit, never a float',
    () => {
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom('0', '1', '9', '.', ',', '-', '/', '每', '斤', '元', '面', '议', '¥', ' ', '１', '．', 'e'), maxLength: 16 }),
          (cell) => {
            const parsed = parsePriceCell(cell);
            if (parsed !== null) expect(Number.isSafeInteger(parsed.minor) && parsed.minor >= 0 && parsed.minor <= MAX_IMPORT_PRICE_MINOR).toBe(true);
          },
        ),
        propertyParameters(2000),
      );
    },
    propertyTimeout(),
  );

  it(
    'a season written as a month range, in digits or Chinese, with any separator, reads as that window',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 12 }),
          fc.boolean(),
          fc.constantFrom('-', '~', '至', '到'),
          fc.boolean(),
          (from, to, chinese, separator, monthOnBoth) => {
            const name = (m: number) => (chinese ? CHINESE_MONTHS[m - 1]! : String(m));
            const cell = `${name(from)}${monthOnBoth ? '月' : ''}${separator}${name(to)}月`;
            expect(parseSeasonMonths(cell)).toEqual([{ fromMonth: from, toMonth: to }]);
          },
        ),
        propertyParameters(1000),
      );
    },
    propertyTimeout(),
  );

  it(
    'a season cell is either null or windows of months 1–12',
    () => {
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom('1', '3', '0', '9', '-', '月', '至', '十', '一', '、', ',', '全年', '13', ' '), maxLength: 12 }),
          (cell) => {
            const windows = parseSeasonMonths(cell);
            if (windows) for (const w of windows) expect(w.fromMonth >= 1 && w.fromMonth <= 12 && w.toMonth >= 1 && w.toMonth <= 12).toBe(true);
          },
        ),
        propertyParameters(2000),
      );
    },
    propertyTimeout(),
  );

  it(
    'a unit word with a whole quantity multiplies by its factor (3两 = 150 g)',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...Object.keys(DEFAULT_UNIT_WORDS)), fc.integer({ min: 1, max: 999_999 }), (word, quantity) => {
          const { unit, factor } = DEFAULT_UNIT_WORDS[word.toLowerCase()]!;
          expect(parseUnitWord(`${quantity}${word}`)).toEqual({ unit, quantity: quantity * factor });
        }),
        propertyParameters(500),
      );
    },
    propertyTimeout(),
  );

  it(
    'the sniffed delimiter is the one the header was written with',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.string({ unit: fc.constantFrom('品', '名', 'a', ' ', '"'), minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 8 }),
          fc.constantFrom(',', '\t', ';'),
          (cells, delimiter) => {
            const header = cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(delimiter);
            expect(sniffDelimiter(`${header}\r\nx${delimiter}1,5\r\n`)).toBe(delimiter);
          },
        ),
        propertyParameters(500),
      );
    },
    propertyTimeout(),
  );

  it(
    'a suggestion never maps two columns to one field, and always passes its own mapping check when it has a title and a price',
    () => {
      const headers = [
        '商品名称',
        '品名',
        '名称',
        '规格',
        '价格',
        '单价',
        '售价',
        '库存',
        '数量',
        '分类',
        '类别',
        '上市月份',
        '季节',
        '简介',
        '描述',
        '单位',
        '编码',
        '货号',
        'SKU',
        '备注',
        '',
        'price',
        'Title',
      ];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...headers), { minLength: 1, maxLength: 12 }), (header) => {
          const suggestion = suggestColumnMapping(header, []);
          const fields = suggestion.map((s) => s.field).filter((f) => f !== null);
          expect(new Set(fields).size).toBe(fields.length);
          for (const s of suggestion) if (s.field) expect(IMPORT_FIELDS).toContain(s.field);
          expect(suggestion.map((s) => s.header)).toEqual(columnKeys(header));
          const mapping = Object.fromEntries(suggestion.map((s) => [s.header, s.field]));
          const issues = mappingIssues(columnKeys(header), mapping);
          const complete = fields.includes('price') && (fields.includes('title_zh') || fields.includes('title_en'));
          expect(issues.length === 0).toBe(complete);
        }),
        propertyParameters(1000),
      );
    },
    propertyTimeout(),
  );
});
