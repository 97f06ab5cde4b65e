import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password';
import { csrfTokenFor, hashSecretToken, newSecretToken, safeEqual } from './secret-tokens';

describe('password hashing', () => {
  it('hashes with the default scrypt cost, a random salt, and verifies', async () => {
    const a = await hashPassword('pear-blossom-2026');
    const b = await hashPassword('pear-blossom-2026');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('pear-blossom-2026', a)).toBe(true);
    expect(await verifyPassword('pear-blossom-2027', a)).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('keeps verifying hashes made with other parameters, and flags weaker ones', async () => {
    const weak = await hashPassword('pear-blossom-2026', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('pear-blossom-2026', weak)).toBe(true);
    expect(needsRehash(weak, DEFAULT_SCRYPT_PARAMS)).toBe(true);
  });

  it('treats malformed or hostile stored hashes as a mismatch', async () => {
    for (const stored of ['', 'plain', 'scrypt$1048577$8$1$c2FsdHNhbHQ$x', `scrypt$${2 ** 24}$8$1$c2FsdHNhbHRzYWx0$${'A'.repeat(43)}`, 'bcrypt$2b$10$abc']) {
      expect(await verifyPassword('anything-long', stored)).toBe(false);
    }
  });

  it('normalises Unicode so the same password typed on two keyboards matches', async () => {
    const stored = await hashPassword('ｐａｓｓｗｏｒｄ梨花２０２６', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('password梨花2026', stored)).toBe(true);
  });

  it('refuses short and oversized passwords', () => {
    expect(passwordProblem('short')).toBe('too_short');
    expect(passwordProblem('x'.repeat(257))).toBe('too_long');
    expect(passwordProblem('梨花'.repeat(5))).toBeNull();
  });
});

describe('secret tokens', () => {
  it('are 256-bit, prefixed, and stored as SHA-256', () => {
    const token = newSecretToken('trs');
    expect(token).toMatch(/^trs_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    expect(hashSecretToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecretToken(token)).not.toContain(token.slice(4));
  });

  it('derive a CSRF token per session', () => {
    const a = newSecretToken('trs');
    const b = newSecretToken('trs');
    expect(csrfTokenFor(a)).toBe(csrfTokenFor(a));
    expect(csrfTokenFor(a)).not.toBe(csrfTokenFor(b));
    expect(safeEqual(csrfTokenFor(a), csrfTokenFor(a))).toBe(true);
    expect(safeEqual(csrfTokenFor(a), csrfTokenFor(b))).toBe(false);
    expect(safeEqual('a', 'ab')).toBe(false);
  });
});
