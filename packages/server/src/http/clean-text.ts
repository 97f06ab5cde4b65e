/**
 * True when `text` holds no control characters (NUL breaks PostgreSQL text) and no lone
 * UTF-16 surrogates (not encodable as UTF-8): such input is refused with a 400, never sent
 * to the database.
 *
 * @example
 * isCleanText('梨 pear') // true
 * isCleanText('a\u0000b') // false
 */
export function isCleanText(text: string): boolean {
  return !/[\p{Cc}\p{Cs}]/u.test(text);
}
