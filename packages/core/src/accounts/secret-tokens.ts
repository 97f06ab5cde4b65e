import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new secret: 256 random bits, base64url, with a readable prefix so a leaked token is
 * recognisable in logs and secret scanners (`trs_` session, `trt_` API token, `trc_`
 * two-factor sign-in challenge, `tri_` invitation code).
 *
 * @example
 * const token = newSecretToken('trt'); // 'trt_3q2-…' (47 characters)
 */
export function newSecretToken(prefix: 'trs' | 'trt' | 'trc' | 'tri'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * What we store instead of a token: its SHA-256, hex. A fast hash is right here (unlike
 * passwords) because the token already has 256 bits of entropy.
 *
 * @example
 * await db.selectFrom('sessions').where('token_hash', '=', hashSecretToken(cookie))…
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session: derived from the session token, so it is bound to that
 * session, needs no storage, and cannot be computed by a page that cannot read the
 * HttpOnly cookie.
 *
 * @example
 * res.json({ csrfToken: csrfTokenFor(sessionToken) });
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`terroir-csrf\u0000${sessionToken}`, 'utf8').digest('base64url');
}

/** Constant-time comparison of two strings (false when lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
