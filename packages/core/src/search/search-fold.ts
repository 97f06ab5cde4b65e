import { pinyin } from 'pinyin-pro';
import { Converter } from 'opencc-js/t2cn';

/*
 * Text folding shared by the index and the queries: one code point in, one code point out,
 * so a position in the folded text is a position in the original (snippets rely on it).
 * Traditional characters fold to simplified one character at a time (梨園 → 梨园); phrase
 * conversions of OpenCC are not used because they can change the length.
 */

const toSimplified = Converter({ from: 't', to: 'cn' });
const charCache = new Map<string, string>();
const HAN = /\p{Script=Han}/u;

function foldChar(ch: string): string {
  const cached = charCache.get(ch);
  if (cached !== undefined) return cached;
  let out = ch.normalize('NFKC').toLowerCase();
  if (HAN.test(ch)) out = toSimplified(ch);
  // Keep one code point per code point: anything that would expand stays as it was.
  if ([...out].length !== 1) out = [...ch.toLowerCase()].length === 1 ? ch.toLowerCase() : ch;
  if (charCache.size < 50_000) charCache.set(ch, out);
  return out;
}

/**
 * Folds text for matching: lower case, full-width to half-width, traditional to simplified,
 * one code point per code point.
 *
 * @example
 * foldText('梨園 LAIYANG') // '梨园 laiyang'
 */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

/**
 * Splits a folded text into search terms: runs of letters and digits; everything else
 * (punctuation, FTS operators, quotes, emoji) separates terms and is dropped.
 *
 * @example
 * searchTerms('"莱阳梨" AND *') // ['莱阳梨', 'and']
 */
export function searchTerms(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** True when the text holds at least one Chinese character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * The pinyin syllables of a text, without tones (`v` for ü); a run of characters that are not
 * Chinese stays one piece. Polyphones take pinyin-pro's most likely reading in context.
 *
 * @example
 * pinyinSyllables('樱桃 7号') // ['ying', 'tao', '7', 'hao']
 */
export function pinyinSyllables(text: string): string[] {
  if (!hasHan(text)) return [];
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().trim())
    .filter((p) => /[\p{L}\p{N}]/u.test(p))
    .map((p) => p.replace(/[^\p{L}\p{N}]+/gu, ''));
}

/**
 * The pinyin forms of a text: full syllables joined (`laiyangli`), spaced (`lai yang li`)
 * and initials (`lyl`). Characters that are not Chinese are kept as they are. Polyphones
 * take pinyin-pro's most likely reading in context; other readings are not indexed.
 *
 * @example
 * pinyinForms('莱阳梨') // { full: 'laiyangli', spaced: 'lai yang li', initials: 'lyl' }
 */
export function pinyinForms(text: string): { full: string; spaced: string; initials: string } {
  if (!hasHan(text)) return { full: '', spaced: '', initials: '' };
  const syllables = pinyinSyllables(text);
  const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().trim())
    .filter((p) => /[\p{L}\p{N}]/u.test(p))
    .map((p) => p.replace(/[^\p{L}\p{N}]+/gu, ''));
  return { full: syllables.join(''), spaced: syllables.join(' '), initials: initials.join('') };
}

/**
 * The pinyin of a query term holding Chinese characters, so `莱yang` also looks for
 * `laiyang`. Empty when the term has no Chinese.
 *
 * @example
 * pinyinOfTerm('莱yang') // 'laiyang'
 */
export function pinyinOfTerm(term: string): string {
  return hasHan(term) ? pinyinForms(term).full : '';
}

/** Strips Markdown and HTML syntax to plain words (the snippet escapes whatever is left). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#*_>`~|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
