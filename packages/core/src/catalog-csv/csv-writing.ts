/** The UTF-8 byte-order mark: without it Excel and WPS read UTF-8 CSV as the local ANSI code page. */
export const UTF8_BOM = '\uFEFF';

/**
 * One CSV cell, RFC 4180 quoted when needed. Text that a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`, tab, CR first) gets a leading apostrophe: a product called
 * `=HYPERLINK(…)` must stay text on the accountant's computer. Numbers are written as is.
 *
 * @example
 * csvCell('=1+1') // "'=1+1"
 * csvCell('a,"b"') // '"a,""b"""'
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  // Text that already starts with apostrophes before a formula character gets one more, so
  // the importer (which removes exactly one) reads back what was written.
  if (typeof value === 'string' && /^'*[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV document with a UTF-8 BOM and CRLF line ends (what Excel writes itself).
 *
 * @example
 * toCsv([['slug', 'price'], ['pear', '68.00']]) // '\uFEFFslug,price\r\npear,68.00\r\n'
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return UTF8_BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
