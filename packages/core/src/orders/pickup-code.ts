import { randomInt } from 'node:crypto';

/**
 * Letters and digits that cannot be mistaken for one another when read aloud or typed from a
 * phone screen: no 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V. 21 symbols, 6 of them per code
 * (about 85 million codes), shown as `K7M-4PX`.
 */
export const PICKUP_CODE_ALPHABET = '34679ACEFGHJKMNPRTWXY';
export const PICKUP_CODE_LENGTH = 6;

/**
 * A fresh random pickup code (no separator), from {@link PICKUP_CODE_ALPHABET}.
 *
 * @example
 * newPickupCode() // 'K7M4PX'
 */
export function newPickupCode(): string {
  let code = '';
  for (let i = 0; i < PICKUP_CODE_LENGTH; i++) code += PICKUP_CODE_ALPHABET[randomInt(PICKUP_CODE_ALPHABET.length)];
  return code;
}

/**
 * Reads a pickup code as staff typed or scanned it: case, spaces and dashes do not matter.
 * Returns null for anything that cannot be a code (wrong length, other characters), so the
 * caller answers 422 without a query.
 *
 * @example
 * normalizePickupCode(' k7m-4px ') // 'K7M4PX'
 * normalizePickupCode('DROP TABLE') // null
 */
export function normalizePickupCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const code = input.replace(/[\s\-‐-―]/g, '').toUpperCase();
  if (code.length !== PICKUP_CODE_LENGTH) return null;
  for (const ch of code) if (!PICKUP_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/**
 * A code as shown to people: two groups of three (`K7M-4PX`).
 *
 * @example
 * formatPickupCode('K7M4PX') // 'K7M-4PX'
 */
export function formatPickupCode(code: string): string {
  return code.length === PICKUP_CODE_LENGTH ? `${code.slice(0, 3)}-${code.slice(3)}` : code;
}
