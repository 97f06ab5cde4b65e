import type { LocalizedText } from '../locale/locale';

/**
 * The lower-cased text a record is found by: every locale of the given fields, and extra
 * words (tags), joined by a separator no query can span.
 *
 * @example
 * searchTextOf([{ 'zh-CN': '莱阳梨', en: 'Laiyang Pear' }], ['pear']) // '莱阳梨\u0001laiyang pear\u0001pear'
 */
export function searchTextOf(fields: ReadonlyArray<LocalizedText | undefined>, extra: readonly string[] = []): string {
  const parts: string[] = [];
  for (const field of fields) {
    if (!field) continue;
    for (const value of Object.values(field)) if (value) parts.push(value);
  }
  parts.push(...extra);
  return parts.map((p) => p.toLowerCase()).join('\u0001');
}

/**
 * Escapes `%`, `_` and `\` so user text matches literally inside `LIKE … ESCAPE '\'`.
 *
 * @example
 * escapeLike('100%') // '100\\%'
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
