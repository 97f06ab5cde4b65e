/**
 * A short GBK text can happen to be valid UTF-8: 山 is C9 BD, which UTF-8 reads as "ɽ". Such a
 * reading has no CJK at all (Chinese in UTF-8 takes three bytes) but letters from U+0100–U+07FF
 * (IPA, Greek, Cyrillic, Hebrew, Arabic: what GBK lead bytes C4–DF become); when the same bytes
 * read as GB18030 give Chinese, the file is GBK. Latin-1 accents (`Café`) stay UTF-8.
 */
function looksLikeMisreadGbk(text: string, bytes: Uint8Array): boolean {
  if (/[\u0800-\uffff]/.test(text) || !/[\u0100-\u07ff]/.test(text)) return false;
  const gb = new TextDecoder('gb18030').decode(bytes);
  return !gb.includes('\ufffd') && /[\u4e00-\u9fff]/.test(gb);
}

/** Which encoding a CSV file turned out to be in. */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

/**
 * Turns the bytes of a spreadsheet export into text. UTF-8 (with or without the BOM Excel
 * adds) is taken when the bytes are valid UTF-8; otherwise they are read as GB18030, the
 * superset of GBK/GB2312 that Chinese Excel and WPS write by default (strict UTF-8 is tried
 * first: GBK text is almost never valid UTF-8, while UTF-8 Chinese always is). A UTF-16 BOM,
 * little- or big-endian ("Unicode text" exports), is honoured too.
 *
 * @example
 * const { text, encoding } = decodeCsvBytes(await readFile('价目表.csv')); // encoding: 'gb18030'
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return looksLikeMisreadGbk(text, bytes) ? { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' } : { text, encoding: 'utf-8' };
  } catch {
    // Not UTF-8: a Chinese spreadsheet's default. GB18030 maps every byte sequence, so
    // decoding cannot fail; a wrong guess shows up as unknown units or prices per row.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** The delimiters a spreadsheet export uses: comma, tab (Excel "Unicode text"), semicolon (European Excel). */
export type CsvDelimiter = ',' | '\t' | ';';

/**
 * Picks the delimiter of a CSV text by counting comma, tab and semicolon in its header line
 * (outside quotes); the most frequent wins, a comma on a tie or when there is none.
 *
 * @example
 * sniffDelimiter('品名\t价格\n梨\t12') // '\t'
 * sniffDelimiter('品名;价格\n梨;12,5') // ';'
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (counts[','] + counts['\t'] + counts[';'] > 0) break;
    } else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[','] && counts[';'] > counts['\t']) return ';';
  return ',';
}
