/** Which encoding a CSV file turned out to be in. */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le';

/**
 * Turns the bytes of a spreadsheet export into text. UTF-8 (with or without the BOM Excel
 * adds) is taken when the bytes are valid UTF-8; otherwise they are read as GB18030, the
 * superset of GBK/GB2312 that Chinese Excel and WPS write by default. A UTF-16LE BOM
 * ("Unicode text" exports) is honoured too.
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
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: a Chinese spreadsheet's default. GB18030 maps every byte sequence, so
    // decoding cannot fail; a wrong guess shows up as unknown units or prices per row.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
