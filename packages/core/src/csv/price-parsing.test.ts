import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from './csv-decoding';
import { csvCell, toCsv } from './csv-writing';
import { formatMinor, parsePriceToMinor } from './price-parsing';
import { parseUnit } from './unit-parsing';

describe('prices from spreadsheets', () => {
  it.each([
    ['12.5', 1250],
    ['12.50', 1250],
    ['¥12.50', 1250],
    ['￥12.5', 1250],
    ['12元', 1200],
    ['12.8元', 1280],
    ['１２.５', 1250],
    ['１２．５０', 1250],
    ['RMB 1,280.00', 128000],
    [' 68 ', 6800],
    ['0.1', 10],
    ['0.29', 29],
    ['1000000', 100000000],
  ])('%s → %i fen', (cell, fen) => {
    expect(parsePriceToMinor(cell)).toBe(fen);
  });

  it.each(['', 'abc', '-5', '12.345', '1e3', '12,5', '1000000.01', '0x10', '12.5.1', '¥', 'NaN', 'Infinity'])('refuses %j', (cell) => {
    expect(parsePriceToMinor(cell)).toBeNull();
  });

  it('never goes through floats (0.29 and 1.13 are exact)', () => {
    expect(parsePriceToMinor('1.13')).toBe(113);
    expect(parsePriceToMinor('4.35')).toBe(435);
    expect(formatMinor(113)).toBe('1.13');
    expect(formatMinor(5)).toBe('0.05');
  });
});

describe('units', () => {
  it.each([
    ['斤', 'jin', null],
    ['5斤', 'jin', 5],
    ['公斤', 'kg', null],
    ['千克', 'kg', null],
    ['KG', 'kg', null],
    ['克', 'g', null],
    ['500克', 'g', 500],
    ['个', 'piece', null],
    ['盒', 'box', null],
    ['把', 'bundle', null],
    ['捆', 'bundle', null],
    ['３斤', 'jin', 3],
  ] as const)('%s', (cell, unit, quantity) => {
    expect(parseUnit(cell)).toEqual({ unit, quantity });
  });

  it('refuses unknown units and zero quantities', () => {
    expect(parseUnit('吨')).toBeNull();
    expect(parseUnit('0斤')).toBeNull();
    expect(parseUnit('2.5公斤')).toBeNull();
  });
});

describe('encodings', () => {
  const text = 'product_slug,title_zh\r\npear,莱阳梨\r\n';
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeCsvBytes(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ text, encoding: 'utf-8-bom' });
  });

  it('falls back to GB18030 for bytes that are not UTF-8 (Node has full ICU)', () => {
    // 莱阳梨 in GBK/GB18030.
    const gbk = Buffer.concat([Buffer.from('product_slug,title_zh\r\npear,'), Buffer.from([0xc0, 0xb3, 0xd1, 0xf4, 0xc0, 0xe6]), Buffer.from('\r\n')]);
    expect(decodeCsvBytes(gbk)).toEqual({ text, encoding: 'gb18030' });
  });
});

describe('CSV writing', () => {
  it('quotes, guards formulas and adds a BOM', () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(toCsv([['a', 'b']])).toBe('\uFEFFa,b\r\n');
  });
});
