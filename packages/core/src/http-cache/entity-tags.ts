import * as crypto from 'node:crypto';

// One-shot hashing (Node ≥ 20.12) skips the Hash object: about half the CPU of createHash on a
// storefront list body. Same digest either way.
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'base64url') => string }).hash;

/*
 * Entity tags for every HTTP surface (storefront API, pages, media files, widget assets):
 * one way to make them and one way to compare them, so a 304 means the same everywhere.
 */

/**
 * A weak ETag over a response body: a hash of the exact bytes sent. Weak (`W/`) because a
 * compressing proxy or middleware in front may change the bytes but not the meaning.
 *
 * @example
 * etagOf('{"a":1}') // 'W/"…27 base64url characters…"'
 */
export function etagOf(body: string | Uint8Array): string {
  const digest = oneShotHash ? oneShotHash('sha1', body, 'base64url') : crypto.createHash('sha1').update(body).digest('base64url');
  return `W/"${digest}"`;
}

/**
 * Whether an `If-None-Match` header matches `etag` by the weak comparison RFC 9110 asks for
 * (`W/"x"` matches `"x"`), with lists (`"a", W/"b"`) and `*`.
 *
 * @example
 * ifNoneMatchHits('"abc", W/"def"', 'W/"def"') // true
 * ifNoneMatchHits('W/"def"', '"def"') // true
 * ifNoneMatchHits('*', '"anything"') // true
 * ifNoneMatchHits(undefined, '"def"') // false
 */
export function ifNoneMatchHits(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}
