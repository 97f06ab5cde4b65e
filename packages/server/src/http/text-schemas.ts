import { z } from 'zod';

/** C0 controls (and DEL, C1, lone surrogates) in a one-line field; NUL breaks PostgreSQL text outright. */
const SINGLE_LINE_FORBIDDEN = /[\p{Cc}\p{Cs}]/u;
/** Multi-line text may hold tab, line feed and carriage return (a textarea sends CR LF), nothing else below U+0020. */
const MULTI_LINE_FORBIDDEN = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\p{Cs}]/u;

export const CONTROL_CHARACTER_MESSAGE = 'Control characters are not allowed.';
export const CONTROL_CHARACTER_MULTILINE_MESSAGE = 'Control characters other than tab and newline are not allowed.';

/**
 * A text field for any API schema, storefront or admin: at most `max` characters and no
 * control characters, so a NUL or an escape sequence is a 400 naming the field instead of a
 * broken export or a PostgreSQL error. `multiline` allows tab and newlines.
 *
 * @example
 * const title = text(200);
 * const description = text(20_000, { multiline: true });
 */
export function text(max: number, options: { min?: number; multiline?: boolean } = {}) {
  const forbidden = options.multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN;
  const message = options.multiline ? CONTROL_CHARACTER_MULTILINE_MESSAGE : CONTROL_CHARACTER_MESSAGE;
  const sized = options.min ? z.string().min(options.min).max(max) : z.string().max(max);
  return sized.refine((value) => !forbidden.test(value), message);
}

/**
 * True when `text` holds no control characters and no lone UTF-16 surrogates (the check
 * {@link text} applies to one-line fields).
 *
 * @example
 * isCleanText('梨 pear') // true
 * isCleanText('a\u0000b') // false
 */
export function isCleanText(value: string): boolean {
  return !SINGLE_LINE_FORBIDDEN.test(value);
}
